"""The steps of a derivative: one class per named rule, each computing its result from its parts.

A :class:`Step` is one rule applied to one expression; its ``result`` is built only from its
substeps' results (``sympy.diff`` is called only by :class:`UnknownRule`).  Which rule fits an
expression is decided in :mod:`symgrad.calculus.rules`
(:func:`~symgrad.calculus.rules.diff_steps`), which re-exports every name here; how a step reads
is the renderers' business (their views, registered in :mod:`symgrad.views`).

>>> x = sympy.Symbol("x", real=True)
>>> PowerRule(x**3, x).result
3*x**2
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cached_property
from typing import ClassVar, dataclass_transform

import sympy
from sympy import Abs, Add, Expr, Mul, S, Symbol, cos, exp, log, sign, sin, tan, tanh

from symgrad.functions import relu, sigmoid

from ..views import view


@dataclass_transform(frozen_default=True)
@dataclass(frozen=True)
class Step:
    """One rule applied to ``expr`` (differentiated with respect to ``wrt``).

    A rule is a subclass named by a keyword, ``class PowerRule(Step, rule="power")``; it is a
    frozen dataclass whose further fields are its parts, and its ``combine`` computes the
    ``result`` from its substeps.  ``singular`` is an expression whose zeros are points where the
    rule does not apply (the derivative does not exist there); ``caveat`` says so in words.
    """

    expr: Expr
    wrt: Symbol

    rule: ClassVar[str] = "step"
    #: The names of the fields after ``expr`` and ``wrt``: the rule's parts.
    part_fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, rule: str | None = None, **kwargs):
        super().__init_subclass__(**kwargs)
        if rule is not None:
            cls.rule = rule
        dataclass(frozen=True)(cls)
        cls.part_fields = tuple(f.name for f in fields(cls))[2:]

    @property
    def substeps(self) -> tuple[Step, ...]:
        """The child steps whose results this step combines: its parts that are steps, in order.

        >>> x = sympy.Symbol("x", real=True)
        >>> [s.rule for s in QuotientRule(x / (x + 1), x, VariableRule(x, x),
        ...                               SumRule(x + 1, x, (VariableRule(x, x),))).substeps]
        ['variable', 'sum']
        """
        found: list[Step] = []
        for name in self.part_fields:
            part = getattr(self, name)
            found.extend(s for s in (part if isinstance(part, tuple) else (part,))
                         if isinstance(s, Step))
        return tuple(found)

    @cached_property
    def result(self) -> Expr:
        """The derivative of ``expr`` with respect to ``wrt``: the rule's formula
        (:meth:`combine`) applied to its substeps."""
        return self.combine(*self.substeps)

    def combine(self, *substeps: Step) -> Expr:
        """The rule's formula: the derivative from the substeps (their ``expr`` and ``result``)."""
        raise NotImplementedError

    @property
    def singular(self) -> Expr | None:
        """Where this expression is zero, the derivative does not exist (None: nowhere)."""
        return None

    @property
    def caveat(self) -> str | None:
        """A sentence naming the points where the derivative does not exist, if any."""
        if self.singular is None:
            return None
        return view(self, "caveat")

    def text(self) -> str:
        """The tree as indented Unicode lines (see :func:`symgrad.render.printers.text.steps`).

        >>> from symgrad.calculus.rules import diff_steps
        >>> x = sympy.Symbol("x", real=True)
        >>> print(diff_steps(3 * x, x).text())
        d/dx[3·x] = 3   constant multiple rule
          d/dx[x] = 1   variable rule
        """
        return view(self, "text")


class ConstantRule(Step, rule="constant"):
    """d/dx c = 0 (c free of x)"""

    def combine(self) -> Expr:
        return S.Zero


class VariableRule(Step, rule="variable"):
    """d/dx x = 1"""

    def combine(self) -> Expr:
        return S.One


class SumRule(Step, rule="sum"):
    """d/dx (f₁ + … + fₙ) = f₁′ + … + fₙ′"""

    terms: tuple[Step, ...]

    def combine(self, *terms: Step) -> Expr:
        return Add(*(t.result for t in terms))


class ConstantMultipleRule(Step, rule="constant multiple"):
    """d/dx c·f = c·f′ (c free of x)"""

    constant: Expr
    factor: Step

    def combine(self, factor: Step) -> Expr:
        return self.constant * factor.result


class ProductRule(Step, rule="product"):
    """d/dx (f₁ ⋯ fₙ) = Σᵢ fᵢ′ ∏_{j≠i} fⱼ"""

    factors: tuple[Step, ...]

    def combine(self, *factors: Step) -> Expr:
        return Add(
            *(
                f.result * Mul(*(g.expr for j, g in enumerate(factors) if j != i))
                for i, f in enumerate(factors)
            )
        )


class QuotientRule(Step, rule="quotient"):
    """d/dx f/g = (f′·g − f·g′) / g²"""

    numerator: Step
    denominator: Step

    def combine(self, f: Step, g: Step) -> Expr:
        return (f.result * g.expr - f.expr * g.result) / g.expr**2


