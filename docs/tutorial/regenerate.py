"""Refresh the console blocks of the tutorial's pages: ``python docs/tutorial/regenerate.py``.

docs/regenerate.py refreshes README.md and docs/*.md only; this script runs the same
machinery (its ``refreshed(page)``) over every page of docs/tutorial/.  Each ``$ symgrad …``
line of a ``console`` block is run for real and the lines after it are replaced by what it
printed.  tests/test_tutorial.py checks that every page is in sync.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

#: The pages in reading order: each one links to the next.
ORDER = (
    "index.md",
    "0-formulas.md",
    "1-networks.md",
    "2-learning.md",
    "3-losses.md",
    "4-gradient-descent.md",
)
PAGES = tuple(HERE / name for name in ORDER)


def _docs_regenerate():
    """docs/regenerate.py, loaded by path under its own name.

    A plain ``import regenerate`` would find this very file when it is run as a script
    (its folder comes first on sys.path), so the module is loaded from its file instead.
    """
    name = "symgrad_docs_regenerate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / "regenerate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def refreshed(page: Path) -> str:
    """The page's text with every console block re-run (docs/regenerate.py's ``refreshed``)."""
    return _docs_regenerate().refreshed(page)


def main() -> int:
    sys.path.insert(0, str(ROOT))  # run the symgrad of this checkout
    for page in PAGES:
        new = refreshed(page)
        if new != page.read_text():
            page.write_text(new)
            print(f"updated {page.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
