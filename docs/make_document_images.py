"""Render representative pages of every kind of symgrad document to PNG for the docs.

Run: python docs/make_document_images.py  (needs pdflatex and pdftoppm)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import symgrad
from symgrad.analysis.kmeans import mean_update_derivation
from symgrad.render.documents.document import to_pdf

IMG = Path(__file__).resolve().parent / "img"


def _page(pdf: Path, png: Path, page: int, dpi: int = 70) -> Path:
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True)
    return png


def jobs():
    """(object, format, picture name, page) for each picture in the docs."""
    watermelon = symgrad.Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
    melon = symgrad.derive(symgrad.mse(watermelon))
    logistic = symgrad.derive(symgrad.bce(symgrad.Model("sigmoid(w1*x1 + w2*x2 + b)",
                                                        inputs=["x1", "x2"])))
    saddle = symgrad.stationary_points("2*x**2 + 2*y + 4*x*y")
    trace = symgrad.trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 4)
    net = symgrad.Sequential(symgrad.Dense(2, 2), symgrad.Sigmoid(), symgrad.Dense(2, 1),
                             symgrad.Sigmoid())
    softmax = symgrad.derive(symgrad.cross_entropy(symgrad.Sequential(
        symgrad.Dense(2, 3), symgrad.Softmax())))
    deep = symgrad.derive(symgrad.bce(symgrad.Sequential(
        symgrad.Dense(2, 2), symgrad.Sigmoid(), symgrad.Dense(2, 2), symgrad.Tanh(),
        symgrad.Dense(2, 1), symgrad.Sigmoid())))
    return [
        (symgrad.derive(symgrad.bce(net)), "slides", "network-slides-output", 5),
        (softmax, "slides", "softmax-slides-delta", 5),
        (softmax, "slides", "softmax-slides-one-hot", 6),
        (deep, "slides", "network-3-layer-slides", 6),
        (melon, "article", "watermelon-article", 1),
        (melon, "article", "watermelon-article-gradient", 2),
        (melon, "slides", "watermelon-slides", 6),
        *((logistic, "slides", f"logistic-slides-{page}", page) for page in range(1, 7)),
        (saddle, "article", "saddle-article", 1),
        (trace, "slides", "trace-slides", 4),
        (symgrad.backprop(symgrad.bce(net)), "article", "backprop-article", 1),
        (mean_update_derivation(), "article", "kmeans-article", 1),
        (symgrad.check_derivative("x**3", "x", "3*x"), "article", "verdict-article", 1),
    ]


def main(out: Path = IMG) -> list[Path]:
    """Compile each document and write the chosen page as a PNG into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        for obj, kind, name, page in jobs():
            tex = Path(tmp) / f"{name}.tex"
            (obj.to_beamer if kind == "slides" else obj.to_latex)(tex)
            made.append(_page(to_pdf(tex), out / f"{name}.png", page))
    return made


if __name__ == "__main__":
    for path in main():
        print(f"wrote {path}")
    sys.exit(0)
