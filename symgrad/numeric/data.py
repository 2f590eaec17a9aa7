"""Input validation for training, in one place: the one number reader and the data checks.

Every way to descend (floats, exact rationals, a network) reads its numbers here, and the
data is checked against the loss before the first step: labels a loss cannot take are an
error that names the row, not a strange loss value a hundred steps later.
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Rational as _RationalNumber

import numpy as np
import sympy

from ..errors import said


def check_steps(steps) -> int:
    """The number of steps: a whole number ≥ 0.

    >>> check_steps(3)
    3
    >>> check_steps(2.5)
    Traceback (most recent call last):
    ...
    ValueError: steps must be a whole number ≥ 0, not 2.5
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ValueError(said('err.data.steps-must-be-whole', steps))
    return steps


#: The ways a float descent can run: NumPy (the default and the reference) or numba's
#: fused loops (``pip install 'symgrad[fast]'``).
BACKENDS = ("numpy", "numba")


def check_backend(backend, exact: bool = False) -> str:
    """A backend name from BACKENDS; exact descent runs in rationals, on no backend.

    >>> check_backend("numpy")
    'numpy'
    >>> check_backend("jax")
    Traceback (most recent call last):
    ...
    ValueError: backend must be one of numpy, numba, not 'jax'
    """
    if backend not in BACKENDS:
        raise ValueError(said('err.data.backend-must-be-one', ', '.join(BACKENDS), backend))
    if exact and backend != "numpy":
        raise ValueError(said('err.data.exact-true-runs-in'))
    return backend


def float_lr(lr) -> float:
    """A learning rate for float descent: a finite positive number.

    >>> float_lr("0.1")
    0.1
    """
    value = read_float(lr, "lr", "a positive number")
    if value <= 0:
        raise ValueError(said('err.data.lr-must-be-positive', lr))
    return value


def exact_lr(lr) -> sympy.Rational:
    """A learning rate for exact descent: an exact positive rational (a float is refused).

    >>> exact_lr("1/10")
    1/10
    """
    if isinstance(lr, float):
        raise ValueError(
            said('err.data.exact-true-needs-exact-2', lr)
        )
    value = read_rational(lr, "lr")
    if value <= 0:
        raise ValueError(said('err.data.lr-must-be-positive-2', lr))
    return value


def read_rational(v, where) -> sympy.Rational:
    """An exact number: int, Fraction, SymPy Rational or text like '1/3' or '0.25'.

    >>> read_rational("0.25", "x"), read_rational(3, "x")
    (1/4, 3)
    >>> read_rational(0.5, "X[0][0]")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: exact=True needs exact numbers (...); X[0][0] is 0.5
    """
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
        said('err.data.exact-true-needs-exact', where, v)
    )


def read_float(v, where, expected="a number") -> float:
    """A finite float, or a ValueError naming ``where``.

    >>> read_float("1e3", "init['w']")
    1000.0
    >>> read_float(float("nan"), "init['w']")
    Traceback (most recent call last):
    ...
    ValueError: init['w'] must be a finite number, not nan
    """
    try:
        value = float(v)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(said('err.data.must-be-not', where, expected, v)) from None
    if not math.isfinite(value):
        raise ValueError(said('err.data.must-be-finite-number', where, v))
    return value


def param_name(key) -> str:
    """The name of a parameter given as text or as a Symbol.

    >>> param_name(sympy.Symbol("w")), param_name("b")
    ('w', 'b')
    """
    return key.name if isinstance(key, sympy.Symbol) else str(key)


def check_data(loss, X, y, exact: bool):
    """X (m × inputs) and y (m × targets) read as floats (or exact rationals), checked against
    the loss: shapes, finiteness, and the labels the loss accepts.

    >>> from symgrad import Model, bce
    >>> check_data(bce(Model("sigmoid(w*x)", inputs="x")), [[1], [2]], [0, 3], False)
    Traceback (most recent call last):
    ...
    ValueError: bce needs labels in [0, 1]; y row 1 is 3
    """
    n, k = len(loss.model.inputs), len(loss.targets)
    read = exact_matrix if exact else float_matrix
    X = read(X, n, "X", [s.name for s in loss.model.inputs])
    Y = read(_column(y), k, "y", [s.name for s in loss.targets])
    if len(X) != len(Y):
        raise ValueError(said('err.data.x-has-rows-but', len(X), len(Y)))
    if len(X) == 0:
        raise ValueError(said('err.data.no-samples-x-and'))
    check_labels(loss.name, np.asarray(Y, dtype=float))
    return X, Y


