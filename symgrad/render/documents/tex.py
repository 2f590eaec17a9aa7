r"""The LaTeX renderers of an outline: an amsmath article, Beamer slides, Markdown with $$ math.

All three print rows through :class:`~symgrad.render.documents.layout.Layout`, so a long row breaks
between top-level terms with each continuation line starting with its operator, and a note
is a ``\tag*`` on the row's last line (moved below by amsmath when the line is full, never
broken), so nothing stands between a row's first line and its continuation.
"""

from __future__ import annotations

import re

import sympy

from ...i18n.language import fill, phrase, speaks
from ..outline import Document, Math, Para, Row, Table, Words  # noqa: F401 - Row: doctests
from ..printers.latex import escape, printer
from ..printers.unimath import Marked, span_latex, spans
from ..printers.unimath import to_latex as math_latex
from .cjk import for_language
from .layout import Layout, Line, width

#: Line widths in units (≈ 5.8 pt): an A4 article with 2.2 cm margins, a 16:9 Beamer frame.
ARTICLE_WIDTH = 76
SLIDE_WIDTH = 58
#: A frame holds about this many lines of display math (a line with a fraction counts 1.8).
FRAME_HEIGHT = 10.0



def words(w, latex_of) -> str:
    r"""A phrase in LaTeX text mode: words escaped, SymPy values as inline ``$…$`` math.

    >>> from symgrad.render.printers.latex import latex
    >>> words(Words("rule.chain", sympy.Eq(sympy.Symbol("u"), 2)), latex)
    'chain rule, $u = 2$'
    """
    if isinstance(w, Marked):  # words with math marked $…$ (see symgrad.i18n.marked)
        return "".join(f"${math_latex(part)}$" if is_math else escape(part)
                       for is_math, part in spans(w))
    if isinstance(w, str):
        return escape(w)
    if isinstance(w, (int, float)):
        w = sympy.sympify(w)
    if isinstance(w, sympy.Basic):
        return f"${latex_of(w)}$"
    if isinstance(w, (list, tuple)):
        return phrase("list.sep").join(words(a, latex_of) for a in w)
    return code(joined_math(_phrase_tex(w, latex_of, lambda a: words(a, latex_of), escape)))


def code(tex: str) -> str:
    r"""Code the catalogue quotes in back-quotes, set in typewriter type.

    >>> print(code('written out: `derive(loss, wrt="w1")`'))
    written out: \texttt{derive(loss, wrt="w1")}
    """
    return re.sub(r"`([^`$]*)`", r"\\texttt{\1}", tex)


def joined_math(tex: str) -> str:
    r"""Inline formulas with only spaces between them made one formula: ``$f''(3) = 4$ $> 0$``
    reads as one statement, and two formulas side by side must not read as ``$$`` (display).

    >>> print(joined_math(r"so $f''(3) = 4$ $> 0$  $\Rightarrow$  minimum"))
    so $f''(3) = 4 > 0 \Rightarrow$  minimum
    """
    parts = re.split(r"(?<!\\)\$", tex)  # an escaped \$ is text
    if len(parts) % 2 == 0:  # unbalanced: leave it
        return tex
    out = parts[0]
    k = 1
    while k < len(parts):
        math = parts[k]
        while k + 2 < len(parts) and not parts[k + 1].strip():
            math += " " + parts[k + 2]
            k += 2
        out += f"${math.strip() if math.strip() else '{}'}$" + parts[k + 1]
        k += 2
    return out


def _phrase_tex(w, latex_of, show, literal) -> str:
    """A catalogue phrase in LaTeX: its marked math typeset (symgrad.render.printers.unimath),
    the rest filled with ``show`` of each value and ``literal`` of the text between them."""
    return "".join(f"${span_latex(part, w.args, latex_of)}$" if is_math
                   else fill(part, w.args, show=show, literal=literal)
                   for is_math, part in spans(phrase(w.key, marked=True)))


