"""Chinese beside English: complete catalogues, the same mathematics, documents that compile."""

import re
import subprocess

import pytest
import sympy

import symgrad
from symgrad import explain_minimum, stationary_points, trace_descent
from symgrad.analysis.kmeans import mean_update_derivation
from symgrad.calculus.rules import Step
from symgrad.i18n.language import catalogue, checked, current, language, phrase
from symgrad.render.documents.document import overfull_boxes, to_pdf
from symgrad.render.outline import Math, Para, Words
from tests.catalogues import CHINESE, ENGLISH
from tests.conftest import require_tool

WATERMELON = symgrad.Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
#: The reference examples of the article, one per kind of explainable result.
REFERENCE = {
    "watermelon": lambda: symgrad.derive(symgrad.mse(WATERMELON)),
    "logistic": lambda: symgrad.derive(symgrad.bce(symgrad.Model("sigmoid(w*x + b)",
                                                                 inputs="x"))),
    "saddle": lambda: stationary_points("2*x**2 + 2*y + 4*x*y"),
    "minimum": lambda: explain_minimum("2*x**2 - 12*x + 20"),
    "trace": lambda: trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 3),
    "kmeans": mean_update_derivation,
    "backprop": lambda: symgrad.backprop(symgrad.cross_entropy(symgrad.Sequential(
        symgrad.Dense(2, 3), symgrad.Sigmoid(), symgrad.Dense(3, 2), symgrad.Softmax()))),
}
_PLACEHOLDER = re.compile(r"(?<!\{)\{\d+(?:![rsa])?(?::[^{}]*)?\}")


def _rule_names():
    seen, todo = set(), [Step]
    while todo:
        cls = todo.pop()
        seen.add(cls.rule)
        todo.extend(cls.__subclasses__())
    return seen - {"step"}


def test_every_key_has_a_chinese_entry():
    """The Chinese catalogue has every English key, and no key the English one lacks."""
    assert sorted(set(ENGLISH) - set(CHINESE)) == []
    assert sorted(set(CHINESE) - set(ENGLISH)) == []


@pytest.mark.parametrize("key", sorted(ENGLISH))
def test_placeholders_agree(key):
    """A Chinese entry fills the same {0}, {1} … as the English one (in any order)."""
    assert sorted(_PLACEHOLDER.findall(CHINESE[key])) == sorted(_PLACEHOLDER.findall(ENGLISH[key]))


def test_every_rule_has_its_textbook_name():
    """Each derivative rule symgrad applies is named in Chinese, not by the fallback."""
    missing = sorted(r for r in _rule_names() if f"rule.{r}" not in CHINESE)
    assert missing == []
    assert [phrase(f"rule.{r}", lang="zh") for r in
            ("sum", "constant multiple", "power", "product", "quotient")] == [
        "加法法则", "常数倍法则", "幂法则", "乘积法则", "商法则"]
    assert phrase("rule.chain", lang="zh").startswith("链式法则")


def test_language_default_comes_from_the_environment(monkeypatch):
    """SYMGRAD_LANG sets the default; lang= wins over it; an unknown code is one clear error."""
    monkeypatch.setenv("SYMGRAD_LANG", "zh_CN.UTF-8")
    assert current() == "zh" and phrase("rule.sum") == "加法法则"
    with language("en"):
        assert phrase("rule.sum") == "sum rule"
    monkeypatch.setenv("SYMGRAD_LANG", "klingon")
    with pytest.raises(ValueError, match="unknown language 'klingon'; symgrad speaks en, zh"):
        current()
    assert catalogue("en")["rule.sum"] == ENGLISH["rule.sum"] and checked("ZH") == "zh"


def _math_and_keys(doc):
    """Everything but the words: every math row, and the keys (not words) of the outline."""
    def keys(w):
        if isinstance(w, Words):
            return (w.key, tuple(keys(a) for a in w.args))
        return w if isinstance(w, (sympy.Basic, int)) else type(w).__name__

    out = [keys(doc.title)]
    for section in doc.sections:
        out.append(keys(section.heading))
        for item in section.items:
            out.append(item.rows if isinstance(item, Math) else
                       tuple(keys(p) for p in item.parts) if isinstance(item, Para) else item)
    return out


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_the_mathematics_is_the_same_in_both_languages(name):
    """The zh outline equals the en one except for words; the LaTeX math is character-equal."""
    result = REFERENCE[name]()
    with language("en"):
        en = result.document()
    with language("zh"):
        zh = result.document()
    assert _math_and_keys(en) == _math_and_keys(zh)

    def math(tex):
        blocks = re.findall(r"\\begin\{align\*\}.*?\\end\{align\*\}", tex, re.S)
        return [re.sub(r"\\text\{[^}]*\}", "", re.sub(r"\\tag\*\{.*\}", "", b))
                for b in blocks]

    assert math(result.to_latex(lang="en")) == math(result.to_latex(lang="zh"))


# English words that may stay in a Chinese text: names of functions, algorithms and tools.
_NAMES = {"sigmoid", "softmax", "Softmax", "Lloyd", "means", "SymPy", "ReLU", "sign", "tanh"}


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_chinese_markdown_has_no_english_words(name):
    """Outside math, a zh document says nothing in English (but names like sigmoid).

    Computed in Chinese: a stationary point's test is stated when it is computed.
    """
    with language("zh"):
        md = REFERENCE[name]().to_markdown()
    prose = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", md, flags=re.S)
    english = {w for w in re.findall(r"[A-Za-z]{4,}", prose)} - _NAMES
    assert english == set()
    assert re.search(r"[\u4e00-\u9fff]", md)


