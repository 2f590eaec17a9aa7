"""What the checker answers: a :class:`Verdict` (right, wrong or undecided, and why).

The fields are data — the answer as read, the expected value, a counterexample, the hint's
category, a reading note — so that every renderer can lay them out its own way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy
from sympy import Symbol

from ..render.document import Explainable
from ..render.latex import latex as expr_latex
from ..render.latex import text_words
from ..render.text import text as expr_text
from ..render.words import padded, phrase

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

    def text(self) -> str:
        """One line: the point and both values there."""
        where = ", ".join(f"{s} = {expr_text(v)}" for s, v in self.point.items())
        values = (_value_text(self.expected), _value_text(self.claimed))
        if where:
            return phrase("check.counterexample").format(where, *values)
        return phrase("check.values").format(*values)

    def latex(self) -> str:
        """The point and both values as a LaTeX fragment."""
        where = ",\\ ".join(f"{expr_latex(s)} = {expr_latex(v)}" for s, v in self.point.items())
        values = f"{expr_latex(self.expected)} \\neq {expr_latex(self.claimed)}"
        return f"{where}:\\ {values}" if where else values


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

    def text(self) -> str:
        """A few lines of Unicode: the verdict, the task, both answers and the message."""
        claimed, expected = padded(phrase("check.claimed"), phrase("check.expected"), gap=1)
        lines = [f"{phrase(f'status.{self.status}')}: {self.task}"]
        lines += [f"  {claimed}{line}" for line in _shown(self.claimed)]
        lines += [f"  {expected}{line}" for line in _shown(self.expected)]
        if self.reading:
            lines.append(f"  ({self.reading})")
        if self.counterexample is not None:
            lines.append(f"  {self.counterexample.text()}")
        lines.append(f"  {self.message}")
        return "\n".join(lines)

    def latex(self) -> str:
        r"""An amsmath ``align*`` body: the verdict, both answers and the message."""
        rows = [rf"&\text{{{self.status}: {_latex_text(self.task)}}}"]
        rows.append(rf"\text{{claimed}} &= {_latex_of(self.claimed)}")
        rows.append(rf"\text{{expected}} &= {_latex_of(self.expected)}")
        if self.counterexample is not None:
            rows.append(rf"&{self.counterexample.latex()}")
        rows.append(rf"&\text{{{_latex_text(self.message)}}}")
        return " \\\\\n".join(rows)

    def document(self):
        """The outline that to_latex, to_beamer and to_markdown render."""
        from ..render.explain import verdict_document

        return verdict_document(self)

    def __str__(self) -> str:
        return self.text()


def _value_text(value) -> str:
    if isinstance(value, sympy.Float):  # a value too big to compute exactly
        return f"≈ {expr_text(sympy.N(value, 6))}"
    if isinstance(value, sympy.Expr) and not value.is_Rational and value.is_number:
        return f"{expr_text(value)} ≈ {expr_text(sympy.N(value, 6))}"
    return expr_text(value)


def _shown(value) -> list[str]:
    if value is None:
        return ["(not computed)"]
    if isinstance(value, Mapping):
        return [", ".join(f"{k} = {_value_text(v)}" for k, v in value.items())]
    if isinstance(value, tuple):
        return [f"[{k}] {_line_text(v)}" for k, v in enumerate(value, start=1)]
    return [expr_text(value)]


def _line_text(line: sympy.Expr) -> str:
    if isinstance(line, sympy.Derivative) and len(line.variables) == 1:
        return f"d/d{line.variables[0]} ({expr_text(line.expr)})"
    return expr_text(line)


def _latex_of(value) -> str:
    if value is None:
        return r"\text{(not computed)}"
    if isinstance(value, Mapping):
        return ",\\ ".join(f"{expr_latex(k)} = {expr_latex(v)}" for k, v in value.items())
    if isinstance(value, tuple):
        return " = ".join(expr_latex(v) for v in value)
    return expr_latex(value)


def _latex_text(message: str) -> str:
    return text_words(message)

