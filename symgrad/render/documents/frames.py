r"""Beamer frames: a deck's sections cut into frames of about equal height, and a section too
short for a frame of its own joined to a neighbour's, under its own heading.

Heights are in points, estimated from the LaTeX of each line with constants measured with
pdflatex on the reference decks (a 16:9 Beamer frame at 11 pt: 228 pt below a one-line title;
each frame body set in a ``\vbox`` and its height read from the log, the constants fitted by
least squares; the residual's spread is about 10 pt, hence the margin in FRAME_HEIGHT).
``tests/test_frames.py`` compiles the reference decks and holds them to it: no frame overflows
its slide, and none holds a row or two alone.
"""

from __future__ import annotations

import re

from ..outline import Para, Table
from .layout import Line, width

__all__ = ["FRAME_HEIGHT", "SMALL", "deck_frames", "room"]

#: What a frame holds below a one-line title, in points: 228 pt measured, less a margin for
#: the estimate's error (pdflatex's heights run up to about 27 pt above it).
FRAME_HEIGHT = 200.0
#: A frame shorter than this (points) holds too little to stand alone: a section that short
#: shares a neighbour's frame, and frames are balanced to avoid it.
SMALL = 0.6 * FRAME_HEIGHT
#: Measured heights (points): every frame's fixed part; an align environment's skips; a line of
#: display math, one with a fraction, one with a sum or product with limits; a matrix and
#: each of its rows; a note that amsmath moves below its line; a line of text (one with an
#: inline fraction); a table row; a ``\structure`` heading inside a frame.
FRAME, ALIGN, PLAIN, TALL, SUM, MATRIX, MATRIX_ROW = 13.7, 18.1, 16.2, 24.6, 35.0, 10.4, 20.7
NOTE_BELOW, TEXT_LINE, TEXT_FRACTION, TABLE_ROW, HEADING = 24.2, 9.2, 26.2, 16.5, 12.6
#: A fraction with a layer's index (∂ℓ/∂z⁽²⁾₁) stands 8 pt taller (measured one line at a time).
LAYERED = 8.0
#: How far past the budget a short frame may take its neighbour's frame (points): the
#: estimate's spread, within the margin FRAME_HEIGHT keeps.
SLACK = 14.0
#: Frames are balanced to within this much (one line of fractions).
STEP = TALL


def _height(line: Line) -> float:
    text = line.left + line.right
    if "pmatrix" in text:
        rows = max(body.count(r"\\") for body in re.findall(r"pmatrix\}(.*?)\\end", text))
        return MATRIX + MATRIX_ROW * (1 + rows)
    if r"\sum" in text or r"\prod" in text:
        return SUM
    if r"\frac" not in text:
        return PLAIN
    return TALL + (LAYERED if "^{(" in text else 0.0)  # a layer's index: a taller fraction


def _note_width(tex, note) -> float:
    # Words at \small: about 0.6 units a letter, 1.75 a Chinese character; math by its width.
    words = tex.words(note)
    math = sum(width(m) + 1 for m in re.findall(r"\$([^$]*)\$", words))
    text = re.sub(r"\\[A-Za-z]+|[{}^_]", "", re.sub(r"\$[^$]*\$", "", words))
    return math + sum(1.75 if "\u2e80" <= c else 0.6 for c in text)


def _group_height(tex, lines: list[Line]) -> float:
    # A note that does not fit beside its line is set below it by amsmath: one more line.
    total = 0.0
    for line in lines:
        total += _height(line)
        if line.note and (width(line.left + line.right) + _note_width(tex, line.note) + 3
                          > tex.layout.available):
            total += NOTE_BELOW
    return total


