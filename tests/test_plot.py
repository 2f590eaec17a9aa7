"""The figures draw what symgrad computed: the exact points, tangents, fits and boundaries."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from matplotlib.contour import ContourSet

from symgrad import Model, bce, descend, mse, trace_descent
from symgrad.render.plot import fit_plot, trace_plot

PNG = b"\x89PNG\r\n\x1a\n"
ROOT = Path(__file__).resolve().parent.parent


def by_gid(ax, gid):
    """The Line2D artists of an axes carrying one gid."""
    return [line for line in ax.lines if line.get_gid() == gid]


@pytest.fixture(scope="module")
def article_trace():
    """The article's §4.02 descent: f(x) = 2x² − 12x + 20 from x = 0, rate 1/8, six steps."""
    return trace_descent("2*x**2 - 12*x + 20", {"x": 0}, "1/8", 6)


@pytest.fixture(scope="module")
def contour_trace():
    """The §4.03-style descent on 2x² + y² + 3 from (1, 1), rate 1/4, ten steps (A … K)."""
    return trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, "1/4", 10)


def test_trace_1d_curve_is_f(article_trace):
    """The drawn curve is f evaluated on its own x data."""
    fig = trace_plot(article_trace)
    assert len(fig.axes) == 1
    (curve,) = by_gid(fig.axes[0], "curve")
    x = curve.get_xdata()
    np.testing.assert_allclose(curve.get_ydata(), 2 * x**2 - 12 * x + 20, rtol=1e-12)
    assert x.min() < 0 and x.max() > 2.9


def test_trace_1d_points_and_tangents(article_trace):
    """Marked points are the trace rows exactly; one tangent per row, with the row's slope."""
    ax = trace_plot(article_trace).axes[0]
    (x,) = article_trace.variables
    (points,) = by_gid(ax, "points")
    rows = article_trace.rows
    assert list(points.get_xdata()) == [float(r["point"][x]) for r in rows]
    assert list(points.get_ydata()) == [float(r["value"]) for r in rows]
    assert list(points.get_xdata())[:3] == [0.0, 1.5, 2.25]
    tangents = by_gid(ax, "tangent")
    assert len(tangents) == len(rows) == 7
    for line, row in zip(tangents, rows):
        (x0, x1), (y0, y1) = line.get_xdata(), line.get_ydata()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(float(row["gradient"][x]))


def test_trace_1d_labels_and_axes(article_trace):
    """Letters mark the points, first and last included, consecutive (no letter skipped for an
    unlabelled point); axes name x and f(x)."""
    ax = trace_plot(article_trace).axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["A", "B", "C", "D", "E"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "f(x)")
    assert "2·x² − 12·x + 20" in ax.get_title()


def test_trace_2d_contour_path(contour_trace):
    """The contour map's path is the trace's points; A and K are labelled; a colorbar exists."""
    fig = trace_plot(contour_trace)
    ax = fig.axes[0]
    (path,) = by_gid(ax, "path")
    x, y = contour_trace.variables
    assert list(path.get_xdata()) == [float(r["point"][x]) for r in contour_trace.rows]
    assert list(path.get_ydata()) == [float(r["point"][y]) for r in contour_trace.rows]
    assert list(path.get_ydata())[:3] == [1.0, 0.5, 0.25]
    labels = [t.get_text() for t in ax.texts if t.get_text()]
    assert labels == [chr(ord("A") + k) for k in range(len(labels))] and len(labels) >= 3
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "f(x, y)"
    assert any(isinstance(c, ContourSet) for c in ax.collections)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y")


def test_trace_2d_surface(contour_trace):
    """surface=True adds a 3-D axes with the path at height f."""
    fig = trace_plot(contour_trace, surface=True)
    (ax3,) = [a for a in fig.axes if a.name == "3d"]
    (line,) = [ln for ln in ax3.lines if ln.get_gid() == "path3d"]
    zs = line.get_data_3d()[2]
    assert list(zs) == [float(r["value"]) for r in contour_trace.rows]


