"""Writing a person's files safely: whole or not at all, and never over what is being read.

Every file symgrad writes (reports, documents, pictures, PDFs) goes first to a temporary file
in the same folder, which is renamed into place once it is complete (``os.replace``, atomic on
one file system).  An interrupted command leaves the old file as it was, and a reader of the
old file — the command's own input, even through a hard link — never sees the new one grow.
Whether two names are one file is asked of the file system (device and inode, as
``os.path.samefile`` does), not read from the paths: a hard link has a path of its own.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import said

__all__ = ["replacing", "same_file", "special_file", "write_bytes", "write_text"]


def same_file(a, b) -> bool:
    """Whether the paths ``a`` and ``b`` name one existing file (same device and inode).

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> a, b = os.path.join(folder, "a.csv"), os.path.join(folder, "b.csv")
    >>> _ = open(a, "w").write("x")
    >>> os.link(a, b)
    >>> same_file(a, b), same_file(a, os.path.join(folder, "missing.csv"))
    (True, False)
    """
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def special_file(path) -> str | None:
    """What ``path`` is when it exists and is neither a regular file nor missing (a device, a
    pipe, a socket, a folder), in words; None for a regular file or a free name.

    >>> special_file("/dev/full"), special_file("/no/such/file.csv")
    ('a device', None)
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return str(said("err.files.kind-folder"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return str(said("err.files.kind-device"))
    if stat.S_ISFIFO(mode):
        return str(said("err.files.kind-pipe"))
    return str(said("err.files.kind-special"))


@contextmanager
def replacing(path, mode: str = "w", **options):
    """An open temporary file beside ``path``, renamed to ``path`` when the block ends without
    an error (removed otherwise); ``mode`` and ``options`` are those of ``open``.

    >>> import os, tempfile
    >>> target = os.path.join(tempfile.mkdtemp(), "report.md")
    >>> with replacing(target, encoding="utf-8") as fh:
    ...     _ = fh.write("# report")
    ...     os.path.exists(target)
    False
    >>> open(target).read(), os.listdir(os.path.dirname(target))
    ('# report', ['report.md'])
    """
    path = Path(path)
    kind = special_file(path)
    if kind is not None:
        raise OSError(str(said("err.files.not-regular", path, kind)))
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with open(fd, mode, **options) as fh:
            yield fh
        os.chmod(temporary, 0o666 & ~_umask())  # what open() would have given a new file
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_text(path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through :func:`replacing`.

    >>> import os, tempfile
    >>> target = os.path.join(tempfile.mkdtemp(), "a.tex")
    >>> write_text(target, "x"); open(target).read()
    'x'
    """
    with replacing(path, "w", encoding=encoding) as fh:
        fh.write(text)


def write_bytes(path, data: bytes) -> None:
    """Write ``data`` to ``path`` through :func:`replacing`.

    >>> import os, tempfile
    >>> target = os.path.join(tempfile.mkdtemp(), "a.pdf")
    >>> write_bytes(target, b"%PDF"); open(target, "rb").read()
    b'%PDF'
    """
    with replacing(path, "wb") as fh:
        fh.write(data)


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would, for every thread)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
