"""MathML elements, and the LaTeX commands that stand for one symbol or space (``\\alpha``,
``\\sum``, ``\\quad`` …): the pieces :mod:`.mathml`'s typesetter builds formulas from.

>>> symbol("alpha"), mo("−"), mrow(["<mi>x</mi>"])
('<mi>α</mi>', '<mo>−</mo>', '<mi>x</mi>')
"""

from __future__ import annotations

import html

from . import mathml_tables as tables


def esc(text: str) -> str:
    """Text escaped for MathML."""
    return html.escape(text, quote=True)


def mi(text: str, variant: str | None = None) -> str:
    """An identifier; MathML Core sets a one-letter <mi> italic, a longer one upright."""
    attr = f' mathvariant="{variant}"' if variant else ""
    return f"<mi{attr}>{esc(text)}</mi>"


def mo(text: str, **attrs) -> str:
    """An operator, with its attributes."""
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<mo{extra}>{esc(text)}</mo>"


def mrow(parts: list[str]) -> str:
    """The parts as one element: itself when there is one, else an <mrow>."""
    return parts[0] if len(parts) == 1 else "<mrow>" + "".join(parts) + "</mrow>"


def symbol(name: str) -> str | None:
    """The MathML of a command that stands for one symbol or space (``\\alpha``, ``\\sum``,
    ``\\quad`` …), None for any other."""
    if name in tables.GREEK:
        return mi(tables.GREEK[name], "normal" if name[0].isupper() else None)
    if name in tables.ITALIC:
        return mi(tables.ITALIC[name])
    if name in tables.UPRIGHT:
        return mi(tables.UPRIGHT[name], "normal")
    if name in tables.OPERATORS:
        return mo(tables.OPERATORS[name])
    if name == "surd":  # the math font's √ is the radical's tall base glyph; text reads better
        return mtext("√")
    if name in tables.LARGE:
        return mo(tables.LARGE[name], largeop="true", movablelimits="false")
    if name in tables.FUNCTIONS:
        return mi(name) if len(name) > 1 else mi(name, "normal")
    if name in tables.SPACES:
        return mspace(tables.SPACES[name])
    if name in tables.IGNORED:
        return "<mrow></mrow>"
    if name == "\\":
        return mspace("1em")
    return None


def mtext(words: str) -> str:
    """Words in math; spaces at the ends of <mtext> collapse in the browser, and "chain rule,
    u" needs its space, so they are kept as no-break spaces."""
    return f"<mtext>{esc(words)}</mtext>".replace("<mtext> ", "<mtext>\u00a0").replace(
        " </mtext>", "\u00a0</mtext>")


def mspace(width: str) -> str:
    """A space ``width`` wide."""
    return f'<mspace width="{width}"></mspace>'
