"""Compiling a loss for float descent: J and every gradient as one NumPy function.

Data-only sub-expressions (x², x³, …) are hoisted out and computed once per data set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy

from ..derive import Derivation
from ..functions import sigmoid
from ..losses import Loss
from .codegen import numpy_function


class batch_mean(sympy.Function):  # noqa: N801 - prints like a NumPy function
    """The mean over the samples of a per-sample quantity; lambdifies to ``numpy.mean``.

    >>> x = sympy.Symbol("x")
    >>> batch_mean(x**2)
    batch_mean(x**2)
    """

    nargs = 1

    @classmethod
    def eval(cls, arg):
        # The mean is linear: a constant factor comes out, so NumPy scales a scalar, not an array.
        coeff, rest = arg.as_coeff_Mul()
        if coeff != 1:
            return coeff * cls(rest)
        return None

    def _numpycode(self, printer):
        return f"{printer._module_format('numpy.mean')}({printer._print(self.args[0])})"


@dataclass(frozen=True)
class Compiled:
    """NumPy functions for one loss: J and all gradients in one call, and the model itself.

    Built with ``lambdify(..., cse=True)`` from ``derivation.gradient``.  Sub-expressions that
    depend on the data alone (x², x³, …) are hoisted out: ``features`` computes them once per
    data set, so a step only does the work that changes with the parameters.

    >>> from symgrad import Model, mse, derive
    >>> c = Compiled.of(derive(mse(Model("w*x**3", inputs="x"))))
    >>> data = c.bind([np.array([1.0, 2.0]), np.array([2.0, 4.0])])
    >>> [float(v) for v in c.value_and_grad(*data, 0.0)]
    [5.0, -17.0]
    """

    loss: Loss
    features: Callable
    value_and_grad: Callable
    value: Callable
    model: Callable

    @classmethod
    def of(cls, derivation: Derivation) -> Compiled:
        """Compile a loss derivation."""
        loss = derivation.loss
        data = [*loss.model.inputs, *loss.targets]
        J = batch_mean(_stable_logs(loss.sample))
        grads = [batch_mean(derivation.gradient[p]) for p in derivation.wrt]
        (J, *grads), hoisted = _hoist([J, *grads], data)
        args = [*data, *hoisted.values(), *derivation.wrt]
        return cls(
            loss,
            numpy_function(data, list(hoisted)),
            numpy_function(args, [J, *grads]),
            numpy_function(args, J),
            numpy_function([*loss.model.inputs, *derivation.wrt], list(loss.model.output_exprs)),
        )

    def bind(self, cols) -> list:
        """The arguments a step needs for these data columns: the columns, then the features."""
        return [*cols, *self.features(*cols)]


class softplus(sympy.Function):  # noqa: N801 - lower case like exp
    """softplus(u) = log(1 + e^u), evaluated without overflow; −log σ(u) = softplus(−u).

    >>> u = sympy.Symbol("u", real=True)
    >>> sympy.expand_log(softplus(u).rewrite(sympy.log))
    log(exp(u) + 1)
    """

    nargs = 1

    def _eval_rewrite_as_log(self, u, **kwargs):
        return sympy.log(1 + sympy.exp(u))

    def _numpycode(self, printer):
        return f"{printer._module_format('numpy.logaddexp')}(0, {printer._print(self.args[0])})"


def _stable_logs(expr: sympy.Expr) -> sympy.Expr:
    """log σ(u) → −softplus(−u) and log(1 − σ(u)) → −softplus(u): equal, and finite in floats.

    σ(40) rounds to 1.0, so log(1 − σ(40)) would be log 0 and 0·log 0 a NaN; the softplus
    form gives −40, the true value.

    >>> from symgrad import parse
    >>> _stable_logs(parse("-y*log(sigmoid(w)) - (1 - y)*log(1 - sigmoid(w))"))
    y*softplus(-w) + (1 - y)*softplus(w)
    """
    def stable(arg):
        if isinstance(arg, sigmoid):
            return -softplus(-arg.args[0])
        rest = 1 - arg
        if isinstance(rest, sigmoid):
            return -softplus(rest.args[0])
        return sympy.log(arg)

    return expr.replace(lambda e: isinstance(e, sympy.log), lambda e: stable(e.args[0]))


def _hoist(exprs, data) -> tuple[list, dict]:
    """Replace every data-only sub-expression by a symbol; return the map expression → symbol."""
    data = set(data)
    found: dict = {}

    def visit(e):
        if e.is_Atom:
            return e
        if e.free_symbols <= data:
            if e not in found:
                found[e] = sympy.Dummy(f"h{len(found)}")
            return found[e]
        return e.func(*[visit(a) for a in e.args])

    return [visit(e) for e in exprs], found
