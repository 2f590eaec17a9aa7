"""Values inside messages, phrases inside documents, and the one filling of a catalogue entry.

These hold no words and print nothing themselves: a :class:`Value` says what a value *is*
(a formula, an approximate number, a point) and the printers symgrad registers in
:data:`PRINTERS` show it; :class:`Words` is a phrase of a document, rendered by each format;
:func:`fill` puts values into an entry for messages and renderers alike.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["PRINTERS", "Value", "Words", "approx", "assignments", "coordinates", "fill",
           "formula", "nwords", "shown"]


@dataclass(frozen=True)
class Value:
    """A value inside a message (a formula, a number, a point) and how it is to be shown.

    A computing module says *what* it means — ``formula(expr)``, ``approx(number)``,
    ``coordinates({x: 3})``, ``assignments({x: 1, y: 2})`` — and symgrad's printers, which register
    themselves in :data:`PRINTERS` when symgrad is imported, decide how it looks.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> from symgrad.i18n.language import said
    >>> str(said("hint.constant-off", formula(x**2 - 1)))
    'the claimed answer is off by the constant x² − 1'
    >>> str(coordinates({x: sympy.Rational(1, 2)})), str(approx(sympy.sqrt(2)))
    ('x = 1/2', '√(2) ≈ 1.41421')
    """

    value: object
    kind: str = "math"

    def __str__(self) -> str:
        return shown(self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


#: kind → printer of a :class:`Value` ("math", "approx", "point", "assignments"); filled by
#: symgrad.render.printers.text.  A kind with no printer shows as ``str(value)``.
PRINTERS: dict[str, Callable[[object], str]] = {}


def shown(value):
    """``value`` as its printer shows it if it is a :class:`Value`, else unchanged.

    >>> shown(3), shown(Value(3, "no such kind"))
    (3, '3')
    """
    if isinstance(value, Value):
        return PRINTERS.get(value.kind, str)(value.value)
    return value


def formula(value) -> Value:
    """A formula or number in a message, shown by the Unicode printer (x², √2, −1/2)."""
    return Value(value, "math")


def approx(value) -> Value:
    """A number in a message, with its 6-digit approximation when it is not rational."""
    return Value(value, "approx")


def coordinates(mapping) -> Value:
    """A point in a message: ``x = 3`` or ``(x, y) = (−1/2, 1)``."""
    return Value(dict(mapping), "point")


def assignments(mapping) -> Value:
    """Variables and their values in a message: ``x = 1, y = 2``."""
    return Value(dict(mapping), "assignments")


@dataclass(frozen=True)
class Words:
    """A phrase of the catalogue in a document: ``key`` and the values filled into its ``{0}``,
    ``{1}`` … (a SymPy object is typeset as math, a str is plain words).

    >>> import sympy
    >>> Words("rule.chain", sympy.Eq(sympy.Symbol("u"), 2)).key
    'rule.chain'
    """

    key: str
    args: tuple = ()
    #: A message that varies with a count: the plural form's key and the count (``ngettext``).
    plural: str | None = field(default=None, repr=False)
    count: int | None = field(default=None, repr=False)

    def __init__(self, key: str, *args, plural: str | None = None, count: int | None = None):
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "args", args)
        object.__setattr__(self, "plural", plural)
        object.__setattr__(self, "count", count)


def nwords(key: str, plural: str, count: int, *args) -> Words:
    """A phrase whose words vary with ``count``: ``key`` in the singular, ``plural`` otherwise,
    as the language's plural rule says (``ngettext``; Chinese has one form).

    >>> w = nwords("kmeans.summary.iteration", "kmeans.summary.iterations", 3, 3)
    >>> w.key, w.plural, w.count, w.args
    ('kmeans.summary.iteration', 'kmeans.summary.iterations', 3, (3,))
    """
    return Words(key, *args, plural=plural, count=count)


_FORMATTER = string.Formatter()


def fill(template: str, values, *, show: Callable = str, literal: Callable = str) -> str:
    """``template`` with ``{0}``, ``{1}`` … filled: the one filling of a catalogue entry, for
    messages (:class:`Said`) and for every renderer of :class:`Words` alike.

    Each value is shown by ``show`` (a renderer: plain text, math in LaTeX, MathML), then its
    conversion and format spec apply (``{0!r}``, ``{0:g}``); the text between the placeholders
    passes through ``literal`` (a renderer's escaping).

    >>> fill("{0} is not a number: {1!r}", ["x", "abc"])
    "x is not a number: 'abc'"
    >>> fill("{0} of {1}", [1, 2], show=lambda v: f"<mn>{v}</mn>", literal=str.upper)
    '<mn>1</mn> OF <mn>2</mn>'
    """
    out = []
    for text, name, spec, conversion in _FORMATTER.parse(template):
        out.append(literal(text))
        if name is not None:
            value = _FORMATTER.convert_field(show(values[int(name)]), conversion)
            out.append(_FORMATTER.format_field(value, spec or ""))
    return "".join(out)
