"""Documents: every explainable object compiles to a PDF article and to slides that fit."""

import shutil
import subprocess

import pytest

import symgrad
from symgrad import explain_minimum, stationary_points, trace_descent
from symgrad.check import check_derivative, check_loss
from symgrad.cli.main import main
from symgrad.render.documents.document import LatexError, overfull_boxes, to_pdf
from tests.conftest import require_tool

WATERMELON = symgrad.Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
NEURON = symgrad.Model("X1*W1 + X2*W2", inputs=["X1", "X2"], params=["W1", "W2"])
DIGITS = symgrad.Sequential(symgrad.Dense(64, 32), symgrad.Sigmoid(), symgrad.Dense(32, 10),
                            symgrad.Softmax())
EXPLAINED = {
    "watermelon": lambda: symgrad.derive(symgrad.mse(WATERMELON)),
    "neuron": lambda: symgrad.derive(symgrad.mse(NEURON, target="Y")),
    "distance": lambda: symgrad.derive(symgrad.distance(WATERMELON)),
    "two-three-one": lambda: symgrad.derive(symgrad.mse(symgrad.Sequential(
        symgrad.Dense(2, 3, bias=False), symgrad.Dense(3, 1, bias=False)))),
    "digits-backprop": lambda: symgrad.backprop(symgrad.cross_entropy(DIGITS)),
    "minimum": lambda: explain_minimum("2*x**2 - 12*x + 20"),
    "saddle": lambda: stationary_points("2*x**2 + 2*y + 4*x*y"),
    "trace": lambda: trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 5),
    "verdict": lambda: check_derivative("sin(x^2)", "x", "cos(x^2)"),
    "swapped-cross-entropy": lambda: check_loss(
        symgrad.bce(symgrad.Model("sigmoid(w*x)", inputs="x")), "-(f*log(y) + (1-f)*log(1-y))"),
}


def pdf_pages(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in out.stdout.splitlines()
                    if line.startswith("Pages:")))


@pytest.mark.parametrize("name", sorted(EXPLAINED))
def test_article_compiles(name, tmp_path):
    """The article of every example compiles with pdflatex into a readable PDF."""
    require_tool("pdflatex")
    require_tool("pdfinfo")
    tex = tmp_path / f"{name}.tex"
    text = EXPLAINED[name]().to_latex(tex)
    assert text.startswith(r"\documentclass") and tex.read_text() == text
    pdf = to_pdf(tex)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf_pages(pdf) >= 1


@pytest.mark.parametrize("name", sorted(EXPLAINED))
def test_slides_compile_and_fit(name, tmp_path):
    """The slides compile, reveal steps with overlays, and nothing runs off a frame (≤ 10pt)."""
    require_tool("pdflatex")
    tex = tmp_path / f"{name}-slides.tex"
    text = EXPLAINED[name]().to_beamer(tex)
    assert r"\documentclass[aspectratio=169,11pt]{beamer}" in text
    pdf = to_pdf(tex)
    log = tex.with_suffix(".log").read_text()
    assert overfull_boxes(log, 10.0) == []
    assert pdf.exists()


@pytest.mark.parametrize("name", ["watermelon", "saddle", "verdict"])
def test_markdown_and_notebook_views(name):
    """Markdown has the title and $$ math; Jupyter gets _repr_latex_ and _repr_markdown_."""
    explained = EXPLAINED[name]()
    md = explained.to_markdown()
    assert md.startswith("# ") and "$$\n\\begin{aligned}" in md
    assert md == explained.markdown() and not hasattr(explained, "_repr_markdown_")
    latex = explained._repr_latex_()
    assert latex.startswith("$$\\begin{aligned}") and latex.endswith("\\end{aligned}$$")


def test_derivation_article_shows_each_rule_and_the_result():
    """The watermelon article names the chain rule and ends with the four simplified gradients."""
    text = EXPLAINED["watermelon"]().to_latex()
    assert r"\tag*{\small chain rule}" in text and r"\tag*{\small power rule}" in text
    assert r"\frac{\partial \ell}{\partial a} &= x_{1} \left(a x_{1} + b x_{2}^{2} + c x_{3}^{3} " \
           r"+ d - y\right)" in text


def test_network_weights_print_as_textbooks_write_them():
    """In LaTeX the 2-3-1 network's generic weight reads W^{(1)}_{j,k}; one weight written out
    in full (wrt=) reads W^{(1)}_{21}, never W1_2_1."""
    d = EXPLAINED["two-three-one"]()
    text = d.to_latex()
    assert r"\frac{\partial \ell}{\partial W^{(1)}_{j,k}}" in text and "W1_2_1" not in text
    one = symgrad.derive(d.loss, wrt="W1_2_1").to_latex()
    assert "W^{(1)}_{21}" in one and "W1_2_1" not in one


def test_special_characters_in_messages_compile(tmp_path):
    """Text with LaTeX specials is escaped: a document with %, $, &, _, #, {, } and \\ compiles."""
    require_tool("pdflatex")
    from symgrad.render.documents.document import Document, Para, Section, to_latex

    doc = Document(r"50% of $x & y_1 #{z} \input{/etc/passwd}",
                   (Section("Specials", (Para(r"\write18{touch /tmp/owned} ~ ^"),)),))
    tex = tmp_path / "specials.tex"
    tex.write_text(to_latex(doc))
    pdf = to_pdf(tex)
    assert pdf.exists()
    assert r"\input{" not in tex.read_text().split(r"\begin{document}")[1]


def test_a_symbol_cannot_smuggle_latex():
    """A name such as \\input{…} never becomes a symbol: it is a ParseError."""
    with pytest.raises(symgrad.ParseError):
        symgrad.Model(r"w*\input{x}", inputs="x")
    with pytest.raises(symgrad.ParseError):
        symgrad.Model("w*x", inputs=[r"\input{x}"])


