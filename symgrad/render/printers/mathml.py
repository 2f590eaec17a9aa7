r"""Presentation MathML (MathML Core, as browsers render it) from symgrad's LaTeX.

symgrad prints every formula through one LaTeX printer (:mod:`symgrad.render.printers.latex`), so
the LaTeX it produces uses a small, known set of commands.  This module *typesets* that
LaTeX as MathML: it reads the structure (fractions, scripts, fences, matrices, ``\text``)
and never evaluates anything, so ``\frac{d}{du}[u^2] = 2u`` stays exactly what was written
(reading it back as an expression would turn it into ``True``, and reorder terms).

SymPy objects go through the same LaTeX printer first (:func:`expr_mathml`), so a weight
prints as W⁽¹⁾₂₁ in the browser exactly as in the PDF.  A command outside the known set is
shown by its name, never with a backslash; ``strict=True`` raises instead (the tests use it).

>>> latex_mathml(r"\frac{\partial \ell}{\partial a}")
'<mfrac><mrow><mi mathvariant="normal">∂</mi><mi>ℓ</mi></mrow><mrow><mi mathvariant="normal">∂</mi><mi>a</mi></mrow></mfrac>'
"""  # noqa: E501 - a doctest's expected output is one line

from __future__ import annotations

import re

from ...errors import said
from . import mathml_tables as tables
from .latex import latex
from .mathml_symbols import esc, mi, mo, mrow, mspace, mtext, symbol

__all__ = ["MathMLError", "expr_mathml", "latex_mathml", "math_element"]


class MathMLError(ValueError):
    """LaTeX that the typesetter does not know (only raised with ``strict=True``)."""


_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[0-9]+(?:\.[0-9]+)?|\s+|.", re.DOTALL)

