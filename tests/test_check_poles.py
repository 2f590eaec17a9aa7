"""Counterexamples only where both sides exist, away from poles and kinks, re-checked exactly
(issue 20, item 3).

A point a hair from a pole (a denominator ≈ 0) or a kink (|u|, sign u, max with u ≈ 0,
relative to the size of u's own terms) is no counterexample: there the 60-digit quick look
loses its digits to cancellation, so a right answer could look wrong (the old behaviour, shown
below by switching the margin off), and a counterexample a hair from a pole, even when exact,
shows numbers no one can read.  Such a point is tried only when no other point decides, and
then exactly; every "wrong" is re-checked at an exact rational point.
"""

from __future__ import annotations

import pytest
import sympy
from sympy import Abs, Rational, sign

import symgrad
import symgrad.check.equality as equality
from symgrad.check.equality import NEAR, agree, compare, differ_at
from symgrad.check.kinks import MARGIN, near_singularity
from symgrad.functions import relu
from symgrad.parsing import symbol

X = sympy.Symbol("x", real=True)
THIRD = {X: Rational(1, 3)}  # the fourth test point of every one-variable comparison


@pytest.fixture
def old(monkeypatch):
    """The behaviour before: no margin around poles and kinks."""
    monkeypatch.setattr(equality, "near_singularity", lambda expr, point: False)


def _away(u: sympy.Expr, point: dict) -> bool:
    """|u| at the point is more than MARGIN of the size of u's terms."""
    terms = u.args if u.is_Add else (u,)
    return abs(u.xreplace(point)) > MARGIN * sum(abs(t.xreplace(point)) for t in terms)


def test_near_a_pole_or_a_kink_is_seen():
    c = Rational(1, 3) + Rational(1, 10**12)
    assert near_singularity(1 / (X - c), THIRD)
    assert near_singularity(sympy.log(X - c), THIRD)
    assert near_singularity(sympy.sqrt(X - c + Rational(1, 10**13)), THIRD)
    assert near_singularity(Abs(3 * X - 3 * c), THIRD)
    assert near_singularity(relu(X - c), THIRD)
    assert near_singularity(sympy.Max(X, c), THIRD)
    assert not near_singularity(1 / (X - 1), THIRD)
    assert not near_singularity(Abs(X - Rational(1, 2)), THIRD)
    assert not near_singularity((X - c) ** 2, THIRD)  # a power of u is smooth: no pole


# --------------------------------------------------------------------------- rational function

C55 = Rational(1, 3) + Rational(1, 10**55)  # a pole 10⁻⁵⁵ from the test point 1/3


def test_old_a_right_rewriting_of_a_rational_function_looked_wrong(old):
    """Before: 1/(x − c) and x/(x² − cx) (equal for x ≠ 0) "differed" at x = 1/3 by 10⁻⁵
    relative — 60 digits minus 55 lost to cancellation — so a hint saw two equal answers as
    different, with values that are not theirs."""
    e, c = 1 / (X - C55), X / (X**2 - C55 * X)
    assert agree(e, c) is False
    bogus = differ_at(e, c, THIRD, certify=False)
    exact = e.xreplace(THIRD)
    assert bogus.expected != bogus.claimed
    assert exact == c.xreplace(THIRD) == -(10**55)


def test_now_the_point_is_skipped_and_the_two_agree():
    e, c = 1 / (X - C55), X / (X**2 - C55 * X)
    assert differ_at(e, c, THIRD, certify=False) is NEAR
    assert differ_at(e, c, THIRD, near=True) is True  # exactly: equal there
    assert agree(e, c) is True
    assert compare(e, c).ok is True


def test_a_wrong_answer_gets_its_counterexample_away_from_the_pole(old):
    """d/dx 1/(x − c) with c = 1 + 10⁻¹²: before, the counterexample to the sign slip was at
    x = 1, 10⁻¹² from the pole, with values of size 10²⁴."""
    c = 1 + Rational(1, 10**12)
    assert compare(-1 / (X - c) ** 2, 1 / (X - c) ** 2).counterexample.point == {X: 1}


