"""Outlines of stationary points, descent traces, the k-means mean update and checker verdicts.

Each builder reads a computed result and returns a :class:`Document` whose rows are SymPy
objects; nothing here formats.  Rows state only true equations: an equation to be solved is
written ``∂f/∂x = 0 ⇔ 4x − 12 = 0 ⇔ x = 3``, a trace step ``x⁽¹⁾ = x⁽⁰⁾ − α·g⁽⁰⁾ₓ = …`` with
``g⁽⁰⁾ₓ`` (the partial derivative at the previous point) given on the row before.
"""

from __future__ import annotations

import re
from itertools import pairwise

import sympy

from ...i18n.keys import KINDS, VERDICTS
from ...i18n.marked import Marked
from ...i18n.values import nwords
from ..outline import (
    Document,
    Math,
    Para,
    Row,
    Section,
    Table,
    Words,
    brief,
    derivative,
    plus,
    product,
    superscripted,
)
from ..printers.text import text
from .conclusion import conclusion
from .steps import step_rows

F, J, H = sympy.Symbol("f", real=True), sympy.Symbol("J"), sympy.Symbol("H")
ALPHA = sympy.Symbol("alpha", positive=True)


def _written(value):
    # A number as the reader typed it, kept apart from its neighbours (1 − 1/4·2, not 1/2).
    return sympy.UnevaluatedExpr(value) if isinstance(value, sympy.Basic) else sympy.Float(value)


class InOrder(sympy.And):
    """A conjunction kept in the order written (``sympy.And`` sorts its arguments), so the
    equations ∂f/∂x = 0 and ∂f/∂y = 0 are listed as their derivatives are.

    >>> x, y = sympy.symbols("x y")
    >>> InOrder(sympy.Eq(y, 0), sympy.Eq(x, 0)).args
    (Eq(y, 0), Eq(x, 0))
    """

    def __new__(cls, *args):
        return sympy.Basic.__new__(cls, *args)


def _at(point: dict):
    # A point in a sentence: x = 3, or (x, y) = (−1/2, 1/2) — never a display-wide "and".
    if len(point) == 1:
        return _eqs(point)
    return sympy.Eq(sympy.Tuple(*point), sympy.Tuple(*point.values()), evaluate=False)


def _eqs(point: dict):
    eqs = [sympy.Eq(k, v, evaluate=False) for k, v in point.items()]
    return eqs[0] if len(eqs) == 1 else InOrder(*eqs)


