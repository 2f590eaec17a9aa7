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


class Said:
    """A message by catalogue key (symgrad.i18n.words) and values, worded when printed.

    The values fill ``{0}``, ``{1}`` … of the catalogue entry with ``str.format`` (so ``{0!r}``
    and ``{0:g}`` work); a formula or a parser position passed as a value stays verbatim.  A
    value that is one of the catalogue's terms (key ``term.<words>``, e.g. "the formula") is
    worded too, and a value that is itself a :class:`Said` is worded in the same language.

    >>> str(said("err.budget.time-budget-must-be", -1))
    'a time budget must be a positive number of seconds, not -1'
    >>> from symgrad.i18n.language import language
    >>> with language("zh"):
    ...     str(said("err.parsing.cannot-read", "the formula", "2x+", "?"))
    '无法读取公式 2x+：?'
    """

    def __init__(self, key: str, *values):
        self.key = key
        self.values = values

    def __str__(self) -> str:
        from .i18n.words import ENGLISH, catalogue

        try:
            words = catalogue()
            values = [_term(v, words) for v in self.values]
            return words.get(self.key, ENGLISH[self.key]).format(*values)
        except (KeyError, IndexError, ValueError):  # a bad language or entry: say it in English
            return ENGLISH[self.key].format(*self.values)

    def __repr__(self) -> str:
        return repr(str(self))

    def __reduce__(self):
        """Pickled (a budgeted child sends its exception back) with values that can be: one
        that cannot is sent as its printed forms, so the message survives the trip."""
        return (Said, (self.key, *map(_picklable, self.values)))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.key)

    def __contains__(self, part: str) -> bool:
        return part in str(self)

    def __add__(self, other) -> str:
        return str(self) + str(other)

    def __radd__(self, other) -> str:
        return str(other) + str(self)

    def __getattr__(self, name: str):
        """A str method (``startswith``, ``replace`` …) of the message as worded now."""
        if name.startswith("_") or not hasattr(str, name):
            raise AttributeError(name)
        return getattr(str(self), name)

    def __getitem__(self, index) -> str:
        return str(self)[index]

    def __len__(self) -> int:
        return len(str(self))


class _Shown:
    """A value that could not be pickled, as its str and repr (all a message needs)."""

    def __init__(self, value):
        self.text, self.shown = str(value), repr(value)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.shown

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)


def _picklable(value):
    import pickle

    if value is None or isinstance(value, (str, int, float, Said, _Shown)):
        return value
    try:
        pickle.dumps(value)
    except Exception:  # noqa: BLE001 - whatever stops pickling, the printed forms travel
        return _Shown(value)
    return value


def _term(value, words: dict):
    """``value``, worded in ``words`` if it is one of the catalogue's terms."""
    if isinstance(value, str) and type(value) is str:
        return words.get("term." + value, value)
    return value


def cat(*parts) -> Said:
    """The parts one after the other, each worded when the whole is printed ("" parts vanish).

    >>> from symgrad.i18n.language import language
    >>> message = cat(said("check.right"), said("check.note", "x"))
    >>> print(message)
    Right. Note: x
    >>> with language("zh"):
    ...     print(message)
    正确。 注意：x
    """
    parts = [p for p in parts if p is not None and (isinstance(p, Said) or str(p))]
    if not parts:
        return Said("said.cat", "", "")
    whole = parts[0] if isinstance(parts[0], Said) else Said("said.cat", parts[0], "")
    for part in parts[1:]:
        whole = Said("said.cat", whole, part)
    return whole


def said(key: str, *values) -> Said:
    """The message ``key`` of the catalogue with ``values``, worded when printed.

    >>> said("err.budget.positive-seconds", 2).key
    'err.budget.positive-seconds'
    """
    return Said(key, *values)


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
