"""The index form: a weighted-sum model's gradient derived once, for a generic index.

A textbook writes the gradient of σ(w·x + b) or of a Dense network once, for a generic weight:

    z = Σₖ wₖxₖ + b,   ∂z/∂wⱼ = xⱼ (only the term k = j depends on wⱼ),   ∂ℓ/∂wⱼ = (f − y)·xⱼ;
    z⁽ˡ⁾ⱼ = Σₖ W⁽ˡ⁾ⱼₖ a⁽ˡ⁻¹⁾ₖ + b⁽ˡ⁾ⱼ,  δ⁽ˡ⁾ⱼ = g′(z⁽ˡ⁾ⱼ) Σₖ W⁽ˡ⁺¹⁾ₖⱼ δ⁽ˡ⁺¹⁾ₖ,
    ∂ℓ/∂W⁽ˡ⁾ⱼₖ = δ⁽ˡ⁾ⱼ a⁽ˡ⁻¹⁾ₖ.

:func:`index_form` builds that derivation as data (stages of rows, each row with the rule that
justifies it), with sums as SymPy ``Sum`` over the index symbols j, k and layer quantities as
``IndexedBase`` objects (``z^(1)``, ``W^(2)``; a formula model keeps its own names, w and x).
Its size depends on the number of layers and the kinds of activation and loss, never on the
width: the widths appear only as the bounds of the sums.  The rows' data types and names are in
:mod:`symgrad.calculus.index_data`, which models qualify in :mod:`symgrad.calculus.index_shape`,
the δ rows (g′ and ∂ℓ/∂a from the rule engine, the output's algebra steps) in
:mod:`symgrad.calculus.index_delta`; every generic row is then confirmed by
:mod:`symgrad.calculus.index_check` against ``sympy.diff`` of the scalar loss.

This module computes; ``symgrad.render.builders.index`` prints.
"""

from __future__ import annotations

import sympy
from sympy import IndexedBase, Sum, Symbol

from ..losses import Loss
from ..nn import ELU, Identity, LeakyReLU, ReLU, Softmax
from .index_check import check_form
from .index_data import (
    ALPHA,
    ELL,
    I_,
    J_,
    K_,
    M_,
    IndexForm,
    IndexRow,
    IndexStage,
    Names,
    partial,
    plus,
    times,
)
from .index_delta import hidden_delta, output_delta
from .index_penalty import P, penalty_derivative, penalty_kinks, penalty_stage
from .index_shape import weighted_sum

__all__ = ["index_form", "weighted_sum"]


def index_form(loss: Loss, *, check: bool = True, at=()) -> IndexForm | None:
    """The generic derivation of ``loss`` (None when its model is not a weighted sum).

    With ``check`` (the default) every generic row is instantiated at concrete indices and
    compared with ``sympy.diff`` of the scalar loss (see :mod:`symgrad.calculus.index_check`),
    at the positions ``at`` ((layer, j, k), k None for a bias) too.

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
    output, value = output_delta(names)
    stages = [_model(names), output]
    deltas = {names.L: value}
    for l in range(names.L - 1, 0, -1):
        stage, deltas[l] = hidden_delta(names, l)
        stages.append(stage)
    stages.append(_gradients(names, value))
    if loss.penalty is not None:
        stages.append(penalty_stage(names))
    stages += [_batch(names, value), _matrix(names, value)]
    form = IndexForm(loss, shape, tuple(stages), _kinks(names) + penalty_kinks(names))
    if check:
        form = check_form(form, deltas, also=at)
    return form


def _model(n: Names) -> IndexStage:
    rows = []
    for l in range(1, n.L + 1):
        width = n.shape.sizes[l - 1]
        j = J_ if n.shape.network else None
        total = Sum(n.W(l, j, K_) * n.a(l - 1, K_), (K_, 1, width))
        rows.append(IndexRow(n.z(l), (plus(total, n.b(l)) if n.shape.biases[l - 1] else total,),
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
    mean = Sum(IndexedBase("ell")[I_], (I_, 1, M_)) / M_
    if n.loss.penalty is None:
        rows.append(IndexRow(Symbol("J"), (mean,), "mean"))
    else:  # the penalty is part of J, not of each ℓᵢ
        rows.append(IndexRow(Symbol("J"), (plus(mean, P),), "mean-penalty"))
    return IndexStage("model", 0, tuple(rows))


def _ell(n: Names):
    """ℓ in the outputs a⁽ᴸ⁾ⱼ and the labels: Σⱼ term(a⁽ᴸ⁾ⱼ, yⱼ), or one term for one output."""
    f, y = n.loss.prediction, n.loss.target
    if n.one_out:
        return n.loss.term.xreplace({f: n.a(n.L, 1), y: n.y()})
    return Sum(n.loss.term.xreplace({f: n.a(n.L, J_), y: n.y(J_)}), (J_, 1, n.shape.sizes[-1]))


def _gradients(n: Names, output_value) -> IndexStage:
    rows = []
    j, k = (J_, K_) if n.shape.network else (None, J_)
    for l in range(n.L, 0, -1):
        z, delta = n.z(l), n.delta(l)
        W = n.W(l, j, k)
        shown = delta if n.shape.network else output_value
        rows.append(IndexRow(partial(ELL, W), (times(partial(ELL, z), partial(z, W)),
                                          shown * n.a(l - 1, k)), "one-term", (W,)))
        if n.shape.biases[l - 1]:
            b = n.b(l, j)
            one = (times(partial(ELL, z), partial(z, b)), shown)
            if n.shape.network or b.name == "b":
                rows.append(IndexRow(partial(ELL, b), one, "bias"))
            else:  # a bias under another name: ∂z/∂c = 1
                rows.append(IndexRow(partial(ELL, b), one, "bias-named",
                                     (sympy.Eq(partial(z, b), 1, evaluate=False),)))
    if not n.shape.network and not isinstance(n.shape.activations[0], Identity):
        f = n.loss.predictions[0]
        g = n.shape.activations[0].phi(n.z(1))
        rows.append(IndexRow(partial(ELL, n.W(1, None, J_)),
                             (output_value.xreplace({f: g}) * n.a(0, J_),), "substitute",
                             (sympy.Eq(f, g, evaluate=False),)))
    return IndexStage("gradients", 0, tuple(rows))


def _batch(n: Names, output_value) -> IndexStage:
    """∂J/∂p = (1/m) Σᵢ ∂ℓᵢ/∂p, written with each sample's quantities; then the update."""
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
            mean = Sum(_per_sample(v, n), (I_, 1, M_)) / M_
            if n.loss.penalty is not None and p == W:  # and the penalty's term
                rows.append(IndexRow(partial(J, p), (plus(mean, penalty_derivative(n, l)),),
                                     "mean-gradient-penalty"))
            else:
                rows.append(IndexRow(partial(J, p), (mean,), "mean-gradient"))
            updates.append(IndexRow(p, (p - ALPHA * partial(J, p),), "update", rel="<-"))
    return IndexStage("batch", 0, tuple(rows + updates))


