"""Training a network: the vector view's forward and backward passes, step after step.

No Python loop over weights or samples: each step is one pass of matrix products per layer.
"""

from __future__ import annotations

import ctypes
import functools
import re
from collections.abc import ItemsView, Mapping

import numpy as np

from ..calculus.backprop import backprop
from ..errors import said
from .data import float_matrix, param_name, read_float
from .diagnose import diagnose
from .fit import Fit
from .fused_net import fused_network
from .netdiagnose import explain_network
from .netstep import network_step
from .penalized import penalised_network_step
from .stopping import DIVERGED, EXPLOSION, REASONS, descend_loop, tolerance


def descend_network(loss, X, Y, lr, steps, init, seed, tol, callback, backend="numpy",
                    clock=None) -> Fit:
    """Train a network with the vector view: matrix products per layer, per step; ``clock``
    (a :class:`~.clock.Clock`) is looked at after every step."""
    derivation, program = network_program(loss, backend)
    net = derivation.network
    start = _network_start(net, init, seed)
    params = [a for pair in start for a in pair if a is not None]
    XT, YT = np.ascontiguousarray(X.T), np.ascontiguousarray(Y.T)
    inv_m = 1.0 / len(X)
    penalty = loss.penalty
    weights = [k == 0 for pair in start for k, a in enumerate(pair) if a is not None]

    def penalised(step):  # J + P, α·∂(J + P)/∂A: the penalty's own term (see penalized.py)
        if penalty is None:
            return step
        return penalised_network_step(step, penalty, weights, len(X), lr)

    def explain(k, at=None):  # only after a failure: the step replayed line by line
        return _explain(loss, net, init, seed, XT, YT, inv_m, lr, k, at)

    fused = backend == "numba" and callback is None and penalty is None
    if clock is not None and not (fused and clock.affords(
            lambda: program.step(tuple(params), XT, YT, inv_m))):
        callback = clock.watching(callback)  # a fused run only when it fits in the time left
    if backend == "numba" and (callback is not None or penalty is not None):
        def step(p):
            J, grads = program.step(tuple(p), XT, YT, inv_m)
            return J, [g * lr for g in grads]

        history, stopped = _train(penalised(step), params, lr, steps, tol, callback, derivation,
                                  explain)
        forward, params_arg = program.forward, tuple(params)
    elif backend == "numba":
        with np.errstate(all="ignore"):
            hist, k, reason, grads = program.run(tuple(params), XT, YT, inv_m, steps, lr,
                                                 float(tolerance(tol)), EXPLOSION)
        history, stopped = hist.tolist(), REASONS[reason]
        if reason == DIVERGED:
            diagnose(history[k], k, history[:k], lr, derivation.caveats,
                     explain=lambda: explain(k))
        forward = program.forward
        params_arg = tuple(params)
    else:
        scale, generated = lr * inv_m, program.step
        history, stopped = _train(penalised(lambda p: generated(p, XT, YT, inv_m, scale)),
                                  params, lr, steps, tol, callback, derivation, explain)
        forward = program.forward
        params_arg = params
    history = [float(v) for v in history]

    def predict(Xnew):
        Xnew = float_matrix(Xnew, net.n_inputs, "X")
        with np.errstate(all="ignore"):
            out = forward(params_arg, np.ascontiguousarray(Xnew.T))
        return out.T[:, 0].copy() if net.n_outputs == 1 else out.T.copy()

    arrays, it = [], iter(params)
    for dense in net.dense:
        W = next(it).copy()
        arrays.append((W, next(it).copy() if dense.bias else None))
    return Fit(loss, NetworkValues(net, arrays), history, lr, False, predict, arrays,
               stopped=stopped)


@functools.lru_cache(maxsize=32)
def network_program(loss, backend: str = "numpy") -> tuple:
    """(vector view, step program) of a network's loss, made once per process and backend.

    >>> from symgrad import Dense, Sequential, mse
    >>> loss = mse(Sequential(Dense(2, 1)))
    >>> network_program(loss)[1] is network_program(loss)[1]
    True
    """
    derivation = backprop(loss)
    if backend == "numba":
        return derivation, fused_network(derivation)
    return derivation, network_step(derivation)


def _train(step, params, lr, steps, tol, callback, derivation, explain=None) -> tuple:
    """The training loop: ``step(params)`` gives J and the updates α·∂J/∂θ, applied in place;
    (history, why it stopped), stopped by the rule of :mod:`.stopping`."""
    grads, new = [], []
    keep_freed_memory()

    def evaluate(k):
        nonlocal new
        J, new = step(params)
        return float(J)

    def update(k):
        nonlocal grads
        grads = new
        for p, g in zip(params, grads):
            p -= g

    def diverged(J, k, history):
        diagnose(J, k, history, lr, derivation.caveats, _flat(grads),
                 explain and (lambda: explain(k, params)))

    with np.errstate(all="ignore"):
        return descend_loop(evaluate, update, steps, tol, diverged, callback)


