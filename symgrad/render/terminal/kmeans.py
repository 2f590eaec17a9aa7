"""k-means in terminal text: the run's summary and the worked derivation of the mean update.

:func:`kmeans_text` lays out a :class:`~symgrad.analysis.kmeans.KMeans` and :func:`mean_update_text` a
:class:`~symgrad.analysis.kmeans.MeanUpdateDerivation`, as ``symgrad kmeans`` prints them; the core
module only computes.
"""

from __future__ import annotations

import textwrap

import numpy as np
import sympy

from ...i18n.language import current, nphrase, phrase
from ..printers.text import steps as text_steps
from ..printers.text import text as expr_text


def mean_update_text(d) -> str:
    """J, ∂J/∂μ with its rule steps, the solved equation, the conclusion (see
    :meth:`MeanUpdateDerivation.text <symgrad.kmeans.MeanUpdateDerivation.text>`).

    >>> from symgrad.analysis.kmeans import mean_update_derivation
    >>> print(mean_update_text(mean_update_derivation(2)).splitlines()[1])
    J = (x1 − μ)² + (x2 − μ)²
    """
    mu = expr_text(d.center)
    names = ", ".join(expr_text(p) for p in d.points)
    solve = phrase("text.solve").format(f"∂J/∂{mu} = 0")
    separates = phrase("kmeans.separates")
    return "\n".join([
        phrase("kmeans.one").format(names, mu),
        f"J = {expr_text(d.objective)}",
        f"∂J/∂{mu} = {expr_text(d.gradient)}",
        *("  " + line for line in text_steps(d.steps)),
        f"{solve}  {expr_text(sympy.expand(d.gradient))} = 0  ⇒  {mu} = {expr_text(d._mean())}",
        f"∂²J/∂{mu}² = {expr_text(d.curvature)} > 0" + phrase("kmeans.so-mean"),
        *(textwrap.wrap(separates, 88) if current() == "en" else [separates]),
    ])


def kmeans_text(r) -> str:
    """The run, each center with its size, then why centers are means (see
    :meth:`KMeans.text <symgrad.kmeans.KMeans.text>`).

    >>> from symgrad.analysis.kmeans import kmeans
    >>> print(kmeans_text(kmeans([[0, 0], [0, 2]], 1)).splitlines()[1])
      μ1 = (0, 1)   2 points
    """
    m, n = r.X.shape
    state = phrase("kmeans.summary.converged") if r.converged \
        else phrase("kmeans.summary.stopped")
    runs = nphrase("kmeans.summary.iteration", "kmeans.summary.iterations",
                   r.iterations).format(r.iterations)
    lines = [phrase("kmeans.summary").format(len(r.centers), m, n, state, runs,
                                             f"{r.inertia:.6g}")]
    for j, c in enumerate(r.centers):
        size = int(np.sum(r.labels == j))
        lines.append(nphrase("kmeans.summary.center-one", "kmeans.summary.center", size).format(
            j + 1, ", ".join(f"{v:.6g}" for v in c), size))
    return "\n".join([*lines, "", mean_update_text(r.derivation)])
