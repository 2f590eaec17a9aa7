"""The activation functions SymPy lacks, each with its derivative beside it.

sigmoid, relu, softplus, leaky_relu, elu, silu (swish) and gelu are ordinary SymPy functions:
they print by name in LaTeX, differentiate symbolically (``fdiff``), evaluate exactly at
numbers, and lambdify to numerically stable NumPy (``_numpycode``) without a Python loop.
``erf`` is SymPy's, with a NumPy form added (NumPy has none); :mod:`.numeric.stable` rewrites
log σ(u) and log(1 − σ(u)) so that they stay finite where σ underflows.
"""

from __future__ import annotations

import math

import numpy as np
import sympy
from sympy import Function, Heaviside, Max, Min, Piecewise, S, exp, log, pi, sqrt


class _Activation(Function):
    """What the activations share: one argument (``nargs``), real for a real argument, printed
    by name as an operator (``latex_name``), evaluated numerically through the rewrite to
    ``evaluated_by`` (when set)."""

    nargs = 1
    #: The LaTeX operator name (the class name unless set).
    latex_name: str | None = None
    #: The function whose rewrite evaluates this one numerically, or None.
    evaluated_by = None

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        if self.evaluated_by is None:  # as any other Function
            return super()._eval_evalf(prec)
        return self.rewrite(self.evaluated_by)._eval_evalf(prec)

    def _latex(self, printer, exp=None):
        name = self.latex_name or type(self).__name__
        return _call_latex(rf"\operatorname{{{name}}}", self, printer, exp)


class _ZeroAtZero(_Activation):
    """An activation with f(0) = 0 (silu, gelu)."""

    @classmethod
    def eval(cls, x):
        return S.Zero if x.is_zero else None


class _WithParameter(_Activation):
    """An activation with a second argument, a parameter (leaky_relu's slope, elu's α), given
    the value ``default`` when it is left out."""

    nargs = (1, 2)
    default = None

    def __new__(cls, x, parameter=None, **kwargs):
        return super().__new__(cls, x, cls.default if parameter is None else parameter, **kwargs)

    def _eval_is_real(self):
        return self.args[0].is_real and self.args[1].is_real


