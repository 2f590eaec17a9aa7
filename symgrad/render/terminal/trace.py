"""Gradient descent traced in terminal text: the table of steps and every update with its numbers.

:func:`trace_text` lays out a :class:`~symgrad.analysis.trace.Trace` (what ``symgrad trace`` prints);
the trace itself only computes the path.
"""

from __future__ import annotations

from itertools import pairwise

from sympy import Symbol

from ...i18n.language import phrase
from ..printers.text import text as expr_text
from .columns import columns

_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _num(value) -> str:
    if isinstance(value, float):
        return f"{value:.10g}".replace("-", "−")
    return expr_text(value)


def _factor(value) -> str:
    s = _num(value)
    return f"({s})" if s.startswith(("−", "-")) or " " in s else s


def _sub(name: Symbol, k: int) -> str:
    return f"{name}{str(k).translate(_SUBSCRIPT)}"


def trace_text(t) -> str:
    """The lines of :meth:`Trace.text <symgrad.analysis.trace.Trace.text>`: f, its gradient, α and the
    update, the table of steps, every update written out with its numbers, the warnings.

    >>> from symgrad import trace_descent
    >>> print(trace_text(trace_descent("x**2 + 1", {"x": 2}, "1/2", 1)).splitlines()[-1])
    x₁ = x₀ − α·∂f/∂x = 2 − 1/2·4 = 0
    """
    return "\n".join(_lines(t))


def _lines(t) -> list[str]:
    names = ", ".join(map(str, t.variables))
    lines = [f"f({names}) = {expr_text(t.expr)}"]
    lines += [f"∂f/∂{v} = {expr_text(g)}" for v, g in t.gradient.items()]
    updates = ", ".join(f"{v} ← {v} − α·∂f/∂{v}" for v in t.variables)
    lines += [f"α = {_num(t.lr)};  " + phrase("text.update") + f" {updates}", ""]
    lines += _table(t) + [""]
    for prev, row in pairwise(t.rows):
        k = row["step"]
        lines += [
            f"{_sub(v, k)} = {_sub(v, k - 1)} − α·∂f/∂{v} = {_num(prev['point'][v])} − "
            f"{_factor(t.lr)}·{_factor(prev['gradient'][v])} = {_num(row['point'][v])}"
            for v in t.variables
        ]
    lines += [phrase("text.warning").format(w) for w in t.warnings]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _table(t) -> list[str]:
    header = [phrase("plot.step"), *map(str, t.variables), "f",
              *(f"∂f/∂{v}" for v in t.variables)]
    body = [
        [str(r["step"]), *(_num(r["point"][v]) for v in t.variables), _num(r["value"]),
         *(_num(r["gradient"][v]) for v in t.variables)]
        for r in t.rows
    ]
    widths = [max(columns(row[i]) for row in [header, *body]) for i in range(len(header))]
    return ["  ".join(c + " " * (w - columns(c)) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in [header, *body]]
