"""A layer handle is the network's layer: after Sequential(l1, Sigmoid(), l2), l2.W names the
weights the network uses (as in PyTorch and Keras), and reusing a layer where it would rename
another network's weights is a clear error."""

from __future__ import annotations

import numpy as np
import pytest

from symgrad import Dense, Sequential, Sigmoid, Tanh, bce, descend, mse
from symgrad.parsing import symbol


def test_a_handle_names_the_networks_weights():
    """l2.W is W2_… once l2 is the network's second Dense layer, and its entries are params."""
    l1, l2 = Dense(2, 3), Dense(3, 1)
    net = Sequential(l1, Sigmoid(), l2)
    assert l2.W[0, 0] == symbol("W2_1_1") and l2.b[0] == symbol("b2_1")
    assert l1.W[2, 1] == symbol("W1_3_2")
    assert set(l2.params) <= set(net.params) and net.dense == (l1, l2)


def test_fit_params_are_found_by_the_handles():
    """fit.params[str(l2.W[0, 0])] is the trained second-layer weight, not the first layer's."""
    l1, l2 = Dense(2, 2), Dense(2, 1)
    loss = bce(Sequential(l1, Tanh(), l2, Sigmoid()))
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    fit = descend(loss, X, [0, 1, 1], lr=0.5, steps=3, seed=0)
    W1, _ = fit.arrays[0]
    W2, _ = fit.arrays[1]
    assert fit.params[str(l2.W[0, 1])] == W2[0, 1]
    assert fit.params[str(l1.W[1, 0])] == W1[1, 0]


def test_pytorch_finds_the_same_weights_by_handle():
    """Three steps of PyTorch SGD on the same 2-3-1 network: each weight, looked up by its
    layer's handle, is the one PyTorch trained."""
    torch = pytest.importorskip("torch")
    l1, l2 = Dense(2, 3), Dense(3, 1)
    loss = mse(Sequential(l1, Tanh(), l2, Sigmoid()))
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(5, 2)), rng.integers(0, 2, 5).astype(float)
    arrays = [rng.normal(size=(3, 2)), rng.normal(size=3), rng.normal(size=(1, 3)),
              rng.normal(size=1)]
    init = {str(s): v for layer, (W, b) in ((l1, arrays[:2]), (l2, arrays[2:]))
            for s, v in [*zip(layer.W, W.ravel()), *zip(layer.b, b)]}
    fit = descend(loss, X, Y, lr=0.3, steps=3, init=init)
    t = [torch.tensor(a, requires_grad=True) for a in arrays]
    opt = torch.optim.SGD(t, lr=0.3)
    for _ in range(3):
        opt.zero_grad()
        out = torch.sigmoid(torch.tanh(torch.tensor(X) @ t[0].T + t[1]) @ t[2].T + t[3])[:, 0]
        (0.5 * ((out - torch.tensor(Y)) ** 2).mean()).backward()
        opt.step()
    assert [fit.params[str(s)] for s in l2.W] == pytest.approx(
        t[2].detach().numpy().ravel().tolist(), rel=1e-10)
    assert [fit.params[str(s)] for s in l1.W] == pytest.approx(
        t[0].detach().numpy().ravel().tolist(), rel=1e-10)


def test_one_layer_twice_is_a_clear_error():
    """Tied weights are not supported: the same Dense object twice is refused."""
    shared = Dense(2, 2)
    with pytest.raises(ValueError, match=r"Dense\(2, 2\) appears twice in this network "
                                         r"\(as layer 2\); tied weights are not supported"):
        Sequential(shared, Sigmoid(), shared)


def test_a_layer_of_another_network_keeps_its_names():
    """A layer numbered 1 by a living network cannot become layer 2 elsewhere; in the same
    place it may (the same names), and once that network is gone it is free again."""
    shared = Dense(2, 2)
    first = Sequential(shared, Sigmoid(), Dense(2, 1))
    with pytest.raises(ValueError, match="is layer 1 of another network"):
        Sequential(Dense(2, 2), Sigmoid(), shared)
    assert Sequential(shared, Tanh(), Dense(2, 3)).params[0] == first.params[0]
    del first
    import gc

    gc.collect()
    Sequential(Dense(2, 2), Sigmoid(), shared)
    assert shared.W[0, 0] == symbol("W2_1_1")


def test_a_network_pickles_with_its_layers():
    """The layer's link to its network is weak and not pickled (budgets send networks)."""
    import pickle

    net = Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1))
    back = pickle.loads(pickle.dumps(net))
    assert back.params == net.params
