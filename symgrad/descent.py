"""Gradient descent on the derived formulas: lambdified to NumPy, or run exactly in rationals.

The functions that run are lambdified from the very expressions ``derive`` prints.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy

from .derive import Derivation, derive
from .fit import (
    EXPLOSION,
    Fit,
    _check_data,
    _check_steps,
    _diagnose,
    _exact_lr,
    _exact_matrix,
    _finite,
    _float_lr,
    _matrix,
    _name,
    _to_rational,
)
from .functions import sigmoid
from .losses import Loss
from .numeric import numpy_function
from .train import _descend_network


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
        J = batch_mean(_stable_logs(loss.sample))
        grads = [batch_mean(derivation.gradient[p]) for p in derivation.wrt]
        (J, *grads), hoisted = _hoist([J, *grads], data)
        args = [*data, *hoisted.values(), *derivation.wrt]
        return cls(
            loss,
            numpy_function(data, list(hoisted)),
            numpy_function(args, [J, *grads]),
            numpy_function(args, J),
            numpy_function([*loss.model.inputs, *derivation.wrt], list(loss.model.output_exprs)),
        )

    def bind(self, cols) -> list:
        """The arguments a step needs for these data columns: the columns, then the features."""
        return [*cols, *self.features(*cols)]


class softplus(sympy.Function):  # noqa: N801 - lower case like exp
    """softplus(u) = log(1 + e^u), evaluated without overflow; −log σ(u) = softplus(−u).

    >>> u = sympy.Symbol("u", real=True)
    >>> sympy.expand_log(softplus(u).rewrite(sympy.log))
    log(exp(u) + 1)
    """

    nargs = 1

    def _eval_rewrite_as_log(self, u, **kwargs):
        return sympy.log(1 + sympy.exp(u))

    def _numpycode(self, printer):
        return f"{printer._module_format('numpy.logaddexp')}(0, {printer._print(self.args[0])})"


def _stable_logs(expr: sympy.Expr) -> sympy.Expr:
    """log σ(u) → −softplus(−u) and log(1 − σ(u)) → −softplus(u): equal, and finite in floats.

    σ(40) rounds to 1.0, so log(1 − σ(40)) would be log 0 and 0·log 0 a NaN; the softplus
    form gives −40, the true value.

    >>> from symgrad import parse
    >>> _stable_logs(parse("-y*log(sigmoid(w)) - (1 - y)*log(1 - sigmoid(w))"))
    y*softplus(-w) + (1 - y)*softplus(w)
    """
    def stable(arg):
        if isinstance(arg, sigmoid):
            return -softplus(-arg.args[0])
        rest = 1 - arg
        if isinstance(rest, sigmoid):
            return -softplus(rest.args[0])
        return sympy.log(arg)

    return expr.replace(lambda e: isinstance(e, sympy.log), lambda e: stable(e.args[0]))


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
