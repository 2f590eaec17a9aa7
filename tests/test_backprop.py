"""The vector view: backprop agrees with the scalar view, central differences and PyTorch."""

import numpy as np
import pytest
import sympy

from symgrad import (
    Dense,
    Sequential,
    backprop,
    bce,
    cross_entropy,
    derive,
    descend,
    mae,
    mse,
    nn,
)
from symgrad.calculus.backprop import LocalRule
from tests.conftest import central_difference, real

SMALL = {
    "sigmoid-mse": lambda: mse(Sequential(Dense(2, 2), nn.Sigmoid(), Dense(2, 1))),
    "tanh-sigmoid-bce": lambda: bce(Sequential(Dense(2, 2), nn.Tanh(), Dense(2, 1), nn.Sigmoid())),
    "softmax-ce": lambda: cross_entropy(Sequential(Dense(2, 2), nn.Sigmoid(), Dense(2, 2),
                                                   nn.Softmax())),
    "linear-2-3-1": lambda: mse(Sequential(Dense(2, 3, bias=False), Dense(3, 1, bias=False))),
    "two-hidden-mae": lambda: mae(Sequential(Dense(1, 2), nn.Tanh(), Dense(2, 2), nn.Sigmoid(),
                                             Dense(2, 1))),
}


@pytest.mark.parametrize("name", ["sigmoid-mse", "tanh-sigmoid-bce", "linear-2-3-1"])
def test_views_agree_symbolically(name):
    """On small networks every entry of the vector view equals the scalar view's gradient."""
    loss = SMALL[name]()
    scalar, vector = derive(loss).gradient, backprop(loss).symbolic()
    assert set(scalar) == set(vector)
    for p in scalar:
        assert sympy.simplify((scalar[p] - vector[p]).rewrite(sympy.exp)) == 0, p


def test_softmax_views_agree_for_one_hot_labels():
    """With softmax and cross-entropy the views agree once the labels are one-hot (y1 + y2 = 1)."""
    loss = SMALL["softmax-ce"]()
    y1, y2 = real("y1 y2")
    scalar, vector = derive(loss).gradient, backprop(loss).symbolic()
    for p in scalar:
        difference = (scalar[p] - vector[p]).xreplace({y2: 1 - y1})
        assert sympy.simplify(difference) == 0, p


def _random_params(net, rng):
    return [[rng.normal(size=(d.n_out, d.n_in)), rng.normal(size=d.n_out) if d.bias else None]
            for d in net.dense]


def _flatten(net, params):
    values = {}
    for d, (W, b) in zip(net.dense, params):
        values.update(zip(d.W, W.ravel()))
        if b is not None:
            values.update(zip(d.b, b))
    return values


@pytest.mark.parametrize("name", sorted(SMALL))
def test_views_agree_numerically_and_with_central_differences(name):
    """At random weights and a batch of samples: vector view = scalar view = central differences."""
    loss = SMALL[name]()
    net = loss.model.network
    rng = np.random.default_rng(3)
    params = _random_params(net, rng)
    X = rng.uniform(-1, 1, (5, net.n_inputs))
    Y = np.eye(net.n_outputs)[rng.integers(0, net.n_outputs, 5)] if net.n_outputs > 1 else (
        rng.uniform(0.1, 0.9, (5, 1)))
    grads, _, _ = backprop(loss).run(params, X, Y)
    values = _flatten(net, params)
    symbols = list(values)
    data = (*net.inputs, *loss.targets)
    scalar = derive(loss).gradient
    grad_fn = sympy.lambdify([symbols, data], [scalar[p] for p in symbols], modules="numpy")
    J_fn = sympy.lambdify([symbols, data], loss.sample, modules="numpy")
    cols = [*X.T, *Y.T]
    point = np.array([values[p] for p in symbols])
    expected = np.array([np.mean(np.broadcast_to(g, (5,))) for g in grad_fn(point, cols)])
    ours = np.concatenate([g.ravel() for pair in grads for g in pair if g is not None])
    assert np.allclose(ours, expected, rtol=1e-10, atol=1e-12)
    fd = central_difference(lambda v: np.mean(J_fn(v, cols)), point)
    assert np.allclose(ours, fd, atol=1e-6)


