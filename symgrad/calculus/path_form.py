"""One parameter of a wide network in full, written along its path in the network's names.

``derive(loss, wrt="W1_1_3")`` for Nielsen's 784-30-10 network cannot print the weight's
gradient in the inputs (ten outputs of σ(a 785-term sum)), and need not: a textbook writes
the weight's chain in the names of the units it passes through.  :func:`path_form` takes the
index form (:mod:`symgrad.calculus.index_form`, every generic row checked against
``sympy.diff``) and writes it at the parameter's own indices:

* the unit the parameter enters, z⁽¹⁾₁ = b⁽¹⁾₁ + Σₖ W⁽¹⁾₁ₖ xₖ, its sum written as a sum;
* ∂ℓ/∂W⁽¹⁾₁₃ = ∂ℓ/∂z⁽¹⁾₁ · ∂z⁽¹⁾₁/∂W⁽¹⁾₁₃ and ∂z⁽¹⁾₁/∂W⁽¹⁾₁₃ = x₃ as one row ("only the term
  k = 3 depends on it": the constant rule over the other 783 terms is that row's note);
* δ⁽¹⁾₁ from the recursion at j = 1 (the layers above it generic: every unit of them is on the
  path), then ∂ℓ/∂W⁽¹⁾₁₃ = δ⁽¹⁾₁ x₃ with every δ written out, the batch gradient and the update.

Nothing off the path is built: no other unit's chain or δ.  The parameter is added to the
index form's check (its generic gradient against ``sympy.diff`` of ℓ as a function of that
one parameter), ∂z/∂p is differentiated by SymPy from the instantiated sum, and the written-out
gradient is confirmed equal to the generic formula at the parameter's indices.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy import Indexed, IndexedBase, Sum, Symbol

from ..losses import Loss
from ..model import param_position
from .index_data import ELL, I_, J_, K_, M_, IndexForm, IndexRow, IndexStage, Names, partial, times
from .index_form import index_form
from .index_instance import Instance, form_deltas
from .index_penalty import penalty_derivative

__all__ = ["PathForm", "path_form"]

#: The bound index of each level of δ written out: Σₖ W⁽²⁾ₖ₁ (… Σ_q W⁽³⁾_qk …).
_LETTERS = ("k", "q", "r", "s", "t", "v")


@dataclass(frozen=True)
class PathForm:
    """The index form of a wide network's loss written at the indices of ``params``.

    ``stages`` are what a document shows: the model (generic), each δ stage the parameters
    need (generic for the layers above the lowest parameter, at the parameters' units in its
    layer), and one ``"path"`` stage per parameter; ``written[p]`` is ∂ℓ/∂p with every δ
    written out (sums kept as sums), ``gradient[p]`` the same in the network's own names
    (W2_1_1, a2_1, x3), each term of the sums written.
    """

    form: IndexForm
    params: tuple[Symbol, ...]
    stages: tuple[IndexStage, ...]
    written: dict
    gradient: dict

    @property
    def loss(self) -> Loss:
        """The loss, as the index form has it."""
        return self.form.loss


def path_form(loss: Loss, params) -> PathForm | None:
    """The derivation of each of ``params`` along its path (see the module's docstring); None
    when the network has no index form (a softmax inside it, or softmax without cross-entropy).

    >>> from symgrad import mse
    >>> from symgrad.nn import network
    >>> from symgrad.parsing import symbol
    >>> path = path_form(mse(network("784-30-10")), [symbol("W1_1_3")])
    >>> [s.kind for s in path.stages]
    ['model', 'output', 'hidden', 'path']
    >>> row = path.stages[-1].rows[2]
    >>> row.lhs, row.rhs[-1], row.detail
    (Derivative(z^(1)[1], W^(1)[1, 3]), x[3], (W^(1)[1, 3], 3, 783, b^(1)[1]))
    >>> path.gradient[symbol("W1_1_3")].count(sympy.Symbol("y3", real=True))
    1
    """
    positions = [param_position(p.name) for p in params]
    form = index_form(loss, at=positions)  # checked at these parameters too
    if form is None:
        return None
    deltas = form_deltas(form)
    names = Names(form.shape, loss)
    lowest = min(l for l, _, _ in positions)
    units = sorted({j for l, j, _ in positions if l == lowest})
    stages = [form.stages[0]]
    for stage in form.stages:
        if stage.kind not in ("output", "hidden") or stage.layer < lowest:
            continue
        if stage.layer > lowest or form.shape.sizes[stage.layer] == 1:
            stages.append(stage)
        else:  # the parameters' own units of their layer, not every unit
            stages += [_at(stage, {J_: j}) for j in units]
    stages += [s for s in form.stages if s.kind == "penalty"]  # P, in J and in ∂J/∂W
    instance = Instance(form, deltas)
    written, gradient = {}, {}
    for p, pos in zip(params, positions):
        rows, written[p] = _path_rows(names, form, deltas, pos, lowest)
        gradient[p] = instance.gradient(pos)
        shown = instance.concrete(written[p], pos[1])
        if sympy.expand(shown - gradient[p]) != 0:
            raise AssertionError(f"∂ℓ/∂{p} written out, {shown}, is not {gradient[p]}")
        stages.append(IndexStage("path", pos[0], rows))
    return PathForm(form, tuple(params), tuple(stages), written, gradient)


def _at(stage: IndexStage, at: dict) -> IndexStage:
    """A stage's rows (and their notes' values) at concrete indices."""
    def put(e):
        return _rebuilt(e, lambda x: at.get(x)) if isinstance(e, sympy.Basic) else e

    return IndexStage(stage.kind, stage.layer, tuple(
        IndexRow(put(r.lhs), tuple(map(put, r.rhs)), r.rule, tuple(map(put, r.detail)), r.rel)
        for r in stage.rows))


def _rebuilt(e, swap, written: bool = True):
    """``e`` with each subexpression ``swap`` gives a value for replaced; with ``written`` sums
    and products keep the order the rows write them (not re-sorted, as ``xreplace`` would)."""
    new = swap(e)
    if new is not None:
        return new
    if not e.args:
        return e
    args = tuple(_rebuilt(a, swap, written) for a in e.args)
    if args == e.args:
        return e
    if written and isinstance(e, (sympy.Mul, sympy.Add)):
        return e.func(*args, evaluate=False)
    return e.func(*args)


def _path_rows(n: Names, form: IndexForm, deltas: dict, pos, lowest: int
               ) -> tuple[tuple, sympy.Expr]:
    """The rows of one parameter's path stage, and ∂ℓ/∂p with every δ written out."""
    l, j, k = pos
    width = form.shape.sizes[l - 1]
    z, delta = n.z(l, j), n.delta(l, j)
    p = n.W(l, j, k) if k is not None else n.b(l, j)
    total = Sum(n.W(l, j, K_) * n.a(l - 1, K_), (K_, 1, width))
    definition = total + n.b(l, j) if form.shape.biases[l - 1] else total
    rows = [IndexRow(z, (sympy.Add(total, n.b(l, j), evaluate=False)
                         if form.shape.biases[l - 1] else total,), "path-unit", (p,)),
            IndexRow(partial(ELL, p), (times(partial(ELL, z), partial(z, p)),), "path-chain",
                     (p, z))]
    if k is not None:
        term, value = p * n.a(l - 1, k), n.a(l - 1, k)
        others = width - 1
        rows.append(IndexRow(partial(z, p), (partial(term, p), value), "path-one-term",
                             (p, k, others, *((n.b(l, j),) if form.shape.biases[l - 1] else ()))))
    else:
        value = sympy.S.One
        rows.append(IndexRow(partial(z, p), (value,), "path-bias", (p, width)))
    _confirm_local(n, form, definition, p, value, j)
    out = _written(n, deltas, l, j)
    product = times(delta, value) if k is not None else delta
    full = value * out
    if l > lowest:  # δ of a layer above the lowest parameter's: generic in its section
        rows.append(IndexRow(delta, (deltas[l].xreplace({J_: j}),), "path-delta", (l,)))
    rows.append(IndexRow(partial(ELL, p), (product, full), "path-written"))
    sample = {e: IndexedBase(e.base.label)[(*e.indices, I_)] for e in product.atoms(Indexed)
              if not str(e.base).startswith(("W", "b"))}
    mean = Sum(product.xreplace(sample), (I_, 1, M_)) / M_
    J = Symbol("J")
    if form.loss.penalty is not None and k is not None:
        mean = sympy.Add(mean, penalty_derivative(n, l).xreplace({J_: j, K_: k}),
                         evaluate=False)
        rows.append(IndexRow(partial(J, p), (mean,), "mean-gradient-penalty"))
    else:
        rows.append(IndexRow(partial(J, p), (mean,), "mean-gradient"))
    rows.append(IndexRow(p, (p - sympy.Symbol("alpha", positive=True) * partial(J, p),),
                         "update", rel="<-"))
    return tuple(rows), full


