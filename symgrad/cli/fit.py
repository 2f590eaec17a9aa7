"""The ``fit`` sub-command of ``symgrad``: gradient descent on a model and a CSV file, with a
progress bar on a terminal, a table of the fitted parameters and, on request, plots."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from ..errors import UsageError, said
from ..i18n.language import phrase
from ..numeric.descent import descend
from ..numeric.rising import RisingLossWarning
from ..numeric.table import assignments, read_data
from ..render.documents.columns import padded
from .files import fitted_plot
from .model_options import add_model_options, loss_of
from .run import remaining

#: The exit code of a fit whose J rose (see symgrad.numeric.rising), unless --allow-rise.
RISING_EXIT = 4

#: Runs at least this long get a progress bar on a terminal.
PROGRESS_FROM = 1000


def register(sub) -> None:
    """Add ``fit`` to the sub-command parsers ``sub``.

    >>> from symgrad.cli.main import CommandParser
    >>> parser = CommandParser(prog="symgrad")
    >>> register(parser.add_subparsers(parser_class=CommandParser))
    >>> parser.parse_args(["fit", "w*x", "--inputs", "x", "--data", "-", "--lr", "0.1",
    ...                    "--steps", "5"]).backend
    'numpy'
    """
    p = sub.add_parser("fit", help="fit a model to a CSV file by gradient descent")
    add_model_options(p)
    p.add_argument("--data", required=True,
                   help="CSV file whose header names inputs and target (- : standard input); "
                        "fields separated by , ; or tab")
    p.add_argument("--target", default="y", help="the target column (default y)")
    p.add_argument("--lr", type=float, required=True, help="learning rate α")
    p.add_argument("--steps", type=int, required=True, help="number of steps")
    p.add_argument("--init", help="starting values, e.g. a=1,b=0 (default 0)")
    p.add_argument("--backend", choices=["numpy", "numba"], default="numpy",
                   help="numpy (default, the reference) or numba: the same formulas compiled "
                        "into fused loops (pip install 'symgrad[fast]')")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help=f"progress bar, with tqdm (default: on a terminal, from {PROGRESS_FROM} "
                        "steps, when tqdm is installed: pip install 'symgrad[progress]')")
    p.add_argument("--allow-rise", action="store_true",
                   help=f"exit 0 even when J rose (by default a fit whose J ends above its "
                        f"start, or rises for many steps, says so and exits {RISING_EXIT})")
    p.add_argument("--plot", metavar="FILE",
                   help="save the loss curve to FILE, and the fitted model over the data to "
                        "FILE-fit (one input, or a two-input classifier)")
    p.set_defaults(run=run_fit)


def run_fit(args) -> int:
    """Fit, print the parameters and J, write the plots asked for; the exit code."""
    loss = loss_of(args)
    X, y = read_csv(args.data, [s.name for s in loss.model.inputs], args.target)
    bar = _progress_bar(args)
    try:
        with warnings.catch_warnings():  # a rising J is said below, as the command's own line
            warnings.simplefilter("ignore", RisingLossWarning)
            fit = descend(loss, X, y, lr=args.lr, steps=args.steps,
                          init=assignments(args.init), callback=bar, backend=args.backend,
                          timeout=remaining())
    finally:
        if bar is not None:
            bar.close()
    head, *names = padded(phrase("cli.param"), *fit.params)
    print(head + phrase("cli.value"))
    for name, value in zip(names, fit.params.values()):
        print(f"{name}{value:.6g}")
    print(said("cli.fit-summary", fit.steps, fit.history[-1], fit.history[0]))
    if args.plot:
        _plot_fit(fit, X, y, Path(args.plot))
    if fit.rise is not None and not args.allow_rise:
        print(said("cli.fit-rising", fit.rise.message()), file=sys.stderr)
        return RISING_EXIT
    return 0


def _plot_fit(fit, X, y, path: Path) -> None:
    fit.plot_loss(path)
    written = [path]
    drawable = len(fit.loss.model.inputs) == 1 or (
        len(fit.loss.model.inputs) == 2 and fit.loss.name == "bce")
    if drawable:
        fitted = fitted_plot(path)
        fit.plot_fit(X, y, fitted)
        written.append(fitted)
    for p in written:
        print(said("cli.wrote", p), file=sys.stderr)


def read_csv(path: str, inputs: list[str], target: str):
    """Read the input columns and the target column of a CSV file (``-``: standard input)
    as float lists; fields may be separated by commas, semicolons or tabs."""
    if path == "-":
        return read_data(sys.stdin, inputs, target, phrase("cli.standard-input"))
    try:
        # utf-8-sig: a spreadsheet's byte-order mark is not part of the first column's name.
        with open(path, newline="", encoding="utf-8-sig") as fh:
            return read_data(fh, inputs, target, path)
    except OSError as e:
        raise UsageError(said('err.cli.cannot-read', path, e.strerror)) from None


class _Bar:
    """tqdm's bar as a descend() callback (called with the step and J)."""

    def __init__(self, total: int):
        from tqdm import tqdm  # lazy: the optional progress extra (16 ms), only on a terminal

        self.bar = tqdm(total=total, unit="step", file=sys.stderr, leave=True)
        self.done = 0

    def __call__(self, step: int, J) -> None:
        self.bar.update(step - self.done)
        self.done = step
        self.bar.set_postfix(J=f"{float(J):.4g}", refresh=False)

    def close(self) -> None:
        self.bar.close()


def _progress_bar(args):
    """tqdm's bar on a terminal from PROGRESS_FROM steps (or as --progress says), else None."""
    wanted = args.progress if args.progress is not None else (
        sys.stderr.isatty() and args.steps >= PROGRESS_FROM)
    if not wanted:
        return None
    try:
        return _Bar(args.steps)
    except ImportError:
        if args.progress:  # asked for explicitly: say how to get it
            raise UsageError(said("cli.progress-needs-tqdm")) from None
        return None
