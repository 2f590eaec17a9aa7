"""Losses: the per-sample term ℓ(y, f) of J = (1/m) Σᵢ ℓ(yᵢ, f(xᵢ)), kept exact and printable.

Each loss is written once, in terms of prediction symbols f (or f1 … fk) and target symbols
y (or y1 … yk); ``Loss.sample`` substitutes the model's outputs for the predictions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy
from sympy import Abs, Add, Integer, Pow, Rational, log

from .errors import said
from .model import Model
from .parsing.core import symbol
from .penalty import Penalty, penalty_for

_HALF = Rational(1, 2)


@dataclass(frozen=True)
class Loss:
    """A loss attached to a model: ``sample`` is ℓ for one sample, J is its mean over the batch.

    ``template`` is ℓ written with prediction symbols; ``term`` is the part for one output,
    written with f and one label: ℓ = Σₖ term(fₖ, yₖ) for every loss symgrad has.

    >>> from symgrad import Model, mse
    >>> loss = mse(Model("w*x + b", inputs="x"))
    >>> loss.sample
    (b + w*x - y)**2/2
    >>> loss.template, loss.predictions, loss.targets
    ((f - y)**2/2, (f,), (y,))
    """

    name: str
    description: str
    model: Model
    targets: tuple[sympy.Symbol, ...]
    predictions: tuple[sympy.Symbol, ...]
    template: sympy.Expr
    term: sympy.Expr
    #: A penalty on the weights added to J (``mse(model, l2=λ)``), or None.
    penalty: Penalty | None = None

    def __post_init__(self):
        # ℓ is differentiated through the predictions f only: a parameter in the template
        # itself would be silently left out of every gradient, so it is refused.
        names = self.template.free_symbols | self.term.free_symbols
        if self.model.network is None:
            inside = sorted(names & set(self.model.params), key=lambda s: s.name)
        else:  # a network's parameters are named W…/b… by its layers: no need to list them
            inside = sorted(s for s in names if re.fullmatch(r"[Wb]\d+_\d+(_\d+)?", s.name))
        if inside:
            raise ValueError(said("err.losses.template-has-parameter",
                                  ", ".join(s.name for s in inside)))

    @property
    def prediction(self) -> sympy.Symbol:
        """The symbol f that stands for one output in ``term``."""
        return symbol("f")

    @property
    def target(self) -> sympy.Symbol:
        """The symbol that stands for one label in ``term``.

        >>> from symgrad import Model, mse
        >>> loss = mse(Model(["a*x", "b*x"], inputs="x"))
        >>> loss.term, loss.target
        ((f - y)**2/2, y)
        """
        return self.term.free_symbols.difference({self.prediction}).pop()

    @property
    def params(self) -> tuple[sympy.Symbol, ...]:
        """The parameters the loss is minimised over: the model's.

        >>> from symgrad import Model, mae
        >>> mae(Model("a*x + c", inputs="x")).params
        (a, c)
        """
        return self.model.params

    @property
    def sample(self) -> sympy.Expr:
        """ℓ for one sample: the template with the model's outputs in place of the predictions.

        >>> from symgrad import Model, bce, sigmoid
        >>> bce(Model("sigmoid(w*x)", inputs="x")).sample
        -y*log(sigmoid(w*x)) - (1 - y)*log(1 - sigmoid(w*x))
        """
        return self.template.xreplace(dict(zip(self.predictions, self.model.output_exprs)))

    def batch(self) -> sympy.Expr:
        """J(θ) over m samples with Σ and indexed samples, for display.

        >>> from symgrad import Model, mse
        >>> mse(Model("w*x", inputs="x")).batch()
        Sum((f(x[i]) - y[i])**2, (i, 1, m))/(2*m)
        """
        i, m = sympy.symbols("i m", integer=True, positive=True)
        x = sympy.IndexedBase("x")
        indexed = {t: sympy.IndexedBase(t.name)[i] for t in self.targets}
        indexed.update({p: sympy.Function(p.name)(x[i]) for p in self.predictions})
        coeff, core = sympy.factor_terms(self.template).as_coeff_Mul()
        return coeff / m * sympy.Sum(core.xreplace(indexed), (i, 1, m))

    def __repr__(self) -> str:
        if self.penalty is None:
            return f"{self.name}({self.model!r})"
        return f"{self.name}({self.model!r}, {self.penalty.kind}={self.penalty.strength})"


def _attach(name, description, model, template_of, target, multi=True, penalty=None) -> Loss:
    model = _as_model(model)
    k = model.outputs
    if k > 1 and not multi:
        raise ValueError(said('err.losses.needs-model-with-one', name, k))
    if k == 1:
        targets, predictions = (symbol(target),), (symbol("f"),)
    else:
        targets = tuple(symbol(f"{target}{j}") for j in range(1, k + 1))
        predictions = tuple(symbol(f"f{j}") for j in range(1, k + 1))
    clash = set(targets) & set(model.inputs)
    if model.network is None:
        # Every free symbol of a model is an input or a parameter (Model checks it).
        clash |= set(targets) & set(model.params)
    else:
        # A network's parameters are named W…/b… by its layers: no need to list them all.
        clash |= {t for t in targets if re.fullmatch(r"[Wb]\d+_\d+(_\d+)?", t.name)}
    if clash:
        raise ValueError(
            said('err.losses.target-name-also-symbol', ', '.join(map(str, clash)))
        )
    one = template_of((symbol(target),), (symbol("f"),))
    penalty = penalty_for(model.params, **penalty, network=model.network) if penalty else None
    return Loss(name, description, model, targets, predictions,
                template_of(targets, predictions), one, penalty)


def _asked(l2, l1, penalize) -> dict | None:
    return None if l2 is None and l1 is None else {"l2": l2, "l1": l1, "penalize": penalize}


def _as_model(model) -> Model:
    if isinstance(model, Model):
        return model
    as_model = getattr(model, "model", None)
    if callable(as_model):
        return as_model()
    raise TypeError(said('err.losses.loss-needs-symgrad-model', type(model).__name__))


def mse(model, *, target: str = "y", l2=None, l1=None, penalize=None) -> Loss:
    """Mean squared error: ℓ = ½ Σₖ (fₖ − yₖ)², so J = 1/(2m) Σᵢ ‖f(xᵢ) − yᵢ‖².

    ``l2=λ`` adds the penalty λ/(2m) Σ w² to J (weight decay), ``l1=λ`` adds (λ/m) Σ |w|; the
    weights are every parameter but the biases (b, b1, b2_1 …) unless ``penalize`` lists them.
    Every loss takes these three arguments.

    >>> from symgrad import Model
    >>> mse(Model("a*x + b", inputs="x")).template
    (f - y)**2/2
    >>> mse(Model("a*x + b", inputs="x"), l2="0.1").penalty.expr
    a**2/(20*m)
    """
    return _attach(
        "mse", "mean squared error", model,
        lambda ys, fs: _HALF * Add(*[(f - y) ** 2 for y, f in zip(ys, fs)]), target,
        penalty=_asked(l2, l1, penalize),
    )


def mae(model, *, target: str = "y", l2=None, l1=None, penalize=None) -> Loss:
    """Mean absolute error: ℓ = Σₖ |fₖ − yₖ|, so J = (1/m) Σᵢ |f(xᵢ) − yᵢ|.

    >>> from symgrad import Model
    >>> mae(Model("a*x", inputs="x")).template
    Abs(f - y)
    """
    return _attach(
        "mae", "mean absolute error", model,
        lambda ys, fs: Add(*[Abs(f - y) for y, f in zip(ys, fs)]), target,
        penalty=_asked(l2, l1, penalize),
    )


def distance(model, *, target: str = "y", l2=None, l1=None, penalize=None) -> Loss:
    """The article's first loss, ℓ = sqrt((f − y)²), kept in that form (it equals |f − y|).

    >>> from symgrad import Model
    >>> distance(Model("a*x", inputs="x")).template
    sqrt((f - y)**2)
    """
    return _attach(
        "distance", "distance between prediction and truth", model,
        lambda ys, fs: Pow((fs[0] - ys[0]) ** 2, _HALF, evaluate=False), target, multi=False,
        penalty=_asked(l2, l1, penalize),
    )


def bce(model, *, target: str = "y", l2=None, l1=None, penalize=None) -> Loss:
    """Binary cross-entropy for 0/1 labels: ℓ = −(y log f + (1 − y) log(1 − f)).

    >>> from symgrad import Model
    >>> bce(Model("sigmoid(w*x)", inputs="x")).template
    -y*log(f) - (1 - y)*log(1 - f)
    """
    return _attach(
        "bce", "binary cross-entropy", model,
        lambda ys, fs: -(ys[0] * log(fs[0]) + (Integer(1) - ys[0]) * log(1 - fs[0])),
        target, multi=False, penalty=_asked(l2, l1, penalize),
    )


def cross_entropy(model, *, target: str = "y", l2=None, l1=None, penalize=None) -> Loss:
    """Cross-entropy for probability outputs (softmax): ℓ = −Σₖ yₖ log fₖ.

    >>> from symgrad import Model
    >>> cross_entropy(Model(["p", "1 - p"], inputs="x", params=["p"])).template
    -y1*log(f1) - y2*log(f2)
    """
    return _attach(
        "cross_entropy", "cross-entropy", model,
        lambda ys, fs: -Add(*[y * log(f) for y, f in zip(ys, fs)]), target,
        penalty=_asked(l2, l1, penalize),
    )
