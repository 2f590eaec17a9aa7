"""explain_minimum decides smooth periodic functions: the stationary points of one period,
the least value, and the family of points where it is taken, in words (English and Chinese)."""

from __future__ import annotations

import pytest
import sympy
from sympy import pi, sqrt

from symgrad import explain_minimum
from symgrad.analysis.periodic import least_value
from symgrad.i18n.language import language

x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(("f", "period", "least", "at"), [
    ("sin(x)", 2 * pi, -1, [3 * pi / 2]),
    ("cos(x)", 2 * pi, -1, [pi]),
    ("cos(2x) + 3", pi, 2, [pi / 2]),
    ("sin(x) + cos(x)", 2 * pi, -sqrt(2), [5 * pi / 4]),
    ("sin(x)^2", 2 * pi, 0, [0, pi]),
    ("exp(sin(x))", 2 * pi, sympy.exp(-1), [3 * pi / 2]),
])
def test_the_least_value_and_where(f, period, least, at):
    """The least value over ℝ and its points in one period, exactly."""
    e = explain_minimum(f)
    assert e.period == period
    value, points = least_value(e)
    assert sympy.simplify(value - least) == 0
    assert [p[x] for p in points] == at


def test_a_sum_of_periodic_terms_is_decided():
    """sin(x) + sin(2x): its least value is found among the roots of f′ on [0, 2π)."""
    e = explain_minimum("sin(x) + sin(2x)")
    value, points = least_value(e)
    grid = min(float(sympy.sin(t) + sympy.sin(2 * t)) for t in
               [k * 2 * 3.141592653589793 / 20000 for k in range(20000)])
    assert float(value) == pytest.approx(grid, abs=1e-6)


def test_the_conclusion_says_it_in_words():
    """The sentence names the value, the family x = x₀ + T·n and the period, in both languages."""
    def last(lines: str) -> str:  # π whether the printer spells it π or pi
        return lines.splitlines()[-1].replace("pi", "π")

    assert last(explain_minimum("sin(x)").text()) == (
        "The least value of f is −1, at x = 2·π·n + 3·π/2 (n any integer): "
        "f repeats with period 2·π.")
    with language("zh"):
        assert last(explain_minimum("sin(x)").text()) == (
            "f 的最小值是 −1，在 x = 2·π·n + 3·π/2 处取到（n 为任意整数）：f 以 2·π 为周期重复。")


def test_the_document_solves_for_the_whole_family():
    """The ⇔ row gives every solution on ℝ (x = x₀ + T·n), not only those of one period."""
    assert r"x = 2 \pi n + \frac{3 \pi}{2}" in explain_minimum("sin(x)").latex()


def test_what_is_not_periodic_is_left_as_before():
    """x + sin(x) is not periodic: no period, no least value claimed."""
    e = explain_minimum("x + sin(x)")
    assert e.period is None and least_value(e) is None
