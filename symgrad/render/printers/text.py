"""Readable one-line Unicode for expressions: x², a·x1, √(…), − instead of -."""

from __future__ import annotations

import re

import sympy
from sympy.printing.pretty.pretty_symbology import greek_unicode

from ...i18n.language import PRINTERS, fill, phrase, phrase_of
from ...i18n.marked import Marked, unmarked
from ..builders.steps import step_rows
from ..outline import Row, Words  # noqa: F401 - Words is used by the doctests
from .names import Name, parse

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
# A layer's superscript may be a letter: W⁽ˡ⁾, a⁽ˡ⁻¹⁾, δ⁽ˡ⁺¹⁾, x⁽ᵏ⁾.
_LAYER = str.maketrans("0123456789-+lkjin", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ˡᵏʲⁱⁿ")
# Greek names print as letters, as SymPy's LaTeX printer does (mu → μ, alpha → α, Lambda → Λ):
# SymPy's own table, so the two printers name every letter alike.  σ stays the sigmoid's and
# π the constant's.
_GREEK = {name: letter for name, letter in greek_unicode.items()
          if name not in ("sigma", "Sigma", "varsigma", "pi", "Pi")} | {"varphi": "φ"}


def _written(n: Name) -> str:
    """A symbol's name in the terminal (:mod:`symgrad.render.printers.names` reads it): a
    weight or a bias as typed, a layer's quantity with its layer raised (z⁽¹⁾_2), a function's
    name with primes (σ′(z⁽¹⁾_2)), a Greek name as its letter.

    >>> [_written(parse(n)) for n in ("W2_1_3", "z^(1)_2", "sigma'(z^(1)_2)", "mu")]
    ['W2_1_3', 'z⁽¹⁾_2', 'σ′(z⁽¹⁾_2)', 'μ']
    """
    if n.kind in ("weight", "bias"):
        return f"{n.base}{n.upper}_{'_'.join(n.lower)}"
    base = _GREEK.get(n.base, n.base)
    if n.kind == "applied":  # a function's name: sigma is the sigmoid's σ
        return f"{'σ' if n.base == 'sigma' else base}{'′' * n.primes}({_written(n.inner)})"
    if n.kind == "upper":
        low = f"_{n.lower[0]}" if n.lower else ""
        return f"{base}⁽{n.upper.translate(_LAYER)}⁾{low}"
    return base


class _Printer(sympy.printing.str.StrPrinter):
    """SymPy's str printer with unicode powers, products and the names symgrad uses."""

    printmethod = "_symgrad_text"  # not _sympystr: Indexed would print itself as y[i]
    _default_settings = {**sympy.printing.str.StrPrinter._default_settings, "partial": None}

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
        lead = terms[0]
        # A number kept as written needs no brackets at the head of a sum: 1/2 − (1/4)·1.
        out = self._print(lead.args[0] if isinstance(lead, sympy.UnevaluatedExpr) else lead)
        for t in terms[1:]:
            if t.could_extract_minus_sign():
                out += " - " + self.parenthesize(-t, sympy.printing.precedence.PRECEDENCE["Add"])
            else:
                out += " + " + self.parenthesize(t, sympy.printing.precedence.PRECEDENCE["Add"])
        return out

    def _print_Symbol(self, expr):
        return _written(parse(expr.name)) if expr.name != "ell" else "ℓ"

    def _print_Derivative(self, expr):
        op = "∂" if self._settings.get("partial", True) is not False else "d"
        total = sum(c for _, c in expr.variable_count)
        power = "" if total == 1 else str(total).translate(_SUPERSCRIPT)
        wrt = op.join(self._print(v) + ("" if c == 1 else str(c).translate(_SUPERSCRIPT))
                      for v, c in expr.variable_count)
        if isinstance(expr.expr, (sympy.Symbol, sympy.Indexed)) and (
                expr.expr, 1) not in expr.variable_count:
            return f"{op}{power}{self._print(expr.expr)}/{op}{wrt}"
        return f"{op}{power}/{op}{wrt}[{self._print(expr.expr)}]"

    def _print_UnevaluatedExpr(self, expr):
        return self.parenthesize(expr.args[0], sympy.printing.precedence.PRECEDENCE["Mul"])

    def _print_Equality(self, expr):
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"

    def _print_And(self, expr):
        return (" " + phrase("and") + " ").join(self._print(a) for a in expr.args)

    def _print_Or(self, expr):
        return (" " + phrase("or") + " ").join(self._print(a) for a in expr.args)

    def _print_MatrixBase(self, expr):
        rows = [", ".join(self._print(v) for v in expr.row(i)) for i in range(expr.rows)]
        return "[" + "; ".join(rows) + "]"

    _print_ImmutableDenseMatrix = _print_MatrixBase
    _print_MutableDenseMatrix = _print_MatrixBase

    def _print_Float(self, expr):
        # As many digits as the number holds, without the zeros that pad its precision:
        # 0.1, not 0.100000000000000; 2, not 2.000000000.
        mantissa, e, power = super()._print_Float(expr).partition("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return mantissa + e + power

    def _print_Exp1(self, expr):
        return "e"  # as the reader reads it back (SymPy's str printer says E)

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_sigmoid(self, expr):
        return f"σ({self._print(expr.args[0])})"

    def _print_Sum(self, expr):
        # Sum(f, (k, …), (j, …)) is Σⱼ Σₖ f: the first limit is the innermost.
        body = self.parenthesize(expr.function, sympy.printing.precedence.PRECEDENCE["Mul"])
        return " ".join([*(f"Σ[{self._print(i)}={self._print(lo)}..{self._print(hi)}]"
                           for i, lo, hi in reversed(expr.limits)), body])

    def _print_Mul(self, expr):
        if any(isinstance(a, sympy.UnevaluatedExpr) for a in expr.args):
            # A product kept as written: each factor bracketed once, ξ·(1 − a²).
            args = list(expr.args)
            sign = "-" if args[0] == -1 else ""
            return sign + "·".join(
                self._print(a) if isinstance(a, sympy.UnevaluatedExpr)
                else self.parenthesize(a, sympy.printing.precedence.PRECEDENCE["Mul"])
                for a in args[bool(sign):])
        # A batch loss reads "1/(2m) Σ …", the factor first, as the article writes it.
        sums = [a for a in expr.args if isinstance(a, sympy.Sum)]
        if len(sums) != 1:
            if any(isinstance(a, (sympy.Derivative, sympy.UnevaluatedExpr)) for a in expr.args):
                # A product kept as written (∂ℓ/∂z·∂z/∂a·∂a/∂z): its factors in order.
                prec = sympy.printing.precedence.PRECEDENCE["Mul"]
                return "·".join(self.parenthesize(a, prec) for a in expr.args)
            return super()._print_Mul(expr)
        rest = expr / sums[0]
        if rest.is_Add:  # (1 − a²) Σ …: a sum factor keeps its brackets and its own signs
            return f"({self._print(rest)}) {self._print(sums[0])}"
        sign, rest = ("-", -rest) if rest.could_extract_minus_sign() else ("", rest)
        factor = self._print(rest)
        if (rest.is_Pow or rest.is_Mul) and sympy.fraction(rest)[0] == 1:
            den = 1 / rest
            factor = f"1/{self._print(den)}" if den.is_Atom else f"1/({self._print(den)})"
        return f"{sign}{factor} {self._print(sums[0])}"

    def _print_Indexed(self, expr):
        return f"{self._print(expr.base.label)}_{','.join(map(self._print, expr.indices))}"

    def _print_Pi(self, expr):
        return "π"

    def _print_sign(self, expr):
        return f"sgn({self._print(expr.args[0])})"

    def _print_MatrixSymbol(self, expr):
        return self._print_Symbol(sympy.Symbol(expr.name))

    def _print_HadamardProduct(self, expr):
        prec = sympy.printing.precedence.PRECEDENCE["Mul"]
        return " ⊙ ".join(self.parenthesize(a, prec) for a in expr.args)

    def _print_Transpose(self, expr):
        return f"{self.parenthesize(expr.arg, sympy.printing.precedence.PRECEDENCE['Pow'])}ᵀ"

    def _print_indicator(self, expr):
        return f"1[{self._print(expr.args[0])} > 0]"

    def _print_KroneckerDelta(self, expr):
        return f"1[{self._print(expr.args[1])} = {self._print(expr.args[0])}]"

    def _print_Heaviside(self, expr):
        return f"H({self._print(expr.args[0])})"


def text(expr, partial=None) -> str:
    """One line of Unicode math for an expression.

    >>> x, a = sympy.symbols("x a", real=True)
    >>> text(2*x**2 - 12*x + 20)
    '2·x² − 12·x + 20'
    >>> text(sympy.sqrt(x**2 + 1) - a*sympy.Abs(x))
    '√(x² + 1) − a·|x|'
    >>> text(sympy.Eq(x, -1)), text(sympy.Matrix([[1, -2]])), text(sympy.Float(0.1))
    ('x = −1', '[1, −2]', '0.1')
    """
    out = _Printer({"order": None, "partial": partial}).doprint(expr)
    out = out.replace("**", "^").replace("*", "·")
    # A minus sign, binary or leading a term (after "(", "[", "= ", ", ", "; "), is −.
    return re.sub(r" - ", " − ", re.sub(r"(^|\(|\[|= |, |; )-", r"\1−", out))


def point_text(point: dict) -> str:
    """``x = 3`` or ``(x, y) = (−1/2, 1/2)``.

    >>> x, y = sympy.symbols("x y")
    >>> point_text({x: 3}), point_text({x: -sympy.Rational(1, 2), y: 1})
    ('x = 3', '(x, y) = (−1/2, 1)')
    """
    if len(point) == 1:
        ((k, v),) = point.items()
        return f"{k} = {text(v)}"
    names = ", ".join(map(str, point))
    return f"({names}) = ({', '.join(text(v) for v in point.values())})"


def value_text(value) -> str:
    """A value as text; a float (too big to compute exactly) or an irrational number also
    with its 6-digit approximation (its zeros kept: they are digits, 1.08060).

    >>> value_text(sympy.sqrt(2)), value_text(2 * sympy.cos(1))
    ('√(2) ≈ 1.41421', '2·cos(1) ≈ 1.08060')
    """
    if isinstance(value, sympy.Float):  # a value too big to compute exactly
        return f"≈ {_six_digits(value)}"
    if isinstance(value, sympy.Expr) and not value.is_Rational and value.is_number:
        return f"{text(value)} ≈ {_six_digits(value)}"
    return text(value)


def _six_digits(value) -> str:
    return re.sub(r"^-", "−", sympy.sstr(sympy.N(value, 6)))


def assignments_text(point: dict) -> str:
    """``x = 1, y = 2``: variables and their values.

    >>> x, y = sympy.symbols("x y")
    >>> assignments_text({x: 1, y: -sympy.Rational(1, 2)})
    'x = 1, y = −1/2'
    """
    return ", ".join(f"{k} = {text(v)}" for k, v in point.items())


# How values inside messages (symgrad.i18n.language.Value) are shown.
PRINTERS.update(math=text, approx=value_text, point=point_text, assignments=assignments_text)


def words(w, partial=None) -> str:
    """A phrase of the catalogue in plain Unicode, its values printed by :func:`text`.

    >>> words(Words("rule.chain", sympy.Eq(sympy.Symbol("u"), 2)))
    'chain rule, u = 2'
    """
    if isinstance(w, str):
        return unmarked(w) if isinstance(w, Marked) else w
    if isinstance(w, (int, float)):
        return text(sympy.sympify(w), partial)
    if isinstance(w, sympy.Basic):
        return text(w, partial)
    if isinstance(w, (list, tuple)):
        return phrase("list.sep").join(words(a, partial) for a in w)
    return fill(phrase_of(w), w.args, show=lambda a: words(a, partial))


_REL = {"=": "=", "<-": "←", "iff": "⇔", ">": ">", "!=": "≠"}


def row(r: Row, partial=None) -> str:
    """One outline row as a line: ``lhs = rhs = …   note``, indented by its depth.

    >>> x = sympy.Symbol("x")
    >>> row(Row(sympy.Symbol("f"), (x**2,), Words("rule.power"), depth=1))
    '  f = x²   power rule'
    """
    sides = [text(s, partial) for s in r.sides if s is not None]
    line = f" {_REL[r.rel]} ".join(sides)
    note = f"   {words(r.note, partial)}" if r.note is not None else ""
    return "  " * r.depth + line + note


def steps(step, depth: int = 0, partial=None) -> list[str]:
    """A step tree as indented Unicode lines: the derivative, its value, the rule used.

    ∂ is used throughout when the differentiated expression has more than one symbol.

    >>> from symgrad.calculus.rules import diff_steps
    >>> from symgrad.parsing.core import parse, symbol
    >>> print("\\n".join(steps(diff_steps(parse("sin(x**2)"), symbol("x")))))
    d/dx[sin(x²)] = 2·x·cos(x²)   chain rule, u = x²
      d/du[sin(u)] = cos(u)   sin rule
      d/dx[x²] = 2·x   power rule
    """
    if partial is None:
        partial = len(step.expr.free_symbols) > 1
    return [row(r, partial) for r in step_rows(step, depth)]


def iterations(count: int) -> str:
    """"1 iteration", "3 iterations": for titles and summaries.

    >>> iterations(1), iterations(3)
    ('1 iteration', '3 iterations')
    """
    return f"{count} iteration{'' if count == 1 else 's'}"


def caveat(step) -> str:
    """The sentence a step's caveat says: where its derivative does not exist.

    >>> from symgrad.calculus.rules import diff_steps
    >>> x = sympy.Symbol("x", real=True)
    >>> caveat(diff_steps(sympy.Abs(x), x))
    'not differentiable where x = 0'
    """
    return phrase("caveat.singular").format(text(step.singular))
