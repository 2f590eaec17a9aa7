"""A checker verdict in terminal text and as an amsmath fragment (through the one LaTeX printer).

:class:`~symgrad.check.verdict.Verdict` and its counterexample hold data only; these functions
lay them out.  Words come from the catalogue, expressions from :func:`~symgrad.render.printers.text.text`
and :func:`~symgrad.render.printers.latex.latex`.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ...i18n.keys import STATUSES
from ...i18n.language import phrase
from ...i18n.marked import Marked
from ..printers.latex import latex, text_words
from ..printers.text import text, value_text
from .columns import padded


def counterexample_text(c, marked: bool = False) -> str:
    """One line: the point and both values there (``marked``: math marked ``$…$``).

    >>> from symgrad.check.verdict import Counterexample
    >>> x = sympy.Symbol("x", real=True)
    >>> counterexample_text(Counterexample({x: 1}, -8, 16))
    'at x = 1: expected −8, claimed 16'
    """
    where = ", ".join(f"{s} = {text(v)}" for s, v in c.point.items())
    values = (value_text(c.expected), value_text(c.claimed))
    if where:
        return Marked(phrase("check.counterexample", marked=marked).format(where, *values))
    return Marked(phrase("check.values", marked=marked).format(*values))


def counterexample_latex(c) -> str:
    r"""The point and both values as a LaTeX fragment.

    >>> from symgrad.check.verdict import Counterexample
    >>> x = sympy.Symbol("x", real=True)
    >>> counterexample_latex(Counterexample({x: 1}, -8, 16))
    'x = 1:\\ -8 \\neq 16'
    """
    where = ",\\ ".join(f"{latex(s)} = {latex(v)}" for s, v in c.point.items())
    values = f"{latex(c.expected)} \\neq {latex(c.claimed)}"
    return f"{where}:\\ {values}" if where else values


def verdict_text(v) -> str:
    """A few lines of Unicode: the verdict, the task, both answers and the message."""
    claimed, expected = padded(phrase("check.claimed"), phrase("check.expected"), gap=1)
    lines = [phrase(STATUSES[v.status]) + f": {str(v.task)}"]
    lines += [f"  {claimed}{line}" for line in _shown(v.claimed)]
    lines += [f"  {expected}{line}" for line in _shown(v.expected)]
    if v.reading:
        lines.append(f"  ({v.reading})")
    if v.counterexample is not None:
        lines.append(f"  {counterexample_text(v.counterexample)}")
    lines.append(f"  {v.message}")
    return "\n".join(lines)


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


def _shown(value) -> list[str]:
    if value is None:
        return ["(" + phrase("check.not-computed") + ")"]
    if isinstance(value, Mapping):
        return [", ".join(f"{k} = {value_text(v)}" for k, v in value.items())]
    if isinstance(value, tuple):
        return [f"[{k}] {_line_text(v)}" for k, v in enumerate(value, start=1)]
    return [text(value)]


def _line_text(line: sympy.Expr) -> str:
    if isinstance(line, sympy.Derivative) and len(line.variables) == 1:
        return f"d/d{line.variables[0]} ({text(line.expr)})"
    return text(line)


def _latex_of(value) -> str:
    if value is None:
        return r"\text{(" + text_words(phrase("check.not-computed")) + ")}"
    if isinstance(value, Mapping):
        return ",\\ ".join(f"{latex(k)} = {latex(v)}" for k, v in value.items())
    if isinstance(value, tuple):
        return " = ".join(latex(v) for v in value)
    return latex(value)
