"""Gradient descent on the derived formulas: lambdified to NumPy, or run exactly in rationals.

The functions that run are lambdified from the very expressions ``derive`` prints.
"""

from __future__ import annotations

import ctypes
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Rational as _RationalNumber

import numpy as np
import sympy

from .backprop import backprop
from .derive import Derivation, derive
from .errors import DivergenceError
from .losses import Loss

#: J growing past this multiple of (1 + J₀) counts as exploding.
EXPLOSION = 1e10


class batch_mean(sympy.Function):  # noqa: N801 - prints like a NumPy function
    """The mean over the samples of a per-sample quantity; lambdifies to ``numpy.mean``.

    >>> x = sympy.Symbol("x")
    >>> batch_mean(x**2)
    batch_mean(x**2)
    """

    nargs = 1

    @classmethod
    def eval(cls, arg):
        # The mean is linear: a constant factor comes out, so NumPy scales a scalar, not an array.
        coeff, rest = arg.as_coeff_Mul()
        if coeff != 1:
            return coeff * cls(rest)
        return None

    def _numpycode(self, printer):
        return f"{printer._module_format('numpy.mean')}({printer._print(self.args[0])})"


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

        >>> from symgrad import Model, mse
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


@dataclass(frozen=True)
class Compiled:
    """NumPy functions for one loss: J and all gradients in one call, and the model itself.

    Built with ``lambdify(..., cse=True)`` from ``derivation.gradient``.  Sub-expressions that
    depend on the data alone (x², x³, …) are hoisted out: ``features`` computes them once per
    data set, so a step only does the work that changes with the parameters.

    >>> from symgrad import Model, mse, derive
    >>> c = Compiled.of(derive(mse(Model("w*x**3", inputs="x"))))
    >>> data = c.bind([np.array([1.0, 2.0]), np.array([2.0, 4.0])])
    >>> [float(v) for v in c.value_and_grad(*data, 0.0)]
    [5.0, -17.0]
    """

    loss: Loss
    features: Callable
    value_and_grad: Callable
    value: Callable
    model: Callable

    @classmethod
    def of(cls, derivation: Derivation) -> Compiled:
        """Compile a loss derivation."""
        loss = derivation.loss
        data = [*loss.model.inputs, *loss.targets]
        J = batch_mean(loss.sample)
        grads = [batch_mean(derivation.gradient[p]) for p in derivation.wrt]
        (J, *grads), hoisted = _hoist([J, *grads], data)
        args = [*data, *hoisted.values(), *derivation.wrt]
        return cls(
            loss,
            _lambdify(data, list(hoisted)),
            _lambdify(args, [J, *grads]),
            _lambdify(args, J),
            _lambdify([*loss.model.inputs, *derivation.wrt], list(loss.model.output_exprs)),
        )

    def bind(self, cols) -> list:
        """The arguments a step needs for these data columns: the columns, then the features."""
        return [*cols, *self.features(*cols)]


def _hoist(exprs, data) -> tuple[list, dict]:
    """Replace every data-only sub-expression by a symbol; return the map expression → symbol."""
    data = set(data)
    found: dict = {}

    def visit(e):
        if e.is_Atom:
            return e
        if e.free_symbols <= data:
            if e not in found:
                found[e] = sympy.Dummy(f"h{len(found)}")
            return found[e]
        return e.func(*[visit(a) for a in e.args])

    return [visit(e) for e in exprs], found


def _lambdify(args, exprs) -> Callable:
    # dummify: a user's symbol may be named like something the generated code uses (numpy, exp).
    return sympy.lambdify(args, exprs, modules="numpy", cse=True, dummify=True)


def descend(loss: Loss, X, y, *, lr, steps: int, init=None, exact: bool = False,
            tol=None, seed: int = 0, callback: Callable | None = None) -> Fit:
    """Full-batch gradient descent θ ← θ − α ∂J/∂θ on a loss, from the derived gradients.

    X has shape (m, n_inputs), columns in ``model.inputs`` order; y has shape (m,) or (m, k).
    Parameters missing from ``init`` start at 0.  ``tol`` stops early once |ΔJ| ≤ tol.
    ``exact=True`` (exact data, Rational ``lr``) runs the same updates in rational arithmetic.
    ``callback(step, J)`` is called after every step.  ``seed`` is reserved for random starts.

    >>> from symgrad import Model, mse
    >>> loss = mse(Model("w*x", inputs="x"))
    >>> fit = descend(loss, [[1], [2]], [2, 4], lr=sympy.Rational(1, 5), steps=2, exact=True)
    >>> fit.params, fit.history
    ({'w': 3/2}, [5, 5/4, 5/16])
    """
    X, Y = _check_data(loss, X, y, exact)
    steps = _check_steps(steps)
    network = loss.model.network
    if network is not None and not exact:
        return _descend_network(loss, X, Y, _float_lr(lr), steps, init, seed, tol, callback)
    derivation = derive(loss)
    theta0 = _initial(loss, init, exact)
    if network is not None:
        # Exact training of a (small) network: the scalar view, from seeded random tenths.
        rng = np.random.default_rng(seed)
        given = {_name(k) for k in (init or {})}
        theta0 = [v if p.name in given else sympy.Rational(int(rng.integers(-5, 6)), 10)
                  for p, v in zip(loss.params, theta0)]
    if exact:
        return _descend_exact(derivation, X, Y, _exact_lr(lr), steps, theta0, tol, callback)
    return _descend_float(derivation, X, Y, _float_lr(lr), steps, theta0, tol, callback)