def test_pytorch_autograd_agrees_on_a_random_network():
    """Where PyTorch is importable, its autograd gives the same ∂J/∂W (skipped otherwise)."""
    torch = pytest.importorskip("torch")
    net = Sequential(Dense(3, 4), nn.Tanh(), Dense(4, 3), nn.Softmax())
    loss = cross_entropy(net)
    rng = np.random.default_rng(5)
    params = _random_params(net, rng)
    X = rng.normal(size=(7, 3))
    Y = np.eye(3)[rng.integers(0, 3, 7)]
    grads, _, _ = backprop(loss).run(params, X, Y)
    tp = [[torch.tensor(a, requires_grad=True) for a in pair] for pair in params]
    z1 = torch.tensor(X) @ tp[0][0].T + tp[0][1]
    z2 = torch.tanh(z1) @ tp[1][0].T + tp[1][1]
    J = -(torch.tensor(Y) * torch.log_softmax(z2, dim=1)).sum(dim=1).mean()
    J.backward()
    for pair, tpair in zip(grads, tp):
        for g, t in zip(pair, tpair):
            assert np.allclose(g, t.grad.numpy(), rtol=1e-10)


@pytest.mark.parametrize(
    ("activation", "derivative"),
    [(nn.Sigmoid(), "a*(1 - a)"), (nn.Tanh(), "1 - a**2"), (nn.ReLU(), "Heaviside(u, 0)")],
)
def test_local_derivatives_are_derived_with_steps(activation, derivative):
    """φ′ is derived by the rules (with steps) and rewritten in a = φ(u) where it can be."""
    rule = LocalRule.of(activation)
    assert str(rule.in_a) == derivative
    assert rule.steps.rule in {"sigmoid", "tanh", "relu"}


@pytest.mark.parametrize(
    ("loss", "delta"),
    [
        (lambda n: bce(n), "a - y"),
        (lambda n: mse(n), "a*(1 - a)*(a - y)"),
    ],
)
def test_output_delta_is_derived_from_loss_and_activation(loss, delta):
    """δ⁽ᴸ⁾ = ∂ℓ/∂a ⊙ σ′(z): bce after a sigmoid simplifies to a − y, mse does not."""
    net = Sequential(Dense(2, 1), nn.Sigmoid())
    assert str(backprop(loss(net)).output.delta) == delta


def test_softmax_cross_entropy_delta_is_p_minus_y():
    """For softmax with cross-entropy, δ = p − y comes out of the derivation (with its steps)."""
    d = backprop(cross_entropy(Sequential(Dense(2, 3), nn.Softmax())))
    assert str(d.output.delta) == "a - y"
    assert d.output.softmax_steps is not None
    assert "\n  δ⁽¹⁾ = a⁽¹⁾ − y   softmax with cross-entropy\n" in d.text()


def test_softmax_with_mse_is_refused_clearly():
    """Softmax outputs are trained with cross-entropy; another loss is refused with a reason."""
    with pytest.raises(ValueError, match="softmax output is trained with cross_entropy"):
        backprop(mse(Sequential(Dense(2, 3), nn.Softmax())))


def test_text_and_latex_show_the_delta_recursion():
    """text() and latex() show the forward pass, δ with ⊙ and transposes, and the gradients."""
    d = backprop(mse(Sequential(Dense(2, 3), nn.Sigmoid(), Dense(3, 1))))
    text = d.text()
    lines = text.splitlines()
    assert lines[2:4] == ["  z⁽¹⁾ = W⁽¹⁾·a⁽⁰⁾ + b⁽¹⁾   W is 3 × 2",
                          "  a⁽¹⁾ = σ(z⁽¹⁾)   entry by entry"]
    assert "  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ·δ⁽ˡ⁺¹⁾) ⊙ φ′(z⁽ˡ⁾)   l = L − 1, …, 1" in lines
    assert "  ∂/∂u[σ(u)] = (1 − σ(u))·σ(u) = a·(1 − a)" in lines
    latex = d.latex()
    assert r"\left(W^{(l+1)}\right)^{\mathsf T} \delta^{(l+1)} \odot" in latex


def test_backprop_never_builds_the_scalar_view():
    """Deriving the vector view of a wide network does not build its scalar expression."""
    loss = cross_entropy(Sequential(Dense(640, 320), nn.Sigmoid(), Dense(320, 100), nn.Softmax()))
    backprop(loss)
    assert "expr" not in vars(loss.model)


def test_backprop_needs_a_network():
    """backprop of a formula's loss is a TypeError that points to derive."""
    from symgrad import Model

    with pytest.raises(TypeError, match="use derive"):
        backprop(mse(Model("w*x", inputs="x")))


