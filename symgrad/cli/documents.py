"""The --tex, --slides and --pdf options that every explaining command shares."""

from __future__ import annotations

import sys
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
            _compile(explained.to_beamer(), slides)
            written.append(args.slides)
        else:
            explained.to_beamer(slides)
            written.append(args.slides)
    if args.pdf:
        pdf = Path(args.pdf)
        if pdf.suffix.lower() != ".pdf":
            raise ValueError(said('err.cli_documents.pdf-needs-file-name', args.pdf))
        # Compiled in a temporary folder: an existing name.tex or name.log is left alone.
        _compile(explained.to_latex(), pdf)
        written.append(args.pdf)
    for path in written:
        print(said("cli.wrote", path), file=sys.stderr)


def _compile(source: str, pdf: Path) -> None:
    # The engine the source needs: XeLaTeX for a Chinese document (ctex), else pdflatex.
    compile_latex(source, pdf, engine=engine_for(source))
