"""The examples run and show what they claim."""

import runpy
from pathlib import Path

import pytest
from sympy import Rational

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run_example(name, **kwargs):
    return runpy.run_path(str(EXAMPLES / name), run_name="example")["main"](**kwargs)


def test_watermelon_recovers_the_coefficients(capsys):
    """examples/watermelon.py fits a, b, c, d back to 2, −1, 1/2, 3."""
    fit = run_example("watermelon.py")
    assert fit.params == pytest.approx({"a": 2.0, "b": -1.0, "c": 0.5, "d": 3.0}, abs=1e-3)
    out = capsys.readouterr().out
    assert "∂ℓ/∂a = x1·(a·x1 + b·x2² + c·x3³ + d − y)" in out


def test_neuron_exact_descent(capsys):
    """examples/neuron.py runs exact descent on Y = X1·W1 + X2·W2 with rational results."""
    fit = run_example("neuron.py")
    assert all(isinstance(v, Rational) for v in fit.params.values())
    assert fit.history[0] == Rational(1, 1)
    assert fit.history[-1] < fit.history[0]
    assert "∂ℓ/∂W1 = X1·(W1·X1 + W2·X2 − Y)" in capsys.readouterr().out


def test_digits_network_reaches_95_percent(capsys, tmp_path):
    """examples/digits.py trains 64-32-10 to at least 95% held-out accuracy and saves its curve."""
    pytest.importorskip("sklearn", reason="the digits example needs symgrad[examples]")
    fit, accuracy = run_example("digits.py", out=tmp_path)
    assert accuracy >= 0.95
    assert fit.history[-1] < fit.history[0] / 10
    png = tmp_path / "digits_loss.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    out = capsys.readouterr().out
    assert "\n  δ⁽²⁾ = a⁽²⁾ − y   softmax with cross-entropy\n" in out
    assert "held-out accuracy: " in out


def test_gradient_descent_reproduces_section_four(capsys):
    """examples/gradient_descent.py: x = 3 with f(3) = 2, the saddle, and the exact path."""
    minimum, saddle, trace = run_example("gradient_descent.py")
    (point,) = minimum.points
    assert (list(point.point.values()), point.value, point.kind) == ([3], 2, "minimum")
    (sp,) = saddle.points
    assert sp.kind == "saddle" and not saddle.has_minimum
    assert [tuple(r["point"].values()) for r in trace.rows[:3]] == [
        (1, 1), (0, Rational(1, 2)), (0, Rational(1, 4))]
    out = capsys.readouterr().out
    assert "f has no minimum" in out and "\nx⁽¹⁾ = x⁽⁰⁾ − α·g⁽⁰⁾_x = 1 − (1/4)·4 = 0\n" in out


def test_clustering_learns_the_groups_with_and_without_labels(capsys, tmp_path):
    """examples/clustering.py: the classifier and k-means both recover the two groups."""
    import numpy as np

    fit, clusters, labels = run_example("clustering.py", out=tmp_path)
    assert np.mean((fit.predict(clusters.X) > 0.5) == labels) == 1.0
    # k-means numbers its clusters arbitrarily: the grouping must match up to renaming.
    same = clusters.labels == labels
    assert same.all() or (~same).all()
    assert sorted(np.round(clusters.centers.sum(axis=1)).tolist()) == [0.0, 8.0]
    for name in ("clustering_supervised.png", "clustering_kmeans.png"):
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
    assert "μ = (x1 + x2 + x3)/3" in capsys.readouterr().out
