r"""The one LaTeX printer: every expression symgrad typesets goes through :func:`latex`.

Names print as a textbook writes them: W1_2_1 as W^{(1)}_{21}, b2_1 as b^{(2)}_{1}, an iterate
or layer quantity named ``x^(3)`` as x^{(3)}.  A sum leads with a positive term (σ(z) − y);
a matrix is a pmatrix; ∂ or d is chosen once per document (``partial``), so a derivation never
mixes them and a variable named d never gives d/dd.
"""

from __future__ import annotations

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE

from ...i18n.language import phrase
from .names import Name, parse


def symbol_name(name: str) -> str | None:
    r"""The LaTeX a symbol name stands for, when it is not SymPy's own spelling
    (:mod:`symgrad.render.printers.names` reads the name).

    >>> symbol_name("W2_1_3"), symbol_name("b1_2"), symbol_name("z^(1)_2"), symbol_name("x")
    ('W^{(2)}_{13}', 'b^{(1)}_{2}', 'z^{(1)}_{2}', None)
    >>> symbol_name("W1_30_784"), symbol_name("sigma'(z^(1)_2)")
    ('W^{(1)}_{30,784}', "\\sigma'\\left(z^{(1)}_{2}\\right)")
    """
    return _written(parse(name))


def _written(n: Name) -> str | None:
    if n.kind == "plain":
        return None
    if n.kind == "applied":
        inner = _written(n.inner) or sympy.latex(sympy.Symbol(n.inner.base))  # a plain name
        primes = "'" * n.primes
        return rf"{sympy.latex(sympy.Symbol(n.base))}{primes}\left({inner}\right)"
    base = sympy.latex(sympy.Symbol(n.base))
    sep = "," if any(len(i) > 1 for i in n.lower) else ""
    low = f"_{{{sep.join(n.lower)}}}" if n.lower else ""
    # f's italic overhang touches a superscript: a thin space keeps f⁽¹⁾ apart.
    gap = r"\," if n.base == "f" else ""
    return rf"{base}^{{{gap}({n.upper})}}{low}"


