"""Kinks: points where a derivative may not exist, so no counterexample is taken there."""

from __future__ import annotations

import sympy
from sympy import Abs, Heaviside, Rational, sign  # noqa: F401 - Rational is for the doctest

from ..functions import elu, leaky_relu, relu

__all__ = ["at_kink"]

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
