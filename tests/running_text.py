r"""The running text of a generated LaTeX document, and what may not stand in it.

Used by test_running_text.py.  Running text is everything a reader sees outside math: titles,
headings, paragraphs and the notes of display rows (``\tag*{…}``), with ``$…$`` math removed.
In it, a math symbol (a Greek letter, a sub- or superscript, a prime, ∂ …) or a lone letter
(``J``, ``m``, ``l``: a variable) means math set as text; in Chinese, an ASCII ``:`` or ``;``
or an English word outside the allow-list is a sentence a Chinese textbook would not print.
"""

from __future__ import annotations

import re

from symgrad.render.printers.unimath import MATH_CHARACTERS

#: Words a Chinese text may keep in Latin letters: names of functions and of people.
ALLOWED_IN_CHINESE = {"Sigmoid", "ReLU", "Softmax", "Softplus", "Lloyd", "LaTeX"}
#: English words of one letter.
ENGLISH_LETTERS = {"a", "A", "I"}


def running_text(tex: str) -> list[str]:
    """The pieces of running text of a document (one per paragraph, heading or note)."""
    preamble, body = tex.split(r"\begin{document}", 1)
    body = "\n".join([*re.findall(r"^\\title\{(.*)\}$", preamble, re.M), body])  # the title too
    notes = re.findall(r"\\tag\*\{\\small (.*)\}$", body, re.M)
    body = re.sub(r"\\begin\{align\*\}.*?\\end\{align\*\}", "\n", body, flags=re.S)
    pieces = []
    for text in [*body.split("\n"), *notes]:
        text = re.sub(r"\\texttt\{[^}]*\}", " ", text)  # code: `derive(loss, wrt="w1")`
        text = re.sub(r"\$[^$]*\$", " ", text)
        text = re.sub(r"\\(begin|end)\{[a-z*]+\}", " ", text)
        text = re.sub(r"\\[A-Za-z]+\*?", " ", text)
        text = re.sub(r"[{}\\]", " ", text)
        if text.strip():
            pieces.append(text.strip())
    return pieces


def problems(tex: str, lang: str) -> list[str]:
    """What a teacher would fix in the running text: (piece, reason) as strings."""
    found = []
    for text in running_text(tex):
        for ch in text:
            if ch in MATH_CHARACTERS:
                found.append(f"math symbol {ch!r} as text: {text}")
        for word in re.findall(r"(?<![A-Za-z'’-])[A-Za-z](?![A-Za-z'’-])", text):
            if lang != "en" or word not in ENGLISH_LETTERS:
                found.append(f"a variable {word!r} as text: {text}")
        if lang == "zh" and re.search(r"[\u4e00-\u9fff]", text):
            if re.search(r"[:;]", text):
                found.append(f"ASCII : or ; in a Chinese sentence: {text}")
            for word in re.findall(r"[A-Za-z][A-Za-z+-]+", text):
                if word not in ALLOWED_IN_CHINESE:
                    found.append(f"an English word {word!r} in Chinese: {text}")
    return found


#: Latin words a Chinese catalogue entry may hold besides ALLOWED_IN_CHINESE: names of
#: software, formats and units, and the names a reader types — symgrad's functions, parameters
#: and commands, Python's names.  Anything else in Latin letters is English left untranslated.
NAMES_IN_CHINESE = {
    "Leaky", "ELU", "SiLU", "GELU", "SymPy", "Python", "python", "XeLaTeX", "TeX", "Live",
    "Debian", "Beamer", "PDF", "CSV", "UTF", "ASCII", "ANTLR", "antlr", "MiB", "KiB", "NaN",
    "pdflatex", "xelatex", "numba", "symgrad", "pip", "apt-get", "install", "serve", "web",
    "check", "grade", "derive", "backprop", "Sequential", "Dense", "Model", "Loss", "Matrix",
    "Symbol", "Rational", "Fraction", "int", "sympy", "True", "False", "init", "lr", "steps",
    "lines", "backend", "wrt", "bce", "pi", "sigma", "Dask", "tqdm", "MB", "fit", "trace",
    "explain",
}


def catalogue_problems(value: str) -> list[str]:
    """What a Chinese textbook would not print in one catalogue entry: an ASCII ``:`` or ``;``
    in a Chinese sentence, or an English word.  Math (``$…$``), placeholders, quoted or
    back-quoted examples, LaTeX commands, options (``--lr``) and code (``exact=True``,
    ``cross_entropy``, ``symgrad.backprop(loss)``) are not sentences and are left out.

    >>> catalogue_problems("所以: 损失 invalid syntax")
    ["ASCII : or ; in a Chinese sentence: '所以: 损失 invalid syntax'", "an English word 'invalid'", "an English word 'syntax'"]
    >>> catalogue_problems("请用 --lr 或 exact=False；$J = Σᵢ ℓᵢ$：{0}")
    []
    """
    text = re.sub(r"\$[^$]*\$", " ", value)
    text = re.sub(r"\{\{[^}]*\}\}|\{[^}]*\}", " ", text)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", " ", text)
    text = re.sub(r"\\[A-Za-z]+", " ", text)
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)
    text = re.sub(r"[\w.]*[_=(.*/+][\w.=()*/+,'\[\]-]*",
                  lambda m: " " if re.search(r"[A-Za-z]", m.group(0)) else m.group(0), text)
    found = []
    if re.search(r"[\u4e00-\u9fff]", text) and re.search(r"[:;]", text):
        found.append(f"ASCII : or ; in a Chinese sentence: {value!r}")
    for word in re.findall(r"[A-Za-z][A-Za-z+-]*[A-Za-z]", text):
        if word not in ALLOWED_IN_CHINESE | NAMES_IN_CHINESE:
            found.append(f"an English word {word!r}")
    return found