def test_explainable_text_takes_a_language():
    """text(lang="zh") names the rules in Chinese; the default stays English."""
    d = REFERENCE["watermelon"]()
    zh = d.text(steps=True, lang="zh")
    assert "链式法则" in zh and "加法法则" in zh and "均方误差的梯度" in zh
    assert "chain rule" in d.text(steps=True)
    mae = symgrad.derive(symgrad.mae(symgrad.Model("w*x", inputs="x")))
    assert mae.text(lang="zh").splitlines()[-1] == "注意：在 f − y = 0 处不可导。"


@pytest.mark.parametrize("name", ["watermelon", "logistic", "saddle", "trace", "kmeans"])
@pytest.mark.parametrize("kind", ["article", "slides"])
def test_chinese_documents_compile_with_the_cjk_font(name, kind, tmp_path):
    """zh articles and decks compile with xelatex, embed Noto CJK, and nothing runs over."""
    require_tool("xelatex")
    require_tool("pdffonts")
    result = REFERENCE[name]()
    tex = tmp_path / f"{name}-{kind}.tex"
    (result.to_latex if kind == "article" else result.to_beamer)(tex, lang="zh")
    pdf = to_pdf(tex)
    log = tex.with_suffix(".log").read_text()
    assert "Missing character" not in log
    assert overfull_boxes(log, limit_pt=1.0) == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    family = "NotoSerifCJK" if kind == "article" else "NotoSansCJK"
    cjk = [line for line in fonts.splitlines() if family in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # the "emb" column


def test_english_documents_still_use_pdflatex(tmp_path):
    """Only a Chinese document switches engines: an English one compiles with pdflatex."""
    require_tool("pdflatex")
    tex = tmp_path / "saddle.tex"
    REFERENCE["saddle"]().to_latex(tex)
    to_pdf(tex)
    assert "pdfTeX" in tex.with_suffix(".log").read_text().splitlines()[0]


@pytest.mark.parametrize("start", [{"x": 0}, {"x": 1, "y": 1}])
def test_chinese_plot_titles_have_every_glyph(start, tmp_path):
    """A zh descent plot draws its Chinese title and legend with no missing glyph (no boxes)."""
    import warnings

    formula = "2*x**2 - 12*x + 20" if len(start) == 1 else "2*x**2 + y**2 + 3"
    with language("zh"):
        trace = trace_descent(formula, start, "1/8", 3)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
            fig = trace.plot(tmp_path / "zh.png")
    assert "梯度下降" in fig.axes[0].get_title()
    assert (tmp_path / "zh.png").stat().st_size > 0


def test_every_command_takes_lang():
    """--lang is an option of every sub-command of the symgrad command."""
    from symgrad.cli.main import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert commands and all("--lang" in c._option_string_actions for c in commands.values())


def test_command_line_in_chinese(cli, monkeypatch):
    """`--lang zh` and SYMGRAD_LANG=zh print Chinese; a language symgrad lacks is one line."""
    code, out, _ = cli("derive", "w*x", "--inputs", "x", "--rules", "--lang", "zh")
    assert code == 0 and "均方误差的梯度" in out and "链式法则" in out
    code, out, _ = cli("explain", "2*x**2 + 2*y + 4*x*y", "--lang", "zh")
    assert code == 0 and "鞍点" in out and "没有最小值" in out
    monkeypatch.setenv("SYMGRAD_LANG", "zh")
    code, out, _ = cli("steps", "x**2")
    assert code == 0 and out.endswith("幂法则\n")
    code, out, err = cli("derive", "w*x", "--inputs", "x", "--lang", "fr")
    assert code == 2 and out == ""
    # SYMGRAD_LANG=zh says the language of the error about --lang
    assert err == "symgrad：错误：参数 --lang：未知的语言 'fr'；symgrad 支持 en, zh\n"
    monkeypatch.delenv("SYMGRAD_LANG")
    code, out, err = cli("derive", "w*x", "--inputs", "x", "--lang", "fr")
    assert err == "symgrad: error: argument --lang: unknown language 'fr'; symgrad speaks en, zh\n"


ARTICLE_CROSS_ENTROPY = (r"-\frac{1}{m}\sum_{i=1}^{m}\left(f(x_{i}) \log(y_{i}) + "
                         r"(1 - f(x_{i})) \log(1 - y_{i})\right)")


def test_check_in_chinese_names_the_swapped_cross_entropy(cli):
    """`symgrad check --lang zh` on the article's cross-entropy gives the hint in Chinese."""
    code, out, err = cli("check", "--loss", "bce", "--model", "sigmoid(w*x + b)", "--inputs",
                         "x", "--claimed", ARTICLE_CROSS_ENTROPY, "--lang", "zh")
    assert (code, err) == (1, "")
    assert out.startswith("检查 二元交叉熵的 ℓ(f, y)\n结论：错误。\n")
    assert "提示：标签和预测值写反了：标签 y 被放进了对数里" in out
    code, out, _ = cli("check", "--loss", "bce", "--model", "sigmoid(w*x + b)", "--inputs",
                       "x", "--claimed", ARTICLE_CROSS_ENTROPY)
    assert code == 1 and "Hint: label and prediction are swapped" in out


def test_check_needs_a_derivative_or_a_loss(cli):
    """check without --f and without --loss is one line, exit 2."""
    assert cli("check", "--claimed", "x")[2] == (
        "symgrad: error: check needs --f (a derivative; --wrt too when f has several "
        "variables) or --loss (a loss)\n")
