"""Grading a class: every row of an answers file gets a verdict, and no row stops the others.

A row that cannot be graded — an unknown problem id, a problem that cannot be read (or is too
expensive to read), a row with too many or too few fields, a field over 131,072 characters,
an answer too expensive to decide within its time budget — is reported as ``not graded`` with
the reason, and the rest of the class is graded.  Identical (problem, answer) pairs are
checked once; answers are checked in parallel (``jobs``) or on a Dask cluster.

>>> rows = [{"student": "ana", "problem": "d/dx: x^2", "answer": "2x"},
...         {"student": "ben", "problem": "p9", "answer": "1"}]
>>> [(r.student, r.status) for r in grade_rows(rows, {})]
[('ana', 'right'), ('ben', 'not graded')]
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import losses
from ..csvtext import lines_with_dialect
from ..errors import ParseError, TooExpensive, said
from ..model import Model
from ..parsing.core import cheap_to_read, parse, symbol
from ..runtime.budget import describe, within_budget
from .core import budget_for
from .pool import results

__all__ = ["FIELD_LIMIT", "STATUSES", "Problem", "Progress", "Row", "grade_rows", "neutralised",
           "read_table", "resolve", "student_totals", "summary"]

STATUSES = ("right", "wrong", "undecided", "unreadable", "not graded")
#: The longest field a row may have (Python's csv default limit), in characters.
FIELD_LIMIT = 131_072
_INLINE_RE = re.compile(r"^\s*d\s*/\s*d([A-Za-z][A-Za-z0-9_]*)(?:\s*:\s*|\s+)(\S.*)$", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """A derivative to take: ``expr`` differentiated with respect to ``wrt``.

    With ``loss`` (mse, mae, distance, bce, cross_entropy), ``expr`` is a model of ``inputs``
    instead: the answer is then the loss ℓ — with ``l2`` or ``l1`` (a strength λ) the
    penalised cost J — or, when ``wrt`` names a parameter, the gradient ∂ℓ/∂wrt (+ ∂P/∂wrt).
    """

    expr: str
    wrt: str
    loss: str = ""
    inputs: str = ""
    params: str = ""
    l2: str = ""
    l1: str = ""

    def __repr__(self) -> str:
        given = ", ".join(f"{k}={v!r}" for k, v in vars(self).items()
                          if v or k in ("expr", "wrt"))
        return f"Problem({given})"

    @classmethod
    def from_row(cls, row: dict) -> Problem:
        """A problem file's row: ``id, expr, wrt`` and, for a loss, ``loss, inputs`` (and
        ``params``, ``l2``, ``l1`` when given).

        >>> Problem.from_row({"id": "p", "expr": "w*x", "wrt": "", "loss": "mse",
        ...                   "inputs": "x", "l2": "1/10"}).l2
        '1/10'
        """
        extra = {k: (row.get(k) or "").strip() for k in ("loss", "inputs", "params", "l2", "l1")}
        return cls(row["expr"], (row.get("wrt") or "").strip(), **extra)


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

    A UTF-8 byte-order mark is dropped; fields may be separated by commas, semicolons or
    tabs (the header line shows which); a missing column is an error for the whole file, a
    ragged row or an over-long field is a RowProblem for that row only.

    >>> rows = list(read_table(["\\ufeffa,b", "1,2", "3,4,5"], ("a", "b"), "t.csv"))
    >>> rows[0], rows[1][0], str(rows[1][1])
    ((2, {'a': '1', 'b': '2'}), 3, 'line 3 has 3 fields, the header 2')
    """
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, 64 * FIELD_LIMIT))
    try:
        text, dialect = lines_with_dialect(_without_bom(lines))
        reader = csv.reader(text, dialect)
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


@dataclass(frozen=True)
class Progress:
    """How far a grading is: rows done of ``total``, after ``seconds``.

    >>> p = Progress(30, 120, 10.0)
    >>> p.rate, p.left
    (3.0, 30.0)
    """

    done: int
    total: int
    seconds: float

    @property
    def rate(self) -> float:
        """Rows per second so far."""
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def left(self) -> float | None:
        """Seconds still to go at the rate so far (None before the first row)."""
        return (self.total - self.done) / self.rate if self.rate > 0 else None


def grade_rows(rows: Iterable, problems: dict[str, Problem], *, timeout: float | None = None,
               jobs: int = 1, scheduler=None, progress=None) -> Iterator[Row]:
    """Grade every row (a dict, or ``(line, dict or RowProblem)`` from :func:`read_table`).

    The rows come back in their order, whatever the parallelism: ``jobs`` answers are checked
    at a time, each in its own budgeted worker process; ``scheduler`` (a Dask scheduler's
    address, a ``dask.distributed.Client`` or ``"local"``) sends them to a Dask cluster instead
    (see :mod:`symgrad.check.pool`).  Each problem is read once (under the budget); identical
    (problem, answer) pairs are checked once.  ``progress``, if given, is called with a
    :class:`Progress` after each row.

    >>> rows = [{"student": s, "problem": "d/dx: x^2", "answer": a}
    ...         for s, a in [("ana", "2x"), ("ben", "x^2"), ("cy", "2*x")]]
    >>> [r.status for r in grade_rows(rows, {}, jobs=2)]
    ['right', 'wrong', 'right']
    """
    start = time.monotonic()
    plan, tasks = _plan(rows, problems, timeout)
    outcomes = results(tasks, timeout=timeout, jobs=jobs, scheduler=scheduler)
    done: list = []
    for k, item in enumerate(plan, start=1):
        if not isinstance(item, Row):
            line, student, cell, answer, task = item
            while len(done) <= task:
                done.append(next(outcomes))
            item = Row(line, student, cell, answer, *done[task])
        if progress is not None:
            progress(Progress(k, len(plan), time.monotonic() - start))
        yield item


