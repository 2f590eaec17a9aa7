"""The checker's table: right answers in unusual forms are right, and no wrong answer — however
adversarial (equal at every integer, wrong only for x < 0, off by 10⁻²⁰, the question restated)
— is ever called right."""

import pytest

from symgrad.check import check_derivative
from tests.test_check import DERIVATIVES

# (function, claimed derivative d/dx, expected ok, hint category of a wrong answer or None)
TABLE = [
    # ---- right, in unusual but equivalent forms
    ("tanh(x)", "sech(x)^2", True, None),
    ("tanh(x)", "1/cosh(x)^2", True, None),
    ("tanh(x)", "4/(exp(x) + exp(-x))^2", True, None),
    ("tanh(x)", r"\frac{4}{(e^{x} + e^{-x})^{2}}", True, None),
    ("tanh(3x)", "3 sech(3x)^2", True, None),
    ("sigmoid(3x)", "3 sigmoid(3x) (1 - sigmoid(3x))", True, None),
    ("sigmoid(3x)", "3exp(-3x)/(1 + exp(-3x))^2", True, None),
    ("sigmoid(x)", "1/(2 + 2cosh(x))", True, None),
    ("softplus(x)", "sigmoid(x)", True, None),
    ("softplus(x)", "exp(x)/(1 + exp(x))", True, None),
    ("log(1 + exp(x))", "sigmoid(x)", True, None),
    ("softplus(2x)", "2 sigmoid(2x)", True, None),
    ("silu(x)", "sigmoid(x) + x sigmoid(x) (1 - sigmoid(x))", True, None),
    ("swish(x)", "sigmoid(x) (1 + x (1 - sigmoid(x)))", True, None),
    ("gelu(x)", "(1 + erf(x/sqrt(2)))/2 + x exp(-x^2/2)/sqrt(2 pi)", True, None),
    ("erf(x)", "2 exp(-x^2)/sqrt(pi)", True, None),
    ("erf(3x)", r"\frac{6}{\sqrt{\pi}} e^{-9x^{2}}", True, None),
    ("atan(x)", "1/(1 + x^2)", True, None),
    ("arctan(2x)", "2/(1 + 4x^2)", True, None),
    ("atan(x)", r"\frac{1}{x^{2}+1}", True, None),
    ("asin(x)", "1/sqrt(1 - x^2)", True, None),
    ("acos(x)", "-1/sqrt(1 - x^2)", True, None),
    ("asinh(x)", "1/sqrt(x^2 + 1)", True, None),
    ("atanh(x)", "1/(1 - x^2)", True, None),
    ("sinh(x)", "cosh(x)", True, None),
    ("cosh(x)", "sinh(x)", True, None),
    ("cosh(x)", "(exp(x) - exp(-x))/2", True, None),
    ("sinh(2x)", r"2\cosh(2x)", True, None),
    ("sec(x)", "sec(x) tan(x)", True, None),
    ("sec(x)", "sin(x)/cos(x)^2", True, None),
    ("cot(x)", "-csc(x)^2", True, None),
    ("cot(x)", "-1 - cot(x)^2", True, None),
    ("csc(x)", "-csc(x) cot(x)", True, None),
    ("log(x, 2)", "1/(x ln(2))", True, None),
    ("log(x, 10)", r"\frac{1}{x \ln(10)}", True, None),
    ("log(x^2, 2)", "2/(x log(2))", True, None),
    ("sign(x) + x", "1", True, None),
    ("x^x", "x^x (log(x) + 1)", True, None),
    ("x^-2", "-2x^-3", True, None),
    ("1/x^2", "-2/x^3", True, None),
    ("x/2", "0.5", True, None),
    ("x^2/2", "1.0x", True, None),
    ("(x^2 + 1)^3", "6x (x^2 + 1)^2", True, None),
    ("sqrt(x^2 + 1)", "x/sqrt(x^2 + 1)", True, None),
    ("exp(x)*sin(x)", "e^x (sin(x) + cos(x))", True, None),
    ("log(sin(x))", "cot(x)", True, None),
    ("log(cos(x))", "-tan(x)", True, None),
    # ---- paper notation, read as a grader reads it
    ("sin(x^2)", "2x cos(x^2)", True, None),
    ("sin(x^2)", "2xcos(x^2)", True, None),
    ("x*exp(x)", "x e^x + e^x", True, None),
    ("x*exp(x)", r"x e^{x} + e^{x}", True, None),
    ("x*exp(x)", "(x + 1)e^x", True, None),
    ("(x + 1)*(x - 1)", "(x + 1) + (x - 1)", True, None),
    ("x^2*(x + 1)", "x(3x + 2)", True, None),
    ("x^3", "3x x", True, None),
    ("x^2 * sin(x)", "2x sin(x) + x^2 cos(x)", True, None),
    # ---- adversarial wrong answers: never right
    ("x^2", "2x + sin(pi x)", False, None),
    ("x^2", "2x + sin(2 pi x)", False, None),
    ("x^2", "2x + sin(pi*x)^2", False, None),
    ("x^2", "2x + (x - 1)(x - 2)(x - 3)(x + 1)(x + 2)(2x - 1)(3x - 1)", False, None),
    ("x^2", "2 abs(x)", False, None),
    ("x*abs(x)", "2x", False, None),
    ("sqrt(x^2)", "1", False, None),
    ("x^2", "2x + (x - abs(x))", False, None),
    ("x^3", "3x^2 + 1e-20", False, "constant"),
    ("x^3", "3x^2 + 1e-20 x", False, None),
    ("x^3", "3x^2 (1 + 1e-20)", False, "factor"),
    ("x^x", "x x^(x - 1)", False, None),
    ("x^x", "x*x^(x-1)", False, None),
    ("x^x", "x^x log(x)", False, None),
    ("exp(x)", "exp(x) + 1e-30", False, "constant"),
    ("x^2", "2x + 0.000000000000000000001", False, "constant"),
    ("atan(2x)", "1/(1 + 4x^2)", False, "chain rule"),
    ("softplus(2x)", "sigmoid(2x)", False, "chain rule"),
    ("tanh(x)", "sech(x)", False, None),
    ("tanh(x)", "1 + tanh(x)^2", False, "tanh"),
    ("sigmoid(3x)", "sigmoid(3x) (1 - sigmoid(3x))", False, "chain rule"),
    ("silu(x)", "sigmoid(x)", False, None),
    ("log(x, 2)", "1/x", False, "factor"),
    ("asin(x)", "1/sqrt(1 + x^2)", False, None),
    ("acos(x)", "1/sqrt(1 - x^2)", False, "sign"),
    ("cosh(x)", "-sinh(x)", False, "sign"),
    # ---- negative powers and the product rule
    ("x^-2", "-2x^-1", False, "negative power"),
    ("1/x^2", "-2/x", False, "negative power"),
    ("x^-3", "-3x^-2", False, "negative power"),
    ("x^2*sin(x)", "2x cos(x)", False, "product rule"),
    ("exp(x)*sin(x)", "exp(x)*cos(x)", False, "product rule"),
    ("x^3*log(x)", "3x^2/x", False, "product rule"),
    # ---- the question restated: not an answer, in Python style and in LaTeX
    ("sin(x^2)", r"\frac{d}{dx}\sin(x^2)", False, "not an answer"),
    ("sin(x^2)", r"\frac{d}{dx}\left(\sin(x^{2})\right)", False, "not an answer"),
    ("sin(x^2)", "d/dx sin(x^2)", False, "not an answer"),
    ("sin(x^2)", "d/dx(sin(x^2))", False, "not an answer"),
    ("x^3", "Derivative(x^3, x)", False, "not an answer"),
    ("x^3", "diff(x^3, x)", False, "not an answer"),
    ("x^3", r"\frac{\partial}{\partial x} x^{3}", False, "not an answer"),
    ("x^3", "∂/∂x x^3", False, "not an answer"),
    ("x^3", r"\int 3x^2 dx", False, "not an answer"),
    ("x^3", "integrate(x^3, x)", False, "not an answer"),
    ("x^3", r"\lim_{h \to 0} ((x+h)^3 - x^3)/h", False, "not an answer"),
    ("x^3", "limit(((x+h)^3 - x^3)/h, h, 0)", False, "not an answer"),
    ("x^2", r"2x + \frac{d}{dx}(0)", False, "not an answer"),
]


@pytest.mark.parametrize(("function", "claimed", "ok", "hint"), TABLE)
def test_table(function, claimed, ok, hint):
    """Each answer gets its verdict, and a wrong one its hint."""
    verdict = check_derivative(function, "x", claimed)
    assert verdict.ok is ok, verdict.text()
    if ok is False:
        assert verdict.hint == hint, verdict.text()


# Verdicts, not the time budget, are under test here (see generous_budget in conftest.py).
pytestmark = pytest.mark.usefixtures("generous_budget")


def test_the_table_is_large_and_calls_no_wrong_answer_right():
    """At least 120 answers in all; every wrong one is expected wrong, none undecided."""
    everything = DERIVATIVES + TABLE
    assert len(everything) >= 120
    assert sum(1 for *_, ok, _ in everything if ok is False) >= 60
    assert all(ok in (True, False) for *_, ok, _ in everything)
