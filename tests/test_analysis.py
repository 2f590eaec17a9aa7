"""Stationary points, their classification, descent traces and the analysis commands."""

from fractions import Fraction
from itertools import pairwise

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Rational, sqrt

from symgrad import explain_minimum, stationary_points, trace_descent
from symgrad.errors import ParseError

x, y = sympy.symbols("x y", real=True)


def check_gradient(e):
    """The oracle: every derivative shown equals sympy.diff of the function."""
    for v in e.wrt:
        assert sympy.simplify(e.derivation.gradient[v] - sympy.diff(e.expr, v)) == 0
        assert sympy.simplify(e.derivation.steps[v][0].result - sympy.diff(e.expr, v)) == 0


def summary(e):
    return [(p.point, p.value, p.kind) for p in e.points]


# --------------------------------------------------------------------------- one variable


def test_article_minimum():
    """2x² − 12x + 20 has f′ = 4x − 12 and one minimum, f(3) = 2."""
    e = explain_minimum("2*x**2 - 12*x + 20")
    check_gradient(e)
    assert e.wrt == (x,)
    assert e.derivation.gradient[x] == 4 * x - 12
    assert summary(e) == [({x: 3}, 2, "minimum")]
    assert e.points[0].hessian == 4
    assert e.has_minimum and e.note is None
    lines = e.text().splitlines()
    assert "df/dx = 4·x − 12" in lines
    assert "df/dx = 0 ⇔ 4·x − 12 = 0 ⇔ x = 3" in lines
    assert lines[-3:-1] == ["At x = 3: a minimum. f″(3) = 4 > 0  ⇒  minimum.", "f(3) = 2"]
    assert lines[-1] == "The least value of f is 2, at x = 3."


def test_article_minimum_latex():
    """The LaTeX is an align* body: no preamble, words in \\text, one step per line."""
    out = explain_minimum("2x^2 - 12x + 20").latex()
    assert "\\begin" not in out.split("cases")[0] and "documentclass" not in out
    assert out.splitlines()[0] == r"f\left(x\right) &= 2 x^{2} - 12 x + 20 \\"
    assert r"\frac{d f}{d x} = 0 &\iff 4 x - 12 = 0 \iff x = 3 \\" in out.splitlines()
    assert out.splitlines()[-1] == r"f\left(3\right) &= 2"
    assert "The least value of $f$ is $2$, at $x = 3$." in explain_minimum(
        "2x^2 - 12x + 20").to_latex()


def test_maximum():
    """−x² + 4x has a maximum 4 at x = 2, and hence no minimum."""
    e = explain_minimum(-x**2 + 4 * x)
    check_gradient(e)
    assert summary(e) == [({x: 2}, 4, "maximum")]
    assert not e.has_minimum
    assert "f has no minimum" in e.text()


def test_x_cubed_is_degenerate():
    """x³ has f′(0) = f″(0) = 0 and f‴(0) ≠ 0: degenerate (an inflection), no minimum."""
    e = explain_minimum("x**3")
    assert summary(e) == [({x: 0}, 0, "degenerate")]
    assert e.points[0].order == 3
    assert "inflection" in e.text() and "f has no minimum" in e.text()


def test_x_fourth_needs_higher_derivatives():
    """x⁴ has f″(0) = f‴(0) = 0 but f⁽⁴⁾(0) = 24 > 0: a minimum found by the higher-order test."""
    e = explain_minimum("x^4")
    assert summary(e) == [({x: 0}, 0, "minimum")]
    assert e.points[0].order == 4
    assert "f⁽⁴⁾(0) = 24 > 0" in e.text()


def test_no_stationary_point():
    """exp(x) and 2x + 1 have no stationary point: no points, a note, and no minimum claimed."""
    for f in ("exp(x)", "2*x + 1"):
        e = explain_minimum(f)
        check_gradient(e)
        assert e.points == [] and "no stationary point" in e.note
        assert "f has no minimum" in e.text()


def test_no_closed_form():
    """x²/2 − sin x needs x = cos x: said to be unsolvable in closed form, nothing claimed."""
    e = explain_minimum("x**2/2 - sin(x)")
    check_gradient(e)
    assert e.points == [] and "cannot be solved in closed form" in e.note
    assert "no minimum" not in e.text()


def test_periodic_solutions_are_not_listed_as_finite():
    """x − cos x has f′ = 1 + sin x = 0 at infinitely many points: the note says so."""
    e = explain_minimum("x - cos(x)")
    assert e.points == [] and "infinitely many" in e.note


