"""Gradient descent on the derived formulas: lambdified to NumPy, or run exactly in rationals.

The functions that run are lambdified from the very expressions ``derive`` prints.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
import sympy

from ..calculus.derive import derive
from ..codegen import stable_forms
from ..errors import DivergenceError, NumericError, said
from ..losses import Loss
from .clock import Clock, descent_budget
from .compile import Compiled
from .data import (
    check_backend,
    check_data,
    check_steps,
    exact_lr,
    exact_matrix,
    float_lr,
    float_matrix,
    initial_values,
    param_name,
)
from .diagnose import EXPLOSION, FIRST_LIMIT, diagnose, find_cause
from .fit import Fit
from .network import descend_network, keep_freed_memory
from .penalized import exact_cost, penalised_step
from .rising import PROBE_STEPS, examine


def descend(loss: Loss, X, y, *, lr, steps: int, init=None, exact: bool = False,
            tol=None, seed: int = 0, callback: Callable | None = None,
            backend: str = "numpy", timeout=None) -> Fit:
    """Full-batch gradient descent θ ← θ − α ∂J/∂θ on a loss, from the derived gradients.

    X has shape (m, n_inputs), columns in ``model.inputs`` order; y has shape (m,) or (m, k).
    Parameters missing from ``init`` start at 0.  ``tol`` stops early once |ΔJ| ≤ tol.
    ``exact=True`` (exact data, Rational ``lr``) runs the same updates in rational arithmetic.
    ``callback(step, J)`` is called after every step.  ``seed`` is reserved for random starts.
    ``backend="numba"`` (``pip install 'symgrad[fast]'``) runs the same formulas compiled into
    fused loops; NumPy is the default and the reference.
    ``timeout`` (seconds or a Budget; default ``SYMGRAD_TIMEOUT``, else 300 s) bounds the run:
    steps whose loss history would pass the memory budget are refused before the start, and
    past the time the descent stops with TooExpensive, saying which step it reached.  A fit
    whose J ends above its start, or rises for many steps, warns (see :mod:`.rising`).

    >>> from symgrad import Model, mse
    >>> loss = mse(Model("w*x", inputs="x"))
    >>> fit = descend(loss, [[1], [2]], [2, 4], lr=sympy.Rational(1, 5), steps=2, exact=True)
    >>> fit.params, fit.history
    ({'w': 3/2}, [5, 5/4, 5/16])
    """
    X, Y = check_data(loss, X, y, exact)
    steps = check_steps(steps)
    backend = check_backend(backend, exact)
    network = loss.model.network  # named by its layers: a network's expression is never built
    clock = Clock(descent_budget(timeout), steps,
                  loss.model.expr if network is None else network)
    run = functools.partial(_run, loss, X, Y, init=init, exact=exact, tol=tol, seed=seed,
                            backend=backend, clock=clock)
    fit = run(lr, steps, callback)
    # J going up is said, with an α under which it does not (tried on the same clock).
    fit.rise = examine(fit.history, fit.lr,
                       lambda alpha: run(alpha, min(steps, PROBE_STEPS), None).history)
    return fit


def _run(loss, X, Y, lr, steps, callback, *, init, exact, tol, seed, backend, clock) -> Fit:
    network = loss.model.network
    if network is not None and not exact:
        return descend_network(loss, X, Y, float_lr(lr), steps, init, seed, tol, callback,
                               backend, clock)
    if exact or backend != "numba" or callback is not None:
        callback = clock.watching(callback)  # numba without a callback: see _descend_float
    derivation = derive(loss) if exact or network is not None else None
    theta0 = initial_values(loss, init, exact)
    if network is not None:
        # Exact training of a (small) network: the scalar view, from seeded random tenths.
        rng = np.random.default_rng(seed)
        given = {param_name(k) for k in (init or {})}
        theta0 = [v if p.name in given else sympy.Rational(int(rng.integers(-5, 6)), 10)
                  for p, v in zip(loss.params, theta0)]
    if exact:
        return _descend_exact(derivation, X, Y, exact_lr(lr), steps, theta0, tol, callback)
    derivation, compiled = compiled_loss(loss, backend)
    return _descend_float(derivation, compiled, X, Y, float_lr(lr), steps, theta0, tol,
                          callback, backend, clock)


@functools.lru_cache(maxsize=32)
def compiled_loss(loss: Loss, backend: str = "numpy") -> tuple:
    """(derivation, Compiled) of a loss, derived and compiled once per process and backend:
    descending again on the same loss (another learning rate, other data) starts at once.

    >>> from symgrad import Model, mse
    >>> loss = mse(Model("w*x", inputs="x"))
    >>> compiled_loss(loss)[1] is compiled_loss(loss)[1]
    True
    """
    derivation = derive(loss)
    return derivation, Compiled.of(derivation, backend)


def _descend_float(derivation, compiled, X, Y, lr, steps, theta0, tol, callback,
                   backend, clock) -> Fit:
    program = compiled.program
    keep_freed_memory()  # a step's temporaries are reused, not faulted in again every step
    args = program.prepare([*X.T, *Y.T])
    step = program.step
    penalty = derivation.loss.penalty
    if penalty is not None:
        step = penalised_step(step, penalty, derivation.wrt, len(X))
    theta = np.array(theta0, dtype=float)
    history, grad, prev = [], None, theta
    limit = FIRST_LIMIT

    def explain():
        return _explain(derivation, X, Y, prev, theta)

    fused = backend == "numba" and callback is None and penalty is None
    if callback is None and not (fused and clock.affords(lambda: step(theta, *args))):
        callback = clock.watching(None)  # one compiled call cannot see the clock: if it fits
    if backend == "numba" and callback is None and penalty is None:
        # The whole descent in one compiled call; the checks are the same as below.
        with np.errstate(all="ignore"):
            theta, prev, grad, hist, stop = program.run(
                theta, steps, lr, -1.0 if tol is None else float(tol), EXPLOSION, *args)
        history = hist.tolist()
        if stop >= 0:
            diagnose(history[stop], stop, history[:stop], lr, derivation.caveats, grad, explain)
        return _float_fit(compiled, derivation, theta, history, lr)

    with np.errstate(all="ignore"):
        for k in range(steps):
            J, g = step(theta, *args)
            # One cheap test a step: a non-finite gradient shows up in the next J, and only
            # then is the last gradient examined (see diagnose).
            if not abs(J) <= limit:
                diagnose(J, k, history, lr, derivation.caveats, grad, explain)
            grad = g
            history.append(J)
            if not k:
                limit = EXPLOSION * (1 + abs(J))
            prev, theta = theta, theta - lr * g
            if callback is not None:
                callback(k + 1, float(J))
            if tol is not None and k and abs(history[-2] - J) <= tol:
                break
        J, _ = step(theta, *args)
        if not abs(J) <= limit:
            diagnose(J, len(history), history, lr, derivation.caveats, grad, explain)
    history.append(J)
    return _float_fit(compiled, derivation, theta, history, lr)


def _float_fit(compiled, derivation, theta, history, lr) -> Fit:
    values = dict(zip((p.name for p in derivation.wrt), theta.tolist()))
    return Fit(derivation.loss, values, [float(v) for v in history], lr, False,
               _float_predictor(compiled, theta.tolist()))


def _explain(derivation, X, Y, prev, theta):
    """The first operation that gave inf or NaN: in J at θ, or in a gradient at the θ before
    (when that gradient already made θ itself non-finite)."""
    loss = derivation.loss
    data = dict(zip((*loss.model.inputs, *loss.targets), (*X.T, *Y.T)))
    if np.isfinite(theta).all():
        return find_cause([stable_forms(loss.sample)], data, dict(zip(derivation.wrt, theta)))
    return find_cause([derivation.gradient[p] for p in derivation.wrt], data,
                      dict(zip(derivation.wrt, prev)))


def _float_predictor(compiled, theta) -> Callable:
    k = compiled.loss.model.outputs

    def predict(X):
        X = float_matrix(X, len(compiled.loss.model.inputs), "X")
        with np.errstate(all="ignore"):
            outs = compiled.model(*X.T, *theta)
        cols = [np.broadcast_to(np.asarray(o, dtype=float), (len(X),)) for o in outs]
        return cols[0].copy() if k == 1 else np.column_stack(cols)

    return predict


def _descend_exact(derivation, X, Y, lr, steps, theta0, tol, callback) -> Fit:
    loss = derivation.loss
    params = derivation.wrt
    m = len(X)
    rows = [dict(zip((*loss.model.inputs, *loss.targets), (*x, *t))) for x, t in zip(X, Y)]
    # Substitute the data once: J and each ∂J/∂p become exact functions of the parameters alone.
    J = sympy.Add(*[loss.sample.xreplace(r) for r in rows]) / m
    grads = [sympy.Add(*[derivation.gradient[p].xreplace(r) for r in rows]) / m for p in params]
    J, grads = exact_cost(loss, J, grads, m)
    theta = list(theta0)
    history = []
    for k in range(steps):
        point = dict(zip(params, theta))
        history.append(_exact_value(J, point, k, "J"))
        _exact_divergence(history, k, lr)
        theta = [t - lr * _exact_value(g, point, k, f"∂J/∂{p}") for t, g, p in
                 zip(theta, grads, params)]
        _exact_size(theta, params, k)
        if callback is not None:
            callback(k + 1, history[-1])
        if tol is not None and k and abs(history[-2] - history[-1]) <= tol:
            break
    history.append(_exact_value(J, dict(zip(params, theta)), len(history), "J"))
    _exact_divergence(history, len(history) - 1, lr)
    values = {p.name: v for p, v in zip(params, theta)}
    point = dict(zip(params, theta))

    def predict(Xnew):
        Xnew = exact_matrix(Xnew, len(loss.model.inputs), "X")
        outs = [[f.xreplace(point).xreplace(dict(zip(loss.model.inputs, x)))
                 for f in loss.model.output_exprs] for x in Xnew]
        arr = np.array(outs, dtype=object)
        return arr[:, 0] if loss.model.outputs == 1 else arr

    return Fit(loss, values, history, lr, True, predict)


#: Exact descent stops once a parameter needs more digits than this (numerator or denominator):
#: each step costs in proportion to the digits, and they can triple every step (w²·x).
MAX_DIGITS = 1000
_TOO_LARGE = 10**MAX_DIGITS


def _exact_size(theta, params, k) -> None:
    """Refuse values past MAX_DIGITS digits before the next step makes them larger still."""
    for p, t in zip(params, theta):
        if max(abs(t.p), t.q) >= _TOO_LARGE:
            raise NumericError(
                said('err.descent.exact-descent-stopped-after', k + 1, p, MAX_DIGITS)
            )


def _exact_divergence(history, k, lr) -> None:
    J, J0 = history[-1], history[0]
    if abs(J) > EXPLOSION * (1 + abs(J0)):
        raise DivergenceError(
            said('err.descent.gradient-descent-diverged-at', k, _approx(J), _approx(J0), lr),
            step=k, loss=_float(J),
        )


def _float(v) -> float:
    try:
        return float(v)
    except OverflowError:
        return math.inf


def _approx(v) -> str:
    return f"{sympy.Float(v, 4)}" if abs(v) >= 10**15 else f"{float(v):.4g}"


def _exact_value(expr, point, k, what) -> sympy.Rational:
    value = expr.xreplace(point)
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise ValueError(said('err.descent.undefined-at-step-division', what, k))
    if not value.is_Rational:
        raise ValueError(
            said('err.descent.exact-true-needs-stay', what, k, value)
        )
    return value
