r"""Where is a function smallest? Stationary points, their classification, and descent traces.

:func:`explain_minimum` (one variable) and :func:`stationary_points` (several) solve
f′ = 0 or ∇f = 0 *exactly* and classify each solution (second-derivative or Hessian test);
when the equations cannot be solved in closed form, or have infinitely many solutions,
they say so instead of guessing.  Descent traces live in :mod:`symgrad.analysis.trace`.

>>> print(explain_minimum("2x^2 - 12x + 20").points[0])
x = 3: minimum, f = 2
"""

from __future__ import annotations

import sympy
from sympy import Expr, Symbol

from ..calculus.derive import derive
from ..errors import said
from ..i18n.keys import N_
from ..i18n.language import Words, assignments, formula
from ..parsing.core import parse, symbol, symbols
from ..runtime.budget import describe, within_budget
from . import extrema_cases as cases
from . import periodic
from .classify import hessian_test, nth_derivative_test, sign_change_test, sign_of
from .extrema import Extrema, StationaryPoint
from .periodic import smooth_everywhere

__all__ = [
    "Extrema",
    "StationaryPoint",
    "explain_minimum",
    "stationary_points",
]


_TRIG = (sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc)


# --------------------------------------------------------------------------- reading input


def read_expr(value) -> Expr:
    """The function to analyse, read by the safe parser.

    >>> read_expr("2x^2 - 12x + 20")
    2*x**2 - 12*x + 20
    """
    return parse(value, what="the function")


def _read_wrt(wrt) -> tuple[Symbol, ...]:
    if isinstance(wrt, Symbol):
        return (symbol(wrt),)
    return symbols(wrt)


def _check_variables(expr: Expr, wrt: tuple[Symbol, ...]) -> None:
    others = sorted(s.name for s in expr.free_symbols - set(wrt))
    if others:
        raise ValueError(
            said("err.analysis.f-also-depends-on-one", formula(expr), others[0])
            if len(others) == 1 else  # "it"/"them" differ in Chinese too: two sentences
            said("err.analysis.f-also-depends-on-many", formula(expr), ", ".join(others))
        )


# --------------------------------------------------------------------------- solving


def _solve_one(derivative: Expr, x: Symbol) -> tuple[list[dict], str | None]:
    """Real solutions of f′(x) = 0 as points, or a note saying why they cannot be listed."""
    if derivative == 0:
        return [], said("note.constant-1")
    try:
        found = sympy.solveset(derivative, x, sympy.S.Reals)
    except NotImplementedError:
        return [], said("note.no-closed-form", "f′(x) = 0")
    if isinstance(found, sympy.FiniteSet):
        return [{x: v} for v in sorted(found, key=sympy.default_sort_key)], None
    if found is sympy.S.EmptySet:
        return [], None
    if isinstance(found, sympy.ConditionSet):
        return [], said("note.no-closed-form", "f′(x) = 0")
    if isinstance(found, sympy.Interval):
        return [], said("note.constant-on", str(found))
    if found.has(sympy.ImageSet):
        return [], said("note.periodic-1", _periodic_text(found, x))
    return [], said("note.not-finite", str(found))


def _periodic_text(found: sympy.Set, x: Symbol) -> str:
    parts = found.args if isinstance(found, sympy.Union) else (found,)
    n = Symbol("n", integer=True)
    shown = [
        said("said.equals", formula(x), formula(p.lamda.expr.xreplace({p.lamda.variables[0]: n})))
        if isinstance(p, sympy.ImageSet) and len(p.lamda.variables) == 1 else str(p)
        for p in parts
    ]
    alternatives = _joined(N_("said.or"), shown)
    return said("note.any-integer", alternatives)


def _joined(key: str, parts: list):
    """The parts joined by the catalogue's ``key`` ("{0}; {1}"), or None if there are none."""
    whole = parts[0] if parts else None
    for part in parts[1:]:
        whole = said(key, whole, part)
    return whole


