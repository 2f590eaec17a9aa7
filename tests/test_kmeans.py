"""k-means: the centers it finds, and the exact derivation of its mean update."""

from itertools import permutations

import numpy as np
import pytest
import sympy

from symgrad.analysis.kmeans import _mean_update, kmeans, mean_update_derivation
from symgrad.parsing.core import symbol

TRUE_MEANS = np.array([[0.0, 0.0], [6.0, 1.0], [2.0, 7.0]])


@pytest.fixture(scope="module")
def blobs():
    """Three well-separated seeded blobs of 200 points each, recentred on their true means."""
    rng = np.random.default_rng(7)
    parts = []
    for mean in TRUE_MEANS:
        cloud = rng.normal(0, 0.6, (200, 2))
        parts.append(cloud - cloud.mean(axis=0) + mean)
    return np.vstack(parts)


@pytest.fixture(scope="module")
def result(blobs):
    """k-means with k = 3 on the blobs."""
    return kmeans(blobs, 3, seed=0)


@pytest.fixture(scope="module")
def derivation():
    """The worked derivation for a cluster of three points."""
    return mean_update_derivation()


def test_finds_the_true_means(result):
    """Up to the order of the clusters, the centers are the blobs' means within 0.1."""
    best = min(np.abs(result.centers[list(p)] - TRUE_MEANS).max()
               for p in permutations(range(3)))
    assert best < 0.1
    assert result.converged and 1 <= result.iterations < 100


def test_labels_are_the_blobs(result):
    """Each blob of 200 points gets one label of its own, and every point its nearest center."""
    blocks = result.labels.reshape(3, 200)
    assert all(len(set(block)) == 1 for block in blocks)
    assert len({block[0] for block in blocks}) == 3
    distances = ((result.X[:, None] - result.centers[None]) ** 2).sum(axis=2)
    np.testing.assert_array_equal(result.labels, distances.argmin(axis=1))


def test_centers_are_cluster_means_and_inertia_is_j(result, blobs):
    """At convergence each center is its cluster's mean and inertia is J."""
    for j, center in enumerate(result.centers):
        np.testing.assert_allclose(center, blobs[result.labels == j].mean(axis=0))
    j = ((blobs - result.centers[result.labels]) ** 2).sum()
    assert result.inertia == pytest.approx(j)
    assert result.history[-1] == pytest.approx(result.inertia)


def test_history_never_increases():
    """J never rises from one iteration to the next, even on overlapping data."""
    X = np.random.default_rng(3).normal(size=(300, 2))
    history = kmeans(X, 5, seed=4).history
    assert len(history) >= 2
    assert all(b <= a + 1e-9 for a, b in zip(history, history[1:]))


def test_deterministic_for_a_seed(blobs):
    """The same seed gives the same clustering."""
    a, b = kmeans(blobs, 4, seed=11), kmeans(blobs, 4, seed=11)
    np.testing.assert_array_equal(a.centers, b.centers)
    np.testing.assert_array_equal(a.labels, b.labels)


def test_max_iter_stops_early():
    """max_iter=1 runs one iteration and reports that it did not converge."""
    X = np.random.default_rng(3).normal(size=(300, 2))
    r = kmeans(X, 5, seed=4, max_iter=1)
    assert (r.iterations, r.converged, len(r.history)) == (1, False, 1)


def test_gradient_is_exact(derivation):
    """∂J/∂μ = −2(x1 − μ) − 2(x2 − μ) − 2(x3 − μ), and it is sympy.diff of the objective."""
    mu, x1, x2, x3 = (symbol(n) for n in ("mu", "x1", "x2", "x3"))
    expected = -2 * (x1 - mu) - 2 * (x2 - mu) - 2 * (x3 - mu)
    assert sympy.expand(derivation.gradient - expected) == 0
    assert sympy.expand(derivation.gradient - sympy.diff(derivation.objective, mu)) == 0
    assert derivation.objective == (x1 - mu) ** 2 + (x2 - mu) ** 2 + (x3 - mu) ** 2
    assert derivation.steps.rule == "sum" and len(derivation.steps.substeps) == 3
    assert derivation.curvature == 6


