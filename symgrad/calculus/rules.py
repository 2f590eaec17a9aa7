"""Derivatives as a tree of named rules, the way a textbook shows them.

Three stages are kept apart:

1. *finding* the steps: :func:`diff_steps` looks at the shape of an expression and picks
   a rule (sum, product, chain, ...) for it and, recursively, for its parts;
2. *computing* from them: every :class:`Step` has a ``result`` built only from its
   substeps' results (``sympy.diff`` is called only by :class:`UnknownRule`); the step
   classes live in :mod:`symgrad.calculus.rule_steps` and are re-exported here;
3. *printing* them: renderers live elsewhere and dispatch on the step class;
   :meth:`Step.text` is a plain outline for the terminal.

>>> x = sympy.Symbol("x", real=True)
>>> step = diff_steps(sympy.sin(x**2), x)
>>> step.rule, step.outer.rule, step.inner.rule, step.result
('chain', 'sin', 'power', 2*x*cos(x**2))
>>> print(step.text())
d/dx[sin(x²)] = 2·x·cos(x²)   chain rule, u = x²
  d/du[sin(u)] = cos(u)   sin rule
  d/dx[x²] = 2·x   power rule
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from functools import lru_cache

import sympy
from sympy import Add, Expr, S, Symbol, exp, tanh

from symgrad.functions import sigmoid
from symgrad.termorder import printed_terms

from ..errors import said
from ..parsing.core import check_objects, parse, symbol
from .rule_steps import (
    ELEMENTARY,
    AbsRule,
    ChainRule,
    ConstantMultipleRule,
    ConstantRule,
    CosRule,
    ExponentialRule,
    ExpRule,
    GeneralPowerRule,
    LogRule,
    PowerRule,
    ProductRule,
    QuotientRule,
    ReluRule,
    SigmoidRule,
    SinRule,
    SqrtRule,
    Step,
    SumRule,
    TanhRule,
    TanRule,
    UnknownRule,
    VariableRule,
)
from .rules_functions import more_steps

__all__ = [
    "AbsRule",
    "ChainRule",
    "ConstantMultipleRule",
    "ConstantRule",
    "CosRule",
    "ExpRule",
    "ExponentialRule",
    "GeneralPowerRule",
    "LogRule",
    "PowerRule",
    "ProductRule",
    "QuotientRule",
    "ReluRule",
    "SigmoidRule",
    "SinRule",
    "SqrtRule",
    "Step",
    "SumRule",
    "TanRule",
    "TanhRule",
    "UnknownRule",
    "VariableRule",
    "caveats",
    "diff_steps",
    "walk",
]


def match_sigmoid(e: Expr) -> Expr | None:
    """u if ``e`` spells out σ(u) as 1/(1 + e^{−u}) or e^{u}/(e^{u} + 1), else None.

    >>> z = sympy.Symbol("z")
    >>> match_sigmoid(1 / (1 + sympy.exp(-z))), match_sigmoid(z + 1)
    (z, None)
    """
    if e.is_Pow and e.exp == -1 and e.base.is_Add and len(e.base.args) == 2:
        one, other = sorted(e.base.args, key=lambda a: a != 1)
        if one == 1 and isinstance(other, exp):
            return -other.args[0]
    if e.is_Mul and len(e.args) == 2:
        num, den = sympy.fraction(e, exact=True)
        if isinstance(num, exp) and den == num + 1:
            return num.args[0]
    return None


def _match_tanh(e: Expr) -> Expr | None:
    """u if ``e`` spells out tanh(u) as (e^{u} − e^{−u})/(e^{u} + e^{−u}), else None."""
    if not e.is_Mul:
        return None
    num, den = sympy.fraction(e, exact=True)
    if not (den.is_Add and len(den.args) == 2 and all(isinstance(a, exp) for a in den.args)):
        return None
    for a in den.args:
        u = a.args[0]
        if den == exp(u) + exp(-u) and num == exp(u) - exp(-u):
            return u
    return None


#: More step finders, each ``(finder, expr) -> Step | None``: the parametric functions and
#: logarithms to a base of rules_functions.py (whose elementary rules are in ELEMENTARY).
MATCHERS: list[Callable] = [more_steps]


class _Finder:
    """Finds the steps for one expression, handing out fresh names u, u1, u2, … for chains."""

    def __init__(self, expr: Expr, wrt: Symbol):
        self.wrt = wrt
        self.expr = expr
        self.taken: set[str] | None = None  # the names in use, found when a name is needed
        self.count = 0

    def fresh(self) -> Symbol:
        if self.taken is None:
            self.taken = {s.name for s in _free(self.expr) if isinstance(s, Symbol)}
            self.taken.add(self.wrt.name)
        while True:
            name = "u" if self.count == 0 else f"u{self.count}"
            self.count += 1
            if name not in self.taken:
                self.taken.add(name)
                return Symbol(name, real=True)

    def chain(self, expr: Expr, inner: Expr, outer_of: Callable[[Symbol], Step]) -> Step:
        """``outer_of(x)`` directly if the inner expression is the variable itself, else chain."""
        if inner == self.wrt:
            return outer_of(self.wrt)
        u = self.fresh()
        return ChainRule(expr, self.wrt, outer_of(u), self.steps(inner), u)

    def steps(self, e: Expr) -> Step:
        x = self.wrt
        if x not in _free(e):
            return ConstantRule(e, x)
        if e == x:
            return VariableRule(e, x)
        if e.is_Add:
            return self.sum(e)

        for match, spelled in ((match_sigmoid, sigmoid), (_match_tanh, tanh)):
            u = match(e)
            if u is not None:
                rule = ELEMENTARY[spelled]
                # The outer step shows the named function; the chain (or the direct step)
                # keeps the expression as written.
                if u == x:
                    return rule(e, x)
                return self.chain(e, u, lambda v, r=rule, f=spelled: r(f(v), v))

        for more in MATCHERS:  # rules for more functions, from rules_functions.py
            step = more(self, e)
            if step is not None:
                return step

        if e.is_Mul:
            return self.product(e)
        if e.is_Pow:
            return self.power(e)
        if isinstance(e, sympy.Function) and len(e.args) == 1 and e.func in ELEMENTARY:
            rule = ELEMENTARY[e.func]
            return self.chain(e, e.args[0], lambda v: rule(e.func(v), v))
        return UnknownRule(e, x)

    def sum(self, e: Expr) -> Step:
        # Printed order, so the steps read in the order the student sees the terms.  A long
        # sum is read off term by term: only the terms holding x get a step of their own.
        terms, holding = _terms_of(e)
        x = self.wrt
        varying = holding.get(x, ())
        if len(terms) - len(varying) <= MANY_CONSTANT_TERMS:
            return SumRule(e, x, tuple(self.steps(t) for t in terms))
        # Unevaluated: the terms are already in order, and sorting them again costs O(n log n)
        # for each of n parameters.
        where = sorted(varying)
        if len(where) == 1:  # the common case (a linear term): two slices, no loop in Python
            i = where[0]
            kept = terms[:i] + terms[i + 1:]
        else:
            kept = tuple(t for i, t in enumerate(terms) if i not in varying)
        rest = Add._from_args(kept, is_commutative=True)
        parts = [self.steps(terms[i]) for i in where]
        return SumRule(e, x, (*parts, ConstantRule(rest, x)))

    def product(self, e: Expr) -> Step:
        # Quotient rule only for a written fraction whose numerator and denominator both
        # vary (exact=True keeps e^{-x} upstairs, as written); otherwise the product rule,
        # whose factors like (x + 1)^{-1} then go through the power and chain rules.
        x = self.wrt
        constant, rest = e.as_independent(x, as_Add=False)
        if constant != 1:
            return ConstantMultipleRule(e, x, constant, self.steps(rest))
        num, den = sympy.fraction(e, exact=True)
        if x in num.free_symbols and x in den.free_symbols:
            return QuotientRule(e, x, self.steps(num), self.steps(den))
        return ProductRule(e, x, tuple(self.steps(f) for f in e.as_ordered_factors()))

    def power(self, e: Expr) -> Step:
        x = self.wrt
        base, n = e.base, e.exp
        if x in n.free_symbols:
            if x in base.free_symbols:
                return GeneralPowerRule(e, x, self.steps(base), self.steps(n))
            return self.chain(e, n, lambda v: ExponentialRule(base**v, v))
        if n == S.Half:
            return self.chain(e, base, lambda v: SqrtRule(sympy.sqrt(v), v))
        return self.chain(e, base, lambda v: PowerRule(v**n, v))


#: A sum with more terms free of x than this shows them as one constant step, not one each.
MANY_CONSTANT_TERMS = 12


@lru_cache(maxsize=1024)
def _free(e: Expr) -> frozenset:
    """The free symbols of ``e``, remembered: a long sum is asked once per parameter."""
    return frozenset(e.free_symbols)


@lru_cache(maxsize=64)
def _realness(e: Expr) -> tuple[tuple[str, ...], tuple[Symbol, ...]]:
    """The names of the symbols of ``e`` declared not real, and its symbols with no assumption.

    Remembered: a long sum is asked once per parameter.
    """
    symbols = [s for s in _free(e) if isinstance(s, Symbol)]
    return (tuple(s.name for s in symbols if s.is_real is False),
            tuple(s for s in symbols if s.is_real is None))


@lru_cache(maxsize=32)
def _terms_of(e: Add) -> tuple[tuple[Expr, ...], dict[Symbol, frozenset[int]]]:
    """The terms of a sum in printed order, and for each symbol the positions of its terms.

    Computed once per sum, so deriving a sum by each of its n parameters costs O(n), not O(n²).
    """
    terms = printed_terms(e)
    holding: dict[Symbol, set[int]] = {}
    for i, t in enumerate(terms):
        for s in t.free_symbols:
            holding.setdefault(s, set()).add(i)
    return terms, {s: frozenset(ii) for s, ii in holding.items()}


def diff_steps(expr: Expr, wrt: Symbol) -> Step:
    """The tree of rules that differentiates ``expr`` with respect to ``wrt``.

    ``expr`` is text (read by :func:`symgrad.parse`) or a SymPy expression, ``wrt`` a name or
    a Symbol.  The variables are taken to be real, since rules such as |u|′ = sign(u) hold
    only for real u; a plain ``Symbol("x")`` is differentiated as a real copy and the steps
    come back in the caller's own symbols.

    >>> x = sympy.Symbol("x", real=True)
    >>> step = diff_steps(x * sympy.sin(x), x)
    >>> step.rule, [s.rule for s in step.substeps], step.result
    ('product', ['variable', 'sin'], x*cos(x) + sin(x))
    >>> t = sympy.Symbol("t")
    >>> diff_steps(sympy.Abs(t), t).result, diff_steps(sympy.Abs(t), t).result.has(t)
    (sign(t), True)
    """
    if isinstance(expr, str):
        expr = parse(expr)  # text is read by the safe parser, never by sympify
    elif isinstance(expr, sympy.Basic):
        check_objects(expr)  # a SymPy object is held to the rules of text
    if isinstance(wrt, str):
        wrt = symbol(wrt)
    if not isinstance(expr, Expr) or getattr(expr, "is_Matrix", False):
        raise TypeError(said('err.rules.diff-steps-needs-sympy', type(expr).__name__))
    if isinstance(expr, sympy.MatrixExpr):
        raise TypeError(said('err.rules.diff-steps-needs-scalar', expr))
    if not isinstance(wrt, Symbol):
        raise TypeError(said('err.rules.diff-steps-differentiates-with', wrt))
    # Rules such as |u|′ = sign(u) hold for real u: symbols made without assumptions are
    # differentiated as real copies, and the steps handed back in the caller's symbols.
    (bad, plain), (bad_wrt, plain_wrt) = _realness(expr), _realness(wrt)
    not_real = sorted({*bad, *bad_wrt})
    if not_real:
        raise ValueError(said('err.rules.diff-steps-works-with', ', '.join(not_real)))
    plain = list(dict.fromkeys((*plain, *plain_wrt)))
    if not plain:
        return _Finder(expr, wrt).steps(expr)
    real = {s: sympy.Dummy(s.name, real=True) for s in plain}
    step = _Finder(expr.xreplace(real), wrt.xreplace(real)).steps(expr.xreplace(real))
    return _renamed(step, {r: s for s, r in real.items()})


def _renamed(step: Step, back: dict) -> Step:
    """The same step tree with symbols replaced by ``back``, results carried over."""
    def convert(value):
        if isinstance(value, Step):
            return _renamed(value, back)
        if isinstance(value, tuple):
            return tuple(convert(v) for v in value)
        return value.xreplace(back) if isinstance(value, sympy.Basic) else value

    fields = {f.name: convert(getattr(step, f.name)) for f in dataclasses.fields(step)}
    new = type(step)(**fields)
    new.__dict__["result"] = step.result.xreplace(back)  # as computed with the real symbols
    return new


def walk(step: Step) -> Iterator[Step]:
    """Every step of the tree, parents before children (pre-order).

    >>> x = sympy.Symbol("x", real=True)
    >>> [s.rule for s in walk(diff_steps(x**2 + 1, x))]
    ['sum', 'power', 'constant']
    """
    yield step
    for sub in step.substeps:
        yield from walk(sub)


def caveats(step: Step) -> list[str]:
    """The caveats (points with no derivative) in the tree, stated in the original variables.

    The outer step of a chain speaks of u; the chain itself restates that in x, so only
    the chain's version is listed.

    >>> x = sympy.Symbol("x", real=True)
    >>> caveats(diff_steps(sympy.Abs(x - 3) + x, x))
    ['not differentiable where x − 3 = 0']
    """
    outers = {id(s.outer) for s in walk(step) if isinstance(s, ChainRule)}
    found: list[str] = []
    for s in walk(step):
        if id(s) not in outers and s.caveat and s.caveat not in found:
            found.append(s.caveat)
    return found

