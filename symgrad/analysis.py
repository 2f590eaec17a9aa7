r"""Where is a function smallest? Stationary points, their classification, and descent traces.

:func:`explain_minimum` (one variable) and :func:`stationary_points` (several) solve
f′ = 0 or ∇f = 0 *exactly* and classify each solution (second-derivative or Hessian test);
when the equations cannot be solved in closed form, or have infinitely many solutions,
they say so instead of guessing.  Descent traces live in :mod:`symgrad.trace`.

>>> print(explain_minimum("2x^2 - 12x + 20").points[0])
x = 3: minimum, f = 2
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

import sympy
from sympy import Expr, Symbol

from .budget import describe, within_budget
from .derive import Derivation, derive
from .errors import said
from .functions import sigmoid
from .parsing import parse, symbol, symbols
from .render.document import Explainable
from .render.text import steps as text_steps
from .render.text import text as expr_text
from .render.words import phrase

__all__ = [
    "Extrema",
    "StationaryPoint",
    "explain_minimum",
    "stationary_points",
]

#: The highest derivative the one-variable test looks at before calling a point degenerate.
MAX_ORDER = 12

_PRIMES = {1: "′", 2: "″", 3: "‴"}
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Functions smooth on all of ℝ: a minimum of a formula built only from these is a stationary point.
_SMOOTH_FUNCTIONS = (sympy.exp, sympy.sin, sympy.cos, sympy.tanh, sigmoid)
_TRIG = (sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class StationaryPoint:
    """A solution of ∇f = 0 with its classification.

    ``point`` maps each variable to its exact value, ``value`` is f there, ``kind`` one of
    "minimum", "maximum", "saddle", "degenerate".  ``hessian`` is the Hessian Matrix at the
    point (several variables) or the second derivative there (one variable); ``reason``
    states the test in words.

    >>> p = explain_minimum("-x**2 + 4*x").points[0]
    >>> p.point, p.value, p.kind, p.hessian
    ({x: 2}, 4, 'maximum', -2)
    """

    point: dict[Symbol, Expr]
    value: Expr
    kind: str
    hessian: sympy.Matrix | Expr
    reason: str = ""
    order: int | None = None

    def __str__(self) -> str:
        return f"{_point_text(self.point)}: {self.kind}, f = {expr_text(self.value)}"


@dataclass(frozen=True)
class Extrema(Explainable):
    """The stationary points of ``expr`` in the variables ``wrt``, found and classified.

    ``derivation`` holds the derivative(s) with their rule steps; ``points`` the real
    solutions of ∇f = 0; ``note`` says what could not be done (no closed form, infinitely
    many solutions, points where f has no derivative) or that there is no stationary point.

    >>> e = stationary_points("2*x**2 + y**2 + 3")
    >>> [(p.point, p.value, p.kind) for p in e.points], e.has_minimum
    ([({x: 0, y: 0}, 3, 'minimum')], True)
    """

    expr: Expr
    wrt: tuple[Symbol, ...]
    derivation: Derivation
    points: list[StationaryPoint]
    note: str | None = None
    complete: bool = field(default=True, repr=False)
    convex: bool = field(default=False, repr=False)

    @property
    def has_minimum(self) -> bool:
        """Whether some stationary point is shown to be a (local) minimum.

        >>> stationary_points("2*x**2 + 2*y + 4*x*y").has_minimum
        False
        """
        return any(p.kind == "minimum" for p in self.points)

    def text(self) -> str:
        """Readable Unicode: derivative(s) with steps, the equations solved, each point's test.

        >>> print(explain_minimum("x**2 + 1").text())
        f(x) = x² + 1
        f′(x) = 2·x
          d/dx[x² + 1] = 2·x   sum rule
            d/dx[x²] = 2·x   power rule
            d/dx[1] = 0   constant rule
        Solve f′(x) = 0:  2·x = 0  ⇒  x = 0
        x = 0:  f″(0) = 2 > 0  ⇒  minimum;  f(0) = 1
        The least value of f is 1, at x = 0.
        """
        return "\n".join(_extrema_lines(self, _TEXT))

    def latex(self) -> str:
        r"""An amsmath ``align*`` body: every displayed row of the document, notes after ``&&``.
        """
        return self._repr_latex_()[len("$$\\begin{aligned}\n"):-len("\n\\end{aligned}$$")]

    def document(self):
        """The outline that to_latex, to_beamer and to_markdown render."""
        from .render.explain import extrema_document

        return extrema_document(self)

    def __str__(self) -> str:
        return self.text()


# --------------------------------------------------------------------------- reading input


def _read_expr(value) -> Expr:
    return parse(value, what="the function")


def _read_wrt(wrt) -> tuple[Symbol, ...]:
    if isinstance(wrt, Symbol):
        return (symbol(wrt),)
    return symbols(wrt)


def _check_variables(expr: Expr, wrt: tuple[Symbol, ...]) -> None:
    others = sorted(s.name for s in expr.free_symbols - set(wrt))
    if others:
        raise ValueError(
            said("err.analysis.f-also-depends-on-" + ("one" if len(others) == 1 else "many"),
                 expr_text(expr), ", ".join(others))
        )


# --------------------------------------------------------------------------- exact helpers


def _simplify(e: Expr) -> Expr:
    e = sympy.sympify(e)
    if e.is_Rational or sympy.count_ops(e) > 60:
        return e
    return sympy.simplify(e)


def _is_plain_number(e: Expr) -> bool:
    return bool(e.is_number) and not e.has(
        sympy.nan, sympy.zoo, sympy.oo, -sympy.oo, sympy.DiracDelta, sympy.I
    )


def _sign(e: Expr) -> int | None:
    """The sign of an exact real number, or None when it cannot be decided."""
    e = _simplify(e)
    if not _is_plain_number(e):
        return None
    for test, answer in ((e.is_zero, 0), (e.is_positive, 1), (e.is_negative, -1)):
        if test:
            return answer
    approx = e.evalf(60)
    if approx.is_Float and abs(approx) > 1e-40:
        return 1 if approx > 0 else -1
    return 0 if e.equals(0) else None


def _at(e: Expr, point: dict[Symbol, Expr]) -> Expr:
    return _simplify(e.xreplace(point))


# --------------------------------------------------------------------------- classification


def _nth_derivative_test(f: Expr, x: Symbol, first: Expr, point: dict) -> StationaryPoint:
    """Second-derivative test, going on to higher derivatives while they vanish."""
    value = _at(f, point)
    derivative = first
    second = None
    shown = []
    for n in range(2, MAX_ORDER + 1):
        derivative = sympy.diff(derivative, x)
        d = _at(derivative, point)
        second = d if second is None else second
        sign = _sign(d)
        shown.append(f"{_derivative_name(n)}({expr_text(point[x])}) = {expr_text(d)}")
        if sign is None:
            why = (f"the sign of {shown[-1]} cannot be decided (f may not be "
                   f"{n} times differentiable here)")
            return StationaryPoint(point, value, "degenerate", second, _test(shown, why))
        if sign == 0:
            continue
        if n % 2:
            why = (f"the first non-zero derivative has odd order {n}: a point of "
                   "inflection, neither a minimum nor a maximum")
            return StationaryPoint(point, value, "degenerate", second, _test(shown, why), n)
        kind = "minimum" if sign > 0 else "maximum"
        why = f"{'> 0' if sign > 0 else '< 0'}  ⇒  {phrase(f'test.{kind}')}"
        if n > 2:
            why += f" (the first non-zero derivative has even order {n})"
        return StationaryPoint(point, value, kind, second, f"{', '.join(shown)} {why}", n)
    why = f"every derivative up to order {MAX_ORDER} vanishes; the test is inconclusive"
    return StationaryPoint(point, value, "degenerate", second, _test(shown, why))


def _test(shown: list[str], why: str) -> str:
    return f"{', '.join(shown)}  ⇒  degenerate: {why}"


def _derivative_name(n: int) -> str:
    return "f" + (_PRIMES.get(n) or f"⁽{str(n).translate(_SUPERSCRIPT)}⁾")


def _eigen_signs(h: sympy.Matrix) -> tuple[int, int, int] | None:
    """(positive, negative, zero) eigenvalue counts of a real symmetric matrix, exactly.

    All roots of its characteristic polynomial are real, so Descartes' rule of signs counts
    the positive (and, on p(−λ), the negative) eigenvalues exactly.
    """
    coeffs = h.charpoly().all_coeffs()
    signs = [_sign(c) for c in coeffs]
    if None in signs:
        return None
    n = len(coeffs) - 1
    zero = next(k for k, s in enumerate(reversed(signs)) if s != 0)
    mirrored = [s * (-1) ** (n - k) for k, s in enumerate(signs)]
    return _sign_changes(signs), _sign_changes(mirrored), zero


def _sign_changes(signs: list[int]) -> int:
    nonzero = [s for s in signs if s]
    return sum(a != b for a, b in pairwise(nonzero))


def _hessian_test(f: Expr, hessian: sympy.Matrix, point: dict) -> StationaryPoint:
    value = _at(f, point)
    h = hessian.applyfunc(lambda e: _at(e, point))
    counts = _eigen_signs(h) if all(_is_plain_number(e) for e in h) else None
    shown = f"H = {_matrix_text(h)}{_eigenvalues_text(h)}"
    if counts is None:
        reason = f"{shown}: the signs of its eigenvalues cannot be decided  ⇒  degenerate"
        return StationaryPoint(point, value, "degenerate", h, reason)
    pos, neg, zero = counts
    n = h.shape[0]
    if pos == n:
        kind, why = "minimum", phrase("hessian.positive")
    elif neg == n:
        kind, why = "maximum", phrase("hessian.negative")
    elif pos and neg:
        kind, why = "saddle", phrase("hessian.indefinite")
    else:
        kind = "degenerate"
        why = (f"singular ({zero} zero eigenvalue{'s' if zero > 1 else ''}, semidefinite): "
               "the Hessian test is inconclusive")
    why = f"{why}  ⇒  {phrase(f'test.{kind}')}"
    return StationaryPoint(point, value, kind, h, f"{shown}: {why}")


def _eigenvalues_text(h: sympy.Matrix) -> str:
    # Exact eigenvalues are cheap and readable only for small rational matrices.
    if h.shape[0] > 2 or not all(e.is_Rational for e in h):
        return ""
    values = sorted(_expand_multiplicities(h.eigenvals()), key=lambda v: float(v))
    return phrase("hessian.eigenvalues").format(", ".join(expr_text(v) for v in values))


def _expand_multiplicities(eigenvals: dict) -> list[Expr]:
    return [v for v, m in eigenvals.items() for _ in range(m)]


# --------------------------------------------------------------------------- solving


def _solve_one(derivative: Expr, x: Symbol) -> tuple[list[dict], str | None]:
    """Real solutions of f′(x) = 0 as points, or a note saying why they cannot be listed."""
    if derivative == 0:
        return [], "f′(x) = 0 for every x: f is constant, every point is stationary"
    try:
        found = sympy.solveset(derivative, x, sympy.S.Reals)
    except NotImplementedError:
        return [], _NO_CLOSED_FORM.format(eq="f′(x) = 0")
    if isinstance(found, sympy.FiniteSet):
        return [{x: v} for v in sorted(found, key=sympy.default_sort_key)], None
    if found is sympy.S.EmptySet:
        return [], None
    if isinstance(found, sympy.ConditionSet):
        return [], _NO_CLOSED_FORM.format(eq="f′(x) = 0")
    if isinstance(found, sympy.Interval):
        return [], (f"f′(x) = 0 for every x in {found}: infinitely many stationary points "
                    "(f is constant there)")
    if found.has(sympy.ImageSet):
        return [], (f"f′(x) = 0 has infinitely many solutions, repeating periodically: "
                    f"{_periodic_text(found, x)}; they are not classified one by one")
    return [], f"the solutions of f′(x) = 0 are not a finite list: {found}"


def _periodic_text(found: sympy.Set, x: Symbol) -> str:
    parts = found.args if isinstance(found, sympy.Union) else (found,)
    n = Symbol("n", integer=True)
    shown = [
        f"{x} = {expr_text(p.lamda.expr.xreplace({p.lamda.variables[0]: n}))}"
        if isinstance(p, sympy.ImageSet) and len(p.lamda.variables) == 1 else str(p)
        for p in parts
    ]
    return " or ".join(shown) + " (n any integer)"


_NO_CLOSED_FORM = ("{eq} cannot be solved in closed form; the stationary points are not known "
                   "exactly (a numerical method would be needed)")


def _solve_many(gradient: list[Expr], wrt: tuple[Symbol, ...]) -> tuple[list[dict], str | None]:
    """Real isolated solutions of ∇f = 0, and a note on what is missing from them."""
    try:
        found = sympy.solve(gradient, wrt, dict=True)
    except NotImplementedError:
        return [], _NO_CLOSED_FORM.format(eq="∇f = 0")
    notes, points = [], []
    for solution in found:
        if set(solution) != set(wrt) or any(v.free_symbols for v in solution.values()):
            family = ", ".join(f"{k} = {expr_text(v)}" for k, v in solution.items())
            notes.append(f"∇f = 0 has infinitely many solutions ({family or 'every point'}): "
                         "a whole curve or surface of stationary points, not classified here")
        elif all(_is_real(v) for v in solution.values()) and _solves(gradient, solution):
            points.append({v: solution[v] for v in wrt})
    if not found and all(g == 0 for g in gradient):
        notes.append("∇f = 0 everywhere: f is constant, every point is stationary")
    if any(g.has(*_TRIG) for g in gradient):
        notes.append("∇f involves periodic functions, so ∇f = 0 may have infinitely many "
                     "solutions; only the ones found are listed")
    return points, "; ".join(notes) or None


def _is_real(v: Expr) -> bool:
    if v.is_real is not None:
        return bool(v.is_real)
    return _sign(sympy.im(v)) == 0


def _solves(gradient: list[Expr], solution: dict) -> bool:
    # solve can return spurious roots (e.g. after clearing denominators); keep what checks out.
    return all(_sign(g.xreplace(solution)) in (0, None) for g in gradient)


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

    ``timeout`` bounds the work as in :func:`~symgrad.derive`; past it, TooExpensive.
    """
    return within_budget(_explain_minimum, expr, wrt, budget=timeout,
                         what=describe("finding the minimum of", expr))


