"""``symgrad check`` (one answer) and ``symgrad grade`` (a class's answers, as a report).

Exit codes of ``check``: 0 right, 1 wrong *or undecided* (the answer was not confirmed, the
text says which, including "too expensive to decide" past ``--timeout``), 2 unreadable input.

``grade`` exits 0 once every row is graded and the report written, whatever the answers; 3
when the report is written but some rows could not be graded (each is listed in the report
with the reason: an unknown problem id, a problem that cannot be read, a ragged row, a field
over 131,072 characters, an answer too expensive to decide); 2 when there is no report at all
(the answers file cannot be read or lacks a column, the report would overwrite an input file
or goes to a missing folder).

Grading CSV (``answers.csv``): columns ``student, problem, answer``.  ``problem`` is either

* inline: ``d/dx: 2x^2 - 12x + 20`` — ``d/d<variable>``, a colon or a space, then the
  formula (Python syntax or LaTeX), or
* the ``id`` of a row of the problem file given with ``--problems problems.csv``
  (columns ``id, expr, wrt``); an id wins over the inline reading.

The report goes to ``<out>.csv`` (line, student, problem, answer, ok, expected, message; ok is
``right``, ``wrong``, ``undecided``, ``unreadable`` or ``not graded``) and ``<out>.md`` (the
verdict table and, per problem, how many answers had each status), both written row by row as
the grading goes into temporary files beside them, renamed into place at the end (an input
is compared with the report by device and inode, so a hard link to it is refused).  CSV cells
that a spreadsheet would run as a formula (= + - @) are quoted.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import sys
from contextlib import contextmanager
from pathlib import Path

from .. import losses
from ..check import check_derivative, check_gradient, check_loss
from ..check.grade import Problem, Progress, Row, RowProblem, grade_rows, read_table
from ..errors import UsageError, said
from ..i18n.language import phrase
from ..model import Model
from ..parsing.core import parse
from ..render.report import HEADER, csv_row, md_row, md_summary, summary_lines, total_lines
from ..runtime.atomic import replacing
from ..runtime.forkserver import available_cores
from .documents import add_document_options, write_documents
from .files import check_output, one_file

NOT_GRADED_EXIT = 3


def register(sub) -> None:
    """Add the ``check`` and ``grade`` sub-commands to the ``symgrad`` parser."""
    p = sub.add_parser("check", help="check a claimed derivative (or, with --loss, a loss "
                       "or a gradient)")
    p.add_argument("--f", help='the function, e.g. "2x^2 - 12x + 20"')
    p.add_argument("--wrt", help="the variable, e.g. x (default: the function's only one); "
                   "with --loss, a parameter: --claimed is then the gradient ∂ℓ/∂wrt")
    p.add_argument("--claimed", required=True, help='the claimed derivative, e.g. "4x - 12"')
    p.add_argument("--loss", choices=("mse", "mae", "distance", "bce", "cross_entropy"),
                   help="check --claimed as this loss of --model instead (e.g. bce)")
    p.add_argument("--model", help='the model of --loss, e.g. "sigmoid(w*x + b)"')
    p.add_argument("--inputs", help="the model's inputs, e.g. x")
    p.add_argument("--params", help="the model's parameters (default: its other symbols)")
    p.add_argument("--l2", metavar="λ", help="--loss with the penalty λ/(2m)·Σ w² on the "
                   "weights: --claimed is then the cost J (or, with --wrt, ∂J/∂w)")
    p.add_argument("--l1", metavar="λ", help="--loss with the penalty (λ/m)·Σ |w|")
    p.add_argument("--latex", action="store_true", help="print LaTeX (an align* body)")
    _add_timeout(p)
    add_document_options(p)
    p.set_defaults(run=_check)

    p = sub.add_parser("grade", help="grade a class's answers from a CSV file")
    p.add_argument("answers", help="CSV with columns student, problem, answer (- : standard "
                   "input); fields separated by , ; or tab")
    p.add_argument("--problems", help="CSV with columns id, expr, wrt")
    p.add_argument("--out", default="report", help="report path without extension "
                   "(default: report, giving report.csv and report.md; - : the CSV report "
                   "on standard output, the summaries on standard error)")
    _add_timeout(p, "each answer")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="answers checked at the same time, each in its own budgeted process "
                        f"(default: the cores available, here {available_cores()})")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="grade on a Dask cluster, e.g. tcp://host:8786 "
                            "(needs pip install 'symgrad[dask]')")
    where.add_argument("--dask", action="store_true",
                       help="grade on a Dask LocalCluster of this machine's cores")
    p.set_defaults(run=_grade)


def _add_timeout(p, what: str = "the check") -> None:
    p.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help=f"time budget of {what} (default 5); past it: undecided")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        message = said("err.cli_check.timeout-needs-number-seconds", text)
        raise argparse.ArgumentTypeError(str(message)) from None
    if not 0 < value <= 3600:  # argparse would drop a ValueError's words ("invalid value")
        message = said("err.cli_check.timeout-must-be-between", text)
        raise argparse.ArgumentTypeError(str(message))
    return value


def _check(args) -> int:
    if args.loss:
        if not (args.model and args.inputs):
            raise UsageError(said('err.cli_check.loss-needs-model-and'))
        loss = getattr(losses, args.loss)(Model(args.model, inputs=args.inputs,
                                                params=args.params), l2=args.l2, l1=args.l1)
        if args.wrt:  # a gradient ∂ℓ/∂w (with a penalty: its derivative too)
            verdict = check_gradient(loss, args.wrt, args.claimed, timeout=args.timeout)
        else:
            verdict = check_loss(loss, args.claimed, timeout=args.timeout)
    elif args.f is None:
        raise UsageError(said('err.cli_check.check-needs-f-and'))
    else:
        wrt = args.wrt or only_variable(args.f)
        verdict = check_derivative(args.f, wrt, args.claimed, timeout=args.timeout)
    print(verdict.latex() if args.latex else verdict.text())
    write_documents(verdict, args)
    return 0 if verdict.ok is True else 1


def only_variable(f: str) -> str:
    """The variable of a function that has exactly one; else a one-line error.

    >>> only_variable("2x^2 - 12x + 20")
    'x'
    >>> only_variable("x*y")
    Traceback (most recent call last):
    ...
    symgrad.errors.UsageError: check needs --wrt: the function has the variables x, y
    """
    names = sorted(s.name for s in parse(f, what="the function").free_symbols)
    if len(names) != 1:
        raise UsageError(said("cli.check-needs-wrt", ", ".join(names) or "—"))
    return names[0]


# --------------------------------------------------------------------------- grading


def _open(path: str):
    if path == "-":  # standard input: what a pipe or a redirect gives
        return contextlib.nullcontext(sys.stdin)
    try:
        return open(path, newline="", encoding="utf-8")
    except OSError as e:
        raise UsageError(said('err.cli.cannot-read', path, e.strerror)) from None


def read_problems(path: str | None) -> dict[str, Problem]:
    """The problem file as id → Problem (empty without a file); bad rows are reported."""
    if path is None:
        return {}
    problems = {}
    with _open(path) as fh:
        try:
            for _, row in read_table(fh, ("id", "expr", "wrt"), path):
                if isinstance(row, RowProblem):
                    print(said("cli.warning-problem", path, row), file=sys.stderr)
                    continue
                problems[row["id"].strip()] = Problem.from_row(row)
        except UnicodeDecodeError:
            raise UsageError(said('err.cli.cannot-read-it-not', path)) from None
        except ValueError as e:
            raise UsageError(str(e)) from None
    return problems


def _report_paths(out: str, inputs: list[str]) -> tuple[Path, Path]:
    csv_path, md_path = Path(f"{out}.csv"), Path(f"{out}.md")
    folder = csv_path.parent
    if not folder.is_dir():
        raise UsageError(said('err.cli_check.cannot-write-report-folder', out, folder))
    if Path(out).exists():  # --out /dev/full: a device, whatever follows its name
        check_output("--out", out, [])
    for path in (csv_path, md_path):
        check_output("--out", str(path), [])
        for given in inputs:
            if one_file(str(path), given):
                raise UsageError(said('err.cli_check.refusing-write-report-over', given))
    return csv_path, md_path


def _grade(args) -> int:
    jobs = available_cores() if args.jobs is None else args.jobs
    if jobs < 1:
        raise UsageError(said("err.grade.jobs-at-least-one", jobs))
    scheduler = "local" if args.dask else args.scheduler
    to_stdout = args.out == "-"
    inputs = [args.answers] + ([args.problems] if args.problems else [])
    csv_path, md_path = (None, None) if to_stdout else _report_paths(args.out, inputs)
    problems = read_problems(args.problems)
    rows: list[Row] = []
    with _open(args.answers) as source:
        table = read_table(source, ("student", "problem", "answer"), _name(args.answers))
        try:
            first = next(table, None)
        except UnicodeDecodeError:
            raise UsageError(said('err.cli.cannot-read-it-not', args.answers)) from None
        except ValueError as e:
            raise UsageError(str(e)) from None
        if first is None:
            raise UsageError(said('err.cli.has-no-data-rows', _name(args.answers)))
        try:
            with _report_files(csv_path, md_path) as (out_csv, out_md):
                # A file gets CSV's own line ends (CRLF); standard output a pipe's ("\n").
                writer = csv.writer(out_csv, lineterminator="\n") if to_stdout else \
                    csv.writer(out_csv)
                writer.writerow(HEADER)
                out_md.write(phrase("grade.md-head"))
                shown = _progress_bar()
                for row in grade_rows(_chain(first, table), problems, timeout=args.timeout,
                                      jobs=jobs, scheduler=scheduler, progress=shown):
                    rows.append(row)
                    writer.writerow(csv_row(row))
                    out_md.write(md_row(row))
                    out_csv.flush()
                    out_md.flush()
                out_md.write(md_summary(rows))
                if shown is not None:
                    shown.close()
        except BrokenPipeError:  # `--out - | head`: the reader went away; stop quietly
            raise
        except OSError as e:
            raise UsageError(said('err.cli_check.cannot-write-report',
                                  args.out, e.strerror)) from None
    said_to = sys.stderr if to_stdout else sys.stdout  # standard output holds the CSV then
    print("\n".join(summary_lines(rows)), file=said_to)
    print(file=said_to)
    print("\n".join(total_lines(rows)), file=said_to)
    if to_stdout:
        print(said("grade.report-stdout"), file=said_to)
    else:
        print(said("grade.report", csv_path, md_path), file=said_to)
    bad = [r for r in rows if r.status == "not graded"]
    if bad:
        lines = ", ".join(str(r.line) for r in bad[:20]) + (" …" if len(bad) > 20 else "")
        print(said("grade.not-graded", len(bad), lines), file=said_to)
        return NOT_GRADED_EXIT
    return 0


class _Bar:
    """A tqdm bar fed with :class:`Progress` (rows done, rate, time left)."""

    def __init__(self, tqdm):
        self.tqdm, self.bar = tqdm, None

    def __call__(self, p: Progress) -> None:
        if self.bar is None:
            self.bar = self.tqdm(total=p.total, unit=" answers", file=sys.stderr, leave=False)
        self.bar.update(p.done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress_bar() -> _Bar | None:
    """Progress on the terminal (tqdm), only where standard error is one."""
    if not sys.stderr.isatty():
        return None
    try:  # lazy: the optional progress extra (tqdm: 16 ms), only on a terminal
        from tqdm import tqdm
    except ImportError:
        return None
    tqdm.monitor_interval = 0  # no monitor thread: grading forks its children from this thread
    return _Bar(tqdm)


def _name(path: str) -> str:
    return str(phrase("cli.standard-input")) if path == "-" else path


@contextmanager
def _report_files(csv_path, md_path):
    """The report's two files, or (``--out -``) standard output for the CSV and nowhere for
    the Markdown (the summaries go to standard error)."""
    if csv_path is None:
        yield sys.stdout, io.StringIO()
        return
    # Written beside the report under temporary names, renamed when complete: the answers file
    # (even through a hard link) never meets a growing report.
    with replacing(csv_path, "w", newline="", encoding="utf-8") as out_csv, \
            replacing(md_path, "w", encoding="utf-8") as out_md:
        yield out_csv, out_md


def _chain(first, rest):
    yield first
    try:
        yield from rest
    except UnicodeDecodeError as e:
        yield 0, RowProblem(said("grade.rest-not-utf8", e.reason))
