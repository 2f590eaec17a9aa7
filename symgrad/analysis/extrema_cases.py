"""Two shapes whose extrema are decided without ``solve``, which takes minutes on them.

* A sum of |linear| terms (plus a linear part), with positive rational weights: f is convex
  and piecewise linear, so its least value sits at a kink, where its slope changes from
  negative to non-negative; the slopes between the kinks decide it exactly.
* A polynomial whose derivative has degree 5 or more: the real roots of f′ are isolated
  by intervals with rational ends (exact CRootOf values), and each is classified by the
  sign of f′ at the ends and the root's multiplicity, all in rational arithmetic.
"""

from __future__ import annotations

import sympy
from sympy import Abs, Expr, Poly, Rational, Symbol

from ..errors import said
from ..i18n.language import formula

#: A polynomial derivative of at least this degree is solved by root isolation.
ISOLATE_FROM = 5


def abs_sum(f: Expr, x: Symbol):
    """(kinks with their weights, linear slope) when f = Σ cᵢ·|aᵢx + bᵢ| + αx + β with
    rational numbers and every cᵢ > 0, else None.  Kinks map x-values to the slope they add.

    >>> x = Symbol("x", real=True)
    >>> abs_sum(abs(x - 1) + 2*abs(2*x) + x, x)
    ({0: 4, 1: 1}, 1)
    """
    kinks: dict[Expr, Expr] = {}
    slope = sympy.S.Zero
    found = False
    for term in sympy.Add.make_args(f):
        c, rest = term.as_coeff_Mul()
        if isinstance(rest, Abs):
            line = _linear(rest.args[0], x)
            if line is None or not (c.is_Rational and c > 0) or line[0] == 0:
                return None
            a, b = line
            k = -b / a
            kinks[k] = kinks.get(k, 0) + c * abs(a)
            found = True
        else:
            line = _linear(term, x)
            if line is None:
                return None
            slope += line[0]
    return (dict(sorted(kinks.items())), slope) if found else None


def _linear(e: Expr, x: Symbol):
    if not e.is_polynomial(x):
        return None
    p = Poly(e, x)
    if p.degree() > 1 or not all(c.is_Rational for c in p.all_coeffs()):
        return None
    a = p.coeff_monomial(x)
    return a, p.coeff_monomial(1)


def abs_sum_minimum(f: Expr, x: Symbol, kinks: dict, slope: Expr):
    """(the least point or None, a note) of a convex piecewise-linear f (see :func:`abs_sum`).

    >>> x = Symbol("x", real=True)
    >>> f = abs(x) + abs(x - 1) + abs(x - 3)
    >>> abs_sum_minimum(f, x, *abs_sum(f, x))[0]
    1
    """
    total = sum(kinks.values())
    left, right = slope - total, slope + total
    if right < 0 or left > 0:
        side, end_slope = ("+∞", right) if right < 0 else ("−∞", left)
        return None, said("note.abs-sum.unbounded", formula(end_slope), side)
    if left == 0:
        first = next(iter(kinks))
        return first, said("note.abs-sum.ray", formula(first))
    s = left
    kink_list = list(kinks)
    for j, k in enumerate(kink_list):
        before, s = s, s + 2 * kinks[k]
        if s >= 0:
            note = said("note.abs-sum.kink", formula(k), formula(before), formula(s))
            if s == 0:
                end = kink_list[j + 1] if j + 1 < len(kink_list) else None
                where = said("said.interval", formula(k), formula(end)) if end is not None \
                    else said("said.ray", formula(k))
                note = said("said.semicolon", note, said("note.abs-sum.flat", where))
            return k, note
    raise AssertionError("unreachable: the slope ends at right ≥ 0")


def isolated_roots(derivative: Expr, x: Symbol):
    """The real roots of a polynomial f′ of degree ≥ ISOLATE_FROM as (exact root, isolating
    interval, multiplicity, sign of f′ just left, just right), or None for other f′.

    >>> x = Symbol("x", real=True)
    >>> [(r, k, left, right) for r, _, k, left, right in isolated_roots(x**5 - x, x)]
    [(-1, 1, -1, 1), (0, 1, 1, -1), (1, 1, -1, 1)]
    """
    if not derivative.is_polynomial(x):
        return None
    p = Poly(derivative, x)
    if p.degree() < ISOLATE_FROM or not all(c.is_Rational for c in p.all_coeffs()):
        return None
    square_free = p.sqf_part()
    out = []
    for index, ((a, b), k) in enumerate(p.intervals()):
        a, b = Rational(a), Rational(b)
        if a == b:  # a rational root: the sign beside it is that of p⁽ᵏ⁾(r)·(x − r)ᵏ
            right = _sign(p.diff((x, k)).eval(a))
            out.append((a, (a, b), k, right * (-1) ** k, right))
        else:
            while p.eval(a) == 0 or p.eval(b) == 0:  # an end may be a neighbouring root
                a, b = (Rational(e) for e in square_free.refine_root(a, b, steps=1))
            root = sympy.CRootOf(square_free.as_expr(), index)
            out.append((root, (a, b), k, _sign(p.eval(a)), _sign(p.eval(b))))
    return out


def _sign(v) -> int:
    return int(bool(v > 0)) - int(bool(v < 0))
