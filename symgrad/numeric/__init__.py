"""The numeric side of symgrad: compiling derived formulas to NumPy and running descent.

* :mod:`symgrad.codegen` (below every computing package) — the one place expressions become
  NumPy code (every name made safe);
* :mod:`.data` — the one place training input is read and checked (numbers, shapes, labels);
* :mod:`.lower` — a formula's step as straight-line NumPy: features hoisted, one shared
  forward pass, matrix-vector products; :mod:`.compile` wraps it with the model's function;
* :mod:`.netstep` — a network's step generated from the vector view's rules;
* :mod:`.fused`, :mod:`.fused_net` — the optional numba backend, same formulas, fused loops;
* :mod:`.descent` — ``descend``: float, exact, or (for a network) :mod:`.network`;
* :mod:`.diagnose` — divergence and non-finite values traced to their cause;
* :mod:`.fit` — ``Fit``, what a descent returns.
"""

from ..codegen import numpy_function
from .data import check_data
from .descent import descend
from .fit import Fit

__all__ = ["Fit", "check_data", "descend", "numpy_function"]