class _Tex:
    """Shared by the article and the slides: words, paragraphs and display math to a width."""

    def __init__(self, doc: Document, available: float):
        self.printer = printer(doc.partial)
        self.layout = Layout(self.printer, available)

    def latex(self, expr) -> str:
        return self.printer.doprint(expr)

    def words(self, w) -> str:
        return words(w, self.latex)

    def para(self, item: Para) -> str:
        return " ".join(self.words(p) for p in item.parts)

    def cell(self, value) -> str:
        """One table cell: math for a SymPy value, else words."""
        if isinstance(value, (int, sympy.Basic)):
            return f"${self.latex(sympy.sympify(value))}$"
        return self.words(value)

    def table(self, item: Table) -> str:
        """A centred ``tabular``: the header ruled off, numbers right-aligned."""
        lines = [" & ".join(self.cell(c) for c in row) + r" \\" for row in item.rows]
        head = " & ".join(self.cell(c) for c in item.header) + r" \\ \hline"
        # Rows stretched: fractions in the cells must not touch the row above or below.
        return ("\\begin{center}\n\\renewcommand{\\arraystretch}{1.8}\n"
                "\\begin{tabular}{" + "r" * len(item.header) + "}\n"
                + "\n".join([head, *lines]) + "\n\\end{tabular}\n\\end{center}")

    def block(self, item) -> str:
        """A paragraph, a table or display math as LaTeX."""
        if isinstance(item, Para):
            return self.para(item) + "\n"
        if isinstance(item, Table):
            return self.table(item)
        return self.align(self.laid_out(item))

    def laid_out(self, item: Math) -> list[Line]:
        rows = [r for r in item.rows]
        left = 0.0 if item.tree else max(
            (width(self.latex(r.lhs)) for r in rows if r.lhs is not None), default=0.0)
        return [line for r in rows for _, lines in self.layout.row(r, left, item.tree)
                for line in lines]

    def align(self, lines: list[Line], env: str = "align*") -> str:
        out = []
        for line in lines:
            right = line.right
            if line.scale < 1:
                right = rf"\scalebox{{{line.scale}}}{{$\displaystyle {{}}{right}$}}"
            tag = rf" \tag*{{\small {self.words(line.note)}}}" if line.note else ""
            out.append(f"{line.left} &{right}{tag}")
        return f"\\begin{{{env}}}\n" + " \\\\\n".join(out) + f"\n\\end{{{env}}}"


@speaks
def to_latex(doc: Document) -> str:
    r"""A complete amsmath article.

    >>> from symgrad.render.outline import Section
    >>> x = sympy.Symbol("x")
    >>> doc = Document(Words("head.results"), (Section(Words("head.function"), (
    ...     Para("50% done"), Math((Row(sympy.Symbol("f"), (x**2,)),)))),))
    >>> print(to_latex(doc).split(r"\begin{document}")[1])
    <BLANKLINE>
    \title{Results}
    \date{}
    \maketitle
    \needspace{6\baselineskip}
    \section*{The function}
    50\% done
    \begin{align*}
    f &= x^{2}
    \end{align*}
    \end{document}
    <BLANKLINE>
    """
    from .preamble import ARTICLE

    tex = _Tex(doc, ARTICLE_WIDTH)
    body = [r"\title{" + tex.words(doc.title) + "}", r"\date{}", r"\maketitle"]
    for section in doc.sections:
        # A heading never stands at the foot of a page with a line or two under it.
        body += [r"\needspace{6\baselineskip}", r"\section*{" + tex.words(section.heading) + "}"]
        body += [tex.block(item) for item in section.items]
    return for_language(ARTICLE) + "\\begin{document}\n" + "\n".join(body) + "\n\\end{document}\n"


def _height(line: Line) -> float:
    # A fraction on either side (∂ℓ/∂W = x₁ is as tall as its left side) makes a line taller;
    # a matrix of display-style fractions more so.
    text = line.left + line.right
    if r"\dfrac" in text and "pmatrix" in text:
        rows = max(body.count(r"\\") for body in re.findall(r"pmatrix\}(.*?)\\end", text))
        return 1.6 * (1 + rows) + 0.4
    tall = any(mark in text for mark in (r"\frac", r"\sum"))
    return 1.8 if tall else 1.0


def _group_height(tex: _Tex, lines: list[Line]) -> float:
    # A note that does not fit beside its line is set below it by amsmath: one more line.
    total = 0.0
    for line in lines:
        total += _height(line)
        if line.note:
            note = re.sub(r"\\[A-Za-z]+|[{}$^_]", "", tex.words(line.note))
            if width(line.left + line.right) + 0.6 * len(note) + 3 > tex.layout.available:
                total += 1.0
    return total


def _blocks(tex: _Tex, items) -> tuple[list[tuple[float, str, object]], set[int]]:
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


def _frames(tex: _Tex, items, budget: float = FRAME_HEIGHT) -> list[tuple[float, list]]:
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


def _parts(tex: _Tex, blocks) -> list[str]:
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


def _merged(sections: list[tuple[str, list]]) -> list[tuple[str, list[str]]]:
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


