"""Deciding exactly whether two expressions are equal: a counterexample first, then a proof.

* a *counterexample* is an exact rational point where the two sides differ, shown by exact
  arithmetic or by a high-precision evaluation that SymPy certifies (``strict=True``);
* a *proof* is that expand, cancel or simplify of the difference gives 0 (or ``Expr.equals``),
  tried only after no counterexample was found and only on expressions of bounded size.

Cheap things first: equal trees are equal; then a handful of points; the proof last.  An
expression with a huge numeric power (x^(10^100)) is never evaluated exactly at a point: it is
evaluated to :data:`DIGITS` significant digits instead, and a difference counts only if it is
far above that precision.

>>> x = sympy.Symbol("x", real=True)
>>> compare(x**2, x * x).ok, compare(x**2, x * abs(x)).ok
(True, False)
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

import sympy
from sympy import Abs, Heaviside, Rational, S, sign
from sympy.core.evalf import PrecisionExhausted

from ..errors import said
from .forms import expands_hugely, huge, numeric_form
from .kinks import at_kink, near_singularity
from .quick import agree_quickly, quick_values
from .verdict import Counterexample

__all__ = ["Comparison", "agree", "compare", "numeric_form", "value_at"]

#: simplify is skipped above this many operations: it can take minutes on large expressions.
SIMPLIFY_LIMIT = 300
#: Candidate points tried in search of a counterexample, and how many defined ones suffice.
TRIES = 24
ENOUGH = 10
#: Significant digits of a certified evaluation when exact arithmetic does not settle it.
DIGITS = 50
SEED = 20240601
#: What :func:`differ_at` says of a point a hair from a pole or a kink.
NEAR = object()

# Small values first, so that a counterexample reads well; (0, 1) for logs of probabilities.
_NICE = [Rational(v) for v in ("1", "2", "1/2", "1/3", "3", "-1", "2/3", "-2", "1/4", "5/2")]


@dataclass(frozen=True)
class Comparison:
    """The outcome of :func:`compare`: ok (True, False, None), a counterexample, a note."""

    ok: bool | None
    counterexample: Counterexample | None = None
    note: object = ""  # a symgrad.errors.Said, worded when printed
    agreed: int = 0


def compare(expected, claimed, *, tries: int = TRIES, simplify_limit: int = SIMPLIFY_LIMIT,
            seed: int = SEED) -> Comparison:
    """Decide exactly whether two expressions are equal: counterexample first, then a proof.

    >>> x = sympy.Symbol("x", real=True)
    >>> c = compare(4*x - 12, 4*x + 12)
    >>> c.ok, c.counterexample.point
    (False, {x: 1})
    """
    expected, claimed = sympy.sympify(expected), sympy.sympify(claimed)
    if expected == claimed:
        return Comparison(True)
    agreed, near = 0, []
    for point in points(expected, claimed, tries, seed):
        outcome = differ_at(expected, claimed, point)
        if outcome is NEAR:  # a hair from a pole or a kink: only if no other point decides
            near.append(point)
            continue
        if isinstance(outcome, Counterexample) and _confirmed(expected, claimed, point):
            return Comparison(False, outcome)
        if outcome:
            agreed += 1
            if agreed >= ENOUGH and not near:
                break
    for point in near:  # evaluated exactly only (no rounded look), and re-checked
        outcome = differ_at(expected, claimed, point, near=True)
        if isinstance(outcome, Counterexample) and _confirmed(expected, claimed, point):
            return Comparison(False, outcome)
    proof = _prove_equal(expected, claimed, simplify_limit)
    if proof is not None:
        return Comparison(True, note=proof, agreed=agreed)
    if agreed:
        note = said("check.agree-unproved", agreed)
    else:
        note = said("check.no-test-point")
    return Comparison(None, note=note, agreed=agreed)


def _confirmed(expected, claimed, point: dict) -> bool:
    """The re-check before "wrong": an exact rational point where both sides are defined and
    their exact values differ (a value that is not rational was certified by differ_at)."""
    if not all(isinstance(v, Rational) for v in point.values()):
        return False
    e, c = value_at(expected, point), value_at(claimed, point)
    return e is not None and c is not None and e - c != 0


def points(a: sympy.Expr, b: sympy.Expr, tries: int, seed: int) -> Iterable[dict]:
    """Exact test points for the symbols of ``a`` and ``b``: nice values, then random ones."""
    names = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    if not names:
        yield {}
        return
    rng = random.Random(seed)
    for k in range(tries):
        if k < 4:
            point = {s: _NICE[(k + 2 * i) % len(_NICE)] for i, s in enumerate(names)}
        else:
            point = {s: _random_rational(rng, k) for s in names}
        # A count (the number of samples m) takes whole values ≥ 1.
        yield {s: max(S.One, sympy.Integer(abs(v.p))) if s.is_integer and s.is_positive else v
               for s, v in point.items()}


def _random_rational(rng: random.Random, k: int) -> sympy.Rational:
    q = rng.randint(2, 9)
    if k % 2:  # inside (0, 1), where the logarithms of probabilities are defined
        return Rational(rng.randint(1, q - 1), q)
    return Rational(rng.randint(-4 * q, 4 * q), q)


def _grows(e: sympy.Basic) -> bool:
    return isinstance(e, (sympy.exp, sympy.sinh, sympy.cosh)) or (
        e.is_Pow and not e.exp.is_number)


def _nested_growth(expr: sympy.Expr) -> bool:
    """Whether an exponential sits inside another (its values can have astronomically many
    digits)."""
    return any(_grows(node) and any(_grows(inner) for arg in node.args
                                    for inner in sympy.preorder_traversal(arg))
               for node in sympy.preorder_traversal(expr))


def _fits_in_floats(expr: sympy.Expr, point: dict) -> bool:
    """Whether every part of ``expr`` at ``point`` stays within floating-point range."""
    try:
        value = _float_of(expr, point)
    except (OverflowError, RecursionError):
        return False
    except (ValueError, ZeroDivisionError, TypeError, ArithmeticError):
        return True  # undefined there, or not a float: the exact evaluation will say
    return not math.isinf(value)


def _float_of(e: sympy.Basic, point: dict) -> float:
    if e.is_Symbol:
        return float(point[e])
    if e.is_Number or e in (sympy.E, sympy.pi):
        return float(e)
    args = [_float_of(a, point) for a in e.args]
    if any(math.isinf(a) for a in args):
        raise OverflowError
    if e.is_Add:
        return math.fsum(args)
    if e.is_Mul:
        return math.prod(args)
    if e.is_Pow:
        return math.pow(*args)
    if isinstance(e, sympy.exp):
        return math.exp(args[0])
    return float(e.func(*(sympy.Float(a) for a in args)).evalf(15))


def value_at(expr: sympy.Expr, point: dict) -> sympy.Expr | None:
    """The value at a point (exact, or a Float for a huge expression), or None where it is
    undefined, infinite or not real.

    >>> x = sympy.Symbol("x", real=True)
    >>> value_at(1 / x, {x: 2}), value_at(1 / x, {x: 0})
    (1/2, None)
    """
    # Hints evaluate the expected and the claimed answer at the same points once per slip.
    return _value_at(expr, tuple(sorted(point.items(), key=lambda item: item[0].sort_key())))


@functools.lru_cache(maxsize=1024)
def _value_at(expr: sympy.Expr, items: tuple) -> sympy.Expr | None:
    point = dict(items)
    form = numeric_form(expr)
    if _nested_growth(form) and not _fits_in_floats(form, point):
        return None  # exp(exp(exp(x))) at x = 3: too big to evaluate, not a usable point
    try:
        if huge(form):
            value = form.evalf(DIGITS, subs=point, strict=True)
        else:
            value = sympy.sympify(form.xreplace(point))
        if value.has(sympy.Derivative):
            value = value.doit()
        if value.free_symbols or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo, sympy.I):
            return None
        approx = value.evalf(15)
    except (ArithmeticError, ValueError, TypeError, PrecisionExhausted):
        return None
    if not (approx.is_Number and approx.is_finite and approx.is_real):
        return None
    return value


def differ_at(expected, claimed, point, certify: bool = True,
              near: bool = False) -> Counterexample | bool | None | object:
    """A Counterexample if the values differ there, True if equal, None if not decided,
    :data:`NEAR` if the point is a hair from a pole or a kink of either side (see
    :func:`.kinks.near_singularity`; with ``near`` such a point is evaluated exactly, never
    by the rounded quick look).  Without ``certify`` (for hints) a clear difference at 60
    digits is taken as it is.

    >>> x = sympy.Symbol("x", real=True)
    >>> differ_at(x**2, x, {x: 1}), differ_at(x**2, x, {x: 2}).text()
    (True, 'at x = 2: expected 4, claimed 2')
    >>> differ_at(1 / (x - 1 - Rational(1, 10**9)), 1 / (x - 2), {x: sympy.Integer(1)}) is NEAR
    True
    """
    if at_kink(expected, point) or at_kink(claimed, point):
        return None  # no derivative there
    if not near and (near_singularity(expected, point) or near_singularity(claimed, point)):
        return NEAR
    quick = None if near else agree_quickly(expected, claimed, point)
    if quick is True:
        return True
    if quick is False and not certify:
        return Counterexample(point, quick_values(expected, point),
                              quick_values(claimed, point))
    e, c = value_at(expected, point), value_at(claimed, point)
    if e is None or c is None:
        return None
    difference = e - c
    if difference == 0:
        return True
    if difference.has(sympy.Float):  # a huge expression, evaluated to DIGITS digits
        scale = max(abs(e), abs(c))
        if not abs(difference) > scale * sympy.Float(10) ** (20 - DIGITS):
            return None
        return Counterexample(point, e, c)
    if not difference.is_Rational:
        if quick is None and _agree_closely(e, c):
            return True  # equal to DIGITS − 10 digits: no counterexample here, none certified
        try:
            approx = difference.evalf(DIGITS, strict=True)
        except (PrecisionExhausted, ArithmeticError, ValueError, TypeError):
            return None
        if not (approx.is_Number and approx.is_real and approx != 0):
            return None
    # Shown as written (σ(1), not its exp form), though decided on the exact closed form.
    return Counterexample(point, _shown_at(expected, point, e), _shown_at(claimed, point, c))


def _agree_closely(e: sympy.Expr, c: sympy.Expr) -> bool:
    """Whether two values agree to DIGITS − 10 digits (cheap: no certified evaluation, whose
    precision would climb without end on a difference that is exactly zero)."""
    try:
        a, b = e.evalf(DIGITS), c.evalf(DIGITS)
        return bool(abs(a - b) <= _CLOSE * max(1, abs(a)))
    except (ArithmeticError, ValueError, TypeError):
        return False


def _shown_at(expr: sympy.Expr, point: dict, value: sympy.Expr) -> sympy.Expr:
    shown = sympy.sympify(expr.xreplace(point))
    return shown if shown.is_number else value


def _prove_equal(expected, claimed, limit: int) -> str | None:
    """"" (proved), a note (equal except where undefined), or None (no proof found)."""
    difference = numeric_form(expected - claimed)
    if huge(difference) or sympy.count_ops(difference) > limit:
        return None
    if expands_hugely(difference):
        try:  # expand, cancel and simplify would multiply out (x + y + 1)⁴⁰
            return "" if difference.equals(0) is True else None
        except Exception:  # noqa: BLE001 - a failed attempt is simply no proof
            return None
    # u/|u| is how a student writes sign(u); the two differ only at u = 0.
    unsigned = _without_sign(difference)
    forms = [(difference, "")]
    if unsigned != difference:
        forms.append((unsigned, SIGN_NOTE))
    # Every form with the cheap tools before any with simplify (which can take seconds).
    for simplifiers in (_CHEAP, (sympy.simplify,)):
        for form, note in forms:
            proof = _simplifies_to_zero(form, simplifiers)
            if proof is not None:
                return note or proof
    try:  # the slowest attempt last
        return "" if difference.equals(0) is True else None
    except Exception:  # noqa: BLE001 - a failed attempt is simply no proof
        return None


def _simplifies_to_zero(form: sympy.Expr, simplifiers) -> str | None:
    for simplifier in simplifiers:
        try:
            reduced = simplifier(form)
        except Exception:  # noqa: BLE001 - a failed attempt is simply no proof
            continue
        if reduced == 0:
            return ""
        if _zero_where_defined(reduced):
            return SIGN_NOTE
    return None


def _cancel_as_exp(form: sympy.Expr) -> sympy.Expr:
    # σ, tanh, cosh, sech … as rational functions of eˣ: cheaper than simplify, and decisive.
    return sympy.cancel(form.rewrite(sympy.exp))


SIGN_NOTE = said("check.sign-note")
_CHEAP = (sympy.expand, sympy.cancel, _cancel_as_exp)


def _without_sign(expr: sympy.Expr) -> sympy.Expr:
    return expr.replace(sign, lambda u: u / Abs(u)).replace(
        Heaviside, lambda u, *h: (1 + u / Abs(u)) / 2)


def _zero_where_defined(expr: sympy.Expr) -> bool:
    return isinstance(expr, sympy.Piecewise) and all(
        value == 0 or value is S.NaN for value, _ in expr.args) and any(
        value == 0 for value, _ in expr.args)


def agree(a, b, tries: int = 8) -> bool:
    """Heuristic sameness, for hints only: equal at every defined test point (at least two).

    >>> x = sympy.Symbol("x", real=True)
    >>> agree(2 * x, x + x), agree(x, x**2)
    (True, False)
    """
    a, b = sympy.sympify(a), sympy.sympify(b)
    seen = 0
    for point in points(a, b, tries, SEED + 1):
        outcome = differ_at(a, b, point, certify=False)
        if isinstance(outcome, Counterexample):
            return False
        seen += outcome is True
    return seen >= 2 or (seen >= 1 and not (a.free_symbols | b.free_symbols))


#: Agreement of two values to this relative gap counts as equal at a point (an answer off by
#: 10⁻⁴⁰ is still caught: its difference is certified instead).
_CLOSE = sympy.Float(10) ** (5 - DIGITS)
