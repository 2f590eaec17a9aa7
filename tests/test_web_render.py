"""Tests for the HTML+MathML renderer: exact MathML, MathML Core only, nothing raw or unescaped."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
import sympy

import symgrad
from symgrad.analysis.kmeans import mean_update_derivation
from symgrad.render.documents.document import Document, Para, Section
from symgrad.render.documents.html import HtmlRenderer, _cells, inline_math, to_html
from symgrad.render.printers.mathml import MathMLError, expr_mathml, latex_mathml, math_element

# The elements of MathML Core (https://w3c.github.io/mathml-core/), which Chromium renders.
MATHML_CORE = {
    "math", "mrow", "mi", "mn", "mo", "mtext", "mspace", "ms", "mfrac", "msqrt", "mroot",
    "msub", "msup", "msubsup", "munder", "mover", "munderover", "mtable", "mtr", "mtd",
    "mpadded", "mphantom", "mstyle", "merror", "semantics", "annotation", "mmultiscripts",
}


@pytest.mark.parametrize(
    ("tex", "mathml"),
    [
        ("x^{2} + 1", "<mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow>"),
        (r"\frac{a}{b}", "<mfrac><mi>a</mi><mi>b</mi></mfrac>"),
        ("x_{1}^{3}", "<msubsup><mi>x</mi><mn>1</mn><mn>3</mn></msubsup>"),
        ("a - b", "<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>"),
        (r"\sqrt{2}", "<msqrt><mn>2</mn></msqrt>"),
        (r"\sqrt[3]{x}", "<mroot><mi>x</mi><mn>3</mn></mroot>"),
        (r"e^{- x}", "<msup><mi>e</mi><mrow><mo>−</mo><mi>x</mi></mrow></msup>"),
        (r"\sum_{i=1}^{m} i",
         '<mrow><munderover><mo largeop="true" movablelimits="false">∑</mo>'
         "<mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>m</mi></munderover><mi>i</mi></mrow>"),
        (r"\left(f - y\right)",
         '<mrow><mo fence="true" stretchy="false">(</mo><mrow><mi>f</mi><mo>−</mo><mi>y</mi>'
         '</mrow><mo fence="true" stretchy="false">)</mo></mrow>'),
        (r"\left[\frac{1}{2}\right]",
         '<mrow><mo fence="true" stretchy="true">[</mo><mfrac><mn>1</mn><mn>2</mn></mfrac>'
         '<mo fence="true" stretchy="true">]</mo></mrow>'),
        (r"\text{chain rule, } u = 1",
         "<mrow><mtext>chain rule,\u00a0</mtext><mi>u</mi><mo>=</mo><mn>1</mn></mrow>"),
        (r"\text{50\% of $\cdot$}", "<mrow><mtext>50% of\u00a0</mtext><mo>⋅</mo></mrow>"),
        (r"\begin{pmatrix}4 & 4\\4 & 0\end{pmatrix}",
         '<mrow><mo stretchy="true">(</mo><mtable><mtr><mtd><mn>4</mn></mtd><mtd><mn>4</mn></mtd>'
         "</mtr><mtr><mtd><mn>4</mn></mtd><mtd><mn>0</mn></mtd></mtr></mtable>"
         '<mo stretchy="true">)</mo></mrow>'),
        (r"\operatorname{relu}{\left(x \right)}",
         '<mrow><mi>relu</mi><mrow><mo fence="true" stretchy="false">(</mo><mi>x</mi>'
         '<mo fence="true" stretchy="false">)</mo></mrow></mrow>'),
        (r"\mathsf{T}", '<mi mathvariant="normal">T</mi>'),
        (r"a \quad b", '<mrow><mi>a</mi><mspace width="1em"></mspace><mi>b</mi></mrow>'),
    ],
)
def test_latex_is_typeset_as_exact_mathml(tex, mathml):
    """Each construct of symgrad's LaTeX printer becomes the MathML a typesetter would write."""
    assert latex_mathml(tex, strict=True) == mathml


def test_text_is_escaped_inside_math():
    """Text inside \\text{} and unknown characters are HTML-escaped, never markup."""
    out = latex_mathml(r"\text{<script>alert(1)</script>} < x")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "<mo>&lt;</mo>" in out


def test_unknown_commands_show_no_backslash_and_strict_refuses():
    """A command outside the known set shows by its name; strict mode raises instead."""
    assert latex_mathml(r"\foo x") == '<mrow><mi mathvariant="normal">foo</mi><mi>x</mi></mrow>'
    with pytest.raises(MathMLError):
        latex_mathml(r"\foo x", strict=True)


def _reference_documents():
    wm = symgrad.Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
    net = symgrad.Sequential(symgrad.Dense(2, 2), symgrad.Sigmoid(), symgrad.Dense(2, 1),
                             symgrad.Sigmoid())
    soft = symgrad.Sequential(symgrad.Dense(2, 3), symgrad.Softmax())
    return [
        symgrad.derive(symgrad.mse(wm)),
        symgrad.derive(symgrad.mse(symgrad.Model("w*x + b", inputs="x"))),
        symgrad.derive(symgrad.bce(symgrad.Model("sigmoid(w*x + b)", inputs="x"))),
        symgrad.derive(symgrad.mse(net)),
        symgrad.backprop(symgrad.mse(net)),
        symgrad.backprop(symgrad.cross_entropy(soft)),
        symgrad.explain_minimum("2*x**2 - 12*x + 20"),
        symgrad.stationary_points("2*x**2 + 2*y + 4*x*y"),
        symgrad.trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 4),
        symgrad.check_derivative("2x^2 - 12x + 20", "x", "4x + 12"),
        symgrad.check_derivative("sin(x^2)", "x", "cos(x^2)"),
        mean_update_derivation(),
    ]


