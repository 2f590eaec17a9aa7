"""The index form of a penalty on the weights: P written with sums, and its generic derivative.

For an L2 penalty P = λ/(2m) Σₖ wₖ², only the term k = j depends on wⱼ, so ∂P/∂wⱼ = λwⱼ/m;
for L1, P = (λ/m) Σₖ |wₖ| and ∂P/∂wⱼ = (λ/m)·sgn(wⱼ), not differentiable where wⱼ = 0.  A
network writes one such sum per layer over W⁽ˡ⁾ⱼₖ.  The penalty is part of the cost J, not of
the per-sample ℓ: it adds its term to ∂J/∂w in the batch gradient and the matrix form.
:func:`symgrad.calculus.index_check.check_form` holds the generic derivative, at the indices it
checks, to ``sympy.diff`` of the model's own P.
"""

from __future__ import annotations

import sympy
from sympy import Sum, Symbol

from ..penalty import M as SAMPLES
from .index_data import J_, K_, IndexRow, IndexStage, Names, partial

__all__ = ["P", "penalty_derivative", "penalty_kinks", "penalty_stage", "penalty_sum"]

#: The penalty, as the rows name it.
P = Symbol("P", real=True)


def _core(kind: str, w) -> sympy.Expr:
    return w**2 if kind == "l2" else sympy.Abs(w)


def _factor(n: Names) -> sympy.Expr:
    """λ/(2m) for L2, λ/m for L1 (m the number of samples)."""
    penalty = n.loss.penalty
    return penalty.strength / (2 * SAMPLES if penalty.kind == "l2" else SAMPLES)


def penalty_sum(n: Names) -> sympy.Expr:
    """P over every weight: λ/(2m) Σⱼ Σₖ (W⁽ˡ⁾ⱼₖ)² for each layer (a formula: λ/(2m) Σₖ wₖ²).

    >>> from symgrad import Model, bce
    >>> from symgrad.calculus.index_shape import weighted_sum
    >>> loss = bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2"), l2="1/10")
    >>> penalty_sum(Names(weighted_sum(loss), loss))
    Sum(w[k]**2, (k, 1, 2))/(20*m)
    """
    kind, sizes = n.loss.penalty.kind, n.shape.sizes
    if not n.shape.network:
        return _factor(n) * Sum(_core(kind, n.W(1, None, K_)), (K_, 1, sizes[0]))
    layers = [Sum(Sum(_core(kind, n.W(l, J_, K_)), (K_, 1, sizes[l - 1])), (J_, 1, sizes[l]))
              for l in range(1, n.L + 1)]
    return _factor(n) * sympy.Add(*layers, evaluate=False)


def penalty_derivative(n: Names, l: int) -> sympy.Expr:
    """∂P/∂W⁽ˡ⁾ⱼₖ (a formula: ∂P/∂wⱼ): λW/m for L2, (λ/m)·sgn(W) for L1."""
    penalty = n.loss.penalty
    W = n.W(l, J_, K_) if n.shape.network else n.W(1, None, J_)
    value = W if penalty.kind == "l2" else sympy.sign(W)
    return penalty.strength * value / SAMPLES


def penalty_stage(n: Names) -> IndexStage:
    """P with sums, then ∂P/∂W⁽ˡ⁾ⱼₖ for each layer: only the one term depends on it."""
    kind = n.loss.penalty.kind
    rows = [IndexRow(P, (penalty_sum(n),), f"penalty-{kind}")]
    for l in range(n.L, 0, -1):
        W = n.W(l, J_, K_) if n.shape.network else n.W(1, None, J_)
        term = _factor(n) * _core(kind, W)
        rows.append(IndexRow(partial(P, W), (partial(term, W), penalty_derivative(n, l)),
                             "penalty-one-term", (W,)))
    return IndexStage("penalty", 0, tuple(rows))


def penalty_kinks(n: Names) -> tuple:
    """An L1 penalty's kinks: where some weight is 0 (one equation per layer)."""
    if n.loss.penalty is None or n.loss.penalty.kind != "l1":
        return ()
    return tuple(sympy.Eq(n.W(l, J_, K_) if n.shape.network else n.W(1, None, J_), 0,
                          evaluate=False) for l in range(1, n.L + 1))
