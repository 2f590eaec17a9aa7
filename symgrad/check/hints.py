"""Naming a wrong answer's slip: each classic mistake is replayed and compared with the answer.

A slip is a derivative computed with one classic mistake made everywhere it can be made (the
power rule without its factor n, the chain factor dropped, (uv)′ = u′v′, …).  If the answer
agrees with a slip (and the slip is not itself right), the slip is named.  Otherwise the ratio
and the difference of the two answers are tried: a constant factor, a sign, 1/m too many or
missing, a constant term.  Everything here is evaluation at points, never simplify: a hint must
be cheap, since it is only a hint.

>>> x = sympy.Symbol("x", real=True)
>>> slip_hint(x**3, x, 3 * x**2, x**2)[0]
'power rule'
>>> slip_hint(x**-2, x, -2 * x**-3, -2 * x**-1)[0]
'negative power'
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy
from sympy import Rational, S, Symbol

from ..errors import cat, said
from ..functions import sigmoid
from ..i18n.language import formula
from ..i18n.words import ENGLISH
from .at_points import gap_at_points, ratio_at_points
from .equality import agree

__all__ = ["HINTS", "ratio_hint", "slip_hint"]


def _slip_diff(e: sympy.Expr, x: Symbol, slip: str) -> sympy.Expr:
    """d e/dx computed with one classic mistake made everywhere it can be made."""
    if not e.has(x):
        return S.Zero
    if e == x:
        return S.One
    if e.is_Add:
        return sympy.Add(*[_slip_diff(t, x, slip) for t in e.args])
    if e.is_Mul:
        return _slip_product(e, x, slip)
    if e.is_Pow:
        return _slip_power(e, x, slip)
    if isinstance(e, sympy.Function) and len(e.args) == 1:
        u = e.args[0]
        # Who treats eᵘ as a power treats the whole exponent u as the "n": no chain factor.
        dropped = slip in ("chain rule", "exp as power") and u != x
        inner = S.One if dropped else _slip_diff(u, x, slip)
        return _slip_outer(e, u, slip) * inner
    return sympy.diff(e, x)


def _slip_product(e: sympy.Expr, x: Symbol, slip: str) -> sympy.Expr:
    const = sympy.Mul(*[a for a in e.args if not a.has(x)])
    factors = [a for a in e.args if a.has(x)]
    if len(factors) == 1:
        return const * _slip_diff(factors[0], x, slip)
    num = sympy.Mul(*[a for a in factors if not _is_reciprocal(a)])
    den = sympy.Mul(*[1 / a for a in factors if _is_reciprocal(a)])
    if slip == "quotient rule" and num.has(x) and den.has(x):
        return const * (num * _slip_diff(den, x, slip) - _slip_diff(num, x, slip) * den) / den**2
    if slip == "product rule":
        return const * sympy.Mul(*[_slip_diff(a, x, slip) for a in factors])
    first, rest = factors[0], sympy.Mul(*factors[1:])
    return const * (_slip_diff(first, x, slip) * rest + first * _slip_diff(rest, x, slip))


def _is_reciprocal(a: sympy.Expr) -> bool:
    return a.is_Pow and a.exp.is_negative is True


def _slip_power(e: sympy.Expr, x: Symbol, slip: str) -> sympy.Expr:
    base, n = e.args
    if n.has(x):
        if base == sympy.E or not base.has(x):
            if slip == "exp as power":
                return n * base ** (n - 1)
            outer = e * sympy.log(base)
            inner = S.One if slip == "chain rule" and n != x else _slip_diff(n, x, slip)
            return outer * inner
        return sympy.diff(e, x)
    if slip == "power rule":
        outer = base ** (n - 1)
    elif slip == "power rule (exponent)":
        outer = n * base**n
    elif slip == "negative power" and n.is_negative:
        # x⁻² → −2x⁻¹: the exponent moved towards zero instead of down by one.
        outer = n * base ** (n + 1)
    else:
        outer = n * base ** (n - 1)
    inner = S.One if slip == "chain rule" and base != x else _slip_diff(base, x, slip)
    return outer * inner


def _slip_outer(e: sympy.Function, u: sympy.Expr, slip: str) -> sympy.Expr:
    if isinstance(e, sigmoid):
        return e * (1 + e) if slip == "sigmoid" else e * (1 - e)
    if isinstance(e, sympy.tanh):
        return 1 + e**2 if slip == "tanh" else 1 - e**2
    if isinstance(e, sympy.exp) and slip == "exp as power":
        return u * sympy.exp(u - 1)
    t = sympy.Dummy("t", real=True)
    return sympy.diff(e.func(t), t).xreplace({t: u})


_SLIPS = ("power rule", "power rule (exponent)", "negative power", "chain rule", "product rule",
          "quotient rule", "exp as power", "sigmoid", "tanh")

class _Hints(Mapping):
    """The sentence for each hint category, in the language in force (catalogue: hint.<name>)."""

    def __getitem__(self, category: str) -> str:
        if f"hint.{category}" not in ENGLISH:
            raise KeyError(category)
        return said(f"hint.{category}")

    def __iter__(self):
        return (key[len("hint."):] for key in ENGLISH if key.startswith("hint."))

    def __len__(self) -> int:
        return sum(1 for _ in self)


#: The sentence for each hint category.
HINTS = _Hints()


def slip_hint(function: sympy.Expr | None, wrt: Symbol | None, expected, claimed):
    """(category, sentence) for a recognised classic mistake, or (None, "").

    >>> x = sympy.Symbol("x", real=True)
    >>> slip_hint(x * sympy.sin(x), x, sympy.sin(x) + x * sympy.cos(x), sympy.cos(x))[0]
    'product rule'
    >>> slip_hint(x**2, x, 2 * x, 2 * x + 1)[0]
    'constant'
    """
    if function is not None:
        for slip in _SLIPS:
            try:
                wrong = _slip_diff(function, wrt, slip)
            except (TypeError, ValueError, AttributeError):
                continue
            if not agree(wrong, expected) and agree(wrong, claimed):
                return slip.split(" (")[0], HINTS[slip]
    return ratio_hint(expected, claimed)


def ratio_hint(expected, claimed):
    """Hints from claimed/expected being a constant, m or 1/m, or their difference a constant.

    >>> x, m = sympy.symbols("x m", real=True)
    >>> ratio_hint(2 * x, -2 * x)[0], ratio_hint(x / m, x)[0], ratio_hint(x, x / m)[0]
    ('sign', 'forgot 1/m', '1/m')
    """
    expected, claimed = sympy.sympify(expected), sympy.sympify(claimed)
    m = Symbol("m", real=True)
    if expected != 0:
        ratio = ratio_at_points(expected, claimed)
        if ratio is not None and ratio not in (0, 1) and not ratio.free_symbols:
            if ratio == -1:
                return "sign", HINTS["sign"]
            return "factor", _factor_sentence(ratio)
        if m in claimed.free_symbols and m not in expected.free_symbols \
                and agree(expected, claimed * m):
            return "1/m", HINTS["1/m"]
        if m in expected.free_symbols and m not in claimed.free_symbols \
                and agree(expected * m, claimed):
            return "forgot 1/m", HINTS["forgot 1/m"]
    gap = gap_at_points(expected, claimed)
    if gap is not None and gap != 0 and not gap.free_symbols:
        return "constant", _constant_sentence(gap)
    return None, ""


def _constant_sentence(gap: sympy.Expr) -> str:
    sentence = said("hint.constant-off", formula(gap))
    if gap.is_Rational and abs(gap) < Rational(1, 1000):
        return cat(sentence, said("hint.constant-tiny"))
    return cat(sentence, said("hint.constant-wrong"))


def _factor_sentence(ratio: sympy.Expr) -> str:
    if ratio == 2:
        return said("hint.factor-2-many")
    if ratio == S.Half:
        return said("hint.factor-2-missing")
    return said("hint.factor-other", formula(ratio))
