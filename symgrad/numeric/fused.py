"""The optional fused backend (``backend="numba"``): the same per-sample formulas compiled by
numba into one loop over the samples per step, and the whole descent into one call.

NumPy evaluates a step as a sequence of whole-array operations, each a pass over memory; the
fused loop computes J and every gradient sample by sample, in registers, in one pass.  The
formulas are the NumPy backend's (:func:`.lower.sample_form`); only the order of the sums
differs, so parameters and history agree to rounding (the tests hold them to 1e-12).
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import sympy

from ..codegen import compile_source, numpy_function
from ..errors import said
from .lower import sample_form
from .scalar import print_scalar
from .stopping import compiled_rule, loop_source


@functools.cache
def numba():
    """The numba module, or a clear error saying how to install it.

    >>> numba().__name__
    'numba'
    """
    try:  # lazy: the optional fast extra, and numba takes 0.2 s to import
        import numba as nb
    except ImportError:
        raise ValueError(said('err.fused.backend-numba-needs-numba')) from None
    return nb


@functools.cache
def numba_rule() -> dict:
    """The stopping rule's functions compiled by numba, for the generated loops."""
    return compiled_rule(jit)


def jit(fn):
    """Compile with numba as the fused backend does: no Python objects, NumPy's float rules
    (1/0 is inf, not an exception)."""
    return numba().njit(fn, error_model="numpy", cache=False, nogil=True)


@dataclass
class FusedProgram:
    """``run(theta, steps, lr, tol, explosion, *args)`` → (θ, θ before the last update, last
    gradient, history, k, reason): the descent stopped at step k for ``reason``, one of
    :mod:`.stopping`'s verdicts."""

    source: str
    step: Callable = field(repr=False)
    run: Callable = field(repr=False)
    features: Callable | None = field(repr=False)
    #: Seconds numba took to compile this program (0 when it was compiled before).
    compile_seconds: float = 0.0

    def prepare(self, cols) -> list:
        """The data columns and the data-only features, as contiguous float arrays."""
        cols = [np.ascontiguousarray(c, dtype=float) for c in cols]
        m = len(cols[0])
        feats = [np.ascontiguousarray(np.broadcast_to(np.asarray(v, float), (m,)))
                 for v in self.features(*cols)] if self.features else []
        return [*cols, *feats]


def fused_program(derivation) -> FusedProgram:
    """Generate and compile the fused descent of a formula model's loss.

    >>> from symgrad import Model, mse, derive
    >>> p = fused_program(derive(mse(Model("w*x", inputs="x"))))
    >>> data = p.prepare([np.array([1.0, 2.0]), np.array([2.0, 4.0])])
    >>> theta, _, _, history, k, reason = p.run(np.zeros(1), 2, 0.2, -1.0, 1e10, *data)
    >>> from symgrad.numeric.stopping import REASONS
    >>> theta.tolist(), history.tolist(), k, REASONS[reason]
    ([1.5], [5.0, 1.25, 0.3125], 2, 'steps')
    """
    form = sample_form(derivation)
    b = form.builder
    arrays = [*form.data, *b.hoisted]
    at_i = {s: sympy.Symbol(f"{s}[i]") for s in arrays}
    P = len(form.params)
    body = [f"{', '.join(map(str, form.params))}{',' if P == 1 else ''} = theta",
            f"m = {form.data[0]}.shape[0]",
            "J = 0.0", *[f"g{j} = 0.0" for j in range(P)],
            "for i in range(m):"]
    for t, e in form.repl:
        body.append(f"    {t} = {print_scalar(e.xreplace(at_i))}")
    body.append(f"    J += {print_scalar(form.reduced[0].xreplace(at_i))}")
    for j, g in enumerate(form.reduced[1:]):
        body.append(f"    g{j} += {print_scalar(g.xreplace(at_i))}")
    body.append("grad = numpy.empty(theta.shape[0])")
    body += [f"grad[{j}] = g{j} / m" for j in range(P)]
    body.append("return J / m, grad")
    args = ", ".join(map(str, arrays))
    step = f"def step(theta, {args}):\n" + "".join(f"    {ln}\n" for ln in body)
    run = RUN.format(args=args)
    source = step + "\n" + run
    step_fn, run_fn, seconds = _compiled(source, len(arrays), P)
    features = numpy_function(form.data, list(b.hoisted.values())) if b.hoisted else None
    return FusedProgram(source, step_fn, run_fn, features, seconds)


_CACHE: dict = {}


def _compiled(source: str, n_arrays: int, n_params: int):
    """The jitted step and run of this source, compiled once per process."""
    if source in _CACHE:
        step, run = _CACHE[source]
        return step, run, 0.0
    step_src, run_src = source.split("\n\n", 1)
    step = jit(compile_source(step_src, "step"))
    namespace = {"numpy": np, "math": math, "step": step, **numba_rule()}
    exec(compile(run_src, "<symgrad fused run>", "exec"), namespace)  # noqa: S102 - our own
    run = jit(namespace["run"])
    t0 = time.perf_counter()
    with np.errstate(all="ignore"):
        # Compile now, on tiny data of the right types, so the compile time is known.
        dummy = [np.ones(2) for _ in range(n_arrays)]
        run(np.zeros(n_params), 1, 0.1, -1.0, 1e10, *dummy)
        step(np.zeros(n_params), *dummy)
    _CACHE[source] = (step, run)
    return step, run, time.perf_counter() - t0


#: The descent loop, compiled too: one call runs every step, stopped by :mod:`.stopping`'s
#: rule (its :data:`~.stopping.LOOP`).
RUN = ("def run(theta, steps, lr, tol, explosion, {args}):\n"
       "    prev = theta.copy()\n"
       "    grad = numpy.zeros(theta.shape[0])\n"
       + loop_source("step(theta, {args})", "        grad = g\n"
                                            "        prev = theta\n"
                                            "        theta = theta - lr * g\n")
       + "    return theta, prev, grad, history[:k + 1], k, reason\n")
