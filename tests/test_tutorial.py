"""The tutorial (docs/tutorial/) shows symgrad's real output and reads as one walk-through.

Its ``pycon`` blocks run as doctests (pytest collects docs/ with --doctest-glob=*.md) and its
``console`` blocks are re-run by tests/test_docs.py; here the pages are checked to exist in
reading order, each page to link to the next, and every relative link to lead to a real file.
"""

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial"


sys.path.insert(0, str(ROOT / "docs"))
import regenerate  # noqa: E402

PAGES = list(regenerate.TUTORIAL)
IDS = [p.name for p in PAGES]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_every_page_exists_and_every_page_is_listed():
    """The reading order names exactly the Markdown files of the folder."""
    assert [p.name for p in PAGES] == list(regenerate.TUTORIAL_ORDER)
    assert all(p.is_file() for p in PAGES), [p.name for p in PAGES if not p.is_file()]
    assert sorted(p.name for p in TUTORIAL.glob("*.md")) == sorted(regenerate.TUTORIAL_ORDER)


@pytest.mark.parametrize("page", PAGES[1:], ids=IDS[1:])
def test_each_section_shows_real_output(page):
    """Every section page holds output that the tests check: a doctest and a console block
    or at least one of the two."""
    text = page.read_text()
    assert "```pycon\n>>> " in text or "```console\n$ symgrad" in text


@pytest.mark.parametrize(("page", "following"), list(zip(PAGES, PAGES[1:])),
                         ids=IDS[:-1])
def test_each_page_links_to_the_next(page, following):
    """A reader can go through the tutorial in order by following "Next:" links."""
    next_lines = [line for line in page.read_text().splitlines() if line.startswith("Next: [")]
    assert len(next_lines) == 1, f"{page.name} needs one 'Next: [...](...)' line"
    assert f"]({following.name})" in next_lines[0]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_relative_links_lead_to_files(page):
    """Links to other pages, pictures and examples point at files that exist."""
    for target in LINK.findall(page.read_text()):
        if "://" in target:
            continue
        path = target.split("#", 1)[0]
        if path:
            assert (page.parent / path).resolve().exists(), f"{page.name}: broken link {target}"


@pytest.mark.parametrize("page", PAGES[1:], ids=IDS[1:])
def test_each_section_names_the_article_section(page):
    """Every section page says which section of the article it follows (§0 … §4)."""
    number = page.name.split("-", 1)[0]
    assert f"# §{number} " in page.read_text()


def test_the_index_lists_every_page():
    """The table of contents links every section page."""
    index = (TUTORIAL / "index.md").read_text()
    for page in PAGES[1:]:
        assert f"]({page.name})" in index


def test_there_are_console_blocks_to_check():
    """The console test above is not vacuous."""
    pages = [p for p in PAGES if "```console\n$ symgrad" in p.read_text()]
    assert len(pages) >= 3