@speaks
def to_beamer(doc: Document) -> str:
    r"""Slides: a section's frames split by height and balanced; a section of one or two lines
    shares a neighbour's frame under its own heading.

    >>> from symgrad.render.outline import Section
    >>> doc = Document(Words("head.results"), (Section(Words("head.function"),
    ...     (Math((Row(sympy.Symbol("a"), (1,)), Row(sympy.Symbol("b"), (2,)))),)),))
    >>> print(to_beamer(doc).split(r"\begin{frame}")[2].split(r"\end{frame}")[0])
    {The function}
    \begin{align*}
    a &= 1 \\
    b &= 2
    \end{align*}
    <BLANKLINE>
    """
    from .preamble import BEAMER

    tex = _Tex(doc, SLIDE_WIDTH)
    frames = [r"\begin{frame}" "\n" r"\titlepage" "\n" r"\end{frame}"]
    sections = [(heading, _frames(tex, section.items, room(heading)))
                for section in doc.sections if section.slides
                for heading in [tex.words(section.heading)]]
    for heading, parts in _merged(sections):
        frames.append(r"\begin{frame}{" + heading + "}\n" + "\n".join(parts) + "\n"
                      r"\end{frame}")
    return (for_language(BEAMER) + r"\title{" + tex.words(doc.title) + "}\n" r"\date{}" "\n"
            + "\\begin{document}\n" + "\n".join(frames) + "\n\\end{document}\n")


@speaks
def to_markdown(doc: Document) -> str:
    r"""Markdown with ``$$`` math, for notebooks and READMEs.

    >>> from symgrad.render.outline import Section
    >>> print(to_markdown(Document(Words("head.results"), (Section(Words("head.function"),
    ...     (Para("p"), Math((Row(sympy.Symbol("x"), (1,)),)))),))))
    # Results
    <BLANKLINE>
    ## The function
    <BLANKLINE>
    p
    <BLANKLINE>
    $$
    \begin{aligned}
    x &= 1
    \end{aligned}
    $$
    <BLANKLINE>
    """
    tex = _Tex(doc, ARTICLE_WIDTH)

    def md_words(w):
        return _md_words(w, tex.latex)

    out = [f"# {md_words(doc.title)}", ""]
    for section in doc.sections:
        out += [f"## {md_words(section.heading)}", ""]
        for item in section.items:
            if isinstance(item, Para):
                out += [" ".join(md_words(p) for p in item.parts), ""]
                continue
            if isinstance(item, Table):
                cells = [[tex.cell(c) for c in row] for row in (item.header, *item.rows)]
                out += ["| " + " | ".join(cells[0]) + " |",
                        "|" + "---:|" * len(item.header),
                        *("| " + " | ".join(row) + " |" for row in cells[1:]), ""]
                continue
            rows = []
            for line in tex.laid_out(item):
                note = rf" \quad \text{{{_md_words(line.note, tex.latex, math=True)}}}" \
                    if line.note else ""
                rows.append(f"{line.left} &{line.right}{note}")
            out += ["$$", r"\begin{aligned}", " \\\\\n".join(rows), r"\end{aligned}", "$$", ""]
    return "\n".join(out)


def _md_words(w, latex_of, math: bool = False) -> str:
    # Markdown words: plain text, math as $…$ (inside \text{} in display math: $…$ as well).
    if isinstance(w, Marked):
        return "".join(f"${math_latex(part)}$" if is_math else escape(part) if math else part
                       for is_math, part in spans(w))
    if isinstance(w, str):
        return escape(w) if math else w
    if isinstance(w, (int, float)):
        w = sympy.sympify(w)
    if isinstance(w, sympy.Basic):
        return f"${latex_of(w)}$"
    if isinstance(w, (list, tuple)):
        return phrase("list.sep").join(_md_words(a, latex_of, math) for a in w)
    return _phrase_tex(w, latex_of, lambda a: _md_words(a, latex_of, math),
                       escape if math else str)


def rows_latex(doc_or_rows, partial=None) -> str:
    r"""An ``align*`` body of rows (no environment), as ``.latex()`` methods print it.

    >>> x = sympy.Symbol("x")
    >>> print(rows_latex([Row(sympy.Symbol("f"), (x**3,)), Row(sympy.Symbol("g"), (x,))]))
    f &= x^{3} \\
    g &= x
    """
    doc = Document(Words("head.results"), (), partial if partial is not None else True)
    tex = _Tex(doc, ARTICLE_WIDTH)
    if partial is None:
        tex.printer = printer(None)
        tex.layout.printer = tex.printer
    lines = tex.laid_out(Math(tuple(doc_or_rows)))
    out = []
    for line in lines:
        tag = rf" && \text{{{_md_words(line.note, tex.latex, math=True)}}}" if line.note else ""
        out.append(f"{line.left} &{line.right}{tag}".lstrip())
    return " \\\\\n".join(out)
