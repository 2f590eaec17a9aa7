"""What stationary points say about a minimum, as catalogue phrases for the outline.

:func:`conclusion` and :func:`no_minimum_reason` are :class:`~symgrad.render.outline.Words`
that every renderer of the outline of :class:`~symgrad.analysis.extrema.Extrema` (its documents
and its terminal text, :func:`~symgrad.render.builders.explain.extrema_document`) words in
the language in force.
"""

from __future__ import annotations

import sympy

from ...analysis.periodic import least_value
from ...analysis.stationary import minimum_is_global, provably_no_minimum, quadratic
from ...i18n.keys import N_, TESTS
from ...i18n.language import phrase
from ...i18n.marked import Marked
from ..outline import Words
from ..printers.text import point_text, text


def point_math(point: dict) -> sympy.Eq:
    """The point as an equation, for a sentence that typesets it: x = 3, (x, y) = (1, 2).

    >>> x, y = sympy.symbols("x y")
    >>> text(point_math({x: 1, y: 2}))
    '(x, y) = (1, 2)'
    """
    if len(point) == 1:
        ((k, v),) = point.items()
        return sympy.Eq(k, v, evaluate=False)
    return sympy.Eq(sympy.Tuple(*point), sympy.Tuple(*point.values()), evaluate=False)


def conclusion(e) -> Words:
    """What the points say about a minimum of f, as a catalogue phrase.

    >>> from symgrad import explain_minimum
    >>> from symgrad.render.printers.text import words
    >>> words(conclusion(explain_minimum("x**2 - 2*x")))
    'The least value of f is −1, at x = 1.'
    """
    periodic = least_value(e)
    if periodic is not None:  # the least value of one period, repeating with it
        value, at = periodic
        n = sympy.Symbol("n", integer=True)
        family = [sympy.Eq(x, v + e.period * n, evaluate=False)
                  for point in at for x, v in point.items()]
        return Words("extrema.least-periodic", sympy.Symbol("f"), value, family, e.period)
    minima = [p for p in e.points if p.kind == "minimum"]
    if len(minima) == 1 and minimum_is_global(e):
        p = minima[0]
        return Words("extrema.least", sympy.Symbol("f"), p.value, point_math(p.point))
    if minima:
        where = (" " + phrase("and") + " ").join(f"{point_text(p.point)} (f = {text(p.value)})"
                                                 for p in minima)
        # two sentences, not one with plural forms: in Chinese too "it" and "which of them" differ
        return (Words("extrema.local", where) if len(minima) == 1
                else Words("extrema.local-many", where))
    if provably_no_minimum(e):
        return Words("extrema.no-minimum", no_minimum_reason(e))
    if e.complete:
        return Words("extrema.undecided")
    return Words("extrema.incomplete")


#: A kind of stationary point → its plural ("its stationary points are all maxima").
_PLURALS = {"maximum": N_("plural.maximum"), "saddle": N_("plural.saddle"),
            "inflection": N_("plural.inflection")}


def no_minimum_reason(e) -> Words:
    """Why f has no minimum: no stationary point, or none of them is one (and, for a
    quadratic, that it is unbounded below)."""
    if e.convex:
        return Words("extrema.unbounded-convex")
    if not e.points:
        reason = Words("extrema.no-point")
    elif len(e.points) == 1:
        p = e.points[0]
        kind = Words(TESTS[p.kind]) if p.kind in ("maximum", "saddle") else \
            Words("kind.inflection")
        reason = Words("extrema.only-point", Marked(f"${point_text(p.point)}$"), kind)
    else:
        kinds = sorted({"maximum" if p.kind == "maximum" else "saddle" if p.kind == "saddle"
                        else "inflection" for p in e.points})
        reason = Words("extrema.all-kinds", (" " + phrase("or") + " ").join(
            phrase(_PLURALS[k]) for k in kinds))
    if quadratic(e):
        return Words("extrema.and-unbounded", reason)
    return reason