def _descend_float(derivation, X, Y, lr, steps, theta0, tol, callback) -> Fit:
    loss = derivation.loss
    compiled = Compiled.of(derivation)
    cols = compiled.bind([*X.T, *Y.T])
    # Plain floats: for a handful of parameters Python arithmetic beats NumPy's call overhead.
    theta = [float(v) for v in theta0]
    history, grad = [], []
    limit = math.inf
    with np.errstate(all="ignore"):
        for k in range(steps):
            J, *g = compiled.value_and_grad(*cols, *theta)
            # One cheap test a step: a non-finite gradient shows up in the next J, and only
            # then is the last gradient examined (see _diagnose).
            if not abs(J) <= limit:
                _diagnose(J, grad, k, history, lr, derivation)
            grad = g
            history.append(float(J))
            limit = EXPLOSION * (1 + abs(history[0]))
            theta = [t - lr * d for t, d in zip(theta, g)]
            if callback is not None:
                callback(k + 1, history[-1])
            if tol is not None and k and abs(history[-2] - history[-1]) <= tol:
                break
        J = float(compiled.value(*cols, *theta))
        if not abs(J) <= limit:
            _diagnose(J, grad, len(history), history, lr, derivation)
    history.append(J)
    values = dict(zip((p.name for p in derivation.wrt), map(float, theta)))
    return Fit(loss, values, history, lr, False, _float_predictor(compiled, theta))


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


def _descend_network(loss, X, Y, lr, steps, init, seed, tol, callback) -> Fit:
    """Train a network with the vector view: matrix products per layer, per step."""
    derivation = backprop(loss)
    params = _network_start(derivation.network, init, seed)
    value = _batch_value(loss)
    history, flat, limit = [], np.zeros(0), math.inf
    keep_freed_memory()
    with np.errstate(all="ignore"):
        for k in range(steps + 1):
            # `kept` holds the last pass's arrays until this pass is done (see run).
            grads, out, kept = derivation.run(params, X, Y)
            J = value(out, Y.T)
            if not abs(J) <= limit:
                _diagnose(J, flat, k, history, lr, derivation)
            flat = np.concatenate([g.ravel() for pair in grads for g in pair if g is not None])
            history.append(J)
            limit = EXPLOSION * (1 + abs(history[0]))
            if k == steps or (tol is not None and k > 1 and abs(history[-2] - J) <= tol):
                break
            for pair, grad in zip(params, grads):
                for i in (0, 1):
                    if pair[i] is not None:
                        pair[i] = pair[i] - lr * grad[i]
            if callback is not None:
                callback(k + 1, J)
    net = derivation.network
    values = {}
    for dense, (W, b) in zip(net.dense, params):
        values.update(zip((s.name for s in dense.W), W.ravel().tolist()))
        if b is not None:
            values.update(zip((s.name for s in dense.b), b.tolist()))

    def predict(Xnew):
        Xnew = _matrix(Xnew, net.n_inputs, "X")
        with np.errstate(all="ignore"):
            _, out, _ = derivation.run(params, Xnew, np.zeros((len(Xnew), net.n_outputs)))
        return out.T[:, 0].copy() if net.n_outputs == 1 else out.T.copy()

    arrays = [(W.copy(), None if b is None else b.copy()) for W, b in params]
    return Fit(loss, values, history, lr, False, predict, arrays)


