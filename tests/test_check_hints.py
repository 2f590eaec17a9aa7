"""Hints for the classic slips: each appears for the slip, and never for a right answer."""

import pytest

from symgrad import Model, mse
from symgrad.check import check_derivative, check_gradient, check_loss

# Verdicts, not the time budget, are under test here (see generous_budget in conftest.py).
pytestmark = pytest.mark.usefixtures("generous_budget")


LOSS = mse(Model("w*x + b", inputs="x"))


@pytest.mark.parametrize(("function", "wrt", "wrong", "right", "hint"), [
    # forgot 1/m: the answer is m times the right one
    ("(w*x - y)^2/(2*m)", "w", "(w*x - y)*x", "(w*x - y)*x/m", "forgot 1/m"),
    ("sum_sq/m", "sum_sq", "1", "1/m", "forgot 1/m"),
    # negative powers: the exponent moved towards zero
    ("x^-2", "x", "-2x^-1", "-2x^-3", "negative power"),
    ("1/x^3", "x", "-3/x^2", "-3/x^4", "negative power"),
    ("(2x + 1)^-1", "x", "-2", "-2(2x + 1)^-2", "negative power"),
    # the derivative of a product written as the product of the derivatives
    ("x^2*sin(x)", "x", "2x cos(x)", "2x sin(x) + x^2 cos(x)", "product rule"),
    ("exp(x)*log(x)", "x", "exp(x)/x", "exp(x) log(x) + exp(x)/x", "product rule"),
])
def test_hint_appears_for_the_slip_and_not_for_the_right_answer(function, wrt, wrong, right,
                                                                  hint):
    """The slip gets its hint; the right answer gets none."""
    slip = check_derivative(function, wrt, wrong)
    assert (slip.ok, slip.hint) == (False, hint), slip.text()
    good = check_derivative(function, wrt, right)
    assert (good.ok, good.hint) == (True, None), good.text()
    assert "Hint" not in good.message


def test_forgot_one_over_m_in_a_batch_cost():
    """Σ (f − y)²/2 for the cost J is the sum, not the mean: hint 'forgot 1/m'."""
    slip = check_loss(LOSS, "sum (f - y)^2/2")
    assert (slip.ok, slip.hint) == (False, "forgot 1/m")
    assert "J = (1/m) Σᵢ ℓᵢ" in slip.message
    good = check_loss(LOSS, "1/m sum (f - y)^2/2")
    assert (good.ok, good.hint) == (True, None)
    latex = check_loss(LOSS, r"\sum_{i=1}^{m} \frac{1}{2}(f(x_i) - y_i)^2")
    assert (latex.ok, latex.hint) == (False, "forgot 1/m")


def test_one_over_m_too_many_in_a_per_sample_gradient():
    """The per-sample gradient has no 1/m: hint '1/m' when one is added, none when it is not."""
    slip = check_gradient(LOSS, "w", "(f - y)*x/m")
    assert (slip.ok, slip.hint) == (False, "1/m")
    good = check_gradient(LOSS, "w", "(f - y)*x")
    assert (good.ok, good.hint) == (True, None)


def test_hints_cost_no_simplify():
    """A hint is found by evaluation at points: a wrong answer to a 40th power gets its
    verdict (and a chain-rule hint) in well under a second of work."""
    import time

    start = time.monotonic()
    verdict = check_derivative("(3x + 1)^40", "x", "40(3x + 1)^39")
    assert (verdict.ok, verdict.hint) == (False, "chain rule")
    assert time.monotonic() - start < 3
