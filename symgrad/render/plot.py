"""matplotlib figures of what symgrad computed: loss curves, descent paths, fits, clusters.

Every function returns the Figure (a notebook shows it) and saves it when given a path.
A backend the user chose (``matplotlib.use``, MPLBACKEND, a notebook) is kept; only when none
was chosen and there is no display is Agg selected, so nothing needs a screen.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import matplotlib


def _headless_default() -> bool:
    """Select Agg only if no backend was chosen yet and no display is there.

    >>> isinstance(_headless_default(), bool)
    True
    """
    chosen = matplotlib.rcParams._get_backend_or_none()
    if chosen is None and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        matplotlib.use("Agg")
        return True
    return False


_headless_default()

import matplotlib.pyplot as plt  # noqa: E402 - after the backend is chosen
import numpy as np  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from ..codegen import numpy_function  # noqa: E402
from ..errors import said  # noqa: E402
from ..i18n.keys import LOSSES  # noqa: E402
from ..i18n.language import nsaid, phrase  # noqa: E402
from ..runtime.atomic import replacing  # noqa: E402
from .printers.text import text  # noqa: E402

#: A CJK font matplotlib falls back to, glyph by glyph, for Chinese titles and labels.
CJK_FONT = "Noto Sans CJK SC"
if CJK_FONT in {f.name for f in font_manager.fontManager.ttflist} and \
        CJK_FONT not in matplotlib.rcParams["font.family"]:
    matplotlib.rcParams["font.family"] = [*matplotlib.rcParams["font.family"], CJK_FONT]


def _save(fig, path):
    if path is not None:
        kind = Path(path).suffix[1:].lower() or None  # the temporary name has no telling suffix
        with replacing(path, "wb") as fh:
            fig.savefig(fh, format=kind, dpi=120, bbox_inches="tight")
    return fig


def loss_curve(history, *, title=None, path=None, log=None):
    """J per step; a log scale when J falls over more than two decades (or ``log=True``).

    >>> fig = loss_curve([100.0, 1.0, 0.01, 0.0001])
    >>> fig.axes[0].get_yscale(), fig.axes[0].get_xlabel()
    ('log', 'step')
    """
    J = np.array([float(v) for v in history])
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(np.arange(len(J)), J, color="tab:blue", lw=1.8)
    positive = J[J > 0]
    if log is None:
        log = positive.size == J.size and positive.max() / positive.min() > 100
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(phrase("plot.step"))
    ax.set_ylabel(phrase("plot.loss"))
    ax.set_title(phrase("plot.loss-title") if title is None else title)
    ax.grid(True, alpha=0.3)
    plt.close(fig)
    return _save(fig, path)


# --------------------------------------------------------------------------- descent traces

#: Points closer than this (a fraction of the axes) to the last labelled one stay unlabelled,
#: so the letters of a converging path do not pile up on each other.
LABEL_GAP = 0.045


def trace_plot(trace, path=None, surface=False):
    """The path of a :class:`symgrad.analysis.trace.Trace` drawn on its function.

    One variable: the curve f(x), each visited point labelled A, B, C, … with the tangent
    line there (its slope is the gradient that moved the point).  Two variables: a filled
    contour map with the path as arrows A → B → …; ``surface=True`` adds a 3-D surface
    with the same path.  Points too close to the previous label stay unlabelled; the
    first and last are always labelled, and past 26 points only they are (by step number).

    >>> from symgrad import trace_descent
    >>> fig = trace_plot(trace_descent("x**2", {"x": 1}, "1/4", 2))
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['A', 'B', 'C']
    """
    n = len(trace.variables)
    if n not in (1, 2):
        raise ValueError(
            said('err.plot.trace-plot-can-only', n, ', '.join(v.name for v in trace.variables))
        )
    if surface and n == 1:
        raise ValueError(said('err.plot.surface-true-needs-function'))
    fig = _trace_1d(trace) if n == 1 else _trace_2d(trace, surface)
    plt.close(fig)
    return _save(fig, path)


def _evaluator(expr, variables):
    f = numpy_function(variables, expr)

    def evaluate(*grids):
        with np.errstate(all="ignore"):
            values = np.asarray(f(*grids), dtype=complex)
        real = np.where(np.abs(values.imag) > 1e-12, np.nan, values.real)
        return np.broadcast_to(real, np.shape(grids[0])).astype(float)

    return evaluate


def _title(trace) -> str:
    names = ", ".join(v.name for v in trace.variables)
    lr = text(trace.lr) if hasattr(trace.lr, "free_symbols") else f"{trace.lr:g}"
    return _wrap(phrase("plot.trace-title").format(f"f({names}) = {text(trace.expr)}", lr))


def _wrap(title: str, width: int = 70) -> str:
    return "\n".join(textwrap.wrap(title, width)) or title


def _span(values, margin=0.25):
    """A (low, high) range around the values with a margin, never of zero width."""
    lo, hi = float(np.min(values)), float(np.max(values))
    width = hi - lo if hi > lo else max(1.0, abs(lo))
    return lo - margin * width, hi + margin * width


def _point_labels(count: int, kept: list[int]) -> dict[int, str]:
    """Labels of the labelled points: consecutive letters A, B, C, … (no letter skipped for
    an unlabelled point), or the step number past 26 points.

    >>> _point_labels(6, [0, 1, 2, 5])
    {0: 'A', 1: 'B', 2: 'C', 5: 'D'}
    """
    if count <= 26:
        return {k: chr(ord("A") + j) for j, k in enumerate(kept)}
    return {k: str(said("plot.step-k", k)) for k in kept}


def _labelled(positions, extent) -> list[int]:
    """Which points get a label: first, last, and any far enough from the last labelled."""
    scaled = np.asarray(positions, dtype=float) / np.asarray(extent, dtype=float)
    count = len(scaled)
    if count > 26:
        return [0, count - 1] if count > 1 else [0]
    keep = [0]
    for k in range(1, count - 1):
        if np.linalg.norm(scaled[k] - scaled[keep[-1]]) >= LABEL_GAP and np.linalg.norm(
            scaled[k] - scaled[-1]
        ) >= LABEL_GAP:
            keep.append(k)
    return keep + [count - 1] if count > 1 else keep


def _trace_1d(trace):
    (v,) = trace.variables
    xs = np.array([float(r["point"][v]) for r in trace.rows])
    fs = np.array([float(r["value"]) for r in trace.rows])
    slopes = np.array([float(r["gradient"][v]) for r in trace.rows])
    grid = np.linspace(*_span(xs), 400)
    curve = _evaluator(trace.expr, [v])(grid)
    fig, ax = plt.subplots(figsize=(7, 4.8))
    ax.plot(grid, curve, color="tab:blue", lw=2, label=f"f({v.name})", gid="curve")
    extent = (grid[-1] - grid[0], np.nanmax(curve) - np.nanmin(curve) or 1.0)
    for x, fx, g in zip(xs, fs, slopes):
        half = min(0.1 * extent[0], 0.12 * extent[1] / abs(g)) if g else 0.1 * extent[0]
        ax.plot([x - half, x + half], [fx - g * half, fx + g * half], color="tab:orange",
                lw=1.4, gid="tangent")
    ax.plot(xs, fs, "o", color="tab:red", ms=6, zorder=3, label=phrase("plot.points"), gid="points")
    kept = _labelled(np.column_stack([xs, fs]), extent)
    names = _point_labels(len(xs), kept)
    for k in kept:
        # The last point sits among the converging ones: its label goes below, apart.
        offset, ha = ((4, -16), "left") if k == len(xs) - 1 > 0 else ((-4, 7), "right")
        ax.annotate(names[k], (xs[k], fs[k]), xytext=offset, textcoords="offset points",
                    ha=ha, fontsize=10, fontweight="bold", color="tab:red")
    ax.plot([], [], color="tab:orange", label=phrase("plot.tangent"))
    ax.set_xlabel(v.name)
    ax.set_ylabel(f"f({v.name})")
    ax.set_title(_title(trace))
    ax.legend(loc="best", fontsize=9)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig


def _trace_2d(trace, surface):
    vx, vy = trace.variables
    pts = np.array([[float(r["point"][vx]), float(r["point"][vy])] for r in trace.rows])
    (x0, x1), (y0, y1) = _span(pts[:, 0], 0.3), _span(pts[:, 1], 0.3)
    gx, gy = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200))
    gz = _evaluator(trace.expr, [vx, vy])(gx, gy)
    if surface:
        fig = plt.figure(figsize=(13, 5.5))
        ax = fig.add_subplot(1, 2, 1)
    else:
        fig, ax = plt.subplots(figsize=(7, 5.5))
    filled = ax.contourf(gx, gy, gz, levels=20, cmap="viridis")
    ax.contour(gx, gy, gz, levels=filled.levels, colors="black", linewidths=0.5, alpha=0.4)
    fig.colorbar(filled, ax=ax, label=f"f({vx.name}, {vy.name})")
    _draw_path(ax, pts, (x1 - x0, y1 - y0))
    if 1 / 3 <= (y1 - y0) / (x1 - x0) <= 3:
        # Equal scales keep the path visibly perpendicular to the contour lines.
        ax.set_aspect("equal")
    ax.set_xlabel(vx.name)
    ax.set_ylabel(vy.name)
    ax.set_title(_title(trace))
    if surface:
        _surface(fig, trace, (gx, gy, gz), pts)
    fig.tight_layout()
    return fig


def _draw_path(ax, pts, extent):
    ax.plot(pts[:, 0], pts[:, 1], "o", color="white", mec="black", ms=5, zorder=4, gid="path")
    for a, b in zip(pts[:-1], pts[1:]):
        ax.annotate("", xy=b, xytext=a, zorder=3,
                    arrowprops={"arrowstyle": "->", "color": "white", "lw": 1.6})
    kept = _labelled(pts, extent)
    names = _point_labels(len(pts), kept)
    for k in kept:
        offset = (8, -14) if k == len(pts) - 1 > 0 else (6, 6)
        ax.annotate(names[k], pts[k], xytext=offset, textcoords="offset points", fontsize=11,
                    fontweight="bold", color="white", zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "black", "alpha": 0.55,
                          "lw": 0})


def _surface(fig, trace, grids, pts):
    vx, vy = trace.variables
    ax3 = fig.add_subplot(1, 2, 2, projection="3d")
    ax3.plot_surface(*grids, cmap="viridis", alpha=0.75, linewidth=0)
    zs = np.array([float(r["value"]) for r in trace.rows])
    ax3.plot(pts[:, 0], pts[:, 1], zs, "o-", color="red", ms=4, lw=2, zorder=10, gid="path3d")
    ax3.set_xlabel(vx.name)
    ax3.set_ylabel(vy.name)
    ax3.set_zlabel(f"f({vx.name}, {vy.name})")
    ax3.set_title(phrase("plot.surface"))


# --------------------------------------------------------------------------- fitted models


def fit_plot(fit, X, y, path=None):
    """A fitted model over its data: a curve (one input) or a decision boundary (classifier).

    One input: the data as points and ``fit.predict`` on a fine grid as a line.  Two inputs
    with a bce loss: the points coloured by label, the predicted probability shaded, and the
    boundary where it is 0.5.  Anything else raises ValueError.

    >>> from symgrad import Model, descend, mse
    >>> fit = descend(mse(Model("w*x", inputs="x")), [[1], [2]], [2, 4], lr=0.2, steps=20)
    >>> ax = fit_plot(fit, [[1], [2]], [2, 4]).axes[0]
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('x', 'y')
    """
    model = fit.loss.model
    inputs = model.inputs
    X = np.asarray(X, dtype=float)
    X = X.reshape(-1, 1) if X.ndim == 1 and len(inputs) == 1 else X
    y = np.asarray(y, dtype=float).ravel()
    if model.outputs == 1 and len(inputs) == 1:
        fig = _fit_curve(fit, X, y)
    elif model.outputs == 1 and len(inputs) == 2 and fit.loss.name == "bce":
        fig = _fit_boundary(fit, X, y)
    else:
        raise ValueError(
            said('err.plot.fit-plot-draws-one', len(inputs), model.outputs, fit.loss.name)
        )
    plt.close(fig)
    return _save(fig, path)


def _params_text(fit, limit=4) -> str:
    items = list(fit.params.items())
    shown = ", ".join(f"{name} = {float(value):.4g}" for name, value in items[:limit])
    return shown + (", …" if len(items) > limit else "")


def _model_title(fit) -> str:
    return _wrap(str(said("plot.fit-title", text(fit.loss.model.expr),
                            said(LOSSES[fit.loss.name]))))


def _fit_curve(fit, X, y):
    (name,) = (v.name for v in fit.loss.model.inputs)
    grid = np.linspace(*_span(X[:, 0], 0.08), 300)
    fig, ax = plt.subplots(figsize=(7, 4.8))
    ax.scatter(X[:, 0], y, color="tab:blue", s=28, zorder=3, label=phrase("plot.data"))
    ax.plot(grid, np.asarray(fit.predict(grid[:, None]), float).ravel(), color="tab:red",
            lw=2, gid="fit", label=str(said("plot.fit", _params_text(fit))))
    ax.set_xlabel(name)
    ax.set_ylabel("y")
    ax.set_title(_model_title(fit))
    ax.legend(loc="best", fontsize=9)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig


def _fit_boundary(fit, X, y):
    nx, ny = (v.name for v in fit.loss.model.inputs)
    (x0, x1), (y0, y1) = _span(X[:, 0], 0.1), _span(X[:, 1], 0.1)
    gx, gy = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200))
    prob = np.asarray(fit.predict(np.column_stack([gx.ravel(), gy.ravel()])), float)
    prob = prob.reshape(gx.shape)
    fig, ax = plt.subplots(figsize=(7, 5.5))
    shade = ax.contourf(gx, gy, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.45)
    fig.colorbar(shade, ax=ax, label=phrase("plot.predicted"))
    ax.contour(gx, gy, prob, levels=[0.5], colors="black", linewidths=2)
    for label, marker, color in ((0, "o", "tab:blue"), (1, "^", "tab:red")):
        chosen = y == label
        ax.scatter(X[chosen, 0], X[chosen, 1], marker=marker, color=color, edgecolor="black",
                   s=36, zorder=3, label=f"y = {label}")
    ax.plot([], [], color="black", lw=2, label=phrase("plot.boundary"))
    ax.set_xlabel(nx)
    ax.set_ylabel(ny)
    ax.set_title(_model_title(fit))
    ax.legend(loc="best", fontsize=9)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- clusters


def kmeans_plot(result, path=None):
    """Two-dimensional k-means clusters: points coloured by cluster, centers as big X marks.

    >>> from symgrad.analysis.kmeans import kmeans
    >>> fig = kmeans_plot(kmeans([[0, 0], [0, 1], [5, 5], [5, 6]], 2))
    >>> fig.axes[0].get_xlabel()
    'x₁'
    """
    centers = np.asarray(result.centers, dtype=float)
    X = np.asarray(result.X, dtype=float)
    if X.shape[1] != 2:
        raise ValueError(said('err.plot.kmeans-plot-draws-two', X.shape[1]))
    fig, ax = plt.subplots(figsize=(7, 5.5))
    colors = plt.get_cmap("tab10")
    for j in range(len(centers)):
        members = X[result.labels == j]
        ax.scatter(members[:, 0], members[:, 1], s=22, color=colors(j % 10), alpha=0.75,
                   label=phrase("plot.cluster").format(j + 1, len(members)))
    ax.scatter(centers[:, 0], centers[:, 1], marker="X", s=260, color=[
        colors(j % 10) for j in range(len(centers))], edgecolor="black", linewidth=1.5,
        zorder=4, gid="centers", label=phrase("plot.centers"))
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    count = result.iterations
    after = nsaid("plot.iteration", "plot.iterations", count, count)
    title = said("plot.kmeans-converged", len(centers), after, result.inertia) \
        if result.converged else said("plot.kmeans-stopped", len(centers), after, result.inertia)
    ax.set_title(str(title))
    ax.legend(loc="best", fontsize=9)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    plt.close(fig)
    return _save(fig, path)