def test_solution_is_the_mean(derivation):
    """Solving ∂J/∂μ = 0 gives exactly μ = (x1 + x2 + x3)/3."""
    x1, x2, x3 = (symbol(n) for n in ("x1", "x2", "x3"))
    assert derivation.solution == (x1 + x2 + x3) / 3


def test_numeric_update_is_the_derived_formula(derivation):
    """The center update on a 3-point cluster equals the derived μ evaluated on it."""
    X = np.array([[1.0, -2.0], [4.0, 0.5], [10.0, 7.0], [50.0, 50.0]])
    labels = np.array([0, 0, 0, 1])
    centers = _mean_update(X, labels, np.zeros((2, 2)))
    formula = sympy.lambdify(derivation.points, derivation.solution, modules="numpy")
    for coordinate in range(2):
        assert centers[0, coordinate] == pytest.approx(formula(*X[:3, coordinate]))
    assert centers[1].tolist() == [50.0, 50.0]


def test_empty_cluster_is_reseeded_at_the_farthest_point():
    """A cluster that lost its points moves to the point farthest from its own center."""
    X = np.array([[0.0, 0.0], [1.0, 0.0], [9.0, 0.0]])
    centers = _mean_update(X, np.array([0, 0, 0]), np.array([[0.0, 0.0], [100.0, 100.0]]))
    assert centers.tolist() == [[10 / 3, 0.0], [9.0, 0.0]]


@pytest.mark.parametrize("X, k, message", [
    ([[0, 0], [1, 1]], 0, "k must be between 1 and the number of points"),
    ([[0, 0], [1, 1]], 3, r"k must be between 1 and the number of points \(2\)"),
    ([[0, 0], [np.nan, 1]], 1, "row 1 has NaN"),
    ([0, 1, 2], 1, "2-D"),
    ([[0, 0], [1, 1]], 1.5, "whole number"),
    ([["a", "b"]], 1, "numbers"),
])
def test_bad_input_is_refused(X, k, message):
    """Bad data or k raise ValueError saying what is wrong."""
    with pytest.raises(ValueError, match=message):
        kmeans(X, k)


def test_latex_and_documents(derivation):
    """The LaTeX has the fractions and every rule step; the document has the four sections."""
    tex = derivation.to_latex()
    assert "\\frac" in tex and "\\frac{x_{1} + x_{2} + x_{3}}{3}" in tex
    assert "\\tag*{\\small chain rule, $u = x_{1} - \\mu$}" in tex
    assert "\\tag*{\\small power rule}" in tex
    assert tex.count("\\tag*{\\small variable rule}") == 3
    body = derivation.latex()
    assert body.count(" \\\\\n") == len(body.splitlines()) - 1
    assert "## The algorithm" in derivation.to_markdown()


def test_text_shows_the_solution(derivation):
    """The text solves ∂J/∂μ = 0 to the mean and names the rules used."""
    text = derivation.text()
    assert "μ = (x1 + x2 + x3)/3" in text
    assert "chain rule, u = x1 − μ" in text


def test_plot_draws_centers(result, tmp_path):
    """The plot marks the three centers where they are and saves a PNG; 3-D data is refused."""
    target = tmp_path / "k.png"
    ax = result.plot(target).axes[0]
    (marks,) = [c for c in ax.collections if c.get_gid() == "centers"]
    np.testing.assert_allclose(marks.get_offsets(), result.centers)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="two-dimensional"):
        kmeans(np.eye(3), 2).plot()


def test_a_large_inertia_is_printed_to_its_six_digits():
    """J = 1.33327e+8 is written with the six digits the run gives, not as 133327000."""
    X = np.array([[0, 0], [1e4, 1e4], [0, 1], [1e4, 3e4 + 1]], float)
    first = kmeans(X, 2, seed=0).text().splitlines()[0]
    assert first.endswith("J = 1.33327e+8"), first
