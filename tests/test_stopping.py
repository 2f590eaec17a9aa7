"""One stopping rule for every descent loop (symgrad/numeric/stopping.py): the NumPy loop of a
formula model, exact descent, a network's NumPy loop and the two generated numba loops stop at
the same step for the same reason on the same problem.

The problem is linear regression, J = Σ(w·x + b − y)²/2m on three points, written as a formula
(w = W1_1_1, b = b1_1) and as the network Sequential(Dense(1, 1)); the expected steps come from
an independent oracle, the same descent in Python fractions.
"""

import importlib.util
import os
from fractions import Fraction

import pytest
import sympy

from symgrad import Dense, DivergenceError, Model, Sequential, descend, mse
from symgrad.numeric.stopping import DIVERGED, GO, STEPS, TOLERANCE, verdict

X, Y = [[1], [2], [3]], [1, 3, 2]
START = {"W1_1_1": 0, "b1_1": 0}
FORMULA = mse(Model("W1_1_1*x + b1_1", inputs="x"))
NETWORK = mse(Sequential(Dense(1, 1)))


def oracle(lr: Fraction, steps: int) -> list[Fraction]:
    """J at θ₀ … θ_steps, by hand: ∂J/∂w = Σ(w·x + b − y)·x/m, ∂J/∂b = Σ(w·x + b − y)/m."""
    w = b = Fraction(0)
    history = []
    for _ in range(steps + 1):
        r = [w * x + b - t for (x,), t in zip(X, Y)]
        history.append(sum(e * e for e in r) / (2 * len(r)))
        gw = sum(e * x for e, (x,) in zip(r, X)) / len(r)
        w, b = w - lr * gw, b - lr * sum(r) / len(r)
    return history


def numba_available() -> bool:
    if importlib.util.find_spec("numba") is not None:
        return True
    if os.environ.get("SYMGRAD_REQUIRE_TOOLS"):
        pytest.fail("numba is required in CI (pip install '.[fast]') but is not installed")
    return False


def runs(lr: Fraction, steps: int, tol=None) -> dict:
    """Every loop on the problem: name → a function running it (the numba ones when numba is
    installed; with a callback, the numba backend of a network runs its NumPy loop's code)."""
    common = {"steps": steps, "init": START, "tol": tol}
    loops = {
        "formula numpy": lambda: descend(FORMULA, X, Y, lr=float(lr), **common),
        "exact": lambda: descend(FORMULA, X, Y, lr=sympy.Rational(lr.numerator, lr.denominator),
                                 exact=True, **common),
        "network numpy": lambda: descend(NETWORK, X, Y, lr=float(lr), **common),
    }
    if numba_available():
        loops["formula numba"] = lambda: descend(FORMULA, X, Y, lr=float(lr), backend="numba",
                                                 **common)
        loops["network numba"] = lambda: descend(NETWORK, X, Y, lr=float(lr), backend="numba",
                                                 **common)
    return loops


def test_the_oracle_agrees_with_the_exact_descent():
    fit = descend(FORMULA, X, Y, lr=sympy.Rational(1, 5), steps=12, init=START, exact=True)
    assert fit.history == [sympy.Rational(v.numerator, v.denominator)
                           for v in oracle(Fraction(1, 5), 12)]


def test_every_loop_stops_at_the_tolerance_at_the_same_step():
    """|J₉ − J₈| = 0.000986 is the first change ≤ 0.001 (J₈ − J₇ = 0.001035): step 9."""
    J = oracle(Fraction(1, 5), 20)
    changes = [abs(J[k] - J[k - 1]) for k in range(1, 21)]
    assert next(k for k, d in enumerate(changes, start=1) if d <= Fraction(1, 1000)) == 9
    for name, run in runs(Fraction(1, 5), 500, tol=1e-3).items():
        fit = run()
        assert (fit.steps, fit.stopped) == (9, "tolerance"), name
        assert fit.history == pytest.approx([float(v) for v in J[:10]], rel=1e-12), name


def test_every_loop_runs_all_its_steps_when_the_tolerance_is_not_reached():
    J = oracle(Fraction(1, 5), 7)
    for name, run in runs(Fraction(1, 5), 7, tol=1e-6).items():
        fit = run()
        assert (fit.steps, fit.stopped) == (7, "steps"), name
        assert fit.history == pytest.approx([float(v) for v in J], rel=1e-12), name


def test_zero_steps_evaluate_J_once():
    for name, run in runs(Fraction(1, 5), 0).items():
        fit = run()
        assert (fit.history, fit.stopped) == ([pytest.approx(7 / 3)], "steps"), name


def test_every_loop_diverges_at_the_same_step():
    """With α = 1, J₈ ≈ 6.8·10¹⁰ is the first J past 10¹⁰·(1 + J₀) ≈ 3.3·10¹⁰."""
    J = oracle(Fraction(1), 20)
    assert next(k for k, v in enumerate(J) if v > 10**10 * (1 + J[0])) == 8
    for name, run in runs(Fraction(1), 1000).items():
        with pytest.raises(DivergenceError, match="diverged at step 8") as e:
            run()
        assert e.value.step == 8, name


def test_a_callback_sees_every_update_up_to_the_stop():
    """callback(k, J) after each update k = 1 … 9, with J before that update."""
    J = oracle(Fraction(1, 5), 9)
    for loss in (FORMULA, NETWORK):
        for backend in ("numpy", "numba") if numba_available() else ("numpy",):
            seen: list = []
            fit = descend(loss, X, Y, lr=0.2, steps=500, init=START, tol=1e-3, backend=backend,
                          callback=lambda k, v, seen=seen: seen.append((k, v)))
            assert fit.steps == 9
            assert [k for k, _ in seen] == list(range(1, 10))
            assert [v for _, v in seen] == pytest.approx([float(v) for v in J[:9]], rel=1e-12)


def test_the_rule_itself():
    assert verdict(0, 5, float("inf"), float("inf"), -1.0, 1e308) == DIVERGED
    assert verdict(1, 5, 2.0, 2.0, 0.0, 1e10) == TOLERANCE
    assert verdict(1, 5, 2.0, 2.0, -1.0, 1e10) == GO
    assert verdict(5, 5, 2.0, 2.0, 0.0, 1e10) == STEPS  # the last step asked for comes first
    assert verdict(2, 5, 3e10 + 1, 2.0, -1.0, 3e10) == DIVERGED
