"""One worked example per sub-command, shown at the end of its ``--help``.

Every example runs as printed (tests/test_cli_faces.py runs them all, in a folder holding the
sample files of the web page: line.csv, answers.csv, problems.csv).

>>> EXAMPLES["check"][0]
'symgrad check --f "x^2" --claimed "2x"'
"""

from __future__ import annotations

import argparse

__all__ = ["EXAMPLES", "add_examples"]

EXAMPLES: dict[str, tuple[str, ...]] = {
    "derive": ('symgrad derive "w*x + b" --inputs x',
               'symgrad derive "sigmoid(w*x + b)" --inputs x --loss bce --rules'),
    "fit": ('symgrad fit "w*x + b" --inputs x --data line.csv --lr 0.05 --steps 500',
            'cat line.csv | symgrad fit "w*x + b" --inputs x --data - --lr 0.05 --steps 500'),
    "check": ('symgrad check --f "x^2" --claimed "2x"',
              'symgrad check --f "x^2*y" --wrt x --claimed "2xy"',
              'symgrad check --loss mse --model "w*x + b" --inputs x --l2 1/10 '
              '--claimed "(f - y)^2/2 + w^2/(20m)"'),
    "grade": ("symgrad grade answers.csv --problems problems.csv --out report",
              "symgrad grade - --problems problems.csv --out - < answers.csv"),
    "explain": ('symgrad explain "2*x**2 + 2*y + 4*x*y"',),
    "steps": ('symgrad steps "sin(x**2)"',),
    "trace": ('symgrad trace "2*x**2 + y**2 + 3" --start x=1,y=1 --lr 1/4 --steps 3',),
    "serve": ("symgrad serve --open",
              "symgrad serve --host 0.0.0.0    # a classroom: share the address it prints"),
}


def add_examples(commands: dict[str, argparse.ArgumentParser]) -> None:
    """Put each command's examples at the end of its help, laid out as written."""
    for name, parser in commands.items():
        if name in EXAMPLES:
            lines = "\n".join(f"  {e}" for e in EXAMPLES[name])
            heading = "examples:" if len(EXAMPLES[name]) > 1 else "example:"
            parser.epilog = f"{heading}\n{lines}"
            parser.formatter_class = argparse.RawDescriptionHelpFormatter