def _per_sample(expr, n: Names):
    """``expr`` for sample i: every indexed quantity gets the index i, a plain one becomes xᵢ."""
    def swap(e):
        if isinstance(e, sympy.Indexed) and not str(e.base).startswith(("W", "b")):
            return IndexedBase(e.base.label)[(*e.indices, I_)]
        return e

    out = expr.replace(lambda e: isinstance(e, sympy.Indexed), swap)
    plain = {s: IndexedBase(s.name)[I_] for s in out.free_symbols
             if isinstance(s, Symbol) and s.name in {"y", "f", "z", n.loss.target.name}}
    return out.xreplace(plain)


def _matrix(n: Names, output_value) -> IndexStage:
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
            W = sympy.MatrixSymbol(f"W^({l})", N, N)
            rows.append(IndexRow(partial(Symbol("J"), W), (_penalised(
                n, Sum(delta * prev.T, (I_, 1, M_)) / M_, W),), "matrix-gradient"))
    else:
        X = sympy.MatrixSymbol("X", M_, N)
        e = sympy.MatrixSymbol("e", M_, 1)
        w = vec(n.shape.weight)
        # e holds each sample's ∂ℓ/∂z (derived above): the errors f − y only where the
        # output's algebra cancels to them (σ with bce, no activation with mse)
        f, y = n.loss.predictions[0], n.loss.targets[0]
        errors = sympy.expand(output_value - (f - y)) == 0
        rows.append(IndexRow(partial(Symbol("J"), w), (_penalised(n, X.T * e / M_, w),),
                             "matrix-regression" if errors else "matrix-regression-delta",
                             (e,) if errors else (e, partial(ELL, n.z(1)))))
    return IndexStage("matrix", 0, tuple(rows))


def _penalised(n: Names, gradient, W):
    """The matrix gradient plus the penalty's: λW/m (L2), (λ/m)·sgn(W) entry by entry (L1)."""
    penalty = n.loss.penalty
    if penalty is None:
        return gradient
    if penalty.kind == "l1":
        W = sympy.Function("sgn")(W)
    return plus(gradient, penalty.strength / M_ * W)


def _kinks(n: Names) -> tuple:
    """Where ℓ is not differentiable: some z⁽ˡ⁾ⱼ = 0 after relu-like units, a⁽ᴸ⁾ⱼ = yⱼ for mae."""
    found = []
    for l, act in enumerate(n.shape.activations, start=1):
        if isinstance(act, ReLU) or (isinstance(act, LeakyReLU) and act.slope != 1) or (
                isinstance(act, ELU) and act.alpha != 1):
            found.append(sympy.Eq(n.z(l), 0, evaluate=False))
    if n.loss.name in ("mae", "distance"):
        found.append(sympy.Eq(n.a(n.L, n.unit()), n.y(n.unit()), evaluate=False))
    return tuple(found)
