"""What a descent returns (Fit), and the checks on its inputs shared by every way to descend."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Rational as _RationalNumber

import numpy as np
import sympy

from .errors import DivergenceError
from .losses import Loss

#: J growing past this multiple of (1 + J₀) counts as exploding.
EXPLOSION = 1e10


@dataclass
class Fit:
    """The result of ``descend``: fitted parameters, the loss history and a predictor.

    ``history[0]`` is J before the first step and ``history[k]`` J after step k.
    """

    loss: Loss
    params: dict[str, object]
    history: list
    lr: object
    exact: bool
    _predict: Callable = field(repr=False)
    #: For a network: the trained [(W, b)] arrays per layer.
    arrays: list | None = field(default=None, repr=False)

    @property
    def steps(self) -> int:
        """How many steps were run (fewer than asked when ``tol`` stopped it early)."""
        return len(self.history) - 1

    def predict(self, X) -> np.ndarray:
        """The fitted model's outputs for the rows of X: shape (m,) or (m, k)."""
        return self._predict(X)

    def plot_loss(self, path=None, **kwargs):
        """J per step as a matplotlib Figure (saved when ``path`` is given); see plot.loss_curve.

        >>> from symgrad import Model, descend, mse
        >>> fit = descend(mse(Model("w*x", inputs="x")), [[1], [2]], [2, 4], lr=0.2, steps=5)
        >>> fit.plot_loss().axes[0].get_ylabel()
        'loss J'
        """
        from .plot import loss_curve

        return loss_curve(self.history, path=path, **kwargs)

    def plot_fit(self, X, y, path=None, **kwargs):
        """The fitted model over the data: a curve for one input, a decision boundary for two.

        See :func:`symgrad.plot.fit_plot`; saved when ``path`` is given.
        """
        from .plot import fit_plot

        return fit_plot(self, X, y, path=path, **kwargs)


def _diagnose(J, last_grad, k, history, lr, derivation) -> None:
    """J at step k is not finite or exploded: say whether the gradient or the step size did it."""
    if not np.isfinite(np.asarray(last_grad, dtype=float)).all():
        where = "; ".join(derivation.caveats) or "a gradient is 0/0 or infinite there"
        raise ValueError(
            f"the gradient is not finite at step {k - 1} ({where}); "
            "start from another point or use a differentiable loss"
        )
    J0 = history[0] if history else J
    raise DivergenceError(
        f"gradient descent diverged at step {k}: J = {J:.4g} (started at {J0:.4g}); "
        f"try a smaller learning rate than {lr:g}",
        step=k, loss=float(J),
    )


def _check_steps(steps) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ValueError(f"steps must be a whole number ≥ 0, not {steps!r}")
    return steps


def _float_lr(lr) -> float:
    try:
        value = float(lr)
    except (TypeError, ValueError):
        raise ValueError(f"lr must be a positive number, not {lr!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"lr must be a positive number, not {lr!r}")
    return value


def _exact_lr(lr) -> sympy.Rational:
    if isinstance(lr, float):
        raise ValueError(
            f"exact=True needs an exact learning rate such as Rational(1, 10) or '1/10', not {lr!r}"
        )
    value = _to_rational(lr, "lr")
    if value <= 0:
        raise ValueError(f"lr must be positive, not {lr}")
    return value


def _to_rational(v, where) -> sympy.Rational:
    if isinstance(v, sympy.Rational):
        return v
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return sympy.Integer(int(v))
    if isinstance(v, (Fraction, _RationalNumber)):
        return sympy.Rational(v.numerator, v.denominator)
    if isinstance(v, str):
        try:
            return sympy.Rational(Fraction(v.strip()))
        except (ValueError, ZeroDivisionError):
            pass
    raise ValueError(
        f"exact=True needs exact numbers (int, Fraction, sympy Rational or text like '1/3'); "
        f"{where} is {v!r}"
    )


def _name(key) -> str:
    return key.name if isinstance(key, sympy.Symbol) else str(key)


def _finite(v, name) -> float:
    try:
        value = float(v)
    except (TypeError, ValueError):
        raise ValueError(f"init[{name!r}] must be a number, not {v!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"init[{name!r}] must be finite, not {v!r}")
    return value


def _check_data(loss, X, y, exact):
    n, k = len(loss.model.inputs), len(loss.targets)
    if exact:
        X = _exact_matrix(X, n, "X")
        Y = _exact_matrix(_column(y), k, "y")
    else:
        X = _matrix(X, n, "X")
        Y = _matrix(_column(y), k, "y")
    if len(X) != len(Y):
        raise ValueError(f"X has {len(X)} rows but y has {len(Y)}; they must match")
    if len(X) == 0:
        raise ValueError("no samples: X and y are empty")
    return X, Y


def _column(y):
    arr = np.asarray(y, dtype=object)
    return arr.reshape(-1, 1) if arr.ndim == 1 else arr


def _matrix(X, n, name) -> np.ndarray:
    try:
        arr = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold numbers only") from None
    if arr.ndim == 1 and n == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2 or arr.shape[1] != n:
        raise ValueError(
            f"{name} must have shape (m, {n}) — one column per "
            f"{'input' if name == 'X' else 'target'} — but has shape {arr.shape}"
        )
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def _exact_matrix(X, n, name) -> list:
    rows = np.asarray(X, dtype=object)
    if rows.ndim == 1 and n == 1:
        rows = rows.reshape(-1, 1)
    if rows.ndim != 2 or rows.shape[1] != n:
        raise ValueError(f"{name} must have shape (m, {n}) but has shape {rows.shape}")
    return [[_to_rational(v, f"{name}[{i}][{j}]") for j, v in enumerate(r)]
            for i, r in enumerate(rows)]
