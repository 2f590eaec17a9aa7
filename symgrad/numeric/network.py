"""Training a network: the vector view's forward and backward passes, step after step.

No Python loop over weights or samples: each step is one pass of matrix products per layer.
"""

from __future__ import annotations

import ctypes
import functools
import math
import re
from collections.abc import Callable

import numpy as np
import sympy

from .codegen import numpy_function
from .data import float_matrix, param_name, read_float
from .diagnose import EXPLOSION, diagnose
from .fit import Fit


def descend_network(loss, X, Y, lr, steps, init, seed, tol, callback) -> Fit:
    """Train a network with the vector view: matrix products per layer, per step."""
    from ..backprop import backprop  # here: backprop imports this package's code generator

    derivation = backprop(loss)
    params = _network_start(derivation.network, init, seed)
    value = _batch_value(loss)
    history, flat, limit = [], np.zeros(0), math.inf
    keep_freed_memory()
    with np.errstate(all="ignore"):
        for k in range(steps + 1):
            # `kept` holds the last pass's arrays until this pass is done (see run).
            grads, out, kept = derivation.run(params, X, Y)
            J = value(out, Y.T)
            if not abs(J) <= limit:
                diagnose(J, flat, k, history, lr, derivation)
            flat = np.concatenate([g.ravel() for pair in grads for g in pair if g is not None])
            history.append(J)
            limit = EXPLOSION * (1 + abs(history[0]))
            if k == steps or (tol is not None and k > 1 and abs(history[-2] - J) <= tol):
                break
            for pair, grad in zip(params, grads):
                for i in (0, 1):
                    if pair[i] is not None:
                        pair[i] = pair[i] - lr * grad[i]
            if callback is not None:
                callback(k + 1, J)
    net = derivation.network
    values = {}
    for dense, (W, b) in zip(net.dense, params):
        values.update(zip((s.name for s in dense.W), W.ravel().tolist()))
        if b is not None:
            values.update(zip((s.name for s in dense.b), b.tolist()))

    def predict(Xnew):
        Xnew = float_matrix(Xnew, net.n_inputs, "X")
        with np.errstate(all="ignore"):
            _, out, _ = derivation.run(params, Xnew, np.zeros((len(Xnew), net.n_outputs)))
        return out.T[:, 0].copy() if net.n_outputs == 1 else out.T.copy()

    arrays = [(W.copy(), None if b is None else b.copy()) for W, b in params]
    return Fit(loss, values, history, lr, False, predict, arrays)


@functools.cache
def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory for reuse instead of returning it to the system.

    Training frees and reallocates the same large arrays every step. glibc's default hands
    blocks of 128 KiB and more back to the system and trims the heap, so each step pays page
    faults for every page again. Measured on the 64-32-10 digits network (1,797 samples):
    2.0 ms a step by default, 0.8 ms with memory kept (benchmarks/network_vs_numpy.py).
    This is process-wide and done once, the first time a network trains: freed memory then
    stays with the process (up to 256 MiB above the heap top) until it exits. Elsewhere than
    glibc it does nothing and returns False.
    """
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's <malloc.h>
    return bool(mallopt(m_trim_threshold, 256 << 20) and mallopt(m_mmap_threshold, 32 << 20))


#: Predictions are kept this far from 0 and 1 when a log loss is evaluated (not differentiated).
LOG_CLIP = (1e-300, 1 - 1e-15)


def _batch_value(loss) -> Callable:
    """J = (1/m) Σᵢ Σₖ term(fₖ, yₖ) on arrays of outputs and labels (k × m)."""
    term = numpy_function([loss.prediction, loss.target], loss.term)
    clip = loss.term.has(sympy.log)

    def value(F, Yt):
        F = np.clip(F, *LOG_CLIP) if clip else F
        return float(np.sum(term(F, Yt)) / F.shape[1])

    return value


_PARAM_NAME = re.compile(r"(?P<kind>[Wb])(?P<l>\d+)_(?P<j>\d+)(?:_(?P<k>\d+))?")


def _network_start(net, init, seed) -> list:
    """Small seeded random weights (scaled by 1/√fan-in), zero biases, then ``init``."""
    rng = np.random.default_rng(seed)
    params = [[rng.normal(0.0, 1.0 / np.sqrt(d.n_in), (d.n_out, d.n_in)),
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
                f"init names {name!r}, which is not a parameter of this network "
                "(weights are W{layer}_{unit}_{input}, biases b{layer}_{unit}, from 1)"
            ) from None
    return params
