"""The ``explain``, ``steps`` and ``trace`` sub-commands of ``symgrad``.

Every number on these command lines is read exactly by symgrad's safe parser, so
``--lr 0.25`` is 1/4 and the printed trace is exact; nothing is ever evaluated as Python.
"""

from __future__ import annotations

import argparse
import sys

from ..analysis.stationary import explain_minimum, stationary_points
from ..analysis.trace import trace_descent
from ..calculus.rules import diff_steps
from ..errors import UsageError, said
from ..numeric.table import read_start
from ..parsing.core import parse, symbol, symbols
from ..render.builders.steps import step_rows
from ..render.documents.tex import rows_latex
from ..render.printers.text import steps as text_steps
from ..runtime.budget import describe, within_budget
from .documents import add_document_options, write_documents


def register(sub) -> None:
    """Add ``explain``, ``steps`` and ``trace`` to the sub-command parsers ``sub``.

    >>> from symgrad.cli.main import CommandParser
    >>> parser = CommandParser(prog="symgrad")
    >>> register(parser.add_subparsers(parser_class=CommandParser))
    >>> parser.parse_args(["trace", "x**2", "--start", "x=1", "--lr", "1/4", "--steps", "2"]).lr
    '1/4'
    """
    p = sub.add_parser("explain", help="find and classify the stationary points of a formula")
    p.add_argument("formula", help='the function, e.g. "2*x**2 - 12*x + 20"')
    p.add_argument("--wrt", help="comma-separated variables (default: every symbol)")
    p.add_argument("--latex", action="store_true", help="print LaTeX (an align* body)")
    add_document_options(p)
    p.set_defaults(run=run_explain)

    p = sub.add_parser("steps", help="print the rules that differentiate a formula")
    p.add_argument("formula", help='the function, e.g. "sin(x**2)"')
    p.add_argument("--wrt", help="the variable (default: the only symbol)")
    p.add_argument("--latex", action="store_true", help="print LaTeX (an align* body)")
    p.set_defaults(run=run_steps)

    p = sub.add_parser("trace", help="gradient descent on a formula, every update written out")
    p.add_argument("formula", help='the function, e.g. "2*x**2 + y**2 + 3"')
    p.add_argument("--start", required=True, help="starting point, e.g. x=1,y=1/2")
    p.add_argument("--lr", required=True, help="learning rate α, read exactly (0.25 is 1/4)")
    p.add_argument("--steps", type=_count, required=True, help="number of steps")
    p.add_argument("--latex", action="store_true", help="print LaTeX (an align* body)")
    p.add_argument("--plot", metavar="FILE", help="save a picture of the path to FILE")
    add_document_options(p)
    p.set_defaults(run=run_trace)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(str(said("cli.whole-steps", text))) from None
    if value < 0:
        raise argparse.ArgumentTypeError(said('err.cli_analysis.expected-non-negative-number',
                                              value))
    return value


def run_explain(args) -> int:
    """``symgrad explain``: the stationary points of a formula, classified."""
    f = parse(args.formula, what="the formula")
    wrt = symbols(args.wrt) if args.wrt else None
    several = len(wrt) > 1 if wrt else len(f.free_symbols) > 1
    # The text goes in as typed, so an "undecided" message quotes what the user wrote.
    text = args.formula.strip()
    result = stationary_points(text, wrt) if several else explain_minimum(text, wrt)
    print(result.latex() if args.latex else result.text())
    write_documents(result, args)
    return 0


def run_steps(args) -> int:
    """``symgrad steps``: the rule tree of one derivative."""
    f = parse(args.formula, what="the formula")
    if args.wrt:
        x = symbol(args.wrt.strip())
    else:
        free = sorted(f.free_symbols, key=lambda s: s.name)
        if len(free) != 1:
            raise UsageError(said('err.cli_analysis.has-variables-name-one',
                                  args.formula, len(free) or 'no'))
        (x,) = free
    step = within_budget(diff_steps, f, x, what=describe("differentiating", args.formula))
    print(rows_latex(step_rows(step), len(f.free_symbols) > 1) if args.latex
          else "\n".join(text_steps(step)))
    return 0


def run_trace(args) -> int:
    """``symgrad trace``: gradient descent from --start, with every update written out."""
    trace = trace_descent(args.formula, read_start(args.start), args.lr, args.steps)
    print(trace.latex() if args.latex else trace.text())
    if args.plot:
        trace.plot(args.plot)
        print(said("cli.wrote", args.plot), file=sys.stderr)
    write_documents(trace, args)
    return 0


