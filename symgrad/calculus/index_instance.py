"""The index form's generic formulas at concrete indices: ∂ℓ/∂p for one parameter p.

The index form says ∂ℓ/∂W⁽ˡ⁾ⱼₖ = δ⁽ˡ⁾ⱼ a⁽ˡ⁻¹⁾ₖ with δ⁽ᴸ⁾ⱼ from the output's algebra and δ⁽ˡ⁾ⱼ from
the recursion.  :class:`Instance` puts concrete j, k into those generic formulas (the sums
expanded over the real widths) and writes the result in the network's own names (W1_2_3, z1_2,
a1_2, x3, y2), or in numbers at a point; :func:`positions` and :func:`param_of` relate a
parameter's name to its (layer, j, k).
"""

from __future__ import annotations

import sympy
from sympy import Indexed

from ..model import param_name, param_position
from ..parsing import symbol
from .index_data import J_, K_, IndexForm, Names

__all__ = ["Instance", "count", "form_deltas", "instantiate", "param_of", "position_at",
           "position_of", "positions"]


def positions(shape) -> list[tuple[int, int, int | None]]:
    """(layer, j, k) of every parameter, 1-based, k None for a bias.

    >>> from symgrad.calculus.index_data import Shape
    >>> from symgrad.nn import Sigmoid
    >>> positions(Shape((2, 1), (Sigmoid(),), (True,)))
    [(1, 1, 1), (1, 1, 2), (1, 1, None)]
    """
    out = []
    for l in range(1, shape.layers + 1):
        n_in, n_out = shape.sizes[l - 1], shape.sizes[l]
        out += [(l, j, k) for j in range(1, n_out + 1) for k in range(1, n_in + 1)]
        if shape.biases[l - 1]:
            out += [(l, j, None) for j in range(1, n_out + 1)]
    return out


def count(shape) -> int:
    """How many parameters, without listing them.

    >>> from symgrad.calculus.index_data import Shape
    >>> from symgrad.nn import Sigmoid
    >>> count(Shape((784, 30, 10), (Sigmoid(), Sigmoid()), (True, True)))
    23860
    """
    return sum(shape.sizes[l] * (shape.sizes[l - 1] + shape.biases[l - 1])
               for l in range(1, shape.layers + 1))


def position_at(shape, i: int) -> tuple[int, int, int | None]:
    """The i-th position of :func:`positions` (0-based), computed, not listed.

    >>> from symgrad.calculus.index_data import Shape
    >>> from symgrad.nn import Sigmoid
    >>> position_at(Shape((784, 30, 10), (Sigmoid(), Sigmoid()), (True, True)), 23519)
    (1, 30, 784)
    """
    for l in range(1, shape.layers + 1):
        n_in, n_out = shape.sizes[l - 1], shape.sizes[l]
        if i < n_out * n_in:
            j, k = divmod(i, n_in)
            return (l, j + 1, k + 1)
        i -= n_out * n_in
        if shape.biases[l - 1]:
            if i < n_out:
                return (l, i + 1, None)
            i -= n_out
    raise IndexError(i)


def param_of(form: IndexForm, pos) -> sympy.Symbol:
    """The model's own Symbol for a position (W1_2_3, b2_1; a formula's w3 or its bias)."""
    l, j, k = pos
    shape = form.shape
    if not shape.network:
        return shape.param(k) if k is not None else shape.bias
    return symbol(param_name(l, j, k))


def position_of(form: IndexForm, p: sympy.Symbol):
    """The (layer, j, k) of a parameter (the inverse of :func:`param_of`)."""
    if form.shape.network and (pos := param_position(p.name)) is not None:
        return pos
    for pos in positions(form.shape):
        if param_of(form, pos) == p:
            return pos
    raise KeyError(p)


