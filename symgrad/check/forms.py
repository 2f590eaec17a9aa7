"""The forms an expression is evaluated in, and when it is too big to evaluate or expand exactly:
shared by the exact comparison (:mod:`.equality`) and the quick numeric one (:mod:`.quick`)."""

from __future__ import annotations

import sympy

from ..functions import relu, sigmoid

__all__ = ["EXACT_EXPONENT_LIMIT", "EXPAND_LIMIT", "expands_hugely", "huge", "numeric_form"]

#: A numeric exponent above this (in absolute value) is never computed exactly at a point.
EXACT_EXPONENT_LIMIT = 1000


def numeric_form(expr: sympy.Expr) -> sympy.Expr:
    """sigmoid and relu in closed form (evalf certifies those better); other functions as is.

    >>> x = sympy.Symbol("x", real=True)
    >>> numeric_form(sigmoid(x) + relu(x))
    Max(0, x) + 1/(1 + exp(-x))
    """
    return expr.replace(sigmoid, lambda u: 1 / (1 + sympy.exp(-u))).replace(
        relu, lambda u: sympy.Max(0, u))


def huge(expr: sympy.Expr) -> bool:
    """Whether exact evaluation at a rational point could build an enormous number.

    >>> x = sympy.Symbol("x")
    >>> huge(x**5000), huge(x**3)
    (True, False)
    """
    for p in expr.atoms(sympy.Pow):
        n = p.exp
        if n.is_Number and abs(n) > EXACT_EXPONENT_LIMIT:
            return True
    return False


#: A power of a sum above this exponent is never multiplied out.
EXPAND_LIMIT = 12


def expands_hugely(expr: sympy.Expr) -> bool:
    """Whether multiplying ``expr`` out would build a huge polynomial, e.g. (x + y + 1)⁴⁰.

    >>> x, y = sympy.symbols("x y", real=True)
    >>> expands_hugely((x + y + 1)**40), expands_hugely((x + 1)**3)
    (True, False)
    """
    return any(p.base.is_Add and p.exp.is_Integer and abs(p.exp) > EXPAND_LIMIT
               for p in expr.atoms(sympy.Pow))
