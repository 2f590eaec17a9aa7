"""Every function a course uses: parsed, differentiated by a named rule that agrees with
sympy.diff, printed, checked, and computed in NumPy without overflow where the math is finite."""

import random

import mpmath
import numpy as np
import pytest
import sympy

from symgrad import (
    ELU,
    GELU,
    Dense,
    LeakyReLU,
    Sequential,
    SiLU,
    Softplus,
    backprop,
    derive,
    mse,
    parse,
)
from symgrad.calculus.rules import ChainRule, diff_steps, walk
from symgrad.codegen import stable_forms
from symgrad.functions import elu, erf, gelu, leaky_relu, sigmoid, silu, softplus
from symgrad.numeric import numpy_function
from symgrad.render.printers.text import text
from tests.conftest import central_difference

x = sympy.Symbol("x", real=True)
a = sympy.Symbol("a", real=True)

# (text, the rule of the outer step, where the function is defined: a sampler of points)
FUNCTIONS = [
    ("sinh(x)", "sinh", lambda r: r.uniform(-3, 3)),
    ("cosh(x)", "cosh", lambda r: r.uniform(-3, 3)),
    ("tanh(x)", "tanh", lambda r: r.uniform(-3, 3)),
    ("sech(x)", "sech", lambda r: r.uniform(-3, 3)),
    ("csch(x)", "csch", lambda r: r.uniform(0.2, 3)),
    ("coth(x)", "coth", lambda r: r.uniform(0.2, 3)),
    ("asinh(x)", "arsinh", lambda r: r.uniform(-3, 3)),
    ("acosh(x)", "arcosh", lambda r: r.uniform(1.1, 4)),
    ("atanh(x)", "artanh", lambda r: r.uniform(-0.9, 0.9)),
    ("asin(x)", "arcsin", lambda r: r.uniform(-0.9, 0.9)),
    ("acos(x)", "arccos", lambda r: r.uniform(-0.9, 0.9)),
    ("atan(x)", "arctan", lambda r: r.uniform(-3, 3)),
    ("arctan(x)", "arctan", lambda r: r.uniform(-3, 3)),
    ("sec(x)", "sec", lambda r: r.uniform(-1.2, 1.2)),
    ("csc(x)", "csc", lambda r: r.uniform(0.2, 3)),
    ("cot(x)", "cot", lambda r: r.uniform(0.2, 3)),
    ("log(x, 2)", "log base", lambda r: r.uniform(0.1, 5)),
    ("sign(x)", "sign", lambda r: r.choice([-1, 1]) * r.uniform(0.1, 3)),
    ("erf(x)", "erf", lambda r: r.uniform(-3, 3)),
    ("sigmoid(x)", "sigmoid", lambda r: r.uniform(-3, 3)),
    ("relu(x)", "relu", lambda r: r.choice([-1, 1]) * r.uniform(0.1, 3)),
    ("leaky_relu(x, 0.2)", "leaky relu", lambda r: r.choice([-1, 1]) * r.uniform(0.1, 3)),
    ("leaky_relu(x)", "leaky relu", lambda r: r.choice([-1, 1]) * r.uniform(0.1, 3)),
    ("elu(x)", "elu", lambda r: r.choice([-1, 1]) * r.uniform(0.1, 3)),
    ("elu(x, 2)", "elu", lambda r: r.choice([-1, 1]) * r.uniform(0.1, 3)),
    ("softplus(x)", "softplus", lambda r: r.uniform(-3, 3)),
    ("silu(x)", "silu", lambda r: r.uniform(-3, 3)),
    ("swish(x)", "silu", lambda r: r.uniform(-3, 3)),
    ("gelu(x)", "gelu", lambda r: r.uniform(-3, 3)),
]


@pytest.mark.parametrize(("formula", "rule", "sample"), FUNCTIONS)
def test_rule_result_equals_sympy_diff_at_random_points(formula, rule, sample):
    """Each function's named rule, alone and inside a chain, gives sympy.diff's value."""
    rng = random.Random(formula)
    f = parse(formula)
    direct = diff_steps(f, x)
    assert direct.rule == rule
    inner = parse(formula.replace("x", "(x/2 + 1/10)", 1))
    chained = diff_steps(inner, x)
    assert isinstance(chained, ChainRule) and chained.outer.rule == rule
    for step, expr in ((direct, f), (chained, inner)):
        oracle = sympy.diff(expr, x)
        for _ in range(5):
            point = sympy.Rational(round(sample(rng) * 1000), 1000)
            if expr is inner:
                point = 2 * point - sympy.Rational(1, 5)
            ours, theirs = step.result.subs(x, point), oracle.subs(x, point)
            assert abs(sympy.N(ours - theirs, 30)) < 1e-25, (formula, point)


