"""Render every page of the reference decks, English and Chinese, to PNG for review.

Run: python docs/make_deck_pages.py  (needs pdflatex, xelatex, pdftoppm, Noto CJK fonts)

Writes docs/img/decks/<lang>-<example>-<page>.png for the logistic-regression, 2-3-1
network, saddle and trace decks: the pages a teacher would show, to be looked at one by one.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import symgrad
from symgrad.i18n.language import language
from symgrad.render.documents.document import to_pdf

OUT = Path(__file__).resolve().parent / "img" / "decks"

#: The reference decks: name → how to compute the result.
DECKS = {
    "logistic": lambda: symgrad.derive(symgrad.bce(symgrad.Model(
        "sigmoid(w1*x1 + w2*x2 + b)", inputs=["x1", "x2"]))),
    "network-2-3-1": lambda: symgrad.derive(symgrad.bce(symgrad.Sequential(
        symgrad.Dense(2, 3), symgrad.Sigmoid(), symgrad.Dense(3, 1), symgrad.Sigmoid()))),
    "saddle": lambda: symgrad.stationary_points("2*x**2 + 2*y + 4*x*y"),
    "trace": lambda: symgrad.trace_descent("(x - 3)**2 + 2", {"x": 0}, "1/4", 4),
}


def main(out: Path = OUT, names=tuple(DECKS), langs=("en", "zh")) -> list[Path]:
    """Compile each deck in each language and write all its pages as PNGs into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            result = DECKS[name]()
            for lang in langs:
                tex = Path(tmp) / f"{lang}-{name}.tex"
                with language(lang):
                    result.to_beamer(tex)
                pdf = to_pdf(tex)
                for old in out.glob(f"{lang}-{name}-*.png"):
                    old.unlink()
                subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf),
                                str(out / f"{lang}-{name}")], check=True)
                made += sorted(out.glob(f"{lang}-{name}-*.png"))
    return made


if __name__ == "__main__":
    for path in main(names=tuple(sys.argv[1:]) or tuple(DECKS)):
        print(f"wrote {path}")
