"""A network's training step as straight-line NumPy code, generated from the derived rules.

The vector view (``backprop``) gives the local rules: φ per layer, φ′ written in a = φ(z),
the output δ in (z, a, y) and the loss term ℓ(f, y).  They are printed once into one function
that runs the forward pass, J, the δ recursion and every gradient, with no per-step Python
objects between them.  Columns are samples: a⁽⁰⁾ = Xᵀ, shape (n, m).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sympy

from ..codegen import compile_source
from ..functions import sigmoid
from ..nn import Identity, Softmax
from ..parsing.core import symbol
from .lower import fast_sigmoid, print_numpy

#: Predictions are kept this far from 0 and 1 when a log loss is evaluated (not differentiated).
LOG_CLIP = (1e-300, 1 - 1e-15)

U, A, Y = symbol("u"), symbol("a"), symbol("y")
LOGF = sympy.Symbol("logf")


def fast_form(expr):
    """``expr`` with σ in the form NumPy evaluates fastest (one exp, no overflow warning).

    >>> from symgrad.functions import sigmoid
    >>> from symgrad.parsing import symbol
    >>> fast_form(sigmoid(symbol("z"))).func.__name__
    'fast_sigmoid'
    """
    return expr.replace(lambda e: isinstance(e, sigmoid), lambda e: fast_sigmoid(e.args[0]))


def _code(expr, names: dict) -> str:
    """Print an expression of u, a, y, f with those symbols replaced by array names."""
    safe = {s: sympy.Symbol(n) for s, n in names.items()}
    return print_numpy(fast_form(expr).xreplace(safe))


def _shared_loss_and_delta(term, delta, L) -> list[str]:
    """J and δ⁽ᴸ⁾ with their common part (the residual a − y) computed once; a square's sum
    is a dot product."""
    names = {U: f"z{L}", A: f"a{L}", Y: "YT"}
    repl, (J, d) = sympy.cse([term, delta], symbols=sympy.numbered_symbols("r"), order="none")
    lines = [f"{t} = {_code(e, names)}" for t, e in repl]
    coeff, rest = J.as_coeff_Mul()
    if rest.is_Pow and rest.exp == 2:
        base = _code(rest.base, names)
        if not rest.base.is_Symbol:
            lines.append(f"rJ = {base}")
            base = "rJ"
        lines.append(f"J = {float(coeff)!r} * numpy.vdot({base}, {base}) * inv_m")
    else:
        lines.append(f"J = numpy.sum({_code(J, names)}) * inv_m")
    lines.append(f"d{L} = {_code(d, names)}")
    return lines


@dataclass
class NetworkStep:
    """``step(params, XT, YT, inv_m, scale)`` → (J, scale·m·∂J/∂θ): with scale = α/m the
    gradients come out as the update α·∂J/∂θ.  params and grads are [W1, b1, W2, b2, …]
    (a layer without bias has no b entry); ``forward(params, XT)`` → a⁽ᴸ⁾.

    >>> from symgrad import Dense, Sequential, mse, backprop
    >>> import numpy as np
    >>> s = network_step(backprop(mse(Sequential(Dense(1, 1)))))
    >>> J, g = s.step([np.array([[2.0]]), np.array([0.0])], np.array([[1.0, 2.0]]),
    ...               np.array([[2.0, 4.0]]), 0.5, 0.5)
    >>> float(J), [v.tolist() for v in g]
    (0.0, [[[0.0]], [0.0]])
    """

    source: str
    step: Callable = field(repr=False)
    forward: Callable = field(repr=False)


def _activation_lines(act, z: str, a: str) -> list[str]:
    if isinstance(act, Softmax):
        # pⱼ = e^{zⱼ}/Σₖ e^{zₖ}, shifted by max z so that e^{z} cannot overflow.
        return [f"{a} = numpy.exp({z} - {z}.max(axis=0))", f"{a} /= {a}.sum(axis=0)"]
    if isinstance(act, Identity):
        return [f"{a} = {z}"]
    return [f"{a} = {_code(act.phi(U), {U: z})}"]


def network_step(derivation) -> NetworkStep:
    """Generate the step and forward functions of a network's vector view."""
    stages = derivation.network.stages
    L = len(stages)
    fwd = _forward_lines(stages)
    body = _loss_lines(derivation, fwd)
    backward, grads = _backward_lines(derivation)
    body += backward
    body.append(f"return J, [{', '.join(grads)}]")
    source = "def step(params, XT, YT, inv_m, scale):\n" + "".join(f"    {ln}\n" for ln in body)
    forward = "def forward(params, XT):\n" + "".join(f"    {ln}\n" for ln in fwd)
    forward += f"    return a{L}\n"
    return NetworkStep(source + "\n" + forward, compile_source(source, "step"),
                       compile_source(forward, "forward"))