def test_training_a_network_learns_xor():
    """descend trains a 2-4-1 tanh/sigmoid network on XOR to a small loss, reproducibly."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0], dtype=float)
    loss = bce(Sequential(Dense(2, 4), nn.Tanh(), Dense(4, 1), nn.Sigmoid()))
    fit = descend(loss, X, y, lr=1.0, steps=2000, seed=1)
    again = descend(loss, X, y, lr=1.0, steps=2000, seed=1)
    assert fit.history == again.history
    assert fit.history[-1] < 0.05
    assert ((fit.predict(X) > 0.5) == (y == 1)).all()
    assert len(fit.params) == len(loss.params)


@pytest.mark.parametrize("activation", [nn.Sigmoid(), nn.Tanh(), nn.ReLU(), nn.LeakyReLU(),
                                        nn.ELU(), nn.SiLU(), nn.GELU(), nn.Softplus()],
                         ids=lambda a: a.name)
def test_network_history_matches_the_scalar_view(activation):
    """The first steps of vector-view training (generated NumPy code) equal the scalar view's
    lambdified descent, for every hidden activation."""
    loss = mse(Sequential(Dense(2, 2), activation, Dense(2, 1)))
    rng = np.random.default_rng(0)
    X, y = rng.uniform(-1, 1, (6, 2)), rng.uniform(-1, 1, 6)
    fit = descend(loss, X, y, lr=0.5, steps=3)
    grad = derive(loss).gradient
    values = {sympy.Symbol(k, real=True): v for k, v in
              descend(loss, X, y, lr=0.5, steps=0).params.items()}
    params = list(values)
    fn = sympy.lambdify([params, (*loss.model.inputs, *loss.targets)],
                        [grad[p] for p in params])
    J = sympy.lambdify([params, (*loss.model.inputs, *loss.targets)], loss.sample)
    theta = np.array([values[p] for p in params])
    for k in range(3):
        assert fit.history[k] == pytest.approx(np.mean(J(theta, [*X.T, y])), rel=1e-12)
        theta = theta - 0.5 * np.array([np.mean(g) for g in fn(theta, [*X.T, y])])


def test_init_overrides_named_weights_and_refuses_unknown_names():
    """init sets any subset of weights by name; a name outside the network is refused."""
    loss = mse(Sequential(Dense(1, 1), Dense(1, 1)))
    fit = descend(loss, [[1.0]], [1.0], lr=0.1, steps=0, init={"W1_1_1": 2, "b2_1": -1})
    assert fit.params["W1_1_1"] == 2 and fit.params["b2_1"] == -1
    for bad in ("W3_1_1", "W1_2_1", "w1", "b1_0"):
        with pytest.raises(ValueError, match="not a parameter of this network"):
            descend(loss, [[1.0]], [1.0], lr=0.1, steps=0, init={bad: 1})


def test_training_a_wide_network_builds_no_symbol_per_weight(monkeypatch):
    """Set-up and the result read the arrays: Dense.W (a SymPy symbol per weight) is never built,
    and Fit.params names every weight and bias with its trained value, in order."""
    def refuse(self):
        raise AssertionError("Dense.W built during training")

    monkeypatch.setattr(Dense, "W", property(refuse))
    rng = np.random.default_rng(0)
    X, Y = rng.uniform(0, 1, (20, 64)), np.eye(10)[rng.integers(0, 10, 20)]
    net = Sequential(Dense(64, 512), nn.Sigmoid(), Dense(512, 10), nn.Softmax())
    fit = descend(cross_entropy(net), X, Y, lr=0.5, steps=2)
    (W1, b1), (W2, b2) = fit.arrays
    assert len(fit.params) == 64 * 512 + 512 + 512 * 10 + 10 == len(list(fit.params))
    assert fit.params["W1_3_5"] == W1[2, 4] and fit.params["b2_10"] == b2[9]
    assert fit.params["W2_10_512"] == W2[9, 511]
    names = list(fit.params)
    assert names[:2] == ["W1_1_1", "W1_1_2"] and names[-1] == "b2_10"
    assert names.index("b1_1") == 64 * 512 and names.index("W2_1_1") == 64 * 512 + 512
    for bad in ("W0_1_1", "W3_1_1", "W1_513_1", "b1_0", "b1_1_1", "W1_1"):
        assert bad not in fit.params
        with pytest.raises(KeyError):
            fit.params[bad]
    assert dict(fit.params.items()) == fit.params
