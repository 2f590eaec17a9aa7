"""The index form: a weighted-sum model's gradient derived once, for a generic index.

A textbook writes the gradient of σ(w·x + b) or of a Dense network once, for a generic weight:

    z = Σₖ wₖxₖ + b,   ∂z/∂wⱼ = xⱼ (only the term k = j depends on wⱼ),   ∂ℓ/∂wⱼ = (f − y)·xⱼ;
    z⁽ˡ⁾ⱼ = Σₖ W⁽ˡ⁾ⱼₖ a⁽ˡ⁻¹⁾ₖ + b⁽ˡ⁾ⱼ,  δ⁽ˡ⁾ⱼ = g′(z⁽ˡ⁾ⱼ) Σₖ W⁽ˡ⁺¹⁾ₖⱼ δ⁽ˡ⁺¹⁾ₖ,  ∂ℓ/∂W⁽ˡ⁾ⱼₖ = δ⁽ˡ⁾ⱼ a⁽ˡ⁻¹⁾ₖ.

:func:`index_form` builds that derivation as data (stages of rows, each row with the rule that
justifies it), with sums as SymPy ``Sum`` over the index symbols j, k and layer quantities as
``IndexedBase`` objects (``z^(1)``, ``W^(2)``; a formula model keeps its own names, w and x).
Its size depends on the number of layers and the kinds of activation and loss, never on the
width: the widths appear only as the bounds of the sums.  The local derivatives g′ and ∂ℓ/∂a
come from the rule engine (:class:`symgrad.calculus.backprop.LocalRule`, ``diff_steps``) and the output
δ's algebra from :mod:`symgrad.calculus.chain`; every generic row is then confirmed by
:mod:`symgrad.calculus.index_check` against ``sympy.diff`` of the scalar loss.

This module computes; ``symgrad.render.builders.index`` prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy
from sympy import Derivative, IndexedBase, KroneckerDelta, Sum, Symbol

from .backprop import A, U, LocalRule
from ..functions import elu, gelu, indicator, leaky_relu, relu, sigmoid, silu, softplus
from ..losses import Loss
from ..nn import (ELU, GELU, Activation, Identity, LeakyReLU, ReLU, Sigmoid, SiLU, Softmax,
                 Softplus, Tanh)
from .rules import diff_steps

__all__ = ["IndexForm", "IndexRow", "IndexStage", "Shape", "index_form", "weighted_sum"]

ELL = Symbol("ell", real=True)
J_, K_ = sympy.symbols("j k", integer=True, positive=True)
I_, M_ = sympy.symbols("i m", integer=True, positive=True)
ALPHA = Symbol("alpha", positive=True)


@dataclass(frozen=True)
class IndexRow:
    """``lhs = rhs₀ = rhs₁ …`` (``rel`` "<-" for an update), justified by ``rule``.

    ``rule`` is a key a renderer words (e.g. "one-term": only the term k = j of the sum depends
    on the parameter; "chain"; an algebra step's name); ``detail`` holds the values it names.
    """

    lhs: sympy.Basic
    rhs: tuple
    rule: str = ""
    detail: tuple = ()
    rel: str = "="


@dataclass(frozen=True)
class IndexStage:
    """One idea of the derivation: "model", "output", "hidden", "gradients", "batch", "matrix".

    ``layer`` is the layer the stage is about (0 when none).
    """

    kind: str
    layer: int
    rows: tuple[IndexRow, ...]


@dataclass(frozen=True)
class Shape:
    """What the index form needs of a model: the widths n₀ … n_L, each layer's activation and
    bias, and for a formula model (``network`` False) the names of its weights, inputs and bias.
    """

    sizes: tuple[int, ...]
    activations: tuple[Activation, ...]
    biases: tuple[bool, ...]
    network: bool = True
    weight: str = "w"
    input: str = "x"
    bias: Symbol | None = None

    @property
    def layers(self) -> int:
        """L, the number of Dense layers."""
        return len(self.activations)


@dataclass(frozen=True)
class IndexForm:
    """The generic derivation of a weighted-sum model's loss (see the module's docstring).

    ``kinks`` are the equations where the loss is not differentiable (some z⁽ˡ⁾ⱼ = 0 after a
    relu, a⁽ᴸ⁾ⱼ = yⱼ for the absolute error), in generic names; ``checked`` the parameters at
    which every generic row was instantiated and compared with ``sympy.diff`` of the loss.
    """

    loss: Loss
    shape: Shape
    stages: tuple[IndexStage, ...]
    kinks: tuple = ()
    checked: tuple = ()
    exact: bool = False

    def rows(self, kind: str) -> tuple[IndexRow, ...]:
        """Every row of the stages of one kind, in order."""
        return tuple(r for s in self.stages if s.kind == kind for r in s.rows)


# ------------------------------------------------------------------------------ recognising

#: A formula with fewer parameters than this keeps its per-parameter derivation: two lines
#: (the article's neuron X1·W1 + X2·W2) read as easily as one generic line.
MOST_WRITTEN_OUT = 3

_ACTIVATION = {sigmoid: Sigmoid, sympy.tanh: Tanh, relu: ReLU, softplus: Softplus,
               silu: SiLU, gelu: GELU}
_NAMED = re.compile(r"([A-Za-z]+)_?(\d+)")


def weighted_sum(loss: Loss) -> Shape | None:
    """The Shape of a model built on a weighted sum, or None for any other model.

    Every network of Dense layers is one (with any activation and any loss symgrad has, softmax
    only at the output); a formula model is one when it reads g(Σₖ wₖxₖ + b) with n ≥ 2 inputs
    x1 … xn, one weight w1 … wn for each, at most one bias, at least three parameters, and g an
    activation symgrad knows. w·x + b and X1·W1 + X2·W2 keep the per-parameter derivation:
    written out, they are as short as the generic form.

    >>> from symgrad import Model, bce, mse
    >>> weighted_sum(bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2"))).sizes
    (2, 1)
    >>> weighted_sum(mse(Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs="x1, x2, x3"))) is None
    True
    """
    if getattr(loss, "penalty", None) is not None:
        return None  # a penalised J keeps the per-parameter derivation (its penalty rows)
    network = loss.model.network
    if network is not None:
        stages = network.stages
        if any(isinstance(act, Softmax) for _, act in stages[:-1]):
            return None
        return Shape((network.n_inputs, *(d.n_out for d, _ in stages)),
                     tuple(act for _, act in stages), tuple(d.bias for d, _ in stages))
    return _formula_shape(loss)


def _formula_shape(loss: Loss) -> Shape | None:
    outputs = loss.model.output_exprs
    if len(outputs) != 1:
        return None
    expr, activation = outputs[0], Identity()
    if type(expr) in _ACTIVATION:
        activation, expr = _ACTIVATION[type(expr)](), expr.args[0]
    elif isinstance(expr, leaky_relu) or isinstance(expr, elu):
        activation = (LeakyReLU if isinstance(expr, leaky_relu) else ELU)(expr.args[1])
        expr = expr.args[0]
    inputs, params = loss.model.inputs, set(loss.model.params)
    if len(inputs) < 2 or not expr.is_Add:
        return None
    weights, bias = {}, None
    for term in expr.args:
        if term in params and bias is None:
            bias = term
            continue
        factors = sympy.Mul.make_args(term)
        if len(factors) != 2 or not all(isinstance(f, Symbol) for f in factors):
            return None
        w, x = sorted(factors, key=lambda f: f in params)[::-1]
        if w not in params or x not in inputs or x in weights:
            return None
        weights[x] = w
    stems = [_NAMED.fullmatch(s.name) for s in (*inputs, *(weights.get(x) for x in inputs))
             if s is not None]
    n = len(inputs)
    if len(weights) != n or len(stems) != 2 * n or not all(stems):
        return None
    x_stem, w_stem = stems[0][1], stems[n][1]
    if any(m[1] != x_stem or int(m[2]) != k for k, m in enumerate(stems[:n], start=1)) or any(
            m[1] != w_stem or int(m[2]) != k for k, m in enumerate(stems[n:], start=1)):
        return None
    if len(params) != n + (bias is not None) or {x_stem, w_stem} & {"z", "f", "y", "ell"}:
        return None
    if len(params) < MOST_WRITTEN_OUT:
        return None
    return Shape((n, 1), (activation,), (bias is not None,), network=False,
                 weight=w_stem, input=x_stem, bias=bias)


# ------------------------------------------------------------------------------ names


class Names:
    """The generic names of one model: z⁽ˡ⁾ⱼ, a⁽ˡ⁾ⱼ, W⁽ˡ⁾ⱼₖ, b⁽ˡ⁾ⱼ, δ⁽ˡ⁾ⱼ, xₖ and yⱼ
    (a formula model: z, f, wₖ, b, xₖ, y, and ∂ℓ/∂z in place of δ)."""

    def __init__(self, shape: Shape, loss: Loss):
        self.shape, self.loss = shape, loss
        self.x = IndexedBase(shape.input)
        self.L = shape.layers
        self.one_out = shape.sizes[-1] == 1

    def z(self, l: int, j=J_):
        return IndexedBase(f"z^({l})")[j] if self.shape.network else Symbol("z", real=True)

    def a(self, l: int, j=J_):
        if l == 0:
            return self.x[j]
        if not self.shape.network:
            return self.loss.predictions[0]
        return IndexedBase(f"a^({l})")[j]

    def W(self, l: int, j=J_, k=K_):  # noqa: N802 - the matrix is W in every textbook
        if not self.shape.network:
            return IndexedBase(self.shape.weight)[k]
        return IndexedBase(f"W^({l})")[j, k]

    def b(self, l: int, j=J_):
        if not self.shape.network:
            return self.shape.bias
        return IndexedBase(f"b^({l})")[j]

    def delta(self, l: int, j=J_):
        if not self.shape.network:
            return Derivative(ELL, self.z(1), evaluate=False)
        return IndexedBase(f"delta^({l})")[j]

    def unit(self):
        """The index of an output unit: j, or 1 when there is one output."""
        return 1 if self.one_out else J_

    def y(self, j=J_):
        if self.one_out:
            return self.loss.targets[0]
        return IndexedBase(self.loss.target.name)[j]

    def inp(self):
        """The input index of a weight: k in W⁽ˡ⁾ⱼₖ, j in a formula's wⱼ."""
        return K_ if self.shape.network else J_