def test_trace_three_variables_refused():
    """A function of three variables cannot be drawn."""
    trace = trace_descent("x**2 + y**2 + z**2", {"x": 1, "y": 1, "z": 1}, "1/4", 1)
    with pytest.raises(ValueError, match="can only draw one or two variables"):
        trace_plot(trace)


def test_trace_surface_needs_two_variables(article_trace):
    """A 3-D surface of a one-variable function is refused rather than silently ignored."""
    with pytest.raises(ValueError, match="two variables"):
        trace_plot(article_trace, surface=True)


def test_trace_plot_method_saves_png(article_trace, tmp_path):
    """Trace.plot(path) writes a PNG file."""
    target = tmp_path / "trace.png"
    article_trace.plot(target)
    assert target.read_bytes()[:8] == PNG


def test_long_trace_labels_first_and_last_only():
    """Past 26 points, only the first and last are labelled, by step number."""
    trace = trace_descent("x**2", {"x": 1}, "1/20", 30)
    labels = [t.get_text() for t in trace_plot(trace).axes[0].texts]
    assert labels == ["step 0", "step 30"]


@pytest.fixture(scope="module")
def line_fit():
    """A line fitted to points on y = 2x + 1."""
    X = np.linspace(-1, 1, 9)[:, None]
    y = 2 * X[:, 0] + 1
    return descend(mse(Model("w*x + b", inputs="x")), X, y, lr=0.5, steps=200), X, y


def test_fit_plot_line(line_fit, tmp_path):
    """The drawn line is fit.predict on its own x data; data are scattered; a PNG is saved."""
    fit, X, y = line_fit
    target = tmp_path / "fit.png"
    ax = fit_plot(fit, X, y, path=target).axes[0]
    (line,) = by_gid(ax, "fit")
    xs = line.get_xdata()
    np.testing.assert_allclose(line.get_ydata(), fit.predict(xs[:, None]))
    np.testing.assert_allclose(line.get_ydata(), 2 * xs + 1, atol=1e-9)
    np.testing.assert_array_equal(ax.collections[0].get_offsets(), np.column_stack([X, y]))
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y")
    assert target.read_bytes()[:8] == PNG


def test_fit_plot_decision_boundary():
    """A two-input logistic classifier shows a contour at P = 0.5 between the classes."""
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(-2, 0.5, (20, 2)), rng.normal(2, 0.5, (20, 2))])
    y = np.repeat([0, 1], 20)
    model = Model("sigmoid(w1*x1 + w2*x2 + b)", inputs=["x1", "x2"])
    fit = descend(bce(model), X, y, lr=0.5, steps=100)
    fig = fit.plot_fit(X, y)
    ax = fig.axes[0]
    levels = [list(c.levels) for c in ax.collections if isinstance(c, ContourSet)]
    assert [0.5] in levels
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")


def test_fit_plot_three_inputs_refused():
    """A model with three inputs has no picture here."""
    X = np.eye(3)
    fit = descend(mse(Model("a*x1 + b*x2 + c*x3", inputs=["x1", "x2", "x3"])), X, [1, 2, 3],
                  lr=0.1, steps=2)
    with pytest.raises(ValueError, match="one-input model .* two-input"):
        fit_plot(fit, X, [1, 2, 3])


def test_make_pictures_writes_every_png(tmp_path):
    """docs/make_pictures.py regenerates every picture of docs/pictures.md."""
    spec = importlib.util.spec_from_file_location("make_pictures", ROOT / "docs" /
                                                  "make_pictures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.main(tmp_path)
    assert [p.name for p in written] == list(module.PICTURES)
    for path in written:
        assert path.read_bytes()[:8] == PNG
    page = (ROOT / "docs" / "pictures.md").read_text()
    for name in module.PICTURES:
        assert f"img/{name}" in page