def _confirm_local(n: Names, form: IndexForm, definition, p, value, j: int) -> None:
    """∂z/∂p = the row's value, by SymPy on the sum with every term written (784 of them)."""
    instance = Instance(form, {})
    # the sum term by term (as Sum.doit writes it, without its per-term subs: 30× faster)
    terms = definition.replace(lambda e: isinstance(e, Sum), lambda s: sympy.Add(*(
        s.function.xreplace({s.variables[0]: i})
        for i in range(int(s.limits[0][1]), int(s.limits[0][2]) + 1))))
    concrete = instance.concrete(terms, j)
    name = instance.concrete(p, j)
    if sympy.diff(concrete, name) != instance.concrete(value, j):
        raise AssertionError(f"∂z/∂{name} is not {value}")


def _written(n: Names, deltas: dict, l: int, j, depth: int = 0) -> sympy.Expr:
    """δ⁽ˡ⁾ⱼ with every δ of the layers above written out, a fresh bound index per level."""
    bound = Symbol(_LETTERS[depth % len(_LETTERS)], integer=True, positive=True)

    def swap(x):
        if isinstance(x, sympy.UnevaluatedExpr):
            return _rebuilt(x.args[0], swap, False)
        if x == J_:
            return j
        if x == K_:
            return bound
        if isinstance(x, Indexed) and str(x.base) == f"delta^({l + 1})":
            return _written(n, deltas, l + 1, _rebuilt(x.indices[0], swap, False), depth + 1)
        return None

    e = _rebuilt(deltas[l], swap, False)
    # a sum over one unit (the next layer has one) is its one term
    return e.replace(lambda x: isinstance(x, Sum) and x.limits[0][1:] == (1, 1),
                     lambda x: x.function.xreplace({x.variables[0]: 1}))
