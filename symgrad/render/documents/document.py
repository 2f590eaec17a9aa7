"""Documents: one neutral outline, renderers per format, and pdflatex to compile them.

An explainable object (a derivation, a minimum, a trace, a verdict) describes itself once
as an outline (:mod:`symgrad.render.outline`); :mod:`symgrad.render.documents.tex` renders it as an
article, as slides or as Markdown.  :func:`to_pdf` compiles with a real pdflatex, without
shell escape.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ...runtime.budget import render_within_budget
from ...errors import said
from .cjk import engine_for
from ...i18n.language import current, language, speaks
from ..outline import Document, Math, Para, Row, Section, Words
from .pdf import LatexError, compile_latex
from .tex import to_beamer, to_latex, to_markdown

__all__ = ["Document", "Explainable", "LatexError", "Math", "Para", "Row", "Section", "Words",
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
    """What every explainable object can do once it describes itself as a ``document()``.

    Every renderer takes ``lang=`` ("en", "zh"; default ``SYMGRAD_LANG`` or English), and so
    does a subclass's own ``text()``: only the words change, never the mathematics.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "text" in cls.__dict__:
            cls.text = _budgeted(speaks(cls.text))
        if "__repr__" not in cls.__dict__:  # set before @dataclass, which then keeps it
            cls.__repr__ = Explainable.__repr__

    def __repr__(self) -> str:
        """One line: the class and its result (a dataclass dump ran to 1,500 characters)."""
        from ..summary import short_repr

        return short_repr(self)

    def document(self) -> Document:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def to_latex(self, path=None, lang: str | None = None, *, timeout=None) -> str:
        """A complete LaTeX article (in ``lang``); written to ``path`` when given.

        Building the outline (the algebra steps are confirmed by SymPy) and typesetting it run
        under the time budget (``timeout`` seconds, else the default): past it,
        :class:`symgrad.errors.TooExpensive`, never a hang.
        """
        return _write(self._typeset(to_latex, lang, timeout), path)

    def to_beamer(self, path=None, lang: str | None = None, *, timeout=None) -> str:
        """Beamer slides (in ``lang``), one idea per frame; written to ``path`` when given
        (budgeted like ``to_latex``)."""
        return _write(self._typeset(to_beamer, lang, timeout), path)

    def to_markdown(self, lang: str | None = None, *, timeout=None) -> str:
        """Markdown with $$ math, in ``lang`` (budgeted like ``to_latex``)."""
        return self._typeset(to_markdown, lang, timeout)

    def markdown(self, lang: str | None = None) -> str:
        """The same as ``to_markdown()``."""
        return self.to_markdown(lang=lang)

    def _repr_html_(self) -> str:
        """A notebook's display: the result first, the steps folded, typeset as MathML by the
        browser (offline: no MathJax, no CDN), without a page title of its own."""
        from ..summary import notebook_html

        return self._typeset(notebook_html, None, None)

    def _repr_latex_(self) -> str:
        return self._typeset(_aligned, None, None)

    def _latex(self, printer=None) -> str:
        """``sympy.latex(obj)``: the mathematics of the result only (see symgrad.latex)."""
        from ..summary import result_latex

        return self._typeset(result_latex, None, None)

    def _typeset(self, renderer, lang, timeout) -> str:
        def work(obj):
            with language(lang):  # the outline's own sentences are built in the language too
                return renderer(obj.document())

        return render_within_budget(work, self, budget=timeout,
                                    what=said("err.document.typesetting", type(self).__name__))


def _budgeted(text):
    """A ``text()`` that runs under the default budget unless its object is small (a huge
    derivation's text gives TooExpensive instead of running for minutes)."""

    @functools.wraps(text)
    def budgeted(self, *args, lang: str | None = None, **kwargs):
        return render_within_budget(text, self, *args, lang=lang or current(), **kwargs,
                                    what=said("err.document.writing", type(self).__name__))

    budgeted.speaks = True
    return budgeted


def _aligned(doc: Document) -> str:
    from .tex import rows_latex

    rows = [r for s in doc.sections for i in s.items if isinstance(i, Math) for r in i.rows]
    return "$$\\begin{aligned}\n" + rows_latex(rows, doc.partial) + "\n\\end{aligned}$$"


def _write(text: str, path) -> str:
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