def _plan(rows: Iterable, problems: dict[str, Problem], timeout) -> tuple[list, list]:
    """Every row as a finished Row (not graded: why) or (line, student, cell, answer, task
    number); the distinct tasks ((expression, variable), answer) in order of first use."""
    plan, tasks = [], []
    numbers: dict[tuple[Problem, str], int] = {}
    read: dict[Problem, tuple | str] = {}
    for k, item in enumerate(rows, start=2):
        line, row = item if isinstance(item, tuple) else (k, item)
        if isinstance(row, RowProblem):
            plan.append(Row(line, "", "", "", "not graded", "", str(row)))
            continue
        student = (row.get("student") or "").strip()
        cell = (row.get("problem") or "").strip()
        answer = (row.get("answer") or "").strip()
        try:
            problem = resolve(cell, problems, line)
            if problem not in read:
                read[problem] = _read_problem(problem, timeout)
            if isinstance(read[problem], str):
                raise RowProblem(said('err.grade.line', line, read[problem]))
        except RowProblem as e:
            plan.append(Row(line, student, cell, answer, "not graded", "", str(e)))
            continue
        key = (problem, answer)
        if key not in numbers:
            numbers[key] = len(tasks)
            tasks.append((read[problem], answer))
        plan.append((line, student, cell, answer, numbers[key]))
    return plan, tasks


def _read_problem(problem: Problem, timeout) -> tuple | str:
    """The problem (the teacher's) read: (expression, variable), or why it cannot be read
    (a formula that cannot be read, or one too expensive to read within the budget: a
    907-character ``||x||+|x|…`` takes minutes to read without one)."""
    try:
        if cheap_to_read(problem.expr):  # no fork for what is read in microseconds
            return _parsed(problem)
        return within_budget(_parsed, problem, budget=budget_for(timeout),
                             what=describe("reading the problem", problem.expr))
    except (ParseError, TooExpensive) as e:
        return str(e)


def _parsed(problem: Problem) -> tuple:
    if problem.loss:
        return _loss_problem(problem)
    return parse(problem.expr, what="the problem"), symbol(problem.wrt)


_LOSS_NAMES = ("mse", "mae", "distance", "bce", "cross_entropy")


def _loss_problem(problem: Problem) -> tuple:
    """(the Loss, the parameter or None) of a loss problem; a ParseError if it is not one."""
    if problem.loss not in _LOSS_NAMES:
        raise ParseError(said("err.grade.unknown-loss", problem.loss, ", ".join(_LOSS_NAMES)))
    try:
        model = Model(problem.expr, inputs=problem.inputs, params=problem.params or None)
        loss = getattr(losses, problem.loss)(model, l2=problem.l2 or None,
                                             l1=problem.l1 or None)
        wrt = symbol(problem.wrt) if problem.wrt else None
    except ValueError as e:  # a model, penalty or parameter the loss refuses: one line
        raise ParseError(str(e)) from None
    if wrt is not None and wrt not in loss.params:
        raise ParseError(said("err.loss.not-parameter-model-its", wrt,
                              ", ".join(s.name for s in loss.params)))
    return loss, wrt


def summary(rows: Iterable[Row]) -> dict[str, Counter]:
    """Per problem (in order of appearance), how many answers had each status."""
    out: dict[str, Counter] = {}
    for row in rows:
        out.setdefault(row.problem, Counter())[row.status] += 1
    return out


def student_totals(rows: Iterable[Row]) -> dict[str, Counter]:
    """Per student (in order of appearance), how many answers had each status.

    >>> rows = [Row(2, "Li", "p", "2x", "right", "", ""), Row(3, "Li", "q", "1", "wrong", "", "")]
    >>> student_totals(rows)
    {'Li': Counter({'right': 1, 'wrong': 1})}
    """
    out: dict[str, Counter] = {}
    for row in rows:
        if row.student or row.status != "not graded":
            out.setdefault(row.student, Counter())[row.status] += 1
    return out


def neutralised(cell: str) -> str:
    """A report cell a spreadsheet will not run as a formula (= + - @ … lead: quoted with ').

    >>> neutralised("=HYPERLINK(1)"), neutralised("-2x"), neutralised("2x")
    ("'=HYPERLINK(1)", "'-2x", '2x')
    """
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
