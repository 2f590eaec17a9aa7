"""The peers of bench.py, each written the way its documentation teaches, in float64, on one
thread, recording J at every step.  A peer that is not installed is left out of the table."""

from __future__ import annotations

import importlib.util

import numpy as np


def _have(name) -> bool:
    return importlib.util.find_spec(name) is not None


def load() -> None:
    """Import the installed peers (and numba) so that their thread pools exist."""
    for name in ("numba", "scipy.linalg", "jax", "pytensor", "torch"):
        if _have(name.split(".")[0]):
            __import__(name)


def one_thread() -> None:
    """Pin the peers' own thread pools to one thread (threadpoolctl pins BLAS)."""
    if _have("torch"):
        import torch

        torch.set_num_threads(1)


def versions() -> list[str]:
    out = []
    for name in ("numba", "jax", "pytensor", "torch"):
        if _have(name):
            mod = __import__(name)
            out.append(f"{name} {mod.__version__}")
        else:
            out.append(f"{name}: not installed (left out)")
    return ["peers: " + ", ".join(out)]


# ----------------------------------------------------------------------------- formula

def formula(X, y, lr) -> list:
    out = []
    cols = [np.ascontiguousarray(c) for c in X.T]
    if _have("jax"):
        out.append(("JAX jit", _jax_formula(cols, y, lr)))
    if _have("pytensor"):
        out.append(("PyTensor (numba mode)", _pytensor_formula(cols, y, lr)))
    if _have("torch"):
        out.append(("torch (autograd)", _torch_formula(cols, y, lr)))
    return out


def _jax_formula(cols, y, lr):
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    x1, x2, x3 = (jnp.asarray(c) for c in cols)
    yj = jnp.asarray(y)

    def J(th):
        r = th[0] * x1 + th[1] * x2**2 + th[2] * x3**3 + th[3] - yj
        return 0.5 * jnp.mean(r * r)

    @jax.jit
    def step(th):
        v, g = jax.value_and_grad(J)(th)
        return v, th - lr * g

    value = jax.jit(J)

    def run(steps):
        th = jnp.zeros(4)
        history = []
        for _ in range(steps):
            v, th = step(th)
            history.append(float(v))
        history.append(float(value(th)))
        return history
    return run


def _pytensor_formula(cols, y, lr):
    import pytensor
    import pytensor.tensor as pt

    th = pytensor.shared(np.zeros(4))
    x1, x2, x3 = (pt.constant(c) for c in cols)
    r = th[0] * x1 + th[1] * x2**2 + th[2] * x3**3 + th[3] - pt.constant(y)
    J = 0.5 * pt.mean(r * r)
    step = pytensor.function([], J, updates=[(th, th - lr * pt.grad(J, th))], mode="NUMBA")
    value = pytensor.function([], J, mode="NUMBA")

    def run(steps):
        th.set_value(np.zeros(4))
        history = [float(step()) for _ in range(steps)]
        history.append(float(value()))
        return history
    return run


def _torch_formula(cols, y, lr):
    import torch

    x1, x2, x3 = (torch.from_numpy(c) for c in cols)
    yt = torch.from_numpy(y)

    def J(th):
        r = th[0] * x1 + th[1] * x2**2 + th[2] * x3**3 + th[3] - yt
        return 0.5 * (r * r).mean()

    def run(steps):
        th = torch.zeros(4, dtype=torch.float64, requires_grad=True)
        history = []
        for _ in range(steps):
            v = J(th)
            v.backward()
            with torch.no_grad():
                th -= lr * th.grad
            th.grad = None
            history.append(v.item())
        with torch.no_grad():
            history.append(J(th).item())
        return history
    return run


# ----------------------------------------------------------------------------- networks

def network(X, Y, start, lr, hidden, loss) -> list:
    out = []
    if _have("jax"):
        out.append(("JAX jit", _jax_network(X, Y, start, lr, hidden, loss)))
    if _have("pytensor"):
        out.append(("PyTensor (numba mode)", _pytensor_network(X, Y, start, lr, hidden, loss)))
    if _have("torch"):
        out.append(("torch (autograd)", _torch_network(X, Y, start, lr, hidden, loss)))
    return out


def _forward(xp, params, XT, hidden, softmax, sigmoid):
    (W1, b1), (W2, b2) = params
    Z1 = W1 @ XT + b1[:, None]
    A1 = sigmoid(Z1) if hidden == "sigmoid" else Z1
    Z2 = W2 @ A1 + b2[:, None]
    return softmax(Z2) if softmax is not None else Z2


def _jax_network(X, Y, start, lr, hidden, loss):
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    XT, YT = jnp.asarray(X.T), jnp.asarray(Y.T)
    m = len(X)
    soft = (lambda z: jax.nn.softmax(z, axis=0)) if loss == "cross_entropy" else None

    def J(params):
        out = _forward(jnp, params, XT, hidden, soft, jax.nn.sigmoid)
        if loss == "cross_entropy":
            return -jnp.sum(YT * jnp.log(jnp.clip(out, 1e-300, 1))) / m
        return 0.5 * jnp.sum((out - YT) ** 2) / m

    @jax.jit
    def step(params):
        v, g = jax.value_and_grad(J)(params)
        return v, jax.tree_util.tree_map(lambda p, d: p - lr * d, params, g)

    def run(steps):
        params = [(jnp.asarray(W), jnp.asarray(b)) for W, b in start]
        history = []
        for _ in range(steps + 1):
            v, new = step(params)
            history.append(float(v))
            params = new
        return history
    return run


def _pytensor_network(X, Y, start, lr, hidden, loss):
    import pytensor
    import pytensor.tensor as pt

    shared = [(pytensor.shared(W.copy()), pytensor.shared(b.copy())) for W, b in start]
    XT, YT = pt.constant(np.ascontiguousarray(X.T)), pt.constant(np.ascontiguousarray(Y.T))
    m = len(X)
    soft = (lambda z: pt.special.softmax(z, axis=0)) if loss == "cross_entropy" else None
    out = _forward(pt, shared, XT, hidden, soft, pt.sigmoid)
    if loss == "cross_entropy":
        J = -pt.sum(YT * pt.log(pt.clip(out, 1e-300, 1))) / m
    else:
        J = 0.5 * pt.sum((out - YT) ** 2) / m
    flat = [p for pair in shared for p in pair]
    grads = pt.grad(J, flat)
    step = pytensor.function([], J, updates=[(p, p - lr * g) for p, g in zip(flat, grads)],
                             mode="NUMBA")

    def run(steps):
        for (W, b), (W0, b0) in zip(shared, start):
            W.set_value(W0.copy())
            b.set_value(b0.copy())
        return [float(step()) for _ in range(steps + 1)]
    return run


def _torch_network(X, Y, start, lr, hidden, loss):
    import torch

    XT, YT = torch.from_numpy(np.ascontiguousarray(X.T)), torch.from_numpy(Y.T.copy())
    m = len(X)
    soft = (lambda z: torch.softmax(z, dim=0)) if loss == "cross_entropy" else None

    def run(steps):
        params = [(torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True))
                  for W, b in start]
        flat = [p for pair in params for p in pair]
        history = []
        for _ in range(steps + 1):
            out = _forward(torch, params, XT, hidden, soft, torch.sigmoid)
            if loss == "cross_entropy":
                v = -torch.sum(YT * torch.log(torch.clamp(out, 1e-300, 1))) / m
            else:
                v = 0.5 * torch.sum((out - YT) ** 2) / m
            v.backward()
            with torch.no_grad():
                for p in flat:
                    p -= lr * p.grad
                    p.grad = None
            history.append(v.item())
        return history
    return run
