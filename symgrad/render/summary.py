r"""Result first: which part of an outline states the result, and which parts are the steps.

A teacher (on the web page) and a notebook user both want the answer before the working:
:func:`result_and_steps` splits an explainable object's outline into the sections that state
the result (a derivation's results, a verdict, the kind of each stationary point, where a
descent ended) and the sections that show how it was reached.  :func:`compact_html` lays
them out as the result followed by the steps folded in a ``<details>`` element (no ``<h1>``,
so it sits inside a page or a notebook cell), and :func:`result_latex` gives the result's
mathematics only, as LaTeX.

>>> from symgrad import derive
>>> print(result_latex(derive("x**3 + 2*x")))
\frac{d f}{d x} = 3 x^{2} + 2
"""

from __future__ import annotations

import html

import sympy

from ..i18n.language import phrase
from .documents.html import HtmlRenderer
from .documents.tex import rows_latex
from .outline import Document, Math, Row, Section
from .printers.latex import latex
from .printers.text import text

__all__ = ["compact_html", "notebook_html", "result_and_steps", "result_latex", "result_rows",
           "short_repr"]

#: Section headings that state a result (every other section is a step towards one).
RESULT_HEADINGS = ("head.answer", "head.why", "head.results", "head.kind", "head.trace-summary",
                   "head.index-gradients", "head.path")


def result_and_steps(doc: Document) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """The outline's result sections and its step sections, each in the outline's order.

    >>> from symgrad import trace_descent
    >>> result, steps = result_and_steps(trace_descent("x**2", {"x": 1}, "1/4", 2).document())
    >>> [s.heading.key for s in result], [s.heading.key for s in steps]
    (['head.trace-summary'], ['head.trace-function', 'head.trace-step', 'head.trace-step'])
    """
    result = tuple(s for s in doc.sections if _key(s) in RESULT_HEADINGS)
    steps = tuple(s for s in doc.sections if _key(s) not in RESULT_HEADINGS)
    return result, steps


def _key(section: Section) -> str | None:
    return getattr(section.heading, "key", None)


def result_rows(doc: Document) -> list[Row]:
    """The equation rows that state the result: those of the result sections, else (a trace,
    whose summary is a table) where the last step ended: each value, without its working or
    the partial derivatives g on the way.

    >>> from symgrad import trace_descent
    >>> result_rows(trace_descent("x**2", {"x": 1}, "1/4", 2).document())
    [Row(lhs=x^(2), rhs=(1/4,), note=None, rel='=', depth=0), Row(lhs=f^(2), rhs=(1/16,), note=None, rel='=', depth=0)]
    """  # noqa: E501 - a doctest's expected output is one line
    result, steps = result_and_steps(doc)
    rows = [r for s in result for i in s.items if isinstance(i, Math) for r in i.rows]
    if rows:
        return rows
    maths = [i for s in steps for i in s.items if isinstance(i, Math)]
    if not maths:
        return []
    return [Row(r.lhs, (r.rhs[-1],)) for r in maths[-1].rows
            if r.lhs is not None and not str(r.lhs).startswith("g^(")]


def _document(obj) -> Document:
    return obj.document() if hasattr(obj, "document") and callable(obj.document) else obj


def compact_html(obj, *, heading_level: int = 3) -> str:
    """The result first, then the steps folded in ``<details>``; the title in a paragraph.

    >>> from symgrad import derive
    >>> page = compact_html(derive("x**3"))
    >>> page.startswith('<div class="symgrad-result">'), "<h1" in page, "<details" in page
    (True, False, True)
    """
    doc = _document(obj)
    result, steps = result_and_steps(doc)
    renderer = HtmlRenderer(heading_level - 1, partial=doc.partial)
    title = renderer.words(doc.title)
    shown = "".join(renderer.render(s) for s in result)
    folded = ""
    if steps:
        inner = "".join(renderer.render(s) for s in steps)
        label = html.escape(phrase("web.steps-folded"))
        folded = f'<details class="steps"><summary>{label}</summary>{inner}</details>'
    return (f'<div class="symgrad-result"><p class="title"><strong>{title}</strong></p>'
            f"{shown}{folded}</div>")