def _solve_many(gradient: list[Expr], wrt: tuple[Symbol, ...]) -> tuple[list[dict], str | None]:
    """Real isolated solutions of ∇f = 0, and a note on what is missing from them."""
    try:
        found = sympy.solve(gradient, wrt, dict=True)
    except NotImplementedError:
        return [], said("note.no-closed-form", "∇f = 0")
    notes, points = [], []
    for solution in found:
        if set(solution) != set(wrt) or any(v.free_symbols for v in solution.values()):
            family = assignments(solution) if solution else None
            notes.append(said("note.family", family or said("note.every-point")))
        elif all(_is_real(v) for v in solution.values()) and _solves(gradient, solution):
            points.append({v: solution[v] for v in wrt})
    if not found and all(g == 0 for g in gradient):
        notes.append(said("note.constant-n"))
    if any(g.has(*_TRIG) for g in gradient):
        notes.append(said("note.periodic-n"))
    return points, _joined(N_("said.semicolon"), notes)


def _is_real(v: Expr) -> bool:
    if v.is_real is not None:
        return bool(v.is_real)
    return sign_of(sympy.im(v)) == 0


def _solves(gradient: list[Expr], solution: dict) -> bool:
    # solve can return spurious roots (e.g. after clearing denominators); keep what checks out.
    return all(sign_of(g.xreplace(solution)) in (0, None) for g in gradient)


# --------------------------------------------------------------------------- public: extrema


def explain_minimum(expr, wrt=None, *, timeout=None) -> Extrema:
    """Minimise a function of one variable: f′ with its steps, f′ = 0 solved, each point tested.

    ``wrt`` defaults to the only free symbol.  A point where f″ = 0 goes on to higher
    derivatives: the first non-zero one of even order decides minimum or maximum; odd order
    is a point of inflection, reported as "degenerate".

    >>> e = explain_minimum("2x^2 - 12x + 20")
    >>> e.derivation.gradient, [(p.point, p.value, p.kind) for p in e.points]
    ({x: 4*x - 12}, [({x: 3}, 2, 'minimum')])
    >>> explain_minimum("x**3").points[0].kind
    'degenerate'

    ``timeout`` bounds the work as in :func:`~symgrad.calculus.derive`; past it, TooExpensive.
    """
    return within_budget(_explain_minimum, expr, wrt, budget=timeout,
                         what=describe("finding the minimum of", expr))


def _explain_minimum(expr, wrt) -> Extrema:
    f = read_expr(expr)
    if wrt is None:
        free = sorted(f.free_symbols, key=lambda s: s.name)
        if len(free) != 1:
            names = ", ".join(s.name for s in free) or "no variable"
            raise ValueError(said('err.analysis.f-has-pass-wrt', formula(f), names))
        wrt = free
    variables = _read_wrt(wrt)
    if len(variables) != 1:
        raise ValueError(said('err.analysis.explain-minimum-takes-one', len(variables)))
    _check_variables(f, variables)
    return _extrema_one(f, variables[0])


def _extrema_one(f: Expr, x: Symbol) -> Extrema:
    derivation = derive(f, [x])
    first = derivation.gradient[x]
    shape = cases.abs_sum(f, x)
    if shape is not None:  # convex and piecewise linear: decided by the slopes at the kinks
        least, note = cases.abs_sum_minimum(f, x, *shape)
        points = [] if least is None else [StationaryPoint(
            {x: least}, f.xreplace({x: least}), "minimum", sympy.S.Zero,
            Words("reason.convex-kink"))]
        return Extrema(f, (x,), derivation, points, note, True, convex=True)
    roots = cases.isolated_roots(first, x)
    if roots is not None:  # a polynomial f′ of high degree: its real roots isolated
        points = [sign_change_test(f, x, first, *root) for root in roots]
        return _finish(f, (x,), derivation, points, None)
    if first.has(*_TRIG):  # periodic: one period holds every stationary point
        found = periodic.periodic_points(
            f, x, first, lambda p: nth_derivative_test(f, x, first, p))
        if found is not None:
            period, points = found
            return Extrema(f, (x,), derivation, points,
                           periodic.periodic_note(formula(period)),
                           True, period=period)
    solutions, note = _solve_one(first, x)
    points = [nth_derivative_test(f, x, first, p) for p in solutions]
    return _finish(f, (x,), derivation, points, note)



