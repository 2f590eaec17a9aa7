"""Scalar source text for the fused (numba) loops: one sample, one unit at a time.

The NumPy backend prints whole arrays (``numpy.select``, ``numpy.where``); inside a compiled loop
each value is one float, so choices are conditional expressions and special functions come from
``math``, which numba compiles.
"""

from __future__ import annotations

import sympy

from .lower import LoweringPrinter


class _ScalarPrinter(LoweringPrinter):
    """Like the NumPy printer, but every operand is a float: no array-only calls."""

    def __init__(self, settings=None):
        super().__init__(settings)
        # SymPy's code printers set the instance's printmethod to "_numpycode"; no function
        # defines "_scalarcode", so the _print_ methods below decide (falling back to
        # _numpycode only in _print_Function).
        self.printmethod = "_scalarcode"

    def _print_Function(self, expr):
        # A symgrad function whose NumPy form is made of ufuncs (exp, logaddexp, maximum):
        # those work on floats as they do on arrays.
        if hasattr(expr, "_numpycode"):
            return expr._numpycode(self)
        return super()._print_Function(expr)

    def _print_Piecewise(self, expr):
        out = "math.nan"
        for value, cond in reversed(expr.args):
            if cond == sympy.true:
                out = self._print(value)
            else:
                out = f"({self._print(value)} if {self._print(cond)} else {out})"
        return out

    def _print_relational(self, expr):
        ops = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
        return f"({self._print(expr.lhs)} {ops[expr.rel_op]} {self._print(expr.rhs)})"

    _print_Relational = _print_Equality = _print_Unequality = _print_relational
    _print_StrictLessThan = _print_LessThan = _print_relational
    _print_StrictGreaterThan = _print_GreaterThan = _print_relational

    def _print_Max(self, expr):
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    def _print_Min(self, expr):
        return f"min({', '.join(self._print(a) for a in expr.args)})"

    def _print_leaky_relu(self, expr):
        x, slope = (self._print(a) for a in expr.args)
        return f"(({x}) if ({x}) > 0 else ({slope})*({x}))"

    def _print_elu(self, expr):
        x, alpha = (self._print(a) for a in expr.args)
        return f"(({x}) if ({x}) > 0 else ({alpha})*math.expm1({x}))"

    def _print_erf(self, expr):
        return f"math.erf({self._print(expr.args[0])})"

    def _print_erfc(self, expr):
        return f"math.erfc({self._print(expr.args[0])})"

    def _module_format(self, fqn, register=True):
        # symgrad's NumPy forms of erf and erfc (gelu's stable form uses them) are math's.
        return _SCALAR_MODULES.get(fqn) or super()._module_format(fqn, register)


#: Array functions of symgrad.functions and the float functions numba compiles in their place.
_SCALAR_MODULES = {"symgrad.functions.numpy_erf": "math.erf",
                   "symgrad.functions.numpy_erfc": "math.erfc"}


def print_scalar(expr) -> str:
    """Source text of ``expr`` for one float per symbol, for the compiled loops.

    >>> u = sympy.Symbol("u")
    >>> print_scalar(sympy.Piecewise((0, u <= 0), (1, True)))
    '(0 if (u <= 0) else 1)'
    >>> print_scalar(sympy.erf(u) + u**2)
    'u*u + math.erf(u)'
    """
    return _ScalarPrinter({"fully_qualified_modules": True, "allow_unknown_functions": False}
                          ).doprint(expr)
