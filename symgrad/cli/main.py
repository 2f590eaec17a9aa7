"""The ``symgrad`` command: derive, check, explain and fit from the terminal.

Every error a user can cause ends as one line on stderr and exit code 2, never a traceback;
so does work past its time budget (``--timeout``), as "undecided: … too expensive …".
Values may start with a minus (``symgrad explain "-x^2"``, ``--start x=-1``), and a closed
pipe (``symgrad derive … | head -1``) ends the command quietly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

from .. import losses
from ..calculus.derive import derive
from ..errors import DivergenceError, ParseError, TooExpensive, UsageError, said
from ..i18n.language import checked, language, phrase, process_default
from ..model import Model
from ..nn import ACTIVATIONS, network
from ..numeric.descent import descend
from ..numeric.rising import RisingLossWarning
from ..numeric.table import assignments, read_data
from ..render.documents.pdf import LatexError
from ..render.documents.columns import padded
from ..runtime.budget import default_budget
from .documents import add_document_options, write_documents
from .examples import add_examples
from .files import check_outputs, fitted_plot
from .run import remaining, run_budgeted

LOSSES: dict[str, Callable] = {
    "mse": losses.mse,
    "mae": losses.mae,
    "distance": losses.distance,
    "bce": losses.bce,
    "cross_entropy": losses.cross_entropy,
}

#: Modules that add sub-commands: each has ``register(subparsers)``; a command's ``run(args)``
#: returns the exit code and raises UsageError, ParseError or ValueError on bad input.
COMMAND_MODULES: tuple[str, ...] = ("symgrad.cli.analysis", "symgrad.cli.check",
                                    "symgrad.cli.serve")

#: The exit code of a fit whose J rose (see symgrad.numeric.rising), unless --allow-rise.
RISING_EXIT = 4

#: Runs at least this long get a progress bar on a terminal.
PROGRESS_FROM = 1000
#: What ``symgrad --help`` says first.
DESCRIPTION = ("symgrad: derive gradients rule by rule, check answers, explain stationary "
               "points, trace and fit gradient descent.")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print usage and exit; we want one line
        argument = re.fullmatch(r"argument (\S+): (.*)", message, re.DOTALL)
        if argument:  # argparse's words are English; ours come from the catalogue
            name, reason = argument.groups()
            choice = re.fullmatch(r"invalid choice: (.*) \(choose from (.*)\)", reason)
            if choice:
                reason = said("cli.invalid-choice", *choice.groups())
            raise UsageError(said("cli.argument", name, reason))
        missing = re.fullmatch(r"the following arguments are required: (.*)", message)
        if missing:
            raise UsageError(said("cli.required", missing.group(1)))
        raise UsageError(message)


def _model_args(p: argparse.ArgumentParser, network: bool = False) -> None:
    p.add_argument("model", nargs="?" if network else None,
                   help='the model formula, e.g. "a*x1 + b*x2**2 + c*x3**3 + d"')
    p.add_argument("--inputs", required=not network,
                   help="comma-separated input names, e.g. x1,x2,x3")
    if network:
        p.add_argument("--network", metavar="SIZES",
                       help="a network of Dense layers instead of a formula, e.g. 784-30-10")
        p.add_argument("--activation", default="sigmoid", choices=sorted(ACTIVATIONS),
                       help="the activation after every layer (default sigmoid)")
        p.add_argument("--output", choices=sorted(ACTIVATIONS),
                       help="the activation after the last layer (default: --activation)")
        p.add_argument("--wrt", metavar="NAMES",
                       help="write these parameters' derivations out in full, e.g. W2_1_3")
    p.add_argument("--params", help="comma-separated parameter names (default: the other symbols)")
    p.add_argument("--loss", default="mse", choices=sorted(LOSSES), help="the loss (default mse)")
    p.add_argument("--l2", metavar="λ", help="add the penalty λ/(2m)·Σ w² on the weights to J")
    p.add_argument("--l1", metavar="λ", help="add the penalty (λ/m)·Σ |w| on the weights to J")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``symgrad`` command.

    >>> build_parser().parse_args(["derive", "w*x", "--inputs", "x"]).loss
    'mse'
    """
    parser = _Parser(prog="symgrad", description=DESCRIPTION,
                     epilog="Each command has its own --help, with an example "
                            "(symgrad check --help).")
    parser.add_argument("--version", action="version", version=f"symgrad {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("derive", help="print a loss and each gradient")
    _model_args(p, network=True)
    p.add_argument("--latex", action="store_true", help="print LaTeX (an align* body)")
    p.add_argument("--rules", action="store_true", help="show every rule that was applied")
    # --steps is a number everywhere (fit, trace): derive's old flag gets a clear message.
    p.add_argument("--steps", nargs="?", action=_Renamed, help=argparse.SUPPRESS)
    add_document_options(p)
    p.set_defaults(run=_derive)

    p = sub.add_parser("fit", help="fit a model to a CSV file by gradient descent")
    _model_args(p)
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
    p.set_defaults(run=_fit)
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    add_examples(sub.choices)
    for command in sub.choices.values():
        if "--timeout" not in command._option_string_actions:
            command.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                                 help="time budget of the whole command: reading, computing "
                                      "and writing out (default 10, fit 300; or the "
                                      "SYMGRAD_TIMEOUT environment variable)")
    for command in sub.choices.values():  # one shared option: the language of every word
        command.add_argument("--lang", type=_language, default=None, metavar="{en,zh}",
                             help="language of the explanations (default: $SYMGRAD_LANG, else en)")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(said('err.cli.expected-number-seconds-got',
                                              text)) from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(said('err.cli.expected-positive-number-seconds', text))
    return value


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("symgrad")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def _language(text: str) -> str:
    try:
        return checked(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _loss(args):
    if getattr(args, "network", None):
        if args.model is not None or args.inputs is not None:
            raise UsageError(said("err.cli.model-or-network"))
        return LOSSES[args.loss](network(args.network, args.activation, args.output),
                                 l2=args.l2, l1=args.l1)
    if args.model is None or args.inputs is None:
        raise UsageError(said("err.cli.model-or-network"))
    model = Model(args.model, inputs=args.inputs, params=args.params)
    return LOSSES[args.loss](model, l2=args.l2, l1=args.l1)


class _Renamed(argparse.Action):
    """An option that moved: using it says where to, in one line."""

    def __call__(self, parser, namespace, values, option_string=None):
        raise UsageError(said("cli.derive-steps-renamed"))


def _derive(args) -> int:
    wrt = [w.strip() for w in args.wrt.split(",")] if args.wrt else None
    d = derive(_loss(args), wrt)
    print(d.latex() if args.latex else d.text(steps=args.rules))
    write_documents(d, args)
    return 0


def _fit(args) -> int:
    loss = _loss(args)
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
        from tqdm import tqdm

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


#: An argument starting with one of these is an option; any other leading minus is a value.
_OPTION = re.compile(r"--[A-Za-z]|-h$|--$")


def protect_values(argv: list[str]) -> list[str]:
    """Mark arguments that start with a minus but are values (``-x^2``, ``-1/x^2``) as values.

    argparse takes any ``-x…`` for an option.  symgrad's options are all long (``--name``) and
    ``-h`` (and ``--`` ends the options), so everything else starting with a minus is a value:
    it gets a leading space, which argparse does not read as an option and every reader strips.

    >>> protect_values(["explain", "-x^2", "--wrt", "x", "--claimed", "-1/x^2", "-h", "--"])
    ['explain', ' -x^2', '--wrt', 'x', '--claimed', ' -1/x^2', '-h', '--']
    """
    return [f" {a}" if a.startswith("-") and not _OPTION.match(a) and a != "-" else a
            for a in argv]


def unprotected(args: argparse.Namespace) -> argparse.Namespace:
    """The parsed values without the space :func:`protect_values` put before a leading minus
    (so no value, and no output, ever shows it).

    >>> unprotected(argparse.Namespace(claimed=" -1/x^2", f="x", n=3)).claimed
    '-1/x^2'
    """
    for name, value in vars(args).items():
        if isinstance(value, str) and value.startswith(" -"):
            setattr(args, name, value[1:])
        elif isinstance(value, list):
            setattr(args, name, [v[1:] if isinstance(v, str) and v.startswith(" -") else v
                                 for v in value])
    return args


def one_line(message: object) -> str:
    """An error message on one line, whatever SymPy or the system put in it.

    >>> one_line("cannot read it:" + chr(10) + "  Can't calculate derivative wrt 1.")
    "cannot read it: Can't calculate derivative wrt 1."
    """
    return " ".join(str(message).split())


def main(argv=None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input or undecided, 4 a fit
    whose J rose, unless ``--allow-rise``).

    >>> main(["derive", "w*x", "--inputs", "x"])
    f = w·x
    ℓ = (f − y)²/2   squared error
    J = 1/(2·m) Σ[i=1..m] (f_i − y_i)²   the mean over the m samples
    ∂ℓ/∂w = x·(w·x − y)
    0
    """
    argv = protect_values(sys.argv[1:] if argv is None else list(argv))
    with language(_asked_language(argv)):  # errors, even argparse's, speak --lang too
        return _main(argv)


def _asked_language(argv: list[str]) -> str | None:
    """The language ``--lang`` asks for, if it is one symgrad speaks (argparse reports others).

    >>> _asked_language(["derive", "x", "--lang", "zh"]), _asked_language(["--lang=fr"])
    ('zh', None)
    """
    for i, a in enumerate(argv):
        value = argv[i + 1] if a == "--lang" and i + 1 < len(argv) else (
            a[len("--lang="):] if a.startswith("--lang=") else None)
        if value is not None:
            try:
                return checked(value)
            except ValueError:
                return None
    return None


def _main(argv: list[str]) -> int:
    try:
        args = unprotected(build_parser().parse_args(argv))
        check_outputs(args)
        with default_budget(args.timeout), language(args.lang), process_default(args.lang):
            code = run_budgeted(args)  # reading, computing and rendering in one budget
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except SystemExit as e:  # --help and --version
        return e.code if isinstance(e.code, int) else 0
    except BrokenPipeError:
        return _closed_pipe()
    except TooExpensive as e:
        print(said("cli.undecided", one_line(e)), file=sys.stderr)
        return 2
    except (UsageError, ParseError, ValueError, TypeError, DivergenceError, LatexError,
            OSError, ArithmeticError) as e:
        print(said("cli.error", one_line(e)), file=sys.stderr)
        return 2
    except RecursionError:
        print(said("cli.too-deep"), file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - a bug in symgrad: still one line, never a traceback
        if os.environ.get("SYMGRAD_DEBUG"):
            raise
        print(said("cli.internal", type(e).__name__, one_line(e)), file=sys.stderr)
        return 1


def _closed_pipe() -> int:
    """The reader of stdout went away (``| head``): stop quietly, as Unix tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the flush at exit must not fail again
    except (OSError, ValueError):
        pass
    return 141  # 128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe


if __name__ == "__main__":  # python -m symgrad.cli, like python -m symgrad
    sys.exit(main())
