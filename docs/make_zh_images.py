"""Compile the reference examples as Chinese articles and decks (XeLaTeX) and render pages to PNG.

Run: python docs/make_zh_images.py [--all-pages DIR]  (needs xelatex, pdftoppm, Noto CJK fonts)

The pages shown in docs/chinese.md go to docs/img/zh-*.png; with ``--all-pages DIR`` every
page of every document is rendered into DIR as well, to be looked at before a release.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import symgrad
from symgrad.analysis.kmeans import mean_update_derivation
from symgrad.i18n.language import language
from symgrad.render.documents.document import to_pdf

IMG = Path(__file__).resolve().parent / "img"

#: The reference examples: name → (how to compute it, article page shown, slide shown).
EXAMPLES = {
    "watermelon": (lambda: symgrad.derive(symgrad.mse(symgrad.Model(
        "a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"]))), 1, 2),
    "logistic": (lambda: symgrad.derive(symgrad.bce(symgrad.Model(
        "sigmoid(w*x + b)", inputs="x"))), 1, 3),
    "saddle": (lambda: symgrad.stationary_points("2*x**2 + 2*y + 4*x*y"), 1, 6),
    "trace": (lambda: symgrad.trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 3),
              1, 3),
    "kmeans": (mean_update_derivation, 1, 2),
}


def _page(pdf: Path, png: Path, page: int, dpi: int = 70) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(png.with_suffix(""))], check=True)
    return png


#: The six points of the zh tutorial's §2 (docs/tutorial/zh/2-learning.md) and their labels.
POINTS = [[0, 0], [0, 2], [1, 1], [10, 10], [10, 12], [11, 11]]
LABELS = [0, 0, 0, 1, 1, 1]


def plots(out: Path = IMG) -> list[Path]:
    """The §2 pictures in Chinese: the classifier's boundary and the two k-means clusters."""
    import numpy as np

    from symgrad.analysis.kmeans import kmeans

    with language("zh"):
        model = symgrad.Model("sigmoid(w1*x1 + w2*x2 + b)", inputs=["x1", "x2"])
        fit = symgrad.descend(symgrad.bce(model), POINTS, LABELS, lr=0.5, steps=200)
        X, y = np.array(POINTS, float), np.array(LABELS, float)
        fit.plot_fit(X, y, Path(out) / "zh-decision-boundary.png")
        kmeans(POINTS, 2).plot(Path(out) / "zh-kmeans-clusters.png")
    return [Path(out) / "zh-decision-boundary.png", Path(out) / "zh-kmeans-clusters.png"]


def main(out: Path = IMG, all_pages: Path | None = None) -> list[Path]:
    """Write zh-<example>-article.png, zh-<example>-slides.png and the plots into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    made = plots(out)
    with tempfile.TemporaryDirectory() as tmp, language("zh"):
        tmp = Path(tmp)
        for name, (compute, article_page, slide) in EXAMPLES.items():
            result = compute()
            for kind, write, page in (("article", result.to_latex, article_page),
                                      ("slides", result.to_beamer, slide)):
                tex = tmp / f"zh-{name}-{kind}.tex"
                write(tex)
                pdf = to_pdf(tex)
                made.append(_page(pdf, out / f"zh-{name}-{kind}.png", page))
                if all_pages is not None:
                    Path(all_pages).mkdir(parents=True, exist_ok=True)
                    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf),
                                    str(Path(all_pages) / f"zh-{name}-{kind}")], check=True)
    return made


if __name__ == "__main__":
    every = Path(sys.argv[2]) if sys.argv[1:2] == ["--all-pages"] else None
    for path in main(all_pages=every):
        print(f"wrote {path}")
    sys.exit(0)
