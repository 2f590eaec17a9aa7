"""The article's §2: the same points learned with labels (supervised) and without (k-means).

Run: python examples/clustering.py
"""

from pathlib import Path

import numpy as np

import symgrad

OUT = Path(__file__).resolve().parent / "output"


def make_points(seed=0):
    """Two groups of 2-D points around (0, 0) and (4, 4), and the label of each."""
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(0, 0.8, (30, 2)), rng.normal(4, 0.8, (30, 2))])
    return X, np.repeat([0, 1], 30)


def main(out=OUT):
    X, labels = make_points()
    # Supervised: the labels are given; fit a classifier σ(w1·x1 + w2·x2 + b) with bce.
    loss = symgrad.bce(symgrad.Model("sigmoid(w1*x1 + w2*x2 + b)", inputs=["x1", "x2"]))
    fit = symgrad.descend(loss, X, labels, lr=0.5, steps=300)
    accuracy = float(np.mean((fit.predict(X) > 0.5) == labels))
    print(f"supervised: J = {fit.history[-1]:.4f}, training accuracy {accuracy:.0%}")
    # Unsupervised: the labels are hidden; k-means finds the two groups by itself.
    clusters = symgrad.kmeans(X, 2, seed=0)
    print(clusters.text())
    out = Path(out)
    out.mkdir(exist_ok=True)
    fit.plot_fit(X, labels, out / "clustering_supervised.png")
    clusters.plot(out / "clustering_kmeans.png")
    return fit, clusters, labels


if __name__ == "__main__":
    main()
