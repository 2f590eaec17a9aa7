"""The Chinese tutorial walks the same examples as the English one, with real output."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ["1-networks.md", "2-learning.md"]


def _inputs(page: Path) -> list[str]:
    """The Python lines a page runs (pycon ``>>>``/``...``), with the zh page's ``lang="zh"``
    taken out, so that the two languages' examples compare equal."""
    lines = re.findall(r"^(?:>>>|\.\.\.) ?(.*)$", page.read_text(encoding="utf-8"), re.M)
    return [re.sub(r"\.text\(lang=\"zh\"\)|,? ?lang=\"zh\"", "", line) for line in lines]


@pytest.mark.parametrize("name", PAIRS)
def test_chinese_pages_run_the_english_examples(name):
    english = _inputs(ROOT / "docs" / "tutorial" / name)
    chinese = _inputs(ROOT / "docs" / "tutorial" / "zh" / name)
    assert english and chinese == english


@pytest.mark.parametrize("name", PAIRS)
def test_chinese_pages_show_their_pictures(name):
    page = ROOT / "docs" / "tutorial" / "zh" / name
    for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text(encoding="utf-8")):
        assert (page.parent / target).resolve().is_file(), target
