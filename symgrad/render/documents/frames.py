"""Beamer frames: a section's blocks cut into frames of about equal height, and a section of
one or two lines joined to a neighbour's frame under its own heading."""

from __future__ import annotations

import re

from ..outline import Para, Table
from .layout import Line, width

__all__ = ["FRAME_HEIGHT", "frames_of", "merged", "room"]

#: A frame holds about this many lines of display math (a line with a fraction counts 1.8).
FRAME_HEIGHT = 10.0


def _height(line: Line) -> float:
    # A fraction on either side (∂ℓ/∂W = x₁ is as tall as its left side) makes a line taller;
    # a matrix of display-style fractions more so.
    text = line.left + line.right
    if r"\dfrac" in text and "pmatrix" in text:
        rows = max(body.count(r"\\") for body in re.findall(r"pmatrix\}(.*?)\\end", text))
        return 1.6 * (1 + rows) + 0.4
    tall = any(mark in text for mark in (r"\frac", r"\sum"))
    return 1.8 if tall else 1.0


def _group_height(tex, lines: list[Line]) -> float:
    # A note that does not fit beside its line is set below it by amsmath: one more line.
    total = 0.0
    for line in lines:
        total += _height(line)
        if line.note:
            note = re.sub(r"\\[A-Za-z]+|[{}$^_]", "", tex.words(line.note))
            if width(line.left + line.right) + 0.6 * len(note) + 3 > tex.layout.available:
                total += 1.0
    return total


def _blocks(tex, items) -> tuple[list[tuple[float, str, object]], set[int]]:
    """A section's items as unbreakable blocks (height, kind, payload): a paragraph, a table,
    or one row's lines (a frame never starts with a continuation); and the indices of the
    blocks that begin an item (where a frame may most naturally begin)."""
    blocks, starts = [], set()
    for item in items:
        starts.add(len(blocks))
        if isinstance(item, Para):
            text = tex.para(item)
            blocks.append((_para_height(text), "para", text))
        elif isinstance(item, Table):
            blocks.append((1.5 + 0.6 * len(item.rows), "para", tex.table(item)))
        else:
            group: list[Line] = []
            for line in tex.laid_out(item):
                if group and not line.continued:
                    blocks.append((_group_height(tex, group), "math", group))
                    group = []
                group.append(line)
            if group:
                blocks.append((_group_height(tex, group), "math", group))
    return blocks, starts