class Printer(LatexPrinter):
    """SymPy's LaTeX printer with symgrad's names, sums, derivatives and matrices."""

    _default_settings = {**LatexPrinter._default_settings, "partial": None,
                         "mat_str": "pmatrix", "mat_delim": ""}

    def __init__(self, settings=None):
        super().__init__(settings)
        self._memo: dict = {}

    def _print(self, expr, **kwargs):
        # Layout prints the same sub-expressions many times (widths, candidate names): memoise.
        if kwargs or not isinstance(expr, sympy.Basic):
            return super()._print(expr, **kwargs)
        key = (expr, type(expr))
        if key not in self._memo:
            self._memo[key] = super()._print(expr)
        return self._memo[key]

    def _print_MatrixBase(self, expr):
        out = super()._print_MatrixBase(expr)
        if r"\frac" in out:
            # A matrix sets fractions in text style, cramped: display style, rows kept apart.
            out = out.replace(r"\frac", r"\dfrac").replace("\\\\", "\\\\[2.5ex]")
        return out

    def _print_Tuple(self, expr):
        # A point (x, y) = (−1/2, 1/2): a comma and a space, as a textbook writes it.
        return r"\left(" + ", ".join(self._print(a) for a in expr.args) + r"\right)"

    def _print_Symbol(self, expr, style="plain"):
        if (name := symbol_name(expr.name)) is not None:
            return name
        if expr.name == "ell":
            return r"\ell"
        return super()._print_Symbol(expr, style)

    def _print_Add(self, expr, order=None):
        terms = self.ordered_terms(expr)
        out = self._print(terms[0])
        for t in terms[1:]:
            out += self.signed(t)
        return out

    def ordered_terms(self, expr) -> list:
        """The terms of a sum in print order, a positive term first (σ(u) − y)."""
        terms = list(self._as_ordered_terms(expr, order=None))
        first = next((k for k, t in enumerate(terms) if not _negative(t)), 0)
        return terms[first:] + terms[:first]

    def signed(self, term) -> str:
        """`` + t`` or `` - t`` as the term continues a sum."""
        if _negative(term):
            return " - " + self.parenthesize(_negate(term), PRECEDENCE["Add"])
        return " + " + self.parenthesize(term, PRECEDENCE["Add"])

    def _print_Mul(self, expr):
        written = [a for a in expr.args if isinstance(a, (sympy.UnevaluatedExpr, sympy.Derivative))]
        # (An UnevaluatedExpr makes a product non-commutative: it is still written as kept,
        # never bracketed twice, ξ·(1 − a²) not ξ((1 − a²)).)
        if not written or expr.is_commutative is False and not any(
                isinstance(a, sympy.UnevaluatedExpr) for a in written):
            if isinstance(expr, sympy.Mul) and len(sums := [
                    a for a in expr.args if isinstance(a, sympy.Sum)]) == 1:
                return self._factor_then_sum(expr, sums[0])
            return self._functions_last(expr)
        # A product kept as written: its factors in order, joined by \cdot.
        args = list(expr.args)
        sign = ""
        if args[0] == -1:
            sign, args = "-", args[1:]
        return sign + r" \cdot ".join(
            self._print(a) if isinstance(a, (sympy.Derivative, sympy.UnevaluatedExpr))
            else self.parenthesize(a, PRECEDENCE["Mul"]) for a in args)

    def _functions_last(self, expr):
        # y log(f), not log(f) y: a function application is written after the other factors.
        if not isinstance(expr, sympy.Mul):
            return super()._print_Mul(expr)
        coeff, rest = expr.as_coeff_Mul()
        factors = sympy.Mul.make_args(rest)
        funcs = [f for f in factors if isinstance(f, sympy.Function)]
        if (not funcs or not [f for f in factors if f not in funcs] or coeff.is_Rational
                and coeff.q != 1 or any(f.is_Pow and f.exp.is_negative for f in factors)):
            return super()._print_Mul(expr)
        others = [f for f in factors if f not in funcs]
        ordered = [self.parenthesize(f, PRECEDENCE["Mul"], strict=False)
                   for f in [*others, *funcs]]
        lead = "" if coeff == 1 else "-" if coeff == -1 else self._print(coeff) + " "
        return lead + " ".join(ordered)

    def _factor_then_sum(self, expr, total):
        # A batch loss reads \frac{1}{2m} \sum …, the factor first, as the article writes it.
        rest = expr / total
        if rest.is_Add:  # (1 − a²) Σ …: a sum factor keeps its brackets and its own signs
            return rf"\left({self._print(rest)}\right) {self._print(total)}"
        sign, rest = ("-", -rest) if rest.could_extract_minus_sign() else ("", rest)
        factor = "" if rest == 1 else self._print(rest) + " "
        return f"{sign}{factor}{self._print(total)}"

    def _print_UnevaluatedExpr(self, expr):
        inner = expr.args[0]
        if inner.is_number and not inner.could_extract_minus_sign():
            return self._print(inner)
        if inner.could_extract_minus_sign():  # a · (−b), never a · −b
            return rf"\left({self._print(inner)}\right)"
        return self.parenthesize(inner, PRECEDENCE["Mul"], strict=True)

    def _print_Function(self, expr, exp=None):
        if isinstance(expr.func, sympy.core.function.UndefinedFunction):
            # An undefined function f(x, y): f\left(x, y\right), as a textbook writes it.
            args = ", ".join(self._print(a) for a in expr.args)
            power = f"^{{{exp}}}" if exp is not None else ""
            name = self._print(sympy.Symbol(expr.func.__name__))
            if expr.func.__name__ == "sgn":  # sgn of a whole matrix (an L1 penalty's matrix form)
                name = r"\operatorname{sgn}"
            return rf"{name}{power}\left({args}\right)"
        return super()._print_Function(expr, exp)

    def _print_Derivative(self, expr):
        op = r"\partial" if self._settings["partial"] is not False else "d"
        total = sum(c for _, c in expr.variable_count)
        power = "" if total == 1 else f"^{{{total}}}"
        wrt = r" \partial ".join(self._print(v) + ("" if c == 1 else f"^{{{c}}}")
                                 for v, c in expr.variable_count)
        inner = expr.expr
        if isinstance(inner, (sympy.Symbol, sympy.Indexed)):
            return rf"\frac{{{op}{power} {self._print(inner)}}}{{{op} {wrt}}}"
        return rf"\frac{{{op}{power}}}{{{op} {wrt}}}\left[{self._print(inner)}\right]"

    def _print_Sum(self, expr):
        # Sum(f, (k, …), (j, …)) is Σⱼ Σₖ f: the first limit is the innermost.
        body = self.parenthesize(expr.function, PRECEDENCE["Mul"], strict=True)
        return " ".join([*(rf"\sum_{{{self._print(i)}={self._print(lo)}}}^{{{self._print(hi)}}}"
                           for i, lo, hi in reversed(expr.limits)), body])

    def _print_Indexed(self, expr):
        base = self._print(expr.base.label)
        index = ",".join(map(self._print, expr.indices))
        if base.endswith("}") and "_{" in base:  # f_{1} for sample i: f_{1,i}
            return f"{base[:-1]},{index}}}"
        return f"{base}_{{{index}}}"

    def _print_Pow(self, expr, **kwargs):
        if isinstance(expr.base, sympy.Indexed) and expr.exp.is_Integer and expr.exp > 0:
            # a^{(1)}_{j} squared: braced, or LaTeX sees a double superscript
            return f"{{{self._print(expr.base)}}}^{{{self._print(expr.exp)}}}"
        return super()._print_Pow(expr, **kwargs)

    def _print_KroneckerDelta(self, expr, exp=None):
        # 1[k = j], not δ_{jk}: a document's δ is the error signal.
        i, j = expr.args
        return rf"\mathbf{{1}}\left[{self._print(j)} = {self._print(i)}\right]"

    def _print_HadamardProduct(self, expr):
        return r" \odot ".join(self.parenthesize(a, PRECEDENCE["Mul"], strict=True)
                                for a in expr.args)

    def _print_Transpose(self, expr):
        base = self._print(expr.arg)
        if "^" in base or not expr.arg.is_symbol:
            base = rf"\left({base}\right)"
        return base + r"^{\mathsf T}"

    def _print_Equality(self, expr):
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"

    def _joined(self, expr, word: str):
        return rf" \quad \text{{{escape(word)}}} \quad ".join(self._print(a) for a in expr.args)

    def _print_And(self, expr):
        return self._joined(expr, phrase("and"))

    def _print_Or(self, expr):
        return self._joined(expr, phrase("or"))


