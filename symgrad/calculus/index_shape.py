"""Which models get the index form: a weighted sum, recognised (:func:`weighted_sum`).

Every network of Dense layers is one (softmax only at the output); a formula model is one when
it reads g(Σₖ wₖxₖ + b) in names x1 … xn and w1 … wn.
"""

from __future__ import annotations

import re

import sympy
from sympy import Symbol

from ..functions import elu, gelu, leaky_relu, relu, sigmoid, silu, softplus
from ..i18n.keys import N_
from ..losses import Loss
from ..nn import ELU, GELU, Identity, LeakyReLU, ReLU, Sigmoid, SiLU, Softmax, Softplus, Tanh
from .index_data import Shape

__all__ = ["MOST_WRITTEN_OUT", "per_parameter", "weighted_sum"]

#: A formula with fewer parameters than this keeps its per-parameter derivation: two lines
#: (the article's neuron X1·W1 + X2·W2) read as easily as one generic line.
MOST_WRITTEN_OUT = 3

_ACTIVATION = {sigmoid: Sigmoid, sympy.tanh: Tanh, relu: ReLU, softplus: Softplus,
               silu: SiLU, gelu: GELU}
_NAMED = re.compile(r"([A-Za-z]+)_?(\d+)")


def weighted_sum(loss: Loss) -> Shape | None:
    """The Shape of a model built on a weighted sum, or None for any other model.

    Every network of Dense layers is one (with any activation and any loss symgrad has, softmax
    only at the output); a formula model is one when it reads g(Σₖ wₖxₖ + b) with n ≥ 2 inputs
    x1 … xn, one weight w1 … wn for each, at most one bias, at least three parameters, and g an
    activation symgrad knows. w·x + b and X1·W1 + X2·W2 keep the per-parameter derivation:
    written out, they are as short as the generic form.  A penalty (``l2=``, ``l1=``) is
    written generically when it is on every weight and no bias.

    >>> from symgrad import Model, bce, mse
    >>> weighted_sum(bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2"))).sizes
    (2, 1)
    >>> weighted_sum(mse(Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs="x1, x2, x3"))) is None
    True
    """
    network = loss.model.network
    if network is not None:
        stages = network.stages
        if any(isinstance(act, Softmax) for _, act in stages[:-1]):
            return None
        # a network's penalty is on every W (penalty_for allows nothing else)
        return Shape((network.n_inputs, *(d.n_out for d, _ in stages)),
                     tuple(act for _, act in stages), tuple(d.bias for d, _ in stages))
    shape = _formula_shape(loss)
    penalty = getattr(loss, "penalty", None)
    if shape is not None and penalty is not None and set(penalty.weights) != {
            shape.param(k) for k in range(1, shape.sizes[0] + 1)}:
        return None  # a penalty on the bias, or on some weights only: written per parameter
    return shape


def _formula_shape(loss: Loss) -> Shape | None:
    return _formula_shape_why(loss)[0]


def _formula_shape_why(loss: Loss) -> tuple[Shape | None, str]:
    """The Shape of a formula model, or None and why not (a catalogue key, see per_parameter)."""
    outputs = loss.model.output_exprs
    if len(outputs) != 1:
        return None, N_("para.form-not-weighted")
    expr, activation = _outer_activation(outputs[0])
    inputs, params = loss.model.inputs, set(loss.model.params)
    if not expr.is_Add:  # one term: w·x is a weighted sum too short to write generically
        one = sympy.Mul.make_args(expr)
        short = len(one) == 2 and any(f in params for f in one) and any(f in inputs for f in one)
        return None, N_("para.form-short") if short else N_("para.form-not-weighted")
    weights, bias = _weights_and_bias(expr, params, inputs)
    n = len(inputs)
    if weights is None or len(weights) != n or len(params) != n + (bias is not None):
        return None, N_("para.form-not-weighted")
    if n < 2 or len(params) < MOST_WRITTEN_OUT:
        return None, N_("para.form-short")
    ordered = [weights[x] for x in inputs]
    names = _generic_names(inputs, ordered, loss)
    if names is None:
        return None, N_("para.form-names")
    (x_stem, w_stem), renamed = names
    return Shape((n, 1), (activation,), (bias is not None,), network=False, weight=w_stem,
                 input=x_stem, bias=bias, renamed=renamed), ""


