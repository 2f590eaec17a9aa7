r"""Chinese documents: the XeLaTeX + ctex preamble and the engine a LaTeX source needs.

pdflatex cannot typeset Chinese; XeLaTeX with ctex can, in a CJK OpenType font (Noto Serif
CJK SC for articles, Noto Sans CJK SC for slides: Debian's fonts-noto-cjk).  The preamble is
the pdflatex one with its 8-bit font set-up swapped for ctex, and every character the
pdflatex preamble declares (², ·, σ …) declared again with ``newunicodechar`` so both engines
print the same symbols.

>>> print(engine_for(r"\documentclass{article}\usepackage[fontset=none]{ctex}"))
xelatex
>>> print(engine_for(r"\documentclass{article}"))
pdflatex
"""

from __future__ import annotations

import re

from ...i18n.language import current

#: The CJK fonts of Chinese documents (Debian: fonts-noto-cjk).
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"

# Lines of the pdflatex preamble that XeLaTeX does not want (fontspec sets the fonts).
_PDFLATEX_ONLY = (r"\usepackage[utf8]{inputenc}", r"\usepackage[T1]{fontenc}",
                  r"\usepackage{lmodern}")
_DECLARED = re.compile(r"\\DeclareUnicodeCharacter\{([0-9A-Fa-f]+)\}\{(.*)\}$")
_CTEX = re.compile(r"\\usepackage(\[[^]]*\])?\{ctex\}|\\documentclass(\[[^]]*\])?\{ctex")


def chinese_preamble(preamble: str) -> str:
    r"""The pdflatex ``preamble`` made for XeLaTeX with ctex and Noto CJK fonts.

    >>> p = chinese_preamble("\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n"
    ...                      "\\DeclareUnicodeCharacter{00B2}{\\ensuremath{^2}}\n")
    >>> print(p)  # doctest: +ELLIPSIS
    \documentclass{article}
    \usepackage[fontset=none]{ctex}
    \setCJKmainfont{Noto Serif CJK SC}[BoldFont=* Bold]
    \setCJKsansfont{Noto Sans CJK SC}[BoldFont=* Bold]
    \setCJKmonofont{Noto Sans Mono CJK SC}
    \usepackage{newunicodechar}
    \newunicodechar{²}{\ensuremath{^2}}
    <BLANKLINE>
    """
    head, declared = [], []
    for line in preamble.splitlines():
        if line.strip() in _PDFLATEX_ONLY:
            continue
        m = _DECLARED.match(line.strip())
        if m:
            declared.append(rf"\newunicodechar{{{chr(int(m[1], 16))}}}{{{m[2]}}}")
            continue
        head.append(line)
    setup = [r"\usepackage[fontset=none]{ctex}",
             rf"\setCJKmainfont{{{SERIF}}}[BoldFont=* Bold]",
             rf"\setCJKsansfont{{{SANS}}}[BoldFont=* Bold]",
             r"\setCJKmonofont{Noto Sans Mono CJK SC}",
             r"\usepackage{newunicodechar}", *declared]
    return "\n".join([head[0], *setup, *head[1:]]) + "\n"


def engine_for(source: str) -> str:
    """The TeX engine a LaTeX source needs: xelatex when it loads ctex, else pdflatex."""
    return "xelatex" if _CTEX.search(source) else "pdflatex"


def for_language(preamble: str) -> str:
    """The pdflatex ``preamble`` as the language in force needs it (Chinese: XeLaTeX + ctex)."""
    return chinese_preamble(preamble) if current() == "zh" else preamble
