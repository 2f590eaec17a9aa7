"""Documents: one neutral outline, three renderers (LaTeX article, Beamer slides, Markdown).

An explainable object (a derivation, a minimum, a trace, a verdict) describes itself once
as a :class:`Document`: a title and sections of plain text (:class:`Para`) and ``align*``
rows (:class:`Math`).  Every format is a renderer over that outline, so what a slide shows
is what the article shows.  :func:`to_pdf` compiles with a real pdflatex, without shell escape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .latex import escape
from .pdf import UNICODE_COMMANDS, LatexError, compile_latex


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text (Unicode); renderers escape it."""

    text: str


@dataclass(frozen=True)
class Math:
    """Display math as ``align*`` rows: ``lhs &= rhs && note`` in LaTeX."""

    rows: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """A heading and its paragraphs and equations: one idea, one slide."""

    heading: str
    items: tuple


@dataclass(frozen=True)
class Document:
    """What an explainable object says about itself, in every format."""

    title: str
    sections: tuple[Section, ...]


# Characters symgrad's Unicode text uses, for pdflatex (which reads UTF-8 but knows few).
_UNICODE = {
    "²": r"\ensuremath{^2}", "³": r"\ensuremath{^3}", "⁰": r"\ensuremath{^0}",
    "¹": r"\ensuremath{^1}", "⁴": r"\ensuremath{^4}", "⁵": r"\ensuremath{^5}",
    "⁶": r"\ensuremath{^6}", "⁷": r"\ensuremath{^7}", "⁸": r"\ensuremath{^8}",
    "⁹": r"\ensuremath{^9}", "⁻": r"\ensuremath{^-}", "⁽": r"\ensuremath{^(}",
    "⁾": r"\ensuremath{^)}", "ˡ": r"\ensuremath{^l}", "⁺": r"\ensuremath{^+}",
    "ᵀ": r"\ensuremath{^{\mathsf T}}", "ᵢ": r"\ensuremath{_i}", "ₖ": r"\ensuremath{_k}",
    "₀": r"\ensuremath{_0}", "₁": r"\ensuremath{_1}", "₂": r"\ensuremath{_2}",
    "₃": r"\ensuremath{_3}", "₄": r"\ensuremath{_4}", "₅": r"\ensuremath{_5}",
    "₆": r"\ensuremath{_6}", "₇": r"\ensuremath{_7}", "₈": r"\ensuremath{_8}",
    "₉": r"\ensuremath{_9}", "·": r"\ensuremath{\cdot}", "−": r"\ensuremath{-}",
    "σ": r"\ensuremath{\sigma}", "√": r"\ensuremath{\surd}", "Σ": r"\ensuremath{\Sigma}",
    "∂": r"\ensuremath{\partial}", "⇒": r"\ensuremath{\Rightarrow}",
    "⇔": r"\ensuremath{\Leftrightarrow}", "≈": r"\ensuremath{\approx}",
    "≠": r"\ensuremath{\neq}", "≤": r"\ensuremath{\leq}", "≥": r"\ensuremath{\geq}",
    "⊙": r"\ensuremath{\odot}", "α": r"\ensuremath{\alpha}", "δ": r"\ensuremath{\delta}",
    "ℓ": r"\ensuremath{\ell}", "×": r"\ensuremath{\times}", "←": r"\ensuremath{\leftarrow}",
    "→": r"\ensuremath{\rightarrow}", "∇": r"\ensuremath{\nabla}", "⚠": "(!)",
    "′": r"\ensuremath{'}", "∞": r"\ensuremath{\infty}", "∈": r"\ensuremath{\in}",
    "φ": r"\ensuremath{\varphi}", "μ": r"\ensuremath{\mu}", "θ": r"\ensuremath{\theta}",
    "λ": r"\ensuremath{\lambda}", "π": r"\ensuremath{\pi}", "∑": r"\ensuremath{\sum}",
    "✓": "(ok)", "✗": "(x)",
}

_PREAMBLE = r"""\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
""" + "".join(
    f"\\DeclareUnicodeCharacter{{{ord(c):04X}}}{{{v}}}\n"
    for c, v in {**UNICODE_COMMANDS, **_UNICODE}.items()
) + r"""% A wide equation is scaled down to the line width; a narrow one is left alone.
\newcommand{\fitbox}[2][1]{%
  \resizebox{\ifdim\width>#1\linewidth #1\linewidth\else\width\fi}{!}{$\displaystyle #2$}}
"""


def _tex_text(text: str) -> str:
    return escape(text)