def _generic_names(inputs, weights, loss) -> tuple[tuple[str, str], tuple] | None:
    """The stems (x, w) of the generic names, and the model's own names when they differ.

    Inputs x1 … xn and weights w1 … wn are their own generic names; weights under other names
    (a, c) are written wⱼ, inputs under other names (p, q) xⱼ, the document saying which is
    which.  None where that would mislead: names numbered out of order (w2·x1 + w1·x2), or a
    generic stem that is already another quantity's name.
    """
    stems = _stems(inputs, weights)
    if stems is not None:
        return stems, ()
    taken = {s.name for s in loss.sample.free_symbols} | {"z", "f", "y", "ell"}
    x_stem = _stem(inputs)
    if x_stem in {"z", "f", "y", "ell"}:
        return None
    if x_stem is None:  # inputs under other names: xⱼ, unless x is a parameter or the label
        if any(_NAMED.fullmatch(x.name) for x in inputs):
            return None
        x_stem = "x" if "x" not in taken - {x.name for x in inputs} else None
    if x_stem is None or any(_NAMED.fullmatch(w.name) for w in weights) or "w" in taken:
        return None
    return (x_stem, "w"), (tuple(weights), () if _stem(inputs) else tuple(inputs))


def _stem(symbols) -> str | None:
    """s when the symbols are s1 … sn in order, else None."""
    found = [_NAMED.fullmatch(s.name) for s in symbols]
    if not all(found) or any(m[1] != found[0][1] or int(m[2]) != k
                             for k, m in enumerate(found, start=1)):
        return None
    return found[0][1]


def _outer_activation(expr) -> tuple[sympy.Expr, object]:
    """The weighted sum inside a formula's activation, and that activation (Identity if none)."""
    if type(expr) in _ACTIVATION:
        return expr.args[0], _ACTIVATION[type(expr)]()
    if isinstance(expr, (leaky_relu, elu)):
        return expr.args[0], (LeakyReLU if isinstance(expr, leaky_relu) else ELU)(expr.args[1])
    return expr, Identity()


def _weights_and_bias(expr, params, inputs) -> tuple[dict | None, Symbol | None]:
    """input → its weight, and the bias, of a sum of terms wₖ·xₖ (+ b); None if it is not one."""
    weights, bias = {}, None
    for term in expr.args:
        if term in params and bias is None:
            bias = term
            continue
        factors = sympy.Mul.make_args(term)
        if len(factors) != 2 or not all(isinstance(f, Symbol) for f in factors):
            return None, bias
        w, x = sorted(factors, key=lambda f: f in params)[::-1]
        if w not in params or x not in inputs or x in weights:
            return None, bias
        weights[x] = w
    return weights, bias


def _stems(inputs, weights) -> tuple[str, str] | None:
    """The stems (x, w) when the inputs are x1 … xn and their weights w1 … wn, else None."""
    x_stem, w_stem = _stem(inputs), _stem(weights)
    if x_stem is None or w_stem is None or {x_stem, w_stem} & {"z", "f", "y", "ell"}:
        return None
    return x_stem, w_stem


def per_parameter(loss: Loss, wrt=None) -> tuple[str, tuple]:
    """Why ``derive`` writes this loss's derivation per parameter, not in the index form: a
    catalogue key and its values ("" when the index form is what derive gives).

    >>> from symgrad import Model, mse
    >>> per_parameter(mse(Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs="x1, x2, x3")))
    ('para.form-not-weighted', ())
    >>> per_parameter(mse(Model("w*x + b", inputs="x")))
    ('para.form-short', ([b, w],))
    >>> per_parameter(mse(Model("w1*x1 + w2*x2 + b", inputs="x1, x2")), wrt=["w1"])
    ('para.form-asked', (['w1'],))
    """
    if weighted_sum(loss) is not None:
        return (N_("para.form-asked"), ([str(p) for p in wrt],)) if wrt is not None else ("", ())
    if loss.model.network is not None:
        return N_("para.form-not-weighted"), ()  # softmax inside the network
    shape, why = _formula_shape_why(loss)
    if shape is not None:
        return N_("para.form-penalty"), ()  # a weighted sum, its penalty on a bias or some weights
    return why, (list(loss.params),) if why == "para.form-short" else ()
