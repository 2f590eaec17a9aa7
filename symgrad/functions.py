"""The activation functions SymPy lacks, each with its derivative beside it.

sigmoid, relu, softplus, leaky_relu, elu, silu (swish) and gelu are ordinary SymPy functions:
they print by name in LaTeX, differentiate symbolically (``fdiff``), evaluate exactly at
numbers, and lambdify to numerically stable NumPy (``_numpycode``) without a Python loop.
``erf`` is SymPy's, with a NumPy form added (NumPy has none);
:func:`symgrad.codegen.stable_forms` rewrites log σ(u) and log(1 − σ(u)) so that they stay
finite where σ underflows.
"""

from __future__ import annotations

import math
import re

import numpy as np
import sympy
from sympy import Function, Heaviside, Max, Min, Piecewise, S, exp, log, pi, sqrt


class _Printed:
    """How the functions here print: in LaTeX, ``latex_head`` (the class name as an operator
    unless set) then the arguments in ``latex_brackets``; as NumPy code, ``numpy_form`` with
    {0}, {1} the printed arguments and {numpy.where} a module's name as the printer writes it."""

    latex_head: str | None = None
    latex_brackets = (r"\left(", r"\right)")
    numpy_form = ""

    def _latex(self, printer, exp=None):
        head = self.latex_head or rf"\operatorname{{{type(self).__name__}}}"
        # SymPy passes exp when printing a power: σ²(u), as it prints sin²(u).
        power = f"^{{{exp}}}" if exp is not None else ""
        args = ", ".join(printer._print(a) for a in self.args)
        return f"{head}{power}{self.latex_brackets[0]}{args}{self.latex_brackets[1]}"

    def _numpycode(self, printer):
        args = [printer._print(a) for a in self.args]
        return _FIELD.sub(lambda m: args[int(m[1])] if m[1].isdigit()
                          else printer._module_format(m[1]), self.numpy_form)


_FIELD = re.compile(r"\{([\w.]+)\}")


class _Activation(_Printed, Function):
    """What the activations share: one argument (``nargs``), real for a real argument, printed
    as :class:`_Printed` says, evaluated numerically through the rewrite to ``evaluated_by``
    (when set)."""

    nargs = 1
    #: The function whose rewrite evaluates this one numerically, or None.
    evaluated_by = None

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        if self.evaluated_by is None:  # as any other Function
            return super()._eval_evalf(prec)
        return self.rewrite(self.evaluated_by)._eval_evalf(prec)


class _Positive(_Activation):
    """An activation positive for a real argument (σ, softplus), evaluated numerically as its
    ``closed_form`` at the argument evaluated first: a real argument gives a real value with no
    stray imaginary rounding residue (as evaluating the rewritten 1/(1 + e^{−u}) whole left)."""

    def closed_form(self, x):
        raise NotImplementedError

    def _eval_is_positive(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        arg = self.args[0]._eval_evalf(prec)
        if arg is None or not arg.is_Number:
            return None
        return self.closed_form(arg)._eval_evalf(prec)


class _ZeroAtZero(_Activation):
    """An activation with f(0) = 0 (silu, gelu)."""

    @classmethod
    def eval(cls, x):
        return S.Zero if x.is_zero else None


class _WithParameter(_Activation):
    """x for x > 0 and ``negative(x, p)`` otherwise, with a parameter p (leaky_relu's slope,
    elu's α) given the value ``default`` when it is left out; ``negative_slope(x, p)`` is
    ∂negative/∂x and ``by_parameter(x, p)`` the derivative in p."""

    nargs = (1, 2)
    default = None

    def __new__(cls, x, parameter=None, **kwargs):
        return super().__new__(cls, x, cls.default if parameter is None else parameter, **kwargs)

    @classmethod
    def eval(cls, x, p=None):
        if x.is_Number and (p is None or p.is_Number):
            return x if x > 0 else cls.negative(x, p)
        if x.is_nonnegative:
            return x
        return None

    def fdiff(self, argindex=1):
        x, p = self.args
        if argindex == 1:
            return Piecewise((S.One, x > 0), (self.negative_slope(x, p), True))
        return self.by_parameter(x, p)

    def _eval_is_real(self):
        return self.args[0].is_real and self.args[1].is_real


class sigmoid(_Positive):  # noqa: N801 - lower case like sympy's exp, tanh
    r"""The logistic function σ(x) = 1/(1 + e^{−x}); σ′(x) = σ(x)(1 − σ(x)).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> sigmoid(x).diff(x)
    (1 - sigmoid(x))*sigmoid(x)
    >>> sigmoid(0)
    1/2
    >>> sympy.latex(sigmoid(x))
    '\\sigma\\left(x\\right)'
    """

    latex_head = r"\sigma"
    # σ(x) = (1 + tanh(x/2))/2: one transcendental call and no overflow for large |x|.
    numpy_form = "(0.5 + 0.5*{numpy.tanh}(0.5*({0})))"

    @classmethod
    def eval(cls, x):
        if x.is_Number and x.is_zero:  # not x.is_zero: asking it of a 784-term sum costs seconds
            return S.Half
        return None

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + exp(-x))

    closed_form = _eval_rewrite_as_exp