def _partition(heights: list[float], count: int, natural: set[int] = frozenset()) -> list[int]:
    """Where to cut ``heights`` into ``count`` consecutive frames: the fullest frame as low as
    it can be (to within one line of fractions, 1.8), then as few cuts as can be away from the
    ``natural`` places (where a new paragraph or display begins), then the fullest frame
    lowest and the emptiest fullest.  Returns the start index of each frame.

    >>> _partition([1.8] * 10, 3)
    [0, 3, 6]
    >>> _partition([1.8] * 5, 2), _partition([1.8] * 5, 2, natural={3})  # a display begins at 3
    ([0, 2], [0, 3])
    """
    n = len(heights)
    prefix = [0.0]
    for h in heights:
        prefix.append(prefix[-1] + h)
    inf = (float("inf"), 0, 0.0, 0.0, [])
    # best[i]: (fullest in lines, unnatural cuts, fullest, −emptiest, cuts) for i blocks.
    best = [(0, 0, 0.0, -float("inf"), [])] + [inf] * n
    for k in range(1, count + 1):
        row = [inf] * (n + 1)
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                lines, odd, fullest, emptiest, cuts = best[j]
                if lines == float("inf"):  # j blocks cannot fill k − 1 frames
                    continue
                here = prefix[i] - prefix[j]
                top = max(fullest, here)
                key = (-int(-(top - 1e-6) // 1.8), odd + (0 < j and j not in natural),
                       round(top, 6), round(max(emptiest, -here), 6))
                if key < row[i][:4]:
                    row[i] = (*key, [*cuts, j])
        best = row
    return best[n][4]


def _para_height(tex: str) -> float:
    # About 70 letters a line (inline math counts its width, a Chinese character two); a line
    # holding an inline fraction is taller.
    math = sum(width(m) + 1 for m in re.findall(r"\$([^$]*)\$", tex))
    text = re.sub(r"\$[^$]*\$", "", tex)
    lines = -int(-(math + sum(2 if "\u2e80" <= c else 1 for c in text)) // 70)
    return 0.3 + lines * (0.8 if r"\frac" in tex else 0.6)


def room(heading: str) -> float:
    r"""How much a frame under ``heading`` holds: less when the title takes two lines (about
    62 letters fit; inline math counts its width, a Chinese character two letters).

    >>> room("The derivative of the loss with respect to the prediction $f$")
    10.0
    >>> room("Why the mean of the per-sample gradients is the gradient of the cost $J$ here")
    8.5
    """
    math = sum(width(m) + 1 for m in re.findall(r"\$([^$]*)\$", heading))
    text = re.sub(r"\$[^$]*\$", "", heading)
    wide = math + sum(2 if "\u2e80" <= c else 1 for c in text)
    return FRAME_HEIGHT - (1.5 if wide > 62 else 0.0)


def frames_of(tex, items, budget: float = FRAME_HEIGHT) -> list[tuple[float, list]]:
    """A section's items cut into frames (height, parts): as few frames as the height needs,
    balanced so that no frame is left with one or two lines while another is full."""
    blocks, natural = _blocks(tex, items)
    if not blocks:
        return []
    heights = [h for h, _, _ in blocks]
    count = max(1, -int(-(sum(heights) - 1e-6) // budget))
    while True:
        cuts = _partition(heights, min(count, len(blocks)), natural)
        ends = [*cuts[1:], len(blocks)]
        if count >= len(blocks) or all(
                sum(heights[a:b]) <= budget + 1e-6 or b - a == 1
                for a, b in zip(cuts, ends)):
            break
        count += 1
    return [(sum(heights[a:b]), _parts(tex, blocks[a:b])) for a, b in zip(cuts, ends)]


def _parts(tex, blocks) -> list[str]:
    # Consecutive math blocks share one align* environment.
    parts, math = [], []
    for _, kind, payload in blocks:
        if kind == "math":
            math.extend(payload)
            continue
        if math:
            parts.append(tex.align(math))
            math = []
        parts.append(payload)
    if math:
        parts.append(tex.align(math))
    return parts


def _small(frame: tuple[float, list]) -> bool:
    # A frame of one or two lines of math and at most a sentence.
    height, parts = frame
    return height <= 2 * 1.8 + 0.45


def merged(sections: list[tuple[str, list]]) -> list[tuple[str, list[str]]]:
    """Frames (title, parts) of all sections: a section that fills only one small frame joins
    a neighbour's frame (the smaller one it fits with), under its own heading in the frame."""
    frames = []  # [title, height, parts, section index]
    for index, (heading, section_frames) in enumerate(sections):
        frames += [[heading, h, parts, index] for h, parts in section_frames]
    k = 0
    while k < len(frames):
        title, height, parts, index = frames[k]
        alone = sum(f[3] == index for f in frames) == 1
        if not (alone and _small((height, parts))):
            k += 1
            continue
        options = [j for j in (k - 1, k + 1) if 0 <= j < len(frames)
                   and frames[j][1] + height + 0.6
                   <= min(room(title), room(frames[j][0])) + 1e-6]
        if not options:
            k += 1
            continue
        j = min(options, key=lambda j: frames[j][1])
        head = r"\structure{" + title + "}"
        if j < k:
            frames[j][2] = [*frames[j][2], head, *parts]
        else:
            frames[j][2] = [*parts, r"\structure{" + frames[j][0] + "}", *frames[j][2]]
            frames[j][0] = title
        frames[j][1] += height + 0.6
        del frames[k]
        k = max(0, k - 1)
    return [(title, parts) for title, _, parts, _ in frames]
