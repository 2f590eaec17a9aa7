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
    body = tex.split(r"\begin{document}", 1)[1]
    notes = re.findall(r"\\tag\*\{\\small (.*)\}$", body, re.M)
    body = re.sub(r"\\begin\{align\*\}.*?\\end\{align\*\}", "\n", body, flags=re.S)
    pieces = []
    for text in [*body.split("\n"), *notes]:
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
