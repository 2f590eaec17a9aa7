"""Derivative rules for the functions beyond the first course: hyperbolic (and sech, csch,
coth), inverse
trigonometric, sec/csc/cot, log to a base, sign, erf and the activations softplus, leaky_relu,
elu, silu and gelu.

Each is a named rule whose docstring is the rule as a textbook writes it; the table below gives
its derivative as a function of the variable, next to the rule.  This module
adds its rules to ELEMENTARY when imported; :mod:`symgrad.calculus.rules` imports it and
asks :func:`more_steps` for the parametric functions and logarithms to a base.

>>> import sympy
>>> from symgrad.calculus.rules import diff_steps
>>> x = sympy.Symbol("x", real=True)
>>> step = diff_steps(sympy.atan(x**2), x)
>>> step.outer.rule, step.result
('arctan', 2*x/(x**4 + 1))
>>> diff_steps(sympy.log(x, 2), x).rule, diff_steps(sympy.log(x, 2), x).result
('log base', 1/(x*log(2)))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import sympy
from sympy import (
    Expr,
    Piecewise,
    S,
    acos,
    acosh,
    asin,
    asinh,
    atan,
    atanh,
    cosh,
    cot,
    coth,
    csc,
    csch,
    exp,
    log,
    pi,
    sec,
    sech,
    sign,
    sinh,
    sqrt,
    tanh,
)

from ..functions import elu, erf, gelu, leaky_relu, silu, softplus
from .rule_steps import DERIVATIVES, ELEMENTARY, Elementary, Kinked, Step, UnknownRule

__all__ = [
    "AcosRule", "AcoshRule", "AsinRule", "AsinhRule", "AtanRule", "AtanhRule", "CoshRule",
    "CothRule", "CotRule", "CschRule", "CscRule", "EluRule", "ErfRule", "GeluRule",
    "LeakyReluRule", "LogBaseRule",
    "SecRule", "SechRule", "SignRule", "SiluRule", "SinhRule", "SoftplusRule",
]  # fmt: skip


@dataclass(frozen=True)
class SinhRule(Elementary):
    """d/dx sinh x = cosh x"""

    rule: ClassVar[str] = "sinh"


@dataclass(frozen=True)
class CoshRule(Elementary):
    """d/dx cosh x = sinh x"""

    rule: ClassVar[str] = "cosh"


@dataclass(frozen=True)
class SechRule(Elementary):
    """d/dx sech x = −sech x · tanh x"""

    rule: ClassVar[str] = "sech"


@dataclass(frozen=True)
class CschRule(Elementary):
    """d/dx csch x = −csch x · coth x"""

    rule: ClassVar[str] = "csch"


@dataclass(frozen=True)
class CothRule(Elementary):
    """d/dx coth x = −csch² x"""

    rule: ClassVar[str] = "coth"


@dataclass(frozen=True)
class AsinhRule(Elementary):
    """d/dx arsinh x = 1/√(x² + 1)"""

    rule: ClassVar[str] = "arsinh"


@dataclass(frozen=True)
class AcoshRule(Elementary):
    """d/dx arcosh x = 1/√(x² − 1), for x > 1"""

    rule: ClassVar[str] = "arcosh"


@dataclass(frozen=True)
class AtanhRule(Elementary):
    """d/dx artanh x = 1/(1 − x²), for |x| < 1"""

    rule: ClassVar[str] = "artanh"


@dataclass(frozen=True)
class AsinRule(Elementary):
    """d/dx arcsin x = 1/√(1 − x²), for |x| < 1"""

    rule: ClassVar[str] = "arcsin"


@dataclass(frozen=True)
class AcosRule(Elementary):
    """d/dx arccos x = −1/√(1 − x²), for |x| < 1"""

    rule: ClassVar[str] = "arccos"


@dataclass(frozen=True)
class AtanRule(Elementary):
    """d/dx arctan x = 1/(1 + x²)"""

    rule: ClassVar[str] = "arctan"


@dataclass(frozen=True)
class SecRule(Elementary):
    """d/dx sec x = sec x · tan x"""

    rule: ClassVar[str] = "sec"


@dataclass(frozen=True)
class CscRule(Elementary):
    """d/dx csc x = −csc x · cot x"""

    rule: ClassVar[str] = "csc"


@dataclass(frozen=True)
class CotRule(Elementary):
    """d/dx cot x = −csc² x"""

    rule: ClassVar[str] = "cot"


@dataclass(frozen=True)
class SignRule(Kinked):
    """d/dx sign x = 0 for x ≠ 0; sign jumps at x = 0 and has no derivative there"""

    rule: ClassVar[str] = "sign"


@dataclass(frozen=True)
class ErfRule(Elementary):
    """d/dx erf x = (2/√π)·e^{−x²}"""

    rule: ClassVar[str] = "erf"


@dataclass(frozen=True)
class SoftplusRule(Elementary):
    """d/dx softplus x = d/dx ln(1 + eˣ) = σ(x)"""

    rule: ClassVar[str] = "softplus"


@dataclass(frozen=True)
class SiluRule(Elementary):
    """d/dx silu x = d/dx x·σ(x) = σ(x) + x·σ(x)·(1 − σ(x))"""

    rule: ClassVar[str] = "silu"


@dataclass(frozen=True)
class GeluRule(Elementary):
    """d/dx gelu x = d/dx x·Φ(x) = Φ(x) + x·φ(x), with Φ(x) = (1 + erf(x/√2))/2 and
    φ(x) = e^{−x²/2}/√(2π)"""

    rule: ClassVar[str] = "gelu"


#: One-argument function -> (its rule, its derivative as a function of the argument).
MORE_ELEMENTARY: dict[type, tuple[type[Elementary], Callable[[Expr], Expr]]] = {
    sinh: (SinhRule, cosh),
    cosh: (CoshRule, sinh),
    sech: (SechRule, lambda x: -sech(x) * tanh(x)),
    csch: (CschRule, lambda x: -csch(x) * coth(x)),
    coth: (CothRule, lambda x: -csch(x) ** 2),
    asinh: (AsinhRule, lambda x: 1 / sqrt(x**2 + 1)),
    acosh: (AcoshRule, lambda x: 1 / sqrt(x**2 - 1)),
    atanh: (AtanhRule, lambda x: 1 / (1 - x**2)),
    asin: (AsinRule, lambda x: 1 / sqrt(1 - x**2)),
    acos: (AcosRule, lambda x: -1 / sqrt(1 - x**2)),
    atan: (AtanRule, lambda x: 1 / (1 + x**2)),
    sec: (SecRule, lambda x: sec(x) * sympy.tan(x)),
    csc: (CscRule, lambda x: -csc(x) * cot(x)),
    cot: (CotRule, lambda x: -csc(x) ** 2),
    sign: (SignRule, lambda x: S.Zero),
    erf: (ErfRule, lambda x: erf(x).fdiff()),  # symgrad's functions state their derivative
    sympy.erf: (ErfRule, lambda x: 2 * exp(-x**2) / sqrt(pi)),
    softplus: (SoftplusRule, lambda x: softplus(x).fdiff()),
    silu: (SiluRule, lambda x: silu(x).fdiff()),
    gelu: (GeluRule, lambda x: gelu(x).fdiff()),
}


@dataclass(frozen=True)
class _Parametric(Step):
    """f(x, c) for a function with a constant parameter c (a slope, an α, a base)."""

    @cached_property
    def result(self) -> Expr:
        return _PARAMETRIC_DERIVATIVES[type(self)](self.wrt, *self.expr.args[1:])


@dataclass(frozen=True)
class LeakyReluRule(_Parametric):
    """d/dx leaky_relu(x, a) = 1 for x > 0, a for x < 0; no derivative at 0 (a is used there)"""

    rule: ClassVar[str] = "leaky relu"

    @property
    def singular(self) -> Expr | None:
        return None if self.expr.args[1] == 1 else self.wrt


@dataclass(frozen=True)
class EluRule(_Parametric):
    """d/dx elu(x, α) = 1 for x > 0, α·eˣ for x ≤ 0 (no derivative at 0 unless α = 1)"""

    rule: ClassVar[str] = "elu"

    @property
    def singular(self) -> Expr | None:
        return None if self.expr.args[1] == 1 else self.wrt


@dataclass(frozen=True)
class LogBaseRule(Step):
    """d/dx log_b x = 1/(x · ln b) (b > 0 a constant, b ≠ 1)"""

    base: Expr
    rule: ClassVar[str] = "log base"

    @cached_property
    def result(self) -> Expr:
        return 1 / (self.wrt * log(self.base))


_PARAMETRIC: dict[type, type[_Parametric]] = {leaky_relu: LeakyReluRule, elu: EluRule}
_PARAMETRIC_DERIVATIVES: dict[type[_Parametric], Callable[..., Expr]] = {
    LeakyReluRule: lambda x, a: Piecewise((S.One, x > 0), (a, True)),
    EluRule: lambda x, alpha: Piecewise((S.One, x > 0), (alpha * exp(x), True)),
}


def _log_base(e: Expr) -> tuple[Expr, Expr] | None:
    """(u, b) if ``e`` is log(u)/log(b) — how SymPy holds log_b(u) — with b a number."""
    if not (e.is_Mul and len(e.args) == 2):
        return None
    logs = [a for a in e.args if isinstance(a, log)]
    inverse = [a for a in e.args if a.is_Pow and a.exp == -1 and isinstance(a.base, log)]
    if len(logs) == 1 and len(inverse) == 1:
        b = inverse[0].base.args[0]
        if b.is_number and b.is_positive and b != 1:
            return logs[0].args[0], b
    return None


def more_steps(finder, e: Expr) -> Step | None:
    """The step for a parametric function or a log to a base, or None (not one of those).

    >>> from symgrad.calculus.rules import diff_steps
    >>> x = sympy.Symbol("x")
    >>> diff_steps(log(x) / log(2), x).rule
    'log base'
    """
    x = finder.wrt
    if isinstance(e, sympy.Function) and type(e) in _PARAMETRIC:
        if any(x in a.free_symbols for a in e.args[1:]):
            return UnknownRule(e, x)
        rule, params = _PARAMETRIC[type(e)], e.args[1:]
        return finder.chain(e, e.args[0], lambda v: rule(e.func(v, *params), v))
    found = _log_base(e)
    if found is not None:
        u, b = found
        return finder.chain(e, u, lambda v: LogBaseRule(log(v) / log(b), v, b))
    return None


ELEMENTARY.update(MORE_ELEMENTARY)
DERIVATIVES.update({rule: derivative for rule, derivative in MORE_ELEMENTARY.values()})