class _Typesetter:
    """Recursive descent over the tokens of one LaTeX formula, building MathML strings."""

    def __init__(self, tex: str, strict: bool):
        self.tokens = [t for t in _TOKEN.findall(tex)]
        self.pos = 0
        self.strict = strict

    # ---------------------------------------------------------------- token helpers
    def peek(self, skip_space: bool = True) -> str | None:
        if skip_space:
            while self.pos < len(self.tokens) and self.tokens[self.pos].isspace():
                self.pos += 1
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str | None:
        token = self.peek()
        if token is not None:
            self.pos += 1
        return token

    def unknown(self, what: str) -> str:
        if self.strict:
            raise MathMLError(said('err.mathml.cannot-typeset', what))
        return mi(what.lstrip("\\"), "normal")

    # ---------------------------------------------------------------- grammar
    def sequence(self, stop: tuple[str, ...] = ()) -> list[str]:
        """Atoms with their scripts until a closing token (not consumed) or the end."""
        out: list[str] = []
        while (token := self.peek()) is not None and token not in stop:
            if token == "}" and "}" not in stop:
                self.pos += 1  # an unbalanced closing brace: skip it
                continue
            out.append(self.scripted())
        return out

    def group(self) -> str:
        """A braced group or a single atom: the argument of a command or a script."""
        token = self.peek()
        if token == "{":
            self.pos += 1
            parts = self.sequence(("}",))
            self.take()
            return mrow(parts) if parts else "<mrow></mrow>"
        if token is None:
            return "<mrow></mrow>"
        return self.atom()

    def raw_group(self) -> str:
        """The source text of a braced group (for \\text and environment names)."""
        if self.peek() != "{":
            token = self.take()
            return token or ""
        self.pos += 1
        depth, out = 1, []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            depth += (token == "{") - (token == "}")
            if depth == 0:
                break
            out.append(token)
        return "".join(out)

    def scripted(self) -> str:
        base = self.atom()
        sub: list[str] = []
        sup: list[str] = []
        while (token := self.peek()) in ("^", "_", "'"):
            self.pos += 1
            if token == "'":
                sup.append(mo("′"))
            else:
                (sup if token == "^" else sub).append(self.group())
        if not sub and not sup:
            return base
        large = base.startswith("<mo largeop")
        if sub and sup:
            tag = "munderover" if large else "msubsup"
            return f"<{tag}>{base}{mrow(sub)}{mrow(sup)}</{tag}>"
        tag = ("munder" if large else "msub") if sub else ("mover" if large else "msup")
        return f"<{tag}>{base}{mrow(sub or sup)}</{tag}>"

    def atom(self) -> str:
        token = self.take()
        if token == "{":
            self.pos -= 1
            return self.group()
        if token in ("^", "_"):  # a script with nothing before it
            self.pos -= 1
            return "<mrow></mrow>"
        if token.startswith("\\"):
            return self.command(token)
        if token[0].isdigit():
            return f"<mn>{esc(token)}</mn>"
        if token == "-":
            return mo("−")
        if token == "&":
            return mspace("1em")
        if token in tables.ASCII_OPERATORS:
            if token in "()[]|":
                return mo(token, stretchy="false")
            return mo(token)
        if token == "~":
            return mspace("0.25em")
        return mi(token)

    def command(self, token: str) -> str:
        name = token[1:]
        single = symbol(name)
        if single is not None:
            return single
        build = self._STRUCTURES.get(name)
        if build is not None:
            return build(self, name)
        if name in tables.TEXT_COMMANDS:
            return self.text(self.raw_group())
        if name in tables.FONT_COMMANDS:
            return self.font(name)
        if name in tables.ACCENTS:
            body = self.group()
            accent = mo(tables.ACCENTS[name], stretchy="true")
            return f'<mover accent="true">{body}{accent}</mover>'
        return self.unknown(token)

    def _fraction(self, name: str) -> str:
        return f"<mfrac>{self.group()}{self.group()}</mfrac>"

    def _binomial(self, name: str) -> str:
        top, bottom = self.group(), self.group()
        return (f"<mrow>{mo('(')}<mfrac linethickness=\"0\">{top}{bottom}</mfrac>"
                f"{mo(')')}</mrow>")

    def _root(self, name: str) -> str:
        if self.peek() == "[":
            self.pos += 1
            index = mrow(self.sequence(("]",)) or ["<mrow></mrow>"])
            self.take()
            return f"<mroot>{self.group()}{index}</mroot>"
        return f"<msqrt>{self.group()}</msqrt>"

    def _closing_fence(self, name: str) -> str:
        fence = self.take() or ""
        return mo(tables.FENCES.get(fence, ""), stretchy="true") if fence else "<mrow></mrow>"

    def _superscript_text(self, name: str) -> str:
        return f"<msup><mrow></mrow>{self.text(self.raw_group())}</msup>"

    def _underline(self, name: str) -> str:
        return f"<munder>{self.group()}{mo('_', stretchy='true')}</munder>"

    def _phantom(self, name: str) -> str:
        if name not in ("mathstrut", "strut"):
            self.raw_group()
        return "<mrow></mrow>"

    #: The commands with a structure of their own, by name.
    _STRUCTURES = {
        **dict.fromkeys(("frac", "dfrac", "tfrac", "cfrac"), _fraction),
        "binom": _binomial,
        "sqrt": _root,
        "left": lambda self, name: self.fenced(),
        **dict.fromkeys(("right", "middle"), _closing_fence),
        "begin": lambda self, name: self.environment(self.raw_group()),
        "textsuperscript": _superscript_text,
        **dict.fromkeys(("underline", "underbrace"), _underline),
        **dict.fromkeys(("mathstrut", "strut", "phantom", "hphantom", "vphantom"), _phantom),
    }

    def fenced(self) -> str:
        opening = self.take() or "."
        parts = self.sequence(("\\right",))
        closing = "."
        if self.take() == "\\right":
            closing = self.take() or "."
        inner = mrow(parts) if parts else "<mrow></mrow>"
        left, right = tables.FENCES.get(opening, opening), tables.FENCES.get(closing, closing)
        # Stretch only around tall content: Chromium draws a stretched parenthesis of Latin
        # Modern Math with wide side bearings, so "(f − y)" would read "( f − y )".
        tall = "true" if any(t in inner for t in tables.TALL) else "false"
        pieces = [mo(left, fence="true", stretchy=tall)] if left else []
        pieces.append(inner)
        if right:
            pieces.append(mo(right, fence="true", stretchy=tall))
        return "<mrow>" + "".join(pieces) + "</mrow>"

    def environment(self, env: str) -> str:
        if env == "array" and self.peek() == "{":
            self.raw_group()  # the column specification
        rows: list[list[str]] = [[]]
        cell: list[str] = []
        while (token := self.peek()) is not None:
            if token == "\\end":
                self.pos += 1
                self.raw_group()
                break
            if token == "&":
                self.pos += 1
                rows[-1].append(mrow(cell) if cell else "<mrow></mrow>")
                cell = []
            elif token == "\\\\":
                self.pos += 1
                rows[-1].append(mrow(cell) if cell else "<mrow></mrow>")
                rows.append([])
                cell = []
            else:
                cell.append(self.scripted())
        if cell or not rows[-1]:
            rows[-1].append(mrow(cell) if cell else "<mrow></mrow>")
        if rows and rows[-1] == ["<mrow></mrow>"] and len(rows) > 1:
            rows.pop()
        if env not in tables.MATRICES and self.strict:
            raise MathMLError(said('err.mathml.cannot-typeset-environment', env))
        left, right = tables.MATRICES.get(env, ("", ""))
        align = ' columnalign="left"' if env in ("cases", "aligned", "split") else ""
        table = (f"<mtable{align}>" + "".join(
            "<mtr>" + "".join(f"<mtd>{c}</mtd>" for c in row) + "</mtr>" for row in rows)
            + "</mtable>")
        pieces = [mo(left, stretchy="true")] if left else []
        pieces.append(table)
        if right:
            pieces.append(mo(right, stretchy="true"))
        return "<mrow>" + "".join(pieces) + "</mrow>"

    def font(self, name: str) -> str:
        raw = self.raw_group()
        if name == "mathbb" and raw in tables.DOUBLE_STRUCK:
            return mi(tables.DOUBLE_STRUCK[raw])
        if name == "operatorname" or (name == "mathrm" and re.fullmatch(r"[A-Za-z ]+", raw)):
            return mi(raw.strip()) if len(raw.strip()) > 1 else mi(raw.strip(), "normal")
        inner = _Typesetter(raw, self.strict).sequence()
        variant = tables.FONT_COMMANDS[name]
        if variant == "normal":
            inner = [re.sub(r"<mi>(.)</mi>", r'<mi mathvariant="normal">\1</mi>', p)
                     for p in inner]
        elif variant == "bold":
            return f'<mrow style="font-weight: bold">{"".join(inner)}</mrow>'
        return mrow(inner) if inner else "<mrow></mrow>"

    def text(self, raw: str) -> str:
        """``\\text{…}``: words as <mtext>, ``$…$`` inside as math again."""
        pieces, words = [], []
        tokens = _TOKEN.findall(raw)
        k = 0
        while k < len(tokens):
            token = tokens[k]
            k += 1
            if token == "$":
                end = tokens.index("$", k) if "$" in tokens[k:] else len(tokens)
                if words:
                    pieces.append(mtext("".join(words)))
                    words = []
                pieces.append(mrow(_Typesetter("".join(tokens[k:end]), self.strict).sequence()
                                    or ["<mrow></mrow>"]))
                k = end + 1
            elif token.startswith("\\"):
                name = token[1:]
                if name in tables.TEXT_ESCAPES:
                    words.append(tables.TEXT_ESCAPES[name])
                    if k < len(tokens) and tokens[k] == "{" and k + 1 < len(tokens) \
                            and tokens[k + 1] == "}":
                        k += 2  # \textbackslash{}
                elif name == "textsuperscript" and k < len(tokens) and tokens[k] == "{":
                    end = tokens.index("}", k) if "}" in tokens[k:] else len(tokens)
                    words.append("".join(tables.SUPERSCRIPT_DIGITS.get(c, c)
                                         for c in "".join(tokens[k + 1:end])))
                    k = end + 1
                elif self.strict:
                    raise MathMLError(said('err.mathml.cannot-typeset-inside-text', token))
                else:
                    words.append(name)
            elif token in "{}":
                continue
            else:
                words.append(token)
        if words:
            pieces.append(mtext("".join(words)))
        return mrow(pieces) if pieces else "<mrow></mrow>"