class ChainRule(Step, rule="chain"):
    """d/dx f(g(x)) = f′(g(x)) · g′(x): with u = g(x), f′(u) is found, then u = g(x) put back"""

    outer: Step
    inner: Step
    u: Symbol

    def combine(self, outer: Step, inner: Step) -> Expr:
        # SymPy distributes a number over a sum (2*u with u = a + b gives 2*a + 2*b);
        # factor_terms pulls the number back out so (y - f)² gives 2(y - f), as on paper.
        product = outer.result.xreplace({self.u: inner.expr}) * inner.result
        # Only where a reader will look: on a network's long expressions factor_terms costs
        # seconds and shows nothing anyone reads.
        return sympy.factor_terms(product) if _small(product) else product

    @property
    def singular(self) -> Expr | None:
        s = self.outer.singular
        return None if s is None else s.xreplace({self.u: self.inner.expr})


class PowerRule(Step, rule="power"):
    """d/dx xⁿ = n·xⁿ⁻¹ (n free of x)"""

    def combine(self) -> Expr:
        n = self.expr.exp
        return n * self.wrt ** (n - 1)


class GeneralPowerRule(Step, rule="general power"):
    """d/dx f^g = f^g · (g′·ln f + g·f′/f), from f^g = e^{g·ln f}"""

    base: Step
    exponent: Step

    def combine(self, f: Step, g: Step) -> Expr:
        return self.expr * (g.result * log(f.expr) + g.expr * f.result / f.expr)


class ExponentialRule(Step, rule="exponential"):
    """d/dx aˣ = aˣ · ln a (a free of x)"""

    def combine(self) -> Expr:
        return self.expr * log(self.expr.base)


#: One-argument SymPy function class -> the rule for it (each rule enters itself, here and in
#: :mod:`symgrad.calculus.rules_functions`).
ELEMENTARY: dict[type, type[Elementary]] = {}


class Elementary(Step):
    """f(x) for a one-argument f with a known derivative.

    A rule gives its derivative as a function of the argument and the functions it is for,
    ``class ExpRule(Elementary, rule="exp", functions=(exp,), derivative=exp)``, and so enters
    ``ELEMENTARY``.  These steps always apply f to the variable itself: f(g(x)) is a chain
    whose outer step is f(u) with respect to u.
    """

    def __init_subclass__(cls, derivative: Callable[[Expr], Expr] | None = None,
                          functions: tuple[type, ...] = (), **kwargs):
        super().__init_subclass__(**kwargs)
        if derivative is not None:
            cls.derivative = staticmethod(derivative)
        ELEMENTARY.update(dict.fromkeys(functions, cls))

    def combine(self) -> Expr:
        return self.derivative(self.wrt)


class Kinked(Elementary):
    """An elementary function with no derivative at 0 (a kink, or a vertical tangent)."""

    @property
    def singular(self) -> Expr | None:
        return self.wrt


class ExpRule(Elementary, rule="exp", functions=(exp,), derivative=exp):
    """d/dx eˣ = eˣ"""


class LogRule(Elementary, rule="log", functions=(log,), derivative=lambda x: 1 / x):
    """d/dx ln x = 1/x"""


class SqrtRule(Kinked, rule="sqrt", derivative=lambda x: 1 / (2 * sympy.sqrt(x))):
    """d/dx √x = 1/(2√x), for x > 0 (at 0 the tangent is vertical)"""


class SinRule(Elementary, rule="sin", functions=(sin,), derivative=cos):
    """d/dx sin x = cos x"""


class CosRule(Elementary, rule="cos", functions=(cos,), derivative=lambda x: -sin(x)):
    """d/dx cos x = −sin x"""


class TanRule(Elementary, rule="tan", functions=(tan,), derivative=lambda x: 1 + tan(x) ** 2):
    """d/dx tan x = 1 + tan² x  (= sec² x)"""


class TanhRule(Elementary, rule="tanh", functions=(tanh,),
               derivative=lambda x: 1 - tanh(x) ** 2):
    """d/dx tanh x = 1 − tanh² x; also for tanh spelled out as (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)"""


class SigmoidRule(Elementary, rule="sigmoid", functions=(sigmoid,),
                  derivative=lambda x: sigmoid(x).fdiff()):  # σ′ as functions.py states it
    """d/dx σ(x) = σ(x)·(1 − σ(x)); also for σ spelled out as 1/(1 + e⁻ˣ) or eˣ/(eˣ + 1)"""


class AbsRule(Kinked, rule="abs", functions=(Abs,), derivative=sign):
    """d/dx |x| = sign(x) for real x ≠ 0; |x| has no derivative at x = 0"""


class ReluRule(Kinked, rule="relu", functions=(relu,), derivative=lambda x: relu(x).fdiff()):
    """d/dx relu(x) = H(x), the Heaviside step; no derivative at x = 0 (H(0) = 0 is used)"""


class UnknownRule(Step, rule="unknown"):
    """No rule is known for this operation; its derivative is taken from ``sympy.diff``."""

    @property
    def operation(self) -> str:
        """The name of the operation without a rule, e.g. ``"Heaviside"``."""
        return self.expr.func.__name__

    @property
    def message(self) -> str:
        """Why this step is not a rule: the operation and the variable."""
        return f"no derivative rule for `{self.operation}` (wrt {self.wrt})"

    def combine(self) -> Expr:
        return sympy.diff(self.expr, self.wrt)


#: Expressions with more nodes than this are left as the rules built them (see ChainRule).
SMALL = 120


def _small(expr: Expr) -> bool:
    """Whether ``expr`` has at most SMALL nodes (stops counting as soon as it has more)."""
    for count, _ in enumerate(sympy.preorder_traversal(expr), start=1):
        if count > SMALL:
            return False
    return True
