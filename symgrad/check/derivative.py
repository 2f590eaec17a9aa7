r"""Checking a derivative, a worked derivation line by line, and plain equality.

>>> v = check_derivative("x^3", "x", r"\frac{d}{dx} x^3")
>>> v.ok, v.hint
(False, 'not an answer')
>>> check_derivative("x*y^2", "x", "y y").reading
'read y y as y·y'
"""

from __future__ import annotations

import sympy
from sympy import Symbol

from ..errors import ParseError, cat, said
from ..i18n.language import approx, assignments, formula
from ..parsing.core import parse, symbol
from ..runtime.budget import if_time_allows
from .core import budgeted, derivative_of, foreign_note, not_an_answer, read, verdict
from .equality import agree, compare
from .hints import ratio_hint, slip_hint
from .notation import restatement, strip_prefix
from .reading import NotAnAnswer, joined, read_answer, read_problem, unfinished
from .verdict import Verdict

__all__ = ["check_derivation", "check_derivative", "decide", "read_claimed"]


def check_derivative(expr, wrt, claimed, *, timeout: float | None = None) -> Verdict:
    """Is ``claimed`` the derivative of ``expr`` with respect to ``wrt``?

    ``expr`` and ``claimed`` are text (Python syntax or LaTeX) or SymPy expressions; an
    answer that cannot be read raises ParseError.  An answer written as on paper (``2x
    cos(x^2)``, ``2xy``) is read against the problem's symbols and the reading stated; one
    that still contains d/dx is not an answer.  Past ``timeout`` seconds (default 5) the
    verdict is undecided, never a hang.

    >>> check_derivative("x**3", "x", "3x^2 + 1e-13").ok
    False
    >>> v = check_derivative("abs(x - 3)", "x", "(x - 3)/abs(x - 3)")
    >>> v.ok, "u = 0" in v.message
    (True, True)
    >>> v = check_derivative("sin(x^2)", "x", "2x cos(x^2)")
    >>> v.ok, v.reading
    (True, 'read 2x cos(x^2) as 2x·cos(x^2)')
    """
    task = said("check.derivative-task", wrt, expr if isinstance(expr, str) else formula(expr))
    return budgeted(_check_derivative, expr, wrt, claimed, timeout=timeout, task=task,
                    claimed=claimed)


def read_claimed(expr, wrt, claimed) -> tuple[sympy.Expr, str | None]:
    """How the checker reads ``claimed`` as an answer to d/d``wrt`` ``expr``: the expression
    and the reading note (or None).  Every face — the API, ``symgrad check``, ``symgrad
    grade`` and the web page, its live preview included — reads an answer through this one
    function, so each shows the same reading and reaches the same verdict.

    Raises ParseError for unreadable text and NotAnAnswer for a restated question.

    >>> read_claimed("sin(x^2)", "x", "2x cos(x^2)")
    (2*x*cos(x**2), 'read 2x cos(x^2) as 2x·cos(x^2)')
    >>> read_claimed("x*y", "x", "y")
    (y, None)
    """
    function = parse(expr, what="the expression")
    return read(claimed, function.free_symbols | {symbol(wrt)})


def _check_derivative(expr, wrt, claimed) -> Verdict:
    x = symbol(wrt)
    function, problem_reading = read_problem(expr, [x.name])
    task = said("check.derivative-task", x, formula(function))
    known = function.free_symbols | {x}
    try:
        answer, reading = read_claimed(function, x, claimed)
    except NotAnAnswer as reason:
        return not_an_answer(task, derivative_of(function, x), claimed, reason)
    expected = derivative_of(function, x)
    note = foreign_note(answer, known)
    return verdict(task, expected, answer, function=function, wrt=x, note=note,
                   reading=joined([problem_reading, reading]))


def check_derivation(expr, wrt, lines, *, timeout: float | None = None) -> Verdict:
    r"""Is every line of a worked derivative equal to the one before, ending at the derivative?

    Line 1 is the derivative, written as such (``\frac{d}{dx}(x^3)``) or as its value; each
    following line must equal the previous one, and the last line must be an answer (no d/dx
    left).  ``first_wrong`` is the first line (counted from 1) that differs from the line
    before it, the true derivative counting as the line before line 1.

    >>> v = check_derivation("x^3", "x", [r"\frac{d}{dx}(x^3)", "3x^2", "3x*x", "2x^2"])
    >>> v.ok, v.first_wrong
    (False, 4)
    """
    task = said("check.derivative-task", wrt, expr if isinstance(expr, str) else formula(expr))
    return budgeted(_check_derivation, expr, wrt, lines, timeout=timeout, task=task,
                    claimed=tuple(lines) if not isinstance(lines, str) else lines)


