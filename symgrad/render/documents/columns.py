"""Terminal columns: a Chinese character takes two, so labels are padded by display width."""

from __future__ import annotations

import unicodedata


def columns(s: str) -> int:
    """How many terminal columns ``s`` takes: a Chinese character takes two.

    >>> columns("loss"), columns("损失")
    (4, 4)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def padded(*labels: str, gap: int = 2) -> list[str]:
    """Labels padded to one width plus ``gap`` spaces, so what follows them lines up.

    >>> padded("model", "loss", "")
    ['model  ', 'loss   ', '       ']
    """
    width = max(map(columns, labels)) + gap
    return [label + " " * (width - columns(label)) for label in labels]

