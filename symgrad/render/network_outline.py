"""A network's derivation written as a teacher writes it: with z⁽ˡ⁾ⱼ and a⁽ˡ⁾ⱼ, not expanded.

The forward pass defines every intermediate quantity (z⁽ˡ⁾ⱼ = Σₖ W⁽ˡ⁾ⱼₖ a⁽ˡ⁻¹⁾ₖ + b⁽ˡ⁾ⱼ,
a⁽ˡ⁾ⱼ = φ(z⁽ˡ⁾ⱼ)); one weight of each layer is derived in full through the chain rule
∂ℓ/∂W = ∂ℓ/∂a · ∂a/∂z · ∂z/∂W in those names, and the other weights follow the same pattern.
Each factor is the derivative of one definition with respect to the quantity it reads.
"""

from __future__ import annotations

import sympy

from .outline import Math, Para, Row, Section, Words, derivative, product


def _names(network):
    """The forward pass as definitions: [(name, expression in earlier names)], and a⁽ᴸ⁾."""
    rows, previous = [], list(network.inputs)
    for l, (dense, act) in enumerate(network.stages, start=1):
        current = []
        for j in range(dense.n_out):
            z = sympy.Symbol(f"z^({l})_{j + 1}", real=True)
            a = sympy.Symbol(f"a^({l})_{j + 1}", real=True)
            total = sum(dense.W[j, k] * previous[k] for k in range(dense.n_in))
            if dense.bias:
                total += dense.b[j]
            rows.append((z, total))
            rows.append((a, act.phi(z) if act.name not in ("identity", "softmax") else z))
            current.append(a)
        previous = current
    return rows, previous


def _chain(defs: dict, path: list) -> list:
    """∂(path[k])/∂(path[k+1]) for consecutive names along a path, each from one definition."""
    return [sympy.diff(defs[a], b) for a, b in zip(path, path[1:])]


def _param_path(net, p, L):
    """The chain of names from ℓ's output down to parameter p (networks with L ≤ 2)."""
    import re

    m = re.fullmatch(r"W(\d+)_(\d+)_(\d+)|b(\d+)_(\d+)", p.name)
    l, j = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[5]))
    path = [sympy.Symbol(f"a^({L})_1", real=True), sympy.Symbol(f"z^({L})_1", real=True)]
    if l < L:
        path += [sympy.Symbol(f"a^({l})_{j}", real=True), sympy.Symbol(f"z^({l})_{j}", real=True)]
    return [*path, p]


def output_name(d):
    """a⁽ᴸ⁾₁, the name of a small network's output (None for other models)."""
    net = d.loss.model.network if d.loss is not None else None
    if net is None or results_in_names(d) is None:
        return None
    return _names(net)[1][0]


def results_in_names(d):
    """Row ∂ℓ/∂p = the chain's factors in names, for every parameter (None if not a small net)."""
    net = d.loss.model.network
    if net is None or len(net.stages) != 2 or d.loss.model.outputs != 1 or any(
            act.name == "softmax" for _, act in net.stages):
        return None
    rows, (out,) = _names(net)
    defs = dict(rows)
    ell = sympy.Symbol("ell", real=True)
    defs[ell] = d.loss.template.xreplace({d.loss.predictions[0]: out})
    return [Row(derivative(ell, p), (sympy.Mul(*_chain(defs, [ell, *_param_path(net, p, 2)])),))
            for p in d.wrt]


def network_sections(d, shown) -> tuple[list[Section], set]:
    """The forward pass, one weight per layer through the chain, and which params they cover."""
    net = d.loss.model.network
    if len(net.stages) < 2 or d.loss.model.outputs != 1 or any(
            act.name == "softmax" for _, act in net.stages):
        return [], set()
    rows, (out,) = _names(net)
    defs = dict(rows)
    ell = sympy.Symbol("ell", real=True)
    f = d.loss.predictions[0]
    defs[ell] = d.loss.template.xreplace({f: out})
    forward = Section(Words("head.network"), (
        Para(Words("para.network")),
        Math(tuple(Row(name, (value,)) for name, value in rows))))
    sections, covered = [forward], set()
    L = len(net.stages)
    for l in range(L, 0, -1):
        weight = net.stages[l - 1][0].W[0, 0]
        path = [ell]
        for m in range(L, l - 1, -1):
            path += [sympy.Symbol(f"a^({m})_1", real=True), sympy.Symbol(f"z^({m})_1", real=True)]
        path.append(weight)
        factors = _chain(defs, path)
        names = [derivative(a, b) for a, b in zip(path, path[1:])]
        value = sympy.Mul(*factors)
        in_names = product(*factors)
        sections.append(Section(Words("head.gradient", derivative(ell, weight)), (
            Math((Row(derivative(ell, weight), (product(*names), in_names), Words("note.chain")),
                  Row(derivative(ell, weight), (value,), Words("note.multiplied")))),
            Para(Words("para.pattern", l)))))
        covered.add(weight)
    return sections, covered
