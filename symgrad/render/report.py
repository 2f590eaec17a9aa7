"""A graded class as a report: the CSV rows, the Markdown table, the summaries per problem and
per student — one layout for ``symgrad grade`` and the web page's Grade form.

>>> from symgrad.check.grade import Row
>>> rows = [Row(2, "Li", "p", "2x", "right", "2·x", "Right."),
...         Row(3, "Li", "q", "=1", "wrong", "0", "Wrong.")]
>>> csv_row(rows[1])
['3', 'Li', 'q', "'=1", 'wrong', '0', 'Wrong.']
>>> print("\\n".join(total_lines(rows)))
student  right  wrong  undecided  unreadable  not graded  score
Li           1      1          0           0           0    1/2
"""

from __future__ import annotations

from collections import Counter

from ..check.grade import STATUSES, Row, neutralised, student_totals, summary
from ..i18n.keys import GRADES
from ..i18n.language import phrase
from .documents.columns import columns, padded

__all__ = ["HEADER", "csv_row", "markdown", "score", "summary_lines", "total_lines"]

#: The columns of the CSV report.
HEADER = ["line", "student", "problem", "answer", "ok", "expected", "message"]


def csv_row(r: Row) -> list[str]:
    """One report row; cells a spreadsheet would run as a formula are quoted."""
    return [str(r.line)] + [neutralised(c) for c in (
        r.student, r.problem, r.answer, r.status, r.expected, r.message)]


def score(c: Counter) -> str:
    """Right answers out of all the student's answers, e.g. ``3/4``."""
    return f"{c['right']}/{sum(c.values())}"


def _cell(value: str) -> str:
    return value.replace("|", r"\|").replace("\n", " ")


def _status(status: str) -> str:
    """The words for a grading status in the language in force (the CSV keeps the English)."""
    return phrase(GRADES[status])


def md_row(r: Row) -> str:
    """One row of the Markdown verdict table."""
    return (f"| {r.line} | {_cell(r.student)} | {_cell(r.problem)} | `{_cell(r.answer)}` | "
            f"{_status(r.status)} | {_cell(r.message)} |\n")


def md_summary(rows: list[Row]) -> str:
    """The Markdown summaries: per problem, then per student (with the score)."""
    problem, student, score_ = phrase("grade.problem"), phrase("grade.student"), \
        phrase("grade.score")
    lines = ["", phrase("grade.md-summary"), "",
             f"| {problem} | " + " | ".join(map(_status, STATUSES)) + " |",
             "|---" * (len(STATUSES) + 1) + "|"]
    lines += [f"| {_cell(p)} | " + " | ".join(str(c[s]) for s in STATUSES) + " |"
              for p, c in summary(rows).items()]
    lines += ["", phrase("grade.md-students"), "",
              f"| {student} | " + " | ".join(map(_status, STATUSES))
              + f" | {score_} |", "|---" * (len(STATUSES) + 2) + "|"]
    lines += [f"| {_cell(s)} | " + " | ".join(str(c[k]) for k in STATUSES) + f" | {score(c)} |"
              for s, c in student_totals(rows).items()]
    return "\n".join(lines) + "\n"


def markdown(rows: list[Row]) -> str:
    """The Markdown report: every verdict, then the summaries per problem and per student."""
    return phrase("grade.md-head") + "".join(md_row(r) for r in rows) + md_summary(rows)


def _table(first: str, counts: dict[str, Counter], extra=None) -> list[str]:
    head, *names = padded(first, *counts)
    labels = [_status(s) for s in STATUSES] + ([phrase("grade.score")] if extra else [])
    lines = [head + "  ".join(labels)]
    for name, c in zip(names, counts.values()):
        values = [str(c[s]) for s in STATUSES] + ([extra(c)] if extra else [])
        cells = [" " * (columns(label) - len(v)) + v for v, label in zip(values, labels)]
        lines.append(name + "  ".join(cells))
    return lines


def summary_lines(rows: list[Row]) -> list[str]:
    """Per problem, how many answers had each status, as aligned terminal lines."""
    return _table(phrase("grade.problem"), summary(rows))


def total_lines(rows: list[Row]) -> list[str]:
    """Per student, how many answers had each status and the score, as aligned lines."""
    return _table(phrase("grade.student"), student_totals(rows), score)