def to_latex(doc: Document) -> str:
    r"""A complete amsmath article.

    >>> doc = Document("A title", (Section("One", (Para("50% done"), Math(("x &= 1",)))),))
    >>> print(to_latex(doc).split(r"\begin{document}")[1])
    <BLANKLINE>
    \title{A title}
    \date{}
    \maketitle
    \section*{One}
    50\% done
    \begin{align*}
    x &= 1
    \end{align*}
    \end{document}
    <BLANKLINE>
    """
    body = [r"\title{" + _tex_text(doc.title) + "}", r"\date{}", r"\maketitle"]
    for section in doc.sections:
        body.append(r"\section*{" + _tex_text(section.heading) + "}")
        for item in section.items:
            if isinstance(item, Para):
                body.append(_tex_text(item.text))
            else:
                body.append("\\begin{align*}\n" + " \\\\\n".join(map(_fit_row, item.rows))
                            + "\n\\end{align*}")
    return (r"\documentclass[11pt]{article}" "\n" r"\usepackage[margin=2.2cm]{geometry}" "\n"
            + _PREAMBLE + "\\begin{document}\n" + "\n".join(body) + "\n\\end{document}\n")


#: Rows whose LaTeX source is longer than this get their right-hand side fitted to the line.
LONG_ROW = 110


def _fit_row(row: str) -> str:
    cells = split_cells(row)
    if len(row) <= LONG_ROW or len(cells) < 2:
        return row
    lhs, rhs, *rest = cells
    eq = "= " if rhs.lstrip().startswith("=") else ""
    rhs = rhs.lstrip()[len(eq.strip()):]
    note = f" && {rest[-1].strip()}" if rest and rest[-1].strip() else ""
    # The right-hand side shares the line with the left side and the note: give it 60%.
    return rf"{lhs}&{eq}\fitbox[0.6]{{{rhs.strip()}}}{note}"


def split_cells(row: str) -> list[str]:
    r"""The cells of an align row, split at its top-level ``&`` (not inside braces or cases).

    >>> split_cells(r"f &= \begin{cases} a & b \end{cases} && \text{x}")
    ['f ', '= \\begin{cases} a & b \\end{cases} ', '', ' \\text{x}']
    """
    cells, depth, start, k = [], 0, 0, 0
    while k < len(row):
        if row.startswith(r"\begin", k):
            depth += 1
        elif row.startswith(r"\end", k):
            depth -= 1
        elif row[k] == "\\":
            k += 2
            continue
        elif row[k] == "{":
            depth += 1
        elif row[k] == "}":
            depth -= 1
        elif row[k] == "&" and depth == 0:
            cells.append(row[start:k])
            start = k + 1
        k += 1
    return [*cells, row[start:]]


#: At most this many equation rows on one slide; more continue on the next.
ROWS_PER_FRAME = 4


def to_beamer(doc: Document) -> str:
    r"""Slides: one section per frame (continued when long), equations revealed one by one.

    Each equation is fitted to the frame's width, so none runs off a slide.

    >>> doc = Document("T", (Section("S", (Math(("a &= 1", "b &= 2")),)),))
    >>> print(to_beamer(doc).split(r"\begin{frame}")[2].split(r"\end{frame}")[0])
    {S}
    \begin{center}\fitbox{a = 1}\end{center}
    \pause
    \begin{center}\fitbox{b = 2}\end{center}
    <BLANKLINE>
    """
    frames = [r"\begin{frame}" "\n" r"\titlepage" "\n" r"\end{frame}"]
    for section in doc.sections:
        for k, chunk in enumerate(_chunks(section.items)):
            heading = _tex_text(section.heading) + (" (continued)" if k else "")
            parts = []
            for item in chunk:
                if isinstance(item, Para):
                    parts.append(r"{\small " + _tex_text(item.text) + "}\n")
                else:
                    parts.append("\\pause\n".join(
                        r"\begin{center}" + r" \\ ".join(
                            r"\fitbox{" + piece + "}" for piece in break_lines(_flatten_row(r)))
                        + "\\end{center}\n"
                        for r in item.rows))
            frames.append(r"\begin{frame}{" + heading + "}\n" + "".join(parts) + r"\end{frame}")
    return (r"\documentclass[aspectratio=169,11pt]{beamer}" "\n" + _PREAMBLE
            + r"\setbeamertemplate{navigation symbols}{}" "\n" r"\sloppy" "\n"
            + r"\title{" + _tex_text(doc.title) + "}\n" r"\date{}" "\n"
            + "\\begin{document}\n" + "\n".join(frames) + "\n\\end{document}\n")


#: A slide equation longer than this (LaTeX source) is broken before a top-level + or −.
SLIDE_LINE = 90