@functools.cache
def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory for reuse instead of returning it to the system.

    Training frees and reallocates the same large arrays every step. glibc's default hands
    blocks of 128 KiB and more back to the system and trims the heap, so each step pays page
    faults for every page again. Measured on the 64-32-10 digits network (1,797 samples):
    2.0 ms a step by default, 0.8 ms with memory kept (benchmarks/network_vs_numpy.py).
    This is process-wide and done once, the first time a network trains: freed memory then
    stays with the process (up to 256 MiB above the heap top) until it exits. Elsewhere than
    glibc it does nothing and returns False.
    """
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's <malloc.h>
    return bool(mallopt(m_trim_threshold, 256 << 20) and mallopt(m_mmap_threshold, 32 << 20))


#: Predictions are kept this far from 0 and 1 when a log loss is evaluated (not differentiated).
LOG_CLIP = (1e-300, 1 - 1e-15)


def _batch_value(loss) -> Callable:
    """J = (1/m) Σᵢ Σₖ term(fₖ, yₖ) on arrays of outputs and labels (k × m)."""
    term = sympy.lambdify([loss.prediction, loss.target], loss.term, modules="numpy",
                          dummify=True)
    clip = loss.term.has(sympy.log)

    def value(F, Yt):
        F = np.clip(F, *LOG_CLIP) if clip else F
        return float(np.sum(term(F, Yt)) / F.shape[1])

    return value


_PARAM_NAME = re.compile(r"(?P<kind>[Wb])(?P<l>\d+)_(?P<j>\d+)(?:_(?P<k>\d+))?")


def _network_start(net, init, seed) -> list:
    """Small seeded random weights (scaled by 1/√fan-in), zero biases, then ``init``."""
    rng = np.random.default_rng(seed)
    params = [[rng.normal(0.0, 1.0 / np.sqrt(d.n_in), (d.n_out, d.n_in)),
               np.zeros(d.n_out) if d.bias else None] for d in net.dense]
    for key, v in (init or {}).items():
        name = _name(key)
        m = _PARAM_NAME.fullmatch(name)
        try:
            l, j = int(m["l"]) - 1, int(m["j"]) - 1
            if m["kind"] == "W":
                k = int(m["k"]) - 1
                if min(l, j, k) < 0:
                    raise IndexError
                params[l][0][j, k] = _finite(v, name)
            else:
                if min(l, j) < 0:
                    raise IndexError
                params[l][1][j] = _finite(v, name)
        except (TypeError, IndexError):
            raise ValueError(
                f"init names {name!r}, which is not a parameter of this network "
                "(weights are W{layer}_{unit}_{input}, biases b{layer}_{unit}, from 1)"
            ) from None
    return params


def _float_predictor(compiled, theta) -> Callable:
    k = compiled.loss.model.outputs

    def predict(X):
        X = _matrix(X, len(compiled.loss.model.inputs), "X")
        with np.errstate(all="ignore"):
            outs = compiled.model(*X.T, *theta)
        cols = [np.broadcast_to(np.asarray(o, dtype=float), (len(X),)) for o in outs]
        return cols[0].copy() if k == 1 else np.column_stack(cols)

    return predict


def _descend_exact(derivation, X, Y, lr, steps, theta0, tol, callback) -> Fit:
    loss = derivation.loss
    params = derivation.wrt
    m = len(X)
    rows = [dict(zip((*loss.model.inputs, *loss.targets), (*x, *t))) for x, t in zip(X, Y)]
    # Substitute the data once: J and each ∂J/∂p become exact functions of the parameters alone.
    J = sympy.Add(*[loss.sample.xreplace(r) for r in rows]) / m
    grads = [sympy.Add(*[derivation.gradient[p].xreplace(r) for r in rows]) / m for p in params]
    theta = list(theta0)
    history = []
    for k in range(steps):
        point = dict(zip(params, theta))
        history.append(_exact_value(J, point, k, "J"))
        theta = [t - lr * _exact_value(g, point, k, f"∂J/∂{p}") for t, g, p in
                 zip(theta, grads, params)]
        if callback is not None:
            callback(k + 1, history[-1])
        if tol is not None and k and abs(history[-2] - history[-1]) <= tol:
            break
    history.append(_exact_value(J, dict(zip(params, theta)), len(history), "J"))
    values = {p.name: v for p, v in zip(params, theta)}
    point = dict(zip(params, theta))

    def predict(Xnew):
        Xnew = _exact_matrix(Xnew, len(loss.model.inputs), "X")
        outs = [[f.xreplace(point).xreplace(dict(zip(loss.model.inputs, x)))
                 for f in loss.model.output_exprs] for x in Xnew]
        arr = np.array(outs, dtype=object)
        return arr[:, 0] if loss.model.outputs == 1 else arr

    return Fit(loss, values, history, lr, True, predict)


def _exact_value(expr, point, k, what) -> sympy.Rational:
    value = expr.xreplace(point)
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise ValueError(f"{what} is undefined at step {k} (division by zero or log of 0)")
    if not value.is_Rational:
        raise ValueError(
            f"exact=True needs {what} to stay rational, but at step {k} it is {value}; "
            "functions like exp, log and sigmoid leave the rationals: use exact=False"
        )
    return value


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


def _initial(loss, init, exact) -> list:
    init = dict(init or {})
    names = {p.name: p for p in loss.params}
    values = {}
    for key, v in init.items():
        name = _name(key)
        if name not in names:
            raise ValueError(
                f"init names {name!r}, which is not a parameter "
                f"(parameters: {', '.join(names)})"
            )
        values[name] = _to_rational(v, f"init[{name!r}]") if exact else _finite(v, name)
    zero = sympy.Integer(0) if exact else 0.0
    return [values.get(p.name, zero) for p in loss.params]


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