def check_labels(loss_name: str, Y: np.ndarray) -> None:
    """Labels a loss is defined for: bce needs y in [0, 1]; cross-entropy one-hot rows.

    >>> check_labels("cross_entropy", np.array([[1.0, 0.0], [0.5, 0.5]]))
    >>> check_labels("cross_entropy", np.array([[1.0, 1.0]]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: cross_entropy needs one-hot label rows (...); y row 0 is [1, 1]
    """
    if loss_name == "bce":
        bad = np.flatnonzero((Y < 0).any(axis=1) | (Y > 1).any(axis=1))
        if bad.size:
            i = int(bad[0])
            raise ValueError(said('err.data.bce-needs-labels-in', i, _row(Y[i])))
    elif loss_name == "cross_entropy":
        inside = ((Y >= 0) & (Y <= 1)).all(axis=1)
        bad = np.flatnonzero(~inside | (np.abs(Y.sum(axis=1) - 1) > 1e-9))
        if bad.size:
            i = int(bad[0])
            raise ValueError(
                said('err.data.cross-entropy-needs-one', i, ', '.join(_row([v]) for v in Y[i]))
            )


def _row(values) -> str:
    return ", ".join(f"{float(v):g}" for v in values)


def _column(y):
    if isinstance(y, np.ndarray) and y.dtype.kind in "fiu":
        return y.reshape(-1, 1) if y.ndim == 1 else y
    rows = _rows(y, "y")
    return [r if isinstance(r, (list, tuple, np.ndarray)) else [r] for r in rows]


def _rows(X, name) -> list:
    if isinstance(X, np.ndarray):
        return list(X) if X.ndim else [X]
    try:
        return list(X)
    except TypeError:
        raise ValueError(said('err.data.must-be-table-numbers', name, X)) from None


def _shape(X, n, name, columns) -> list:
    """X as a list of rows of n values each, one value per input; ragged rows are named."""
    rows = _rows(X, name)
    if n == 1 and rows and all(np.ndim(r) == 0 for r in rows):
        rows = [[r] for r in rows]
    for i, r in enumerate(rows):
        if np.ndim(r) != 1 or len(r) != n:
            got = (said("err.data.values", len(r)) if np.ndim(r) == 1
                   else said("err.data.shape", np.shape(r)))
            noun = said("err.data.input") if name == "X" else said("err.data.target")
            raise ValueError(
                said('err.data.must-have-shape-m', name, n, noun, ', '.join(columns), i, got)
            )
    return rows


def float_matrix(X, n, name="X", columns=None) -> np.ndarray:
    """X as an (m, n) float array; a ragged row, text or a NaN/inf is named by row and column.

    >>> float_matrix([[1, 2], [3, float("inf")]], 2, "X", ["x1", "x2"])
    Traceback (most recent call last):
    ...
    ValueError: X row 1, column x2 is inf: the data must be finite numbers
    """
    columns = columns or [f"{j}" for j in range(n)]
    if isinstance(X, np.ndarray) and X.dtype.kind in "fiu" and X.ndim == 2 and X.shape[1] == n:
        arr = np.asarray(X, dtype=float)
    else:
        rows = _shape(X, n, name, columns)
        try:
            arr = np.array(rows, dtype=float).reshape(len(rows), n)
        except (TypeError, ValueError):
            for i, r in enumerate(rows):
                for j, v in enumerate(r):
                    read_float(v, said("err.data.row-column", name, i, columns[j]))
            raise
    if not np.isfinite(arr).all():
        i, j = np.argwhere(~np.isfinite(arr))[0]
        what = "NaN" if np.isnan(arr[i, j]) else f"{arr[i, j]:g}"
        raise ValueError(said('err.data.row-column-data-must', name, i, columns[j], what))
    return arr


def exact_matrix(X, n, name="X", columns=None) -> list:
    """X as rows of exact rationals (see :func:`read_rational`).

    >>> exact_matrix([["1/2"], [3]], 1)
    [[1/2], [3]]
    """
    columns = columns or [f"{j}" for j in range(n)]
    rows = _shape(X, n, name, columns)
    return [[read_rational(v, f"{name}[{i}][{j}]") for j, v in enumerate(r)]
            for i, r in enumerate(rows)]


def initial_values(loss, init, exact: bool) -> list:
    """The starting value of each parameter of a formula model: ``init``, else 0.

    >>> from symgrad import Model, mse
    >>> initial_values(mse(Model("w*x + b", inputs="x")), {"w": "1/2"}, True)
    [0, 1/2]
    >>> initial_values(mse(Model("w*x", inputs="x")), {"q": 1}, False)
    Traceback (most recent call last):
    ...
    ValueError: init names 'q', which is not a parameter (parameters: w)
    """
    names = {p.name: p for p in loss.params}
    values = {}
    for key, v in dict(init or {}).items():
        name = param_name(key)
        if name not in names:
            raise ValueError(
                said('err.data.init-names-which-not', name, ', '.join(names))
            )
        values[name] = (read_rational(v, f"init[{name!r}]") if exact
                        else read_float(v, f"init[{name!r}]"))
    zero = sympy.Integer(0) if exact else 0.0
    return [values.get(p.name, zero) for p in loss.params]
