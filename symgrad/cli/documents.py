"""The --tex, --slides and --pdf options that every explaining command shares.

Inside a command's budget (see :mod:`symgrad.cli.run`) a PDF is only typeset: its LaTeX source
is kept in :func:`deferred`'s list and compiled by :func:`compile_pending` afterwards, under
pdflatex's own time limit.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from ..errors import said
from ..render.documents.cjk import engine_for
from ..render.documents.pdf import compile_latex


def add_document_options(parser) -> None:
    """Add --tex FILE, --slides FILE and --pdf FILE to a sub-command."""
    parser.add_argument("--tex", metavar="FILE", help="write a LaTeX article to FILE")
    parser.add_argument("--slides", metavar="FILE",
                        help="write Beamer slides to FILE (FILE.pdf: compile them with the engine "
                             "the document needs: pdflatex, or XeLaTeX for --lang zh)")
    parser.add_argument("--pdf", metavar="FILE",
                        help="compile the article to FILE (pdflatex, or XeLaTeX for --lang zh)")


_PENDING: list | None = None


@contextmanager
def deferred():
    """Inside the block, PDFs are typeset but not compiled: the list it gives collects
    (LaTeX source, PDF path) pairs for :func:`compile_pending`.

    >>> with deferred() as pending:
    ...     pending
    []
    """
    global _PENDING
    previous, _PENDING = _PENDING, []
    try:
        yield _PENDING
    finally:
        _PENDING = previous


def compile_pending(pending: list) -> None:
    """Compile each (source, path) typeset inside :func:`deferred`; say what was written.

    >>> compile_pending([])
    """
    for source, path in pending:
        _run_engine(source, Path(path))
        print(said("cli.wrote", path), file=sys.stderr)


def _compile(source: str, path: Path, written: list) -> None:
    if _PENDING is not None:
        _PENDING.append((source, str(path)))
    else:
        _run_engine(source, path)
        written.append(str(path))


def _run_engine(source: str, pdf: Path) -> None:
    # The engine the source needs: XeLaTeX for a Chinese document (ctex), else pdflatex.
    compile_latex(source, pdf, engine=engine_for(source))


def write_documents(explained, args) -> None:
    """Write the documents the options ask for; say on stderr what was written."""
    written = []
    if args.tex:
        explained.to_latex(args.tex)
        written.append(args.tex)
    if args.slides:
        slides = Path(args.slides)
        if slides.suffix.lower() == ".pdf":
            # Compiled in a temporary folder, like --pdf: nothing beside the PDF is overwritten.
            _compile(explained.to_beamer(), slides, written)
        else:
            explained.to_beamer(slides)
            written.append(args.slides)
    if args.pdf:
        pdf = Path(args.pdf)
        if pdf.suffix.lower() != ".pdf":
            raise ValueError(said('err.cli_documents.pdf-needs-file-name', args.pdf))
        # Compiled in a temporary folder: an existing name.tex or name.log is left alone.
        _compile(explained.to_latex(), pdf, written)
    for path in written:
        print(said("cli.wrote", path), file=sys.stderr)
