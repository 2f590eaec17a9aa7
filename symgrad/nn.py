"""Networks as the article draws them: Dense layers and activations, stacked by Sequential.

The scalar view, ``net.model()``, is one exact expression in which every weight is its own
symbol.  Symbol names are plain identifiers a user can type:

* ``W{l}_{j}_{k}``: layer l, weighs input k into unit j (``W[j, k]`` of that layer), e.g. W1_2_1;
* ``b{l}_{j}``: the bias of unit j in layer l, e.g. b2_1;
* ``x1 … xn``: the network's inputs.

LaTeX shows them as W^{(l)}_{jk} and b^{(l)}_{j} (see :func:`symgrad.render.printers.latex.latex`).
"""

from __future__ import annotations

import re
import weakref
from functools import cached_property

import sympy
from sympy import Matrix, exp, tanh

from .errors import said
from .functions import elu, gelu, leaky_relu, relu, sigmoid, silu, softplus
from .model import Model, param_name
from .parsing.core import parse, symbol


class Activation:
    """An elementwise activation a = φ(z), with φ written once as a SymPy function of u.

    An activation that is a SymPy function names it, ``class Tanh(Activation, function=tanh)``,
    and takes its name from it.
    """

    name = "identity"
    #: The SymPy function φ is, when it is one (sigmoid, tanh …); None: φ(u) = u, or a
    #: subclass's own ``phi``.
    function = None

    def __init_subclass__(cls, function=None, **kwargs):
        super().__init_subclass__(**kwargs)
        if function is not None:
            cls.function, cls.name = function, function.__name__

    def phi(self, u: sympy.Expr) -> sympy.Expr:
        """φ(u) for one unit.

        >>> Tanh().phi(sympy.Symbol("u")), Identity().phi(sympy.Symbol("u"))
        (tanh(u), u)
        """
        return u if self.function is None else self.function(u)

    def apply(self, z: Matrix) -> Matrix:
        """φ applied to every entry of a column.

        >>> z = Matrix(sympy.symbols("z1 z2", real=True))
        >>> Sigmoid().apply(z).T
        Matrix([[sigmoid(z1), sigmoid(z2)]])
        """
        return z.applyfunc(self.phi)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Identity(Activation):
    """φ(u) = u: a linear layer, as in the article's 2-3-1 network."""


class Sigmoid(Activation, function=sigmoid):
    """φ(u) = σ(u) = 1/(1 + e^{−u})."""


class Tanh(Activation, function=tanh):
    """φ(u) = tanh(u)."""


class ReLU(Activation, function=relu):
    """φ(u) = relu(u) = max(0, u)."""


class Softplus(Activation, function=softplus):
    """φ(u) = softplus(u) = ln(1 + eᵘ)."""


class _WithParameter(Activation):
    """φ(u) = f(u, p) for a parameter p (leaky_relu's slope, elu's α), kept as the attribute
    ``parameter`` names; named f when p is f's default, f(p) otherwise."""

    parameter = ""

    def __init__(self, value, what: str):
        setattr(self, self.parameter, parse(value, what=what))
        name = self.function.__name__
        self.name = name if self.value == self.function.default else f"{name}({self.value})"

    @property
    def value(self) -> sympy.Expr:
        """The parameter p."""
        return getattr(self, self.parameter)

    def phi(self, u):
        return self.function(u, self.value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.value})"


class LeakyReLU(_WithParameter, function=leaky_relu):
    """φ(u) = leaky_relu(u, a): u for u > 0, a·u otherwise (a = 1/100 unless given).

    >>> LeakyReLU("0.2").phi(sympy.Symbol("u", real=True))
    leaky_relu(u, 1/5)
    """

    parameter = "slope"

    def __init__(self, slope="1/100"):
        super().__init__(slope, "the slope")


class ELU(_WithParameter, function=elu):
    """φ(u) = elu(u, α): u for u > 0, α·(eᵘ − 1) otherwise (α = 1 unless given)."""

    parameter = "alpha"

    def __init__(self, alpha=1):
        super().__init__(alpha, "alpha")


class SiLU(Activation, function=silu):
    """φ(u) = silu(u) = u·σ(u), also called swish."""


class GELU(Activation, function=gelu):
    """φ(u) = gelu(u) = u·Φ(u) = u·(1 + erf(u/√2))/2."""


