"""Documents: one neutral outline, renderers per format, and pdflatex to compile them.

An explainable object (a derivation, a minimum, a trace, a verdict) describes itself once
as an outline (:mod:`symgrad.render.outline`); :mod:`symgrad.render.documents.tex` renders it as an
article, as slides or as Markdown.  :func:`to_pdf` compiles with a real pdflatex, without
shell escape.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import said
from ...runtime.atomic import write_text
from ..outline import Document, Math, Para, Row, Section, Words
from .cjk import engine_for
from .pdf import LatexError, compile_latex
from .tex import to_beamer, to_latex, to_markdown

__all__ = ["Document", "LatexError", "Math", "Para", "Row", "Section", "Words",
           "overfull_boxes", "to_beamer", "to_latex", "to_markdown", "to_pdf"]


def to_pdf(tex_path, *, timeout: float = 120) -> Path:
    """Compile a .tex file and return the PDF beside it (safely: see symgrad.render.documents.pdf).

    pdflatex, or xelatex for a Chinese document (one that loads ctex).  The log is kept
    beside the PDF (``name.log``).  Raises LatexError when the engine is missing or the
    document does not compile, with the first error of the log.
    """
    tex_path = Path(tex_path)
    if not tex_path.is_file():
        raise LatexError(said('err.document.does-not-exist', tex_path))
    source = tex_path.read_text(encoding="utf-8")
    try:
        pdf, log_text = compile_latex(source, tex_path.with_suffix(".pdf"),
                                      engine=engine_for(source), timeout=timeout)
    except LatexError as e:
        raise LatexError(f"{tex_path}: {e}") from None
    write_text(tex_path.with_suffix(".log"), log_text)
    return pdf


def overfull_boxes(log: str, limit_pt: float = 10.0) -> list[str]:
    r"""The ``Overfull \hbox`` warnings of a pdflatex log wider than ``limit_pt`` points.

    >>> overfull_boxes("Overfull \\hbox (12.5pt too wide) in paragraph at lines 3--4")
    ['Overfull \\hbox (12.5pt too wide) in paragraph at lines 3--4']
    """
    found = re.finditer(r"Overfull \\hbox \(([\d.]+)pt too wide\)[^\n]*", log)
    return [m.group(0) for m in found if float(m.group(1)) > limit_pt]