class Instance:
    """The generic formulas at concrete indices, in names (exact) or numbers (at ``point``, an
    :class:`~symgrad.calculus.index_check.Point`)."""

    def __init__(self, form: IndexForm, deltas: dict, point=None):
        self.form, self.deltas, self.point = form, deltas, point
        self.names = Names(form.shape, form.loss)
        self.memo: dict = {}
        shape, loss = form.shape, form.loss
        #: A formula model's plain names: z, f, y and the bias.
        self.plain = {} if shape.network else {
            sympy.Symbol("z", real=True): ("z", 1, (1,)), loss.predictions[0]: ("a", 1, (1,)),
            loss.targets[0]: ("y", 0, (1,))}
        if not shape.network and shape.bias is not None:
            self.plain[shape.bias] = ("b", 1, (1,))
        if shape.network and len(loss.targets) == 1:
            self.plain[loss.targets[0]] = ("y", 0, (1,))

    def key(self, e) -> tuple:
        """(kind, layer, indices) of an Indexed quantity."""
        base, idx = str(e.base.label), tuple(int(i) for i in e.indices)
        shape, loss = self.form.shape, self.form.loss
        if base == shape.input:
            return ("x", 0, idx)
        if base == loss.target.name:
            return ("y", 0, idx)
        if not shape.network and base == shape.weight:
            return ("W", 1, (1, idx[0]))
        return (base[:base.index("^")], int(base[base.index("(") + 1:-1]), idx)

    def name(self, e) -> sympy.Expr:
        kind, layer, idx = self.key(e)
        if kind == "delta":
            return self.delta(layer, idx[0])
        if self.point is not None:
            return self.point.value(kind, layer, idx)
        shape, loss = self.form.shape, self.form.loss
        if kind == "x":
            return loss.model.inputs[idx[0] - 1]
        if kind == "y":
            return loss.targets[idx[0] - 1]
        if not shape.network:
            return shape.param(idx[1])
        return symbol(f"{kind}{layer}_" + "_".join(map(str, idx)))

    def concrete(self, expr, j) -> sympy.Expr:
        e = expr.xreplace({J_: j}).doit()
        e = e.replace(lambda x: isinstance(x, Indexed), self.name)
        if self.point is not None:
            e = e.xreplace({s: self.point.value(*self.plain[s]) for s in e.free_symbols
                            if s in self.plain})
        return e

    def delta(self, l: int, j: int) -> sympy.Expr:
        if (l, j) not in self.memo:
            self.memo[l, j] = self.concrete(self.deltas[l], j)
        return self.memo[l, j]

    def gradient(self, pos) -> sympy.Expr:
        """∂ℓ/∂p by the generic formulas: δ⁽ˡ⁾ⱼ a⁽ˡ⁻¹⁾ₖ, or δ⁽ˡ⁾ⱼ for a bias."""
        l, j, k = pos
        delta = self.delta(l, j if self.form.shape.network else 1)
        if k is None:
            return delta
        return delta * self.concrete(self.names.a(l - 1, K_).xreplace({K_: J_}), k)


def instantiate(form: IndexForm, deltas: dict, p) -> sympy.Expr:
    """∂ℓ/∂p from the generic formulas at p's indices, in the network's names.

    >>> from symgrad import Dense, Sequential, Sigmoid, bce
    >>> from symgrad.calculus.index_form import index_form
    >>> form = index_form(bce(Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())),
    ...                   check=False)
    >>> instantiate(form, form_deltas(form), symbol("W1_2_1"))
    W2_1_2*a1_2*x1*(1 - a1_2)*(a2_1 - y)
    """
    return Instance(form, deltas).gradient(position_of(form, p))


def form_deltas(form: IndexForm) -> dict:
    """The final δ⁽ˡ⁾ⱼ of each layer (the last row of its stage), generic in j."""
    out = {}
    for stage in form.stages:
        if stage.kind in ("output", "hidden"):
            out[stage.layer] = stage.rows[-1].rhs[-1]
    return out