class Softmax(Activation):
    """pⱼ = e^{zⱼ} / Σₖ e^{zₖ}: not elementwise, every output depends on every z.

    >>> z = Matrix(sympy.symbols("z1 z2", real=True))
    >>> Softmax().apply(z)[0]
    exp(z1)/(exp(z1) + exp(z2))
    """

    name = "softmax"

    def phi(self, u):
        raise TypeError(said('err.nn.softmax-not-elementwise-apply'))

    def apply(self, z: Matrix) -> Matrix:
        total = sympy.Add(*[exp(v) for v in z])
        return z.applyfunc(lambda v: exp(v) / total)


class Dense:
    """A fully connected layer z = W a + b, W of shape (n_out, n_in).

    >>> layer = Dense(2, 3)
    >>> layer.W
    Matrix([
    [W1_1_1, W1_1_2],
    [W1_2_1, W1_2_2],
    [W1_3_1, W1_3_2]])
    >>> layer.b.T
    Matrix([[b1_1, b1_2, b1_3]])
    """

    def __init__(self, n_in: int, n_out: int, bias: bool = True):
        for name, n in (("n_in", n_in), ("n_out", n_out)):
            if isinstance(n, bool) or not isinstance(n, int) or n < 1:
                raise ValueError(said('err.nn.must-be-whole-number', name, n))
        self.n_in, self.n_out, self.bias = n_in, n_out, bias
        #: The layer's place among the Dense layers of the network that holds it (1 alone).
        self.number = 1
        #: That network (a weak reference), or None.
        self.owner = None

    @property
    def W(self) -> Matrix:  # noqa: N802 - the matrix is W in every textbook
        """The weights as a Matrix of symbols ``W{l}_{j}_{k}``."""
        l = self.number
        # Generated names are identifiers by construction: no need to run the parser's check.
        return Matrix(self.n_out, self.n_in,
                      lambda j, k: sympy.Symbol(f"W{l}_{j + 1}_{k + 1}", real=True))

    def __getstate__(self) -> dict:
        # A weak reference does not pickle: a layer sent to another process leaves its owner.
        return {**self.__dict__, "owner": None}

    def weight_names(self) -> list[str]:
        """The names of W's entries row by row, as text (no SymPy objects: cheap when wide).

        >>> Dense(2, 1).weight_names()
        ['W1_1_1', 'W1_1_2']
        """
        l = self.number
        return [param_name(l, j, k) for j in range(1, self.n_out + 1)
                for k in range(1, self.n_in + 1)]

    def bias_names(self) -> list[str]:
        """The names of b's entries, as text (empty without bias).

        >>> Dense(2, 2).bias_names()
        ['b1_1', 'b1_2']
        """
        return [param_name(self.number, j) for j in range(1, self.n_out + 1)] if self.bias else []

    @property
    def b(self) -> Matrix | None:
        """The biases as a column of symbols ``b{l}_{j}`` (None without bias)."""
        if not self.bias:
            return None
        return Matrix(self.n_out, 1,
                      lambda j, _: sympy.Symbol(f"b{self.number}_{j + 1}", real=True))

    @property
    def params(self) -> tuple[sympy.Symbol, ...]:
        """The layer's parameters: W row by row, then b."""
        return (*self.W, *(self.b if self.bias else ()))

    def apply(self, a: Matrix) -> Matrix:
        """z = W a + b."""
        z = self.W * a
        return z + self.b if self.bias else z

    def __repr__(self) -> str:
        return f"Dense({self.n_in}, {self.n_out}{'' if self.bias else ', bias=False'})"


