"""The terms of a sum in the order SymPy prints them, in O(n log n) for long polynomial sums.

SymPy's ``Expr.as_ordered_terms`` writes every term's exponents as a dense vector over all
the sum's symbols, so ordering a sum of n linear terms in n symbols costs O(n²): half a
second for the 1,000-parameter linear model, paid once per derivation.  For sums whose
terms are a rational number times powers of symbols (the case that gets long), the same
order is computed here from sparse exponent lists; anything else is left to SymPy.
"""

from __future__ import annotations

from functools import cmp_to_key

import sympy
from sympy import Add, Mul, Pow, Symbol

#: Below this many terms SymPy's own ordering is cheap enough and is used as it is.
LONG = 40


def printed_terms(e: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """The terms of ``e`` in printed order: the same as ``e.as_ordered_terms()``.

    >>> x, y = sympy.symbols("x y")
    >>> printed_terms(3 + y + x**2 - 2*x*y)
    (x**2, -2*x*y, y, 3)
    """
    terms = Add.make_args(e)
    if len(terms) < LONG:
        return tuple(e.as_ordered_terms())
    keyed = []
    for t in terms:
        parsed = _monomial(t)
        if parsed is None:
            return tuple(e.as_ordered_terms())
        keyed.append((t, *parsed))
    gens = sorted({g for _, _, powers in keyed for g in powers}, key=sympy.default_sort_key)
    index = {g: i for i, g in enumerate(gens)}
    rows = [(t, sorted((index[g], n) for g, n in powers.items()), c) for t, c, powers in keyed]
    return tuple(t for t, _, _ in sorted(rows, key=cmp_to_key(_compare)))


def _monomial(t):
    """(coefficient as a float, {symbol: integer exponent}) of a term, or None if it is not
    a rational number times powers of commutative symbols."""
    coeff, rest = t.as_coeff_Mul()
    if not coeff.is_Rational:
        return None
    powers = {}
    if rest is not sympy.S.One:
        for f in Mul.make_args(rest):
            if isinstance(f, Symbol) and f.is_commutative:
                powers[f] = 1
            elif (isinstance(f, Pow) and isinstance(f.base, Symbol) and f.base.is_commutative
                  and f.exp.is_Integer):
                powers[f.base] = int(f.exp)
            else:
                return None
    return float(coeff), powers


def _compare(a, b) -> int:
    """SymPy's lexicographic order, highest exponent of the first symbol first, then the
    coefficient (smaller first); written on sparse (symbol index, exponent) lists."""
    _, pa, ca = a
    _, pb, cb = b
    for (ia, ea), (ib, eb) in zip(pa, pb):
        if ia != ib:  # the one with the earlier symbol has 0 of the other's
            return (-1 if ea > 0 else 1) if ia < ib else (1 if eb > 0 else -1)
        if ea != eb:
            return -1 if ea > eb else 1
    if len(pa) != len(pb):
        if len(pa) > len(pb):
            return -1 if pa[len(pb)][1] > 0 else 1
        return 1 if pb[len(pa)][1] > 0 else -1
    return (ca > cb) - (ca < cb)
