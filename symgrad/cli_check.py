"""``symgrad check`` (one answer) and ``symgrad grade`` (a class's answers, as a report).

Exit codes of ``check``: 0 right, 1 wrong *or undecided* (the answer was not confirmed, the
text says which), 2 unreadable input.  ``grade`` exits 0 once the report is written, whatever
the answers; a problem it cannot read (a teacher's error) is exit 2.

Grading CSV (``answers.csv``): columns ``student, problem, answer``.  ``problem`` is either

* inline: ``d/dx: 2x^2 - 12x + 20`` — ``d/d<variable>``, a colon or a space, then the
  formula (Python syntax or LaTeX), or
* the ``id`` of a row of the problem file given with ``--problems problems.csv``
  (columns ``id, expr, wrt``); an id wins over the inline reading.

The report goes to ``<out>.csv`` (student, problem, answer, ok, expected, message; ok is
``right``, ``wrong``, ``undecided`` or ``unreadable``) and ``<out>.md`` (the verdict table
and, per problem, how many answers were right, wrong, undecided and unreadable).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .check import Verdict, check_derivative
from .cli_documents import add_document_options, write_documents
from .errors import ParseError, UsageError
from .render.text import text as expr_text

STATUSES = ("right", "wrong", "undecided", "unreadable")
_INLINE_RE = re.compile(r"^\s*d\s*/\s*d([A-Za-z][A-Za-z0-9_]*)(?:\s*:\s*|\s+)(\S.*)$", re.DOTALL)


def register(sub) -> None:
    """Add the ``check`` and ``grade`` sub-commands to the ``symgrad`` parser."""
    p = sub.add_parser("check", help="check a claimed derivative")
    p.add_argument("--f", required=True, help='the function, e.g. "2x^2 - 12x + 20"')
    p.add_argument("--wrt", required=True, help="the variable, e.g. x")
    p.add_argument("--claimed", required=True, help='the claimed derivative, e.g. "4x - 12"')
    p.add_argument("--latex", action="store_true", help="print LaTeX (an align* body)")
    add_document_options(p)
    p.set_defaults(run=_check)

    p = sub.add_parser("grade", help="grade a class's answers from a CSV file")
    p.add_argument("answers", help="CSV with columns student, problem, answer")
    p.add_argument("--problems", help="CSV with columns id, expr, wrt")
    p.add_argument("--out", default="report", help="report path without extension "
                   "(default: report, giving report.csv and report.md)")
    p.set_defaults(run=_grade)


def _check(args) -> int:
    verdict = check_derivative(args.f, args.wrt, args.claimed)
    print(verdict.latex() if args.latex else verdict.text())
    write_documents(verdict, args)
    return 0 if verdict.ok is True else 1


# --------------------------------------------------------------------------- grading


@dataclass(frozen=True)
class Problem:
    """A derivative to take: ``expr`` differentiated with respect to ``wrt``."""

    expr: str
    wrt: str


@dataclass(frozen=True)
class Row:
    """One graded answer."""

    student: str
    problem: str
    answer: str
    status: str
    expected: str
    message: str


def _read_rows(path: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
            header = rows[0].keys() if rows else []
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror}") from None
    missing = [c for c in columns if c not in header]
    if not rows:
        raise UsageError(f"{path} has no data rows")
    if missing:
        raise UsageError(f"{path} has no column {', '.join(missing)} "
                           f"(expected columns: {', '.join(columns)})")
    return rows


def read_problems(path: str | None) -> dict[str, Problem]:
    """The problem file as id → Problem (empty without a file)."""
    if path is None:
        return {}
    rows = _read_rows(path, ("id", "expr", "wrt"))
    return {r["id"].strip(): Problem(r["expr"], r["wrt"].strip()) for r in rows}


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
        raise UsageError(
            f"line {line}: the problem {key!r} is neither an id from --problems nor of the "
            "form 'd/dx: 2x^2 - 12x + 20'"
        )
    return Problem(match.group(2).strip(), match.group(1))


def grade_rows(rows: list[dict[str, str]], problems: dict[str, Problem]) -> list[Row]:
    """Check every answer; identical (problem, answer) pairs are checked once."""
    cache: dict[tuple[Problem, str], tuple[str, str, str]] = {}
    graded = []
    for line, row in enumerate(rows, start=2):
        problem = resolve(row["problem"] or "", problems, line)
        answer = (row["answer"] or "").strip()
        key = (problem, answer)
        if key not in cache:
            cache[key] = _grade_one(problem, answer, line)
        graded.append(Row((row["student"] or "").strip(), row["problem"].strip(), answer,
                          *cache[key]))
    return graded


def _grade_one(problem: Problem, answer: str, line: int) -> tuple[str, str, str]:
    try:
        verdict = _checked(problem, answer, line)
    except ParseError as e:
        return "unreadable", "", str(e)
    return verdict.status, expr_text(verdict.expected), verdict.message


def _checked(problem: Problem, answer: str, line: int) -> Verdict:
    from .parsing import parse, symbol

    try:  # the problem is the teacher's: unreadable there is an error, not a grade
        parse(problem.expr, what="the problem")
        symbol(problem.wrt)
    except ParseError as e:
        raise UsageError(f"line {line}: {e}") from None
    return check_derivative(problem.expr, problem.wrt, answer)


def summary(rows: list[Row]) -> dict[str, Counter]:
    """Per problem (in order of appearance), how many answers had each status."""
    out: dict[str, Counter] = {}
    for row in rows:
        out.setdefault(row.problem, Counter())[row.status] += 1
    return out


def _summary_lines(counts: dict[str, Counter]) -> list[str]:
    width = max(len("problem"), *(len(p) for p in counts))
    lines = [f"{'problem':<{width}}  " + "  ".join(STATUSES)]
    for problem, c in counts.items():
        cells = "  ".join(f"{c[s]:>{len(s)}}" for s in STATUSES)
        lines.append(f"{problem:<{width}}  {cells}")
    return lines


def _cell(value: str) -> str:
    return value.replace("|", r"\|").replace("\n", " ")


def markdown(rows: list[Row]) -> str:
    """The Markdown report: every verdict, then the summary per problem."""
    lines = ["# Grading report", "", "| student | problem | answer | ok | message |",
             "|---|---|---|---|---|"]
    lines += [f"| {_cell(r.student)} | {_cell(r.problem)} | `{_cell(r.answer)}` | {r.status} | "
              f"{_cell(r.message)} |" for r in rows]
    lines += ["", "## Summary per problem", "",
              "| problem | " + " | ".join(STATUSES) + " |", "|---" * (len(STATUSES) + 1) + "|"]
    lines += [f"| {_cell(p)} | " + " | ".join(str(c[s]) for s in STATUSES) + " |"
              for p, c in summary(rows).items()]
    return "\n".join(lines) + "\n"


def write_reports(rows: list[Row], out: str) -> tuple[Path, Path]:
    """Write ``<out>.csv`` and ``<out>.md``; returns both paths."""
    csv_path, md_path = Path(f"{out}.csv"), Path(f"{out}.md")
    try:
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        with open(csv_path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["student", "problem", "answer", "ok", "expected", "message"])
            writer.writerows([r.student, r.problem, r.answer, r.status, r.expected, r.message]
                             for r in rows)
        md_path.write_text(markdown(rows), encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot write the report {out}: {e.strerror}") from None
    return csv_path, md_path


def _grade(args) -> int:
    problems = read_problems(args.problems)
    rows = grade_rows(_read_rows(args.answers, ("student", "problem", "answer")), problems)
    csv_path, md_path = write_reports(rows, args.out)
    print("\n".join(_summary_lines(summary(rows))))
    print(f"report: {csv_path}, {md_path}")
    return 0
