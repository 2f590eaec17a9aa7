"""Hints' arithmetic at the test points: the ratio or the gap between two answers, when it is
the same number at every point (no algebra, only evaluation; never a verdict).

>>> x = sympy.Symbol("x", real=True)
>>> ratio_at_points(3 * x**2, 6 * x**2), gap_at_points(x, x + 5)
(2, 5)
"""

from __future__ import annotations

import sympy
from sympy import Rational

from .equality import DIGITS, SEED, points, value_at

__all__ = ["gap_at_points", "ratio_at_points"]


def ratio_at_points(expected, claimed, tries: int = 8) -> sympy.Expr | None:
    """claimed/expected if it is the same number at every defined test point (at least three).

    A cheap stand-in for simplify(claimed/expected) in hints: no algebra, only evaluation.

    >>> x = sympy.Symbol("x", real=True)
    >>> ratio_at_points(3 * x**2, 6 * x**2), ratio_at_points(x, x**2)
    (2, None)
    """
    return _same_at_points(expected, claimed, lambda e, c: c / e if e != 0 else None, tries)


def gap_at_points(expected, claimed, tries: int = 8) -> sympy.Expr | None:
    """claimed − expected if it is the same number at every defined test point (at least three).

    >>> x = sympy.Symbol("x", real=True)
    >>> gap_at_points(3 * x**2, 3 * x**2 + 5)
    5
    """
    return _same_at_points(expected, claimed, lambda e, c: c - e, tries)


def _same_at_points(expected, claimed, combine, tries: int) -> sympy.Expr | None:
    # Hints only: values are compared to DIGITS digits (not certified), and a value that is
    # a simple fraction to that precision is taken to be that fraction.
    expected, claimed = sympy.sympify(expected), sympy.sympify(claimed)
    first, first_approx, count, same_form = None, None, 0, True
    for point in points(expected, claimed, tries, SEED + 2):
        e, c = value_at(expected, point), value_at(claimed, point)
        if e is None or c is None or e.has(sympy.Float) or c.has(sympy.Float):
            continue
        value = combine(e, c)
        if value is None:
            continue
        approx = _approx(value)
        if approx is None:
            continue
        if first is None:
            first, first_approx = value, approx
        elif abs(approx - first_approx) > _TOLERANCE * max(1, abs(first_approx)):
            return None
        else:
            same_form = same_form and value == first
        count += 1
    if count < 3:
        return None
    if first.is_Rational or same_form:
        return first
    fraction = Rational(str(first_approx)).limit_denominator(1000)
    return fraction if abs(first_approx - fraction) < _TOLERANCE else first


_TOLERANCE = sympy.Float(10) ** (10 - DIGITS)


def _approx(value: sympy.Expr) -> sympy.Float | None:
    if value.is_Rational:
        return sympy.Float(value, DIGITS)
    try:
        approx = value.evalf(DIGITS)
    except (ArithmeticError, ValueError, TypeError):
        return None
    return approx if approx.is_Number and approx.is_real else None