def test_wrt_required_with_several_symbols():
    """explain_minimum on two variables without wrt is a ValueError that says to pass wrt."""
    with pytest.raises(ValueError, match="pass wrt"):
        explain_minimum("x*y")
    with pytest.raises(ValueError, match="also depends on y"):
        explain_minimum("x*y", wrt="x")


# --------------------------------------------------------------------------- several variables


def test_article_saddle_has_no_minimum():
    """2x² + 2y + 4xy has one stationary point (−1/2, 1/2), a saddle, so no minimum."""
    e = stationary_points("2x^2 + 2y + 4x*y")
    check_gradient(e)
    assert e.wrt == (x, y)
    assert summary(e) == [({x: Rational(-1, 2), y: Rational(1, 2)}, Rational(1, 2), "saddle")]
    assert e.points[0].hessian == sympy.Matrix([[4, 4], [4, 0]])
    assert e.has_minimum is False
    text = e.text()
    assert "f has no minimum" in text and "unbounded below" in text
    assert ("f has no minimum: its only stationary point, (x, y) = (−1/2, 1/2), is a saddle, "
            "not a minimum; it is unbounded below.") in text.splitlines()


def test_article_bowl():
    """2x² + y² + 3 has its minimum 3 at (0, 0)."""
    e = stationary_points(2 * x**2 + y**2 + 3)
    check_gradient(e)
    assert summary(e) == [({x: 0, y: 0}, 3, "minimum")]
    assert e.has_minimum
    assert e.text().splitlines()[-1] == "The least value of f is 3, at (x, y) = (0, 0)."


def test_plain_saddle_and_maximum():
    """x² − y² is a saddle at the origin; −x² − y² a maximum."""
    assert summary(stationary_points("x**2 - y**2")) == [({x: 0, y: 0}, 0, "saddle")]
    assert summary(stationary_points("-x**2 - y**2")) == [({x: 0, y: 0}, 0, "maximum")]


def test_singular_hessian_is_degenerate():
    """x⁴ + y⁴ has a zero Hessian at the origin: degenerate, not a false verdict."""
    e = stationary_points("x**4 + y**4")
    assert summary(e) == [({x: 0, y: 0}, 0, "degenerate")]
    assert "no minimum" not in e.text()


def test_infinite_family():
    """(x − y)² is stationary on the whole line x = y: a note, no listed points."""
    e = stationary_points("(x - y)**2")
    check_gradient(e)
    assert e.points == [] and "infinitely many" in e.note
    assert "no minimum" not in e.text()


def test_several_points_with_irrational_coordinates():
    """x·y·e^(−x²−y²) has five stationary points: one saddle, two minima, two maxima."""
    e = stationary_points("x*y*exp(-x**2 - y**2)")
    check_gradient(e)
    kinds = {tuple(p.point.values()): p.kind for p in e.points}
    h = sqrt(2) / 2
    assert kinds == {(0, 0): "saddle", (-h, -h): "maximum", (h, h): "maximum",
                     (-h, h): "minimum", (h, -h): "minimum"}


def test_only_real_solutions_count():
    """x⁴/4 + x + y² has ∂f/∂x = x³ + 1 with two complex roots: only the real point is kept."""
    e = stationary_points("x**4/4 + x + y**2")
    assert [tuple(p.point.values()) for p in e.points] == [(-1, 0)]


# --------------------------------------------------------------------------- traces


def replay(f, grad, start, lr, steps):
    """Plain Python gradient descent, the oracle for trace rows."""
    point, rows = dict(start), []
    for _ in range(steps + 1):
        g = {k: d(**point) for k, d in grad.items()}
        rows.append((dict(point), f(**point), g))
        point = {k: point[k] - lr * g[k] for k in point}
    return rows


def as_plain(trace):
    return [({str(k): v for k, v in r["point"].items()}, r["value"],
             {str(k): v for k, v in r["gradient"].items()}) for r in trace.rows]


def test_trace_rows_exact_by_hand():
    """2x² + y² + 3 from (1, 1) with α = 1/4: rows computed by hand, exact."""
    t = trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, Rational(1, 4), 5)
    assert [r["step"] for r in t.rows] == [0, 1, 2, 3, 4, 5]
    # x: 1 − 4/4 = 0 and stays 0; y halves each step (y − 2y/4 = y/2).
    expected = [({x: 0 if k else 1, y: Rational(1, 2**k)}) for k in range(6)]
    assert [r["point"] for r in t.rows] == expected
    assert [r["value"] for r in t.rows] == [2 * p[x]**2 + p[y]**2 + 3 for p in expected]
    assert t.rows[1]["value"] == Rational(13, 4)
    assert t.rows[0]["gradient"] == {x: 4, y: 2}
    assert all(isinstance(r["value"], sympy.Rational) for r in t.rows)
    assert t.warnings == []
    lines = t.text().splitlines()
    assert "x⁽¹⁾ = x⁽⁰⁾ − α·g⁽⁰⁾_x = 1 − (1/4)·4 = 0" in lines
    assert "y⁽¹⁾ = y⁽⁰⁾ − α·g⁽⁰⁾_y = 1 − (1/4)·2 = 1/2" in lines
    assert "y⁽³⁾ = y⁽²⁾ − α·g⁽²⁾_y = 1/4 − (1/4)·(1/2) = 1/8" in lines
    rows = t.latex().splitlines()
    assert r"g^{(0)}_{x} &= 4 x^{(0)} = 4 \\" in rows
    assert r"x^{(1)} &= x^{(0)} - \alpha g^{(0)}_{x} = 1 - \frac{1}{4} \cdot 4 = 0 \\" in rows