def extrema_document(e) -> Document:
    """Derivatives rule by rule, the equations solved, each point classified, the conclusion."""
    one = len(e.wrt) == 1
    f_of = sympy.Function("f")(*e.wrt)
    rows = [Row(f_of, (e.expr,))]
    derivatives = []
    for v in e.wrt:
        derivatives.append(Math((Row(derivative(F, v), (e.derivation.gradient[v],)),)))
        derivatives.append(Math(tuple(step_rows(e.derivation.steps[v][0], 1)), tree=True))
    zero = [sympy.Eq(derivative(F, v), 0, evaluate=False) for v in e.wrt]
    equations = [sympy.Eq(e.derivation.gradient[v], 0, evaluate=False) for v in e.wrt]
    lhs = zero[0] if one else InOrder(*zero)
    rhs = [equations[0] if one else InOrder(*equations)]
    if e.points and not e.convex:  # a convex f's minimum is at a kink: no root of f′
        points = [p.point for p in e.points]
        if e.period is not None:  # each point of one period, repeating: x = x₀ + T·n
            n = sympy.Symbol("n", integer=True)
            points = [{x: v + e.period * n for x, v in p.items()} for p in points]
        rhs.append(sympy.Or(*(_eqs(p) for p in points), evaluate=False)
                   if len(points) > 1 else _eqs(points[0]))
    solve: list = [Math((Row(lhs, tuple(rhs), rel="iff"),))]
    if not e.points and e.complete:
        solve.append(Para(Words("extrema.none")))
    kinds: list = []
    if not one and e.points:
        hessian = sympy.Matrix([[sympy.diff(e.derivation.gradient[a], b) for b in e.wrt]
                                for a in e.wrt])
        names = sympy.Matrix([[sympy.Derivative(F, a, b, evaluate=False) if a != b else
                               sympy.Derivative(F, (a, 2), evaluate=False) for b in e.wrt]
                              for a in e.wrt])
        kinds.append(Math((Row(H, (names, hessian)),)))
    elif one and e.points and not e.convex:
        x = e.wrt[0]
        kinds.append(Math((Row(sympy.Derivative(F, (x, 2), evaluate=False),
                               (sympy.diff(e.expr, x, 2),)),)))
    for p in e.points:
        at = sympy.Function("f")(*p.point.values())
        kinds.append(Para(Words("extrema.point", _at(p.point), Words(KINDS[p.kind]),
                                p.reason if p.reason is not None else "")))
        kinds.append(Math((Row(at, (p.value,)),)))
    if e.note:
        note = e.note.marked() if hasattr(e.note, "marked") else str(e.note)
        kinds.append(Para(Words("para.caveats", note)))
    kinds.append(Para(conclusion(e)))
    title = (Words("title.minimum", sympy.Eq(f_of, e.expr)) if one
             else Words("title.stationary", sympy.Eq(f_of, e.expr)))
    # The terminal's compact account is all of it, without the headings.
    return Document(title, (
        Section(Words("head.derivatives"), brief(Math(tuple(rows)), *derivatives)),
        Section(Words("head.vanish"), brief(*solve)),
        Section(Words("head.kind"), brief(*kinds)),
    ), partial=not one or e.wrt[0].name == "d")


def trace_document(t) -> Document:
    """f and its gradient, then every update with the numbers put in, each row true."""
    exact = not isinstance(t.lr, float)
    head = [Row(F, (t.expr,))] + [Row(derivative(F, v), (g,)) for v, g in t.gradient.items()]
    head.append(Row(ALPHA, (t.lr if exact else sympy.Float(t.lr),)))
    start = t.rows[0]["point"]
    head += [Row(superscripted(v.name, 0), (_value(start[v]),)) for v in t.variables]
    steps: list = []  # one section per step: one step per frame of a deck
    for prev, row in pairwise(t.rows):
        k = row["step"]
        old = {v: superscripted(v.name, k - 1) for v in t.variables}
        rows = []
        for v in t.variables:
            g = sympy.Symbol(f"g^({k - 1})_{v.name}", real=True)
            slope = _value(prev["gradient"][v])
            rows.append(Row(g, (t.gradient[v].xreplace(old), slope)))
            rows.append(Row(superscripted(v.name, k), (
                old[v] - ALPHA * g,
                plus(_written(_value(prev["point"][v])),
                     -product(_written(_value(t.lr)), _written(slope))),
                _value(row["point"][v])), brief=True))  # the compact account's update
        new = {v: superscripted(v.name, k) for v in t.variables}
        rows.append(Row(superscripted("f", k), (t.expr.xreplace(new), _value(row["value"]))))
        steps.append(Section(Words("head.trace-step", k), (Math(tuple(rows)),)))
    warnings = tuple(Para(Words("trace.warning", w.marked() if hasattr(w, "marked") else str(w)))
                     for w in t.warnings)
    # The compact account: f, its gradient, α, the start, each update, the table, the end.
    return Document(Words("title.trace", sympy.Eq(F, t.expr)), (
        Section(Words("head.trace-function"), brief(Para(Words("para.trace", ALPHA)),
                                                    Math(tuple(head)))),
        *steps,
        Section(Words("head.trace-summary"), brief(_trace_table(t), _conclusion(t), *warnings)),
    ), partial=True)