def latex_mathml(tex: str, *, strict: bool = False) -> str:
    r"""The MathML content (without the ``<math>`` element) for one LaTeX formula.

    >>> latex_mathml("x^{2} + 1")
    '<mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow>'
    >>> latex_mathml(r"\sigma\left(z\right)")
    '<mrow><mi>σ</mi><mrow><mo fence="true" stretchy="false">(</mo><mi>z</mi><mo fence="true" stretchy="false">)</mo></mrow></mrow>'
    """  # noqa: E501 - a doctest's expected output is one line
    parts = _Typesetter(tex, strict).sequence()
    return mrow(parts) if parts else "<mrow></mrow>"


def math_element(tex: str, *, display: bool = False, strict: bool = False) -> str:
    r"""A complete ``<math>`` element for one LaTeX formula; ``display`` for a block of its own.

    >>> math_element(r"\frac{1}{2}")
    '<math displaystyle="true"><mfrac><mn>1</mn><mn>2</mn></mfrac></math>'
    """
    block = ' display="block"' if display else ""
    return f'<math{block} displaystyle="true">{latex_mathml(tex, strict=strict)}</math>'


def expr_mathml(expr, *, display: bool = False) -> str:
    r"""A ``<math>`` element for a SymPy expression, printed by symgrad's LaTeX printer.

    >>> from symgrad.parsing.core import parse
    >>> expr_mathml(parse("W1_2_1*x1"))
    '<math displaystyle="true"><mrow><msubsup><mi>W</mi><mn>21</mn><mrow><mo stretchy="false">(</mo><mn>1</mn><mo stretchy="false">)</mo></mrow></msubsup><msub><mi>x</mi><mn>1</mn></msub></mrow></math>'
    """  # noqa: E501 - a doctest's expected output is one line
    return math_element(latex(expr), display=display)