def _check_derivation(expr, wrt, lines) -> Verdict:
    x = symbol(wrt)
    function = read_problem(expr, [x.name])[0]
    if isinstance(lines, str) or not lines:
        raise ValueError(said('err.derivative.lines-must-be-non'))
    known = {s.name for s in function.free_symbols | {x}}
    written = [_line(line, k, k == len(lines), known, x)
               for k, line in enumerate(lines, start=1)]
    _check_first_line(written[0], x)
    values = [line.doit() if line.has(sympy.Derivative) else line for line in written]
    truth = derivative_of(function, x)
    task = said("check.lines-task", said("check.derivative-task", x, formula(function)),
                len(values))
    left = unfinished(written[-1])
    if left is not None:
        message = said("check.last-line-unfinished", left)
        return Verdict(False, task, truth, tuple(written), message, hint="not an answer",
                       first_wrong=len(written))
    undecided = None
    for k, value in enumerate(values, start=1):
        before = truth if k == 1 else values[k - 2]
        step = compare(before, value)
        if step.ok is False:
            return _wrong_line(task, truth, tuple(written), k, step, function, x, before, value)
        if step.ok is None and undecided is None:
            undecided = k
    if undecided is not None:
        message = said("check.line-undecided", undecided)
        return Verdict(None, task, truth, tuple(written), message)
    return Verdict(True, task, truth, tuple(written), said("check.every-line"))


def _line(line, k: int, last: bool, known: set[str], x: Symbol) -> sympy.Expr:
    what = said("err.derivative.line", k)
    if isinstance(line, str):
        line = strip_prefix(line)[0]
        restated = restatement(line)
        if restated is not None:  # d/dx (…), \frac{d}{dx}(…), d(…)/dx, (…)′: a Derivative
            inner, variable = restated
            wrt = symbol(variable) if variable is not None else x
            return sympy.Derivative(read_answer(inner, known, what=what)[0], wrt)
        if unfinished(line) is None:
            return read_answer(line, known, what=what)[0]
    try:
        return parse(line, what=what)
    except NotAnAnswer:  # an operation left that is not a derivative: the parser's words
        raise ParseError(said("err.core.it-still-contains-carry", unfinished(line))) from None


def _check_first_line(first: sympy.Expr, x: Symbol) -> None:
    for d in first.atoms(sympy.Derivative):
        variables = [v for v, _ in d.variable_count]
        if variables != [x]:
            raise ValueError(said('err.derivative.line-differentiates-with-respect', variables, x))


def _wrong_line(task, truth, written, k, step, function, x, before, value) -> Verdict:
    cex = step.counterexample
    where = assignments(cex.point)
    if k == 1:
        hint, sentence = if_time_allows(slip_hint, function, x, before, value,
                                        default=(None, ""))
        lead = said("check.line1-wrong", where, approx(cex.expected), approx(cex.claimed))
        first = written[0]
        if isinstance(first, sympy.Derivative) and not agree(first.expr, function):
            lead = cat(lead, said("check.line1-other", formula(first.expr), formula(function)))
    else:
        hint, sentence = if_time_allows(ratio_hint, before, value, default=(None, ""))
        lead = said("check.line-wrong", k, k - 1, where, approx(cex.expected),
                    approx(cex.claimed))
    message = cat(said("check.wrong-lead", lead), said("check.hint", sentence) if sentence else "")
    return Verdict(False, task, truth, written, message, cex, hint, first_wrong=k)


def decide(expected, claimed) -> bool | None:
    """Exact equality of two expressions: True (proved), False (counterexample) or None.

    >>> decide("sin(x)^2 + cos(x)^2", "1"), decide("x^2", "x*abs(x)")
    (True, False)
    """
    return compare(parse(expected), parse(claimed)).ok

