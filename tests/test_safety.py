"""SymPy objects are held to the text rules; TeX reads and writes nothing outside its own folder."""

import re
import unicodedata
from pathlib import Path

import pytest
import sympy
from conftest import require_tool

import symgrad as sg
from symgrad.render.documents.document import Document, Para, Section, to_latex
from symgrad.render.documents.pdf import UNICODE_COMMANDS, LatexError, compile_latex

x, w = sympy.symbols("x w", real=True)


@pytest.mark.parametrize(("value", "reason"), [
    (sympy.nan, "its value is undefined"),
    (sympy.zoo, "its value is undefined"),
    (sympy.I * x, "not a real number"),
    (1 + 2 * sympy.I, "not a real number"),
    (sympy.oo * x, "infinite"),
    (sympy.Function("<python code>")(x), "the function '<python code>' has an invalid name"),
    (sympy.Function(r"\input{/etc/passwd}")(x),
     re.escape(r"the function '\input{/etc/passwd}' has an invalid name")),
    (sympy.Function("__import__")(x), "names may not contain '__'"),
    (sympy.Symbol("exec") * x, "'exec' has an invalid name"),
    (sympy.Integer(2) ** 30000 * x, "more than 20,000 bits"),
])
def test_objects_pass_the_same_checks_as_text(value, reason):
    """parse, Model, derive and the losses refuse what the text parser refuses, in one line."""
    for entry in (sg.parse, lambda v: sg.Model(w * x + v, inputs=[x]), sg.derive):
        with pytest.raises(sg.ParseError, match=reason) as caught:
            entry(value)
        assert "\n" not in str(caught.value)


def test_a_refused_function_never_reaches_generated_code():
    """The issue's case: Model(w*x + Function("<python code>")(x)) stops before descend."""
    with pytest.raises(sg.ParseError):
        sg.mse(sg.Model(w * x + sympy.Function("print('owned')")(x), inputs=[x]))


def test_known_functions_of_sympy_objects_still_read():
    """A SymPy object built from allowed pieces reads as before."""
    assert sg.parse(sympy.exp(w * x) + sympy.Abs(x)) == sympy.exp(w * x) + sympy.Abs(x)


def test_tex_cannot_read_a_file_outside_its_folder(tmp_path):
    r"""\input{/etc/hostname} in a compiled document fails to read the file."""
    require_tool("pdflatex")
    secret = Path("/etc/hostname")
    source = ("\\documentclass{article}\\begin{document}\\input{/etc/hostname}"
              "\\end{document}")
    with pytest.raises(LatexError, match="not found") as caught:
        compile_latex(source, tmp_path / "out.pdf")
    if secret.exists() and secret.read_text().strip():
        assert secret.read_text().strip() not in str(caught.value)
    assert not (tmp_path / "out.pdf").exists()


def test_tex_cannot_write_outside_its_folder(tmp_path):
    r"""\openout to an absolute path writes nothing there."""
    require_tool("pdflatex")
    target = tmp_path / "written.tex"
    source = ("\\documentclass{article}\\begin{document}\\newwrite\\f"
              f"\\immediate\\openout\\f={target}\\immediate\\write\\f{{x}}"
              "\\immediate\\closeout\\f hello\\end{document}")
    try:
        compile_latex(source, tmp_path / "out.pdf")
    except LatexError:
        pass
    assert not target.exists()


def _printable_characters() -> str:
    """Every non-ASCII character in symgrad's source (not CJK text), and every declared one."""
    root = Path(sg.__file__).parent
    # The web page's MathML tables and pages never reach pdflatex.
    html = {*(root / "render" / "printers").glob("mathml*.py"), *(root / "web").rglob("*.py")}
    # Unicode math read in (x₁, ᵣ …) and turned into LaTeX commands never reaches pdflatex as is.
    html.add(root / "render" / "printers" / "unimath.py")
    chars = {c for f in root.rglob("*.py") if f not in html for c in f.read_text(encoding="utf-8")
             if ord(c) > 127 and unicodedata.east_asian_width(c) not in "WF"}
    return "".join(sorted(chars | set(UNICODE_COMMANDS)))


def test_every_character_symgrad_prints_compiles(tmp_path):
    """ⁿ, ᵘ, all Greek letters (β γ η ρ …) and every other character symgrad writes compile."""
    require_tool("pdflatex")
    chars = _printable_characters()
    for letter in "ⁿᵘβγηρΔΩ":
        assert letter in chars
    doc = Document("All characters", (Section("Text", (Para(" ".join(chars)),)),))
    pdf, log = compile_latex(to_latex(doc), tmp_path / "chars.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert "Unicode character" not in log


def test_greek_parameter_names_compile(tmp_path):
    """A model whose parameters are named beta, gamma, eta, rho compiles to PDF (it failed)."""
    require_tool("pdflatex")
    loss = sg.mse(sg.Model("beta*x + gamma*x**2 + eta + rho*x**3", inputs="x"))
    text = sg.derive(loss).text()
    assert "β" in text and "ρ" in text
    pdf, _ = compile_latex(sg.derive(loss).to_latex(), tmp_path / "greek.pdf")
    assert pdf.exists()

