"""Forms of a formula that stay finite in floating point: what the NumPy code is printed from."""

from __future__ import annotations

import sympy
from sympy import log

from ..functions import sigmoid, softplus

__all__ = ["stable_forms"]


def stable_forms(expr):
    """``expr`` with log σ(u) as −softplus(−u) and log(1 − σ(u)) as −softplus(u): equal, and
    finite in floating point where σ(u) underflows to 0 or rounds to 1.

    >>> import sympy
    >>> u = sympy.Symbol("u", real=True)
    >>> stable_forms(sympy.log(sigmoid(u)) + sympy.log(1 - sigmoid(u)))
    -softplus(-u) - softplus(u)
    """
    if not isinstance(expr, sympy.Basic) or not expr.has(sigmoid):
        return expr

    def stable(arg):
        if isinstance(arg, sigmoid):
            return -softplus(-arg.args[0])
        rest = arg - 1
        if (-rest).func is sigmoid:
            return -softplus((-rest).args[0])
        return log(arg)

    return expr.replace(log, stable)