def _d(of, wrt) -> Derivative:
    return Derivative(of, wrt, evaluate=False)


def _times(*factors):
    return sympy.Mul(*factors, evaluate=False)


def _plus(*terms):
    return sympy.Add(*terms, evaluate=False)


# ------------------------------------------------------------------------------ the stages


def index_form(loss: Loss, *, check: bool = True) -> IndexForm | None:
    """The generic derivation of ``loss`` (None when its model is not a weighted sum).

    With ``check`` (the default) every generic row is instantiated at concrete indices and
    compared with ``sympy.diff`` of the scalar loss (see :mod:`symgrad.calculus.index_check`).

    >>> from symgrad import Model, bce
    >>> form = index_form(bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2")))
    >>> [s.kind for s in form.stages]
    ['model', 'output', 'gradients', 'batch', 'matrix']
    >>> form.rows("gradients")[0].rhs[-1]
    (f - y)*x[j]
    >>> len(form.checked), form.exact
    (3, True)
    """
    shape = weighted_sum(loss)
    if shape is None:
        return None
    names = Names(shape, loss)
    output, value = _output(names)
    stages = [_model(names), output]
    deltas = {names.L: value}
    for l in range(names.L - 1, 0, -1):
        stage, deltas[l] = _hidden(names, l)
        stages.append(stage)
    stages += [_gradients(names, value), _batch(names, value), _matrix(names)]
    form = IndexForm(loss, shape, tuple(stages), _kinks(names))
    if check:
        from .index_check import check_form

        form = check_form(form, deltas)
    return form


