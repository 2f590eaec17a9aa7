"""derive: the gradient of a loss (or the partial derivatives of a formula), in the form that
suits it — the index form for a weighted-sum model, every parameter in full otherwise.

The two forms live below this module: :mod:`symgrad.calculus.scalar` (each parameter's
derivation expanded in full) and :mod:`symgrad.calculus.index_form` (written once for a generic
index, whatever the width); this module only chooses.
"""

from __future__ import annotations

from ..losses import Loss
from ..runtime.budget import describe, within_budget
from .index_derivation import IndexDerivation
from .index_form import index_form
from .index_shape import weighted_sum
from .network_path import along_path
from .path_derivation import PathDerivation
from .path_form import path_form
from .scalar import Derivation, asked, derive_loss, derive_scalar

__all__ = ["derive"]


def derive(loss_or_expr, wrt=None, *,
           timeout=None) -> Derivation | IndexDerivation | PathDerivation:
    """Differentiate a loss with respect to its parameters, or a formula with respect to ``wrt``.

    ``wrt`` defaults to the loss's parameters, or to every free symbol of a formula (by name).
    For a model that is a weighted sum (σ(w·x + b) with two or more inputs, every network of
    Dense layers) and no ``wrt``, the result is the index form (an
    :class:`~symgrad.calculus.index_derivation.IndexDerivation`): the derivation written once
    for a generic index, whatever the width; ``wrt`` (a name or a list) asks for those
    parameters' full per-parameter derivation instead (past 200 parameters of a network, a
    :class:`~symgrad.calculus.path_derivation.PathDerivation`: each written along its path).
    ``timeout`` (seconds, or a :class:`~symgrad.runtime.budget.Budget`; default 10 s and
    2 GiB) bounds the work: past it :class:`~symgrad.errors.TooExpensive` says so instead of
    hanging.

    >>> derive("2*x**2 + 2*y + 4*x*y").gradient
    {x: 4*x + 4*y, y: 4*x + 2}
    >>> derive("a*x**2", wrt="a").gradient
    {a: x**2}
    """
    if isinstance(loss_or_expr, Loss) and wrt is None and weighted_sum(loss_or_expr) is not None:
        return _derive_index(loss_or_expr, timeout)  # the index form: one row per idea
    if isinstance(loss_or_expr, Loss) and along_path(loss_or_expr.model.network, wrt):
        return within_budget(_along_path, loss_or_expr, wrt, budget=timeout, what=describe(
            "deriving", f"{loss_or_expr.name}({loss_or_expr.model!r})"))
    return derive_scalar(loss_or_expr, wrt, timeout=timeout)


def _along_path(loss: Loss, wrt) -> PathDerivation | Derivation:
    """A wide network's parameters, each written along its path (the rule trees on request);
    a network without an index form gets the rule trees along the path at once."""
    wrt = asked(loss, wrt)
    path = path_form(loss, wrt)
    return PathDerivation(loss, path) if path is not None else derive_loss(loss, wrt)


def _derive_index(loss: Loss, timeout) -> IndexDerivation:
    """The index form of a weighted-sum model's loss, under the budget (never its scalar view)."""
    form = within_budget(index_form, loss, budget=timeout,
                         what=describe("deriving", f"{loss.name}({loss.model!r})"))
    return IndexDerivation(loss, form)
