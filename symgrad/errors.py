"""The exceptions symgrad raises on purpose: each says what was wrong and what was expected.

A message is a :class:`Said`: a catalogue key and its values, worded in the language in force
when it is printed (``str(e)``), so ``--lang zh`` / ``SYMGRAD_LANG=zh`` give Chinese errors
while the English default is unchanged.

>>> from symgrad.i18n.language import language
>>> e = ParseError(said("err.parsing.divides-by-zero", "1/0"))
>>> print(e)
1/0 divides by zero
>>> with language("zh"):
...     print(e)
1/0 除以零
"""
from __future__ import annotations

from .i18n.language import Said, cat, said

__all__ = ["DivergenceError", "NumericError", "ParseError", "Said", "TooExpensive",
           "UsageError", "cat", "said"]


class ParseError(ValueError):
    """Text that symgrad cannot read as a formula (or refuses to, for safety).

    >>> issubclass(ParseError, ValueError)
    True
    """


class UsageError(ValueError):
    """A command line that cannot be carried out; ``symgrad`` prints its message and exits 2.

    >>> issubclass(UsageError, ValueError)
    True
    """


class DivergenceError(ArithmeticError):
    """Gradient descent whose loss became non-finite or exploded.

    ``step`` is the step at which it was noticed and ``loss`` the value seen there.

    >>> e = DivergenceError("loss is inf", step=3, loss=float("inf"))
    >>> (e.step, str(e))
    (3, 'loss is inf')
    """

    def __init__(self, message: str, *, step: int, loss: float):
        super().__init__(message)
        self.step = step
        self.loss = loss

    def __reduce__(self):  # sent back whole from a budgeted child
        return (_diverged, (self.args[0], self.step, self.loss))


def _diverged(message, step, loss):
    return DivergenceError(message, step=step, loss=loss)


class NumericError(ValueError, ArithmeticError):
    """A value that is not a number (NaN, inf) during training, traced to its cause.

    >>> issubclass(NumericError, ValueError)
    True
    """


class TooExpensive(ArithmeticError):
    """An operation that did not finish within its time or memory budget: undecided, not wrong.

    >>> str(TooExpensive("checking this answer", 5))
    'undecided: checking this answer is too expensive to decide within 5 s'
    >>> str(TooExpensive("deriving", 5, memory_mb=2048))
    'undecided: deriving is too expensive to decide within 2048 MiB of memory'
    >>> str(TooExpensive("deriving", 5, reason="it is nested too deeply"))
    'undecided: deriving is too expensive to decide: it is nested too deeply'
    """

    def __init__(self, what: str, seconds: float, *, memory_mb: float | None = None,
                 reason: str | None = None):
        if reason:
            message = said("err.too-expensive.reason", what, reason)
        elif memory_mb is not None:
            message = said("err.too-expensive.memory", what, memory_mb)
        else:
            message = said("err.too-expensive.seconds", what, seconds)
        super().__init__(message)
        self.what = what
        self.seconds = seconds
        self.memory_mb = memory_mb
        self.reason = reason

    def __reduce__(self):
        return (_too_expensive, (self.what, self.seconds, self.memory_mb, self.reason))


def _too_expensive(what, seconds, memory_mb, reason=None):
    return TooExpensive(what, seconds, memory_mb=memory_mb, reason=reason)
