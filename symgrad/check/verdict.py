"""What the checker answers: a :class:`Verdict` (right, wrong or undecided, and why).

The fields are data — the answer as read, the expected value, a counterexample, the hint's
category, a reading note — so that every renderer can lay them out its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy import Symbol

from ..i18n.language import Said, approx, assignments, said
from ..views import Explainable, view

__all__ = ["Counterexample", "Verdict"]



@dataclass(frozen=True)
class Counterexample:
    """An exact point (Symbol → Rational) where the expected and claimed values differ.

    >>> x = sympy.Symbol("x", real=True)
    >>> Counterexample({x: 1}, -8, 16).text()
    'at x = 1: expected −8, claimed 16'
    """

    point: dict[Symbol, sympy.Rational]
    expected: sympy.Expr
    claimed: sympy.Expr

    def said(self) -> Said:
        """The point and both values there, as a message of the catalogue: a value inside
        other messages, worded (and its numbers shown) by the one filling of messages."""
        values = (approx(self.expected), approx(self.claimed))
        if self.point:
            return said("check.counterexample", assignments(self.point), *values)
        return said("check.values", *values)

    def text(self) -> str:
        """One line: the point and both values there."""
        return str(self.said())

    def marked(self) -> str:
        """The line with its math marked ``$…$``, for documents (symgrad.i18n.marked)."""
        return self.said().marked()

    def latex(self) -> str:
        """The point and both values as a LaTeX fragment."""
        return view(self, "latex")

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Verdict(Explainable):
    """Whether an answer is right, and why.

    * ``ok``: True (proved equal), False (a counterexample exists) or None (undecided);
    * ``task``: what was asked, e.g. ``d/dx (x³)``;
    * ``expected``, ``claimed``: expressions (for :func:`check_step`, dicts variable → value;
      for :func:`check_derivation`, ``claimed`` is the tuple of lines as read);
    * ``counterexample``: a :class:`Counterexample` for a wrong answer, when one is known;
    * ``message``: what is wrong (or why it is right after all), with a hint;
    * ``hint``: the category of a recognised slip (``"power rule"``, ``"chain rule"``,
      ``"sign"``, ``"factor"``, ``"constant"``, ``"1/m"``, ``"product rule"``,
      ``"quotient rule"``, ``"exp as power"``, ``"sigmoid"``, ``"tanh"``, ``"swapped"``,
      ``"added gradient"``, ``"forgot lr"``, ``"gradient at new point"``, ...) or None;
    * ``first_wrong``: for :func:`check_derivation`, the first wrong line, counted from 1
      (else None);
    * ``parts``: for :func:`check_step`, one Verdict per variable;
    * ``reading``: how an answer written as on paper was read (``"read 2xy as 2·x·y"``), else
      None.

    ``expected`` is None when the verdict came too late to compute it (a time budget).

    There is deliberately no ``__bool__``: ``if verdict:`` would hide the undecided case.
    """

    ok: bool | None
    task: str
    expected: object
    claimed: object
    message: str
    counterexample: Counterexample | None = None
    hint: str | None = None
    first_wrong: int | None = None
    parts: dict[Symbol, Verdict] = field(default_factory=dict)
    reading: str | None = None

    @property
    def status(self) -> str:
        """``right``, ``wrong`` or ``undecided``."""
        return {True: "right", False: "wrong", None: "undecided"}[self.ok]
