"""Grading a class on the web page: the verdict table, the totals per student, the reports.

>>> out = grade_page(b"student;problem;answer\\nLi;d/dx: x^2;2x\\n", None)
>>> out.totals[1]
[('Li', '1', '0', '0', '0', '0', '1/1')]
"""

from __future__ import annotations

import csv
import io
import time
from contextlib import nullcontext

from ..check.grade import (
    STATUSES,
    Problem,
    RowProblem,
    grade_rows,
    read_table,
    student_totals,
    summary,
)
from ..errors import UsageError, said
from ..i18n.keys import GRADES
from ..i18n.language import phrase
from ..render.report import HEADER, csv_row, markdown, score
from ..runtime.admission import admitted_by
from ..runtime.forkserver import available_cores
from .work import Outcome, decoded


def grade_page(answers: bytes, problems: bytes | None, *, per_answer: float = 5,
               seconds: float = 60, jobs: int | None = None, gate=None,
               arrived: float | None = None) -> Outcome:
    """Grade a class: the verdict table, the summary, and the reports to download.

    Unlike the other pages this runs in the request's thread, not in one budgeted child:
    every answer is checked under its own budget (``per_answer`` seconds, by the checker), so
    one answer too expensive to decide is that row's "undecided", never the whole class's.
    ``jobs`` answers are checked at a time (default: the cores available), as by
    ``symgrad grade --jobs``; with a ``gate`` (the server's), each of those checks first takes
    one of its slots, like every other computation of the page.  ``seconds`` after
    ``arrived`` (``time.monotonic()`` when the request arrived; default: now) the grading
    stops and says at which line.  The reports are the CLI's (same columns, formula cells
    quoted), made in memory.

    >>> out = grade_page(b"student;problem;answer\\nLi;d/dx: x^2;2x\\n", None)
    >>> out.table[1], out.lines, [d[1] for d in out.downloads]
    ([('2', 'Li', 'd/dx: x^2', '2x', 'right', 'Right.')], ['d/dx: x^2: 1 right'], ['report.csv', 'report.md'])
    >>> out.totals
    (('student', 'right', 'wrong', 'undecided', 'unreadable', 'not graded', 'score'), [('Li', '1', '0', '0', '0', '0', '1/1')])
    """  # noqa: E501 - a doctest's expected output is one line

    table = read_table(io.StringIO(decoded(answers, "the answers file"), newline=""),
                       ("student", "problem", "answer"), "the answers file")
    deadline = (time.monotonic() if arrived is None else arrived) + seconds
    rows, stopped = [], None
    # each answer's budgeted child takes a slot of the server's gate, by the deadline
    slots = admitted_by(gate.admission(deadline)) if gate is not None else nullcontext()
    try:
        with slots:
            for row in grade_rows(table, _problems(problems), timeout=per_answer,
                                  jobs=jobs or available_cores()):
                rows.append(row)
                if time.monotonic() > deadline:
                    stopped = row.line
                    break
    except RowProblem as e:
        raise UsageError(str(e)) from None
    if not rows:
        raise UsageError(said('err.work.answers-file-has-no'))
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(csv_row(r) for r in rows)
    files = [("report.csv", "text/csv", out.getvalue().encode("utf-8")),
             ("report.md", "text/markdown", markdown(rows).encode("utf-8"))]
    lines = [f"{problem}: " + phrase("list.sep").join(
                 phrase("web.grade-count").format(c[s], phrase(GRADES[s]))
                 for s in STATUSES if c[s])
             for problem, c in summary(rows).items()]
    if stopped is not None:
        lines.append(phrase("web.grade-stopped").format(seconds, stopped))
    table_rows = [(str(r.line), r.student, r.problem, r.answer, r.status, r.message)
                  for r in rows]
    totals = [(student, *(str(c[s]) for s in STATUSES), score(c))
              for student, c in student_totals(rows).items()]
    return Outcome(table=(("line", "student", "problem", "answer", "verdict", "message"),
                          table_rows), lines=lines,
                   totals=(("student", *STATUSES, "score"), totals),
                   downloads=[(phrase("web.download").format(n), n, mime, data)
                              for n, mime, data in files])


def _problems(data: bytes | None) -> dict:
    """The problems file as id → Problem; a bad row is skipped, as by the CLI."""
    if not data:
        return {}
    problems = {}
    for _, row in read_table(io.StringIO(decoded(data, "the problems file"), newline=""),
                             ("id", "expr", "wrt"), "the problems file"):
        if not isinstance(row, RowProblem):
            problems[row["id"].strip()] = Problem.from_row(row)
    return problems
