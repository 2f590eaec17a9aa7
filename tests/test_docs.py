"""The docs show symgrad's real output: every console block is re-run and compared."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs"))
import regenerate  # noqa: E402

PAGES = [p for p in regenerate.PAGES if regenerate.BLOCK.search(p.read_text())]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_console_blocks_show_real_output(page):
    """Each `$ symgrad …` in the page prints exactly what the page shows."""
    assert regenerate.refreshed(page) == page.read_text(), (
        f"{page.name} is out of date: run python docs/regenerate.py"
    )


def test_there_are_pages_to_check():
    """The docs hold console examples (an empty list would make the test above vacuous)."""
    assert len(PAGES) >= 2