@pytest.mark.parametrize(("formula", "rule", "sample"), FUNCTIONS)
def test_rule_is_named_in_the_step_text(formula, rule, sample):
    """The step tree names the rule, as a textbook does ("arctan rule", "softplus rule")."""
    assert f"{rule} rule" in diff_steps(parse(formula), x).text()


def test_textbook_forms_of_the_derivatives():
    """The rules give the derivative the way a textbook writes it."""
    cases = {
        "atan(x)": 1 / (1 + x**2),
        "asin(x)": 1 / sympy.sqrt(1 - x**2),
        "cot(x)": -sympy.csc(x) ** 2,
        "sec(x)": sympy.sec(x) * sympy.tan(x),
        "softplus(x)": sigmoid(x),
        "log(x, 10)": 1 / (x * sympy.log(10)),
        "sign(x)": 0,
        "leaky_relu(x, 0.2)": sympy.Piecewise((1, x > 0), (sympy.Rational(1, 5), True)),
    }
    for formula, derivative in cases.items():
        assert diff_steps(parse(formula), x).result == derivative, formula


def test_kinks_are_named_as_caveats():
    """sign, leaky relu and elu with α ≠ 1 have no derivative at 0, and the steps say so."""
    from symgrad.calculus.rules import caveats

    assert caveats(diff_steps(parse("sign(x - 1)"), x)) == ["not differentiable where x − 1 = 0"]
    assert caveats(diff_steps(parse("leaky_relu(x)"), x)) == ["not differentiable where x = 0"]
    assert caveats(diff_steps(parse("elu(x)"), x)) == []
    assert caveats(diff_steps(parse("elu(x, 2)"), x)) == ["not differentiable where x = 0"]


def test_parameter_of_an_activation_that_varies_is_no_rule():
    """leaky_relu(x, x) has no rule: the slope must be a constant."""
    step = diff_steps(leaky_relu(x, x), x)
    assert step.rule == "unknown"


LATEX = [
    (r"\sinh(x)", sympy.sinh(x)),
    (r"\cosh^{2}(x)", sympy.cosh(x) ** 2),
    (r"\arctan(x)", sympy.atan(x)),
    (r"\arcsin(x) + \arccos(x)", sympy.asin(x) + sympy.acos(x)),
    (r"\sec(x)\tan(x)", sympy.sec(x) * sympy.tan(x)),
    (r"\log_{2}(x)", sympy.log(x) / sympy.log(2)),
    (r"\operatorname{softplus}(x)", softplus(x)),
    (r"\operatorname{leaky\_relu}(x, 0.2)", leaky_relu(x, sympy.Rational(1, 5))),
    (r"\operatorname{elu}(x)", elu(x)),
    (r"\operatorname{silu}(x)", silu(x)),
    (r"\operatorname{swish}(x)", silu(x)),
    (r"\operatorname{gelu}(x)", gelu(x)),
    (r"\operatorname{erf}(x)", erf(x)),
    (r"\operatorname{sgn}(x)", sympy.sign(x)),
    (r"\sinh^{-1}(x)", sympy.asinh(x)),
]


@pytest.mark.parametrize(("latex", "expected"), LATEX)
def test_latex_names_of_the_functions(latex, expected):
    """LaTeX spellings (\\sinh, \\arctan, \\operatorname{softplus}) read as the functions."""
    assert parse(latex) == expected


def test_bare_function_names_in_latex_are_refused_with_the_right_name():
    """sinh without a backslash in LaTeX would read as s·i·n·h: refused, naming sinh."""
    with pytest.raises(ValueError, match=r"'sinh' without a backslash"):
        parse(r"sinh(x) + \cosh(x)")


def test_printing_in_latex_and_text():
    """Each activation prints under its name in LaTeX and in text; reading the text back works."""
    assert sympy.latex(softplus(x)) == r"\operatorname{softplus}\left(x\right)"
    assert sympy.latex(leaky_relu(x, sympy.Rational(1, 5))) == \
        r"\operatorname{leaky\_relu}\left(x, \frac{1}{5}\right)"
    assert sympy.latex(gelu(x) ** 2) == r"\operatorname{gelu}^{2}\left(x\right)"
    for f in (softplus(x), leaky_relu(x, sympy.Rational(1, 5)), elu(x, 2), silu(x), gelu(x),
              erf(x), sympy.atan(x), sympy.acosh(x)):
        assert parse(text(f).replace("·", "*")) == f
        assert parse(sympy.latex(f)) == f


