"""The neutral outline every explainable result builds: words by key, math as SymPy objects.

An outline says *what* a document states — a title, sections, paragraphs and rows of math
whose sides are SymPy objects — and nothing about *how* it looks.  Renderers (text, LaTeX
article, Beamer, Markdown) decide the layout: where a long row breaks, when a sub-expression
gets a name.  Words are catalogue keys (:mod:`symgrad.i18n`), never literals.

>>> from sympy import Symbol
>>> x = Symbol("x")
>>> row = Row(Symbol("f"), (x**2,), Words("rule.power"))
>>> row.sides
(f, x**2)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy

from ..i18n.language import Words


@dataclass(frozen=True)
class Row:
    """One displayed statement ``lhs = rhs₀ = rhs₁ …`` (or ``lhs ← rhs``), with an optional note.

    ``rel`` is the relation between the sides: ``"="``, ``"<-"`` (an update, p ← p − α·g),
    ``"iff"`` (equivalent equations) or ``">"``.  ``depth`` indents a row of a step tree.
    ``brief`` puts the row in the compact account a terminal prints, when its display is not.
    """

    lhs: object
    rhs: tuple
    note: Words | None = None
    rel: str = "="
    depth: int = 0
    brief: bool = field(default=False, repr=False)

    @property
    def sides(self) -> tuple:
        """The left side followed by every right side."""
        return (self.lhs, *self.rhs)


@dataclass(frozen=True)
class Math:
    """Display math: rows aligned on their relation; ``tree`` rows are indented, not aligned.

    ``brief`` puts it, every row, in the compact account a terminal prints (see
    :mod:`.documents.text`); else the account holds its rows marked ``brief``.
    """

    rows: tuple[Row, ...]
    tree: bool = False
    brief: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph: one or more phrases (Words) or plain strings already in words.

    ``brief`` puts it in the compact account a terminal prints.
    """

    parts: tuple
    brief: bool = False

    def __init__(self, *parts, brief: bool = False):
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "brief", brief)


@dataclass(frozen=True)
class Table:
    """A table: a header of words or math, then rows of cells (SymPy values are math)."""

    header: tuple
    rows: tuple
    brief: bool = False


@dataclass(frozen=True)
class Section:
    """A heading and its paragraphs and equations: one idea, one slide.

    ``slides`` False keeps a section (an appendix of rule trees) out of the Beamer deck;
    ``brief`` puts the whole section, heading and all, in the compact account a terminal prints.
    """

    heading: Words
    items: tuple
    slides: bool = True
    brief: bool = False


@dataclass(frozen=True)
class Document:
    """What an explainable object says about itself, in every format.

    ``partial`` chooses the derivative sign for the whole document: ∂ when the function has
    more than one variable (or a variable is named d), d otherwise — never both in one.
    ``brief`` puts the title in the compact account a terminal prints.
    """

    title: Words
    sections: tuple[Section, ...]
    partial: bool = True
    brief: bool = False
    settings: dict = field(default_factory=dict, compare=False)


def brief(*items) -> tuple:
    """The items marked ``brief``: part of the compact account a terminal prints.

    >>> brief(Para("a"), Math(()))
    (Para(parts=('a',), brief=True), Math(rows=(), tree=False, brief=True))
    """
    return tuple(Para(*i.parts, brief=True) if isinstance(i, Para) else replace(i, brief=True)
                 for i in items)


def superscripted(name: str, k) -> sympy.Symbol:
    """The symbol a document writes as ``name⁽ᵏ⁾`` (an iterate, a layer's quantity).

    >>> superscripted("x", 2).name
    'x^(2)'
    """
    return sympy.Symbol(f"{name}^({k})", real=True)


def derivative(of, wrt) -> sympy.Derivative:
    """∂of/∂wrt kept unevaluated, for a row's side (``of`` a name or an expression).

    >>> x, f = sympy.symbols("x f")
    >>> derivative(f, x)
    Derivative(f, x)
    """
    return sympy.Derivative(of, wrt, evaluate=False)


def product(*factors) -> sympy.Expr:
    """A product kept as written (a·b·c), not multiplied out or reordered by SymPy.

    >>> a, b = sympy.symbols("a b")
    >>> product(2, a, 3)
    2*a*3
    """
    return sympy.Mul(*factors, evaluate=False)


def plus(*terms) -> sympy.Expr:
    r"""A sum kept as written (1 − 1/4·4), not evaluated by SymPy.

    >>> from symgrad.render.printers.latex import latex
    >>> latex(plus(1, -sympy.Rational(1, 4)))
    '1 - \\frac{1}{4}'
    """
    return sympy.Add(*terms, evaluate=False)
