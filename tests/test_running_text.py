"""Math in running text is typeset as math; Chinese sentences read like a Chinese textbook.

Over the reference examples of test_presentation.py, both languages, article and deck: no Greek
letter, sub- or superscript, prime or lone variable letter outside math mode, and no ASCII
``:``/``;`` or English word in a Chinese sentence (tests/running_text.py).
"""

from __future__ import annotations

import pytest
import sympy

import symgrad

from tests.running_text import catalogue_problems, problems
from tests.test_presentation import EXAMPLES, _documents


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_running_text_has_no_bare_math(name, lang):
    """Every symbol in the running text of the article and the deck is set as math."""
    for tex in _documents(name, lang):
        assert problems(tex, lang) == []


def test_the_check_sees_bare_math():
    """The check is not a rubber stamp: the sentences of issue 22 fail it."""
    doc = r"\begin{document}" "\n"
    assert problems(doc + "Each unit j of layer l adds up z⁽ˡ⁾ⱼ", "en")
    assert problems(doc + r"At $x = 3$: f″(3) = 4 > 0", "en")
    assert problems(doc + "Over m samples the loss is the mean J", "en")
    assert problems(doc + "第 l 层", "zh")
    assert problems("\\title{Checking ∂ℓ/∂w for $ℓ = x$}\n" + doc, "en")  # titles are read too
    assert problems(doc + "所以: 损失 invalid syntax", "zh")
    assert problems(doc + r"在 $x = 3$ 处：极小值。", "zh") == []


def _chinese_catalogue():
    from symgrad.i18n import words_errors_zh, words_ui_zh, words_zh

    for table in (words_zh.WORDS, words_ui_zh.WORDS, words_errors_zh.ERRORS):
        yield from table.items()


@pytest.mark.parametrize(("key", "value"), sorted(_chinese_catalogue()))
def test_chinese_catalogue_reads_like_a_textbook(key, value):
    """Every entry of the Chinese catalogue (documents, command line, web page, errors): full-
    width punctuation in its sentences and no English word outside math, code and names."""
    assert catalogue_problems(value) == []


def test_the_catalogue_check_sees_english():
    """The entries issue 22 found fail the catalogue check."""
    assert catalogue_problems("拟合的模型 f = {0}（bce 损失）") == []  # bce: a function's name
    assert catalogue_problems("k-means，k = {0}：{1}后收敛")
    assert catalogue_problems("它不是我能读懂的公式（第 {0} 列语法错误：invalid syntax）")
    assert catalogue_problems("凡 u ≠ 0 处 u/|u| 都等于 sign(u)") == []  # sign(u): code
    assert catalogue_problems("在 {0}:{1} 上监听")


#: Wrong answers whose verdicts carry a hint with math in it (issue 22: hints marked $…$).
SLIPS = [("x**3", "x", "3*x"), ("x*sin(x)", "x", "cos(x)"),
         ("sigmoid(x)", "x", "sigmoid(x)*(1 + sigmoid(x))"), ("exp(3*x)", "x", "3*x*exp(3*x - 1)"),
         ("x**2/2", "x", "-x"), ("tanh(x)", "x", "1 + tanh(x)**2")]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("slip", SLIPS, ids=[s[2] for s in SLIPS])
def test_verdict_documents_set_hints_and_counterexamples_as_math(slip, lang):
    """A verdict document's message — the counterexample and the hint's rule — is set as math,
    in both languages; the terminal keeps the same words without the marks."""
    from symgrad.i18n.language import language

    verdict = symgrad.check_derivative(*slip)
    with language(lang):
        tex, line = verdict.to_latex(), str(verdict.message)
    assert problems(tex, lang) == []
    assert "$" not in line


def test_text_writes_sgn_and_pi():
    """The terminal prints sgn (textbooks' name of the sign function) and π, not sign and pi."""
    from symgrad.render.printers.text import text

    x = sympy.Symbol("x", real=True)
    assert text(sympy.sign(x) + 2 * sympy.pi) == "sgn(x) + 2·π"
