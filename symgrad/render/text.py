"""Readable one-line Unicode for expressions: x², a·x1, √(…), − instead of -."""

from __future__ import annotations

import re

import sympy

from . import rule_name

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
# Greek names print as letters, as SymPy's LaTeX printer does (mu → μ, alpha → α).
_GREEK = dict(zip(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lamda mu nu xi rho tau phi chi psi "
    "omega".split(), "αβγδεζηθικλμνξρτφχψω"))


class _Printer(sympy.printing.str.StrPrinter):
    """SymPy's str printer with unicode powers, products and the names symgrad uses."""

    printmethod = "_symgrad_text"  # not _sympystr: Indexed would print itself as y[i]

    def _print_Pow(self, expr):
        base, exp = expr.as_base_exp()
        if exp == sympy.S.Half:
            return f"√({self._print(base)})"
        if exp.is_Integer and exp > 1:
            return self.parenthesize(base, sympy.printing.precedence.PRECEDENCE["Pow"]) + str(
                exp
            ).translate(_SUPERSCRIPT)
        return super()._print_Pow(expr)

    def _print_Add(self, expr, order=None):
        # Lead with a positive term: "σ(u) − y" rather than "−y + σ(u)".
        terms = list(self._as_ordered_terms(expr, order=order))
        first = next((k for k, t in enumerate(terms) if not t.could_extract_minus_sign()), 0)
        terms = terms[first:] + terms[:first]
        out = self._print(terms[0])
        for t in terms[1:]:
            if t.could_extract_minus_sign():
                out += " - " + self.parenthesize(-t, sympy.printing.precedence.PRECEDENCE["Add"])
            else:
                out += " + " + self.parenthesize(t, sympy.printing.precedence.PRECEDENCE["Add"])
        return out

    def _print_Symbol(self, expr):
        return _GREEK.get(expr.name, expr.name)

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_sigmoid(self, expr):
        return f"σ({self._print(expr.args[0])})"

    def _print_Sum(self, expr):
        ((i, lo, hi),) = expr.limits
        body = self.parenthesize(expr.function, sympy.printing.precedence.PRECEDENCE["Mul"])
        return f"Σ[{self._print(i)}={self._print(lo)}..{self._print(hi)}] {body}"

    def _print_Mul(self, expr):
        # A batch loss reads "1/(2m) Σ …", the factor first, as the article writes it.
        sums = [a for a in expr.args if isinstance(a, sympy.Sum)]
        if len(sums) != 1:
            return super()._print_Mul(expr)
        rest = expr / sums[0]
        sign, rest = ("-", -rest) if rest.could_extract_minus_sign() else ("", rest)
        factor = self._print(rest)
        if rest.is_Pow or rest.is_Mul:
            den = 1 / rest
            factor = f"1/{self._print(den)}" if den.is_Atom else f"1/({self._print(den)})"
        return f"{sign}{factor} {self._print(sums[0])}"

    def _print_Indexed(self, expr):
        return f"{self._print(expr.base.label)}_{','.join(map(self._print, expr.indices))}"

    def _print_Heaviside(self, expr):
        return f"H({self._print(expr.args[0])})"


def text(expr) -> str:
    """One line of Unicode math for an expression.

    >>> x, a = sympy.symbols("x a", real=True)
    >>> text(2*x**2 - 12*x + 20)
    '2·x² − 12·x + 20'
    >>> text(sympy.sqrt(x**2 + 1) - a*sympy.Abs(x))
    '√(x² + 1) − a·|x|'
    """
    out = _Printer({"order": None}).doprint(expr)
    out = out.replace("**", "^").replace("*", "·")
    return re.sub(r" - ", " − ", re.sub(r"(^|\()-", r"\1−", out))


def steps(step, depth: int = 0) -> list[str]:
    """A step tree as indented Unicode lines: the derivative, its value, the rule used.

    >>> from symgrad.rules import diff_steps
    >>> from symgrad.parsing import parse, symbol
    >>> print("\\n".join(steps(diff_steps(parse("sin(x**2)"), symbol("x")))))
    d/dx[sin(x²)] = 2·x·cos(x²)   chain rule, u = x²
      d/du[sin(u)] = cos(u)   sin rule
      d/dx[x²] = 2·x   power rule
    """
    partial = "∂" if step.expr.free_symbols - {step.wrt} else "d"
    note = rule_name(step)
    if step.rule == "chain":
        note += f", {text(step.u)} = {text(step.inner.expr)}"
    if step.rule == "unknown":
        note = step.message
    if step.caveat:
        note += f"; {step.caveat}"
    row = (f"{'  ' * depth}{partial}/{partial}{text(step.wrt)}[{text(step.expr)}] = "
           f"{text(step.result)}   {note}")
    return [row, *(r for s in step.substeps for r in steps(s, depth + 1))]
