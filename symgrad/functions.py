"""The activation functions SymPy lacks, each with its derivative beside it.

Both are ordinary SymPy functions: they print as σ and relu in LaTeX, differentiate
symbolically (``fdiff``), and lambdify to NumPy (``_numpycode``) without a Python loop.
"""

from __future__ import annotations

from sympy import Function, Heaviside, Max, S, exp


class sigmoid(Function):  # noqa: N801 - lower case like sympy's exp, tanh
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

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return S.Half
        return None

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + exp(-x))

    def _eval_is_real(self):
        return self.args[0].is_real

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
        # SymPy passes exp when printing a power: σ²(u), as it prints sin²(u).
        power = f"^{{{exp}}}" if exp is not None else ""
        return rf"\sigma{power}\left({printer._print(self.args[0])}\right)"

    def _numpycode(self, printer):
        # σ(x) = (1 + tanh(x/2))/2: one transcendental call and no overflow for large |x|.
        tanh = printer._module_format("numpy.tanh")
        return f"(0.5 + 0.5*{tanh}(0.5*({printer._print(self.args[0])})))"


class relu(Function):  # noqa: N801
    r"""The rectifier relu(x) = max(0, x); relu′(x) = H(x), undefined at x = 0 (0 is used there).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> relu(x).diff(x)
    Heaviside(x, 0)
    >>> relu(-3), relu(sympy.Rational(5, 2))
    (0, 5/2)
    """

    nargs = 1

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

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_nonnegative(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        return self.rewrite(Max)._eval_evalf(prec)

    def _latex(self, printer, exp=None):
        power = f"^{{{exp}}}" if exp is not None else ""
        return rf"\operatorname{{relu}}{power}\left({printer._print(self.args[0])}\right)"

    def _numpycode(self, printer):
        np = printer._module_format("numpy")
        return f"{np}.maximum(0, {printer._print(self.args[0])})"