def _model(n: Names) -> IndexStage:
    rows = []
    for l in range(1, n.L + 1):
        width = n.shape.sizes[l - 1]
        j = J_ if n.shape.network else None
        total = Sum(n.W(l, j, K_) * n.a(l - 1, K_), (K_, 1, width))
        rows.append(IndexRow(n.z(l), (_plus(total, n.b(l)) if n.shape.biases[l - 1] else total,),
                             "weighted-sum"))
        act = n.shape.activations[l - 1]
        unit = n.unit() if l == n.L else J_
        if isinstance(act, Softmax):
            rows.append(IndexRow(n.a(l, unit), (sympy.exp(n.z(l, unit)) / Sum(
                sympy.exp(n.z(l, K_)), (K_, 1, n.shape.sizes[l])),), "softmax"))
        elif n.shape.network or not isinstance(act, Identity):
            rows.append(IndexRow(n.a(l, J_), (act.phi(n.z(l, J_)),), "activation"))
        elif not n.shape.network:
            rows.append(IndexRow(n.a(l), (n.z(l),), "activation"))
    rows.append(IndexRow(ELL, (_ell(n),), "loss", (n.loss.name,)))
    rows.append(IndexRow(Symbol("J"), (Sum(IndexedBase("ell")[I_], (I_, 1, M_)) / M_,), "mean"))
    return IndexStage("model", 0, tuple(rows))


