r"""HTML with MathML: the web page's renderer over the same outline as text, LaTeX and Markdown.

:func:`to_html` turns an explainable result's ``document()`` into an HTML fragment: headings
and paragraphs as HTML-escaped text, every equation row as MathML that the browser typesets
itself (no JavaScript, no fonts to download).  The renderer dispatches on the outline node's
class (``_print_Document``, ``_print_Section``, ``_print_Para``, ``_print_Math``,
``_print_Row``, ``_print_Words``), the way SymPy's printers do.  A math row is either a row of
SymPy objects (left side, right sides, a note in words), which goes through symgrad's LaTeX
printer, or a LaTeX row from that printer (``lhs &= rhs && note``); both are typeset by
:mod:`symgrad.render.printers.mathml`.

Rows are never broken: a wide one scrolls sideways in its own box, so no piece of an equation
ever stands alone as a different equation.

>>> from symgrad.render.documents.document import Document, Math, Para, Section
>>> page = to_html(Document("T <1>", (Section("S", (Para("a & b"), Math(("x &= 1",)))),)))
>>> "<h2>T &lt;1&gt;</h2>" in page, "<p>a &amp; b</p>" in page, "<mn>1</mn>" in page
(True, True, True)
"""

from __future__ import annotations

import html
import re

import sympy

from ...i18n.language import fill, phrase_of
from ...i18n.language import phrase as worded
from ..printers.latex import printer
from ..printers.mathml import latex_mathml, math_element
from ..printers.unimath import Marked, span_latex, spans, to_latex

__all__ = ["HtmlRenderer", "inline_math", "to_html"]

_QUAD = "\\quad"
#: Step trees deeper than this are drawn at this indentation (the style sheet has d0 … d8).
MAX_DEPTH = 8
#: How a row's relation reads (an update p ← p − α·g, equivalent equations, …).
#: Every relation an outline row can hold; an unknown one is an error, never printed as "=".
RELATIONS = {"=": "=", "<-": "←", "iff": "⇔", ">": ">", "<": "<", "≈": "≈", "!=": "≠"}
_ROW_TOKEN = re.compile(r"\\begin|\\end|\\.|[{}&]|[^\\{}&]+", re.DOTALL)


def _cells(row: str) -> list[str]:
    r"""An align row's cells: split at each ``&`` outside braces and environments.

    >>> _cells(r"f &= \begin{cases} a & b \end{cases} && \text{x \& y}")
    ['f ', '= \\begin{cases} a & b \\end{cases} ', '', ' \\text{x \\& y}']
    """
    cells, current, depth = [], [], 0
    for token in _ROW_TOKEN.findall(row):
        if token == "&" and depth == 0:
            cells.append("".join(current))
            current = []
            continue
        if token in ("{", "\\begin"):
            depth += 1
        elif token in ("}", "\\end"):
            depth -= 1
        current.append(token)
    return [*cells, "".join(current)]


def _latex(expr, partial=None) -> str:
    return printer(partial).doprint(expr)  # the printer that knows the document's ∂ or d


def inline_math(value, partial=None) -> str:
    r"""A ``<math>`` element for a SymPy object, or for a LaTeX string from symgrad's printer.

    >>> inline_math("x^{2}")
    '<math displaystyle="true"><msup><mi>x</mi><mn>2</mn></msup></math>'
    >>> inline_math(sympy.Symbol("y"))
    '<math displaystyle="true"><mi>y</mi></math>'
    """
    if isinstance(value, str):
        return math_element(value)
    if isinstance(value, (int, float)):
        value = sympy.sympify(value)
    if isinstance(value, (sympy.Basic, sympy.MatrixBase)):
        return math_element(_latex(value, partial))
    return f"<span>{html.escape(str(value))}</span>"


