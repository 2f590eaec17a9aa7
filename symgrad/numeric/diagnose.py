"""Why a descent stopped: a J that blew up (divergence), or a value that is not a number,
traced to the operation, the sample and the parameter values that produced it."""

from __future__ import annotations

import math
import sys

import numpy as np
import sympy

from ..codegen import numpy_function
from ..errors import DivergenceError, NumericError, said

#: J growing past this multiple of (1 + J₀) counts as exploding.
EXPLOSION = 1e10

#: The limit J is held to before J₀ is known: any finite float passes, inf and NaN do not.
FIRST_LIMIT = sys.float_info.max


def diagnose(J, k, history, lr, caveats=(), last_grad=None, explain=None) -> None:
    """J at step k is not finite or exploded: raise the error that names the cause.

    A finite J past the limit is divergence; so is a J that turns infinite after growing.
    Otherwise ``explain()`` (when given) traces the first operation that gave a non-finite
    value (see :func:`find_cause`).

    >>> diagnose(1e30, 5, [1.0, 1e5], 0.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symgrad.errors.DivergenceError: gradient descent diverged at step 5: J = 1e+30 ...
    >>> diagnose(float("inf"), 0, [], 0.1, explain=lambda: "overflow in exp(w*x)")
    Traceback (most recent call last):
    ...
    symgrad.errors.NumericError: J is inf at step 0: overflow in exp(w*x)
    """
    J = float(J)
    J0 = history[0] if history else J
    if math.isfinite(J):
        _diverged(J, J0, k, lr, "")
    grad_bad = last_grad is not None and not np.isfinite(np.asarray(last_grad, float)).all()
    if grad_bad and caveats:
        raise NumericError(
            said('err.diagnose.gradient-not-finite-at', k - 1, '; '.join(caveats))
        )
    cause = explain() if explain is not None else None
    if len(history) >= 2 and abs(history[-1]) > 1e3 * (1 + abs(J0)):
        _diverged(J, J0, k, lr, said("err.diagnose.in-parens", cause) if cause else "")
    if cause:
        raise NumericError(said('err.diagnose.j-at-step', _num(J), k, cause))
    if grad_bad:
        raise NumericError(said('err.diagnose.gradient-not-finite-at-2', k - 1))
    raise NumericError(said('err.diagnose.j-at-step-value', _num(J), k))


def _num(v) -> str:
    return "NaN" if v != v else f"{v:g}"


def _diverged(J, J0, k, lr, cause):
    raise DivergenceError(
        said('err.diagnose.gradient-descent-diverged-at', k, J, J0, cause, lr),
        step=k, loss=float(J),
    )


class _Found(Exception):
    pass


def find_cause(exprs, data: dict, point: dict) -> str | None:
    """The first operation (innermost first) that turns finite values into inf or NaN.

    ``data`` maps the data symbols to columns, ``point`` the parameters to numbers.

    >>> w, x = sympy.symbols("w x", real=True)
    >>> find_cause([sympy.log(w * x)], {x: np.array([1.0, -2.0])}, {w: 3.0})
    'log of a non-positive number: log(w*x) with w*x = -6 at sample 1 (x = -2) where w = 3'
    """
    m = len(next(iter(data.values())))
    with np.errstate(all="ignore"):
        found = first_bad(exprs, {**data, **point}, m)
    if found is None:
        return None
    what, i = found
    sample = ", ".join(f"{s} = {_g(c[i])}" for s, c in data.items())
    where = ", ".join(f"{s} = {_g(v)}" for s, v in point.items())
    return said("err.diagnose.at-sample", what, i, sample, where)


def first_bad(exprs, values: dict, m: int):
    """(what went wrong, position) of the first operation in ``exprs`` (innermost first) that
    turns finite values into inf or NaN, with ``values`` mapping symbols to numbers or
    arrays of length ``m``; None if there is none.

    >>> u = sympy.Symbol("u", real=True)
    >>> first_bad([sympy.exp(u)], {u: np.array([1.0, 800.0])}, 2)
    ('overflow in exp: exp(u) with u = 800', 1)
    """
    cache: dict = {}

    def ev(e):
        if e in cache:
            return cache[e]
        if e.is_Symbol:
            v = np.broadcast_to(np.asarray(values[e], dtype=float), (m,))
        elif not e.free_symbols:
            v = np.full(m, float(e))
        else:
            args = [ev(a) for a in e.args]
            dummies = [sympy.Dummy() for _ in args]
            fn = numpy_function(dummies, e.func(*dummies))
            v = np.broadcast_to(np.asarray(fn(*args), dtype=float), (m,))
            ok = np.logical_and.reduce([np.isfinite(a) for a in args])
            bad = np.flatnonzero(ok & ~np.isfinite(v))
            if bad.size:
                raise _Found(_what(e, [a[bad[0]] for a in args]), int(bad[0]))
        cache[e] = v
        return v

    with np.errstate(all="ignore"):
        try:
            for e in exprs:
                ev(e)
        except _Found as found:
            return found.args
    return None


def _g(v) -> str:
    return f"{float(v):.6g}"


def _what(e, args) -> str:
    if isinstance(e, sympy.log):
        return said("err.diagnose.log", e, e.args[0], _g(args[0]))
    if isinstance(e, sympy.exp):
        return said("err.diagnose.exp", e, e.args[0], _g(args[0]))
    if e.is_Pow:
        base, p = args
        if base < 0 and e.exp.is_number and not e.exp.is_integer:
            if e.exp == sympy.Rational(1, 2):
                return said("err.diagnose.sqrt", e, e.base, _g(base))
            return said("err.diagnose.complex", e, e.base, _g(base), e.exp)
        if base == 0 and p < 0:
            return said("err.diagnose.division", e, e.base)
    if e.is_Pow and e.exp.is_number:
        return said("err.diagnose.overflow-power", e, e.base, _g(args[0]))
    return said("err.diagnose.overflow", e, ", ".join(_g(a) for a in args))
