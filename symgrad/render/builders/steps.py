"""A step tree as outline rows: ∂/∂x[expr] = result, its rule as the note, children indented.

Every renderer prints step trees through :func:`step_rows`, which dispatches on the step's
class for the note (``_note_ChainRule`` …) the way SymPy's printers dispatch on expressions.
A rule class without a method of its own is named by its ``rule`` key.

>>> from symgrad.calculus.rules import diff_steps
>>> from symgrad.parsing.core import parse, symbol
>>> for row in step_rows(diff_steps(parse("exp(3*x)"), symbol("x"))):
...     print(row.depth, row.lhs, "=", row.rhs[0], "|", row.note.key)
0 Derivative(exp(3*x), x) = 3*exp(3*x) | rule.chain
1 Derivative(exp(u), u) = exp(u) | rule.exp
1 Derivative(3*x, x) = 3 | rule.constant multiple
2 Derivative(x, x) = 1 | rule.variable
"""

from __future__ import annotations

import sympy

from ...i18n.keys import rule_words
from ..outline import Row, Words, derivative


def _note_ChainRule(step) -> Words:  # noqa: N802 - named after the step class
    return Words("rule.chain", sympy.Eq(step.u, step.inner.expr, evaluate=False))


def _note_UnknownRule(step) -> Words:  # noqa: N802 - named after the step class
    return Words("rule.unknown", step.operation, step.wrt)


def note(step) -> Words:
    """The note of one step: its rule, and where the derivative does not exist."""
    method = globals().get(f"_note_{type(step).__name__}")
    words = method(step) if method else rule_words(step.rule)
    if step.singular is not None:
        where = sympy.Eq(step.singular, 0, evaluate=False)
        return Words("note.singular", words, where)
    return words


def step_rows(step, depth: int = 0) -> list[Row]:
    """The rows of a step tree, parents before children, ``depth`` the indentation."""
    row = Row(derivative(step.expr, step.wrt), (step.result,), note(step), depth=depth)
    return [row, *(r for s in step.substeps for r in step_rows(s, depth + 1))]