def result_latex(obj) -> str:
    r"""The mathematics of a result as LaTeX: an expression through symgrad's printer, or the
    rows that state an explainable object's result (``aligned`` when there are several).

    >>> import sympy
    >>> result_latex(sympy.sqrt(sympy.Symbol("x")))
    '\\sqrt{x}'
    >>> from symgrad import Model, mse, derive
    >>> print(result_latex(derive(mse(Model("w*x", inputs="x")))))
    \frac{\partial \ell}{\partial w} = x \left(w x - y\right)
    """
    if isinstance(obj, (sympy.Basic, sympy.MatrixBase, int, float)):
        return latex(sympy.sympify(obj))
    doc = _document(obj)
    rows = result_rows(doc)
    if not rows:
        raise ValueError(f"{type(obj).__name__} states no mathematical result")
    body = rows_latex(rows, doc.partial)
    if len(rows) == 1:
        return body.replace(" &", " ", 1).split(" && ")[0].strip()
    return "\\begin{aligned}\n" + body + "\n\\end{aligned}"


#: The few layout rules a notebook cell needs (the web page has its own style sheet): rows
#: aligned on "=", a rule tree indented by depth, notes in grey.  Scoped to the result.
NOTEBOOK_CSS = (
    ".symgrad-result .eqs{display:grid;grid-template-columns:max-content minmax(0,1fr);"
    "column-gap:.4em;row-gap:.35em;align-items:baseline;margin:.5em 0}"
    ".symgrad-result math{font-size:1.15em}"
    ".symgrad-result .eq{display:contents}"
    ".symgrad-result .eq .lhs{grid-column:1;text-align:right}"
    ".symgrad-result .eq .rhs{grid-column:2;overflow-x:auto;white-space:nowrap}"
    ".symgrad-result .eq.wide .rhs{grid-column:1/span 2}"
    ".symgrad-result .eq .note{grid-column:2;color:#5b6473;font-size:.9em}"
    ".symgrad-result .eq.step{display:flex;flex-wrap:wrap;column-gap:1.5em;grid-column:1/span 2;"
    "border-left:2px solid #d6dbe3;padding-left:.5em}"
    ".symgrad-result .eq.step .lhs{display:none}"
    + "".join(f".symgrad-result .eq.d{k}{{margin-left:{1.4 * k:.1f}em}}" for k in range(1, 9))
    + ".symgrad-result details>summary{cursor:pointer;font-weight:600}"
)


def notebook_html(obj) -> str:
    """What a notebook shows for a result: :func:`compact_html` with its few layout rules.

    MathML is typeset by the browser itself: the cell renders offline, with no script or font
    from a CDN.

    >>> from symgrad import derive
    >>> cell = notebook_html(derive("x**2"))
    >>> cell.startswith("<style>"), "<math" in cell, "mathjax" in cell.lower()
    (True, True, False)
    """
    return f"<style>{NOTEBOOK_CSS}</style>" + compact_html(obj, heading_level=4)


def short_repr(obj, limit: int = 100) -> str:
    """A one-line ``repr``: the class and the result's first equations, in plain text.

    >>> from symgrad import Model, mse, derive, check_derivative
    >>> short_repr(derive(mse(Model("w*x + b", inputs="x"))))
    '<Derivation: ∂ℓ/∂b = b + w·x − y; ∂ℓ/∂w = x·(b + w·x − y)>'
    >>> short_repr(check_derivative("x^2", "x", "2x + 1"))
    '<Verdict: wrong: d/dx (x²)>'
    """
    name = type(obj).__name__
    if hasattr(obj, "status") and hasattr(obj, "task"):  # a verdict: its status and task
        shown = f"{obj.status}: {obj.task}"
    elif isinstance(getattr(obj, "points", None), list):  # stationary points: each classified
        shown = "; ".join(str(p) for p in obj.points) or "no stationary point"
    else:
        rows = result_rows(_document(obj))
        shown = "; ".join(f"{text(r.lhs)} = {text(r.rhs[-1])}" for r in rows
                          if r.lhs is not None)
    if len(shown) > limit:
        shown = shown[:limit - 1] + "…"
    return f"<{name}: {shown}>" if shown else f"<{name}>"
