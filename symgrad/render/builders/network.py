"""A network's derivation written as a teacher writes it: with z⁽ˡ⁾ⱼ, a⁽ˡ⁾ⱼ and δ⁽ˡ⁾ⱼ.

The forward pass defines every intermediate quantity (z⁽ˡ⁾ⱼ = Σₖ W⁽ˡ⁾ⱼₖ a⁽ˡ⁻¹⁾ₖ + b⁽ˡ⁾ⱼ,
a⁽ˡ⁾ⱼ = φ(z⁽ˡ⁾ⱼ)).  Then, layer by layer from the output down, one weight and one bias go
through the chain rule ∂ℓ/∂W = ∂ℓ/∂a · ∂a/∂z · ∂z/∂W in those names; the first two factors
are δ⁽ˡ⁾ⱼ = ∂ℓ/∂z⁽ˡ⁾ⱼ, simplified at the output by named algebra steps (BCE after σ, and
softmax with cross-entropy, reach a − y) and passed down by ∂ℓ/∂a⁽ˡ⁾ⱼ = Σᵢ δ⁽ˡ⁺¹⁾ᵢ W⁽ˡ⁺¹⁾ᵢⱼ.
Every other weight and bias follows the index pattern ∂ℓ/∂W⁽ˡ⁾ⱼₖ = δ⁽ˡ⁾ⱼ a⁽ˡ⁻¹⁾ₖ.
The values come from :mod:`symgrad.calculus.chain`; this module only arranges them.
"""

from __future__ import annotations

import re

import sympy
from sympy.core.parameters import evaluate

from ...i18n.keys import algebra_words
from ..outline import Math, Para, Row, Section, Words, derivative, product

ELL = sympy.Symbol("ell", real=True)
_NAME = re.compile(r"(z|a|delta)(\d+)_(\d+)")
# Beyond this many parameters the Results section states the pattern instead of every row.
MOST_LISTED = 40


def _display(name: str) -> sympy.Symbol:
    # z1_2 (symgrad.calculus.chain's name) is written z^(1)_2, which every printer shows as z⁽¹⁾₂.
    m = _NAME.fullmatch(name)
    return sympy.Symbol(f"{m[1]}^({m[2]})_{m[3]}", real=True) if m else sympy.Symbol(name)


def named(expr):
    """An expression of symgrad.calculus.chain's names (z1_2, a1_2, delta1_2) in display names.

    >>> from symgrad.parsing.core import parse
    >>> named(parse("W2_1_1*a1_1 + b2_1")).free_symbols == {
    ...     sympy.Symbol("a^(1)_1", real=True), *parse("W2_1_1 + b2_1").free_symbols}
    True
    """
    if not isinstance(expr, sympy.Basic):
        return expr
    renamed = {s: _display(s.name) for s in expr.free_symbols
               if isinstance(s, sympy.Symbol) and _NAME.fullmatch(s.name)}
    with evaluate(False):  # a step written unevaluated (the common denominator) stays so
        return expr.xreplace(renamed)


def _times(*factors) -> sympy.Expr:
    """A product of values as written, factor by factor (a·b·c with each factor bracketed
    when it needs it), so that a sum of such products never reads ``+ −``."""
    return product(*(f if f.is_number else sympy.UnevaluatedExpr(f) for f in factors))


def _q(kind: str, l, j) -> sympy.Symbol:
    return sympy.Symbol(f"{kind}^({l})_{j}", real=True)


def _input(net, l: int, k: int):
    """a⁽ˡ⁻¹⁾ₖ, the k-th input of layer l (xₖ for the first layer); k 1-based."""
    return net.inputs[k - 1] if l == 1 else _q("a", l - 1, k)


def outputs(d) -> list:
    """a⁽ᴸ⁾ⱼ, the names of a network's outputs (empty for a model that is not a network)."""
    net = d.loss.model.network if d.loss is not None else None
    if net is None:
        return []
    L = len(net.stages)
    return [_q("a", L, j) for j in range(1, net.stages[-1][0].n_out + 1)]


def forward_section(chain) -> Section:
    """The forward pass: z⁽ˡ⁾ⱼ and a⁽ˡ⁾ⱼ defined one by one, in earlier names."""
    return Section(Words("head.network"), (
        Para(Words("para.network")),
        Math(tuple(Row(named(n), (named(v),)) for n, v in chain.definitions), brief=True)))