def test_trace_matches_plain_python():
    """Every row of an exact trace equals a Fraction recomputation in plain Python."""
    t = trace_descent("2*x**2 + y**2 + 3 + x*y", {"x": "1/3", y: Fraction(-2)}, "0.1", 6)
    oracle = replay(lambda x, y: 2 * x**2 + y**2 + 3 + x * y,
                    {"x": lambda x, y: 4 * x + y, "y": lambda x, y: 2 * y + x},
                    {"x": Fraction(1, 3), "y": Fraction(-2)}, Fraction(1, 10), 6)
    assert as_plain(t) == oracle


def test_article_1d_trace_approaches_3():
    """2x² − 12x + 20 from 0 with α = 1/8 follows x ← x/2 + 3/2, approaching 3."""
    t = trace_descent("2x^2 - 12x + 20", {"x": 0}, Rational(1, 8), 10)
    xs = [r["point"][x] for r in t.rows]
    assert xs[:4] == [0, Rational(3, 2), Rational(9, 4), Rational(21, 8)]
    assert all(b == a / 2 + Rational(3, 2) for a, b in pairwise(xs))
    assert xs[-1] == 3 - Rational(3, 2**10)
    assert "x⁽¹⁾ = x⁽⁰⁾ − α·g⁽⁰⁾_x = 0 − (1/8)·(−12) = 3/2" in t.text().splitlines()


def test_floats_stay_floats():
    """A float start or rate gives float rows, matching plain Python arithmetic."""
    t = trace_descent("2*x**2 + y**2 + 3", {"x": 1.0, "y": 1}, 0.1, 4)
    oracle = replay(lambda x, y: 2 * x**2 + y**2 + 3,
                    {"x": lambda x, y: 4 * x, "y": lambda x, y: 2 * y},
                    {"x": 1.0, "y": 1.0}, 0.1, 4)
    got = as_plain(t)
    assert all(isinstance(r["value"], float) for r in t.rows)
    for (p, v, g), (p2, v2, g2) in zip(got, oracle, strict=True):
        assert p == pytest.approx(p2) and v == pytest.approx(v2) and g == pytest.approx(g2)


def test_divergence_warning():
    """α = 1 on 2x² gives x ← −3x: f grows at every step and the trace warns it diverges."""
    t = trace_descent("2*x**2", {"x": 1}, 1, 5)
    assert [r["point"][x] for r in t.rows] == [(-3) ** k for k in range(6)]
    assert any("diverges" in w for w in t.warnings)


def test_divergence_stops_early():
    """A long divergent run stops once |f| passes 1e12 instead of computing huge numbers."""
    t = trace_descent("2*x**2", {"x": 1}, 1, 1000)
    assert len(t.rows) < 30
    assert any(w.startswith("stopped before step") for w in t.warnings)


def test_saddle_stall_warning():
    """x² − y² from (1, 0) slides to the saddle (0, 0) along y = 0: warned, not praised."""
    t = trace_descent("x**2 - y**2", {"x": 1, "y": 0}, Rational(1, 4), 5)
    assert [r["point"][x] for r in t.rows] == [Rational(1, 2**k) for k in range(6)]
    assert any("saddle" in w for w in t.warnings)


def test_zero_gradient_at_start():
    """Starting exactly at the saddle of x² − y², the gradient is zero and a warning says so."""
    t = trace_descent("x**2 - y**2", {"x": 0, "y": 0}, Rational(1, 4), 2)
    assert all(r["point"] == {x: 0, y: 0} for r in t.rows)
    assert len(t.warnings) == 1
    assert "gradient is zero at the start" in t.warnings[0] and "saddle" in t.warnings[0]