def _explain(loss, net, init, seed, XT, YT, inv_m, lr, k, at):
    """What made J non-finite at step k (see :mod:`.netdiagnose`), replayed with NumPy."""
    derivation, program = network_program(loss, "numpy")
    start = [a for pair in _network_start(net, init, seed) for a in pair if a is not None]
    return explain_network(derivation, program, start, XT, YT, inv_m, lr, k, at)


def _flat(grads) -> np.ndarray:
    return np.concatenate([g.ravel() for g in grads]) if grads else np.zeros(0)


class NetworkValues(Mapping):
    """A trained network's parameters by name (``W{l}_{j}_{k}``, ``b{l}_{j}``), read from its
    arrays.

    A mapping like ``Fit.params`` of a formula model, but no name or number is made until it is
    asked for: a 64-4096-10 network has 307,210 parameters, and building them as a dict cost
    0.3 s before the first step could be reported.

    >>> import numpy as np
    >>> from symgrad import Dense, Sequential
    >>> v = NetworkValues(Sequential(Dense(2, 1)), [(np.array([[0.5, -1.0]]), np.array([2.0]))])
    >>> v["W1_1_2"], len(v), v == {"W1_1_1": 0.5, "W1_1_2": -1.0, "b1_1": 2.0}
    (-1.0, 3, True)
    """

    def __init__(self, net, arrays):
        self._layers = list(zip(net.dense, arrays))

    def __getitem__(self, name):
        m = _PARAM_NAME.fullmatch(name) if isinstance(name, str) else None
        try:
            l, j = int(m["l"]) - 1, int(m["j"]) - 1
            dense, (W, b) = self._layers[l] if l >= 0 else ()
            if m["kind"] == "W" and m["k"] is not None and min(j, int(m["k"]) - 1) >= 0:
                return float(W[j, int(m["k"]) - 1])
            if m["kind"] == "b" and m["k"] is None and b is not None and j >= 0:
                return float(b[j])
        except (TypeError, IndexError, ValueError):
            pass
        raise KeyError(name)

    def __iter__(self):
        for dense, _ in self._layers:
            yield from dense.weight_names()
            yield from dense.bias_names()

    def __len__(self):
        return sum(W.size + (0 if b is None else b.size) for _, (W, b) in self._layers)

    def items(self):
        """(name, value) pairs in order, read row by row from each layer's arrays."""
        return _Items(self)

    def __repr__(self):
        return repr(dict(self.items()))


class _Items(ItemsView):
    def __iter__(self):
        for dense, (W, b) in self._mapping._layers:
            yield from zip(dense.weight_names(), W.ravel().tolist())
            if b is not None:
                yield from zip(dense.bias_names(), b.tolist())


@functools.cache
def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory for reuse instead of returning it to the system.

    Training frees and reallocates the same large arrays every step. glibc's default hands
    blocks of 128 KiB and more back to the system and trims the heap, so each step pays page
    faults for every page again. Measured on the 64-32-10 digits network (1,797 samples):
    2.0 ms a step by default, 0.8 ms with memory kept.
    This is process-wide and done once, the first time symgrad descends: freed memory then
    stays with the process (up to 256 MiB above the heap top) until it exits. Elsewhere than
    glibc it does nothing and returns False.
    """
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's <malloc.h>
    return bool(mallopt(m_trim_threshold, 256 << 20) and mallopt(m_mmap_threshold, 32 << 20))


_PARAM_NAME = re.compile(r"(?P<kind>[Wb])(?P<l>\d+)_(?P<j>\d+)(?:_(?P<k>\d+))?")


def _network_start(net, init, seed) -> list:
    """Small seeded random weights (scaled by 1/√fan-in), zero biases, then ``init``."""
    rng = np.random.default_rng(seed)
    params = [[np.ascontiguousarray(rng.normal(0.0, 1.0 / np.sqrt(d.n_in), (d.n_out, d.n_in))),
               np.zeros(d.n_out) if d.bias else None] for d in net.dense]
    for key, v in (init or {}).items():
        name = param_name(key)
        m = _PARAM_NAME.fullmatch(name)
        try:
            l, j = int(m["l"]) - 1, int(m["j"]) - 1
            if m["kind"] == "W":
                k = int(m["k"]) - 1
                if min(l, j, k) < 0:
                    raise IndexError
                params[l][0][j, k] = read_float(v, name)
            else:
                if min(l, j) < 0:
                    raise IndexError
                params[l][1][j] = read_float(v, name)
        except (TypeError, IndexError):
            raise ValueError(
                said('err.network.init-names-which-not', name)
            ) from None
    return params
