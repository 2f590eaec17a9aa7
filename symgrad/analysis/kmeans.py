r"""k-means clustering (unsupervised learning), with its update rule derived symbolically.

k-means minimises J = Σᵢ ‖xᵢ − μ_c(i)‖², the squared distance of every point to the center
of its cluster, by alternating two moves that each can only lower J: assign every point to
its nearest center, then move every center to the mean of its points.  Why the mean?
:func:`mean_update_derivation` differentiates J exactly (a cluster of three points, one
coordinate), keeps the rule steps, and solves ∂J/∂μ = 0.

>>> result = kmeans([[0, 0], [0, 2], [10, 10], [10, 12]], 2)
>>> result.centers.tolist(), result.labels.tolist(), result.inertia
([[10.0, 11.0], [0.0, 1.0]], [1, 1, 0, 0], 4.0)
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np
import sympy

from ..calculus.rules import Step, diff_steps
from ..errors import said
from ..parsing.core import symbol
from ..runtime.budget import within_budget
from ..views import Explainable, view

__all__ = ["KMeans", "MeanUpdateDerivation", "kmeans", "mean_update_derivation"]

#: How many points the worked derivation puts in its cluster.
WORKED_POINTS = 3



@dataclass(frozen=True)
class MeanUpdateDerivation(Explainable):
    r"""∂J/∂μ = 0 for one cluster and one coordinate: the best center is the mean.

    ``objective`` is J = Σⱼ (xⱼ − μ)² over the cluster's points, ``steps`` the rule tree of
    ∂J/∂μ, ``gradient`` its value, ``solution`` the μ that solves ∂J/∂μ = 0 (exactly).

    >>> d = mean_update_derivation()
    >>> d.solution
    x1/3 + x2/3 + x3/3
    """

    objective: sympy.Expr
    center: sympy.Symbol
    points: tuple[sympy.Symbol, ...]
    steps: Step
    gradient: sympy.Expr
    solution: sympy.Expr
    curvature: sympy.Expr

    def _mean(self) -> sympy.Expr:
        # factor shows the mean as (x1 + x2 + x3)/3, the form a reader recognises.
        return sympy.factor(self.solution)


def mean_update_derivation(n: int = WORKED_POINTS) -> MeanUpdateDerivation:
    """Differentiate J = Σⱼ (xⱼ − μ)² for n symbolic points and solve ∂J/∂μ = 0 exactly.

    >>> d = mean_update_derivation(2)
    >>> d.gradient, d.solution
    (2*(mu - x1) + 2*(mu - x2), x1/2 + x2/2)
    """
    if not isinstance(n, numbers.Integral) or isinstance(n, bool) or n < 1:
        raise ValueError(said('err.kmeans.worked-cluster-needs-whole', n))
    mu = symbol("mu")
    points = tuple(symbol(f"x{j}") for j in range(1, n + 1))
    objective = sympy.Add(*[(x - mu) ** 2 for x in points])
    step = diff_steps(objective, mu)
    (solution,) = sympy.solve(sympy.Eq(step.result, 0), mu)
    curvature = sympy.diff(step.result, mu)
    return MeanUpdateDerivation(objective, mu, points, step, step.result, solution, curvature)


# --------------------------------------------------------------------------- the algorithm


@dataclass(frozen=True)
class KMeans:
    """The result of :func:`kmeans`.

    ``centers`` is k × n, ``labels[i]`` the cluster of row i, ``history[t]`` J after the
    center update of iteration t + 1, ``inertia`` J at the end; ``converged`` is False when
    ``max_iter`` ran out first.  ``derivation`` explains the center update.
    """

    X: np.ndarray = field(repr=False)
    centers: np.ndarray
    labels: np.ndarray
    iterations: int
    inertia: float
    history: list[float]
    converged: bool
    derivation: MeanUpdateDerivation = field(repr=False)

    def plot(self, path=None):
        """Points coloured by cluster and the centers (2-D data); see plot.kmeans_plot.

        >>> kmeans([[0, 0], [1, 1]], 2).plot().axes[0].get_title()
        'k-means, k = 2: converged after 1 iteration, J = 0'
        """
        return view(self, "plot", path=path)

    def text(self) -> str:
        """A summary: the run, each center with its size, then why centers are means.

        >>> print(kmeans([[0, 0], [0, 2], [10, 10]], 2).text().splitlines()[0])
        k-means, k = 2, 3 points in 2 dimensions: converged after 1 iteration, J = 2
        """
        return view(self, "text")

    def __str__(self) -> str:
        return self.text()


def kmeans(X, k, seed=0, max_iter=100, *, timeout=None) -> KMeans:
    """Cluster the rows of X into k groups with Lloyd's algorithm (k-means++ start, seeded).

    Stops when no assignment changes, or after ``max_iter`` iterations.  The same seed gives
    the same clusters.  ``timeout`` (seconds, or a Budget; default 10 s) bounds a large run
    (5,000 points and k = 2,000 take minutes): past it, TooExpensive.

    >>> r = kmeans([[1, 1], [1, 3], [8, 8], [9, 8]], 2, seed=1)
    >>> r.centers.tolist(), r.history, r.converged
    ([[1.0, 2.0], [8.5, 8.0]], [2.5], True)
    >>> kmeans(np.arange(10000.0).reshape(5000, 2), 2000, timeout=0.5)
    Traceback (most recent call last):
    ...
    symgrad.errors.TooExpensive: undecided: k-means with k = 2000 on 5000 points is too expensive to decide within 0.5 s
    """  # noqa: E501 - a doctest's expected output is one line
    X = _check_data(X)
    k = _check_count(k, "k", len(X))
    max_iter = _check_count(max_iter, "max_iter", None)
    n, d = X.shape
    if timeout is None and n * k * d * (k + max_iter) <= DIRECT_WORK:
        return _kmeans(X, k, seed, max_iter)  # a fork would cost more than the work
    return within_budget(_kmeans, X, k, seed, max_iter, budget=timeout,
                         what=said("err.kmeans.doing", k, n))


#: k-means of at most this many distance terms (points × clusters × dimensions × (k-means++
#: rounds + iterations)) runs directly; larger ones within the time budget.
DIRECT_WORK = 20_000_000


def _kmeans(X: np.ndarray, k: int, seed, max_iter: int) -> KMeans:
    rng = np.random.default_rng(seed)
    centers = _seed_centers(X, k, rng)
    labels = _assign(X, centers)
    history, converged = [], False
    for _ in range(max_iter):
        centers = _mean_update(X, labels, centers)
        history.append(_objective(X, centers, labels))
        new = _assign(X, centers)
        if np.array_equal(new, labels):
            converged = True
            break
        labels = new
    return KMeans(X, centers, labels, len(history), _objective(X, centers, labels), history,
                  converged, mean_update_derivation())


def _check_data(X) -> np.ndarray:
    try:
        data = np.array(X, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(said('err.kmeans.x-must-be-d', error)) from None
    if data.ndim != 2 or data.shape[0] == 0 or data.shape[1] == 0:
        raise ValueError(said('err.kmeans.x-must-be-non', data.shape))
    if not np.all(np.isfinite(data)):
        bad = int(np.argwhere(~np.isfinite(data))[0][0])
        raise ValueError(said('err.kmeans.x-must-hold-finite', bad))
    return data


def _check_count(value, name: str, most: int | None) -> int:
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise ValueError(said('err.kmeans.must-be-whole-number', name, value))
    if value < 1 or (most is not None and value > most):
        bound = said("err.kmeans.between-points", most) if most is not None else "≥ 1"
        raise ValueError(said('err.kmeans.must-be-got', name, bound, value))
    return int(value)


def _squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


def _seed_centers(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++: spread the starting centers out, so one blob rarely gets two of them."""
    chosen = [int(rng.integers(len(X)))]
    for _ in range(1, k):
        nearest = _squared_distances(X, X[chosen]).min(axis=1)
        total = nearest.sum()
        if total > 0:
            chosen.append(int(rng.choice(len(X), p=nearest / total)))
        else:
            # Every point sits on a chosen center (repeated rows): any unused row will do.
            unused = np.setdiff1d(np.arange(len(X)), chosen)
            chosen.append(int(rng.choice(unused)))
    return X[chosen].copy()


def _assign(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    return np.argmin(_squared_distances(X, centers), axis=1)


def _mean_update(X: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Each center moves to the mean of its points: the μ that solves ∂J/∂μ = 0.

    An empty cluster has no mean; it takes the point farthest from its own center, which
    lowers J the most at the next assignment.
    """
    new = centers.copy()
    for j in range(len(centers)):
        members = X[labels == j]
        if len(members):
            new[j] = members.mean(axis=0)
    empty = [j for j in range(len(centers)) if not np.any(labels == j)]
    if empty:
        own = _squared_distances(X, new)[np.arange(len(X)), labels]
        for j, i in zip(empty, np.argsort(-own, kind="stable")):
            new[j] = X[i]
    return new


def _objective(X: np.ndarray, centers: np.ndarray, labels: np.ndarray) -> float:
    return float(((X - centers[labels]) ** 2).sum())
