"""A penalty on the weights in every descent: J + P and ∂J/∂θ + ∂P/∂θ around a backend's step.

The per-sample formulas each backend compiles are ℓ's; the penalty is a term of J alone
(:mod:`symgrad.penalty`), so it is added here, once per step, the same for every backend:
NumPy and numba steps of a formula model, a network's steps, and exact descent.

>>> import sympy
>>> from symgrad import Model, mse
>>> loss = mse(Model("w*x", inputs="x"), l2=2)
>>> J, g = exact_cost(loss, sympy.Integer(0), [sympy.Integer(0)], 4)
>>> J, g
(w**2/4, [w/2])
"""

from __future__ import annotations

import numpy as np

from ..penalty import M

__all__ = ["exact_cost", "penalised_network_step", "penalised_step"]


def penalised_step(step, penalty, params, m: int):
    """``step(theta, *args) → (J, g)`` with the penalty added to J and g."""
    mask = np.array([p in penalty.weights for p in params], dtype=float)

    def penalised(theta, *args):
        J, g = step(theta, *args)
        P, dP = penalty.float_value_and_gradient(np.asarray(theta, dtype=float), mask, m)
        return J + P, g + dP

    return penalised


def penalised_network_step(step, penalty, penalised, m: int, lr: float):
    """A network's ``step(arrays) → (J, α·∂J/∂A …)`` with the penalty added (``penalised[k]``:
    whether array k is a weight matrix)."""

    def with_penalty(arrays):
        J, updates = step(arrays)
        P, extra = penalty.array_value_and_updates(arrays, penalised, m, lr)
        return J + P, [u if e is None else u + e for u, e in zip(updates, extra)]

    return with_penalty


def exact_cost(loss, J, grads, m: int):
    """The exact J and ∂J/∂θ (in ``loss.params`` order) with the penalty added, m samples."""
    penalty = loss.penalty
    if penalty is None:
        return J, grads
    at = {M: m}
    return (J + penalty.expr.xreplace(at),
            [g + penalty.derivative(p).xreplace(at) for g, p in zip(grads, loss.params)])
