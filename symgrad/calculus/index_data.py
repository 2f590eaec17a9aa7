"""The index form as data: its rows and stages, the model's shape, and the generic names.

An :class:`IndexForm` is a weighted-sum model's gradient derived once for a generic index
(built by :mod:`symgrad.calculus.index_form`, checked by :mod:`symgrad.calculus.index_check`):
stages of :class:`IndexRow`, each ``lhs = rhs₀ = rhs₁ …`` with the rule that justifies it.
:class:`Names` writes the generic quantities z⁽ˡ⁾ⱼ, a⁽ˡ⁾ⱼ, W⁽ˡ⁾ⱼₖ, b⁽ˡ⁾ⱼ, δ⁽ˡ⁾ⱼ, xₖ, yⱼ as SymPy
``IndexedBase`` objects (``z^(1)``, ``W^(2)``; a formula model keeps its own names, w and x),
with the index symbols j, k (and i, m over the samples).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy import Derivative, IndexedBase, Symbol

from ..losses import Loss
from ..nn import Activation
from ..parsing import symbol

__all__ = ["ALPHA", "ELL", "I_", "J_", "K_", "M_", "IndexForm", "IndexRow", "IndexStage", "Names",
           "Shape", "partial", "plus", "times"]

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

    A formula whose weights are not named w1 … wn (a·x1 + c·x2 + b) is written with generic
    names all the same: ``weight`` and ``input`` are then the generic stems (w, x) and
    ``renamed`` holds the model's own weights, and its inputs when they are not x1 … xn,
    in the order of their index.

    >>> from symgrad.nn import Identity
    >>> a, c, x1, x2 = sympy.symbols("a c x1 x2")
    >>> Shape((2, 1), (Identity(),), (False,), network=False, renamed=((a, c), ())).param(2)
    c
    """

    sizes: tuple[int, ...]
    activations: tuple[Activation, ...]
    biases: tuple[bool, ...]
    network: bool = True
    weight: str = "w"
    input: str = "x"
    bias: Symbol | None = None
    renamed: tuple = ()

    def param(self, k: int) -> Symbol:
        """A formula model's own Symbol for its k-th weight (1-based)."""
        if self.renamed:
            return self.renamed[0][k - 1]
        return symbol(f"{self.weight}{k}")

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
            return partial(ELL, self.z(1))
        return IndexedBase(f"delta^({l})")[j]

    def unit(self):
        """The index of an output unit: j, or 1 when there is one output."""
        return 1 if self.one_out else J_

    def y(self, j=J_):
        if self.one_out:
            return self.loss.targets[0]
        return IndexedBase(self.loss.target.name)[j]


def partial(of, wrt) -> Derivative:
    """∂of/∂wrt, unevaluated (a row's left side or a factor of the chain rule).

    >>> partial(ELL, Symbol("z"))
    Derivative(ell, z)
    """
    return Derivative(of, wrt, evaluate=False)


def times(*factors):
    """The product as written, unevaluated (the chain rule's factors in their order).

    >>> times(Symbol("b"), Symbol("a")).args
    (b, a)
    """
    return sympy.Mul(*factors, evaluate=False)


def plus(*terms):
    """The sum as written, unevaluated.

    >>> plus(Symbol("b"), Symbol("a")).args
    (b, a)
    """
    return sympy.Add(*terms, evaluate=False)
