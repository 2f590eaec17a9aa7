"""Kinks and poles: points where a derivative may not exist, or where a value is too close to
a pole or a kink to be trusted in floating point, so no counterexample is taken there."""

from __future__ import annotations

import mpmath
import sympy
from sympy import Abs, Heaviside, Rational, sign  # noqa: F401 - Rational is for the doctest

from ..functions import elu, leaky_relu, relu
from .quick import quick_parts

__all__ = ["MARGIN", "at_kink", "near_singularity"]

#: A point is too near a pole or a kink when the quantity that vanishes there (a denominator,
#: the argument of |u|, log u, √u, sign u, or the gap between the arguments of a max) is this
#: small relative to the size of its own terms.
MARGIN = mpmath.mpf(10) ** -6

_KINKED = (Abs, sign, Heaviside, relu, leaky_relu, elu)


def at_kink(expr: sympy.Expr, point: dict) -> bool:
    """Whether ``point`` is a kink of ``expr``: where |u|, sign(u), H(u), relu(u), … has u = 0
    or two arguments of a max/min are equal.  A derivative there may not exist, so a point
    there is no counterexample (|2x − 1|′ has no value at x = 1/2).

    >>> x = sympy.Symbol("x", real=True)
    >>> at_kink(2 * sign(2 * x - 1), {x: Rational(1, 2)}), at_kink(Abs(x), {x: 1})
    (True, False)
    """
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, _KINKED):
            inside = node.args[0]
        elif isinstance(node, (sympy.Max, sympy.Min)):
            inside = sympy.Mul(*[a - b for k, a in enumerate(node.args)
                                 for b in node.args[k + 1:]])
        else:
            continue
        try:
            if sympy.sympify(inside.xreplace(point)) == 0:
                return True
        except (ArithmeticError, ValueError, TypeError):
            continue
    return False


def near_singularity(expr: sympy.Expr, point: dict) -> bool:
    """Whether ``point`` is within :data:`MARGIN` (relative) of a pole or a kink of ``expr``:
    where a denominator, the argument of log, √, |·|, sign or H, or the gap between the
    arguments of a max/min nearly vanishes.  The sides' values there are huge or flip sign on
    a rounding error, so such a point is no counterexample (nor evidence of agreement); one
    further away is taken instead.

    >>> x = sympy.Symbol("x", real=True)
    >>> near, third = Rational(1, 3) + Rational(1, 10**12), {x: Rational(1, 3)}
    >>> near_singularity(1 / (x - near), third), near_singularity(1 / (x - 1), third)
    (True, False)
    >>> near_singularity(Abs(x - near), third), near_singularity(relu(x - near), third)
    (True, True)
    """
    walked = quick_parts(expr, point)
    if walked is None:
        return False  # no quick look: the exact evaluation decides, as before
    form, values = walked
    for node in sympy.preorder_traversal(form):
        if isinstance(node, (sympy.Max, sympy.Min)):
            if _close_pair(node.args, values):
                return True
            continue
        if node.is_Pow and not (node.exp.is_integer and node.exp.is_positive):
            inside = node.base
        elif isinstance(node, (sympy.log, Abs, sign, Heaviside)):
            inside = node.args[0]
        else:
            continue
        if _near_zero(inside, values):
            return True
    return False


def _near_zero(u: sympy.Expr, values: dict) -> bool:
    value = values.get(u)
    if not isinstance(value, mpmath.mpf):
        return False
    if value == 0:
        return True
    if u.is_Add:
        scale = mpmath.fsum(abs(values[a]) for a in u.args if a in values)
        return abs(value) <= MARGIN * scale
    if u.is_Mul:
        return any(_near_zero(a, values) for a in u.args)
    if u.is_Pow and u.exp.is_positive:
        return _near_zero(u.base, values)
    return False


def _close_pair(args, values: dict) -> bool:
    """Whether two arguments of a max/min are nearly equal (max(0, u): u nearly 0)."""
    for k, a in enumerate(args):
        for b in args[k + 1:]:
            if a == 0 or b == 0:
                if _near_zero(b if a == 0 else a, values):
                    return True
                continue
            u, v = values.get(a), values.get(b)
            if isinstance(u, mpmath.mpf) and isinstance(v, mpmath.mpf) and \
                    abs(u - v) <= MARGIN * (abs(u) + abs(v)):
                return True
    return False
