r"""Penalties on the weights, added to the cost: J = (1/m) Σᵢ ℓᵢ + P(w).

* L2 (weight decay): P = λ/(2m) Σ w², so ∂P/∂w = λw/m;
* L1: P = (λ/m) Σ |w|, so ∂P/∂w = (λ/m)·sign(w) (not differentiable at w = 0).

A penalty belongs to a loss (``mse(model, l2=λ)``); it is part of J, not of the per-sample ℓ,
and its derivative is derived by the rules like any other (:meth:`Penalty.steps`).  Biases are
not penalised unless asked for: by default the weights are every parameter except those named
b, b1, b_2, b2_1 … (a network: every W).  ``penalize=[…]`` names them instead.

>>> w, b = sympy.symbols("w b", real=True)
>>> P = Penalty("l2", sympy.Rational(1, 10), (w,))
>>> P.expr, P.derivative(w), P.derivative(b)
(w**2/(20*m), w/(10*m), 0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import sympy

from .errors import said
from .parsing.core import parse, symbols

__all__ = ["M", "Penalty", "penalty_for"]

#: The number of samples m, as the cost J = (1/m) Σᵢ ℓᵢ + P writes it.
M = sympy.Symbol("m", integer=True, positive=True)
_BIAS = re.compile(r"b(?:_?\d+)*(?:_\d+)*")


@dataclass(frozen=True)
class Penalty:
    """``kind`` ("l2" or "l1") with strength λ on ``weights``; P(w) is :attr:`expr`."""

    kind: str
    strength: sympy.Expr
    weights: tuple[sympy.Symbol, ...]

    @property
    def expr(self) -> sympy.Expr:
        """P: λ/(2m) Σ w² (L2) or (λ/m) Σ |w| (L1), with m the number of samples."""
        if self.kind == "l2":
            return self.strength / (2 * M) * sympy.Add(*[w**2 for w in self.weights])
        return self.strength / M * sympy.Add(*[sympy.Abs(w) for w in self.weights])

    def term(self, w: sympy.Symbol) -> sympy.Expr:
        """The one term of P that depends on ``w``: λ/(2m)·w² or (λ/m)·|w|."""
        return self.strength / (2 * M) * w**2 if self.kind == "l2" else \
            self.strength / M * sympy.Abs(w)

    def derivative(self, p: sympy.Symbol) -> sympy.Expr:
        """∂P/∂p: λp/m (L2), (λ/m)·sign(p) (L1), 0 for a parameter that is not penalised."""
        if p not in self.weights:
            return sympy.S.Zero
        return self.strength * p / M if self.kind == "l2" else self.strength * sympy.sign(p) / M

    # ------------------------------------------------------------------ numbers, for descent

    def value(self, values, m: int):
        """P at parameter values (exact or float, in the order of ``weights``... by name)."""
        lam = self.strength
        if self.kind == "l2":
            return lam * sum(v * v for v in values) / (2 * m)
        return lam * sum(abs(v) for v in values) / m

    def float_value_and_gradient(self, theta: np.ndarray, mask: np.ndarray, m: int):
        """(P, ∂P/∂θ) for a float parameter vector whose penalised entries are ``mask``."""
        lam = float(self.strength)
        w = theta * mask
        if self.kind == "l2":
            return lam * float(w @ w) / (2 * m), lam * w / m
        return lam * float(np.abs(w).sum()) / m, lam * np.sign(w) / m

    def array_value_and_updates(self, arrays, penalised, m: int, lr: float):
        """(P, α·∂P/∂A for each array A) for a network's arrays, ``penalised[k]`` for each."""
        lam, total, updates = float(self.strength), 0.0, []
        for a, on in zip(arrays, penalised):
            if not on:
                updates.append(None)
                continue
            if self.kind == "l2":
                total += lam * float(np.vdot(a, a)) / (2 * m)
                updates.append(lr * lam * a / m)
            else:
                total += lam * float(np.abs(a).sum()) / m
                updates.append(lr * lam * np.sign(a) / m)
        return total, updates


def penalty_for(params, *, l2=None, l1=None, penalize=None, network=None) -> Penalty | None:
    """The penalty a loss constructor was asked for (None if neither ``l2`` nor ``l1``).

    >>> w, b = sympy.symbols("w b", real=True)
    >>> penalty_for((w, b), l2="0.1").weights
    (w,)
    """
    if l2 is None and l1 is None:
        return None
    if l2 is not None and l1 is not None:
        raise ValueError(said("err.penalty.one-kind"))
    kind, given = ("l2", l2) if l2 is not None else ("l1", l1)
    strength = parse(given, what="the penalty strength")
    if not (strength.is_number and strength.is_real and strength >= 0):
        raise ValueError(said("err.penalty.strength", given))
    if penalize is None:
        weights = tuple(p for p in params if not _BIAS.fullmatch(p.name))
    elif network is not None:
        raise ValueError(said("err.penalty.network-weights"))
    else:
        weights = symbols(penalize)
        unknown = [w.name for w in weights if w not in params]
        if unknown:
            raise ValueError(said("err.penalty.not-parameter", ", ".join(unknown)))
    return Penalty(kind, strength, weights)
