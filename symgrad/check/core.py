"""What every check shares: reading the answer, the time budget, phrasing a verdict.

>>> budget_for(2).seconds
2.0
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import sympy
from sympy import Symbol

from ..calculus.rules import diff_steps
from ..calculus.scalar import tidy
from ..errors import Said, TooExpensive, cat, said
from ..parsing.core import parse
from ..parsing.grammar import looks_like_latex
from ..parsing.latex import needs_antlr, warm
from ..runtime.budget import Budget, if_time_allows, within_budget
from .equality import Comparison, compare
from .forms import expands_hugely
from .hints import slip_hint
from .notation import strip_prefix
from .reading import NotAnAnswer, read_answer, unfinished
from .verdict import Verdict

__all__ = ["DEFAULT_TIMEOUT", "budget_for", "budgeted", "derivative_of", "foreign_note",
           "not_an_answer", "read", "verdict"]

#: Seconds one check may take by default (``SYMGRAD_TIMEOUT`` overrides it).
DEFAULT_TIMEOUT = 5.0


def budget_for(timeout) -> Budget:
    """The budget of one check: ``timeout`` seconds, else SYMGRAD_TIMEOUT, else 5 s."""
    if timeout is None and not os.environ.get("SYMGRAD_TIMEOUT"):
        timeout = DEFAULT_TIMEOUT
    if timeout is None:
        return Budget.default()
    return Budget.of(float(timeout))


def budgeted(fn, *args, timeout, task: str, claimed) -> Verdict:
    """``fn(*args)`` (which returns a Verdict) within the budget; "undecided" past it."""
    budget = budget_for(timeout)
    if _mentions_latex(args):
        warm()  # here, before the fork: the check itself then reads LaTeX in milliseconds
    try:
        return within_budget(fn, *args, budget=budget, what="checking this answer")
    except TooExpensive as exc:
        return Verdict(None, task, None, claimed, said("check.by-hand", exc.args[0]))


def _mentions_latex(values) -> bool:
    """Whether some text among ``values`` is LaTeX that only SymPy's parser reads."""
    return any(looks_like_latex(v.strip()) and needs_antlr(strip_prefix(v)[0])
               if isinstance(v, str) else
               isinstance(v, (list, tuple)) and _mentions_latex(v) for v in values)


def derivative_of(function: sympy.Expr, x: Symbol) -> sympy.Expr:
    """d function/dx from the rules, tidied as derive tidies it unless that would multiply out a
    large power (tidying (x + y + 1)⁴⁰′ would expand it)."""
    raw = diff_steps(function, x).result
    return raw if expands_hugely(raw) else tidy(raw)


def read(answer, symbols: Iterable[Symbol]) -> tuple[sympy.Expr, str | None]:
    """The answer (text or SymPy) as an expression, and how paper notation in it was read."""
    if isinstance(answer, str):
        return read_answer(answer, {s.name for s in symbols})
    expr = parse(answer, what="the claimed answer")
    left = unfinished(expr)
    if left is not None:
        raise NotAnAnswer(said('err.core.it-still-contains-carry', left))
    return expr, None


def not_an_answer(task: str, expected, claimed, reason: NotAnAnswer) -> Verdict:
    """The verdict on a restated question: wrong, saying what is left to do."""
    message = said("check.not-an-answer", reason)
    return Verdict(False, task, expected, claimed, message, hint="not an answer")


def foreign_note(claimed: sympy.Expr, allowed: Iterable[Symbol]) -> Said | str:
    """A note naming the symbols of the answer that the problem does not have."""
    stray = sorted(claimed.free_symbols - set(allowed), key=lambda s: s.name)
    if not stray:
        return ""
    return said("check.foreign", ", ".join(s.name for s in stray))


def verdict(task: str, expected, claimed, *, function=None, wrt=None, note: Said | str = "",
            comparison: Comparison | None = None, extra_hint=None,
            reading: str | None = None) -> Verdict:
    """Compare and phrase the verdict; ``function``/``wrt`` let the classic slips be replayed."""
    comparison = comparison or compare(expected, claimed)
    extra = said("check.note", note) if note else ""
    if comparison.ok is True:
        right = (said("check.right-because", comparison.note) if comparison.note
                 else said("check.right"))
        return Verdict(True, task, expected, claimed, cat(right, extra), reading=reading)
    if comparison.ok is None:
        return Verdict(None, task, expected, claimed,
                       cat(said("check.undecided", comparison.note), extra), reading=reading)
    # The verdict is decided; a hint gets the time left and is dropped, never the verdict.
    if extra_hint is not None:
        hint, sentence = if_time_allows(extra_hint, claimed, default=(None, ""))
    else:
        hint, sentence = if_time_allows(slip_hint, function, wrt, expected, claimed,
                                        default=(None, ""))
    message = cat(said("check.wrong", comparison.counterexample),
                  said("check.hint", sentence) if sentence else "", extra)
    return Verdict(False, task, expected, claimed, message, comparison.counterexample,
                   hint, reading=reading)