def layer_sections(d, deltas) -> list[Section]:
    """For each layer from the output down: one weight and one bias in full, δ, the pattern."""
    net = d.loss.model.network
    L = len(net.stages)
    by_unit = {(x.layer, x.unit): x for x in deltas}
    sections = []
    for l in range(L, 0, -1):
        dense, act = net.stages[l - 1]
        softmax = act.name == "softmax"
        z, a, delta = _q("z", l, 1), _q("a", l, 1), _q("delta", l, 1)
        weight = dense.W[0, 0]
        chain = Math((
            Row(derivative(ELL, weight), (product(derivative(ELL, z), derivative(z, weight))
                                          if softmax else product(derivative(ELL, a),
                                          derivative(a, z), derivative(z, weight)),),
                Words("note.chain")),
            *_upstream_rows(net, l, softmax, by_unit),
            Row(derivative(z, weight), (_input(net, l, 1),), Words("note.linear"))))
        *steps, value = _delta_rows(d, by_unit[l, 1], softmax)
        # δ's value (the compact account's, with the δ of the other units): what the results
        # section's ∂ℓ/∂W = δ·a is written with.
        rows = [*steps, Row(value.lhs, value.rhs, value.note, value.rel, brief=True),
                Row(derivative(ELL, weight), (_times(delta, _input(net, l, 1)),))]
        if dense.bias:
            bias = dense.b[0]
            rows.append(Row(derivative(ELL, bias), (
                product(derivative(ELL, z), derivative(z, bias)), delta)))
        pattern = Words("para.pattern-index", l, sympy.Eq(
            derivative(ELL, sympy.Symbol(f"W^({l})_jk")),
            _times(_q("delta", l, "j"),
                   sympy.Symbol("x_k", real=True) if l == 1 else _q("a", l - 1, "k")),
            evaluate=False), sympy.Eq(derivative(ELL, sympy.Symbol(f"b^({l})_j")),
                                      _q("delta", l, "j"), evaluate=False))
        others = [Row(named(x.name), (derivative(ELL, _q("z", l, x.unit)), _value(x)))
                  for x in deltas if x.layer == l and x.unit > 1]
        items = [chain, Math(tuple(rows)), Para(pattern)]
        if others:
            items += [Para(Words("para.other-deltas", l)), Math(tuple(others), brief=True)]
        sections.append(Section(Words("head.layer", l, derivative(ELL, weight)), tuple(items)))
    return sections


def _upstream_rows(net, l: int, softmax: bool, by_unit) -> list[Row]:
    """∂ℓ/∂a⁽ˡ⁾₁ (from the loss at the output, from the next layer's δ inside) and ∂a/∂z."""
    L = len(net.stages)
    a, z = _q("a", l, 1), _q("z", l, 1)
    x = by_unit[l, 1]
    if softmax:
        return []
    up, local = (named(v) for v in x.terms[0])
    if l == L:
        first = Row(derivative(ELL, a), (up,), Words("note.from-loss"))
    else:
        n_next = net.stages[l][0].n_out
        through = sympy.Add(*(product(derivative(ELL, _q("z", l + 1, i)),
                                      derivative(_q("z", l + 1, i), a))
                              for i in range(1, n_next + 1)), evaluate=False)
        first = Row(derivative(ELL, a), (through, up), Words("note.feeds", l + 1))
    return [first, Row(derivative(a, z), (local,), Words("note.local"))]


def _delta_rows(d, x, softmax: bool) -> list[Row]:
    """δ⁽ˡ⁾₁ = ∂ℓ/∂z⁽ˡ⁾₁ = the chain's factors = their values, then each algebra step."""
    l = x.layer
    z, delta = _q("z", l, 1), named(x.name)
    if softmax:
        n = len(x.terms)
        factors = sympy.Add(*(product(derivative(ELL, _q("a", l, k)),
                                      derivative(_q("a", l, k), z)) for k in range(1, n + 1)),
                            evaluate=False)
        note = Words("note.delta-softmax")
    else:
        factors = product(derivative(ELL, _q("a", l, 1)), derivative(_q("a", l, 1), z))
        note = Words("note.delta")
    values = _value(x, simplified=False)
    rows = [Row(delta, (derivative(ELL, z), factors, values), note)]
    for step in x.steps:
        if step.rule == "one-hot labels":
            ys = d.loss.targets
            rows.append(Row(ys[-1], (1 - sympy.Add(*ys[:-1]),), Words("bp.one-hot")))
        rows.append(Row(delta, (named(step.after),), algebra_words(step.rule)))
    return rows


def _value(x, simplified: bool = True):
    """δ as the document writes it: the simplified value, or the chain's product in names."""
    if x.steps and simplified:
        return named(x.value)
    products = [_times(named(u), named(v)) for u, v in x.terms]
    return products[0] if len(products) == 1 else sympy.Add(*products, evaluate=False)


def results_rows(d) -> list[Row] | None:
    """∂ℓ/∂p = δ⁽ˡ⁾ⱼ · a⁽ˡ⁻¹⁾ₖ for every parameter (None when there are too many to list)."""
    net = d.loss.model.network
    if len(d.wrt) > MOST_LISTED:
        return None
    rows = []
    for l, dense in enumerate(net.dense, start=1):
        for j in range(1, dense.n_out + 1):
            for k in range(1, dense.n_in + 1):
                rows.append(Row(derivative(ELL, dense.W[j - 1, k - 1]),
                                (_times(_q("delta", l, j), _input(net, l, k)),)))
            if dense.bias:
                rows.append(Row(derivative(ELL, dense.b[j - 1]), (_q("delta", l, j),)))
    return rows