class Sequential:
    """Layers applied in order; Dense layers are numbered 1, 2, … as they appear.

    >>> net = Sequential(Dense(2, 3, bias=False), Dense(3, 1, bias=False))
    >>> net.model().expr
    W2_1_1*(W1_1_1*x1 + W1_1_2*x2) + W2_1_2*(W1_2_1*x1 + W1_2_2*x2) + W2_1_3*(W1_3_1*x1 + W1_3_2*x2)
    """

    def __init__(self, *layers):
        if not layers or not isinstance(layers[0], Dense):
            raise ValueError(said('err.nn.sequential-network-starts-with'))
        dense = [l for l in layers if isinstance(l, Dense)]
        for before, after in zip(dense, dense[1:]):
            if before.n_out != after.n_in:
                raise ValueError(
                    said('err.nn.gives-outputs-but-next', before, before.n_out, after, after.n_in)
                )
        for layer in layers:
            if not isinstance(layer, (Dense, Activation)):
                raise TypeError(said('err.nn.neither-dense-layer-nor', layer))
        # The network numbers the layers it is given, so that a handle kept by the caller
        # (l2.W after Sequential(l1, Sigmoid(), l2)) names the weights the network uses, as
        # a PyTorch or Keras layer does.  Numbering a layer that another network numbered
        # differently would rename that network's weights, so it is refused, as is one layer
        # object in two places (tied weights are not supported): make a new Dense instead.
        dense = [l for l in layers if isinstance(l, Dense)]
        for l, layer in enumerate(dense, start=1):
            if dense.index(layer) != l - 1:
                raise ValueError(said("err.nn.layer-twice", layer, l))
            owner = layer.owner() if layer.owner is not None else None
            if owner is not None and layer.number != l:
                raise ValueError(said("err.nn.layer-elsewhere", layer, layer.number, l))
        for l, layer in enumerate(dense, start=1):
            layer.number, layer.owner = l, weakref.ref(self)
        self.layers = tuple(layers)
        self.stages = tuple(self._stages())

    def _stages(self):
        """(Dense, activation) pairs: an activation right after a Dense layer, else identity."""
        out = []
        for layer in self.layers:
            if isinstance(layer, Dense):
                out.append([layer, None])
            elif out[-1][1] is None:
                out[-1][1] = layer
            else:
                raise ValueError(said('err.nn.two-activations-in-row', out[-1][1], layer))
        return [(dense, act or Identity()) for dense, act in out]

    @property
    def dense(self) -> tuple[Dense, ...]:
        """The Dense layers, in order."""
        return tuple(d for d, _ in self.stages)

    @property
    def n_inputs(self) -> int:
        """How many inputs the network reads."""
        return self.dense[0].n_in

    @property
    def n_outputs(self) -> int:
        """How many outputs it gives."""
        return self.dense[-1].n_out

    @property
    def inputs(self) -> tuple[sympy.Symbol, ...]:
        """x1 … xn."""
        return tuple(symbol(f"x{k}") for k in range(1, self.n_inputs + 1))

    @property
    def params(self) -> tuple[sympy.Symbol, ...]:
        """Every weight and bias, layer by layer (W row by row, then b)."""
        return tuple(p for d in self.dense for p in d.params)

    def forward(self, x: Matrix) -> Matrix:
        """The output column for an input column, as exact expressions."""
        a = x
        for dense, act in self.stages:
            a = act.apply(dense.apply(a))
        return a

    def model(self) -> NetworkModel:
        """The scalar view: a Model whose output is one exact expression (a Matrix if k > 1)."""
        return NetworkModel(self)

    def __repr__(self) -> str:
        return f"Sequential({', '.join(map(repr, self.layers))})"


class NetworkModel(Model):
    """The scalar view of a network; its expression is built only when first asked for.

    Training and the vector view never need it, so a wide network costs nothing here.
    """

    def __init__(self, network: Sequential):
        self.network = network
        self.inputs = network.inputs

    @cached_property
    def params(self):
        return self.network.params

    @cached_property
    def expr(self):
        out = self.network.forward(Matrix(self.inputs))
        return out[0] if out.shape == (1, 1) else out

    @property
    def outputs(self) -> int:
        return self.network.n_outputs

    def __repr__(self) -> str:
        return f"NetworkModel({self.network!r})"


#: Activations by the name a command line or a form gives.
ACTIVATIONS = {"identity": Identity, "sigmoid": Sigmoid, "tanh": Tanh, "relu": ReLU,
               "softplus": Softplus, "leaky_relu": LeakyReLU, "elu": ELU, "silu": SiLU,
               "gelu": GELU, "softmax": Softmax}


def network(layers: str, activation: str = "sigmoid", output: str | None = None) -> Sequential:
    """A network from its layer sizes ("784-30-10" or "2,3,1") and activation names.

    ``activation`` follows every layer; ``output`` (default: the same) replaces it after the
    last one, e.g. "softmax" or "identity".

    >>> network("784-30-10")
    Sequential(Dense(784, 30), Sigmoid(), Dense(30, 10), Sigmoid())
    >>> network("4-5-3", "tanh", "softmax")
    Sequential(Dense(4, 5), Tanh(), Dense(5, 3), Softmax())
    """
    parts = re.split(r"\s*[-,x×]\s*", layers.strip())
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        raise ValueError(said('err.work.layer-sizes-are-whole', layers[:40]))
    sizes = [int(p) for p in parts]
    for name in (activation, output):
        if name is not None and name not in ACTIVATIONS:
            raise ValueError(said('err.nn.unknown-activation', name, ", ".join(ACTIVATIONS)))
    built: list = []
    for k, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        last = k == len(sizes) - 2
        built.append(Dense(n_in, n_out))
        kind = ACTIVATIONS[(output or activation) if last else activation]
        if kind is not Identity:
            built.append(kind())
    return Sequential(*built)
