"""The steps of a derivative: one class per named rule, each computing its result from its parts.

A :class:`Step` is one rule applied to one expression; its ``result`` is built only from its
substeps' results (``sympy.diff`` is called only by :class:`UnknownRule`).  Which rule fits an
expression is decided in :mod:`symgrad.calculus.rules`
(:func:`~symgrad.calculus.rules.diff_steps`), which re-exports every name here; how a step reads
is the renderers' business (:func:`symgrad.calculus.step_printers.print_with`).

>>> x = sympy.Symbol("x", real=True)
>>> PowerRule(x**3, x).result
3*x**2
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import sympy
from sympy import Abs, Add, Expr, Mul, S, Symbol, cos, exp, log, sign, sin, tan, tanh

from symgrad.functions import relu, sigmoid

from .step_printers import printed


@dataclass(frozen=True)
class Step:
    """One rule applied to ``expr`` (differentiated with respect to ``wrt``).

    Subclasses set the class-level ``rule`` name and compute ``result`` from ``substeps``.
    ``singular`` is an expression whose zeros are points where the rule does not apply
    (the derivative does not exist there); ``caveat`` says so in words.
    """

    expr: Expr
    wrt: Symbol

    rule: ClassVar[str] = "step"

    @property
    def substeps(self) -> tuple[Step, ...]:
        """The child steps whose results this step combines."""
        return ()

    @cached_property
    def result(self) -> Expr:
        """The derivative of ``expr`` with respect to ``wrt``."""
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
        return printed("caveat", self.singular)

    def text(self) -> str:
        """The tree as indented Unicode lines (see :func:`symgrad.render.printers.text.steps`).

        >>> from symgrad.calculus.rules import diff_steps
        >>> x = sympy.Symbol("x", real=True)
        >>> print(diff_steps(3 * x, x).text())
        d/dx[3·x] = 3   constant multiple rule
          d/dx[x] = 1   variable rule
        """
        return printed("steps", self)


@dataclass(frozen=True)
class ConstantRule(Step):
    """d/dx c = 0 (c free of x)"""

    rule: ClassVar[str] = "constant"

    @cached_property
    def result(self) -> Expr:
        return S.Zero


@dataclass(frozen=True)
class VariableRule(Step):
    """d/dx x = 1"""

    rule: ClassVar[str] = "variable"

    @cached_property
    def result(self) -> Expr:
        return S.One


@dataclass(frozen=True)
class SumRule(Step):
    """d/dx (f₁ + … + fₙ) = f₁′ + … + fₙ′"""

    terms: tuple[Step, ...]
    rule: ClassVar[str] = "sum"

    @property
    def substeps(self) -> tuple[Step, ...]:
        return self.terms

    @cached_property
    def result(self) -> Expr:
        return Add(*(t.result for t in self.terms))


@dataclass(frozen=True)
class ConstantMultipleRule(Step):
    """d/dx c·f = c·f′ (c free of x)"""

    constant: Expr
    factor: Step
    rule: ClassVar[str] = "constant multiple"

    @property
    def substeps(self) -> tuple[Step, ...]:
        return (self.factor,)

    @cached_property
    def result(self) -> Expr:
        return self.constant * self.factor.result


@dataclass(frozen=True)
class ProductRule(Step):
    """d/dx (f₁ ⋯ fₙ) = Σᵢ fᵢ′ ∏_{j≠i} fⱼ"""

    factors: tuple[Step, ...]
    rule: ClassVar[str] = "product"

    @property
    def substeps(self) -> tuple[Step, ...]:
        return self.factors

    @cached_property
    def result(self) -> Expr:
        return Add(
            *(
                f.result * Mul(*(g.expr for j, g in enumerate(self.factors) if j != i))
                for i, f in enumerate(self.factors)
            )
        )


@dataclass(frozen=True)
class QuotientRule(Step):
    """d/dx f/g = (f′·g − f·g′) / g²"""

    numerator: Step
    denominator: Step
    rule: ClassVar[str] = "quotient"

    @property
    def substeps(self) -> tuple[Step, ...]:
        return (self.numerator, self.denominator)

    @cached_property
    def result(self) -> Expr:
        f, g = self.numerator, self.denominator
        return (f.result * g.expr - f.expr * g.result) / g.expr**2


@dataclass(frozen=True)
class ChainRule(Step):
    """d/dx f(g(x)) = f′(g(x)) · g′(x): with u = g(x), f′(u) is found, then u = g(x) put back"""

    outer: Step
    inner: Step
    u: Symbol
    rule: ClassVar[str] = "chain"

    @property
    def substeps(self) -> tuple[Step, ...]:
        return (self.outer, self.inner)

    @cached_property
    def result(self) -> Expr:
        # SymPy distributes a number over a sum (2*u with u = a + b gives 2*a + 2*b);
        # factor_terms pulls the number back out so (y - f)² gives 2(y - f), as on paper.
        outer = self.outer.result.xreplace({self.u: self.inner.expr})
        product = outer * self.inner.result
        # Only where a reader will look: on a network's long expressions factor_terms costs
        # seconds and shows nothing anyone reads.
        return sympy.factor_terms(product) if _small(product) else product

    @property
    def singular(self) -> Expr | None:
        s = self.outer.singular
        return None if s is None else s.xreplace({self.u: self.inner.expr})


@dataclass(frozen=True)
class PowerRule(Step):
    """d/dx xⁿ = n·xⁿ⁻¹ (n free of x)"""

    rule: ClassVar[str] = "power"

    @cached_property
    def result(self) -> Expr:
        n = self.expr.exp
        return n * self.wrt ** (n - 1)


@dataclass(frozen=True)
class GeneralPowerRule(Step):
    """d/dx f^g = f^g · (g′·ln f + g·f′/f), from f^g = e^{g·ln f}"""

    base: Step
    exponent: Step
    rule: ClassVar[str] = "general power"

    @property
    def substeps(self) -> tuple[Step, ...]:
        return (self.base, self.exponent)

    @cached_property
    def result(self) -> Expr:
        f, g = self.base, self.exponent
        return self.expr * (g.result * log(f.expr) + g.expr * f.result / f.expr)


@dataclass(frozen=True)
class ExponentialRule(Step):
    """d/dx aˣ = aˣ · ln a (a free of x)"""

    rule: ClassVar[str] = "exponential"

    @cached_property
    def result(self) -> Expr:
        return self.expr * log(self.expr.base)


@dataclass(frozen=True)
class Elementary(Step):
    """f(x) for a one-argument f with a known derivative, looked up in ``DERIVATIVES``.

    These steps always apply f to the variable itself: f(g(x)) is a chain whose outer step
    is f(u) with respect to u.
    """

    @cached_property
    def result(self) -> Expr:
        return DERIVATIVES[type(self)](self.wrt)


@dataclass(frozen=True)
class Kinked(Elementary):
    """An elementary function with no derivative at 0 (a kink, or a vertical tangent)."""

    @property
    def singular(self) -> Expr | None:
        return self.wrt


@dataclass(frozen=True)
class ExpRule(Elementary):
    """d/dx eˣ = eˣ"""

    rule: ClassVar[str] = "exp"


@dataclass(frozen=True)
class LogRule(Elementary):
    """d/dx ln x = 1/x"""

    rule: ClassVar[str] = "log"


@dataclass(frozen=True)
class SqrtRule(Kinked):
    """d/dx √x = 1/(2√x), for x > 0 (at 0 the tangent is vertical)"""

    rule: ClassVar[str] = "sqrt"


@dataclass(frozen=True)
class SinRule(Elementary):
    """d/dx sin x = cos x"""

    rule: ClassVar[str] = "sin"


@dataclass(frozen=True)
class CosRule(Elementary):
    """d/dx cos x = −sin x"""

    rule: ClassVar[str] = "cos"


@dataclass(frozen=True)
class TanRule(Elementary):
    """d/dx tan x = 1 + tan² x  (= sec² x)"""

    rule: ClassVar[str] = "tan"


@dataclass(frozen=True)
class TanhRule(Elementary):
    """d/dx tanh x = 1 − tanh² x; also for tanh spelled out as (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)"""

    rule: ClassVar[str] = "tanh"


@dataclass(frozen=True)
class SigmoidRule(Elementary):
    """d/dx σ(x) = σ(x)·(1 − σ(x)); also for σ spelled out as 1/(1 + e⁻ˣ) or eˣ/(eˣ + 1)"""

    rule: ClassVar[str] = "sigmoid"


@dataclass(frozen=True)
class AbsRule(Kinked):
    """d/dx |x| = sign(x) for real x ≠ 0; |x| has no derivative at x = 0"""

    rule: ClassVar[str] = "abs"


@dataclass(frozen=True)
class ReluRule(Kinked):
    """d/dx relu(x) = H(x), the Heaviside step; no derivative at x = 0 (H(0) = 0 is used)"""

    rule: ClassVar[str] = "relu"


#: One-argument SymPy function class -> (its rule, its derivative as a function of the argument).
ELEMENTARY: dict[type, tuple[type[Elementary], Callable[[Expr], Expr]]] = {
    exp: (ExpRule, exp),
    log: (LogRule, lambda x: 1 / x),
    sin: (SinRule, cos),
    cos: (CosRule, lambda x: -sin(x)),
    tan: (TanRule, lambda x: 1 + tan(x) ** 2),
    tanh: (TanhRule, lambda x: 1 - tanh(x) ** 2),
    sigmoid: (SigmoidRule, lambda x: sigmoid(x).fdiff()),  # σ′ as functions.py states it
    Abs: (AbsRule, sign),
    relu: (ReluRule, lambda x: relu(x).fdiff()),
}

DERIVATIVES: dict[type[Elementary], Callable[[Expr], Expr]] = {
    rule: derivative for rule, derivative in ELEMENTARY.values()
}
DERIVATIVES[SqrtRule] = lambda x: 1 / (2 * sympy.sqrt(x))


@dataclass(frozen=True)
class UnknownRule(Step):
    """No rule is known for this operation; its derivative is taken from ``sympy.diff``."""

    rule: ClassVar[str] = "unknown"

    @property
    def operation(self) -> str:
        """The name of the operation without a rule, e.g. ``"Heaviside"``."""
        return self.expr.func.__name__

    @property
    def message(self) -> str:
        """Why this step is not a rule: the operation and the variable."""
        return f"no derivative rule for `{self.operation}` (wrt {self.wrt})"

    @cached_property
    def result(self) -> Expr:
        return sympy.diff(self.expr, self.wrt)


#: Expressions with more nodes than this are left as the rules built them (see ChainRule).
SMALL = 120


def _small(expr: Expr) -> bool:
    """Whether ``expr`` has at most SMALL nodes (stops counting as soon as it has more)."""
    for count, _ in enumerate(sympy.preorder_traversal(expr), start=1):
        if count > SMALL:
            return False
    return True