def _ell(n: Names):
    """ℓ in the outputs a⁽ᴸ⁾ⱼ and the labels: Σⱼ term(a⁽ᴸ⁾ⱼ, yⱼ), or one term for one output."""
    f, y = n.loss.prediction, n.loss.target
    if n.one_out:
        return n.loss.term.xreplace({f: n.a(n.L, 1), y: n.y()})
    return Sum(n.loss.term.xreplace({f: n.a(n.L, J_), y: n.y(J_)}), (J_, 1, n.shape.sizes[-1]))


def _local(n: Names, l: int, unit=J_):
    """g′ of layer l in a⁽ˡ⁾ⱼ (and z⁽ˡ⁾ⱼ where needed), from the rule engine: relu′ is 1[z > 0]."""
    act = n.shape.activations[l - 1]
    if isinstance(act, Identity):
        return sympy.S.One
    value = LocalRule.of(act).in_a.xreplace({A: n.a(l, unit), U: n.z(l, unit)})
    return value.replace(lambda e: isinstance(e, sympy.Heaviside),
                         lambda e: indicator(e.args[0]))


def _output(n: Names) -> tuple[IndexStage, sympy.Expr]:
    """δ⁽ᴸ⁾ⱼ = ∂ℓ/∂z⁽ᴸ⁾ⱼ: the chain rule through a⁽ᴸ⁾ⱼ, the local values, the algebra steps."""
    from .algebra import AlgebraStep
    from .chain import _output_steps

    L, u = n.L, n.unit()
    act = n.shape.activations[-1]
    z, a, delta = n.z(L, u), n.a(L, u), n.delta(L, u)
    f, y = n.loss.prediction, n.loss.target
    outer = diff_steps(n.loss.term, f).result.xreplace({f: a, y: n.y(u)})
    rows = [IndexRow(delta, (_d(ELL, z),), "delta")] if n.shape.network else []
    if isinstance(act, Softmax):
        return _softmax_output(n, rows)
    rows.append(IndexRow(_d(ELL, a), (outer,), "loss-derivative" if n.one_out else "loss-term",
                         (n.loss.name,)))
    local = _local(n, L, u)
    if not isinstance(act, Identity):
        rows.append(IndexRow(_d(a, z), (local,), f"local.{_kind(act)}"))
    steps = _output_steps(((outer, local),), n.loss, AlgebraStep)
    chain = _times(_d(ELL, a), _d(a, z))
    product = _times(sympy.UnevaluatedExpr(outer), sympy.UnevaluatedExpr(local)) \
        if local != 1 else outer
    value = steps[-1].after if steps else outer * local
    rows.append(IndexRow(delta if n.shape.network else _d(ELL, z), (chain, product), "chain"))
    for step in steps:
        rows.append(IndexRow(delta if n.shape.network else _d(ELL, z), (step.after,),
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
        (Sum(_times(sympy.UnevaluatedExpr(outer), sympy.UnevaluatedExpr(jac)), (K_, 1, width)),
         "softmax derivative"),
        (Sum(yk * (a - KroneckerDelta(K_, J_)), (K_, 1, width)), "cancel"),
        (a * Sum(yk, (K_, 1, width)) - y, "sum-one-term"),
        (a - y, "one-hot labels"),
    ]
    chain = Sum(_times(_d(ELL, ak), _d(ak, z)), (K_, 1, width))
    rows.append(IndexRow(_d(ELL, ak), (outer,), "loss-term", (n.loss.name,)))
    rows.append(IndexRow(_d(ak, z), (jac,), "local.softmax"))
    rows.append(IndexRow(n.delta(L), (chain, steps[0][0]), "chain-softmax"))
    for after, rule in steps[1:]:
        detail = ((Sum(yk, (K_, 1, width)), 1),) if rule == "one-hot labels" else ()
        if rule == "one-hot labels":  # what the step assumes, stated as a row of its own
            rows.append(IndexRow(n.y(width), (1 - Sum(yk, (K_, 1, width - 1)),), "one-hot"))
        rows.append(IndexRow(n.delta(L), (after,), f"algebra.{rule}", detail))
    return IndexStage("output", L, tuple(rows)), a - y


def _hidden(n: Names, l: int) -> tuple[IndexStage, sympy.Expr]:
    """δ⁽ˡ⁾ⱼ: a⁽ˡ⁾ⱼ feeds every z⁽ˡ⁺¹⁾ₖ, so the chain rule sums over k."""
    width = n.shape.sizes[l + 1]
    z, a, zk = n.z(l), n.a(l), n.z(l + 1, K_)
    local = _local(n, l)
    chain = Sum(_times(_d(ELL, zk), _d(zk, a), _d(a, z)), (K_, 1, width))
    upstream = Sum(n.W(l + 1, K_, J_) * n.delta(l + 1, K_), (K_, 1, width))
    value = upstream if local == 1 else _times(local, upstream)
    rows = [IndexRow(n.delta(l), (_d(ELL, z), chain), "chain-sum", (l + 1,)),
            IndexRow(_d(zk, a), (n.W(l + 1, K_, J_),), "one-term-input", (a,))]
    act = n.shape.activations[l - 1]
    if not isinstance(act, Identity):
        rows.append(IndexRow(_d(a, z), (local,), f"local.{_kind(act)}"))
    rows.append(IndexRow(n.delta(l), (value,), "delta-recursion", (sympy.Eq(
        n.delta(l + 1, K_), _d(ELL, zk), evaluate=False),)))
    return IndexStage("hidden", l, tuple(rows)), value


def _gradients(n: Names, output_value) -> IndexStage:
    rows = []
    j, k = (J_, K_) if n.shape.network else (None, J_)
    for l in range(n.L, 0, -1):
        z, delta = n.z(l), n.delta(l)
        W = n.W(l, j, k)
        shown = delta if n.shape.network else output_value
        rows.append(IndexRow(_d(ELL, W), (_times(_d(ELL, z), _d(z, W)),
                                          shown * n.a(l - 1, k)), "one-term", (W,)))
        if n.shape.biases[l - 1]:
            b = n.b(l, j)
            rows.append(IndexRow(_d(ELL, b), (_times(_d(ELL, z), _d(z, b)), shown), "bias"))
    if not n.shape.network and not isinstance(n.shape.activations[0], Identity):
        f = n.loss.predictions[0]
        g = n.shape.activations[0].phi(n.z(1))
        rows.append(IndexRow(_d(ELL, n.W(1, None, J_)),
                             (output_value.xreplace({f: g}) * n.a(0, J_),), "substitute",
                             (sympy.Eq(f, g, evaluate=False),)))
    return IndexStage("gradients", 0, tuple(rows))


def _batch(n: Names, output_value) -> IndexStage:
    """∂J/∂p = (1/m) Σᵢ ∂ℓᵢ/∂p, written with each sample's quantities; then the update."""
    sample = {}  # a quantity of sample i carries the index i: δ⁽ˡ⁾ⱼ,ᵢ, xₖ,ᵢ, yᵢ
    rows, updates = [], []
    j, k = (J_, K_) if n.shape.network else (None, J_)
    J = Symbol("J")
    for l in range(n.L, 0, -1):
        W = n.W(l, j, k)
        value = (n.delta(l) if n.shape.network else output_value) * n.a(l - 1, k)
        params = [(W, value)]
        if n.shape.biases[l - 1]:
            params.append((n.b(l, j), n.delta(l) if n.shape.network else output_value))
        for p, v in params:
            rows.append(IndexRow(_d(J, p), (Sum(_per_sample(v, n, sample), (I_, 1, M_)) / M_,),
                                 "mean-gradient"))
            updates.append(IndexRow(p, (p - ALPHA * _d(J, p),), "update", rel="<-"))
    return IndexStage("batch", 0, tuple(rows + updates))


def _per_sample(expr, n: Names, memo: dict):
    """``expr`` for sample i: every indexed quantity gets the index i, a plain one becomes xᵢ."""
    def swap(e):
        if isinstance(e, sympy.Indexed) and not str(e.base).startswith(("W", "b")):
            return IndexedBase(e.base.label)[(*e.indices, I_)]
        return e

    out = expr.replace(lambda e: isinstance(e, sympy.Indexed), swap)
    plain = {s: IndexedBase(s.name)[I_] for s in out.free_symbols
             if isinstance(s, Symbol) and s.name in {"y", "f", "z", n.loss.target.name}}
    return out.xreplace(plain)


def _matrix(n: Names) -> IndexStage:
    """The same in matrix form, as the vector view computes it (δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ g′)."""
    N = Symbol("n")
    vec = lambda name: sympy.MatrixSymbol(name, N, 1)  # noqa: E731 - a local shorthand
    rows = []
    if n.shape.network:
        for l in range(n.L - 1, 0, -1):
            W = sympy.MatrixSymbol(f"W^({l + 1})", N, N)
            back = W.T * vec(f"delta^({l + 1})")
            act = n.shape.activations[l - 1]
            if not isinstance(act, Identity):
                g = {"sigmoid": "sigma"}.get(act.name, act.name if act.name.isalpha() else "g")
                back = sympy.HadamardProduct(back, vec(f"{g}'(z^({l}))"))
            rows.append(IndexRow(vec(f"delta^({l})"), (back,), "matrix-delta"))
        for l in range(n.L, 0, -1):
            delta = vec(f"delta^({l})_i")
            prev = vec(f"a^({l - 1})_i" if l > 1 else "x_i")
            rows.append(IndexRow(_d(Symbol("J"), sympy.MatrixSymbol(f"W^({l})", N, N)),
                                 (Sum(delta * prev.T, (I_, 1, M_)) / M_,), "matrix-gradient"))
    else:
        X = sympy.MatrixSymbol("X", M_, N)
        e = sympy.MatrixSymbol("e", M_, 1)
        rows.append(IndexRow(_d(Symbol("J"), vec(n.shape.weight)), (X.T * e / M_,),
                             "matrix-regression", (e,)))
    return IndexStage("matrix", 0, tuple(rows))


def _kinks(n: Names) -> tuple:
    """Where ℓ is not differentiable: some z⁽ˡ⁾ⱼ = 0 after relu-like units, a⁽ᴸ⁾ⱼ = yⱼ for mae."""
    found = []
    for l, act in enumerate(n.shape.activations, start=1):
        if isinstance(act, (ReLU, LeakyReLU)) or (isinstance(act, ELU) and act.alpha != 1):
            found.append(sympy.Eq(n.z(l), 0, evaluate=False))
    if n.loss.name in ("mae", "distance"):
        found.append(sympy.Eq(n.a(n.L, n.unit()), n.y(n.unit()), evaluate=False))
    return tuple(found)
