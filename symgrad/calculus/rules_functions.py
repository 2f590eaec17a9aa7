"""Derivative rules for the functions beyond the first course: hyperbolic (and sech, csch,
coth), inverse
trigonometric, sec/csc/cot, log to a base, sign, erf and the activations softplus, leaky_relu,
elu, silu and gelu.

Each is a named rule whose docstring is the rule as a textbook writes it, its derivative as a
function of the variable given beside its name.  The one-argument rules enter ELEMENTARY when
this module is imported; :mod:`symgrad.calculus.rules` imports it and asks :func:`more_steps`
for the parametric functions and logarithms to a base.

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
from .rule_steps import Elementary, Kinked, Step, UnknownRule

__all__ = [
    "AcosRule", "AcoshRule", "AsinRule", "AsinhRule", "AtanRule", "AtanhRule", "CoshRule",
    "CothRule", "CotRule", "CschRule", "CscRule", "EluRule", "ErfRule", "GeluRule",
    "LeakyReluRule", "LogBaseRule",
    "SecRule", "SechRule", "SignRule", "SiluRule", "SinhRule", "SoftplusRule",
]  # fmt: skip


class SinhRule(Elementary, rule="sinh", functions=(sinh,), derivative=cosh):
    """d/dx sinh x = cosh x"""


class CoshRule(Elementary, rule="cosh", functions=(cosh,), derivative=sinh):
    """d/dx cosh x = sinh x"""


class SechRule(Elementary, rule="sech", functions=(sech,), derivative=lambda x: -sech(x) * tanh(x)):
    """d/dx sech x = −sech x · tanh x"""


class CschRule(Elementary, rule="csch", functions=(csch,), derivative=lambda x: -csch(x) * coth(x)):
    """d/dx csch x = −csch x · coth x"""


class CothRule(Elementary, rule="coth", functions=(coth,), derivative=lambda x: -csch(x) ** 2):
    """d/dx coth x = −csch² x"""


class AsinhRule(Elementary, rule="arsinh", functions=(asinh,),
                derivative=lambda x: 1 / sqrt(x**2 + 1)):
    """d/dx arsinh x = 1/√(x² + 1)"""


class AcoshRule(Elementary, rule="arcosh", functions=(acosh,),
                derivative=lambda x: 1 / sqrt(x**2 - 1)):
    """d/dx arcosh x = 1/√(x² − 1), for x > 1"""


class AtanhRule(Elementary, rule="artanh", functions=(atanh,), derivative=lambda x: 1 / (1 - x**2)):
    """d/dx artanh x = 1/(1 − x²), for |x| < 1"""


class AsinRule(Elementary, rule="arcsin", functions=(asin,),
               derivative=lambda x: 1 / sqrt(1 - x**2)):
    """d/dx arcsin x = 1/√(1 − x²), for |x| < 1"""


class AcosRule(Elementary, rule="arccos", functions=(acos,),
               derivative=lambda x: -1 / sqrt(1 - x**2)):
    """d/dx arccos x = −1/√(1 − x²), for |x| < 1"""


class AtanRule(Elementary, rule="arctan", functions=(atan,), derivative=lambda x: 1 / (1 + x**2)):
    """d/dx arctan x = 1/(1 + x²)"""


class SecRule(Elementary, rule="sec", functions=(sec,), derivative=lambda x: sec(x) * sympy.tan(x)):
    """d/dx sec x = sec x · tan x"""


class CscRule(Elementary, rule="csc", functions=(csc,), derivative=lambda x: -csc(x) * cot(x)):
    """d/dx csc x = −csc x · cot x"""


class CotRule(Elementary, rule="cot", functions=(cot,), derivative=lambda x: -csc(x) ** 2):
    """d/dx cot x = −csc² x"""


class SignRule(Kinked, rule="sign", functions=(sign,), derivative=lambda x: S.Zero):
    """d/dx sign x = 0 for x ≠ 0; sign jumps at x = 0 and has no derivative there"""


class ErfRule(Elementary, rule="erf", functions=(erf, sympy.erf),
              derivative=lambda x: 2 * exp(-x**2) / sqrt(pi)):
    """d/dx erf x = (2/√π)·e^{−x²}"""


class SoftplusRule(Elementary, rule="softplus", functions=(softplus,),
                   derivative=lambda x: softplus(x).fdiff()):
    """d/dx softplus x = d/dx ln(1 + eˣ) = σ(x)"""


class SiluRule(Elementary, rule="silu", functions=(silu,),
               derivative=lambda x: silu(x).fdiff()):
    """d/dx silu x = d/dx x·σ(x) = σ(x) + x·σ(x)·(1 − σ(x))"""


class GeluRule(Elementary, rule="gelu", functions=(gelu,),
               derivative=lambda x: gelu(x).fdiff()):
    """d/dx gelu x = d/dx x·Φ(x) = Φ(x) + x·φ(x), with Φ(x) = (1 + erf(x/√2))/2 and
    φ(x) = e^{−x²/2}/√(2π)"""


class _Parametric(Step):
    """f(x, c) for an activation with a constant parameter c (leaky_relu's slope, elu's α):
    x for x > 0, so f has a kink at 0 (no derivative there) unless c = 1."""

    def combine(self) -> Expr:
        return _PARAMETRIC_DERIVATIVES[type(self)](self.wrt, *self.expr.args[1:])

    @property
    def singular(self) -> Expr | None:
        return None if self.expr.args[1] == 1 else self.wrt


class LeakyReluRule(_Parametric, rule="leaky relu"):
    """d/dx leaky_relu(x, a) = 1 for x > 0, a for x < 0; no derivative at 0 (a is used there)"""


class EluRule(_Parametric, rule="elu"):
    """d/dx elu(x, α) = 1 for x > 0, α·eˣ for x ≤ 0 (no derivative at 0 unless α = 1)"""


class LogBaseRule(Step, rule="log base"):
    """d/dx log_b x = 1/(x · ln b) (b > 0 a constant, b ≠ 1)"""

    base: Expr

    def combine(self) -> Expr:
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


