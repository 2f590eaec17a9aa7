"""Grading a class: every row of an answers file gets a verdict, and no row stops the others.

A row that cannot be graded — an unknown problem id, a problem that cannot be read, a row with
too many or too few fields, a field over 131,072 characters, an answer too expensive to decide
within its time budget — is reported as ``not graded`` with the reason, and the rest of the
class is graded.  Identical (problem, answer) pairs are checked once.

>>> rows = [{"student": "ana", "problem": "d/dx: x^2", "answer": "2x"},
...         {"student": "ben", "problem": "p9", "answer": "1"}]
>>> [(r.student, r.status) for r in grade_rows(rows, {})]
[('ana', 'right'), ('ben', 'not graded')]
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import ParseError, TooExpensive, said
from ..parsing.core import cheap_to_read, parse, symbol
from ..i18n.language import formula
from ..runtime.budget import describe, within_budget
from .core import budget_for
from .derivative import check_derivative

__all__ = ["FIELD_LIMIT", "STATUSES", "Problem", "Row", "grade_rows", "neutralised",
           "read_table", "resolve", "summary"]

STATUSES = ("right", "wrong", "undecided", "unreadable", "not graded")
#: The longest field a row may have (Python's csv default limit), in characters.
FIELD_LIMIT = 131_072
_INLINE_RE = re.compile(r"^\s*d\s*/\s*d([A-Za-z][A-Za-z0-9_]*)(?:\s*:\s*|\s+)(\S.*)$", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """A derivative to take: ``expr`` differentiated with respect to ``wrt``."""

    expr: str
    wrt: str


@dataclass(frozen=True)
class Row:
    """One graded answer (``line``: its line in the answers file)."""

    line: int
    student: str
    problem: str
    answer: str
    status: str
    expected: str
    message: str


class RowProblem(ValueError):
    """Why one row cannot be graded (the rest of the class still is)."""


def read_table(lines: Iterable[str], columns: tuple[str, ...], name: str) -> Iterator[tuple]:
    """(line number, row dict or a RowProblem) for every data row of a CSV text.

    A UTF-8 byte-order mark is dropped; a missing column is an error for the whole file, a
    ragged row or an over-long field is a RowProblem for that row only.

    >>> rows = list(read_table(["\\ufeffa,b", "1,2", "3,4,5"], ("a", "b"), "t.csv"))
    >>> rows[0], rows[1][0], str(rows[1][1])
    ((2, {'a': '1', 'b': '2'}), 3, 'line 3 has 3 fields, the header 2')
    """
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, 64 * FIELD_LIMIT))
    try:
        reader = csv.reader(_without_bom(lines))
        header = next(reader, None)
        if header is None:
            raise ValueError(said('err.grade.empty-expected-columns', name, ', '.join(columns)))
        header = [h.strip() for h in header]
        missing = [c for c in columns if c not in header]
        if missing:
            raise ValueError(said('err.grade.has-no-column-expected',
                                  name, ', '.join(missing), ', '.join(columns)))
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield reader.line_num, RowProblem(f"line {reader.line_num} cannot be read: {e}")
                continue
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue  # a blank line
            if len(fields) != len(header):
                yield line, RowProblem(f"line {line} has {len(fields)} fields, the header "
                                       f"{len(header)}")
                continue
            long = [h for h, f in zip(header, fields, strict=True) if len(f) > FIELD_LIMIT]
            if long:
                yield line, RowProblem(f"line {line}: the field {long[0]} is longer than "
                                       f"{FIELD_LIMIT:,} characters")
                continue
            yield line, dict(zip(header, fields, strict=True))
    finally:
        csv.field_size_limit(old)


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    for k, line in enumerate(lines):
        yield line.removeprefix("\ufeff") if k == 0 else line


def resolve(problem: str, problems: dict[str, Problem], line: int) -> Problem:
    """The Problem a ``problem`` cell names: an id from the problem file, or ``d/dx: …``.

    >>> resolve("d/dx: 2x^2 - 12x + 20", {}, 2)
    Problem(expr='2x^2 - 12x + 20', wrt='x')
    >>> resolve("d/dw w*x", {}, 2)
    Problem(expr='w*x', wrt='w')
    """
    key = problem.strip()
    if key in problems:
        return problems[key]
    match = _INLINE_RE.match(key)
    if match is None:
        raise RowProblem(
            said('err.grade.line-problem-neither-id', line, _short(key)))
    return Problem(match.group(2).strip(), match.group(1))


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def grade_rows(rows: Iterable, problems: dict[str, Problem], *,
               timeout: float | None = None) -> Iterator[Row]:
    """Grade every row (a dict, or ``(line, dict or RowProblem)`` from :func:`read_table`)."""
    cache: dict[tuple[Problem, str], tuple[str, str, str]] = {}
    unreadable: dict[Problem, str | None] = {}
    for k, item in enumerate(rows, start=2):
        line, row = item if isinstance(item, tuple) else (k, item)
        if isinstance(row, RowProblem):
            yield Row(line, "", "", "", "not graded", "", str(row))
            continue
        student = (row.get("student") or "").strip()
        cell = (row.get("problem") or "").strip()
        answer = (row.get("answer") or "").strip()
        try:
            problem = resolve(cell, problems, line)
            if problem not in unreadable:
                unreadable[problem] = _problem_error(problem, timeout)
            if unreadable[problem] is not None:
                raise RowProblem(said('err.grade.line', line, unreadable[problem]))
        except RowProblem as e:
            yield Row(line, student, cell, answer, "not graded", "", str(e))
            continue
        key = (problem, answer)
        if key not in cache:
            cache[key] = _grade_one(problem, answer, timeout)
        yield Row(line, student, cell, answer, *cache[key])


def _problem_error(problem: Problem, timeout=None) -> str | None:
    """Why the problem (the teacher's) cannot be read, or None; LaTeX or long text is read
    under the row's budget (a problem that takes minutes to read is that row's "not graded")."""
    if cheap_to_read(problem.expr):
        error = _read_problem(problem)
        return None if error is None else str(error)
    try:
        error = within_budget(_read_problem, problem, budget=budget_for(timeout),
                              what=describe(said("err.parsing.reading"), problem.expr))
    except TooExpensive as e:
        return str(e)
    return None if error is None else str(error)


def _read_problem(problem: Problem) -> ParseError | None:
    try:
        parse(problem.expr, what="the problem")
        symbol(problem.wrt)
    except ParseError as e:
        return e  # worded by the caller, in its language
    return None


def _grade_one(problem: Problem, answer: str, timeout) -> tuple[str, str, str]:
    """One row's verdict: reading, checking and writing the expected derivative, all within
    the row's budget."""
    try:
        status, expected, message = within_budget(_graded, problem, answer,
                                                   budget=budget_for(timeout),
                                                   what="checking this answer")
    except TooExpensive as e:
        return "not graded", "", str(said("check.by-hand", e.args[0]))
    return status, expected, str(message)  # worded here, in the caller's language


def _graded(problem: Problem, answer: str) -> tuple[str, str, str]:
    try:
        verdict = check_derivative(problem.expr, problem.wrt, answer)
    except ParseError as e:
        return "unreadable", "", e
    except Exception as e:  # noqa: BLE001 - one answer must never stop the class
        return "not graded", "", said("grade.checker-failed", type(e).__name__, e)
    if verdict.expected is None:  # past the time budget: not graded, and said so
        return "not graded", "", verdict.message
    message = verdict.message
    if verdict.reading:
        message = said("check.read-paren", message, verdict.reading)
    return verdict.status, str(formula(verdict.expected)), message


def summary(rows: Iterable[Row]) -> dict[str, Counter]:
    """Per problem (in order of appearance), how many answers had each status."""
    out: dict[str, Counter] = {}
    for row in rows:
        out.setdefault(row.problem, Counter())[row.status] += 1
    return out


def neutralised(cell: str) -> str:
    """A report cell a spreadsheet will not run as a formula (= + - @ … lead: quoted with ').

    >>> neutralised("=HYPERLINK(1)"), neutralised("-2x"), neutralised("2x")
    ("'=HYPERLINK(1)", "'-2x", '2x')
    """
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
