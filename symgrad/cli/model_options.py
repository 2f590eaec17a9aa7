"""The options that name a model and its loss, shared by ``symgrad derive`` and ``symgrad fit``:
a formula with its inputs (or, for derive, a network of Dense layers), the loss and its
penalties."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from .. import losses
from ..errors import UsageError, said
from ..model import Model
from ..nn import ACTIVATIONS, network

LOSSES: dict[str, Callable] = {
    "mse": losses.mse,
    "mae": losses.mae,
    "distance": losses.distance,
    "bce": losses.bce,
    "cross_entropy": losses.cross_entropy,
}


def add_model_options(p: argparse.ArgumentParser, network: bool = False) -> None:
    """Add the model and loss options to a sub-command's parser ``p`` (``network``: a network
    may stand for the formula).

    >>> p = argparse.ArgumentParser()
    >>> add_model_options(p)
    >>> p.parse_args(["w*x", "--inputs", "x", "--loss", "bce"]).loss
    'bce'
    """
    p.add_argument("model", nargs="?" if network else None,
                   help='the model formula, e.g. "a*x1 + b*x2**2 + c*x3**3 + d"')
    p.add_argument("--inputs", required=not network,
                   help="comma-separated input names, e.g. x1,x2,x3")
    if network:
        p.add_argument("--network", metavar="SIZES",
                       help="a network of Dense layers instead of a formula, e.g. 784-30-10")
        p.add_argument("--activation", default="sigmoid", choices=sorted(ACTIVATIONS),
                       help="the activation after every layer (default sigmoid)")
        p.add_argument("--output", choices=sorted(ACTIVATIONS),
                       help="the activation after the last layer (default: --activation)")
        p.add_argument("--wrt", metavar="NAMES",
                       help="write these parameters' derivations out in full, e.g. W2_1_3")
    p.add_argument("--params", help="comma-separated parameter names (default: the other symbols)")
    p.add_argument("--loss", default="mse", choices=sorted(LOSSES), help="the loss (default mse)")
    p.add_argument("--l2", metavar="λ", help="add the penalty λ/(2m)·Σ w² on the weights to J")
    p.add_argument("--l1", metavar="λ", help="add the penalty (λ/m)·Σ |w| on the weights to J")


def loss_of(args):
    """The loss the parsed options name: a formula model's, or a network's.

    >>> p = argparse.ArgumentParser()
    >>> add_model_options(p)
    >>> loss_of(p.parse_args(["w*x", "--inputs", "x", "--l2", "1/2"])).penalty is not None
    True
    """
    if getattr(args, "network", None):
        if args.model is not None or args.inputs is not None:
            raise UsageError(said("err.cli.model-or-network"))
        return LOSSES[args.loss](network(args.network, args.activation, args.output),
                                 l2=args.l2, l1=args.l1)
    if args.model is None or args.inputs is None:
        raise UsageError(said("err.cli.model-or-network"))
    model = Model(args.model, inputs=args.inputs, params=args.params)
    return LOSSES[args.loss](model, l2=args.l2, l1=args.l1)
