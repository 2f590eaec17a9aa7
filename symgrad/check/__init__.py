r"""The homework checker: is a derivative, a gradient, a loss or a descent step right?

A verdict must be trustworthy, so equality is decided exactly and never by floating point:
a wrong answer gets a counterexample at an exact point, a right one a proof (see
:mod:`symgrad.check.equality`); with neither, ``Verdict.ok`` is None and the message says so:
an answer is never called right because it merely agrees at a few points.  Numbers typed in
an answer are exact (1e-13 is 10⁻¹³), so 3x² + 1e-13 is not 3x².  An answer that restates the
question (d/dx …) is not an answer; paper notation (2xy) is read and the reading stated.
Every check runs under a time budget (default 5 s): past it the verdict is undecided.

The package: ``verdict`` (the result), ``equality`` (deciding), ``hints`` (naming slips),
``reading`` (answers as written), ``core`` (what the checks share) and one module per kind of
check (``derivative``, ``loss``, ``step``).

>>> v = check_derivative("2x^2 - 12x + 20", "x", "4x + 12")
>>> v.ok, v.hint
(False, 'constant')
>>> v.counterexample.point, v.counterexample.expected, v.counterexample.claimed
({x: 1}, -8, 16)
>>> check_derivative("2x^2 - 12x + 20", "x", "4(x - 3)").ok
True
"""

from .core import DEFAULT_TIMEOUT
from .derivative import check_derivation, check_derivative, decide
from .equality import compare as _compare  # noqa: F401 - the tests reach it directly
from .loss import check_gradient, check_loss
from .step import check_step
from .verdict import Counterexample, Verdict

__all__ = [
    "DEFAULT_TIMEOUT",
    "Counterexample",
    "Verdict",
    "check_derivation",
    "check_derivative",
    "check_gradient",
    "check_loss",
    "check_step",
    "decide",
]
