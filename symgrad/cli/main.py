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
from importlib.metadata import PackageNotFoundError, version

from ..calculus.derive import derive
from ..errors import DivergenceError, ParseError, TooExpensive, UsageError, said
from ..i18n.language import checked, language, process_default
from ..render.documents.pdf import LatexError
from ..runtime.budget import default_budget
from .documents import add_document_options, write_documents
from .examples import add_examples
from .files import check_outputs
from .model_options import add_model_options, loss_of
from .run import FIT_TIMEOUT_HELP, TIMEOUT_HELP, run_budgeted

#: Modules that add sub-commands: each has ``register(subparsers)``; a command's ``run(args)``
#: returns the exit code and raises UsageError, ParseError or ValueError on bad input.
COMMAND_MODULES: tuple[str, ...] = ("symgrad.cli.fit", "symgrad.cli.analysis",
                                    "symgrad.cli.check", "symgrad.cli.serve")

#: What ``symgrad --help`` says first.
DESCRIPTION = ("symgrad: derive gradients rule by rule, check answers, explain stationary "
               "points, trace and fit gradient descent.")


class CommandParser(argparse.ArgumentParser):
    """argparse's parser whose errors are one UsageError line in the user's language."""

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``symgrad`` command.

    >>> build_parser().parse_args(["derive", "w*x", "--inputs", "x"]).loss
    'mse'
    """
    parser = CommandParser(prog="symgrad", description=DESCRIPTION,
                           epilog="Each command has its own --help, with an example "
                                  "(symgrad check --help).")
    parser.add_argument("--version", action="version", version=f"symgrad {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=CommandParser)

    p = sub.add_parser("derive", help="print a loss and each gradient")
    add_model_options(p, network=True)
    p.add_argument("--latex", action="store_true", help="print LaTeX (an align* body)")
    p.add_argument("--rules", action="store_true", help="show every rule that was applied")
    # --steps is a number everywhere (fit, trace): derive's old flag gets a clear message.
    p.add_argument("--steps", nargs="?", action=_Renamed, help=argparse.SUPPRESS)
    add_document_options(p)
    p.set_defaults(run=_derive)

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    add_examples(sub.choices)
    for name, command in sub.choices.items():
        if "--timeout" not in command._option_string_actions:
            command.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                                 help=FIT_TIMEOUT_HELP if name == "fit" else TIMEOUT_HELP)
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
    try:
        return version("symgrad")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def _language(text: str) -> str:
    try:
        return checked(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


class _Renamed(argparse.Action):
    """An option that moved: using it says where to, in one line."""

    def __call__(self, parser, namespace, values, option_string=None):
        raise UsageError(said("cli.derive-steps-renamed"))


def _derive(args) -> int:
    wrt = [w.strip() for w in args.wrt.split(",")] if args.wrt else None
    d = derive(loss_of(args), wrt)
    print(d.latex() if args.latex else d.text(steps=args.rules))
    write_documents(d, args)
    return 0


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
