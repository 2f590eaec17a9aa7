"""Compiling a loss for float descent: the step program and the model's own function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..calculus.scalar import Derivation
from ..codegen import numpy_function
from ..losses import Loss
from .fused import fused_program
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
            program = fused_program(derivation)
        else:
            program = lower(derivation)
        return cls(loss, program,
                   numpy_function([*loss.model.inputs, *derivation.wrt],
                                  list(loss.model.output_exprs)))
