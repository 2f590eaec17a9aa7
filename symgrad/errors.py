"""The exceptions symgrad raises on purpose: each says what was wrong and what was expected."""


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