class relu(_Activation):  # noqa: N801
    r"""The rectifier relu(x) = max(0, x); relu′(x) = H(x), undefined at x = 0 (0 is used there).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> relu(x).diff(x)
    Heaviside(x, 0)
    >>> relu(-3), relu(sympy.Rational(5, 2))
    (0, 5/2)
    """

    evaluated_by = Max
    numpy_form = "{numpy}.maximum(0, {0})"

    @classmethod
    def eval(cls, x):
        if x.is_Number:
            return Max(S.Zero, x)
        if x.is_nonnegative:
            return x
        if x.is_nonpositive:
            return S.Zero
        return None

    def fdiff(self, argindex=1):
        return Heaviside(self.args[0], 0)

    def _eval_rewrite_as_Max(self, x, **kwargs):
        return Max(S.Zero, x)

    def _eval_is_nonnegative(self):
        return self.args[0].is_real


class indicator(_Activation):  # noqa: N801
    r"""The indicator 1[x > 0]: 1 where x > 0, else 0 — relu′ as a teacher writes it.

    It is ``Heaviside(x, 0)`` (relu′ with the value 0 chosen at the kink), printed in words a
    class reads rather than as θ or H.

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> indicator(x).rewrite(Heaviside), indicator(2), indicator(0)
    (Heaviside(x, 0), 1, 0)
    >>> sympy.latex(indicator(x))
    '\\mathbf{1}\\left[x > 0\\right]'
    """

    latex_head, latex_brackets = r"\mathbf{1}", (r"\left[", r" > 0\right]")
    numpy_form = "{numpy}.heaviside({0}, 0)"

    @classmethod
    def eval(cls, x):
        if x.is_positive:
            return S.One
        if x.is_nonpositive:
            return S.Zero
        return None

    def fdiff(self, argindex=1):
        return S.Zero  # away from the kink, where it is not differentiable

    def _eval_rewrite_as_Heaviside(self, x, **kwargs):
        return Heaviside(x, 0)

    def _eval_is_real(self):
        return True


class softplus(_Positive):  # noqa: N801
    r"""softplus(x) = ln(1 + eˣ), a smooth relu; softplus′(x) = σ(x).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> softplus(x).diff(x), softplus(0)
    (sigmoid(x), log(2))
    >>> sympy.latex(softplus(x))
    '\\operatorname{softplus}\\left(x\\right)'
    """

    # log(1 + eˣ) without overflow: logaddexp(0, x) is x + log(1 + e⁻ˣ) for large x.
    numpy_form = "{numpy.logaddexp}(0, {0})"

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return log(2)
        return None

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _eval_rewrite_as_log(self, x, **kwargs):
        return log(1 + exp(x))

    closed_form = _eval_rewrite_as_log


class leaky_relu(_WithParameter):  # noqa: N801
    r"""leaky_relu(x, a) = x for x > 0, a·x for x ≤ 0 (a: the slope, 1/100 if not given);
    its derivative is 1 for x > 0 and a for x < 0 (none at 0 unless a = 1).

    >>> import sympy
    >>> x, a = sympy.symbols("x a", real=True)
    >>> leaky_relu(-3), leaky_relu(2, sympy.Rational(1, 10))
    (-3/100, 2)
    >>> leaky_relu(x, a).diff(x)
    Piecewise((1, x > 0), (a, True))
    """

    default = sympy.Rational(1, 100)
    latex_head = r"\operatorname{leaky\_relu}"
    evaluated_by = Max
    numpy_form = "{numpy.where}(({0}) > 0, {0}, ({1})*({0}))"
    negative = staticmethod(lambda x, slope: slope * x)
    negative_slope = staticmethod(lambda x, slope: slope)
    by_parameter = staticmethod(lambda x, slope: Min(x, 0))

    def _eval_rewrite_as_Max(self, x, slope, **kwargs):
        return Max(0, x) + slope * Min(0, x)


