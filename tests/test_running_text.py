"""Math in running text is typeset as math; Chinese sentences read like a Chinese textbook.

Over the reference examples of test_presentation.py, both languages, article and deck: no Greek
letter, sub- or superscript, prime or lone variable letter outside math mode, and no ASCII
``:``/``;`` or English word in a Chinese sentence (tests/running_text.py).
"""

from __future__ import annotations

import pytest

from tests.running_text import problems
from tests.test_presentation import EXAMPLES, _documents


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_running_text_has_no_bare_math(name, lang):
    """Every symbol in the running text of the article and the deck is set as math."""
    for tex in _documents(name, lang):
        assert problems(tex, lang) == []


def test_the_check_sees_bare_math():
    """The check is not a rubber stamp: the sentences of issue 22 fail it."""
    doc = r"\begin{document}" "\n"
    assert problems(doc + "Each unit j of layer l adds up z⁽ˡ⁾ⱼ", "en")
    assert problems(doc + r"At $x = 3$: f″(3) = 4 > 0", "en")
    assert problems(doc + "Over m samples the loss is the mean J", "en")
    assert problems(doc + "第 l 层", "zh")
    assert problems(doc + "所以: 损失 invalid syntax", "zh")
    assert problems(doc + r"在 $x = 3$ 处：极小值。", "zh") == []
