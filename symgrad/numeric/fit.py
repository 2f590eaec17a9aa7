"""What a descent returns (Fit), and the checks on its inputs shared by every way to descend."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from ..losses import Loss
from ..views import view


@dataclass
class Fit:
    """The result of ``descend``: fitted parameters, the loss history and a predictor.

    ``history[0]`` is J before the first step and ``history[k]`` J after step k.

    >>> from symgrad import Model, descend, mse
    >>> fit = descend(mse(Model("w*x", inputs="x")), [[1], [2]], [2, 4], lr=0.25, steps=50,
    ...               tol=1e-6)
    >>> fit.steps, fit.stopped, round(fit.params["w"], 3)
    (9, 'tolerance', 2.0)
    """

    loss: Loss
    #: name → value: a dict, or for a network a read-only mapping over its arrays.
    params: Mapping[str, object]
    history: list
    lr: object
    exact: bool
    _predict: Callable = field(repr=False)
    #: For a network: the trained [(W, b)] arrays per layer.
    arrays: list | None = field(default=None, repr=False)
    #: How J rose, when it did (a :class:`~symgrad.numeric.rising.Rise`; a warning said so).
    rise: object | None = field(default=None, repr=False)
    #: Why the descent stopped: ``"steps"`` (all were run) or ``"tolerance"`` (|ΔJ| ≤ tol);
    #: one rule for every backend (:mod:`.stopping`).  A diverging descent raises instead.
    stopped: str = field(default="steps", repr=False)

    @property
    def steps(self) -> int:
        """How many steps were run (fewer than asked when ``tol`` stopped it early)."""
        return len(self.history) - 1

    def predict(self, X) -> np.ndarray:
        """The fitted model's outputs for the rows of X: shape (m,) or (m, k)."""
        return self._predict(X)

    def plot_loss(self, path=None, **kwargs):
        """J per step as a matplotlib Figure (saved when ``path`` is given); see plot.loss_curve.

        >>> from symgrad import Model, descend, mse
        >>> fit = descend(mse(Model("w*x", inputs="x")), [[1], [2]], [2, 4], lr=0.2, steps=5)
        >>> fit.plot_loss().axes[0].get_ylabel()
        'loss J'
        """
        return view(self, "loss curve", path=path, **kwargs)

    def plot_fit(self, X, y, path=None, **kwargs):
        """The fitted model over the data: a curve for one input, a decision boundary for two.

        See :func:`symgrad.render.plot.fit_plot`; saved when ``path`` is given.
        """
        return view(self, "plot", X, y, path=path, **kwargs)
