"""matplotlib figures of what symgrad computed: loss curves (more figures join later).

Every function returns the Figure (a notebook shows it) and saves it when given a path.
The Agg backend is used unless a backend was already chosen, so nothing needs a screen.
"""

from __future__ import annotations

import matplotlib

if matplotlib.get_backend().lower() not in {"agg", "module://matplotlib_inline.backend_inline"}:
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - after the backend is chosen
import numpy as np  # noqa: E402


def _save(fig, path):
    if path is not None:
        fig.savefig(path, dpi=120, bbox_inches="tight")
    return fig


def loss_curve(history, *, title="Loss during gradient descent", path=None, log=None):
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
    ax.set_xlabel("step")
    ax.set_ylabel("loss J")
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    plt.close(fig)
    return _save(fig, path)