def test_to_pdf_reports_latex_errors_with_the_log(tmp_path):
    """A document that fails shows the error lines from the log."""
    require_tool("pdflatex")
    tex = tmp_path / "broken.tex"
    tex.write_text("\\documentclass{article}\\begin{document}\\undefinedmacro\\end{document}")
    with pytest.raises(LatexError, match="Undefined control sequence"):
        to_pdf(tex)


def test_to_pdf_without_pdflatex_says_what_to_install(tmp_path, monkeypatch):
    """When pdflatex is missing, the error says so and names the packages to install."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    tex = tmp_path / "a.tex"
    tex.write_text("x")
    with pytest.raises(LatexError, match="pdflatex is not installed.*texlive"):
        to_pdf(tex)


#: One run of each explaining command, for the command-line document tests.
RUNS = {
    "derive": ["derive", "w*x + b", "--inputs", "x"],
    "explain": ["explain", "2*x**2 - 12*x + 20"],
    "trace": ["trace", "x**2", "--start", "x=1", "--lr", "1/4", "--steps", "2"],
    "check": ["check", "--f", "x**3", "--wrt", "x", "--claimed", "3x^2"],
}


def test_command_line_writes_tex_slides_and_pdf(tmp_path, capsys):
    """--tex, --slides and --pdf work on derive, explain, trace and check."""
    require_tool("pdflatex")
    runs = RUNS
    for name, argv in runs.items():
        out = [f"--tex={tmp_path / name}.tex", f"--slides={tmp_path / name}-s.tex",
               f"--pdf={tmp_path / name}-doc.pdf"]
        assert main([*argv, *out]) == 0, capsys.readouterr().err
        err = capsys.readouterr().err
        assert err.count("wrote ") == 3
        assert (tmp_path / f"{name}-doc.pdf").read_bytes()[:5] == b"%PDF-"
        assert (tmp_path / f"{name}-s.tex").read_text().count(r"\begin{frame}") >= 2
    deck = tmp_path / "deck.pdf"
    assert main([*runs["derive"], f"--slides={deck}"]) == 0
    assert deck.read_bytes()[:5] == b"%PDF-" and pdf_pages(deck) >= 5


@pytest.mark.parametrize("command", ["derive", "explain", "trace", "check"])
def test_command_line_compiles_chinese_pdfs(command, tmp_path, capsys):
    """--lang zh --pdf and --slides x.pdf compile with XeLaTeX (pdflatex cannot load ctex)."""
    require_tool("xelatex")
    argv = RUNS[command]
    article, deck = tmp_path / "a.pdf", tmp_path / "s.pdf"
    assert main([*argv, "--lang", "zh", f"--pdf={article}", f"--slides={deck}"]) == 0, \
        capsys.readouterr().err
    assert article.read_bytes()[:5] == b"%PDF-" and deck.read_bytes()[:5] == b"%PDF-"
    assert pdf_pages(deck) >= 2


def test_document_images_for_the_docs(tmp_path):
    """docs/make_document_images.py renders pages of every kind of document to PNG."""
    require_tool("pdflatex")
    require_tool("pdftoppm")
    import runpy
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "docs" / "make_document_images.py"
    made = runpy.run_path(str(script), run_name="docs")["main"](tmp_path)
    names = [p.name for p in made]
    assert len(names) == 18 and {"watermelon-article.png", "logistic-slides-3.png",
                                 "trace-slides.png", "backprop-article.png",
                                 "softmax-slides-delta.png",
                                 "network-3-layer-slides.png"} <= set(names)
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in made)


def test_long_slide_equations_are_broken_into_lines(tmp_path):
    """A long sum on a slide breaks before its + signs (each continuation starts with +)."""
    require_tool("pdflatex")
    import sympy

    from symgrad.render.documents.document import Document, Math, Row, Section, Words, to_beamer

    x = sympy.Symbol("x")
    terms = sympy.Add(*(sympy.Symbol(f"a{k}") * x**k for k in range(40)))
    doc = Document(Words("head.results"), (Section(Words("head.function"), (
        Math((Row(sympy.Symbol("f"), (terms,)),)),)),))
    text = to_beamer(doc)
    frame = text.split(r"\begin{frame}{The function}")[1].split(r"\end{frame}")[0]
    lines = frame.split(" \\\\\n")
    assert len(lines) >= 5
    assert all(line.startswith(r" &\quad + a_{") for line in lines[1:]), lines
    tex = tmp_path / "long.tex"
    tex.write_text(text)
    to_pdf(tex)
    assert overfull_boxes(tex.with_suffix(".log").read_text(), 1.0) == []


def test_a_tall_step_tree_with_piecewise_rules_is_written_and_paged(tmp_path):
    """A derivation whose rows name parts of a Piecewise (elu′) is written in every format (a
    Piecewise's (expr, cond) pair is never what a row names), and its article's step tree,
    taller than a page, breaks between rows instead of running off the page."""
    require_tool("pdflatex")
    d = symgrad.derive("leaky_relu(x**2, 1/5) + elu(sin(x), 2) + gelu(x)*silu(x)"
                       " + erf(x)/softplus(x) + acosh(x) + sign(x)")
    assert "otherwise" in d.to_markdown()
    tex = tmp_path / "tall.tex"
    d.to_latex(tex)
    pdf = to_pdf(tex)
    log = tex.with_suffix(".log").read_text()
    assert pdf_pages(pdf) >= 2
    assert "Overfull \\vbox" not in log and overfull_boxes(log, 1.0) == []
