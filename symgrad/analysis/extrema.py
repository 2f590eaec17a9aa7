"""What :func:`~symgrad.explain_minimum` and :func:`~symgrad.stationary_points` return.

A :class:`StationaryPoint` is a solution of ∇f = 0 with its classification; its ``reason`` is
the test in words, kept as a catalogue phrase (key and values) so that it reads in the
language in force when it is printed.  :class:`Extrema` holds all of them; how they read is
the renderers' business (the outline of :mod:`symgrad.render.builders.explain`, which the
terminal and every document render).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy import Expr, Symbol

from ..calculus.scalar import Derivation
from ..errors import Said
from ..i18n.keys import KINDS, TESTS
from ..i18n.language import Words, coordinates, formula, said
from ..views import Explainable, view

__all__ = ["Extrema", "StationaryPoint"]


@dataclass(frozen=True)
class StationaryPoint:
    """A solution of ∇f = 0 with its classification.

    ``point`` maps each variable to its exact value, ``value`` is f there, ``kind`` one of
    "minimum", "maximum", "saddle", "degenerate".  ``hessian`` is the Hessian Matrix at the
    point (several variables) or the second derivative there (one variable); ``reason``
    states the test: a catalogue phrase, printed in the current language by :meth:`why`.

    >>> from symgrad import explain_minimum
    >>> p = explain_minimum("-x**2 + 4*x").points[0]
    >>> p.point, p.value, p.kind, p.hessian
    ({x: 2}, 4, 'maximum', -2)
    >>> p.why()
    'f″(2) = −2 < 0  ⇒  maximum'
    """

    point: dict[Symbol, Expr]
    value: Expr
    kind: str
    hessian: sympy.Matrix | Expr
    reason: Words | None = None
    order: int | None = None

    def why(self, lang: str | None = None) -> str:
        """The test that classified the point, in words (``lang``: default the current one)."""
        return view(self, "reason", lang)

    def summary(self) -> Said:
        """One line: the point, its kind and the value of f there, as a catalogue message.

        >>> from symgrad import explain_minimum
        >>> str(explain_minimum("x**2 - 2*x").points[0].summary())
        'x = 1: minimum, f = −1'
        """
        kind = said(TESTS[self.kind] if self.kind in TESTS else KINDS[self.kind])
        return said("text.point-summary", coordinates(self.point), kind, formula(self.value))

    def __str__(self) -> str:
        return str(self.summary())


@dataclass(frozen=True)
class Extrema(Explainable):
    """The stationary points of ``expr`` in the variables ``wrt``, found and classified.

    ``derivation`` holds the derivative(s) with their rule steps; ``points`` the real
    solutions of ∇f = 0; ``note`` says what could not be done (no closed form, infinitely
    many solutions, points where f has no derivative) or that there is no stationary point: a
    :class:`~symgrad.errors.Said`, worded in the language in force when it is printed.

    >>> from symgrad import stationary_points
    >>> e = stationary_points("2*x**2 + y**2 + 3")
    >>> [(p.point, p.value, p.kind) for p in e.points], e.has_minimum
    ([({x: 0, y: 0}, 3, 'minimum')], True)
    """

    expr: Expr
    wrt: tuple[Symbol, ...]
    derivation: Derivation
    points: list[StationaryPoint]
    note: Said | None = None
    complete: bool = field(default=True, repr=False)
    convex: bool = field(default=False, repr=False)
    #: The period T of a periodic f (its points are then those of one period, [0, T)).
    period: Expr | None = field(default=None, repr=False)

    @property
    def has_minimum(self) -> bool:
        """Whether some stationary point is shown to be a (local) minimum.

        >>> from symgrad import stationary_points
        >>> stationary_points("2*x**2 + 2*y + 4*x*y").has_minimum
        False
        """
        return any(p.kind == "minimum" for p in self.points)
