r"""The LaTeX renderers of an outline: an amsmath article, Beamer slides, Markdown with $$ math.

All three print rows through :class:`~symgrad.render.documents.layout.Layout`, so a long row breaks
between top-level terms with each continuation line starting with its operator, and a note
is a ``\tag*`` on the row's last line (moved below by amsmath when the line is full, never
broken), so nothing stands between a row's first line and its continuation.
"""

from __future__ import annotations

import re

import sympy

from ...i18n.language import fill, phrase, phrase_of, speaks
from ..outline import Document, Math, Para, Row, Table, Words  # noqa: F401 - Row: doctests
from ..printers.latex import escape, printer
from ..printers.unimath import Marked, span_latex, spans
from ..printers.unimath import to_latex as math_latex
from .cjk import for_language
from .frames import deck_frames
from .layout import Layout, Line, width
from .preamble import ARTICLE, BEAMER

#: Line widths in units (≈ 5.8 pt): an A4 article with 2.2 cm margins, a 16:9 Beamer frame.
ARTICLE_WIDTH = 76
SLIDE_WIDTH = 58



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
                   for is_math, part in spans(phrase_of(w, marked=True)))


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
    tex = _Tex(doc, ARTICLE_WIDTH)
    body = [r"\title{" + tex.words(doc.title) + "}", r"\date{}", r"\maketitle"]
    for section in doc.sections:
        # A heading never stands at the foot of a page with a line or two under it.
        body += [r"\needspace{6\baselineskip}", r"\section*{" + tex.words(section.heading) + "}"]
        body += [tex.block(item) for item in section.items]
    return for_language(ARTICLE) + "\\begin{document}\n" + "\n".join(body) + "\n\\end{document}\n"


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
    tex = _Tex(doc, SLIDE_WIDTH)
    frames = [r"\begin{frame}" "\n" r"\titlepage" "\n" r"\end{frame}"]
    sections = [(tex.words(section.heading), section.items) for section in doc.sections
                if section.slides]
    for heading, parts in deck_frames(tex, sections):
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