class elu(_WithParameter):  # noqa: N801
    r"""elu(x, α) = x for x > 0, α·(eˣ − 1) for x ≤ 0 (α = 1 if not given); its derivative is
    1 for x > 0 and α·eˣ for x < 0 (none at 0 unless α = 1).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> elu(2), elu(-1)
    (2, -1 + exp(-1))
    >>> elu(x).diff(x)
    Piecewise((1, x > 0), (exp(x), True))
    """

    default = S.One
    evaluated_by = Piecewise
    # expm1 of min(x, 0): exact near 0, and no overflow warning from the unused branch.
    numpy_form = "{numpy}.where(({0}) > 0, {0}, ({1})*{numpy}.expm1({numpy}.minimum({0}, 0)))"
    negative = staticmethod(lambda x, alpha: alpha * (exp(x) - 1))
    negative_slope = staticmethod(lambda x, alpha: alpha * exp(x))
    by_parameter = staticmethod(lambda x, alpha: Piecewise((S.Zero, x > 0), (exp(x) - 1, True)))

    def _eval_rewrite_as_Piecewise(self, x, alpha, **kwargs):
        return Piecewise((x, x > 0), (alpha * (exp(x) - 1), True))


class silu(_ZeroAtZero):  # noqa: N801
    r"""silu(x) = x·σ(x) (also called swish); silu′(x) = σ(x)·(1 + x·(1 − σ(x))).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> silu(x).diff(x)
    x*(1 - sigmoid(x))*sigmoid(x) + sigmoid(x)
    >>> silu(0)
    0
    """

    evaluated_by = sigmoid
    # x·σ(x) with σ(x) = exp(−log(1 + e⁻ˣ)): relative accuracy kept for x ≪ 0, no overflow.
    numpy_form = "(({0})*{numpy}.exp(-{numpy}.logaddexp(0, -({0}))))"

    def fdiff(self, argindex=1):
        x = self.args[0]
        return sigmoid(x) + x * sigmoid(x) * (1 - sigmoid(x))

    def _eval_rewrite_as_sigmoid(self, x, **kwargs):
        return x * sigmoid(x)


class erf(_Printed, sympy.erf):  # noqa: N801
    r"""SymPy's error function erf, with a NumPy form (NumPy has no erf); erf′(x) = 2e^{−x²}/√π.

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> erf(x).diff(x)
    2*exp(-x**2)/sqrt(pi)
    """

    numpy_form = "{symgrad.functions.numpy_erf}({0})"


class gelu(_ZeroAtZero):  # noqa: N801
    r"""gelu(x) = x·Φ(x) = x·(1 + erf(x/√2))/2, Φ the normal distribution function;
    gelu′(x) = Φ(x) + x·φ(x), φ(x) = e^{−x²/2}/√(2π).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> gelu(x).diff(x)
    sqrt(2)*x*exp(-x**2/2)/(2*sqrt(pi)) + erf(sqrt(2)*x/2)/2 + 1/2
    >>> gelu(0)
    0
    """

    evaluated_by = erf
    # x·Φ(x) with Φ(x) = erfc(−x/√2)/2: no cancellation in 1 + erf for x ≪ 0.
    numpy_form = "(0.5*({0})*{symgrad.functions.numpy_erfc}(-({0})*%r))" % (1 / math.sqrt(2))

    def fdiff(self, argindex=1):
        x = self.args[0]
        return (1 + erf(x / sqrt(2))) / 2 + x * exp(-x**2 / 2) / sqrt(2 * pi)

    def _eval_rewrite_as_erf(self, x, **kwargs):
        return x * (1 + erf(x / sqrt(2))) / 2


_ERF = np.frompyfunc(math.erf, 1, 1)
_ERFC = np.frompyfunc(math.erfc, 1, 1)


def numpy_erf(x):
    """erf on NumPy arrays (elementwise, to double precision), as the NumPy form of erf.

    >>> float(numpy_erf(0.5)), numpy_erf(np.array([0.0, 10.0])).tolist()
    (0.5204998778130465, [0.0, 1.0])
    """
    return np.asarray(_ERF(np.asarray(x, dtype=float)), dtype=float)


def numpy_erfc(x):
    """erfc = 1 − erf on NumPy arrays, accurate where erf is close to ±1.

    >>> float(numpy_erfc(30.0)) > 0, float(numpy_erfc(-30.0))
    (False, 2.0)
    """
    return np.asarray(_ERFC(np.asarray(x, dtype=float)), dtype=float)
