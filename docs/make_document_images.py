"""Render the first pages of a symgrad article and of its slides to PNG for the docs.

Run: python docs/make_document_images.py  (needs pdflatex and pdftoppm)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import symgrad
from symgrad.analysis import stationary_points
from symgrad.render.document import to_pdf

IMG = Path(__file__).resolve().parent / "img"


def _first_page(pdf: Path, png: Path, page: int = 1, dpi: int = 70) -> Path:
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True)
    return png


def main(out: Path = IMG) -> list[Path]:
    """Compile the watermelon derivation and the saddle analysis; write PNGs into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    watermelon = symgrad.Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
    derivation = symgrad.derive(symgrad.mse(watermelon))
    saddle = stationary_points("2*x**2 + 2*y + 4*x*y")
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        jobs = [(derivation.to_latex, "watermelon-article", 1),
                (derivation.to_beamer, "watermelon-slides", 6),
                (saddle.to_latex, "saddle-article", 1)]
        for write, name, page in jobs:
            tex = tmp / f"{name}.tex"
            write(tex)
            made.append(_first_page(to_pdf(tex), out / f"{name}.png", page))
    return made


if __name__ == "__main__":
    for path in main():
        print(f"wrote {path}")
    sys.exit(0)