def test_now_the_counterexample_is_away_from_the_pole_and_exact():
    c = 1 + Rational(1, 10**12)
    expected, claimed = -1 / (X - c) ** 2, 1 / (X - c) ** 2
    result = compare(expected, claimed)
    point = result.counterexample.point
    assert result.ok is False and point == {X: 2}
    assert _away(X - c, point)
    # the values shown are the exact ones, re-checked at the exact rational point
    assert result.counterexample.expected == expected.xreplace(point) == -Rational(
        10**24, (10**12 - 1) ** 2)
    assert result.counterexample.claimed == claimed.xreplace(point)


def test_the_public_checker_near_a_pole():
    """Through check_derivative: a pole 10⁻¹² from x = 1 (typed as a decimal, read exactly)."""
    f = "1/(x - 1.000000000001)"
    wrong = symgrad.check_derivative(f, "x", "1/(x - 1.000000000001)^2")
    assert wrong.status == "wrong" and wrong.counterexample.point == {symbol("x"): 2}
    assert symgrad.check_derivative(f, "x", "-1/(x - 1.000000000001)^2").status == "right"
    assert symgrad.check_derivative(f, "x", "-1/(x^2 - 2.000000000002x + 1.000000000002000000"
                                           "000001)").status == "right"


# --------------------------------------------------------------------------- |x| and sign

C62 = Rational(1, 3) + Rational(1, 10**62)  # a kink 10⁻⁶² from 1/3: below 60 digits


def test_old_a_sign_near_its_kink_was_read_as_zero(old):
    """Before: at x = 1/3, sign(x − c) looked like sign(0) = 0 in 60 digits while
    sign(7x − 7c) looked like −1: a "difference" that is not there (both are −1)."""
    e, c = sign(X - C62), sign(7 * X - 7 * C62)
    bogus = differ_at(e, c, THIRD, certify=False)
    assert (bogus.expected, bogus.claimed) == (0, -1)
    assert e.xreplace(THIRD) == c.xreplace(THIRD) == -1


def test_now_the_sign_is_evaluated_exactly_there():
    e, c = sign(X - C62), sign(7 * X - 7 * C62)
    assert differ_at(e, c, THIRD, certify=False) is NEAR
    assert differ_at(e, c, THIRD, near=True) is True


def test_old_the_counterexample_sat_at_the_kink(old):
    """|x − c|′ = sign(x − c) with c a hair above 1/3, the answer sign(x): before, "wrong at
    x = 1/3", a point 10⁻⁷⁰ from the kink."""
    c = Rational(1, 3) + Rational(1, 10**70)
    assert compare(sign(X - c), sign(X)).counterexample.point == THIRD


def test_now_the_counterexample_is_away_from_the_kink():
    c = Rational(1, 3) + Rational(1, 10**70)
    result = compare(sign(X - c), sign(X))
    assert result.counterexample.point == {X: Rational(1, 7)}
    assert (result.counterexample.expected, result.counterexample.claimed) == (-1, 1)
    v = symgrad.check_derivative("|x - 0.3333333333333333333333|", "x", "sign(x)")
    assert v.status == "wrong" and "at x = 1/7: expected −1, claimed 1" in str(v.message)


def test_a_difference_only_a_hair_from_a_kink_is_still_found_exactly():
    """sign(x − c) and sign(x − d) differ only between d and c, 2·10⁻⁷⁰ wide around 1/3: no
    point away from the kinks shows it, so the near point decides — exactly, never lost."""
    c = Rational(1, 3) + Rational(1, 10**70)
    d = Rational(1, 3) - Rational(1, 10**70)
    result = compare(sign(X - c), sign(X - d))
    assert result.ok is False and result.counterexample.point == THIRD
    assert (result.counterexample.expected, result.counterexample.claimed) == (-1, 1)
