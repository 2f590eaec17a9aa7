"""The one place where symgrad turns expressions into NumPy code.

Only SymPy objects reach it, never user text: text is read by the whitelisting parser first.
Every symbol is renamed before printing, so a user's name (mean, maximum, reduce, numpy…)
can never meet a name the generated code uses.  The code is printed from :func:`stable_forms`
of each expression: the forms that stay finite in floating point.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy
import sympy
from sympy import log

from . import functions  # the NumPy forms of symgrad's functions (erf, erfc)
from .functions import sigmoid, softplus
from .parsing.core import check_objects


def numpy_function(args, exprs) -> Callable:
    """A NumPy function of ``args`` computing ``exprs`` (one expression or a list), with common
    sub-expressions computed once.

    >>> import numpy as np
    >>> x, w = sympy.symbols("x w", real=True)
    >>> numpy_function([x, w], [w * x**2, (w * x**2) ** 2])(np.array([1.0, 2.0]), 3.0)
    [array([ 3., 12.]), array([  9., 144.])]

    Names that NumPy code uses are safe as symbols:

    >>> mean = sympy.Symbol("mean")
    >>> float(numpy_function([mean], sympy.exp(mean) * mean)(0.0))
    0.0
    """
    for e in exprs if isinstance(exprs, (list, tuple)) else [exprs]:
        check_objects(sympy.sympify(e))  # no class of the caller's own prints itself as code

    safe = {a: sympy.Dummy() for a in args}

    def rename(e):
        if isinstance(e, (list, tuple)):
            return [rename(v) for v in e]
        return stable_forms(sympy.sympify(e).xreplace(safe))

    return sympy.lambdify(list(safe.values()), rename(exprs), modules="numpy", cse=True,
                          dummify=True)


class _Package:
    """``symgrad`` as generated code sees it: only ``symgrad.functions``."""

    def __init__(self, functions):
        self.functions = functions


def compile_source(source: str, name: str) -> Callable:
    """The function ``name`` defined by generated ``source``; it sees only ``numpy``, ``math`` and
    ``symgrad.functions``.

    The source is symgrad's own, printed from SymPy objects (see :mod:`.lower`).

    >>> f = compile_source("def twice(v):\\n    return 2 * numpy.asarray(v)\\n", "twice")
    >>> f([1, 2]).tolist()
    [2, 4]
    """
    namespace = {"numpy": numpy, "math": math, "symgrad": _Package(functions)}
    exec(compile(source, f"<symgrad {name}>", "exec"), namespace)  # noqa: S102 - our own code
    return namespace[name]


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
