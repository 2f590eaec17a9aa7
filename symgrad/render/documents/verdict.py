"""A checker verdict's own short LaTeX: an amsmath ``align*`` body (``Verdict.latex()``,
``symgrad check --latex``) and a counterexample as a fragment.

Its text and its documents are renderers of the verdict's outline
(:func:`~symgrad.render.builders.explain.verdict_document`); this short form is not the rows of
that outline (the answers and the message are labelled rows, the verdict a line of its own).
"""

from __future__ import annotations

from collections.abc import Mapping

from ...i18n.keys import STATUSES
from ...i18n.language import phrase
from ..printers.latex import latex, text_words


def counterexample_latex(c) -> str:
    r"""The point and both values as a LaTeX fragment.

    >>> import sympy
    >>> from symgrad.check.verdict import Counterexample
    >>> x = sympy.Symbol("x", real=True)
    >>> counterexample_latex(Counterexample({x: 1}, -8, 16))
    'x = 1:\\ -8 \\neq 16'
    """
    where = ",\\ ".join(f"{latex(s)} = {latex(v)}" for s, v in c.point.items())
    values = f"{latex(c.expected)} \\neq {latex(c.claimed)}"
    return f"{where}:\\ {values}" if where else values


def verdict_latex(v) -> str:
    r"""An amsmath ``align*`` body: the verdict, both answers and the message.

    >>> from symgrad import check_derivative
    >>> print(verdict_latex(check_derivative("x**3", "x", "3*x**2")).splitlines()[1])
    \text{claimed} &= 3 x^{2} \\
    """
    label = {"claimed": text_words(phrase("check.claimed").rstrip(":：")),
             "expected": text_words(phrase("check.expected").rstrip(":："))}
    status = text_words(phrase(STATUSES[v.status]))
    rows = [rf"&\text{{{status}: {text_words(str(v.task))}}}"]
    rows.append(rf"\text{{{label['claimed']}}} &= {_latex_of(v.claimed)}")
    rows.append(rf"\text{{{label['expected']}}} &= {_latex_of(v.expected)}")
    if v.counterexample is not None:
        rows.append(rf"&{counterexample_latex(v.counterexample)}")
    rows.append(rf"&\text{{{text_words(str(v.message))}}}")
    return " \\\\\n".join(rows)


def _latex_of(value) -> str:
    if value is None:
        return r"\text{(" + text_words(phrase("check.not-computed")) + ")}"
    if isinstance(value, Mapping):
        return ",\\ ".join(f"{latex(k)} = {latex(v)}" for k, v in value.items())
    if isinstance(value, tuple):
        return " = ".join(latex(v) for v in value)
    return latex(value)
