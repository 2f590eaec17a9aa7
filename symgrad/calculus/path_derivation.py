"""What ``derive(loss, wrt=…)`` returns for a wide network: each parameter along its path.

:class:`PathDerivation` holds the :class:`~symgrad.calculus.path_form.PathForm` (the index form
at the parameters' own indices, checked there against ``sympy.diff``), which is what its text
and documents show, and keeps the per-parameter API of a
:class:`~symgrad.calculus.scalar.Derivation`: ``gradient``, ``steps``, ``outer`` and
``function`` are the parameters' rule trees along their paths (see
:mod:`symgrad.calculus.network_path`), built only when first asked for, under the default
budget, never by ``derive`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .index_derivation import FromIndexForm
from .path_form import PathForm
from .scalar import Derivation, derive_scalar

__all__ = ["PathDerivation"]


@dataclass(frozen=True, eq=False)
class PathDerivation(FromIndexForm):
    """The parameters asked for of a wide network, each derived along its path.

    >>> from symgrad import derive, mse
    >>> from symgrad.nn import network
    >>> d = derive(mse(network("784-30-10")), wrt="W2_3_7")
    >>> type(d).__name__, d.wrt
    ('PathDerivation', (W2_3_7,))
    >>> d.path.gradient[d.wrt[0]]
    a1_7*a2_3*(1 - a2_3)*(a2_3 - y3)
    """

    path: PathForm

    @property
    def index_form(self):
        return self.path.form

    @property
    def wrt(self) -> tuple[sympy.Symbol, ...]:
        """The parameters asked for, in the order asked."""
        return self.path.params

    def expanded(self) -> Derivation:
        """The parameters' rule trees along their paths (``derive_scalar``), built once."""
        if "expanded" not in self._cache:
            self._cache["expanded"] = derive_scalar(self.loss, wrt=list(self.wrt))
        return self._cache["expanded"]

    @property
    def function(self) -> sympy.Expr:
        """ℓ with every unit off the parameters' paths named (built when asked for)."""
        return self.expanded().function

    @property
    def gradient(self) -> dict:
        """∂ℓ/∂p for each parameter from its rule trees (built when asked for)."""
        return self.expanded().gradient

    @property
    def steps(self) -> dict:
        """The rule trees of ∂f/∂p for each parameter (built when asked for)."""
        return self.expanded().steps

    @property
    def outer(self) -> dict:
        """The rule trees of ∂ℓ/∂f (built when asked for)."""
        return self.expanded().outer

