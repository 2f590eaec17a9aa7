"""What ``derive`` returns for a weighted-sum model: the index form, per parameter on request.

:class:`IndexDerivation` holds the generic derivation (:mod:`symgrad.calculus.index_form`) and keeps
the old per-parameter API: ``gradient[p]``, ``steps[p]`` and ``outer`` are computed for one
parameter when asked for (by the same per-parameter derivation ``derive(loss, wrt=p)`` runs),
never for every parameter at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from ..losses import Loss
from ..parsing import symbol
from ..views import Explainable, view
from .index_data import IndexForm
from .rules import diff_steps
from .scalar import derive_scalar


class _PerParameter(Mapping):
    """{parameter: value} computed one parameter at a time, when asked for, and kept."""

    def __init__(self, owner: IndexDerivation, part: str):
        self.owner, self.part = owner, part

    def __getitem__(self, p):
        p = symbol(p) if isinstance(p, str) else p
        return getattr(self.owner.per_parameter(p), self.part)[p]

    def __contains__(self, p) -> bool:
        return p in set(self.owner.wrt)

    def __iter__(self):
        return iter(self.owner.wrt)

    def __len__(self) -> int:
        return len(self.owner.wrt)

    def __repr__(self) -> str:
        return f"<{self.part} of {len(self)} parameters, each derived when asked for>"


@dataclass(frozen=True, eq=False)
class FromIndexForm(Explainable):
    """What the derivations written from an index form share: the loss, what is built when
    first asked for (``_cache``), and where ℓ is not differentiable, in the generic names."""

    loss: Loss
    _cache: dict = field(default_factory=dict, repr=False, compare=False, kw_only=True)

    @property
    def index_form(self) -> IndexForm:
        """The index form the rows come from."""
        raise NotImplementedError

    @property
    def caveats(self) -> tuple[str, ...]:
        """Where ℓ is not differentiable, one sentence per kind, in the generic names.

        >>> from symgrad import Dense, ReLU, Sequential, mse, derive
        >>> derive(mse(Sequential(Dense(2, 2), ReLU(), Dense(2, 1)))).caveats
        ('not differentiable where some z⁽¹⁾_j = 0',)
        """
        return view(self, "caveats")


@dataclass(frozen=True, eq=False)
class IndexDerivation(FromIndexForm):
    """The gradient of a weighted-sum model's loss, derived once for a generic index.

    ``form`` is the generic derivation (every row checked against ``sympy.diff``);
    ``gradient[p]`` and ``steps[p]`` give one parameter's fully expanded derivation on request.

    >>> from symgrad import Model, bce, derive
    >>> d = derive(bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2")))
    >>> type(d).__name__, [s.kind for s in d.form.stages][:3]
    ('IndexDerivation', ['model', 'output', 'gradients'])
    >>> d.gradient["w2"]
    x2*(-y + sigmoid(b + w1*x1 + w2*x2))
    """

    form: IndexForm

    @property
    def index_form(self) -> IndexForm:
        return self.form

    @property
    def wrt(self) -> tuple[sympy.Symbol, ...]:
        """Every parameter of the model, in the model's order."""
        return self.loss.params

    @property
    def function(self) -> sympy.Expr:
        """ℓ for one sample, in the inputs and parameters (built when asked for)."""
        return self.loss.sample

    @property
    def gradient(self) -> Mapping:
        """∂ℓ/∂p for each parameter p, derived in full when p is asked for."""
        return _PerParameter(self, "gradient")

    @property
    def steps(self) -> Mapping:
        """The rule trees of ∂f/∂p for each parameter p, when p is asked for."""
        return _PerParameter(self, "steps")

    @property
    def outer(self) -> dict:
        """The rule trees of ∂ℓ/∂f (the same for every parameter)."""
        return {f: diff_steps(self.loss.template, f) for f in self.loss.predictions}

    def per_parameter(self, p):
        """The fully expanded derivation of one parameter (``derive(loss, wrt=p)``), kept."""
        if p not in self._cache:
            self._cache[p] = derive_scalar(self.loss, wrt=[p])
        return self._cache[p]
