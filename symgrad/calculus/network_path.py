"""One parameter of a wide network in full, without its whole scalar forward pass.

∂ℓ/∂W⁽ˡ⁾ⱼₖ depends only on the units on W⁽ˡ⁾ⱼₖ's path to the loss: in layer l the one unit j,
after it every unit.  :func:`path_outputs` writes the network's outputs with every other unit
of layer l (and every unit before it) kept as its name, ``a{l}_{i}`` (``z{l}_{i}`` under a
softmax), so the per-parameter derivation of W1_1_3 in a 784-30-10 network differentiates one
sum of 785 terms under ten outputs of 31, not the 23,520-term scalar pass.  Those names are
constants for the parameters asked for: the derivative is the same as of the whole pass.
"""

from __future__ import annotations

import sympy
from sympy import Matrix

from ..model import param_position
from ..nn import Sequential, Softmax

__all__ = ["PATH_LIMIT", "along_path", "path_outputs"]

#: A network with more parameters than this has its per-parameter view written along the path.
PATH_LIMIT = 200


def along_path(network: Sequential | None, wrt) -> bool:
    """Whether a per-parameter derivation is written along the path: a network wider than
    PATH_LIMIT parameters, with the parameters named.

    >>> from symgrad.nn import network
    >>> along_path(network("784-30-10"), ["W1_1_3"]), along_path(network("2-3-1"), ["W1_1_1"])
    (True, False)
    """
    if network is None or wrt is None:
        return False
    return sum(d.n_out * (d.n_in + d.bias) for d in network.dense) > PATH_LIMIT


def path_outputs(network: Sequential, wrt) -> list[sympy.Expr]:
    """The outputs of ``network`` with every unit off the paths of ``wrt`` named.

    >>> from symgrad import Dense, Sequential, Sigmoid
    >>> from symgrad.parsing import symbol
    >>> net = Sequential(Dense(3, 2), Sigmoid(), Dense(2, 1))
    >>> path_outputs(net, [symbol("W1_2_3")])
    [W2_1_1*a1_1 + W2_1_2*sigmoid(W1_2_1*x1 + W1_2_2*x2 + W1_2_3*x3 + b1_2) + b2_1]
    """
    units: dict[int, set[int]] = {}
    for p in wrt:
        l, j, _ = param_position(p.name)
        units.setdefault(l, set()).add(j)
    first = min(units)
    stages = network.stages
    previous = (Matrix(network.inputs) if first == 1 else
                Matrix([sympy.Symbol(f"a{first - 1}_{k}", real=True)
                        for k in range(1, stages[first - 2][0].n_out + 1)]))
    for l, (dense, act) in enumerate(stages, start=1):
        if l < first:
            continue
        if l > first and l not in units:
            previous = act.apply(dense.apply(previous))
            continue
        rows = []
        for j in range(1, dense.n_out + 1):
            if l == first and j not in units.get(l, ()):
                rows.append(None)  # off the path: named below
                continue
            z = sympy.Add(*(sympy.Symbol(f"W{l}_{j}_{k}", real=True) * previous[k - 1]
                            for k in range(1, dense.n_in + 1)))
            rows.append(z + sympy.Symbol(f"b{l}_{j}", real=True) if dense.bias else z)
        if isinstance(act, Softmax):
            z = Matrix([r if r is not None else sympy.Symbol(f"z{l}_{j}", real=True)
                        for j, r in enumerate(rows, start=1)])
            previous = act.apply(z)
        else:
            previous = Matrix([act.phi(r) if r is not None else
                               sympy.Symbol(f"a{l}_{j}", real=True)
                               for j, r in enumerate(rows, start=1)])
    return list(previous)
