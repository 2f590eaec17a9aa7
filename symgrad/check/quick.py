"""A quick look at two values at a point: both sides evaluated in mpmath at 60 digits (one
walk of the tree), before any exact or certified evaluation.

Agreement to 45 digits (relative) is taken as agreement at that point (a point only ever
counts towards "no counterexample here": "right" still needs a proof).  A clear difference is
only a candidate: a counterexample is still certified exactly (see
:func:`.equality.differ_at`); hints, which need no certificate, take it as it is.  No point
within a hair of a pole or a kink is used at all (:func:`.kinks.near_singularity`), so
the 60 digits are never eaten by cancellation there.

>>> x = sympy.Symbol("x", real=True)
>>> with mpmath.workdps(30):
...     mpmath.nstr(quick_values(sympy.exp(x), {x: sympy.Rational(1, 2)}), 25)
'1.648721270700128146848651'
>>> agree_quickly(sympy.sin(x)**2 + sympy.cos(x)**2, sympy.S.One, {x: sympy.Integer(3)})
True
"""

from __future__ import annotations

import functools

import mpmath
import sympy

from .forms import huge, numeric_form

__all__ = ["agree_quickly", "quick_parts", "quick_values"]

#: Digits of the quick evaluation, and how many of them must agree.
QUICK_DIGITS, AGREE_DIGITS = 60, 45


_MP = {sympy.exp: mpmath.exp, sympy.log: mpmath.log, sympy.sin: mpmath.sin,
       sympy.cos: mpmath.cos, sympy.tan: mpmath.tan, sympy.sinh: mpmath.sinh,
       sympy.cosh: mpmath.cosh, sympy.tanh: mpmath.tanh, sympy.Abs: abs,
       sympy.sign: mpmath.sign, sympy.atan: mpmath.atan, sympy.asin: mpmath.asin,
       sympy.acos: mpmath.acos, sympy.sech: mpmath.sech, sympy.csch: mpmath.csch,
       sympy.coth: mpmath.coth, sympy.sec: mpmath.sec, sympy.csc: mpmath.csc,
       sympy.cot: mpmath.cot, sympy.asinh: mpmath.asinh, sympy.acosh: mpmath.acosh,
       sympy.atanh: mpmath.atanh, sympy.erf: mpmath.erf, sympy.Max: max, sympy.Min: min}


class _NoQuickLook(Exception):
    """A node the walk does not evaluate (or a value too large to compute even roughly)."""


@functools.lru_cache(maxsize=256)
def _form(expr: sympy.Expr):
    """The closed form the walk evaluates (σ and relu spelled out), or None for a huge one."""
    form = numeric_form(expr)
    return None if huge(form) else form


def _walk(e, point: dict, memo: dict):
    """``e`` at ``point`` in mpmath, each shared subtree evaluated once."""
    if e in memo:
        return memo[e]
    if e.is_Symbol:
        value = point[e]
        value = mpmath.mpf(value.p) / value.q
    elif e.is_Rational:
        value = mpmath.mpf(e.p) / e.q
    elif e.is_Number or e in (sympy.E, sympy.pi):
        value = mpmath.mpf(sympy.Float(e, QUICK_DIGITS + 5))
    else:
        args = [_walk(a, point, memo) for a in e.args]
        if e.is_Add:
            value = mpmath.fsum(args)
        elif e.is_Mul:
            value = mpmath.fprod(args)
        elif e.is_Pow:
            base, exponent = args
            if abs(exponent) > 10**4 or (base != 0 and abs(mpmath.log(abs(base)) * exponent)
                                          > 10**6):
                raise _NoQuickLook  # too many digits, even roughly
            value = mpmath.power(base, exponent)
        elif e.func in _MP:
            if e.func is sympy.exp and args[0] > 10**6:
                raise _NoQuickLook  # e^(e^(e^10)) and the like
            value = _MP[e.func](*args)
        else:
            raise _NoQuickLook
    memo[e] = value
    return value


def quick_values(expr: sympy.Expr, point: dict):
    """The value of ``expr`` at ``point`` to 60 digits (an mpf), or None if not a finite real."""
    walked = quick_parts(expr, point)
    if walked is None:
        return None
    form, memo = walked
    value = memo[form]
    if not isinstance(value, mpmath.mpf) or not mpmath.isfinite(value):
        return None
    return value


def quick_parts(expr: sympy.Expr, point: dict) -> tuple | None:
    """(the form walked, the value of each of its subtrees) at ``point``, or None where the walk
    cannot go (a side undefined there, or a node it does not evaluate).

    >>> x = sympy.Symbol("x", real=True)
    >>> form, values = quick_parts(1 / (x - 1), {x: sympy.Integer(3)})
    >>> float(values[x - 1]), float(values[form])
    (2.0, 0.5)
    """
    form = _form(expr)
    if form is None or not all(isinstance(v, sympy.Rational) for v in point.values()):
        return None
    return _walked(form, tuple(sorted(point.items(), key=lambda item: item[0].sort_key())))


# Small: a point's two looks (near a pole? agree?) share one walk of each side; a memo of a
# large network's gradient holds thousands of values.
@functools.lru_cache(maxsize=8)
def _walked(form, items: tuple) -> tuple | None:
    memo: dict = {}
    try:
        with mpmath.workdps(QUICK_DIGITS):
            _walk(form, dict(items), memo)
    except (_NoQuickLook, ValueError, ZeroDivisionError, TypeError, OverflowError, KeyError):
        return None
    return form, memo


def agree_quickly(expected, claimed, point) -> bool | None:
    """True if the two agree to 45 digits at ``point``, False if they clearly differ, None if
    the quick look cannot tell (a side undefined, or not lambdified)."""
    if not all(isinstance(v, sympy.Rational) for v in point.values()):
        return None
    a, b = quick_values(expected, point), quick_values(claimed, point)
    if a is None or b is None:
        return None
    scale = max(mpmath.mpf(1), abs(a), abs(b))
    gap = abs(a - b) / scale
    if gap <= mpmath.mpf(10) ** -AGREE_DIGITS:
        return True
    if gap > mpmath.mpf(10) ** -8:
        return False
    return None