@pytest.fixture(scope="module")
def documents():
    return [r.document() for r in _reference_documents()]


def test_every_row_of_the_reference_documents_is_typeset_strictly(documents):
    """No command in any reference document is unknown to the typesetter."""
    from symgrad.render.documents.html import _latex

    def cells(row, partial):
        if isinstance(row, str):
            return _cells(row)
        if isinstance(row, tuple):  # a table's row: its SymPy cells are math
            return [_latex(sympy.sympify(c), partial) for c in row
                    if isinstance(c, (int, sympy.Basic))]
        return [_latex(side, partial) for side in (row.lhs, *row.rhs) if side is not None]

    rows = [cell for doc in documents for s in doc.sections for item in s.items
            if hasattr(item, "rows") for row in item.rows
            for cell in cells(row, getattr(doc, "partial", None))]
    assert len(rows) > 200
    for cell in rows:
        latex_mathml(cell, strict=True)


def test_pages_are_well_formed_mathml_core_without_raw_latex(documents):
    """The HTML parses as XML, uses only MathML Core elements, and shows no LaTeX source."""
    for doc in documents:
        page = to_html(doc)
        root = ET.fromstring(f"<div>{page}</div>")
        for math in root.iter("math"):
            tags = {e.tag for e in math.iter()}
            assert tags <= MATHML_CORE, tags - MATHML_CORE
        text = "".join(root.itertext())
        assert not re.search(r"\\|[_^]\{|&&", text), text[:200]


def test_weights_print_in_textbook_notation():
    """A SymPy object goes through symgrad's LaTeX printer: W1_2_1 is W with (1) above, 21 below."""
    out = expr_mathml(symgrad.parse("W1_2_1"))
    assert "<msubsup><mi>W</mi><mn>21</mn>" in out and "<mn>1</mn>" in out


def test_outline_text_is_html_escaped():
    """Titles, headings and paragraphs from user-influenced text cannot inject markup."""
    doc = Document("<b>t</b>", (Section("<i>h</i>", (Para("<img src=x onerror=alert(1)>"),)),))
    page = to_html(doc)
    assert "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_tree_rows_keep_their_depth_and_notes():
    """A step-tree row's indentation becomes its depth class; its note is typeset beside it."""
    row = r"&\quad \quad \frac{d}{d u}\left[u^{2}\right] = 2 u && \text{power rule}"
    page = HtmlRenderer().row(row)
    assert page.startswith('<div class="eq step d2">')
    assert "<mtext>power rule</mtext>" in page and "quad" not in page


@dataclass(frozen=True)
class _Row:
    """The shape of an outline row of SymPy objects: lhs, right sides, note, relation, depth."""

    lhs: object
    rhs: tuple
    note: object = None
    rel: str = "="
    depth: int = 0


@dataclass(frozen=True)
class _Formula:
    rows: tuple


def test_rows_holding_sympy_objects_render_through_the_latex_printer():
    """An outline whose math rows hold SymPy objects (left side, right side) renders too."""
    x, f = sympy.Symbol("x"), sympy.Symbol("f")
    page = HtmlRenderer().render(_Formula((_Row(f, (x**2 + 1, 2 * x)),)))
    assert page == (
        '<div class="eqs"><div class="eq"><span class="lhs"><math displaystyle="true"><mi>f</mi>'
        '</math></span><span class="rhs"><math displaystyle="true"><mrow><mo>=</mo><mrow><msup>'
        "<mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow><mo>=</mo><mrow><mn>2</mn><mi>x"
        "</mi></mrow></mrow></math></span></div></div>")
    update = HtmlRenderer().render(_Formula((_Row(x, (x - 1,), "one step", "<-", 2),)))
    assert "<mo>←</mo>" in update and '<span class="note">one step</span>' in update


def test_inline_math_of_text_and_objects():
    """inline_math takes LaTeX text or a SymPy object and gives one <math> element."""
    assert inline_math(r"\alpha") == math_element(r"\alpha") == (
        '<math displaystyle="true"><mi>α</mi></math>')
    assert re.fullmatch(r"<math[^>]*>.*</math>", inline_math(sympy.Rational(1, 2)))


def test_a_counterexample_reads_expected_not_equal_to_claimed():
    """The verdict's counterexample row holds rel "!=": on the page it must read −8 ≠ 16, never
    the false equation −8 = 16 (every relation of the outline has its own symbol)."""
    from symgrad import check_derivative
    from symgrad.render.documents.html import to_html

    page = to_html(check_derivative("2x^2 - 12x + 20", "x", "4x + 12").document())
    assert "<mo>≠</mo>" in page
    assert page.count("<mo>≠</mo>") == 1
