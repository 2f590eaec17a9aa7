"""Refresh the output shown in the docs' console blocks by running each command for real.

A console block in a page of docs/ (or the README) is a fenced block marked ``console``
whose lines starting with ``$ symgrad`` are commands; the lines after each command are its
output.  ``python docs/regenerate.py`` rewrites those outputs; the test suite checks that
every page is in sync (tests/test_docs.py), so the docs cannot rot.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The tutorial's pages in reading order (tests/test_tutorial.py holds the folder to it).
TUTORIAL_ORDER = ("index.md", "0-formulas.md", "1-networks.md", "2-learning.md",
                  "3-losses.md", "4-gradient-descent.md")
TUTORIAL = [ROOT / "docs" / "tutorial" / name for name in TUTORIAL_ORDER]
#: The same walk in Chinese (docs/tutorial/zh/), in the same order.
TUTORIAL_ZH = [ROOT / "docs" / "tutorial" / "zh" / name for name in TUTORIAL_ORDER]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *TUTORIAL, *TUTORIAL_ZH]
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)


def run(command: str) -> str:
    """Run one ``symgrad …`` command line in this process and return what it printed."""
    from symgrad.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _cwd(ROOT):
        code = main(shlex.split(command)[1:])
    text = out.getvalue() + err.getvalue()
    return text if code == 0 else text + f"[exit code {code}]\n"


@contextlib.contextmanager
def _cwd(path):
    import os

    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def commands(block: str) -> list[str]:
    """The command lines of a console block."""
    return [line[2:] for line in block.splitlines() if line.startswith("$ symgrad")]


def render(block: str) -> str:
    """The block with each command followed by its real output."""
    return "".join(f"$ {c}\n{run(c)}" for c in commands(block))


def refreshed(page: Path) -> str:
    """The page's text with every console block refreshed."""
    return BLOCK.sub(lambda m: f"```console\n{render(m.group(1))}```\n", page.read_text())


def main() -> int:
    for page in PAGES:
        new = refreshed(page)
        if new != page.read_text():
            page.write_text(new)
            print(f"updated {page.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
