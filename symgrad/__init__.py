"""symgrad: the mathematics of learning, exact and checkable.

A model and its loss are exact SymPy expressions; every gradient is derived symbolically from
a tree of named rules, printed step by step, checked, and lambdified to run gradient descent.
"""

from .backprop import BackpropDerivation, backprop
from .derive import Derivation, derive
from .descent import Fit, descend
from .errors import DivergenceError, ParseError
from .functions import relu, sigmoid
from .kmeans import KMeans, MeanUpdateDerivation, kmeans
from .losses import Loss, bce, cross_entropy, distance, mae, mse
from .model import Model
from .nn import Dense, Identity, ReLU, Sequential, Sigmoid, Softmax, Tanh
from .parsing import parse
from .rules import Step, diff_steps

__all__ = [
    "BackpropDerivation",
    "Dense",
    "Derivation",
    "DivergenceError",
    "Fit",
    "Identity",
    "KMeans",
    "Loss",
    "MeanUpdateDerivation",
    "Model",
    "ParseError",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Softmax",
    "Step",
    "Tanh",
    "backprop",
    "bce",
    "cross_entropy",
    "derive",
    "descend",
    "diff_steps",
    "distance",
    "kmeans",
    "mae",
    "mse",
    "parse",
    "relu",
    "sigmoid",
]
