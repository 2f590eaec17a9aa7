"""Gradient descent on a formula, step by step: every update written out with its numbers.

Exact when the inputs are exact; warns when the path diverges or stalls at a saddle.

>>> t = trace_descent("x**2", {"x": 1}, "1/4", 2)
>>> [r["point"] for r in t.rows]
[{x: 1}, {x: 1/2}, {x: 1/4}]
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy
from sympy import Expr, Symbol

from ..calculus.derive import derive
from ..errors import Said, said
from ..i18n.language import coordinates, formula
from ..codegen import numpy_function
from ..parsing.core import parse, symbol
from ..runtime.budget import describe, within_budget
from ..views import Explainable, view
from .classify import hessian_test, is_plain_number, nth_derivative_test
from .stationary import read_expr

__all__ = ["Trace", "trace_descent"]

#: A trace stops (and warns) once |f| passes this: the path is running off to infinity.
EXPLOSION = 1e12
#: A trace stops once an exact coordinate needs more digits than this (numerator or denominator).
MAX_DIGITS = 50
#: Longest trace: it is a table meant to be read.
MAX_TRACE_STEPS = 10_000
#: Exact values whose printed form is longer than this are too complex to carry on exactly.
MAX_EXACT_LENGTH = 400


@dataclass(frozen=True)
class Trace(Explainable):
    """Gradient descent on a formula, step by step: v ← v − α·∂f/∂v for every variable v.

    ``rows[k]`` has "step" (k), "point" (variable → value), "value" (f there) and
    "gradient" (variable → ∂f/∂v there); row 0 is the start.  ``warnings`` name divergence,
    stalling at a saddle, a zero gradient at the start, and early stops.

    >>> t = trace_descent("x**2", {"x": 1}, "1/4", 2)
    >>> [r["point"] for r in t.rows], t.warnings
    ([{x: 1}, {x: 1/2}, {x: 1/4}], [])
    """

    expr: Expr
    variables: tuple[Symbol, ...]
    lr: Expr | float
    gradient: dict[Symbol, Expr]
    rows: list[dict]
    warnings: list[str]

    def limit(self) -> dict | None:
        """The minimum the steps approach, ``{"point": …, "value": …}``, when f is quadratic
        (its gradient linear, so ∇f = 0 is solved exactly) with a positive definite Hessian
        and the last step came closer to it; else None.

        >>> trace_descent("(x - 3)**2 + 2", {"x": 0}, "1/4", 3).limit()
        {'point': {x: 3}, 'value': 2}
        """
        gradient = [self.gradient[v] for v in self.variables]
        if any(sympy.Poly(g, *self.variables).total_degree() > 1 for g in gradient
               if g.is_polynomial(*self.variables)) or not all(
                g.is_polynomial(*self.variables) for g in gradient):
            return None
        hessian = sympy.hessian(self.expr, self.variables)
        if not hessian.is_positive_definite:
            return None
        solution = sympy.solve(gradient, self.variables, dict=True)
        if len(solution) != 1 or len(self.rows) < 2:
            return None
        point = {v: solution[0][v] for v in self.variables}

        def distance(row):
            return sum((_as_float(row["point"][v]) - float(point[v])) ** 2 for v in point)

        if distance(self.rows[-1]) >= distance(self.rows[-2]) and distance(self.rows[-1]) > 0:
            return None
        return {"point": point, "value": sympy.simplify(self.expr.xreplace(point))}

    def plot(self, path=None, **kwargs):
        """The path on the function: a curve with tangents (one variable) or a contour map.

        See :func:`symgrad.render.plot.trace_plot`; saved when ``path`` is given.
        """
        return view(self, "plot", path=path, **kwargs)


def trace_descent(expr, start, lr, steps, *, timeout=None) -> Trace:
    """Run ``steps`` steps of gradient descent on a formula from ``start`` with rate ``lr``.

    ``start`` maps names (or Symbols) to numbers; its keys are the variables, in order, and
    must cover every free symbol of ``expr``.  Numbers are exact (ints, Fractions, SymPy
    numbers, or text such as "1/2") unless any of them is a float: then all is float.
    The run stops early, with a warning, if |f| passes 1e12, f becomes undefined, or exact
    fractions need more than 50 digits.  ``timeout`` bounds the work as in
    :func:`~symgrad.calculus.derive`; past it, TooExpensive.

    >>> t = trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 2)
    >>> [(r["point"], r["value"]) for r in t.rows]
    [({x: 1, y: 1}, 6), ({x: 0, y: 1/2}, 13/4), ({x: 0, y: 1/4}, 49/16)]
    """
    return within_budget(_trace_descent, expr, start, lr, steps, budget=timeout,
                         what=describe("tracing descent on", expr))


def _trace_descent(expr, start, lr, steps) -> Trace:
    f = read_expr(expr)
    point = _read_start(start, f)
    variables = tuple(point)
    alpha = _read_lr(lr)
    steps = _read_steps(steps)
    exact = not any(isinstance(v, float) for v in (*point.values(), alpha))
    if not exact:
        point = {v: float(x) for v, x in point.items()}
        alpha = float(alpha)
    gradient = derive(f, variables).gradient
    evaluate = _exact_evaluator(f, gradient) if exact else _float_evaluator(f, gradient)
    first = evaluate(point)
    if isinstance(first, (str, Said)):
        raise ValueError(said('err.trace.f-cannot-be-evaluated', coordinates(point), first))
    rows, warnings = [_row(0, point, first)], []
    for k in range(1, steps + 1):
        last = rows[-1]
        point = {v: _step(last["point"][v], alpha, last["gradient"][v], exact) for v in variables}
        result = evaluate(point)
        problem = result if isinstance(result, (str, Said)) else _too_far(result[0], point, exact)
        if problem:
            warnings.append(said("trace.stopped", k, problem))
            break
        rows.append(_row(k, point, result))
    warnings += _path_warnings(f, variables, rows, exact)
    return Trace(f, variables, alpha, gradient, rows, warnings)


def _read_start(start, f: Expr) -> dict[Symbol, Expr | float]:
    if not isinstance(start, dict) or not start:
        raise ValueError(said('err.trace.start-must-be-non'))
    point = {}
    for key, value in start.items():
        v = symbol(key)
        if v in point:
            raise ValueError(said('err.trace.start-gives-twice', v))
        point[v] = _read_number(value, said("err.trace.start-value", v))
    missing = sorted(s.name for s in f.free_symbols - set(point))
    if missing:
        raise ValueError(said('err.trace.start-has-no-value', ', '.join(missing), formula(f)))
    return point


def _read_number(value, what: str) -> Expr | float:
    if isinstance(value, bool):
        raise ValueError(said('err.trace.must-be-number-got', what, value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(said('err.trace.must-be-finite-number', what, value))
        return value
    if isinstance(value, sympy.Float):
        return float(value)
    if not isinstance(value, (str, int, Fraction, sympy.Basic, numbers.Rational)):
        raise ValueError(said('err.step.must-be-number-got', what, type(value).__name__))
    number = parse(value, what=what)
    if number.free_symbols or not is_plain_number(number) or number.is_real is False:
        raise ValueError(said('err.trace.must-be-real-number', what, value))
    return number


def _read_lr(lr) -> Expr | float:
    alpha = _read_number(lr, "the learning rate α")
    if not (alpha > 0):
        raise ValueError(said('err.trace.learning-rate-must-be', lr))
    return alpha


def _read_steps(steps) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int):
        raise ValueError(said('err.trace.steps-must-be-whole', steps))
    if not 0 <= steps <= MAX_TRACE_STEPS:
        raise ValueError(said('err.trace.steps-must-be-between', MAX_TRACE_STEPS, steps))
    return steps


def _step(old, alpha, slope, exact: bool):
    return old - alpha * slope if not exact else sympy.expand(old - alpha * slope)


def _row(k: int, point: dict, result: tuple) -> dict:
    value, gradient = result
    return {"step": k, "point": dict(point), "value": value, "gradient": gradient}


def _exact_evaluator(f: Expr, gradient: dict[Symbol, Expr]):
    def evaluate(point):
        value = _exact_value(f, point)
        slopes = {v: _exact_value(g, point) for v, g in gradient.items()}
        if any(not is_plain_number(e) or e.is_real is False for e in (value, *slopes.values())):
            return said("trace.undefined", coordinates(point))
        return value, slopes
    return evaluate


def _exact_value(e: Expr, point: dict) -> Expr:
    value = e.xreplace(point)
    return value if value.is_Rational else sympy.expand(value)


def _float_evaluator(f: Expr, gradient: dict[Symbol, Expr]):
    variables = list(gradient)
    functions = numpy_function(variables, [f, *gradient.values()])

    def evaluate(point):
        # Overflow is expected when a path diverges; it is reported as a warning, not raised.
        with np.errstate(all="ignore"):
            try:
                value, *slopes = (float(r) for r in functions(*(point[v] for v in variables)))
            except (OverflowError, ZeroDivisionError, ValueError):
                return said("trace.cannot-evaluate", coordinates(point))
        if not all(math.isfinite(r) for r in (value, *slopes)):
            return said("trace.not-finite", coordinates(point))
        return value, dict(zip(variables, slopes, strict=True))
    return evaluate


def _too_far(value, point: dict, exact: bool) -> str | None:
    if abs(value) > EXPLOSION:
        return said("trace.passed", _magnitude(value), f"{EXPLOSION:g}")
    if not exact:
        return None
    for v, x in point.items():
        if x.is_Rational and max(abs(x.p), x.q) >= 10**MAX_DIGITS:
            return said("trace.digits", v, MAX_DIGITS)
        if not x.is_Rational and len(str(x)) > MAX_EXACT_LENGTH:
            return said("trace.too-complex", v)
    return None


def _magnitude(value) -> str:
    return f"{float(value):.3g}"


def _as_float(value) -> float:
    return float(value) if isinstance(value, float) else float(sympy.N(value, 30))


def _norm(gradient: dict) -> float:
    return math.sqrt(sum(_as_float(g) ** 2 for g in gradient.values()))


def _path_warnings(f: Expr, variables, rows: list[dict], exact: bool) -> list[str]:
    warnings = []
    first, last = rows[0], rows[-1]
    zero = (lambda g: g == 0) if exact else (lambda g: abs(g) <= 1e-12)
    if all(zero(g) for g in first["gradient"].values()):
        kind = _kind_at(f, variables, first["point"])
        warnings.append(said("trace.zero-start", coordinates(first["point"]),
                             _kind_words(kind)))
        return warnings
    warnings += _divergence_warnings(rows)
    if len(rows) > 1 and _norm(last["gradient"]) <= _norm(first["gradient"]) / 10:
        kind = _kind_at(f, variables, last["point"])
        if kind in ("saddle", "maximum"):
            warnings.append(said(
                "trace.stalls", said(f"test.{kind}"), f"{_norm(last['gradient']):.3g}",
                coordinates(last["point"]),
                said("hessian.negative" if kind == "maximum" else "hessian.indefinite")))
    return warnings


def _divergence_warnings(rows: list[dict]) -> list[str]:
    values = [_as_float(r["value"]) for r in rows]
    ups = [k for k in range(1, len(values)) if values[k] > values[k - 1]]
    tail = range(max(1, len(values) - 3), len(values))
    sizes = [math.sqrt(sum(_as_float(x) ** 2 for x in r["point"].values())) for r in rows]
    away = len(rows) > 3 and all(sizes[k] > sizes[k - 1] for k in tail)
    if not ups:
        if away and all(abs(values[k]) > abs(values[k - 1]) for k in tail):
            return [said("trace.runs-off", f"{values[-1]:.6g}")]
        return []
    if all(k in ups and sizes[k] > sizes[k - 1] for k in tail):
        return [said("trace.diverges", f"{values[0]:.6g}", f"{values[-1]:.6g}")]
    listed = ", ".join(map(str, ups))
    return [said("trace.increased-many" if len(ups) > 1 else "trace.increased", listed)]


def _kind_at(f: Expr, variables, point: dict) -> str:
    exact = {v: parse(x) if isinstance(x, float) else x for v, x in point.items()}
    if len(variables) == 1:
        (x,) = variables
        return nth_derivative_test(f, x, sympy.diff(f, x), exact).kind
    hessian = sympy.hessian(f, variables)
    return hessian_test(f, hessian, exact).kind


def _kind_words(kind: str) -> str:
    if kind in ("minimum", "degenerate"):
        return said(f"trace.kind.{kind}")
    return said("trace.kind.other", said(f"test.{kind}"))
