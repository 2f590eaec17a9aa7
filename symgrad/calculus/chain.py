"""A network's gradient in the names a teacher uses: z⁽ˡ⁾ⱼ, a⁽ˡ⁾ⱼ and the chain rule through them.

For a network built with :class:`~symgrad.nn.Sequential`, :func:`network_chain` names every
intermediate quantity,

    z⁽ˡ⁾ⱼ = Σₖ W⁽ˡ⁾ⱼₖ a⁽ˡ⁻¹⁾ₖ + b⁽ˡ⁾ⱼ,    a⁽ˡ⁾ⱼ = φ(z⁽ˡ⁾ⱼ),    a⁽⁰⁾ = x,

and writes ∂ℓ/∂W⁽ˡ⁾ⱼₖ as a product of factors in those names, e.g. for a 2-2-1 network
∂ℓ/∂a⁽²⁾₁ · ∂a⁽²⁾₁/∂z⁽²⁾₁ · ∂z⁽²⁾₁/∂a⁽¹⁾ⱼ · ∂a⁽¹⁾ⱼ/∂z⁽¹⁾ⱼ · ∂z⁽¹⁾ⱼ/∂W⁽¹⁾ⱼₖ.  Where more
than one path leads from a unit to the loss, the factor ∂ℓ/∂a⁽ˡ⁾ⱼ is the sum over the next
layer, Σᵢ ∂ℓ/∂z⁽ˡ⁺¹⁾ᵢ · W⁽ˡ⁺¹⁾ᵢⱼ (backpropagation's δ recursion).  The pattern for every
weight of a layer is given in index form (:attr:`NetworkChain.pattern`).

Names are Symbols ``z{l}_{j}`` and ``a{l}_{j}`` (as weights are ``W{l}_{j}_{k}``); ℓ is the
Symbol ``ell``.  This module computes; ``symgrad.render`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy import Derivative, Expr, IndexedBase, Mul, Symbol

from ..errors import said
from ..losses import Loss
from ..nn import Softmax
from ..parsing.core import symbol
from .algebra import AlgebraStep
from .backprop import A, LocalRule, U, backprop
from .rules import diff_steps

__all__ = ["Delta", "NetworkChain", "WeightChain", "deltas", "network_chain"]

ELL = Symbol("ell", real=True)


@dataclass(frozen=True)
class WeightChain:
    """∂ℓ/∂p for one weight or bias p, as the chain rule's factors in the network's names.

    ``factors`` are pairs (the derivative, as an unevaluated ``Derivative`` of one name by
    another, its value in the names); ``value`` is the product of the values.
    """

    param: Symbol
    factors: tuple[tuple[Derivative, Expr], ...]
    value: Expr

    @property
    def derivative(self) -> Derivative:
        """∂ℓ/∂p itself, unevaluated: the left side of the chain."""
        return Derivative(ELL, self.param, evaluate=False)


@dataclass(frozen=True)
class NetworkChain:
    """The named forward pass of a network, chains for chosen weights, and the pattern.

    ``definitions`` lists (name, definition) in forward order: z⁽¹⁾ⱼ in the inputs, a⁽¹⁾ⱼ in
    z⁽¹⁾ⱼ, z⁽²⁾ⱼ in a⁽¹⁾, …; ``ell`` is ℓ written with the outputs a⁽ᴸ⁾ⱼ and the labels.
    ``pattern`` gives the index form, rows (left, right) with symbolic indices j, k, i:
    ∂ℓ/∂W⁽ˡ⁾[j, k] = δ⁽ˡ⁾[j]·a⁽ˡ⁻¹⁾[k], ∂ℓ/∂b⁽ˡ⁾[j] = δ⁽ˡ⁾[j], and the δ recursion.
    """

    loss: Loss
    definitions: tuple[tuple[Symbol, Expr], ...]
    ell: Expr
    chains: tuple[WeightChain, ...]
    pattern: tuple[tuple[Expr, Expr], ...]

    def unfold(self, expr: Expr) -> Expr:
        """``expr`` with every name replaced by its definition, down to the inputs.

        >>> from symgrad import Dense, Sequential, Sigmoid, mse
        >>> c = network_chain(mse(Sequential(Dense(1, 1), Sigmoid())))
        >>> c.unfold(symbol("a1_1"))
        sigmoid(W1_1_1*x1 + b1_1)
        """
        definitions = dict(self.definitions)
        for _ in range(len(definitions) + 1):
            unfolded = expr.xreplace(definitions)
            if unfolded == expr:
                return expr
            expr = unfolded
        return expr

    def chain(self, param) -> WeightChain:
        """The chain of one of the chosen parameters (by Symbol or name)."""
        name = param if isinstance(param, str) else param.name
        for c in self.chains:
            if c.param.name == name:
                return c
        raise KeyError(f"no chain for {name}: chains were built for "
                       f"{', '.join(c.param.name for c in self.chains)}")


def network_chain(loss: Loss, params=None) -> NetworkChain:
    """Name a network's z⁽ˡ⁾ⱼ and a⁽ˡ⁾ⱼ and write ∂ℓ/∂p through them for each of ``params``.

    ``params`` (names or Symbols) default to one weight of each layer, W⁽ˡ⁾₁₁.

    >>> from symgrad import Dense, Sequential, Sigmoid, bce
    >>> c = network_chain(bce(Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())))
    >>> c.definitions[::2]
    ((z1_1, W1_1_1*x1 + W1_1_2*x2 + b1_1), (a1_1, sigmoid(z1_1)),
     (z2_1, W2_1_1*a1_1 + W2_1_2*a1_2 + b2_1))
    >>> w = c.chain("W1_1_1")
    >>> [str(d) for d, _ in w.factors]
    ['Derivative(ell, a2_1)', 'Derivative(a2_1, z2_1)', 'Derivative(z2_1, a1_1)', \
'Derivative(a1_1, z1_1)', 'Derivative(z1_1, W1_1_1)']
    >>> [v for _, v in w.factors]
    [-(y - 1)/(1 - a2_1) - y/a2_1, a2_1*(1 - a2_1), W2_1_1, a1_1*(1 - a1_1), x1]
    """
    network = loss.model.network
    if network is None:
        raise TypeError(said('err.chain.network-chain-needs-loss'))
    stages = network.stages
    L = len(stages)
    Ws = [d.W for d in network.dense]  # Dense.W builds a new Matrix on every access
    z = [[symbol(f"z{l}_{j}") for j in range(1, d.n_out + 1)] for l, (d, _) in
         enumerate(stages, start=1)]
    a = [[symbol(f"a{l}_{j}") for j in range(1, d.n_out + 1)] for l, (d, _) in
         enumerate(stages, start=1)]
    inputs = list(network.inputs)
    previous = [inputs, *a]  # a⁽⁰⁾ = x
    definitions = []
    for l, (dense, act) in enumerate(stages):
        zl = dense.apply(sympy.Matrix(previous[l]))
        definitions += list(zip(z[l], zl))
        definitions += list(zip(a[l], act.apply(sympy.Matrix(z[l]))))
    ell = loss.template.xreplace(dict(zip(loss.predictions, a[-1])))
    local = [_local(act) for _, act in stages]
    out_softmax = isinstance(stages[-1][1], Softmax)

    def phi_prime(l: int, j: int) -> Expr:  # ∂a⁽ˡ⁾ⱼ/∂z⁽ˡ⁾ⱼ for an elementwise activation
        return local[l].xreplace({A: a[l][j], U: z[l][j]})

    # ∂ℓ/∂z⁽ˡ⁾ⱼ in names, from the output down (the δ recursion, kept unsimplified), built
    # only for the units a chosen chain needs: a wide network has many more.
    memo: dict = {}

    def delta(l: int, j: int) -> Expr:
        if (l, j) not in memo:
            if l < L - 1:
                memo[l, j] = _upstream(Ws[l + 1], lambda i: delta(l + 1, i), j) * phi_prime(l, j)
            elif out_softmax:
                out = a[-1]
                memo[l, j] = sympy.Add(*[
                    diff_steps(ell, out[k]).result * out[k] * ((1 if k == j else 0) - out[j])
                    for k in range(len(out))])
            else:
                memo[l, j] = diff_steps(ell, a[-1][j]).result * phi_prime(L - 1, j)
        return memo[l, j]

    wanted = ([symbol(p) if isinstance(p, str) else p for p in params] if params is not None
              else [W[0, 0] for W in Ws])
    where = _positions(Ws, [d.b for d in network.dense])
    unknown = [p for p in wanted if p not in where]
    if unknown:
        raise ValueError(said('err.chain.not-weight-or-bias',
                              ', '.join(map(str, unknown)), network,
                              ', '.join(map(str, network.params))))
    chains = tuple(_chain(p, where, Ws, z, a, previous, ell, delta, phi_prime, out_softmax)
                   for p in wanted)
    return NetworkChain(loss, tuple(definitions), ell, chains, _pattern(loss, network))


def _local(act) -> Expr:
    if isinstance(act, Softmax):
        return sympy.S.NaN  # never used: softmax's Jacobian is written out where needed
    return LocalRule.of(act).in_a


def _upstream(W, delta_next, j) -> Expr:
    """Σᵢ ∂ℓ/∂z⁽ˡ⁺¹⁾ᵢ · W⁽ˡ⁺¹⁾ᵢⱼ: what unit j of layer l passes on to the loss."""
    return sympy.Add(*[delta_next(i) * W[i, j] for i in range(W.shape[0])])


def _positions(Ws, bs) -> dict:
    """Each parameter → (layer, unit j, input k), k None for a bias; all 0-based."""
    where = {W[j, k]: (l, j, k) for l, W in enumerate(Ws)
             for j in range(W.shape[0]) for k in range(W.shape[1])}
    where.update({b[j]: (l, j, None) for l, b in enumerate(bs) if b is not None
                  for j in range(b.shape[0])})
    return where


def _chain(p, where, Ws, z, a, previous, ell, delta, phi_prime, out_softmax) -> WeightChain:
    l, j, k = where[p]
    L = len(Ws)
    D = lambda f, v: Derivative(f, v, evaluate=False)  # noqa: E731 - a local shorthand
    last = (D(z[l][j], p), previous[l][k] if k is not None else sympy.S.One)
    single = not out_softmax and all(W.shape[0] == 1 for W in Ws[l + 1:])
    if single:
        # One path to the loss: ℓ ← a⁽ᴸ⁾ ← z⁽ᴸ⁾ ← a⁽ᴸ⁻¹⁾ ← … ← z⁽ˡ⁾ⱼ.
        units = {m: (j if m == l else 0) for m in range(l, L)}
        factors = [(D(ELL, a[-1][units[L - 1]]), diff_steps(ell, a[-1][units[L - 1]]).result)]
        for m in range(L - 1, l - 1, -1):
            factors.append((D(a[m][units[m]], z[m][units[m]]), phi_prime(m, units[m])))
            if m > l:
                W = Ws[m]
                factors.append((D(z[m][units[m]], a[m - 1][units[m - 1]]),
                                W[units[m], units[m - 1]]))
    elif l == L - 1:
        factors = [(D(ELL, z[l][j]), delta(l, j))]
    else:
        W = Ws[l + 1]
        factors = [(D(ELL, a[l][j]), _upstream(W, lambda i: delta(l + 1, i), j)),
                   (D(a[l][j], z[l][j]), phi_prime(l, j))]
    factors.append(last)
    return WeightChain(p, tuple(factors), Mul(*[v for _, v in factors]))


def _pattern(loss: Loss, network) -> tuple[tuple[Expr, Expr], ...]:
    """The index form: ∂ℓ/∂W⁽ˡ⁾[j,k] = δ⁽ˡ⁾[j] a⁽ˡ⁻¹⁾[k], ∂ℓ/∂b⁽ˡ⁾[j] = δ⁽ˡ⁾[j], and δ."""
    try:
        vector = backprop(loss)
    except (ValueError, TypeError):  # no vector view (a softmax inside the network): no pattern
        return ()
    i, j, k = sympy.symbols("i j k", integer=True, positive=True)
    stages = network.stages
    L = len(stages)
    y = IndexedBase("y")
    acts = [IndexedBase("x")] + [IndexedBase(f"a{l}") for l in range(1, L + 1)]
    deltas = [IndexedBase(f"delta{l}") for l in range(1, L + 1)]
    rows = []
    for l, (dense, _) in enumerate(stages, start=1):
        rows.append((Derivative(ELL, IndexedBase(f"W{l}")[j, k], evaluate=False),
                     deltas[l - 1][j] * acts[l - 1][k]))
        if dense.bias:
            rows.append((Derivative(ELL, IndexedBase(f"b{l}")[j], evaluate=False),
                         deltas[l - 1][j]))
    rows.append((deltas[-1][j], vector.output.delta.xreplace(
        {A: acts[-1][j], symbol("y"): y[j], U: IndexedBase(f"z{L}")[j]})))
    for l in range(L - 1, 0, -1):
        act = stages[l - 1][1]
        n_next = stages[l][0].n_out
        upstream = sympy.Sum(IndexedBase(f"W{l + 1}")[i, j] * deltas[l][i], (i, 1, n_next))
        local = vector.local[act.name].in_a
        rows.append((deltas[l - 1][j], upstream * local.xreplace(
            {A: acts[l][j], U: IndexedBase(f"z{l}")[j]})))
    return tuple(rows)


@dataclass(frozen=True)
class Delta:
    """δ⁽ˡ⁾ⱼ = ∂ℓ/∂z⁽ˡ⁾ⱼ of one unit (layer, unit 1-based), in the network's names.

    ``terms`` are the chain rule's pairs (∂ℓ/∂a⁽ˡ⁾ₖ, ∂a⁽ˡ⁾ₖ/∂z⁽ˡ⁾ⱼ) as values in names: one
    pair for an elementwise activation (k = j), one per unit for softmax.  In a hidden layer
    ∂ℓ/∂a⁽ˡ⁾ⱼ = Σᵢ δ⁽ˡ⁺¹⁾ᵢ W⁽ˡ⁺¹⁾ᵢⱼ, written with the next layer's δ names ``delta{l}_{i}``.
    ``steps`` (AlgebraSteps, each confirmed by SymPy) lead from the sum of products to
    ``value``; they are empty when there is nothing to simplify.
    """

    layer: int
    unit: int
    terms: tuple[tuple[Expr, Expr], ...]
    steps: tuple
    value: Expr

    @property
    def name(self) -> Symbol:
        """The Symbol ``delta{l}_{j}`` that stands for this δ."""
        return symbol(f"delta{self.layer}_{self.unit}")


def deltas(loss: Loss) -> tuple[Delta, ...]:
    """δ⁽ˡ⁾ⱼ for every unit, from the output layer down, each in names and the next δs.

    >>> from symgrad import Dense, Sequential, Sigmoid, bce
    >>> d = deltas(bce(Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())))
    >>> [(x.layer, x.unit) for x in d]
    [(2, 1), (1, 1), (1, 2)]
    >>> d[0].terms
    (((1 - y)/(1 - a2_1) - y/a2_1, a2_1*(1 - a2_1)),)
    >>> [s.rule for s in d[0].steps], d[0].value
    (['common denominator', 'cancel'], a2_1 - y)
    >>> d[1].value
    W2_1_1*a1_1*delta2_1*(1 - a1_1)
    """
    network = loss.model.network
    if network is None:
        raise TypeError("deltas needs the loss of a network (Sequential)")
    stages, L = network.stages, len(network.stages)
    ell = loss.template.xreplace({f: symbol(f"a{L}_{j}")
                                  for j, f in enumerate(loss.predictions, start=1)})
    found = []
    for l in range(L, 0, -1):
        dense, act = stages[l - 1]
        a = [symbol(f"a{l}_{k}") for k in range(1, dense.n_out + 1)]
        if l == L:
            upstream = [sympy.diff(ell, ak) for ak in a]
        else:
            W = network.dense[l].W
            upstream = [sympy.Add(*[symbol(f"delta{l + 1}_{i + 1}") * W[i, k]
                                    for i in range(W.shape[0])]) for k in range(len(a))]
        for j in range(len(a)):
            if isinstance(act, Softmax):
                terms = tuple((upstream[k], a[k] * ((1 if k == j else 0) - a[j]))
                              for k in range(len(a)))
            else:
                local = LocalRule.of(act).in_a.xreplace({A: a[j], U: symbol(f"z{l}_{j + 1}")})
                terms = ((upstream[j], local),)
            steps = output_steps(terms, loss, AlgebraStep) if l == L else ()
            value = steps[-1].after if steps else sympy.Add(*[u * v for u, v in terms])
            found.append(Delta(l, j + 1, terms, steps, value))
    return tuple(found)


def output_steps(terms, loss: Loss, step) -> tuple:
    """From Σₖ ∂ℓ/∂aₖ · ∂aₖ/∂zⱼ to δ: common denominator, cancel, collect, one-hot labels.

    ``terms`` are the pairs (∂ℓ/∂aₖ, ∂aₖ/∂zⱼ); ``step(before, after, rule)`` makes one step
    (an :class:`~symgrad.calculus.algebra.AlgebraStep`).  Every step is confirmed by SymPy.

    >>> from symgrad import Model, bce
    >>> from symgrad.calculus.algebra import AlgebraStep
    >>> a, y = sympy.symbols("a y")
    >>> loss = bce(Model("sigmoid(w*x)", inputs="x"))
    >>> steps = output_steps((((1 - y)/(1 - a) - y/a, a*(1 - a)),), loss, AlgebraStep)
    >>> [s.rule for s in steps], steps[-1].after
    (['common denominator', 'cancel'], a - y)
    """
    written = sympy.Add(*[Mul(u, v, evaluate=False) for u, v in terms], evaluate=False)
    steps = []
    if len(terms) == 1:
        u, v = terms[0]
        if not any(p.is_Pow and p.exp.is_negative for p in sympy.preorder_traversal(u)):
            return ()
        together = sympy.together(u)
        if together != u:
            steps.append(step(written, Mul(together, v, evaluate=False), "common denominator"))
        steps.append(step(steps[-1].after if steps else written,
                          sympy.factor(sympy.cancel(u * v)), "cancel"))
    else:
        cancelled = sympy.Add(*[sympy.cancel(u * v) for u, v in terms])
        steps.append(step(written, cancelled, "cancel"))
        collected = sympy.collect(sympy.expand(cancelled), _unit_output(terms))
        if collected != cancelled:
            steps.append(step(cancelled, collected, "collect"))
        ys = loss.targets
        one_hot = collected.subs(sympy.Add(*ys), 1)
        if loss.name == "cross_entropy" and one_hot != collected and sympy.expand(
                (collected - one_hot).xreplace({ys[-1]: 1 - sympy.Add(*ys[:-1])})) == 0:
            steps.append(step(collected, one_hot, "one-hot labels", ((sympy.Add(*ys), 1),)))
    for s in steps:  # every step an equality SymPy confirms (the one-hot one given Σₖ yₖ = 1)
        if s.rule != "one-hot labels" and sympy.cancel(sympy.expand(s.before - s.after)) != 0:
            raise AssertionError(f"unconfirmed algebra step {s.rule}: {s.before} → {s.after}")
    return tuple(steps)


def _unit_output(terms) -> Symbol:
    """aⱼ in softmax's Jacobian column: the factor common to every ∂aₖ/∂zⱼ."""
    common = set.intersection(*(set(Mul.make_args(sympy.factor(v))) for _, v in terms))
    return next(f for f in common if f.is_Symbol)
