r"""HTML with MathML: the web page's renderer over the same outline as text, LaTeX and Markdown.

:func:`to_html` turns an explainable result's ``document()`` into an HTML fragment: headings
and paragraphs as HTML-escaped text, every equation row as MathML that the browser typesets
itself (no JavaScript, no fonts to download).  The renderer dispatches on the outline node's
class (``_print_Document``, ``_print_Section``, ``_print_Para``, ``_print_Math``), the way
SymPy's printers do; a math row may be a LaTeX row from the LaTeX printer (``lhs &= rhs &&
note``) or a SymPy object, which goes through that printer first.

Rows are never broken: a wide one scrolls sideways in its own box, so no piece of an equation
ever stands alone as a different equation.

>>> from symgrad.render.document import Document, Math, Para, Section
>>> page = to_html(Document("T <1>", (Section("S", (Para("a & b"), Math(("x &= 1",)))),)))
>>> "<h2>T &lt;1&gt;</h2>" in page, "<p>a &amp; b</p>" in page, "<mn>1</mn>" in page
(True, True, True)
"""

from __future__ import annotations

import html

import sympy

from .document import split_cells
from .mathml import expr_mathml, math_element

__all__ = ["HtmlRenderer", "inline_math", "to_html"]

_QUAD = "\\quad"
#: Step trees deeper than this are drawn at this indentation (the style sheet has d0 … d8).
MAX_DEPTH = 8


def inline_math(value) -> str:
    r"""A ``<math>`` element for a SymPy object, or for a LaTeX string from symgrad's printer.

    >>> inline_math("x^{2}")
    '<math displaystyle="true"><msup><mi>x</mi><mn>2</mn></msup></math>'
    >>> inline_math(sympy.Symbol("y"))
    '<math displaystyle="true"><mi>y</mi></math>'
    """
    if isinstance(value, str):
        return math_element(value)
    if isinstance(value, (sympy.Basic, sympy.MatrixBase)):
        return expr_mathml(value)
    return f"<span>{html.escape(str(value))}</span>"


class HtmlRenderer:
    """Outline → HTML.  Settings: ``heading_level`` of the document's title (2 by default)."""

    def __init__(self, heading_level: int = 2):
        self.level = heading_level

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
        if hasattr(node, "text"):
            return self._print_Para(node)
        if isinstance(node, (sympy.Basic, sympy.MatrixBase)):
            return f'<div class="eqs"><div class="eq">{inline_math(node)}</div></div>'
        return f"<p>{html.escape(str(node))}</p>"

    def _title(self, value) -> str:
        return html.escape(value) if isinstance(value, str) else inline_math(value)

    def _print_Document(self, doc) -> str:
        h = self.level
        body = "".join(self.render(s) for s in doc.sections)
        return f'<article class="document"><h{h}>{self._title(doc.title)}</h{h}>{body}</article>'

    def _print_Section(self, section) -> str:
        h = self.level + 1
        items = "".join(self.render(i) for i in section.items)
        return f"<section><h{h}>{self._title(section.heading)}</h{h}>{items}</section>"

    def _print_Para(self, para) -> str:
        return f"<p>{html.escape(para.text)}</p>"

    def _print_Math(self, math) -> str:
        return '<div class="eqs">' + "".join(self.row(r) for r in math.rows) + "</div>"

    def row(self, row) -> str:
        """One equation row: left side, right side (indented by its depth in a tree), note."""
        if not isinstance(row, str):
            cells = [getattr(row, k, None) for k in ("lhs", "rhs", "note")]
            if cells[1] is None:
                return f'<div class="eq"><span class="rhs">{inline_math(row)}</span></div>'
            lhs, rhs, note = cells
            return self._row(inline_math(lhs) if lhs is not None else "",
                             '<math displaystyle="true"><mo>=</mo></math>' + inline_math(rhs),
                             inline_math(note) if note is not None else "", 0)
        cells = [c.strip() for c in split_cells(row)]
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