def _para_height(text: str) -> float:
    # About 70 units a line: a Chinese character two, a letter 0.85 (85 letters: measured on
    # the index form's explanation), inline math its width, LaTeX commands nothing; a line
    # holding an inline fraction is taller.
    math = sum(width(m) + 1 for m in re.findall(r"\$([^$]*)\$", text))
    plain = re.sub(r"\\[A-Za-z]+|[{}]", "", re.sub(r"\$[^$]*\$", "", text))
    lines = -int(-(math + sum(2 if "\u2e80" <= c else 0.85 for c in plain)) // 70)
    return lines * (TEXT_FRACTION if r"\frac" in text else TEXT_LINE)


def _blocks(tex, items) -> tuple[list[list], set[int]]:
    """A section's items as unbreakable blocks [height, kind, payload]: a paragraph, a table,
    or one row's lines (a frame never starts with a continuation); and the indices of the
    blocks that begin an item (where a frame may most naturally begin)."""
    blocks, starts = [], set()
    for item in items:
        starts.add(len(blocks))
        if isinstance(item, Para):
            text = tex.para(item)
            blocks.append([_para_height(text), "para", text])
        elif isinstance(item, Table):
            blocks.append([TABLE_ROW * (1 + len(item.rows)), "para", tex.table(item)])
        else:
            group: list[Line] = []
            for line in tex.laid_out(item):
                if group and not line.continued:
                    blocks.append([_group_height(tex, group), "math", group])
                    group = []
                group.append(line)
            if group:
                blocks.append([_group_height(tex, group), "math", group])
    for block, after in zip(blocks, blocks[1:]):  # text before a display costs it its skips
        if block[1] == "para" and after[1] == "math":
            block[0] += ALIGN
    return blocks, starts


def _partition(heights: list[float], count: int, natural: set[int] = frozenset()) -> list[int]:
    """Where to cut ``heights`` into ``count`` consecutive frames: as few frames shorter than
    SMALL as can be, then the fullest frame as low as it can be (to within one line of
    fractions, STEP), then as few cuts as can be away from
    the ``natural`` places (where a new paragraph or display begins), then the fullest frame
    lowest and the emptiest fullest.  Returns the start index of each frame.

    >>> _partition([STEP] * 10, 2)
    [0, 5]
    >>> _partition([2 * STEP] * 5, 2), _partition([2 * STEP] * 5, 2, natural={3})  # a display
    ([0, 2], [0, 3])
    >>> _partition([2 * STEP] * 5, 2, natural={4})  # not at 4: a row alone on a frame
    [0, 2]
    """
    n = len(heights)
    prefix = [0.0]
    for h in heights:
        prefix.append(prefix[-1] + h)
    inf = (0, float("inf"), 0, 0.0, 0.0, [])
    # best[i]: (short frames, fullest in lines, unnatural cuts, fullest, −emptiest, cuts).
    best = [(0, 0, 0, 0.0, -float("inf"), [])] + [inf] * n
    for k in range(1, count + 1):
        row = [(float("inf"), *inf[1:])] * (n + 1)
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                short, lines, odd, fullest, emptiest, cuts = best[j]
                if lines == float("inf"):  # j blocks cannot fill k − 1 frames
                    continue
                here = prefix[i] - prefix[j]
                top = max(fullest, here)
                key = (short + (count > 1 and _framed(here) < SMALL), -int(-(top - 1e-6) // STEP),
                       odd + (0 < j and j not in natural), round(top, 6),
                       round(max(emptiest, -here), 6))
                if key < row[i][:5]:
                    row[i] = (*key, [*cuts, j])
        best = row
    return best[n][5]


def _framed(height: float) -> float:
    """A frame's height from its blocks': the frame's fixed part and its first display's skips."""
    return FRAME + ALIGN + height


def room(heading: str) -> float:
    r"""How much a frame under ``heading`` holds (points): less when the title takes two lines
    (about 62 letters fit; inline math counts its width, a Chinese character two letters).

    >>> room("The derivative of the loss with respect to the prediction $f$")
    200.0
    >>> room("Why the mean of the per-sample gradients is the gradient of the cost $J$ here")
    170.0
    """
    math = sum(width(m) + 1 for m in re.findall(r"\$([^$]*)\$", heading))
    text = re.sub(r"\$[^$]*\$", "", heading)
    wide = math + sum(2 if "\u2e80" <= c else 1 for c in text)
    return FRAME_HEIGHT - (30.0 if wide > 62 else 0.0)


def _frames_of(blocks: list[list], natural: set[int], budget: float) -> list[list[list]]:
    """Blocks cut into frames: as few as the height needs, balanced so that no frame is left
    with one or two lines while another is full."""
    if not blocks:
        return []
    budget -= FRAME + ALIGN
    heights = [b[0] for b in blocks]
    count = max(1, -int(-(sum(heights) - 1e-6) // budget))
    while True:
        cuts = _partition(heights, min(count, len(blocks)), natural)
        ends = [*cuts[1:], len(blocks)]
        if count >= len(blocks) or all(
                sum(heights[a:b]) <= budget + 1e-6 or b - a == 1
                for a, b in zip(cuts, ends)):
            break
        count += 1
    frames = [blocks[a:b] for a, b in zip(cuts, ends)]
    return _without_short(frames, budget)


def _without_short(frames: list[list[list]], budget: float) -> list[list[list]]:
    """A frame shorter than SMALL joins a neighbour when the two fit within the budget and
    SLACK (less than the margin FRAME_HEIGHT keeps): a row or two never stand alone."""
    size = lambda f: sum(b[0] for b in f)  # noqa: E731 - a local shorthand
    k = 0
    while k < len(frames):
        fits = [j for j in (k - 1, k + 1) if 0 <= j < len(frames)
                and size(frames[j]) + size(frames[k]) <= budget + SLACK]
        if _framed(size(frames[k])) >= SMALL or not fits:
            k += 1
            continue
        j = min(fits, key=lambda j: size(frames[j]))
        a, b = min(j, k), max(j, k)
        frames[a:b + 1] = [frames[a] + frames[b]]
        k = 0
    return frames


def _parts(tex, blocks) -> list[str]:
    # Consecutive math blocks share one align* environment; a joined section brings its own.
    parts, math = [], []
    for _, kind, payload in blocks:
        if kind == "math":
            math.extend(payload)
            continue
        if math:
            parts.append(tex.align(math))
            math = []
        parts.extend(payload if kind in ("joined", "lead") else [payload])
    if math:
        parts.append(tex.align(math))
    return parts


def deck_frames(tex, sections) -> list[tuple[str, list[str]]]:
    """Frames (title, parts) of a deck's sections ``[(heading, items)]``: each section cut into
    frames by height; a section shorter than SMALL joins the smaller of its neighbours as one
    unbreakable block under its own ``\\structure`` heading (at the end of the one before, or
    leading the one after, whose frame then takes its title)."""
    groups = []  # [heading, blocks, natural places]
    for heading, items in sections:
        blocks, natural = _blocks(tex, items)
        if blocks:
            groups.append([heading, blocks, natural])
    while len(groups) > 1:
        sizes = [_framed(sum(b[0] for b in g[1])) for g in groups]
        small = [k for k in range(len(groups)) if sizes[k] <= SMALL]
        if not small:
            break
        k = min(small, key=lambda k: sizes[k])
        heading, blocks, _ = groups.pop(k)
        height = HEADING + sum(b[0] for b in blocks) + ALIGN * (blocks[0][1] == "math")
        if k > 0 and (k == len(groups) or sizes[k - 1] <= sizes[k + 1]):
            before = groups[k - 1]
            joined = [r"\structure{" + heading + "}", *_parts(tex, blocks)]
            before[1].append([height, "joined", joined, heading])
            before[2].add(len(before[1]) - 1)
        else:
            after = groups[k]
            first = after[1][0]
            then = first[3] if first[1] == "lead" else after[0]  # the title it held
            lead = [*_parts(tex, blocks), r"\structure{" + then + "}"]
            after[1].insert(0, [height, "lead", lead, heading])
            after[2] = {0, *(i + 1 for i in after[2])}
    frames = []
    for heading, blocks, natural in groups:
        # a frame may take a joined section's title: cut for the shortest room among them
        budget = min([room(heading)] + [room(b[3]) for b in blocks if b[1] in ("lead", "joined")])
        for frame in _frames_of(blocks, natural, budget):
            title, first = heading, frame[0]
            if first[1] in ("lead", "joined"):  # the frame opens with a joined section: its title
                title = first[3]
                if first[1] == "joined":
                    frame = [[first[0], "joined", first[2][1:]], *frame[1:]]
            last = frame[-1]
            if last[1] == "lead" and len(frame[-1][2]) > 1:
                # nothing of the section it leads into follows on this frame: that section's
                # heading would end the frame alone (the next frame carries it as its title)
                frame = [*frame[:-1], [last[0], "lead", last[2][:-1]]]
            frames.append((title, _parts(tex, [b[:3] for b in frame])))
    return frames
