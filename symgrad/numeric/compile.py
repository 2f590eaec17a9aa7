"""Compiling a loss for float descent: the step program and the model's own function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from ..derive import Derivation
from ..functions import sigmoid
from ..losses import Loss
from .codegen import numpy_function
from .lower import Program, lower


@dataclass(frozen=True)
class Compiled:
    """What float descent runs for one loss: one step function (J and every gradient from one
    shared forward pass, see :mod:`.lower`) and the model's outputs for prediction.

    >>> import numpy as np
    >>> from symgrad import Model, mse, derive
    >>> c = Compiled.of(derive(mse(Model("w*x**3", inputs="x"))))
    >>> args = c.program.prepare([np.array([1.0, 2.0]), np.array([2.0, 4.0])])
    >>> J, g = c.program.step(np.array([0.0]), *args)
    >>> float(J), g.tolist()
    (5.0, [-17.0])
    """

    loss: Loss
    program: Program
    model: Callable

    @classmethod
    def of(cls, derivation: Derivation, backend: str = "numpy") -> Compiled:
        """Compile a loss derivation for a backend (numpy, or numba's fused loops)."""
        loss = derivation.loss
        if backend == "numba":
            from .fused import fused_program

            program = fused_program(derivation)
        else:
            program = lower(derivation)
        return cls(loss, program,
                   numpy_function([*loss.model.inputs, *derivation.wrt],
                                  list(loss.model.output_exprs)))


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


def stable_logs(expr: sympy.Expr) -> sympy.Expr:
    """log σ(u) → −softplus(−u) and log(1 − σ(u)) → −softplus(u): equal, and finite in floats.

    σ(40) rounds to 1.0, so log(1 − σ(40)) would be log 0 and 0·log 0 a NaN; the softplus
    form gives −40, the true value.

    >>> from symgrad import parse
    >>> stable_logs(parse("-y*log(sigmoid(w)) - (1 - y)*log(1 - sigmoid(w))"))
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
