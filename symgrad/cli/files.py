"""The files a ``symgrad`` command writes: checked before any work, so nothing the user has is lost.

An output goes into a folder that exists (symgrad never creates folders unasked), is a file
name rather than a folder, carries the extension its format needs, and is never one of the
command's input files.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError, said
from ..i18n.language import phrase

#: Output options (argparse destination → the option as typed) and the extensions each takes.
OUTPUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tex": ("--tex", (".tex",)),
    "slides": ("--slides", (".tex", ".pdf")),
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
            raise UsageError(said('err.cli_files.folder-give-file-name',
                                  option, value, path / ('plot' if dest == 'plot' else dest),
                                  suffixes[0]))
        folder = path.parent
        if not folder.is_dir():
            raise UsageError(said('err.cli_files.folder-does-not-exist', option, folder))
        if path.suffix.lower() not in suffixes:
            raise UsageError(said('err.cli_files.needs-file-name-ending',
                                  option, f" {phrase('or')} ".join(suffixes), value))
        where = _resolved(value)
        if where in inputs:
            raise UsageError(said('err.cli_files.input-file-symgrad-never',
                                  option, value, inputs[where]))
        if where in seen:
            raise UsageError(said('err.cli_files.and-name-same-file', option, seen[where], value))
        seen[where] = option


def _resolved(path: str) -> Path:
    return Path(path).expanduser().resolve()
