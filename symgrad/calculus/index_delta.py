"""The δ rows of the index form: the output δ⁽ᴸ⁾ⱼ derived with its algebra steps, and each
hidden layer's δ⁽ˡ⁾ⱼ derived by the chain rule summed over the next layer.

The local derivatives g′ and ∂ℓ/∂a come from the rule engine
(:class:`symgrad.calculus.backprop.LocalRule`, ``diff_steps``) and the output δ's algebra from
:func:`symgrad.calculus.chain.output_steps`; relu′ is written 1[z > 0].
"""

from __future__ import annotations

import sympy
from sympy import KroneckerDelta, Sum

from ..functions import indicator
from ..nn import Activation, Identity, Softmax
from .algebra import AlgebraStep
from .backprop import A, LocalRule, U
from .chain import output_steps
from .index_data import ELL, J_, K_, IndexRow, IndexStage, Names, partial, times
from .rules import diff_steps

__all__ = ["hidden_delta", "output_delta"]


def _local(n: Names, l: int, unit=J_):
    """g′ of layer l in a⁽ˡ⁾ⱼ (and z⁽ˡ⁾ⱼ where needed), from the rule engine: relu′ is 1[z > 0]."""
    act = n.shape.activations[l - 1]
    if isinstance(act, Identity):
        return sympy.S.One
    value = LocalRule.of(act).in_a.xreplace({A: n.a(l, unit), U: n.z(l, unit)})
    return value.replace(lambda e: isinstance(e, sympy.Heaviside),
                         lambda e: indicator(e.args[0]))


def output_delta(n: Names) -> tuple[IndexStage, sympy.Expr]:
    """δ⁽ᴸ⁾ⱼ = ∂ℓ/∂z⁽ᴸ⁾ⱼ: the chain rule through a⁽ᴸ⁾ⱼ, the local values, the algebra steps."""
    L, u = n.L, n.unit()
    act = n.shape.activations[-1]
    z, a, delta = n.z(L, u), n.a(L, u), n.delta(L, u)
    f, y = n.loss.prediction, n.loss.target
    outer = diff_steps(n.loss.term, f).result.xreplace({f: a, y: n.y(u)})
    rows = [IndexRow(delta, (partial(ELL, z),), "delta")] if n.shape.network else []
    if isinstance(act, Softmax):
        return _softmax_output(n, rows)
    rows.append(IndexRow(partial(ELL, a), (outer,), "loss-derivative" if n.one_out else "loss-term",
                         (n.loss.name,)))
    local = _local(n, L, u)
    if not isinstance(act, Identity):
        rows.append(IndexRow(partial(a, z), (local,), f"local.{_kind(act)}"))
    steps = output_steps(((outer, local),), n.loss, AlgebraStep)
    chain = times(partial(ELL, a), partial(a, z))
    product = times(sympy.UnevaluatedExpr(outer), sympy.UnevaluatedExpr(local)) \
        if local != 1 else outer
    value = steps[-1].after if steps else outer * local
    rows.append(IndexRow(delta if n.shape.network else partial(ELL, z), (chain, product), "chain"))
    for step in steps:
        rows.append(IndexRow(delta if n.shape.network else partial(ELL, z), (step.after,),
                             f"algebra.{step.rule}"))
    return IndexStage("output", L, tuple(rows)), value


def _kind(act: Activation) -> str:
    return act.name if act.name in ("sigmoid", "tanh", "relu") else "rules"


def _softmax_output(n: Names, rows: list) -> tuple[IndexStage, sympy.Expr]:
    """Σₖ ∂ℓ/∂aₖ · ∂aₖ/∂zⱼ with ∂aₖ/∂zⱼ = aₖ(1[k = j] − aⱼ), down to aⱼ − yⱼ (one-hot labels)."""
    if n.loss.name != "cross_entropy":
        raise ValueError("softmax's index form is written for the cross-entropy loss")
    L, width = n.L, n.shape.sizes[-1]
    z, a, y = n.z(L), n.a(L), n.y()
    ak, yk = n.a(L, K_), n.y(K_)
    jac = ak * (KroneckerDelta(K_, J_) - a)
    outer = -yk / ak
    steps = [
        (Sum(times(sympy.UnevaluatedExpr(outer), sympy.UnevaluatedExpr(jac)), (K_, 1, width)),
         "softmax derivative"),
        (Sum(yk * (a - KroneckerDelta(K_, J_)), (K_, 1, width)), "cancel"),
        (a * Sum(yk, (K_, 1, width)) - y, "sum-one-term"),
        (a - y, "one-hot labels"),
    ]
    chain = Sum(times(partial(ELL, ak), partial(ak, z)), (K_, 1, width))
    rows.append(IndexRow(partial(ELL, ak), (outer,), "loss-term", (n.loss.name,)))
    rows.append(IndexRow(partial(ak, z), (jac,), "local.softmax"))
    rows.append(IndexRow(n.delta(L), (chain, steps[0][0]), "chain-softmax"))
    for after, rule in steps[1:]:
        detail = ((Sum(yk, (K_, 1, width)), 1),) if rule == "one-hot labels" else ()
        if rule == "one-hot labels":  # what the step assumes, stated as a row of its own
            rows.append(IndexRow(n.y(width), (1 - Sum(yk, (K_, 1, width - 1)),), "one-hot"))
        rows.append(IndexRow(n.delta(L), (after,), f"algebra.{rule}", detail))
    return IndexStage("output", L, tuple(rows)), a - y


def hidden_delta(n: Names, l: int) -> tuple[IndexStage, sympy.Expr]:
    """δ⁽ˡ⁾ⱼ: a⁽ˡ⁾ⱼ feeds every z⁽ˡ⁺¹⁾ₖ, so the chain rule sums over k."""
    width = n.shape.sizes[l + 1]
    z, a, zk = n.z(l), n.a(l), n.z(l + 1, K_)
    local = _local(n, l)
    chain = Sum(times(partial(ELL, zk), partial(zk, a), partial(a, z)), (K_, 1, width))
    upstream = Sum(n.W(l + 1, K_, J_) * n.delta(l + 1, K_), (K_, 1, width))
    value = upstream if local == 1 else times(local, upstream)
    rows = [IndexRow(n.delta(l), (partial(ELL, z), chain), "chain-sum", (l + 1,)),
            IndexRow(partial(zk, a), (n.W(l + 1, K_, J_),), "one-term-input", (a,))]
    act = n.shape.activations[l - 1]
    if not isinstance(act, Identity):
        rows.append(IndexRow(partial(a, z), (local,), f"local.{_kind(act)}"))
    rows.append(IndexRow(n.delta(l), (value,), "delta-recursion", (sympy.Eq(
        n.delta(l + 1, K_), partial(ELL, zk), evaluate=False),)))
    return IndexStage("hidden", l, tuple(rows)), value
