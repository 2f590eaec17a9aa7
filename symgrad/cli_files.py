"""The files a ``symgrad`` command writes: checked before any work, so nothing the user has is lost.

An output goes into a folder that exists (symgrad never creates folders unasked), is a file
name rather than a folder, carries the extension its format needs, and is never one of the
command's input files.
"""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError

#: Output options (argparse destination → the option as typed) and the extensions each takes.
OUTPUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tex": ("--tex", (".tex",)),
    "slides": ("--slides", (".tex",)),
    "pdf": ("--pdf", (".pdf",)),
    "plot": ("--plot", (".png", ".pdf", ".svg", ".jpg", ".jpeg")),
}

#: Options that name files a command reads.
INPUTS: tuple[str, ...] = ("data", "answers", "problems")


def check_outputs(args) -> None:
    """Refuse, in one line, an output path that would fail or destroy a file after the work.

    >>> import argparse
    >>> check_outputs(argparse.Namespace(tex="/no/such/folder/a.tex"))
    Traceback (most recent call last):
    ...
    symgrad.errors.UsageError: --tex: the folder /no/such/folder does not exist (symgrad does not create folders)
    >>> check_outputs(argparse.Namespace(plot="/tmp"))
    Traceback (most recent call last):
    ...
    symgrad.errors.UsageError: --plot: /tmp is a folder; give a file name such as /tmp/plot.png
    """  # noqa: E501 - a doctest's expected output is one line
    inputs = {_resolved(v): f"--{name}" for name in INPUTS
              if isinstance(v := getattr(args, name, None), str) and v}
    seen: dict[Path, str] = {}
    for dest, (option, suffixes) in OUTPUTS.items():
        value = getattr(args, dest, None)
        if not value:
            continue
        path = Path(value)
        if path.is_dir():
            raise UsageError(f"{option}: {value} is a folder; give a file name such as "
                             f"{path / ('plot' if dest == 'plot' else dest)}{suffixes[0]}")
        folder = path.parent
        if not folder.is_dir():
            raise UsageError(f"{option}: the folder {folder} does not exist "
                             "(symgrad does not create folders)")
        if path.suffix.lower() not in suffixes:
            raise UsageError(f"{option} needs a file name ending in {' or '.join(suffixes)}, "
                             f"not {value!r}")
        where = _resolved(value)
        if where in inputs:
            raise UsageError(f"{option} {value} is the input file of {inputs[where]}; "
                             "symgrad never overwrites an input")
        if where in seen:
            raise UsageError(f"{option} and {seen[where]} name the same file {value}")
        seen[where] = option


def _resolved(path: str) -> Path:
    return Path(path).expanduser().resolve()