def _explain_minimum(expr, wrt) -> Extrema:
    f = _read_expr(expr)
    if wrt is None:
        free = sorted(f.free_symbols, key=lambda s: s.name)
        if len(free) != 1:
            names = ", ".join(s.name for s in free) or "no variable"
            raise ValueError(said('err.analysis.f-has-pass-wrt', expr_text(f), names))
        wrt = free
    variables = _read_wrt(wrt)
    if len(variables) != 1:
        raise ValueError(said('err.analysis.explain-minimum-takes-one', len(variables)))
    _check_variables(f, variables)
    return _extrema_one(f, variables[0])


def _extrema_one(f: Expr, x: Symbol) -> Extrema:
    from . import extrema_cases as cases

    derivation = derive(f, [x])
    first = derivation.gradient[x]
    shape = cases.abs_sum(f, x)
    if shape is not None:  # convex and piecewise linear: decided by the slopes at the kinks
        least, note = cases.abs_sum_minimum(f, x, *shape)
        points = [] if least is None else [StationaryPoint(
            {x: least}, f.xreplace({x: least}), "minimum", sympy.S.Zero,
            "the slope of f turns from negative to non-negative here  ⇒  minimum")]
        return Extrema(f, (x,), derivation, points, note, True, convex=True)
    roots = cases.isolated_roots(first, x)
    if roots is not None:  # a polynomial f′ of high degree: its real roots isolated
        points = [_sign_change_test(f, x, first, *root) for root in roots]
        return _finish(f, (x,), derivation, points, None)
    solutions, note = _solve_one(first, x)
    points = [_nth_derivative_test(f, x, first, p) for p in solutions]
    return _finish(f, (x,), derivation, points, note)


