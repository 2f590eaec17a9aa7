"""The minimum of a smooth periodic function of one variable: sin, cos, their sums, products
and smooth functions of them.

f′ = 0 has infinitely many solutions, but one period holds them all: if f is smooth on ℝ with
period T, its least value on ℝ is its least value on [0, T], taken at a stationary point, and
every stationary point is one in [0, T) plus a multiple of T.  So the stationary points are
solved on [0, T) (SymPy's ``periodicity`` and ``solveset``), each classified as usual, and the
least value found among them; it is taken at each such point plus T·n, n any integer.

>>> from symgrad import explain_minimum
>>> e = explain_minimum("sin(x)")
>>> e.period, [(p.point, p.kind) for p in e.points], least_value(e)
(2*pi, [({x: pi/2}, 'maximum'), ({x: 3*pi/2}, 'minimum')], (-1, [{x: 3*pi/2}]))
"""

from __future__ import annotations

import sympy
from sympy import Expr, Symbol

from ..errors import said
from ..functions import sigmoid

__all__ = ["SMOOTH_FUNCTIONS", "least_value", "periodic_points", "smooth_everywhere"]

# Functions smooth on all of ℝ: a minimum of a formula built only from these is a stationary point.
SMOOTH_FUNCTIONS = (sympy.exp, sympy.sin, sympy.cos, sympy.tanh, sigmoid)


def periodic_points(f: Expr, x: Symbol, first: Expr, classify):
    """(period T, the stationary points in [0, T) classified by ``classify``) for a smooth
    periodic f, or None where f is not periodic (or its points on a period are not found)."""
    if not (f.has(sympy.sin, sympy.cos) and smooth_everywhere(f)):
        return None
    try:
        period = sympy.periodicity(f, x)
    except (NotImplementedError, ValueError, TypeError):
        return None
    if period is None or not (period.is_positive and period.is_finite):
        return None
    try:
        found = sympy.solveset(first, x, sympy.Interval.Ropen(0, period))
    except (NotImplementedError, ValueError, TypeError):
        return None
    if not isinstance(found, sympy.FiniteSet) or not found:
        return None
    roots = sorted(found, key=lambda v: float(v.evalf(30)))
    return period, [classify({x: v}) for v in roots]


def least_value(e) -> tuple[Expr, list[dict]] | None:
    """The least value of a periodic f and the points in one period where it is taken (None
    unless ``e`` is the result of a periodic f)."""
    if getattr(e, "period", None) is None or not e.points:
        return None
    approx = [float(sympy.N(p.value, 30)) for p in e.points]
    low = min(approx)
    near = [p for p, a in zip(e.points, approx) if abs(a - low) <= 1e-12 * max(1.0, abs(low))]
    least = near[0].value
    # Ties are kept only when they are exactly equal, not merely close.
    at = [p.point for p in near if p is near[0] or sympy.simplify(p.value - least) == 0]
    return least, at


def periodic_note(period: Expr):
    """The note of a periodic f: its points are listed in one period."""
    return said("note.periodic-listed", period)


def smooth_everywhere(expr: Expr) -> bool:
    """Whether ``expr`` is built only from operations defined and smooth on all of ℝⁿ: then a
    minimum of it is a stationary point.

    >>> x = sympy.Symbol("x")
    >>> smooth_everywhere(sympy.sin(x) ** 2 + x), smooth_everywhere(sympy.Abs(x))
    (True, False)
    """
    for node in sympy.preorder_traversal(expr):
        if node.is_Atom or node.is_Add or node.is_Mul or isinstance(node, SMOOTH_FUNCTIONS):
            continue
        if node.is_Pow and (
            (node.exp.is_Integer and node.exp >= 0)
            or (node.base.is_number and node.base.is_positive)
        ):
            continue
        return False
    return True
