"""Nothing a document displays may be false: every row of every article and deck, read back.

For twelve reference examples every article and every Beamer deck is generated, each displayed
row pulled out of the LaTeX (continuation lines joined to their row) and read back with
symgrad's own LaTeX reader; it must be a true equation (see tests/readback.py).  Compiled with
pdflatex, no line may run over the margin by more than 1 pt.
"""

from __future__ import annotations

import re
import shutil
from functools import cache

import pytest

import symgrad
from symgrad import Dense, Model, Sequential, Sigmoid, Softmax, Tanh
from symgrad.analysis.kmeans import mean_update_derivation
from symgrad.i18n.language import language
from symgrad.render.documents.document import overfull_boxes, to_pdf
from tests.readback import Reader, align_lines, check_printed_lines, instantiated, rows

NETWORK = (2, 2, 1)


def _examples():
    watermelon = Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
    net = Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())
    return {
        "watermelon": lambda: symgrad.derive(symgrad.distance(watermelon)),
        "linear-mse": lambda: symgrad.derive(symgrad.mse(Model("w*x + b", inputs="x"))),
        "logistic": lambda: symgrad.derive(symgrad.bce(Model("sigmoid(w*x + b)", inputs="x"))),
        "logistic-2-inputs": lambda: symgrad.derive(symgrad.bce(Model(
            "sigmoid(w1*x1 + w2*x2 + b)", inputs=["x1", "x2"]))),
        "network-2-2-1": lambda: symgrad.derive(symgrad.bce(net)),
        "softmax": lambda: symgrad.derive(symgrad.cross_entropy(
            Sequential(Dense(2, 2), Softmax()))),
        "network-softmax-2-3": lambda: symgrad.derive(symgrad.cross_entropy(
            Sequential(Dense(2, 3), Softmax()))),
        "network-2-2-2-1": lambda: symgrad.derive(symgrad.bce(Sequential(
            Dense(2, 2), Sigmoid(), Dense(2, 2), Tanh(), Dense(2, 1), Sigmoid()))),
        "network-2-2-3-softmax": lambda: symgrad.derive(symgrad.cross_entropy(Sequential(
            Dense(2, 2), Sigmoid(), Dense(2, 3), Softmax()))),
        "saddle": lambda: symgrad.stationary_points("2*x**2 + 2*y + 4*x*y"),
        "minimum": lambda: symgrad.explain_minimum("2*x**2 - 12*x + 20"),
        "trace": lambda: symgrad.trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 4),
        "kmeans": mean_update_derivation,
        "verdict": lambda: symgrad.check_derivative("x**3", "x", "3*x"),
        "verdict-gradient": lambda: symgrad.check_gradient(
            symgrad.mse(Model("w*x + b", inputs="x")), "w", "w*x + b - y"),
        "backprop": lambda: symgrad.backprop(symgrad.bce(net)),
        "sum-40": lambda: symgrad.derive(" + ".join(f"{k}*x**{k}*y" for k in range(1, 41)),
                                         wrt="x"),
    }


EXAMPLES = _examples()


@cache
def _derived(name):
    return EXAMPLES[name]()


@cache
def _documents(name, lang="en"):
    obj = _derived(name)
    with language(lang):
        return obj.to_latex(), obj.to_beamer()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", ["article", "slides"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_printed_line_reads_on_its_own(name, kind, lang):
    """Line by line as printed (not joined rows): a line is a whole row, or a broken row's first
    line directly followed by its continuation (an operator first), never with a note between
    them, and no frame starts with a continuation."""
    check_printed_lines(_documents(name, lang)[kind == "slides"])


def test_a_note_between_a_row_and_its_continuation_is_caught():
    """The line read-back fails on the layout of issue 22: a note after a broken row's first
    line."""
    split = ("\\begin{align*}\n &\\frac{\\partial}{\\partial w}\\left[f\\right] = x "
             "\\tag*{\\small chain}"
             " \\\\\n &\\hphantom{a} \\quad \\cdot \\sigma\n\\end{align*}")
    with pytest.raises(AssertionError, match="a note between"):
        check_printed_lines(split)
    with pytest.raises(AssertionError, match="starts with a continuation"):
        check_printed_lines("\\begin{align*}\n &\\quad + b\n\\end{align*}")


