r"""Compile LaTeX to PDF safely: no shell escape, no file read or written outside a private folder.

TeX is a programming language: a document could ``\input`` any file the user can read or write
anywhere.  Everything symgrad compiles runs in a fresh temporary folder, with ``-no-shell-escape``
and kpathsea's paranoid modes (``openin_any=p``, ``openout_any=p``: no absolute paths, no ``..``,
no dot files), and only the PDF is copied out.  Nothing beside the PDF is created or overwritten.

:data:`UNICODE_COMMANDS` says how pdflatex prints each non-ASCII character symgrad can write
(Greek letters, super- and subscripts, symbols); the LaTeX preamble declares them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from ...errors import said
from ...runtime.atomic import write_bytes

__all__ = ["ENGINES", "UNICODE_COMMANDS", "LatexError", "compile_latex", "safe_environment"]

#: The TeX engines symgrad can run, and what to install when one is missing.
ENGINES = {
    "pdflatex": "texlive-latex-base texlive-latex-recommended texlive-fonts-recommended lmodern",
    "xelatex": "texlive-xetex texlive-lang-chinese fonts-noto-cjk",
}


class LatexError(RuntimeError):
    """pdflatex is missing, or it could not compile a document (the log's errors attached)."""


def _greek() -> dict[str, str]:
    """Every Greek letter as the math command that prints it (Α, which has none, as \\mathrm{A})."""
    out = {}
    for code in [*range(0x391, 0x3AA), *range(0x3B1, 0x3CA)]:
        char = chr(code)
        try:
            name = unicodedata.name(char)  # e.g. GREEK SMALL LETTER BETA
        except ValueError:  # U+03A2 is unassigned
            continue
        word = name.split()[-1].lower()
        word = "varsigma" if "FINAL" in name else {"lamda": "lambda"}.get(word, word)
        if name.startswith("GREEK CAPITAL"):
            capital = word.capitalize()
            out[char] = (f"\\{capital}" if capital in _GREEK_CAPITALS
                         else f"\\mathrm{{{_LATIN_LOOKALIKE[word]}}}")
        else:
            word = {"epsilon": "varepsilon", "phi": "varphi"}.get(word, word)
            out[char] = "o" if word == "omicron" else f"\\{word}"
    return {c: f"\\ensuremath{{{v}}}" for c, v in out.items()}


_GREEK_CAPITALS = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi",
                   "Psi", "Omega"}
_LATIN_LOOKALIKE = {"alpha": "A", "beta": "B", "epsilon": "E", "zeta": "Z",
                    "eta": "H", "iota": "I", "kappa": "K", "mu": "M", "nu": "N", "omicron": "O",
                    "rho": "P", "tau": "T", "chi": "X"}

#: Non-ASCII characters symgrad writes in text, and the LaTeX that prints each with pdflatex.
UNICODE_COMMANDS: dict[str, str] = {
    **_greek(),
    **{c: f"\\ensuremath{{^{{{v}}}}}" for c, v in {
        "ⁿ": "n", "ᵘ": "u", "ˣ": "x", "ᵏ": "k", "ʲ": "j", "ᵐ": "m", "ᴸ": "L", "ˡ": "l",
        "ᵀ": r"\mathsf T", "ⁱ": "i",
        "″": r"\prime\prime", "‴": r"\prime\prime\prime"}.items()},
    **{c: f"\\ensuremath{{_{{{v}}}}}" for c, v in {"ₙ": "n", "ₓ": "x", "ⱼ": "j", "ᵢ": "i", "ₖ": "k",
                                                      "ₘ": "m"}.items()},
    "½": r"\ensuremath{\tfrac12}", "—": "---", "–": "--", "…": r"\ensuremath{\ldots}",
    "⋯": r"\ensuremath{\cdots}", "‖": r"\ensuremath{\|}", "ℝ": r"\ensuremath{\mathbb{R}}",
    "∏": r"\ensuremath{\prod}", "∫": r"\ensuremath{\int}", "±": r"\ensuremath{\pm}",
    "≪": r"\ensuremath{\ll}",
}


def safe_environment() -> dict[str, str]:
    """The environment TeX runs in: file access limited to its working folder.

    >>> env = safe_environment()
    >>> env["openin_any"], env["openout_any"]
    ('p', 'p')
    """
    env = dict(os.environ)
    env.update(openin_any="p", openout_any="p", shell_escape="f")
    env.pop("TEXMFOUTPUT", None)  # paranoid mode would allow absolute paths under it
    return env


def compile_latex(source: str, pdf_path, *, engine: str = "pdflatex",
                  timeout: float = 120) -> tuple[Path, str]:
    r"""Compile the LaTeX ``source`` into ``pdf_path``; returns that path and the log text.

    The run happens in a temporary folder (see the module docstring) and only the PDF leaves
    it: an existing ``name.tex`` or ``name.log`` beside ``pdf_path`` is never touched.

    >>> compile_latex("x", "/tmp/out.pdf", engine="lualatex")
    Traceback (most recent call last):
    ...
    symgrad.render.documents.pdf.LatexError: unknown TeX engine 'lualatex'; symgrad runs pdflatex or xelatex
    """  # noqa: E501 - a doctest's expected output is one line
    if engine not in ENGINES:
        raise LatexError(said('err.pdf.unknown-tex-engine-symgrad', engine))
    exe = shutil.which(engine)
    if exe is None:
        raise LatexError(said('err.pdf.not-installed-install-tex', engine, ENGINES[engine]))
    pdf_path = Path(pdf_path)
    with tempfile.TemporaryDirectory(prefix="symgrad-tex-") as tmp:
        (Path(tmp) / "document.tex").write_text(source, encoding="utf-8")
        cmd = [exe, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
               "document.tex"]
        try:
            done = subprocess.run(cmd, cwd=tmp, capture_output=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL, check=False,
                                  env=safe_environment())
        except subprocess.TimeoutExpired:
            raise LatexError(said('err.pdf.took-longer-than-s', engine, timeout)) from None
        log = Path(tmp) / "document.log"
        log_text = log.read_text(errors="replace") if log.exists() else ""
        pdf = Path(tmp) / "document.pdf"
        if done.returncode != 0 or not pdf.exists():
            raise LatexError(said('err.pdf.could-not-compile-it', engine, _first_error(log_text)))
        write_bytes(pdf_path, pdf.read_bytes())  # whole or not at all
    return pdf_path, log_text


def _first_error(log: str) -> str:
    """The first error of a TeX log as one line (the message and the line it points at)."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("!"):
            where = next((l for l in lines[i + 1:i + 4] if l.startswith("l.")), "")
            return " ".join(f"{line[1:].strip()} {where}".split())
    return " ".join(" ".join(lines[-3:]).split()) or "no log was written"