def test_exact_values_at_numbers():
    """At numbers the activations are exact, as the user's numbers are."""
    assert leaky_relu(-3) == sympy.Rational(-3, 100)
    assert elu(-1, 2) == 2 * (sympy.exp(-1) - 1)
    assert softplus(0) == sympy.log(2)
    assert silu(0) == 0 and gelu(0) == 0
    assert sympy.N(gelu(1), 20) == sympy.N((1 + sympy.erf(1 / sympy.sqrt(2))) / 2, 20)


STABLE = [
    ("softplus(u)", [800.0, -800.0, 0.0], lambda u: mpmath.log(1 + mpmath.exp(u))),
    ("gelu(u)", [-40.0, -5.0, 0.3, 40.0], lambda u: u * (1 + mpmath.erf(u / mpmath.sqrt(2))) / 2),
    ("log(sigmoid(u))", [-800.0, -30.0, 0.0, 30.0, 800.0],
     lambda u: -mpmath.log(1 + mpmath.exp(-u))),
    ("log(1 - sigmoid(u))", [-800.0, 0.0, 30.0, 800.0],
     lambda u: -mpmath.log(1 + mpmath.exp(u))),
    ("silu(u)", [-800.0, -40.0, 0.5, 800.0], lambda u: u / (1 + mpmath.exp(-u))),
    ("elu(u)", [-800.0, -1e-12, 2.0, 800.0], lambda u: u if u > 0 else mpmath.exp(u) - 1),
    ("leaky_relu(u, 0.2)", [-800.0, 3.0], lambda u: u if u > 0 else u / 5),
    ("erf(u)", [-30.0, 0.1, 3.0], mpmath.erf),
]


@pytest.mark.parametrize(("formula", "points", "exact"), STABLE)
def test_numpy_forms_are_finite_where_the_math_is(formula, points, exact):
    """softplus(800), gelu(−40), log σ(−800) …: finite, without warnings, and accurate."""
    u = sympy.Symbol("u", real=True)
    f = numpy_function([u], parse(formula))
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = f(np.array(points))
    mpmath.mp.dps = 40
    for value, point in zip(np.broadcast_to(values, (len(points),)), points):
        truth = float(exact(mpmath.mpf(point)))
        assert np.isfinite(value)
        assert value == pytest.approx(truth, rel=1e-12, abs=1e-300), (formula, point)


def test_stable_forms_keep_the_value():
    """The rewrite of log σ is an identity, not an approximation."""
    u = sympy.Symbol("u", real=True)
    e = sympy.log(sigmoid(u)) - 3 * sympy.log(1 - sigmoid(2 * u))
    rewritten = stable_forms(e)
    assert not rewritten.has(sympy.log(sigmoid(u)))
    for point in (sympy.Rational(-7, 3), 0, sympy.Rational(5, 2)):
        assert abs(sympy.N((e - rewritten).subs(u, point), 30)) < 1e-25


ACTIVATIONS = [Softplus(), LeakyReLU("0.2"), ELU(2), SiLU(), GELU()]


@pytest.mark.parametrize("activation", ACTIVATIONS, ids=repr)
def test_a_network_layer_can_use_every_activation(activation):
    """Backprop's vector view equals the scalar view and central differences for each one."""
    loss = mse(Sequential(Dense(2, 2), activation, Dense(2, 1)))
    net = loss.model.network
    rng = np.random.default_rng(5)
    params = [(rng.normal(size=(d.n_out, d.n_in)), rng.normal(size=d.n_out)) for d in net.dense]
    X, Y = rng.uniform(-1, 1, (4, 2)), rng.uniform(-1, 1, (4, 1))
    grads, _, _ = backprop(loss).run(params, X, Y)
    values = {}
    for d, (W, b) in zip(net.dense, params):
        values.update(zip(d.W, W.ravel()))
        values.update(zip(d.b, b))
    symbols = list(values)
    data = (*net.inputs, *loss.targets)
    scalar = derive(loss).gradient
    grad_fn = numpy_function([*symbols, *data], [scalar[p] for p in symbols])
    J_fn = numpy_function([*symbols, *data], loss.sample)
    cols = [*X.T, *Y.T]
    point = np.array([values[p] for p in symbols])
    expected = np.array([np.mean(np.broadcast_to(g, (4,))) for g in grad_fn(*point, *cols)])
    ours = np.concatenate([g.ravel() for pair in grads for g in pair if g is not None])
    assert np.allclose(ours, expected, rtol=1e-9, atol=1e-12)
    fd = central_difference(lambda v: np.mean(J_fn(*v, *cols)), point)
    assert np.allclose(ours, fd, atol=1e-5)
    assert any(walk_rule == activation.name.split("(")[0].replace("_", " ")
               for walk_rule in (s.rule for s in walk(backprop(loss).local[activation.name].steps)))
