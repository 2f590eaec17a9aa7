"""The files a ``symgrad`` command writes: checked before any work, so nothing the user has is lost.

An output goes into a folder that exists (symgrad never creates folders unasked), is a file
name rather than a folder or a device, carries the extension its format needs, and is never one
of the command's input files — compared by device and inode, so a hard link to an input is
refused as surely as its own name.  Files are then written whole through a temporary file
renamed into place (:mod:`symgrad.runtime.atomic`).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError, said
from ..i18n.language import phrase
from ..runtime.atomic import same_file, special_file

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
    inputs = [(v, f"--{name}") for name in INPUTS
              if isinstance(v := getattr(args, name, None), str) and v]
    seen: list[tuple[str, str]] = []
    for dest, (option, suffixes) in OUTPUTS.items():
        value = getattr(args, dest, None)
        if not value:
            continue
        path = Path(value)
        if path.is_dir():
            raise UsageError(said('err.cli_files.folder-give-file-name',
                                  option, value, path / ('plot' if dest == 'plot' else dest),
                                  suffixes[0]))
        check_output(option, value, inputs)
        if path.suffix.lower() not in suffixes:
            raise UsageError(said('err.cli_files.needs-file-name-ending',
                                  option, (" " + phrase("or") + " ").join(suffixes), value))
        for earlier, other in seen:
            if one_file(earlier, value):
                raise UsageError(said('err.cli_files.and-name-same-file', option, other, value))
        seen.append((value, option))
    if getattr(args, "command", None) == "fit" and getattr(args, "plot", None):
        check_output("--plot", str(fitted_plot(Path(args.plot))), inputs)  # written beside it


def fitted_plot(path: Path) -> Path:
    """Where ``fit --plot FILE`` draws the fitted model: FILE-fit, beside the loss curve.

    >>> fitted_plot(Path("out/loss.png"))
    PosixPath('out/loss-fit.png')
    """
    return path.with_name(f"{path.stem}-fit{path.suffix}")


def check_output(option: str, value: str, inputs: list[tuple[str, str]]) -> None:
    """Refuse the output ``value`` of ``option`` if its folder is missing, if it names a
    device, a pipe or a folder, or if it is one of ``inputs`` ((path, option) pairs) by device
    and inode.

    >>> check_output("--out", "/dev/full", [])
    Traceback (most recent call last):
    ...
    symgrad.errors.UsageError: --out: /dev/full is a device, not a file; give a file name
    """
    folder = Path(value).parent
    if not folder.is_dir():
        raise UsageError(said('err.cli_files.folder-does-not-exist', option, folder))
    kind = special_file(value)
    if kind is not None:
        raise UsageError(said('err.cli_files.special-file', option, value, kind))
    for given, name in inputs:
        if one_file(value, given):
            raise UsageError(said('err.cli_files.input-file-symgrad-never', option, value, name))


def one_file(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one file (device and inode: hard and symbolic links
    count), or one path not written yet.

    >>> one_file("/tmp/a.csv", "/tmp/../tmp/a.csv")
    True
    """
    return same_file(a, b) or _resolved(a) == _resolved(b)


def _resolved(path: str) -> Path:
    return Path(path).expanduser().resolve()
