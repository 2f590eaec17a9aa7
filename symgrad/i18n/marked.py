"""Words whose math is marked ``$…$``: the catalogue's phrases and computed sentences.

A catalogue phrase marks its math with ``$``: ``"Each unit $j$ of layer $l$ adds up its
weighted inputs, $z⁽ˡ⁾ⱼ$"``.  Inside a span the math is written as it reads in a terminal
(σ, ∂, subscripts ₖ, superscripts ⁽ˡ⁾, primes ′).  The terminal drops the marks
(:func:`unmarked`); documents and the web page typeset the spans as math
(:mod:`symgrad.render.printers.unimath`).

>>> unmarked("the mean $J$ over $m$ samples")
'the mean J over m samples'
"""

from __future__ import annotations


class Marked(str):
    """Words whose math is marked ``$…$``: renderers typeset the marked spans as math.  A plain
    ``str`` value is words only (escaped), so user text never turns into math or commands.

    >>> spans(Marked("at $x = 3$"))
    [(False, 'at '), (True, 'x = 3')]
    """


def unmarked(text: str) -> str:
    """A phrase for the terminal: the ``$`` marks dropped, the Unicode math kept."""
    return text.replace("$", "")


def spans(text: str) -> list[tuple[bool, str]]:
    """The phrase cut at its ``$`` marks: (is math, text) pairs.

    >>> spans("at $x = 3$: a minimum")
    [(False, 'at '), (True, 'x = 3'), (False, ': a minimum')]
    """
    return [(k % 2 == 1, part) for k, part in enumerate(text.split("$")) if part]
