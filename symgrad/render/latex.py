"""LaTeX for expressions and step trees, the one place symgrad turns math into LaTeX.

Network weights print as a textbook writes them: W1_2_1 as W^{(1)}_{21}, b2_1 as b^{(2)}_{1}.
"""

from __future__ import annotations

import re

import sympy

from ..rules import Step
from . import rule_name

_WEIGHT = re.compile(r"W(\d+)_(\d+)_(\d+)")
_BIAS = re.compile(r"b(\d+)_(\d+)")


def _name(symbol: sympy.Symbol) -> str | None:
    if m := _WEIGHT.fullmatch(symbol.name):
        l, j, k = m.groups()
        sep = "," if len(j) > 1 or len(k) > 1 else ""
        return rf"W^{{({l})}}_{{{j}{sep}{k}}}"
    if m := _BIAS.fullmatch(symbol.name):
        return rf"b^{{({m[1]})}}_{{{m[2]}}}"
    return None


def latex(expr) -> str:
    r"""LaTeX for an expression, with network weights in W^{(l)}_{jk} notation.

    >>> from symgrad.parsing import parse
    >>> latex(parse("W1_2_1*x1 + b1_2"))
    'W^{(1)}_{21} x_{1} + b^{(1)}_{2}'
    >>> latex(parse("sigmoid(w*x)**2"))
    '\\sigma^{2}\\left(w x\\right)'
    """
    names = {}
    if isinstance(expr, sympy.Basic):
        for s in expr.free_symbols:
            if isinstance(s, sympy.Symbol) and (n := _name(s)):
                names[s] = n
    return sympy.latex(expr, symbol_names=names)


def d(wrt, expr) -> str:
    r"""\frac{d}{dx}\left[expr\right] (∂ when the expression has other symbols)."""
    partial = len(expr.free_symbols - {wrt}) > 0 if isinstance(expr, sympy.Basic) else False
    op = r"\partial" if partial else "d"
    return rf"\frac{{{op}}}{{{op} {latex(wrt)}}}\left[{latex(expr)}\right]"


QUAD = "\\quad "


def steps(step: Step, depth: int = 0) -> list[str]:
    r"""A step tree as align* rows: the derivative, its value, and the rule that gave it.

    >>> from symgrad.rules import diff_steps
    >>> from symgrad.parsing import parse, symbol
    >>> for row in steps(diff_steps(parse("exp(3*x)"), symbol("x"))):
    ...     print(row)
    &\frac{d}{d x}\left[e^{3 x}\right] = 3 e^{3 x} && \text{chain rule, } u = 3 x
    &\quad \frac{d}{d u}\left[e^{u}\right] = e^{u} && \text{exp rule}
    &\quad \frac{d}{d x}\left[3 x\right] = 3 && \text{constant multiple rule}
    &\quad \quad \frac{d}{d x}\left[x\right] = 1 && \text{variable rule}
    """
    note = rf"\text{{{rule_name(step)}}}"
    if step.rule == "chain":
        note = rf"\text{{{rule_name(step)}, }} {latex(step.u)} = {latex(step.inner.expr)}"
    if step.rule == "unknown":
        note = rf"\text{{{escape(step.message)}}}"
    if step.singular is not None:
        note += rf",\ \text{{not differentiable where }} {latex(step.singular)} = 0"
    indent = QUAD * depth
    # Left-aligned after the &, so that the indentation shows the tree.
    row = rf"&{indent}{d(step.wrt, step.expr)} = {latex(step.result)} && {note}"
    return [row, *(r for s in step.substeps for r in steps(s, depth + 1))]


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
