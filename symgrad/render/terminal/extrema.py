"""Stationary points in terminal text, and the sentences they end with, in the catalogue's words.

:func:`extrema_text` prints an :class:`~symgrad.analysis.extrema.Extrema` as the CLI shows it: f and its
derivatives rule by rule, the equations solved, each point with its test, the conclusion.
:func:`conclusion` and :func:`no_minimum_reason` say what the points mean as catalogue phrases
(:class:`~symgrad.render.outline.Words`), which the LaTeX documents typeset too.
"""

from __future__ import annotations

import sympy

from ...i18n.keys import N_, TESTS
from ...i18n.language import language, phrase
from ...i18n.marked import Marked
from ..outline import Words
from ..printers.text import point_text, text, words
from ..printers.text import steps as text_steps


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


def point_reason(p, lang: str | None = None) -> str:
    """A point's test in words, in ``lang`` (default: the language in force).

    >>> from symgrad import explain_minimum
    >>> point_reason(explain_minimum("x**3").points[0])[:40]
    'f″(0) = 0, f‴(0) = 6  ⇒  degenerate: the'
    """
    if p.reason is None:
        return ""
    with language(lang):
        return words(p.reason)


def point_summary(p) -> str:
    """One line: the point, its kind and the value of f there."""
    return phrase("text.point-summary").format(point_text(p.point), p.kind, text(p.value))


def extrema_text(e) -> str:
    """The lines the CLI prints for stationary points (see :meth:`Extrema.text`)."""
    lines = _derivative_lines(e) + _equation_lines(e)
    for p in e.points:
        at = ", ".join(text(v) for v in p.point.values())
        lines.append(phrase("text.point-line").format(point_text(p.point), point_reason(p),
                                                     f"f({at}) = {text(p.value)}"))
    if e.note:
        lines.append(phrase("extrema.note").format(e.note))
    lines.append(words(conclusion(e)))
    return "\n".join(lines)


def _signature(e) -> str:
    return ", ".join(text(v) for v in e.wrt)


def _derivative_lines(e) -> list[str]:
    args = _signature(e)
    lines = [f"f({args}) = {text(e.expr)}"]
    for v in e.wrt:
        g = e.derivation.gradient[v]
        (step,) = e.derivation.steps[v][:1]
        name = f"f′({args})" if len(e.wrt) == 1 else f"∂f/∂{v}"
        lines.append(f"{name} = {text(g)}")
        lines.extend(text_steps(step, depth=1, partial=len(e.wrt) > 1))
    return lines


def _equation_lines(e) -> list[str]:
    gradient = [e.derivation.gradient[v] for v in e.wrt]
    answer = _answer(e)
    if len(e.wrt) == 1:
        (g,) = gradient
        solve = phrase("text.solve").format(f"f′({_signature(e)}) = 0")
        return [f"{solve}  {text(g)} = 0{answer}"]
    return [phrase("text.solve").format("∇f = 0"), *(f"  {text(g)} = 0" for g in gradient),
            f"  {answer.strip()}" if answer else "  (" + phrase("extrema.see-note") + ")"]


def _answer(e) -> str:
    if e.convex:  # its minimum is at a kink, where f′ does not exist: not a solution of f′ = 0
        return "  (" + phrase("extrema.piecewise-linear") + ")"
    if not e.points:
        return "  (" + phrase("extrema.no-real") + ")" if e.complete else ""
    return "  ⇒  " + ("  " + phrase("or") + "  ").join(point_text(p.point) for p in e.points)


def conclusion(e) -> Words:
    """What the points say about a minimum of f, as a catalogue phrase.

    >>> from symgrad import explain_minimum
    >>> words(conclusion(explain_minimum("x**2 - 2*x")))
    'The least value of f is −1, at x = 1.'
    """
    from ...analysis.periodic import least_value
    from ...analysis.stationary import minimum_is_global, provably_no_minimum

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
    from ...analysis.stationary import quadratic

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