def _forward_lines(stages) -> list[str]:
    """The parameters unpacked, then each layer's z⁽ˡ⁾ and a⁽ˡ⁾."""
    names = [n for l, (dense, _) in enumerate(stages, start=1)
             for n in ((f"W{l}", f"b{l}") if dense.bias else (f"W{l}",))]
    fwd = [f"{', '.join(names)}{',' if len(names) == 1 else ''} = params"]
    for l, (dense, act) in enumerate(stages, start=1):
        prev = "XT" if l == 1 else f"a{l - 1}"
        fwd.append(f"z{l} = W{l} @ {prev}")
        if dense.bias:
            fwd.append(f"z{l} += b{l}[:, None]")
        fwd += _activation_lines(act, f"z{l}", f"a{l}")
    return fwd


def _loss_lines(derivation, fwd: list[str]) -> list[str]:
    """The forward pass, then J: the loss term on the outputs (clipped away from 0 and 1 where
    it takes a log), and the output δ⁽ᴸ⁾."""
    loss, stages = derivation.loss, derivation.network.stages
    L = len(stages)
    f, y = loss.prediction, loss.target
    delta = f"d{L} = {_code(derivation.output.delta, {U: f'z{L}', A: f'a{L}', Y: 'YT'})}"
    log_softmax = loss.term.xreplace({sympy.log(f): LOGF})
    if isinstance(stages[-1][1], Softmax) and not log_softmax.has(f):
        # log pⱼ = zⱼ − max z − log Σₖ e^{zₖ − max z}: no log of an array of probabilities,
        # and exact where pⱼ underflows to 0.
        n_act = len(_activation_lines(stages[-1][1], f"z{L}", f"a{L}"))
        body = fwd[:len(fwd) - n_act] + [
            f"sh = z{L} - z{L}.max(axis=0)", f"a{L} = numpy.exp(sh)",
            f"s{L} = a{L}.sum(axis=0)", f"a{L} /= s{L}", f"logf = sh - numpy.log(s{L})"]
        if log_softmax == -y * LOGF:
            return body + ["J = -numpy.vdot(YT, logf) * inv_m", delta]
        return body + [f"J = numpy.sum({_code(log_softmax, {y: 'YT'})}) * inv_m", delta]
    if loss.term.has(sympy.log):
        return fwd + [f"fc = numpy.clip(a{L}, {LOG_CLIP[0]!r}, {LOG_CLIP[1]!r})",
                      f"J = numpy.sum({_code(loss.term, {f: 'fc', y: 'YT'})}) * inv_m", delta]
    return fwd + _shared_loss_and_delta(loss.term.xreplace({f: A}).xreplace({y: Y}),
                                        derivation.output.delta, L)


def _backward_lines(derivation) -> tuple[list[str], list[str]]:
    """(lines, gradient names): δ⁽ᴸ⁾ scaled once, then each layer's updates and δ⁽ˡ⁻¹⁾."""
    stages = derivation.network.stages
    L = len(stages)
    # Backpropagation is linear in δ⁽ᴸ⁾: scaled once by α/m here, every gradient below comes
    # out as the update α·∂J/∂θ, with no scaling per parameter.
    body, grads = [f"d{L} *= scale"], []
    for l in range(L, 0, -1):
        dense = stages[l - 1][0]
        prev = "XT" if l == 1 else f"a{l - 1}"
        body.append(f"gW{l} = d{l} @ {prev}.T")
        g = [f"gW{l}"]
        if dense.bias:
            body.append(f"gb{l} = d{l}.sum(axis=1)")
            g.append(f"gb{l}")
        grads = g + grads
        if l > 1:
            act = stages[l - 2][1]
            body.append(f"d{l - 1} = W{l}.T @ d{l}")
            if not isinstance(act, Identity):
                rule = derivation.local[act.name].in_a
                body.append(f"d{l - 1} *= {_code(rule, {U: f'z{l - 1}', A: f'a{l - 1}'})}")
    return body, grads