def _finish(f, wrt, derivation, points, note) -> Extrema:
    complete = note is None
    if derivation.caveats:
        caveat = "; ".join(derivation.caveats)
        note = _joined(N_("said.semicolon"), [n for n in (note, said("note.caveat", caveat)) if n])
        complete = False
    if not points and complete:
        note = said("note.no-solution", "f′(x)" if len(wrt) == 1 else "∇f")
    return Extrema(f, tuple(wrt), derivation, points, note, complete)


def stationary_points(expr, wrt=None, *, timeout=None) -> Extrema:
    """Solve ∇f = 0 exactly and classify each point by its Hessian.

    ``wrt`` defaults to every free symbol, sorted by name.  Positive definite Hessian:
    minimum; negative definite: maximum; indefinite: saddle; singular: degenerate.  With one
    variable this is :func:`explain_minimum`.

    >>> e = stationary_points("2*x**2 + 2*y + 4*x*y")
    >>> [(p.point, p.kind) for p in e.points], e.has_minimum
    ([({x: -1/2, y: 1/2}, 'saddle')], False)
    >>> stationary_points("(x - y)**2").note.startswith("∇f = 0 has infinitely many solutions")
    True

    ``timeout`` bounds the work as in :func:`~symgrad.calculus.derive`; past it, TooExpensive.
    """
    return within_budget(_stationary_points, expr, wrt, budget=timeout,
                         what=describe("finding the stationary points of", expr))


def _stationary_points(expr, wrt) -> Extrema:
    f = read_expr(expr)
    variables = tuple(sorted(f.free_symbols, key=lambda s: s.name)) if wrt is None \
        else _read_wrt(wrt)
    if not variables:
        raise ValueError(said('err.analysis.f-has-no-variable', formula(f)))
    _check_variables(f, variables)
    if len(variables) == 1:
        return _extrema_one(f, variables[0])
    derivation = derive(f, variables)
    gradient = [derivation.gradient[v] for v in variables]
    solutions, note = _solve_many(gradient, variables)
    hessian = sympy.Matrix([[sympy.diff(g, v) for v in variables] for g in gradient])
    points = [hessian_test(f, hessian, p) for p in solutions]
    return _finish(f, variables, derivation, points, note)


# --------------------------------------------------------------------------- what the points say


def minimum_is_global(e: Extrema) -> bool:
    """A lone minimum is the least value: of a smooth f on ℝ, or of a quadratic polynomial."""
    if e.convex and e.complete and len(e.points) == 1:  # convex: a local minimum is the least
        return True
    if not (e.complete and len(e.points) == 1 and smooth_everywhere(e.expr)):
        return False
    return len(e.wrt) == 1 or quadratic(e)


def provably_no_minimum(e: Extrema) -> bool:
    # A minimum of an everywhere-smooth f on ℝⁿ is a stationary point; with the complete list
    # of stationary points in hand and none a minimum or undecided, there is none.
    if e.convex:
        return e.complete and not e.points
    return (e.complete and smooth_everywhere(e.expr)
            and all(_not_minimum(p) for p in e.points))


def _not_minimum(p: StationaryPoint) -> bool:
    return p.kind in ("maximum", "saddle") or (p.order is not None and p.order % 2 == 1)


def quadratic(e: Extrema) -> bool:
    return e.expr.is_polynomial(*e.wrt) and sympy.Poly(e.expr, *e.wrt).total_degree() <= 2