def _negative(term) -> bool:
    if isinstance(term, sympy.Mul) and term.args and term.args[0] == -1:
        return True
    return bool(term.could_extract_minus_sign())


def _negate(term):
    if isinstance(term, sympy.Mul) and term.args and term.args[0] == -1:
        rest = term.args[1:]
        return rest[0] if len(rest) == 1 else sympy.Mul(*rest, evaluate=False)
    return -term


def printer(partial=None) -> Printer:
    """The printer with the document's choice of derivative sign (None: SymPy's choice)."""
    return Printer({"partial": partial})


def latex(expr, partial=None) -> str:
    r"""LaTeX for an expression, with network weights in W^{(l)}_{jk} notation.

    >>> from symgrad.parsing.core import parse
    >>> latex(parse("W1_2_1*x1 + b1_2"))
    'W^{(1)}_{21} x_{1} + b^{(1)}_{2}'
    >>> latex(parse("sigmoid(w*x)**2"))
    '\\sigma^{2}\\left(w x\\right)'
    >>> latex(parse("-y + sigmoid(z)"))
    '\\sigma\\left(z\\right) - y'
    """
    return printer(partial).doprint(expr)


_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
            "#": r"\#", "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def escape(text: str) -> str:
    r"""Plain text made safe for LaTeX: every special character is escaped.

    >>> escape(r"50% of \input{x}")
    '50\\% of \\textbackslash{}input\\{x\\}'
    """
    return "".join(_SPECIAL.get(c, c) for c in text)


# For words inside \text{} in math: LaTeX's specials escaped and the Unicode math symbols that
# symgrad's plain text uses written as LaTeX, so the result compiles without any preamble.
_TEXT_WORDS = {
    **{c: rf"\{c}" for c in "{}_#%&$"},
    "\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}",
    "′": "$'$", "″": "$''$", "‴": "$'''$", "−": "-", "·": r"$\cdot$", "⇒": r"$\Rightarrow$",
    "∇": r"$\nabla$", "∂": r"$\partial$", "α": r"$\alpha$", "√": r"$\surd$", "σ": r"$\sigma$",
    "π": r"$\pi$", "ℝ": r"$\mathbb{R}$", "<": "$<$", ">": "$>$", "|": "$|$", "←": r"$\leftarrow$",
    **{c: rf"\textsuperscript{{{d}}}"
       for c, d in zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁻", "0123456789()-", strict=True)},
}


def text_words(s: str) -> str:
    r"""Plain words for ``\text{}``: specials escaped, Unicode symbols as LaTeX.

    >>> text_words("f′(3) = 4 > 0 ⇒ 50% sure")
    "f$'$(3) = 4 $>$ 0 $\\Rightarrow$ 50\\% sure"
    """
    return "".join(_TEXT_WORDS.get(c, c) for c in s)
