"""A model is a formula: an exact SymPy expression, the inputs it reads, the parameters to fit."""

from __future__ import annotations

import re
from collections.abc import Iterable

import sympy

from .errors import said
from .parsing.core import parse, symbols

Output = sympy.Expr | sympy.MatrixBase


def as_expr(value, what: str = "expression") -> Output:
    """Read ``value`` (text, a SymPy object, or a list of either) as an exact expression or column.

    Text goes through symgrad's safe parser; SymPy input gets real symbols of the same names.

    >>> as_expr("2x^2 - 12x + 20")
    2*x**2 - 12*x + 20
    >>> as_expr(["a*x", "b"])
    Matrix([
    [a*x],
    [  b]])
    """
    if isinstance(value, sympy.MatrixBase):
        return sympy.Matrix(value.shape[0], value.shape[1], [parse(v, what=what) for v in value])
    if isinstance(value, (list, tuple)):
        return sympy.Matrix([parse(v, what=what) for v in value])
    return parse(value, what=what)


def free_symbols(expr: Output) -> set[sympy.Symbol]:
    """The free symbols of an expression or of every entry of a Matrix.

    >>> sorted(free_symbols(as_expr(["a*x", "b"])), key=str)
    [a, b, x]
    """
    return set(expr.free_symbols)


def by_name(syms: Iterable[sympy.Symbol]) -> tuple[sympy.Symbol, ...]:
    """Symbols sorted by name, the default order of parameters.

    >>> by_name(free_symbols(as_expr("d + c*x + a")))
    (a, c, d, x)
    """
    return tuple(sorted(syms, key=lambda s: s.name))


class Model:
    """A model ``f(x; θ)``: an exact expression in its inputs x and parameters θ.

    ``inputs`` keep the order given (it is the column order of the data); ``params``
    default to every other free symbol, sorted by name.

    >>> m = Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
    >>> m.params
    (a, b, c, d)
    >>> m.inputs
    (x1, x2, x3)
    >>> m
    Model(f = a*x1 + b*x2**2 + c*x3**3 + d, inputs=(x1, x2, x3), params=(a, b, c, d))
    """

    #: The network this model is the scalar view of (None for a formula).
    network = None

    def __init__(self, expr, inputs, params=None):
        self.expr: Output = as_expr(expr, what="model")
        self.inputs: tuple[sympy.Symbol, ...] = symbols(inputs)
        free = free_symbols(self.expr)
        if params is None:
            self.params = by_name(free - set(self.inputs))
        else:
            self.params = symbols(params)
        _check_roles(self.inputs, self.params, free, params is not None)

    @property
    def outputs(self) -> int:
        """How many outputs the model has (the rows of a Matrix model, else 1).

        >>> Model(["a*x", "b*x"], inputs="x").outputs
        2
        """
        return self.expr.shape[0] if isinstance(self.expr, sympy.MatrixBase) else 1

    @property
    def output_exprs(self) -> tuple[sympy.Expr, ...]:
        """The outputs f₁ … f_k as a tuple of expressions.

        >>> Model("w*x", inputs="x").output_exprs
        (w*x,)
        """
        if isinstance(self.expr, sympy.MatrixBase):
            return tuple(self.expr)
        return (self.expr,)

    def __repr__(self) -> str:
        names = ", ".join
        return (
            f"Model(f = {self.expr}, inputs=({names(map(str, self.inputs))}), "
            f"params=({names(map(str, self.params))}))"
        )


def _check_roles(inputs, params, free, params_given=False) -> None:
    if not inputs:
        raise ValueError(said('err.model.model-needs-at-least'))
    unused = set(inputs) - free
    if unused and not params_given:
        # Without params=, every other symbol became a parameter: an input that is not in
        # the formula means a typo made one of them a parameter (inputs z for w*x + b).
        raise ValueError(
            said('err.model.input-does-not-appear', _names(unused), _names(free) or 'it has none')
        )
    both = set(inputs) & set(params)
    if both:
        raise ValueError(said('err.model.cannot-be-both-input', _names(both)))
    stray = free - set(inputs) - set(params)
    if stray:
        raise ValueError(
            said('err.model.in-model-neither-input', _names(stray))
        )
    if not params:
        raise ValueError(said('err.model.model-has-no-parameters'))


def _names(syms) -> str:
    return ", ".join(s.name for s in by_name(syms))


_PARAMETER = re.compile(r"([Wb])(\d+)_(\d+)(?:_(\d+))?")


def param_name(l: int, j: int, k: int | None = None) -> str:
    """The name of W⁽ˡ⁾ⱼₖ (``W{l}_{j}_{k}``), or of the bias b⁽ˡ⁾ⱼ (``b{l}_{j}``) when k is None.

    >>> param_name(2, 1, 3), param_name(1, 2)
    ('W2_1_3', 'b1_2')
    """
    return f"W{l}_{j}_{k}" if k is not None else f"b{l}_{j}"


def param_position(name: str) -> tuple[int, int, int | None] | None:
    """(layer l, unit j, input k) of a network's parameter name, k None for a bias; None for
    any other name (the inverse of :func:`param_name`).

    >>> [param_position(name) for name in ("W2_1_3", "b1_2", "W1_2", "w1")]
    [(2, 1, 3), (1, 2, None), None, None]
    """
    m = _PARAMETER.fullmatch(name)
    if m is None or (m[1] == "W") != (m[4] is not None):
        return None
    return int(m[2]), int(m[3]), int(m[4]) if m[4] is not None else None
