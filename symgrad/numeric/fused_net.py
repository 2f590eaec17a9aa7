"""The fused backend for networks: a layer's bias, activation and local derivative are one
loop over its units and samples; the matrix products stay BLAS calls (numba calls the same
BLAS as NumPy).  The rules are the vector view's, as in :mod:`.netstep`."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import sympy

from ..codegen import compile_source
from ..nn import Identity, Softmax
from .fused import jit
from .netstep import LOG_CLIP, A, U, Y, fast_form
from .scalar import print_scalar


def _code(expr, names: dict) -> str:
    """Scalar source of an expression of u, a, y, f, those symbols replaced by local names."""
    return print_scalar(fast_form(expr).xreplace({s: sympy.Symbol(n) for s, n in names.items()}))


@dataclass
class FusedNetwork:
    """``run(params, XT, YT, inv_m, steps, lr, tol, explosion)`` trains in place and returns
    (history, stop, last gradients); ``forward(params, XT)`` gives a⁽ᴸ⁾."""

    source: str
    step: Callable = field(repr=False)
    run: Callable = field(repr=False)
    forward: Callable = field(repr=False)
    compile_seconds: float = 0.0


def _act_loop(act, l, bias: bool) -> list[str]:
    z, a = f"z{l}", f"a{l}"
    if isinstance(act, Softmax):
        add = [f"        {z}[j, i] += b{l}[j]"] if bias else []
        return [f"{a} = numpy.empty_like({z})",
                f"for i in range({z}.shape[1]):",
                f"    top = {z}[0, i]" + (f" + b{l}[0]" if bias else ""),
                f"    for j in range({z}.shape[0]):",
                *add,
                f"        top = max(top, {z}[j, i])",
                "    total = 0.0",
                f"    for j in range({z}.shape[0]):",
                f"        e = numpy.exp({z}[j, i] - top)",
                f"        {a}[j, i] = e",
                "        total += e",
                f"    for j in range({z}.shape[0]):",
                f"        {a}[j, i] /= total"]
    phi = "z" if isinstance(act, Identity) else _code(act.phi(U), {U: "z"})
    return [f"{a} = numpy.empty_like({z})",
            f"for j in range({z}.shape[0]):",
            f"    for i in range({z}.shape[1]):",
            f"        z = {z}[j, i]" + (f" + b{l}[j]" if bias else ""),
            f"        {z}[j, i] = z",
            f"        {a}[j, i] = {phi}"]


def fused_network(derivation) -> FusedNetwork:
    """Generate and compile the fused training loop of a network's vector view.

    The parameters come in the order of the NumPy backend: each layer's W, then its b when the
    layer has a bias."""
    net, loss = derivation.network, derivation.loss
    stages = net.stages
    L = len(stages)
    names = [n for l, (d, _) in enumerate(stages, start=1)
             for n in ((f"W{l}", f"b{l}") if d.bias else (f"W{l}",))]
    unpack = f"{', '.join(names)}{',' if len(names) == 1 else ''} = params"
    fwd = [unpack]
    for l, (dense, act) in enumerate(stages, start=1):
        prev = "XT" if l == 1 else f"a{l - 1}"
        fwd.append(f"z{l} = W{l} @ {prev}")
        fwd += _act_loop(act, l, dense.bias)
    f, y = loss.prediction, loss.target
    term = loss.term
    clip = term.has(sympy.log)
    fv = f"min(max(a, {LOG_CLIP[0]!r}), {LOG_CLIP[1]!r})" if clip else "a"
    term_code = _code(term, {f: "fc", y: "yv"})
    delta_code = _code(derivation.output.delta, {U: "zv", A: "a", Y: "yv"})
    body = list(fwd) + [
        f"d{L} = numpy.empty_like(a{L})",
        "J = 0.0",
        f"for j in range(a{L}.shape[0]):",
        f"    for i in range(a{L}.shape[1]):",
        f"        a = a{L}[j, i]",
        "        yv = YT[j, i]",
        f"        zv = z{L}[j, i]",
        f"        fc = {fv}",
        f"        J += {term_code}",
        f"        d{L}[j, i] = {delta_code}",
    ]
    grads = []
    for l in range(L, 0, -1):
        prev = "XT" if l == 1 else f"a{l - 1}"
        body.append(f"gW{l} = (d{l} @ {prev}.T) * inv_m")
        if stages[l - 1][0].bias:
            body += [f"gb{l} = numpy.zeros(d{l}.shape[0])",
                     f"for j in range(d{l}.shape[0]):",
                     "    s = 0.0",
                     f"    for i in range(d{l}.shape[1]):",
                     f"        s += d{l}[j, i]",
                     f"    gb{l}[j] = s * inv_m"]
        grads = [f"gW{l}", f"gb{l}"][:2 if stages[l - 1][0].bias else 1] + grads
        if l > 1:
            act = stages[l - 2][1]
            body.append(f"d{l - 1} = W{l}.T @ d{l}")
            if not isinstance(act, Identity):
                rule = _code(derivation.local[act.name].in_a, {U: "zv", A: "a"})
                body += [f"for j in range(d{l - 1}.shape[0]):",
                         f"    for i in range(d{l - 1}.shape[1]):",
                         f"        a = a{l - 1}[j, i]",
                         f"        zv = z{l - 1}[j, i]",
                         f"        d{l - 1}[j, i] *= {rule}"]
    body.append(f"return J * inv_m, ({', '.join(grads)},)")
    step = "def step(params, XT, YT, inv_m):\n" + "".join(f"    {ln}\n" for ln in body)
    forward = ("def forward(params, XT):\n" + "".join(f"    {ln}\n" for ln in fwd)
               + f"    return a{L}\n")
    update = "".join(f"        {p} -= lr * g[{i}]\n" for i, p in enumerate(names))
    run = RUN.format(unpack=unpack, update=update)
    source = "\n".join([step, forward, run])
    if source in _CACHE:
        return FusedNetwork(source, *_CACHE[source], 0.0)
    t0 = time.perf_counter()
    step_fn = jit(compile_source(step, "step"))
    namespace = {"numpy": np, "math": math, "step": step_fn}
    exec(compile(run, "<symgrad fused network>", "exec"), namespace)  # noqa: S102 - our own
    run_fn = jit(namespace["run"])
    forward_fn = jit(compile_source(forward, "forward"))
    # numba compiles on the first call: make it now, on arrays of the right kinds.
    params = tuple(a for d in net.dense
                   for a in (np.zeros((d.n_out, d.n_in)), np.zeros(d.n_out))[:2 if d.bias else 1])
    XT, YT = np.zeros((net.n_inputs, 2)), np.zeros((net.n_outputs, 2))
    with np.errstate(all="ignore"):
        run_fn(params, XT, YT, 0.5, 0, 0.1, -1.0, 1e10)
        step_fn(params, XT, YT, 0.5)
        forward_fn(params, XT)
    _CACHE[source] = (step_fn, run_fn, forward_fn)
    return FusedNetwork(source, step_fn, run_fn, forward_fn, time.perf_counter() - t0)


_CACHE: dict = {}


RUN = '''def run(params, XT, YT, inv_m, steps, lr, tol, explosion):
    {unpack}
    history = numpy.empty(steps + 1)
    limit = 1.7976931348623157e308
    for k in range(steps + 1):
        J, g = step(params, XT, YT, inv_m)
        history[k] = J
        if not abs(J) <= limit:
            return history[:k + 1], k, g
        if k == 0:
            limit = explosion * (1.0 + abs(J))
        if k == steps or (tol >= 0.0 and k > 1 and abs(history[k - 1] - J) <= tol):
            return history[:k + 1], -1, g
{update}    return history, -1, g
'''
