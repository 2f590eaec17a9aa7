"""Classifying a stationary point: the n-th derivative test, the Hessian's eigenvalues, the
sign of f′ on either side of a root — each with its reason in words, exactly.

>>> x = sympy.Symbol("x")
>>> nth_derivative_test(x**4, x, 4*x**3, {x: 0}).reason.key
'reason.even-order'
"""

from __future__ import annotations

from itertools import pairwise

import sympy
from sympy import Expr, Symbol

from ..i18n.keys import TESTS
from ..i18n.language import Words, nwords
from ..i18n.marked import Marked
from .extrema import StationaryPoint

__all__ = ["MAX_ORDER", "hessian_test", "is_plain_number", "nth_derivative_test",
           "sign_change_test", "sign_of"]

#: The highest derivative the n-th derivative test looks at before it gives up.
MAX_ORDER = 12
_PRIMES = {1: "′", 2: "″", 3: "‴"}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _simplify(e: Expr) -> Expr:
    e = sympy.sympify(e)
    if e.is_Rational or sympy.count_ops(e) > 60:
        return e
    return sympy.simplify(e)


def is_plain_number(e: Expr) -> bool:
    """Whether ``e`` is a finite real number (no nan, ∞, δ or i), so its sign can be decided.

    >>> is_plain_number(sympy.sqrt(2)), is_plain_number(sympy.oo), is_plain_number(sympy.I)
    (True, False, False)
    """
    return bool(e.is_number) and not e.has(
        sympy.nan, sympy.zoo, sympy.oo, -sympy.oo, sympy.DiracDelta, sympy.I
    )


def sign_of(e: Expr) -> int | None:
    """The sign of an exact real number, or None when it cannot be decided."""
    e = _simplify(e)
    if not is_plain_number(e):
        return None
    for test, answer in ((e.is_zero, 0), (e.is_positive, 1), (e.is_negative, -1)):
        if test:
            return answer
    approx = e.evalf(60)
    if approx.is_Float and abs(approx) > 1e-40:
        return 1 if approx > 0 else -1
    return 0 if e.equals(0) else None


def _at(e: Expr, point: dict[Symbol, Expr]) -> Expr:
    return _simplify(e.xreplace(point))


# --------------------------------------------------------------------------- classification


def nth_derivative_test(f: Expr, x: Symbol, first: Expr, point: dict) -> StationaryPoint:
    """Second-derivative test, going on to higher derivatives while they vanish.

    >>> x = sympy.Symbol("x")
    >>> nth_derivative_test(x**4, x, 4*x**3, {x: 0}).kind
    'minimum'
    """
    value = _at(f, point)
    derivative = first
    second = None
    shown = []
    for n in range(2, MAX_ORDER + 1):
        derivative = sympy.diff(derivative, x)
        d = _at(derivative, point)
        second = d if second is None else second
        sign = sign_of(d)
        shown.append(Words("said.value-at", _derivative_name(n), point[x], d))
        if sign is None:
            return StationaryPoint(point, value, "degenerate", second,
                                   Words("reason.undecided-sign", shown, shown[-1], n))
        if sign == 0:
            continue
        if n % 2:
            return StationaryPoint(point, value, "degenerate", second,
                                   Words("reason.odd-order", shown, n), n)
        kind = "minimum" if sign > 0 else "maximum"
        test = (shown, Marked("$> 0$" if sign > 0 else "$< 0$"), Words(TESTS[kind]))
        reason = Words("reason.second", *test) if n == 2 else Words("reason.even-order", *test, n)
        return StationaryPoint(point, value, kind, second, reason, n)
    return StationaryPoint(point, value, "degenerate", second,
                           Words("reason.all-vanish", shown, MAX_ORDER))


def _derivative_name(n: int) -> str:
    return "f" + (_PRIMES.get(n) or f"⁽{str(n).translate(_SUPERSCRIPT)}⁾")


def _eigen_signs(h: sympy.Matrix) -> tuple[int, int, int] | None:
    """(positive, negative, zero) eigenvalue counts of a real symmetric matrix, exactly.

    All roots of its characteristic polynomial are real, so Descartes' rule of signs counts
    the positive (and, on p(−λ), the negative) eigenvalues exactly.
    """
    coeffs = h.charpoly().all_coeffs()
    signs = [sign_of(c) for c in coeffs]
    if None in signs:
        return None
    n = len(coeffs) - 1
    zero = next(k for k, s in enumerate(reversed(signs)) if s != 0)
    mirrored = [s * (-1) ** (n - k) for k, s in enumerate(signs)]
    return _sign_changes(signs), _sign_changes(mirrored), zero


def _sign_changes(signs: list[int]) -> int:
    nonzero = [s for s in signs if s]
    return sum(a != b for a, b in pairwise(nonzero))


def hessian_test(f: Expr, hessian: sympy.Matrix, point: dict) -> StationaryPoint:
    """The point classified by the signs of the Hessian's eigenvalues there.

    >>> x, y = sympy.symbols("x y")
    >>> f = x**2 - y**2
    >>> hessian_test(f, sympy.hessian(f, (x, y)), {x: 0, y: 0}).kind
    'saddle'
    """
    value = _at(f, point)
    h = hessian.applyfunc(lambda e: _at(e, point))
    counts = _eigen_signs(h) if all(is_plain_number(e) for e in h) else None
    shown = (sympy.ImmutableMatrix(h), _eigenvalues(h))
    if counts is None:
        return StationaryPoint(point, value, "degenerate", h,
                               Words("reason.hessian-undecided", *shown))
    pos, neg, zero = counts
    n = h.shape[0]
    if pos == n:
        kind, why = "minimum", Words("hessian.positive")
    elif neg == n:
        kind, why = "maximum", Words("hessian.negative")
    elif pos and neg:
        kind, why = "saddle", Words("hessian.indefinite")
    else:
        kind, why = "degenerate", nwords("hessian.singular", "hessian.singular-many", zero, zero)
    return StationaryPoint(point, value, kind, h,
                           Words("reason.hessian", *shown, why, Words(TESTS[kind])))


def _eigenvalues(h: sympy.Matrix) -> Words | str:
    # Exact eigenvalues are cheap and readable only for small rational matrices.
    if h.shape[0] > 2 or not all(e.is_Rational for e in h):
        return ""
    values = sorted(_expand_multiplicities(h.eigenvals()), key=lambda v: float(v))
    listed = values[0]
    for v in values[1:]:  # SymPy values in the sentence: each document typesets them as math
        listed = Words("said.comma", listed, v)
    return Words("hessian.eigenvalues", listed)


def _expand_multiplicities(eigenvals: dict) -> list[Expr]:
    return [v for v, m in eigenvals.items() for _ in range(m)]



def sign_change_test(f, x, first, root, interval, k, left, right) -> StationaryPoint:
    """A root of a polynomial f′ classified by the sign of f′ on each side of it."""
    a, b = interval
    signs = {1: "+", -1: "−"}
    shown = Words("reason.sign-change.signs", signs[left], signs[right])
    if a != b:
        shown = Words("reason.sign-change.root", sympy.N(root, 6), a, b, shown)
    second = sympy.diff(first, x).xreplace({x: root})
    value = f.xreplace({x: root})
    if left != right:
        kind = "minimum" if left < 0 else "maximum"
        return StationaryPoint({x: root}, value, kind, second,
                               Words("reason.sign-change", shown, Words(TESTS[kind])), k + 1)
    return StationaryPoint({x: root}, value, "degenerate", second,
                           Words("reason.sign-change.inflection", shown), k + 1)