class HtmlRenderer:
    """Outline → HTML.  Settings: ``heading_level`` of the document's title (2 by default)."""

    def __init__(self, heading_level: int = 2, partial=None):
        self.level = heading_level
        self.partial = partial

    def render(self, node) -> str:
        """Dispatch on the node's class; unknown nodes are read by what they hold."""
        method = getattr(self, f"_print_{type(node).__name__}", None)
        if method is not None:
            return method(node)
        if hasattr(node, "sections"):
            return self._print_Document(node)
        if hasattr(node, "heading") and hasattr(node, "items"):
            return self._print_Section(node)
        if hasattr(node, "rows"):
            return self._print_Math(node)
        if hasattr(node, "text") or hasattr(node, "parts"):
            return self._print_Para(node)
        if isinstance(node, (sympy.Basic, sympy.MatrixBase)):
            return f'<div class="eqs"><div class="eq wide"><span class="rhs">' \
                   f"{self.math(node)}</span></div></div>"
        return f"<p>{html.escape(str(node))}</p>"

    # ------------------------------------------------------------------ words and math
    def math(self, value) -> str:
        """One ``<math>`` element for a SymPy object or LaTeX text."""
        return inline_math(value, self.partial)

    def words(self, value) -> str:
        """Words (plain text, a catalogue phrase, or math inside words) as HTML."""
        if isinstance(value, Marked):  # words with math marked $…$
            return "".join(math_element(to_latex(part)) if is_math else html.escape(part)
                           for is_math, part in spans(value))
        if isinstance(value, str):
            return html.escape(value)
        if isinstance(value, (int, float, sympy.Basic, sympy.MatrixBase)):
            return self.math(value)
        if isinstance(value, (list, tuple)):
            return worded("list.sep").join(self.words(v) for v in value)
        if hasattr(value, "key"):
            return self._print_Words(value)
        return html.escape(str(value))

    def _print_Words(self, phrase) -> str:
        out = "".join(
            math_element(span_latex(part, phrase.args, lambda v: _latex(v, self.partial)))
            if is_math else fill(part, phrase.args, show=self.words, literal=html.escape)
            for is_math, part in spans(phrase_of(phrase, marked=True)))
        return re.sub(r"`([^`<]*)`", r"<code>\1</code>", out)  # code the catalogue quotes

    # ------------------------------------------------------------------ structure
    def _print_Document(self, doc) -> str:
        h = self.level
        previous, self.partial = self.partial, getattr(doc, "partial", self.partial)
        try:
            body = "".join(self.render(s) for s in doc.sections)
            title = self.words(doc.title)
        finally:
            self.partial = previous
        return f'<article class="document"><h{h}>{title}</h{h}>{body}</article>'

    def _print_Section(self, section) -> str:
        h = self.level + 1
        items = "".join(self.render(i) for i in section.items)
        return f"<section><h{h}>{self.words(section.heading)}</h{h}>{items}</section>"

    def _print_Para(self, para) -> str:
        parts = para.parts if hasattr(para, "parts") else (para.text,)
        return "<p>" + " ".join(self.words(p) for p in parts) + "</p>"

    def _print_Table(self, table) -> str:
        """A table: header cells and body cells, math for SymPy values."""
        def cell(value, tag):
            return f"<{tag}>{self.words(value)}</{tag}>"

        head = "".join(cell(c, "th") for c in table.header)
        body = "".join("<tr>" + "".join(cell(c, "td") for c in row) + "</tr>"
                       for row in table.rows)
        return f'<table class="steps"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def _print_Math(self, math) -> str:
        tree = getattr(math, "tree", False)
        rows = "".join(self.row(r, tree=tree) for r in math.rows)
        return f'<div class="eqs">{rows}</div>'

    def _print_Row(self, row, tree: bool = False) -> str:
        rel = html.escape(RELATIONS[getattr(row, "rel", "=")])
        rhs_sides = row.rhs if isinstance(row.rhs, (tuple, list)) else (row.rhs,)
        sides = "".join(f"<mo>{rel}</mo>{latex_mathml(_latex(s, self.partial))}"
                        for s in rhs_sides)
        note = self.words(row.note) if row.note is not None else ""
        depth = getattr(row, "depth", 0)
        if tree or row.lhs is None:
            lhs = latex_mathml(_latex(row.lhs, self.partial)) if row.lhs is not None else ""
            rhs = f'<math displaystyle="true"><mrow>{lhs}{sides}</mrow></math>'
            return self._row("", rhs, note, depth)
        rhs = f'<math displaystyle="true"><mrow>{sides}</mrow></math>'
        return self._row(self.math(row.lhs), rhs, note, depth)

    def row(self, row, tree: bool = False) -> str:
        """One equation row: left side, right side (indented by its depth in a tree), note."""
        if not isinstance(row, str):
            return self._print_Row(row, tree)
        cells = [c.strip() for c in _cells(row)]
        if len(cells) == 1:
            return f'<div class="eq wide"><span class="rhs">{math_element(cells[0])}</span></div>'
        lhs, rhs = cells[0], cells[1]
        note = " ".join(c for c in cells[2:] if c)
        depth = 0
        while rhs.startswith(_QUAD):
            rhs = rhs[len(_QUAD):].lstrip()
            depth += 1
        return self._row(math_element(lhs) if lhs else "", math_element(rhs),
                         math_element(note) if note else "", depth)

    @staticmethod
    def _row(lhs: str, rhs: str, note: str, depth: int) -> str:
        # Depth as a class, not a style attribute: the page's CSP allows no inline styles.
        kind = f"eq step d{min(depth, MAX_DEPTH)}" if not lhs else "eq"
        note_html = f'<span class="note">{note}</span>' if note else ""
        return (f'<div class="{kind}"><span class="lhs">{lhs}</span>'
                f'<span class="rhs">{rhs}</span>{note_html}</div>')


def to_html(doc, *, heading_level: int = 2) -> str:
    """An outline (a ``Document``, or anything with a ``document()``) as an HTML fragment.

    >>> from symgrad import derive, mse, Model
    >>> page = to_html(derive(mse(Model("w*x", inputs="x"))))
    >>> "<mi>ℓ</mi>" in page and "\\frac" not in page
    True
    """
    if hasattr(doc, "document") and callable(doc.document):
        doc = doc.document()
    return HtmlRenderer(heading_level).render(doc)
