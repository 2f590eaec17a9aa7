"""Regenerate every picture of docs/pictures.md: ``python docs/make_pictures.py``.

Each picture is built by one small function, the same code the page shows beside it;
``main(out)`` writes them all as PNG files into ``out`` (docs/img by default).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from symgrad import (  # noqa: E402 - after the path is set
    Model,
    bce,
    descend,
    mse,
    trace_descent,  # noqa: E402
)
from symgrad.analysis.kmeans import kmeans  # noqa: E402


def descent_1d(path):
    """§4.02: f(x) = 2x² − 12x + 20 from x = 0, rate 1/8, with the tangent at every point."""
    return trace_descent("2*x**2 - 12*x + 20", {"x": 0}, "1/8", 6).plot(path)


def descent_contour(path):
    """§4.03: a contour map of 2x² + y² + 3 and the path A → … → K (ten steps)."""
    return trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 10).plot(path)


def descent_surface(path):
    """The same path on the 3-D surface, beside the contour map."""
    trace = trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 10)
    return trace.plot(path, surface=True)


def line_data():
    """Noisy points around y = 2x + 1 (seeded)."""
    rng = np.random.default_rng(0)
    x = np.linspace(-2, 2, 25)
    return x[:, None], 2 * x + 1 + rng.normal(0, 0.4, x.size)


def fitted_line():
    """A straight line fitted to the points by gradient descent on the mean squared error."""
    X, y = line_data()
    return descend(mse(Model("w*x + b", inputs="x")), X, y, lr=0.1, steps=200), X, y


def loss_curve(path):
    """J per step while the line is fitted."""
    fit, _, _ = fitted_line()
    return fit.plot_loss(path)


def fit_line(path):
    """The fitted line over its data."""
    fit, X, y = fitted_line()
    return fit.plot_fit(X, y, path)


def classes():
    """Two seeded clouds of points labelled 0 and 1."""
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal([-1, -1], 0.8, (40, 2)), rng.normal([1.5, 1], 0.8, (40, 2))])
    return X, np.repeat([0, 1], 40)


def decision_boundary(path):
    """Logistic regression on two inputs: the boundary where the predicted P(y = 1) is 0.5."""
    X, y = classes()
    model = Model("sigmoid(w1*x1 + w2*x2 + b)", inputs=["x1", "x2"])
    fit = descend(bce(model), X, y, lr=0.5, steps=300)
    return fit.plot_fit(X, y, path)


def blobs():
    """Three seeded blobs of 60 points each, with no labels: the learner must find them."""
    rng = np.random.default_rng(2)
    means = np.array([[0, 0], [5, 1], [2, 5]])
    return np.vstack([rng.normal(m, 0.8, (60, 2)) for m in means])


def clusters(path):
    """k-means with k = 3 on the blobs."""
    return kmeans(blobs(), 3, seed=0).plot(path)


PICTURES = {
    "descent_1d.png": descent_1d,
    "descent_contour.png": descent_contour,
    "descent_surface.png": descent_surface,
    "loss_curve.png": loss_curve,
    "fit_line.png": fit_line,
    "decision_boundary.png": decision_boundary,
    "kmeans.png": clusters,
}


def main(out=ROOT / "docs" / "img") -> list[Path]:
    """Write every picture into ``out`` and return their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in PICTURES.items():
        draw(out / name)
        written.append(out / name)
    return written


if __name__ == "__main__":
    for path in main():
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
