"""descend: full-batch gradient descent, exact or in floats, from the derived gradients."""

import numpy as np
import pytest
from sympy import Rational

from symgrad import DivergenceError, Model, bce, descend, distance, mse

WATERMELON = Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
LINE = Model("w*x", inputs="x")


def watermelon_data(m=100, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(m, 3))
    return X, 2 * X[:, 0] - X[:, 1] ** 2 + 0.5 * X[:, 2] ** 3 + 3


def test_exact_descent_by_hand():
    """w·x on (1, 2), (2, 4) with α = 1/5: w goes 0 → 1 → 3/2 and J 5 → 5/4 → 5/16."""
    fit = descend(mse(LINE), [[1], [2]], [2, 4], lr=Rational(1, 5), steps=2, exact=True)
    assert fit.params == {"w": Rational(3, 2)}
    assert fit.history == [5, Rational(5, 4), Rational(5, 16)]
    assert all(isinstance(J, Rational) for J in fit.history)
    assert list(fit.predict([[4]])) == [6]


def test_exact_and_float_runs_agree():
    """The same updates in rationals and in floats give the same numbers."""
    X, y = [[1, 0, 2], [0, 1, -1], [1, 1, 1], [2, -1, 0]], [3, 1, 4, 2]
    exact = descend(mse(WATERMELON), X, y, lr=Rational(1, 20), steps=10, exact=True)
    floats = descend(mse(WATERMELON), X, y, lr=0.05, steps=10)
    assert np.allclose([float(v) for v in exact.history], floats.history, rtol=1e-12)
    for name, value in exact.params.items():
        assert floats.params[name] == pytest.approx(float(value), rel=1e-12)


def test_matches_hand_written_numpy():
    """Every J in the history equals a hand-written NumPy loop's, step for step."""
    X, y = watermelon_data()
    fit = descend(mse(WATERMELON), X, y, lr=0.3, steps=50)
    a = b = c = d = 0.0
    for k in range(50):
        r = a * X[:, 0] + b * X[:, 1] ** 2 + c * X[:, 2] ** 3 + d - y
        assert fit.history[k] == pytest.approx(0.5 * np.mean(r**2), rel=1e-12)
        a, b, c, d = (p - 0.3 * np.mean(r * g) for p, g in
                      zip((a, b, c, d), (X[:, 0], X[:, 1] ** 2, X[:, 2] ** 3, 1.0)))
    assert fit.params["d"] == pytest.approx(d, rel=1e-12)


def test_watermelon_coefficients_are_recovered():
    """From exact data, descent recovers a = 2, b = −1, c = 1/2, d = 3."""
    X, y = watermelon_data(200)
    fit = descend(mse(WATERMELON), X, y, lr=0.5, steps=4000)
    expected = {"a": 2.0, "b": -1.0, "c": 0.5, "d": 3.0}
    assert fit.params == pytest.approx(expected, abs=1e-3)
    assert fit.history[-1] < 1e-7
    assert len(fit.history) == 4001
    assert np.allclose(fit.predict(X), y, atol=1e-3)


def test_logistic_regression_separates():
    """bce with a sigmoid model learns a separable labelling."""
    X = np.array([[-2.0], [-1.0], [-0.5], [0.5], [1.0], [2.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    fit = descend(bce(Model("sigmoid(w*x + b)", inputs="x")), X, y, lr=1.0, steps=200)
    assert fit.history[-1] < fit.history[0] / 5
    assert ((fit.predict(X) > 0.5) == (y == 1)).all()


def test_init_and_tol():
    """init starts named parameters elsewhere; tol stops once J changes by at most tol."""
    fit = descend(mse(LINE), [[1], [2]], [2, 4], lr=0.2, steps=1000, init={"w": 1.5}, tol=1e-12)
    assert fit.history[0] == pytest.approx(0.3125)
    assert fit.steps < 1000
    assert fit.params["w"] == pytest.approx(2.0, abs=1e-5)


def test_divergence_names_the_step_and_suggests_smaller_lr():
    """Too large a learning rate raises DivergenceError saying where and what to try."""
    X, y = watermelon_data()
    with pytest.raises(DivergenceError, match="smaller learning rate") as e:
        descend(mse(WATERMELON), X, y, lr=50, steps=1000)
    assert 0 < e.value.step < 1000


def test_undefined_gradient_is_an_error_not_nan():
    """sqrt((f − y)²) has no derivative where f = y: descent says so instead of producing NaN."""
    with pytest.raises(ValueError, match="not finite at step 0.*not differentiable"):
        descend(distance(LINE), [[1], [2]], [0, 0], lr=0.1, steps=3)


@pytest.mark.parametrize(
    ("X", "y", "kwargs", "message"),
    [
        ([[1, 2]], [1], {}, r"X must have shape \(m, 1\)"),
        ([[1], [2]], [1], {}, "X has 2 rows but y has 1"),
        ([[1], [2]], [[1, 2], [3, 4]], {}, r"y must have shape \(m, 1\)"),
        ([[1], [np.nan]], [1, 2], {}, "NaN"),
        ([], [], {}, "shape|no samples"),
        ([[1]], [1], {"lr": -1}, "lr must be a positive"),
        ([[1]], [1], {"steps": 2.5}, "steps must be a whole number"),
        ([[1]], [1], {"init": {"q": 1}}, "not a parameter"),
        ([[0.5]], [1], {"exact": True, "lr": Rational(1, 2)}, "exact numbers"),
        ([[1]], [1], {"exact": True, "lr": 0.5}, "exact learning rate"),
    ],
)
def test_bad_arguments_say_what_was_expected(X, y, kwargs, message):
    """Wrong shapes and values raise ValueError naming what was expected."""
    kwargs = {"lr": 0.1, "steps": 3, **kwargs}
    with pytest.raises(ValueError, match=message):
        descend(mse(LINE), X, y, **kwargs)


def test_exact_descent_refuses_irrational_values():
    """exact=True with a sigmoid model cannot stay rational and says so."""
    loss = bce(Model("sigmoid(w*x)", inputs="x"))
    with pytest.raises(ValueError, match="stay rational"):
        descend(loss, [[1]], [1], lr=Rational(1, 2), steps=2, exact=True)


def test_saturated_sigmoid_keeps_the_loss_finite():
    """σ(u) rounding to 1.0 must not make bce's 0·log 0 a NaN: log σ is computed stably."""
    X = [[0, 0], [0, 2], [1, 1], [10, 10], [10, 12], [11, 11]]
    y = [0, 0, 0, 1, 1, 1]
    loss = bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1,x2"))
    fit = descend(loss, X, y, lr=1, steps=200)
    assert all(np.isfinite(fit.history))
    assert fit.history[-1] < 0.01