@pytest.mark.parametrize("kind", ["article", "slides"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_displayed_row_is_true(name, kind):
    """Each row of the document, read back from its LaTeX, is a true equation."""
    tex = _documents(name)[kind == "slides"]
    reader = Reader()
    found = rows(tex)
    assert found, "the document displays no math"
    form = getattr(_derived(name), "form", None)
    if form is not None:  # the index form: each generic row at every index it stands for
        found = instantiated(found, form.shape.sizes)
    for row in found:
        reader.row(row)
    assert reader.checked >= 1
    if form is not None:  # only its matrix form (ᵀ, ⊙) is not read as scalars
        assert all(r"\mathsf T" in r or r"\odot" in r for r in reader.opaque)
        assert len(reader.opaque) <= len(form.rows("matrix"))
        return
    if name != "backprop":
        assert not reader.opaque, reader.opaque
    assert len(reader.opaque) <= 3


def test_a_false_row_is_caught():
    """The reader is not a rubber stamp: a wrong derivative, a wrong sum and a split row fail."""
    for wrong in [r"\frac{d}{d x}\left[x^{3}\right] = 3 x",
                  r"x^{(1)} = 1 - \frac{1}{4} \cdot 4 = 1"]:
        with pytest.raises(AssertionError):
            reader = Reader()
            reader.row(r"x^{(0)} = 1")
            reader.row(wrong)
    broken = "\\begin{align*}\ny^{(4)} &= \\frac{1}{8} \\\\\n &- \\frac{1}{16}\n\\end{align*}"
    assert rows(broken) == [r"y^{(4)} = \frac{1}{8} - \frac{1}{16}"]
    with pytest.raises(AssertionError):
        rows("\\begin{align*}\nf &= x \\\\\n & x + 1\n\\end{align*}")


def test_long_rows_break_between_terms_with_the_operator_first():
    """The 40-term sum breaks at top-level + signs; every continuation starts with +."""
    article = _documents("sum-40")[0]
    continued = [line for line in align_lines(article)
                 if line.startswith(" &") and re.match(r" &(\\quad )+[+-] ", line)]
    assert len(continued) >= 3
    assert r"\resizebox" not in article and r"\fitbox" not in article


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")
@pytest.mark.parametrize("kind", ["article", "slides"])
@pytest.mark.parametrize("name", ["watermelon", "logistic", "network-2-2-1", "saddle", "trace",
                                  "backprop", "sum-40", "softmax", "kmeans", "verdict",
                                  "network-softmax-2-3", "network-2-2-2-1",
                                  "network-2-2-3-softmax"])
def test_no_line_runs_over_the_margin(name, kind, tmp_path):
    """pdflatex reports no Overfull \\hbox over 1 pt in the article or the deck, and no frame
    runs off the bottom of its slide (Overfull \\vbox)."""
    tex = tmp_path / f"{name}-{kind}.tex"
    tex.write_text(_documents(name)[kind == "slides"])
    pdf = to_pdf(tex)
    log = pdf.with_suffix(".log").read_text()
    assert overfull_boxes(log, limit_pt=1.0) == []
    assert kind == "article" or "Overfull \\vbox" not in log


def _frames(deck: str) -> list[tuple[str, str]]:
    frames = re.findall(r"\\begin\{frame\}(?:\{(.*?)\})?\n(.*?)\\end\{frame\}", deck, re.S)
    return [(title, body) for title, body in frames if r"\titlepage" not in body]


@pytest.mark.parametrize(("name", "most"), [("logistic", 15), ("network-2-2-1", 25),
                                            ("watermelon", 20), ("trace", 12),
                                            ("network-softmax-2-3", 25),
                                            ("network-2-2-2-1", 25),
                                            ("network-2-2-3-softmax", 25)])
def test_decks_a_class_can_follow(name, most):
    """Logistic regression fits in 15 frames, a 2-2-1 network in 25; a frame that continues a
    section holds at least two lines, or words beside its one line, never a lone line."""
    deck = _documents(name)[1]
    frames = _frames(deck)
    assert 1 + len(frames) <= most
    for (before, _), (title, body) in zip(frames, frames[1:]):
        if title == before:
            words = re.sub(r"\\begin\{align\*\}.*?\\end\{align\*\}", "", body, flags=re.S)
            assert body.count(" \\\\\n") >= 1 or words.strip(), (title, body)


def test_a_network_is_written_with_its_intermediate_quantities():
    """The 2-2-1 network's derivation is the index form: z⁽ˡ⁾ⱼ as a sum over k, the chain rule
    through a⁽ˡ⁾ⱼ once for a generic unit, δ passed down by the recursion; the fully expanded
    formula of a weight's gradient is not printed."""
    article = _documents("network-2-2-1")[0]
    assert r"z^{(1)}_{j} &= b^{(1)}_{j} + \sum_{k=1}^{2} W^{(1)}_{j,k} x_{k}" in article
    assert (r"\delta^{(2)}_{1} &= \frac{\partial \ell}{\partial a^{(2)}_{1}} \cdot "
            r"\frac{\partial a^{(2)}_{1}}{\partial z^{(2)}_{1}}" in article)
    assert (r"\delta^{(1)}_{j} &= \left(1 - a^{(1)}_{j}\right) a^{(1)}_{j} \sum_{k=1}^{1} "
            r"W^{(2)}_{k,j} \delta^{(2)}_{k}" in article)
    assert r"\frac{\partial \ell}{\partial W^{(1)}_{j,k}}" in article
    assert r"\sigma\left(W^{(2)}_{11}" not in article and "W^{(1)}_{11}" not in article


def test_sigma_everywhere_once_recognised():
    """A model written as 1/(1 + e^{-z}) prints as σ(z) in every row, never beside its exp form."""
    d = symgrad.derive(symgrad.bce(Model("1/(1 + exp(-w*x - b))", inputs="x")))
    article = d.to_latex().split(r"\begin{document}")[1]
    assert r"\sigma\left(b + w x\right)" in article
    assert "e^{- b - w x}" not in article and "e^{b + w x}" not in article


def test_one_derivative_sign_per_document():
    """∂ throughout a function of several variables, d throughout one of one variable, and a
    variable named d gives ∂/∂d, never d/dd."""
    def body(tex):
        return tex.split(r"\begin{document}")[1]

    several = body(symgrad.stationary_points("2*x**2 + 2*y + 4*x*y").to_latex())
    one = body(symgrad.explain_minimum("2*x**2 - 12*x + 20").to_latex())
    assert r"\frac{d" not in several and r"\partial" in several
    assert r"\partial" not in one and r"\frac{d f}{d x}" in one
    named_d = body(symgrad.derive("d**3").to_latex())
    assert "d d}" not in named_d and r"\frac{\partial}{\partial d}" in named_d


def test_matrices_print_as_matrices():
    """The saddle's Hessian is a pmatrix in LaTeX and a bracketed grid in text."""
    from symgrad.render.printers.text import text

    assert r"\begin{pmatrix}4 & 4\\4 & 0\end{pmatrix}" in _documents("saddle")[0]
    assert text(__import__("sympy").Matrix([[4, 4], [4, 0]])) == "[4, 4; 4, 0]"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_a_name_only_for_a_part_that_does_not_fit(name):
    """ξ names (issue 22): a row's left side ∂/∂x[…] that is long goes on a line of its own
    instead of being named; a name is introduced in words once and reused, never given to two
    equal expressions; no doubled brackets."""
    for tex in _documents(name):
        definitions = re.findall(r"^(.*?)&?\\xi_\{(\d+)\} &?= (.*?)(?: \\tag\*\{\\small (.*?)\})?"
                                 r"(?: \\\\)?$", tex, re.M)
        defined = [(k, body) for _, k, body, _ in definitions]
        assert len({k for k, _ in defined}) == len(defined), "a name defined twice"
        assert len({body for _, body in defined}) == len(defined), "one expression, two names"
        assert all(note.startswith("introduce") for *_, note in definitions if note)
        assert not re.search(r"\\left\(\\left\((?:(?!\\left|\\right).)*\\right\)\\right\)", tex)
    counts = {"sum-40": 1}
    article, deck = _documents(name)
    for tex in (article, deck):
        assert len(set(re.findall(r"\\xi_\{(\d+)\}", tex))) == counts.get(name, 0), name


def test_a_long_left_side_stands_on_its_own_line():
    """The 40-term derivative's bracket is f, said above (no ξ for the whole side); a bracket
    too long for half the line stands alone and its right side follows, led by =."""
    article = _documents("sum-40")[0]
    assert r"&\frac{\partial f}{\partial x} = 1600 x^{39} y" in article
    net = symgrad.derive(symgrad.mse(Model("w0 + w1*x + w2*x**2 + w3*x**3", inputs="x")))
    with language("en"):
        deck = net.to_beamer()
    assert r"\xi" not in deck.split(r"\begin{document}")[1]
    check_printed_lines(deck)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_no_frame_ends_with_a_heading(name, lang):
    """A section joined to the next one's frame never leaves that section's heading alone at
    the bottom of a frame (its content and title on the next)."""
    deck = _documents(name, lang)[1]
    for frame in deck.split(r"\begin{frame}")[1:]:
        lines = [line.strip() for line in frame.split(r"\end{frame}")[0].splitlines()
                 if line.strip()]
        assert not lines[-1].startswith(r"\structure{"), (name, lines[-1])


def test_a_trace_step_does_not_leave_the_next_steps_heading_behind():
    """The case found on the trace deck of (x − 3)² + 2: 'Step 2' ended the frame of step 1."""
    deck = symgrad.trace_descent("(x-3)**2 + 2", {"x": 0}, "1/4", 4).to_beamer()
    for frame in deck.split(r"\begin{frame}")[1:]:
        last = frame.split(r"\end{frame}")[0].strip().splitlines()[-1]
        assert not last.startswith(r"\structure{"), last