class sigmoid(_Activation):  # noqa: N801 - lower case like sympy's exp, tanh
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

    def _eval_is_positive(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        # Evaluate the argument first, so a real argument gives a real value with no stray
        # imaginary rounding residue (as evaluating the rewritten 1/(1 + e^{-u}) whole left).
        arg = self.args[0]._eval_evalf(prec)
        if arg is None or not arg.is_Number:
            return None
        return (1 / (1 + exp(-arg)))._eval_evalf(prec)

    def _latex(self, printer, exp=None):
        return _call_latex(r"\sigma", self, printer, exp)

    def _numpycode(self, printer):
        # σ(x) = (1 + tanh(x/2))/2: one transcendental call and no overflow for large |x|.
        tanh = printer._module_format("numpy.tanh")
        return f"(0.5 + 0.5*{tanh}(0.5*({printer._print(self.args[0])})))"


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

    def _numpycode(self, printer):
        np = printer._module_format("numpy")
        return f"{np}.maximum(0, {printer._print(self.args[0])})"


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

    def _latex(self, printer, exp=None):
        return _call_latex(r"\mathbf{1}", self, printer, exp, (r"\left[", r" > 0\right]"))

    def _numpycode(self, printer):
        np = printer._module_format("numpy")
        return f"{np}.heaviside({printer._print(self.args[0])}, 0)"


class softplus(_Activation):  # noqa: N801
    r"""softplus(x) = ln(1 + eˣ), a smooth relu; softplus′(x) = σ(x).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> softplus(x).diff(x), softplus(0)
    (sigmoid(x), log(2))
    >>> sympy.latex(softplus(x))
    '\\operatorname{softplus}\\left(x\\right)'
    """

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return log(2)
        return None

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _eval_rewrite_as_log(self, x, **kwargs):
        return log(1 + exp(x))

    def _eval_is_positive(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        arg = self.args[0]._eval_evalf(prec)
        if arg is None or not arg.is_Number:
            return None
        return log(1 + exp(arg))._eval_evalf(prec)

    def _numpycode(self, printer):
        # log(1 + eˣ) without overflow: logaddexp(0, x) is x + log(1 + e⁻ˣ) for large x.
        return f"{printer._module_format('numpy.logaddexp')}(0, {printer._print(self.args[0])})"


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
    latex_name = r"leaky\_relu"
    evaluated_by = Max

    @classmethod
    def eval(cls, x, slope=None):
        if x.is_Number and (slope is None or slope.is_Number):
            return x if x > 0 else slope * x
        if x.is_nonnegative:
            return x
        return None

    def fdiff(self, argindex=1):
        x, slope = self.args
        if argindex == 1:
            return Piecewise((S.One, x > 0), (slope, True))
        return Min(x, 0)

    def _eval_rewrite_as_Max(self, x, slope, **kwargs):
        return Max(0, x) + slope * Min(0, x)

    def _numpycode(self, printer):
        x, slope = (printer._print(a) for a in self.args)
        return f"{printer._module_format('numpy.where')}(({x}) > 0, {x}, ({slope})*({x}))"


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

    @classmethod
    def eval(cls, x, alpha=None):
        if x.is_Number and (alpha is None or alpha.is_Number):
            return x if x > 0 else alpha * (exp(x) - 1)
        if x.is_nonnegative:
            return x
        return None

    def fdiff(self, argindex=1):
        x, alpha = self.args
        if argindex == 1:
            return Piecewise((S.One, x > 0), (alpha * exp(x), True))
        return Piecewise((S.Zero, x > 0), (exp(x) - 1, True))

    def _eval_rewrite_as_Piecewise(self, x, alpha, **kwargs):
        return Piecewise((x, x > 0), (alpha * (exp(x) - 1), True))

    def _numpycode(self, printer):
        x, alpha = (printer._print(a) for a in self.args)
        np_ = printer._module_format("numpy")
        # expm1 of min(x, 0): exact near 0, and no overflow warning from the unused branch.
        return (f"{np_}.where(({x}) > 0, {x}, ({alpha})*{np_}.expm1({np_}.minimum({x}, 0)))")


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

    def fdiff(self, argindex=1):
        x = self.args[0]
        return sigmoid(x) + x * sigmoid(x) * (1 - sigmoid(x))

    def _eval_rewrite_as_sigmoid(self, x, **kwargs):
        return x * sigmoid(x)

    def _numpycode(self, printer):
        # x·σ(x) with σ(x) = exp(−log(1 + e⁻ˣ)): relative accuracy kept for x ≪ 0, no overflow.
        x = printer._print(self.args[0])
        np_ = printer._module_format("numpy")
        return f"(({x})*{np_}.exp(-{np_}.logaddexp(0, -({x}))))"


class erf(sympy.erf):  # noqa: N801
    r"""SymPy's error function erf, with a NumPy form (NumPy has no erf); erf′(x) = 2e^{−x²}/√π.

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> erf(x).diff(x)
    2*exp(-x**2)/sqrt(pi)
    """

    def _latex(self, printer, exp=None):
        return _call_latex(r"\operatorname{erf}", self, printer, exp)

    def _numpycode(self, printer):
        erf = printer._module_format("symgrad.functions.numpy_erf")
        return f"{erf}({printer._print(self.args[0])})"


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

    def fdiff(self, argindex=1):
        x = self.args[0]
        return (1 + erf(x / sqrt(2))) / 2 + x * exp(-x**2 / 2) / sqrt(2 * pi)

    def _eval_rewrite_as_erf(self, x, **kwargs):
        return x * (1 + erf(x / sqrt(2))) / 2

    def _numpycode(self, printer):
        # x·Φ(x) with Φ(x) = erfc(−x/√2)/2: no cancellation in 1 + erf for x ≪ 0.
        x = printer._print(self.args[0])
        erfc = printer._module_format("symgrad.functions.numpy_erfc")
        return f"(0.5*({x})*{erfc}(-({x})*{1 / math.sqrt(2)!r}))"


def _call_latex(head: str, expr, printer, exp=None, brackets=(r"\left(", r"\right)")) -> str:
    # SymPy passes exp when printing a power: σ²(u), as it prints sin²(u).
    power = f"^{{{exp}}}" if exp is not None else ""
    args = ", ".join(printer._print(a) for a in expr.args)
    return f"{head}{power}{brackets[0]}{args}{brackets[1]}"


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