def break_lines(math: str, width: int = SLIDE_LINE) -> list[str]:
    r"""Break a long equation before top-level + and − signs into lines of about ``width``.

    Signs inside braces, \left … \right or \begin … \end are never break points; a line
    that is still too long is scaled to the frame by ``\fitbox``.

    >>> for line in break_lines("f = " + " + ".join(f"a_{k} x^{k}" for k in range(9)), 30):
    ...     print(line)
    f = a_0 x^0 + a_1 x^1
    \quad + a_2 x^2 + a_3 x^3 + a_4 x^4
    \quad + a_5 x^5 + a_6 x^6 + a_7 x^7
    \quad + a_8 x^8
    """
    if len(math) <= width:
        return [math]
    cuts, depth, k = [], 0, 0
    while k < len(math):
        opens = next((w for w in (r"\left", r"\begin") if math.startswith(w, k)), None)
        closes = next((w for w in (r"\right", r"\end") if math.startswith(w, k)), None)
        if opens or closes:
            depth += 1 if opens else -1
            k += len(opens or closes)
            continue
        c = math[k]
        if c == "\\":
            k += 2
            continue
        depth += (c == "{") - (c == "}")
        if depth == 0 and c in "+-" and math[k - 1:k] == " " and math[k + 1:k + 2] == " ":
            cuts.append(k)
        k += 1
    lines, start, last = [], 0, 0
    for cut in cuts:
        # Greedy: break at the last sign that still keeps the line within ``width``.
        if cut - start > width and last > start:
            lines.append(math[start:last].rstrip())
            start = last
        last = cut
    if len(math) - start > width and last > start:
        lines.append(math[start:last].rstrip())
        start = last
    lines.append(math[start:])
    return [lines[0], *(r"\quad " + line for line in lines[1:])]


def _flatten_row(row: str) -> str:
    # An align row on its own line: "lhs &= rhs && note" becomes "lhs = rhs \quad note".
    cells = [c.strip() for c in split_cells(row)]
    if len(cells) >= 3:
        main = " ".join(cells[:2])
        note = " ".join(c for c in cells[2:] if c)
        return rf"{main} \qquad {note}" if note else main
    return " ".join(cells)


def _chunks(items) -> list[list]:
    """Split a section's items into frames of at most ROWS_PER_FRAME equation rows."""
    frames, current, rows = [], [], 0
    for item in items:
        pieces = ([Math(item.rows[i:i + ROWS_PER_FRAME])
                   for i in range(0, len(item.rows), ROWS_PER_FRAME)]
                  if isinstance(item, Math) else [item])
        for piece in pieces:
            n = len(piece.rows) if isinstance(piece, Math) else 1
            if current and rows + n > ROWS_PER_FRAME:
                frames.append(current)
                current, rows = [], 0
            current.append(piece)
            rows += n
    return [*frames, current] if current else frames


def to_markdown(doc: Document) -> str:
    r"""Markdown with ``$$`` math, for notebooks and READMEs.

    >>> print(to_markdown(Document("T", (Section("S", (Para("p"), Math(("x &= 1",)))),))))
    # T
    <BLANKLINE>
    ## S
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
    out = [f"# {doc.title}", ""]
    for section in doc.sections:
        out += [f"## {section.heading}", ""]
        for item in section.items:
            if isinstance(item, Para):
                out += [item.text, ""]
            else:
                out += ["$$", r"\begin{aligned}", " \\\\\n".join(item.rows), r"\end{aligned}",
                        "$$", ""]
    return "\n".join(out)


def to_pdf(tex_path, *, timeout: float = 120) -> Path:
    """Compile a .tex file with pdflatex and return the PDF beside it (see symgrad.render.pdf).

    The log is kept beside the PDF (``name.log``).  Raises LatexError when pdflatex is
    missing or the document does not compile, with the first error of the log.
    """
    tex_path = Path(tex_path)
    if not tex_path.is_file():
        raise LatexError(f"{tex_path} does not exist")
    try:
        pdf, log_text = compile_latex(tex_path.read_text(encoding="utf-8"),
                                      tex_path.with_suffix(".pdf"), timeout=timeout)
    except LatexError as e:
        raise LatexError(f"{tex_path}: {e}") from None
    tex_path.with_suffix(".log").write_text(log_text)
    return pdf


def overfull_boxes(log: str, limit_pt: float = 10.0) -> list[str]:
    r"""The ``Overfull \hbox`` warnings of a pdflatex log wider than ``limit_pt`` points.

    >>> overfull_boxes("Overfull \\hbox (12.5pt too wide) in paragraph at lines 3--4")
    ['Overfull \\hbox (12.5pt too wide) in paragraph at lines 3--4']
    """
    found = re.finditer(r"Overfull \\hbox \(([\d.]+)pt too wide\)[^\n]*", log)
    return [m.group(0) for m in found if float(m.group(1)) > limit_pt]


class Explainable:
    """What every explainable object can do once it describes itself as a ``document()``."""

    def document(self) -> Document:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def to_latex(self, path=None) -> str:
        """A complete LaTeX article; written to ``path`` when given."""
        return _write(to_latex(self.document()), path)

    def to_beamer(self, path=None) -> str:
        """Beamer slides, one idea per frame; written to ``path`` when given."""
        return _write(to_beamer(self.document()), path)

    def to_markdown(self) -> str:
        """Markdown with $$ math."""
        return to_markdown(self.document())

    def markdown(self) -> str:
        """The same as ``to_markdown()``."""
        return self.to_markdown()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_latex_(self) -> str:
        rows = [r for s in self.document().sections for i in s.items
                if isinstance(i, Math) for r in i.rows]
        return "$$\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}$$"


def _write(text: str, path) -> str:
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