def test_trace_bad_input():
    """Missing variables, non-positive α, non-numbers and bad step counts are ValueErrors."""
    with pytest.raises(ValueError, match="no value for y"):
        trace_descent("x*y", {"x": 1}, 1, 1)
    with pytest.raises(ValueError, match="must be positive"):
        trace_descent("x**2", {"x": 1}, 0, 1)
    with pytest.raises(ValueError, match="must be positive"):
        trace_descent("x**2", {"x": 1}, "-1/2", 1)
    with pytest.raises(ValueError, match="must be a real number"):
        trace_descent("x**2", {"x": "abc"}, 1, 1)
    with pytest.raises(ValueError, match="steps"):
        trace_descent("x**2", {"x": 1}, 1, -1)
    with pytest.raises(ParseError):
        trace_descent("x**2", {"x": "__import__('os')"}, 1, 1)


# --------------------------------------------------------------------------- commands


def test_cli_explain(cli):
    """`symgrad explain` prints the article's minimum, and the saddle's lack of one."""
    code, out, _ = cli("explain", "2*x**2 - 12*x + 20")
    assert code == 0
    assert "At x = 3: a minimum. f″(3) = 4 > 0  ⇒  minimum." in out.splitlines()
    code, out, _ = cli("explain", "2*x**2 + 2*y + 4*x*y")
    assert code == 0 and "f has no minimum" in out
    code, out, _ = cli("explain", "2*x**2 - 12*x + 20", "--wrt", "x", "--latex")
    assert code == 0 and out.startswith("f\\left(x\\right) &= 2 x^{2} - 12 x + 20 \\\\\n")


def test_cli_steps(cli):
    """`symgrad steps` prints the rule tree of sin(x²), as text or LaTeX."""
    code, out, _ = cli("steps", "sin(x**2)", "--wrt", "x")
    assert code == 0
    assert out.splitlines() == [
        "d/dx[sin(x²)] = 2·x·cos(x²)   chain rule, u = x²",
        "  d/du[sin(u)] = cos(u)   sin rule",
        "  d/dx[x²] = 2·x   power rule",
    ]
    code, out, _ = cli("steps", "sin(x**2)", "--wrt", "x", "--latex")
    assert code == 0 and r"&& \text{chain rule, $u = x^{2}$}" in out


def test_cli_trace(cli):
    """`symgrad trace` reads 0.25 exactly as 1/4 and prints the exact updates."""
    code, out, _ = cli("trace", "2*x**2 + y**2 + 3", "--start", "x=1,y=1", "--lr", "0.25",
                       "--steps", "5")
    assert code == 0
    lines = out.splitlines()
    assert "x⁽¹⁾ = x⁽⁰⁾ − α·g⁽⁰⁾_x = 1 − (1/4)·4 = 0" in lines
    assert "y⁽⁵⁾ = y⁽⁴⁾ − α·g⁽⁴⁾_y = 1/16 − (1/4)·(1/8) = 1/32" in lines
    assert "5     0  1/32  3073/1024  0      1/16" in lines


@pytest.mark.parametrize("argv", [
    ("explain", "2*x**"),
    ("steps", "x*y"),
    ("trace", "x*y", "--start", "x=1", "--lr", "1/4", "--steps", "2"),
    ("trace", "x**2", "--start", "x=1", "--lr", "0", "--steps", "2"),
    ("trace", "x**2", "--start", "x=1", "--lr", "-0.5", "--steps", "2"),
    ("trace", "x**2", "--start", "x=one", "--lr", "1/4", "--steps", "2"),
    ("trace", "x**2", "--start", "x", "--lr", "1/4", "--steps", "2"),
    ("trace", "x**2", "--start", "x=1", "--lr", "1/4", "--steps", "two"),
])
def test_cli_bad_input(cli, argv):
    """Bad formulas, starts, rates or step counts end as one stderr line and exit code 2."""
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert err.startswith("symgrad: error: ") and err.count("\n") == 1


@settings(max_examples=40, deadline=None)
@given(st.integers(-9, 9).filter(bool), st.integers(-20, 20), st.integers(-20, 20))
def test_quadratics_against_the_vertex_formula(a, b, c):
    """a·x² + b·x + c has one stationary point −b/(2a): a minimum iff a > 0, valued c − b²/(4a)."""
    e = explain_minimum(a * x**2 + b * x + c)
    check_gradient(e)
    vertex = Rational(-b, 2 * a)
    assert summary(e) == [({x: vertex}, c - Rational(b * b, 4 * a),
                           "minimum" if a > 0 else "maximum")]


def test_constant_function_is_said_to_be_constant():
    """A constant has f′ = 0 everywhere: a note, no points, no false claim."""
    e = explain_minimum("5", wrt="x")
    assert e.points == [] and "constant" in e.note
