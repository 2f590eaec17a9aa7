"""The exceptions symgrad raises on purpose: each says what was wrong and what was expected."""
from __future__ import annotations


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
        limit = f"{memory_mb:g} MiB of memory" if memory_mb is not None else f"{seconds:g} s"
        tail = f": {reason}" if reason else f" within {limit}"
        super().__init__(f"undecided: {what} is too expensive to decide{tail}")
        self.what = what
        self.seconds = seconds
        self.memory_mb = memory_mb
        self.reason = reason

    def __reduce__(self):
        return (_too_expensive, (self.what, self.seconds, self.memory_mb, self.reason))


def _too_expensive(what, seconds, memory_mb, reason=None):
    return TooExpensive(what, seconds, memory_mb=memory_mb, reason=reason)
