"""One budget around a whole command: reading, computing and writing out, then printing.

A command such as ``symgrad steps "(x+1)*…*(x+1000)" --timeout 2`` must end after about two
seconds whichever part is slow: reading the formula (LaTeX's ``|x|`` bars cost exponential
time), deriving, or rendering eleven megabytes of text.  So the command runs in one budgeted
child (see :mod:`symgrad.budget`) with its standard output captured, and the caller prints
what it sent back; past the budget nothing is printed but the one "undecided" line.  Work
inside the child that asks for a budget of its own runs directly (budgets nest).

Compiling a PDF runs pdflatex with its own time limit (see :mod:`symgrad.render.pdf`); the
child only typesets the LaTeX source, and the caller compiles it.  ``grade`` budgets each
row, ``check`` its one check, ``serve`` each request: they run as they are.
"""

from __future__ import annotations

import io
import sys
import time
from contextlib import nullcontext, redirect_stderr, redirect_stdout

from ..i18n.language import language, process_default
from ..numeric.clock import descent_budget
from ..runtime.budget import Budget, describe, within_budget
from . import documents as cli_documents

_DEADLINE: float | None = None

#: Commands whose work is budgeted inside them, piece by piece.
OWN_BUDGETS = frozenset({"check", "grade", "serve"})


def run_budgeted(args) -> int:
    """``args.run(args)`` within the default budget (``--timeout``), its output printed here.

    >>> from symgrad.cli.main import build_parser
    >>> run_budgeted(build_parser().parse_args(["steps", "x^2"]))
    d/dx[x²] = 2·x   power rule
    0
    """
    if args.command in OWN_BUDGETS:
        return args.run(args)

    subject = next((v for v in (getattr(args, name, None) for name in ("model", "formula"))
                    if isinstance(v, str)), "")
    verb = VERBS.get(args.command, f"symgrad {args.command}")
    code, out, err, pending = within_budget(_captured, args, not sys.stderr.isatty(),
                                            budget=command_budget(args),
                                            what=describe(verb, subject.strip()))
    sys.stdout.write(out)
    sys.stderr.write(err)
    cli_documents.compile_pending(pending)
    return code


#: What each command is doing, for its "too expensive" line (as the API's own budgets say it).
VERBS = {"derive": "deriving", "steps": "differentiating", "explain": "explaining",
         "trace": "tracing descent on", "fit": "fitting"}


#: --timeout's help: every command's, and fit's (see symgrad.numeric.clock for the 300 s).
TIMEOUT_HELP = ("CPU time budget of the whole command: reading, computing and writing out "
                "(default 10; or the SYMGRAD_TIMEOUT environment variable)")
FIT_TIMEOUT_HELP = ("CPU time budget of the whole command: reading, deriving, compiling, "
                    "training and writing out (default 300, not 10 as elsewhere: training is "
                    "long by nature, and a step count that cannot finish in time is told "
                    "after a second of steps; or the SYMGRAD_TIMEOUT environment variable)")


def command_budget(args) -> Budget:
    """The budget of the whole command: ``--timeout`` (else the default), except that a fit
    without one has a descent's default, its compiling included (see numeric.clock).

    >>> from symgrad.cli.main import build_parser
    >>> command_budget(build_parser().parse_args(["steps", "x^2", "--timeout", "2"])).seconds
    2.0
    """
    if args.command == "fit":
        return descent_budget(args.timeout)
    return Budget.of(args.timeout)


def _captured(args, keep_stderr: bool) -> tuple[int, str, str, list]:
    """In the budgeted child: run the command, keep what it prints (and what it says on
    stderr unless that is a terminal, where a progress bar must move) and the PDFs to compile.
    """
    global _DEADLINE
    _DEADLINE = time.process_time() + command_budget(args).seconds
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err) if keep_stderr else nullcontext(), \
            language(args.lang), process_default(args.lang), cli_documents.deferred() as pending:
        code = args.run(args)
    return code, out.getvalue(), err.getvalue(), pending


def remaining(least: float = 0.05) -> float | None:
    """CPU seconds left of the command's budget (at least ``least``), for work that watches
    its own clock (a descent says which step it reached); None outside a command.

    >>> remaining() is None
    True
    """
    if _DEADLINE is None:
        return None
    return max(least, _DEADLINE - time.process_time() - SEND_BACK)


#: Seconds kept back for stopping and sending the answer back before the command's budget ends.
SEND_BACK = 0.25