def _sign_change_test(f, x, first, root, interval, k, left, right) -> StationaryPoint:
    """A root of a polynomial f′ classified by the sign of f′ on each side of it."""
    a, b = interval
    signs = {1: "+", -1: "−"}
    shown = f"f′ is {signs[left]} before and {signs[right]} after"
    if a != b:
        shown = (f"x ≈ {expr_text(sympy.N(root, 6))}, the only root of f′ in ({expr_text(a)}, "
                 f"{expr_text(b)}): {shown}")
    second = sympy.diff(first, x).xreplace({x: root})
    value = f.xreplace({x: root})
    if left != right:
        kind = "minimum" if left < 0 else "maximum"
        return StationaryPoint({x: root}, value, kind, second,
                               f"{shown}  ⇒  {phrase(f'test.{kind}')}", k + 1)
    why = "f′ does not change sign: a point of inflection, neither a minimum nor a maximum"
    return StationaryPoint({x: root}, value, "degenerate", second,
                           f"{shown}  ⇒  degenerate: {why}", k + 1)


def _finish(f, wrt, derivation, points, note) -> Extrema:
    complete = note is None
    if derivation.caveats:
        caveat = "; ".join(derivation.caveats)
        note = "; ".join(filter(None, [note, f"{caveat}: a minimum may sit there without "
                                             "being a stationary point"]))
        complete = False
    if not points and complete:
        note = f"{'f′(x)' if len(wrt) == 1 else '∇f'} = 0 has no real solution: " \
               "f has no stationary point"
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

    ``timeout`` bounds the work as in :func:`~symgrad.derive`; past it, TooExpensive.
    """
    return within_budget(_stationary_points, expr, wrt, budget=timeout,
                         what=describe("finding the stationary points of", expr))


def _stationary_points(expr, wrt) -> Extrema:
    f = _read_expr(expr)
    variables = tuple(sorted(f.free_symbols, key=lambda s: s.name)) if wrt is None \
        else _read_wrt(wrt)
    if not variables:
        raise ValueError(said('err.analysis.f-has-no-variable', expr_text(f)))
    _check_variables(f, variables)
    if len(variables) == 1:
        return _extrema_one(f, variables[0])
    derivation = derive(f, variables)
    gradient = [derivation.gradient[v] for v in variables]
    solutions, note = _solve_many(gradient, variables)
    hessian = sympy.Matrix([[sympy.diff(g, v) for v in variables] for g in gradient])
    points = [_hessian_test(f, hessian, p) for p in solutions]
    return _finish(f, variables, derivation, points, note)


# --------------------------------------------------------------------------- rendering extrema


@dataclass(frozen=True)
class _Style:
    """How one output format writes expressions and words."""

    show: Callable[[Expr], str]
    word: Callable[[str], str]
    name: str


_TEXT = _Style(expr_text, lambda s: s, "text")


def _point_text(point: dict) -> str:
    if len(point) == 1:
        ((k, v),) = point.items()
        return f"{k} = {expr_text(v)}"
    names = ", ".join(map(str, point))
    return f"({names}) = ({', '.join(expr_text(v) for v in point.values())})"


def _matrix_text(h: sympy.Matrix) -> str:
    rows = ", ".join("[" + ", ".join(expr_text(e) for e in row) + "]" for row in h.tolist())
    return f"[{rows}]"


def _extrema_lines(e: Extrema, style: _Style) -> list[str]:
    lines = _derivative_lines(e, style) + _equation_lines(e, style)
    lines += [_point_line(e, p, style) for p in e.points]
    if e.note:
        lines.append(_words(f"Note: {e.note}.", style))
    lines.append(_conclusion(e, style))
    return lines


def _words(s: str, style: _Style) -> str:
    return s


def _signature(e: Extrema, style: _Style) -> str:
    return ", ".join(style.show(v) for v in e.wrt)


def _derivative_lines(e: Extrema, style: _Style) -> list[str]:
    args = _signature(e, style)
    lines = [f"f({args}) = {expr_text(e.expr)}"]
    for v in e.wrt:
        g = e.derivation.gradient[v]
        (step,) = e.derivation.steps[v][:1]
        name = f"f′({args})" if len(e.wrt) == 1 else f"∂f/∂{v}"
        lines.append(f"{name} = {expr_text(g)}")
        lines.extend(text_steps(step, depth=1, partial=len(e.wrt) > 1))
    return lines


def _equation_lines(e: Extrema, style: _Style) -> list[str]:
    gradient = [e.derivation.gradient[v] for v in e.wrt]
    answer = _answer(e, style)
    if len(e.wrt) == 1:
        (g,) = gradient
        solve = phrase("text.solve").format(f"f′({_signature(e, style)}) = 0")
        return [f"{solve}  {expr_text(g)} = 0{answer}"]
    return [phrase("text.solve").format("∇f = 0"), *(f"  {expr_text(g)} = 0" for g in gradient),
            f"  {answer.strip()}" if answer else "  (no finite list of solutions: see the note)"]


def _answer(e: Extrema, style: _Style) -> str:
    if e.convex:  # its minimum is at a kink, where f′ does not exist: not a solution of f′ = 0
        return "  (f is piecewise linear: decided by its slopes, see the note)"
    if not e.points:
        if not e.complete:
            return ""
        return "  (no real solution)"
    return "  ⇒  " + "  or  ".join(_point_text(p.point) for p in e.points)


def _point_line(e: Extrema, p: StationaryPoint, style: _Style) -> str:
    at = ", ".join(expr_text(v) for v in p.point.values())
    return f"{_point_text(p.point)}:  {p.reason};  f({at}) = {expr_text(p.value)}"


def _conclusion(e: Extrema, style: _Style) -> str:
    w, s = style.word, style.show
    minima = [p for p in e.points if p.kind == "minimum"]

    def where(p):
        return _point_text(p.point)

    if len(minima) == 1 and _minimum_is_global(e):
        p = minima[0]
        template = re.split(r"\{(\d)\}", phrase("extrema.least"))
        values = (s(sympy.Symbol("f")), s(p.value), where(p))
        parts = [values[int(t)] if k % 2 else w(t) for k, t in enumerate(template) if t]
    elif minima:
        parts = [w("f has a local minimum at "),
                 w(" and ").join(f"{where(p)}{w(' (f = ')}{s(p.value)}{w(')')}" for p in minima),
                 w(f"; whether {'it' if len(minima) == 1 else 'either'} is the least value "
                   "of f is not shown by this test.")]
    elif _provably_no_minimum(e):
        parts = [w(phrase("extrema.no-minimum").format(_no_minimum_reason(e)))]
    elif e.complete:
        parts = [w("No stationary point is shown to be a minimum: the test is inconclusive "
                   "at a degenerate point, so whether f has a minimum is left open.")]
    else:
        parts = [w("No stationary point found is a minimum; without a complete list of "
                   "stationary points nothing more can be said about a minimum of f.")]
    return "".join(parts)


def _minimum_is_global(e: Extrema) -> bool:
    """A lone minimum is the least value: of a smooth f on ℝ, or of a quadratic polynomial."""
    if e.convex and e.complete and len(e.points) == 1:  # convex: a local minimum is the least
        return True
    if not (e.complete and len(e.points) == 1 and _smooth_everywhere(e.expr)):
        return False
    return len(e.wrt) == 1 or _quadratic(e)


def _provably_no_minimum(e: Extrema) -> bool:
    # A minimum of an everywhere-smooth f on ℝⁿ is a stationary point; with the complete list
    # of stationary points in hand and none a minimum or undecided, there is none.
    if e.convex:
        return e.complete and not e.points
    return (e.complete and _smooth_everywhere(e.expr)
            and all(_not_minimum(p) for p in e.points))


def _not_minimum(p: StationaryPoint) -> bool:
    return p.kind in ("maximum", "saddle") or (p.order is not None and p.order % 2 == 1)


def _kind_name(p: StationaryPoint) -> str:
    return "point of inflection" if p.kind == "degenerate" else p.kind


def _no_minimum_reason(e: Extrema) -> str:
    if e.convex:
        return "it decreases without bound (see the note)"
    if not e.points:
        reason = ("it has no stationary point, and a function differentiable everywhere "
                  "has its minimum only at a stationary point")
    else:
        if len(e.points) == 1 and e.points[0].kind in ("maximum", "saddle"):
            p = e.points[0]
            reason = phrase("extrema.only-point").format(_point_text(p.point),
                                                         phrase(f"test.{p.kind}"))
        elif len(e.points) == 1:
            p = e.points[0]
            reason = (f"its only stationary point, {_point_text(p.point)}, is a "
                      f"{_kind_name(p)}, not a minimum")
        else:
            kinds = " or ".join(sorted({_kind_name(p) + "s" for p in e.points}))
            reason = f"its stationary points are all {kinds}, none a minimum"
    if _quadratic(e):
        reason += phrase("extrema.unbounded")
    return reason


def _quadratic(e: Extrema) -> bool:
    return e.expr.is_polynomial(*e.wrt) and sympy.Poly(e.expr, *e.wrt).total_degree() <= 2


def _smooth_everywhere(expr: Expr) -> bool:
    """Whether ``expr`` is built only from operations defined and smooth on all of ℝⁿ."""
    for node in sympy.preorder_traversal(expr):
        if node.is_Atom or node.is_Add or node.is_Mul or isinstance(node, _SMOOTH_FUNCTIONS):
            continue
        if node.is_Pow and (
            (node.exp.is_Integer and node.exp >= 0)
            or (node.base.is_number and node.base.is_positive)
        ):
            continue
        return False
    return True
