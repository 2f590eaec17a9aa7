"""symgrad: the mathematics of learning, exact and checkable.

A model and its loss are exact SymPy expressions; every gradient is derived symbolically from
a tree of named rules, printed step by step, checked, and lambdified to run gradient descent.
"""

from .analysis.kmeans import KMeans, MeanUpdateDerivation, kmeans
from .analysis.stationary import Extrema, StationaryPoint, explain_minimum, stationary_points
from .analysis.trace import Trace, trace_descent
from .calculus.algebra import AlgebraStep, confirm_equal, gradient_algebra
from .calculus.backprop import BackpropDerivation, backprop
from .calculus.chain import NetworkChain, WeightChain, network_chain
from .calculus.derive import derive
from .calculus.rules import Step, diff_steps
from .calculus.scalar import Derivation
from .check import (
    Verdict,
    check_derivation,
    check_derivative,
    check_gradient,
    check_loss,
    check_step,
)
from .errors import DivergenceError, NumericError, ParseError, TooExpensive, UsageError
from .functions import elu, gelu, leaky_relu, relu, sigmoid, silu, softplus
from .losses import Loss, bce, cross_entropy, distance, mae, mse
from .model import Model
from .nn import (
    ELU,
    GELU,
    Dense,
    Identity,
    LeakyReLU,
    ReLU,
    Sequential,
    Sigmoid,
    SiLU,
    Softmax,
    Softplus,
    Tanh,
)
from .numeric import Fit, descend
from .parsing.core import parse
from .render.documents.document import LatexError, to_pdf
from .render.documents.html import to_html
from .render.summary import result_latex as latex
from .runtime.budget import Budget

__all__ = [
    "AlgebraStep",
    "BackpropDerivation",
    "Budget",
    "Dense",
    "Derivation",
    "DivergenceError",
    "ELU",
    "Extrema",
    "Fit",
    "GELU",
    "Identity",
    "KMeans",
    "LatexError",
    "LeakyReLU",
    "Loss",
    "MeanUpdateDerivation",
    "Model",
    "NetworkChain",
    "NumericError",
    "ParseError",
    "ReLU",
    "Sequential",
    "SiLU",
    "Sigmoid",
    "Softmax",
    "Softplus",
    "StationaryPoint",
    "Step",
    "Tanh",
    "TooExpensive",
    "Trace",
    "UsageError",
    "Verdict",
    "WeightChain",
    "backprop",
    "bce",
    "check_derivation",
    "check_derivative",
    "check_gradient",
    "check_loss",
    "check_step",
    "confirm_equal",
    "cross_entropy",
    "derive",
    "descend",
    "diff_steps",
    "distance",
    "elu",
    "explain_minimum",
    "gelu",
    "gradient_algebra",
    "kmeans",
    "latex",
    "leaky_relu",
    "mae",
    "mse",
    "network_chain",
    "parse",
    "relu",
    "sigmoid",
    "silu",
    "softplus",
    "stationary_points",
    "to_html",
    "to_pdf",
    "trace_descent",
]