def _trace_table(t) -> Table:
    """The table the terminal prints: each step's point, f and gradient."""
    header = (Words("plot.step"), *t.variables, F, *(derivative(F, v) for v in t.variables))
    rows = tuple((sympy.Integer(r["step"]), *(_value(r["point"][v]) for v in t.variables),
                  _value(r["value"]), *(_value(r["gradient"][v]) for v in t.variables))
                 for r in t.rows)
    return Table(header, rows)


def _conclusion(t) -> Para:
    """Where the steps ended, and the minimum they approach when that is known exactly."""
    last = t.rows[-1]
    n = last["step"]
    point = [sympy.Eq(superscripted(v.name, n), _value(last["point"][v]), evaluate=False)
             for v in t.variables]
    value = sympy.Eq(superscripted("f", n), _value(last["value"]), evaluate=False)
    limit = t.limit() if hasattr(t, "limit") else None
    if limit is None:
        return Para(Words("trace.after", n, point, value))
    arrows = [Marked(f"${v} → {text(x)}$") for v, x in limit["point"].items()]
    arrows.append(Marked(f"$f → {text(limit['value'])}$"))
    return Para(Words("trace.conclusion", n, point, value, arrows))


def _value(v):
    return sympy.Float(v, 10) if isinstance(v, float) else v


def mean_update_document(d) -> Document:
    """J for one cluster, ∂J/∂μ rule by rule, ∂J/∂μ = 0 solved: the center is the mean.

    The terminal's compact account is all of it but the algorithm, without the headings.
    """
    mu = d.center
    solve = Row(sympy.Eq(derivative(J, mu), 0, evaluate=False),
                (sympy.Eq(sympy.expand(d.gradient), 0, evaluate=False),
                 sympy.Eq(mu, sympy.factor(d.solution), evaluate=False)), rel="iff")
    curvature = Row(sympy.Derivative(J, (mu, 2), evaluate=False), (d.curvature,),
                    Words("kmeans.minimum"))
    return Document(Words("title.kmeans"), (
        Section(Words("head.objective"), brief(Para(Words("kmeans.objective", len(d.points), mu)),
                                               Math((Row(J, (d.objective,)),)))),
        Section(Words("head.kmeans-derivative"), brief(
            Math((Row(derivative(J, mu), (d.gradient,)),)),
            Math(tuple(step_rows(d.steps, 1)), tree=True))),
        Section(Words("head.kmeans-solve", sympy.Eq(derivative(J, mu), 0, evaluate=False)),
                brief(Math((solve, curvature)), Para(Words("kmeans.separates")))),
        Section(Words("head.algorithm"), (Para(Words("kmeans.algorithm")),)),
    ), partial=True)


def kmeans_document(r) -> Document:
    """A k-means run (J, each center and its size), then why a center is the mean of its
    cluster (:func:`mean_update_document`).  The run is in the compact account, whole.

    >>> from symgrad.analysis.kmeans import kmeans
    >>> print("\\n".join(kmeans([[0, 0], [0, 2], [10, 10]], 2).text().splitlines()[:3]))
    k-means, k = 2, 3 points in 2 dimensions: converged after 1 iteration, J = 2
      μ1 = (10, 10)   1 point
      μ2 = (0, 1)   2 points
    """
    m, n = r.X.shape
    runs = nwords("kmeans.summary.iteration", "kmeans.summary.iterations", r.iterations,
                  r.iterations)
    state = Words("kmeans.summary.converged") if r.converged \
        else Words("kmeans.summary.stopped")
    items = [Para(Words("kmeans.summary", len(r.centers), m, n, state, runs,
                        _six(r.inertia)), brief=True)]
    for j, c in enumerate(r.centers):
        size = int(sum(r.labels == j))
        items.append(Para(nwords("kmeans.summary.center-one", "kmeans.summary.center", size,
                                 j + 1, ", ".join(text(_six(v)) for v in c), size), brief=True))
    update = mean_update_document(r.derivation)
    return Document(update.title, (Section(Words("head.kmeans-run"), tuple(items)),
                                   *update.sections), partial=True)


