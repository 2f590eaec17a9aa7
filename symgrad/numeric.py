"""The one place where symgrad turns expressions into NumPy code (``sympy.lambdify``).

Only SymPy objects reach it, never user text: text is read by the whitelisting parser first.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy


def numpy_function(args, exprs) -> Callable:
    """A NumPy function of ``args`` computing ``exprs`` (one expression or a list), with common
    sub-expressions computed once.

    ``dummify``: a symbol may be named like something the generated code uses (exp, numpy).

    >>> import numpy as np
    >>> x, w = sympy.symbols("x w", real=True)
    >>> numpy_function([x, w], [w * x**2, (w * x**2) ** 2])(np.array([1.0, 2.0]), 3.0)
    [array([ 3., 12.]), array([  9., 144.])]
    """
    from .functions import stable_forms  # log σ(u) as −softplus(−u): finite where σ underflows

    exprs = [stable_forms(e) for e in exprs] if isinstance(exprs, (list, tuple)) else \
        stable_forms(exprs)
    return sympy.lambdify(args, exprs, modules="numpy", cse=True, dummify=True)