def _six(v) -> sympy.Float:
    # A float of the run to 6 significant digits, rounded in decimal, and of that precision: the
    # printers write 1.23457e+8, not 123457000 (digits the run never had).
    return sympy.Float(f"{float(v):.6g}", 6)


def _task(task):
    """What a verdict checked, for its title: a derivative task as the derivative itself
    (typeset by the document's printer, d/dx as a fraction), other tasks as their marked words.

    >>> from symgrad.errors import said
    >>> from symgrad.i18n.values import formula
    >>> x = sympy.Symbol("x")
    >>> _task(said("check.derivative-task", x, formula(x**3)))
    Derivative(x**3, x)
    >>> _task(said("check.lines-task", said("check.derivative-task", x, formula(x**3)), 2)).args
    (Derivative(x**3, x), 2)
    >>> _task("d/dx (x³)"), _task("ℓ(f, y) of the mean squared error")
    ('$d/dx (x³)$', 'ℓ(f, y) of the mean squared error')
    """
    key, values = getattr(task, "key", None), getattr(task, "values", ())
    if key == "check.derivative-task":
        wrt, function = values
        function = getattr(function, "value", function)
        if isinstance(function, sympy.Basic) and isinstance(wrt, sympy.Symbol):
            return derivative(function, wrt)
    if key == "check.lines-task":
        inner = _task(values[0])
        if isinstance(inner, sympy.Derivative):
            return Words("check.lines-task", inner, values[1])
    shown = str(task)
    if re.fullmatch(r"d/d\w+ \(.*\)", shown):
        return Marked(f"${shown}$")
    return Marked(task.marked()) if hasattr(task, "marked") else shown


def _partial(task) -> bool:
    """∂ for a function of several variables, d for one (the title's derivative)."""
    d = task if isinstance(task, sympy.Derivative) else \
        next((a for a in getattr(task, "args", ()) if isinstance(a, sympy.Derivative)), None)
    return d is None or len(d.expr.free_symbols) > 1


def _shown(value):
    if isinstance(value, dict):
        return [sympy.Eq(k, v, evaluate=False) for k, v in value.items()]
    return value


def verdict_document(v) -> Document:
    """The verdict, both answers, the counterexample (expected ≠ claimed there), the message.

    The terminal's compact account is all of it but the counterexample, which the message
    states in words.

    >>> from symgrad import check_derivative
    >>> print(check_derivative("x**3", "x", "3*x").text())
    Checking d/dx[x³]
    Verdict: wrong.
    Claimed: 3·x
    Expected: 3·x²
    Wrong: at x = 2: expected 12, claimed 6.
    """
    items: list = [Para(Words(VERDICTS[v.status]), brief=True)]
    if isinstance(v.claimed, tuple) and v.claimed:  # a derivation: its lines, claimed equal
        items += [Para(Words("verdict.claimed-lines"), brief=True),
                  Math((Row(v.claimed[0], v.claimed[1:]),), brief=True)]
    else:
        items.append(Para(Words("verdict.claimed", _shown(v.claimed)), brief=True))
    if v.expected is not None:
        items.append(Para(Words("verdict.expected", _shown(v.expected)), brief=True))
    if getattr(v, "reading", None):
        items.append(Para(Words("verdict.reading", v.reading[0].lower() + v.reading[1:]),
                          brief=True))
    c = v.counterexample
    if c is not None:
        items.append(Para(Words("verdict.at", [sympy.Eq(s, x, evaluate=False)
                                               for s, x in c.point.items()])))
        items.append(Math((Row(c.expected, (c.claimed,), rel="!="),)))
    task = _task(v.task)
    return Document(Words("title.check", task), (
        Section(Words("head.answer"), tuple(items)),
        Section(Words("head.why"), (Para(v.message.marked() if hasattr(v.message, "marked")
                                         else str(v.message), brief=True),)),
    ), partial=_partial(task), brief=True)
