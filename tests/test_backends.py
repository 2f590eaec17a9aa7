"""The fused backend (numba) runs the NumPy backend's formulas: parameters and history after
50 steps agree to 1e-12 relative on a formula model, the 2-3-1 network and a small MLP."""

import importlib.util
import os

import numpy as np
import pytest

from symgrad import (
    Dense,
    Model,
    Sequential,
    bce,
    cross_entropy,
    descend,
    mse,
    nn,
)


@pytest.fixture(scope="module", autouse=True)
def numba_installed():
    """Skip without numba, except in CI (SYMGRAD_REQUIRE_TOOLS), where that is a failure."""
    if importlib.util.find_spec("numba") is None:
        if os.environ.get("SYMGRAD_REQUIRE_TOOLS"):
            pytest.fail("numba is required in CI (pip install '.[fast]') but is not installed")
        pytest.skip("numba is not installed (pip install 'symgrad[fast]')")


RNG = np.random.default_rng(7)
X3 = RNG.uniform(-1, 1, size=(200, 3))
Y3 = 2 * X3[:, 0] - X3[:, 1] ** 2 + 0.5 * X3[:, 2] ** 3 + 3 + RNG.normal(0, 0.1, 200)
X2 = RNG.normal(size=(300, 2))
Y2 = (X2 @ [1.0, -2.0] + 0.5 + RNG.normal(0, 0.3, 300)).reshape(-1, 1)
XM = RNG.normal(size=(120, 6))
YM = np.eye(3)[(XM[:, 0] + XM[:, 1] > 0).astype(int) + (XM[:, 2] > 1)]


def assert_same(a, b):
    assert a.params.keys() == b.params.keys()
    for k in a.params:
        assert b.params[k] == pytest.approx(a.params[k], rel=1e-12, abs=1e-300), k
    assert len(a.history) == len(b.history) == 51
    np.testing.assert_allclose(b.history, a.history, rtol=1e-12, atol=0)


@pytest.mark.parametrize(("loss", "X", "y", "lr"), [
    (mse(Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs="x1,x2,x3")), X3, Y3, 0.3),
    (bce(Model("sigmoid(a*x1 + b*x2**2 + c*x3 + d)", inputs="x1,x2,x3")), X3,
     (Y3 > 3).astype(float), 1.0),
    (mse(Model(["a*x1 + b*x2 + w**2", "c*x3*x1 - a + 1"], inputs="x1,x2,x3")), X3,
     np.column_stack([Y3, Y3 / 2]), 0.2),
    (mse(Sequential(Dense(2, 3), Dense(3, 1))), X2, Y2, 0.05),
    (cross_entropy(Sequential(Dense(6, 5), nn.Sigmoid(), Dense(5, 3), nn.Softmax())), XM, YM, 0.5),
    (bce(Sequential(Dense(6, 4), nn.Tanh(), Dense(4, 1), nn.Sigmoid())), XM, YM[:, :1], 0.5),
    (mse(Model("relu(a*x1) + leaky_relu(b*x2) + elu(c*x3) + gelu(d) + abs(a - b)",
               inputs="x1,x2,x3")), X3, Y3, 0.1),
], ids=["watermelon", "logistic", "two-outputs", "2-3-1", "mlp-softmax", "mlp-tanh-bce",
        "kinks-and-erf"])
def test_numba_backend_equals_numpy_after_50_steps(loss, X, y, lr):
    reference = descend(loss, X, y, lr=lr, steps=50)
    fused = descend(loss, X, y, lr=lr, steps=50, backend="numba")
    assert_same(reference, fused)
    np.testing.assert_allclose(fused.predict(X[:5]), reference.predict(X[:5]), rtol=1e-12)


@pytest.mark.parametrize("hidden", [(nn.ReLU(), nn.ELU(), nn.GELU(), nn.LeakyReLU()),
                                    (nn.SiLU(), nn.Softplus(), nn.Tanh(), nn.Sigmoid())],
                         ids=["kinked", "smooth"])
def test_numba_backend_trains_every_activation_like_numpy(hidden):
    """Every hidden activation, its local derivative included, gives the NumPy backend's run
    (four hidden layers per network: one compile each)."""
    sizes = [6, 5, 5, 4, 4]
    layers = [x for k, act in enumerate(hidden) for x in (Dense(sizes[k], sizes[k + 1]), act)]
    loss = mse(Sequential(*layers, Dense(4, 1)))
    reference = descend(loss, XM, YM[:, :1], lr=0.3, steps=50, seed=3)
    assert_same(reference, descend(loss, XM, YM[:, :1], lr=0.3, steps=50, seed=3,
                                   backend="numba"))


def test_numba_backend_trains_layers_without_bias_like_numpy():
    """Dense(…, bias=False) anywhere, a single layer and a softmax output included."""
    for net in (Sequential(Dense(6, 4, bias=False), nn.ReLU(), Dense(4, 3), nn.Softmax()),
                Sequential(Dense(6, 3, bias=False), nn.Softmax())):
        loss = cross_entropy(net)
        reference = descend(loss, XM, YM, lr=0.5, steps=50)
        fused = descend(loss, XM, YM, lr=0.5, steps=50, backend="numba")
        assert_same(reference, fused)
        assert len(fused.params) == len(loss.params)


def test_numba_backend_with_a_callback_and_tol_stops_where_numpy_stops():
    loss = mse(Model("w*x + b", inputs="x"))
    X, y = X3[:, :1], Y3
    seen = {"numpy": [], "numba": []}
    fits = {b: descend(loss, X, y, lr=0.5, steps=500, tol=1e-9, backend=b,
                       callback=lambda k, J, b=b: seen[b].append((k, J)))
            for b in seen}
    assert fits["numba"].steps == fits["numpy"].steps < 500
    assert [k for k, _ in seen["numba"]] == [k for k, _ in seen["numpy"]]
    quiet = descend(loss, X, y, lr=0.5, steps=500, tol=1e-9, backend="numba")
    assert quiet.steps == fits["numpy"].steps
    np.testing.assert_allclose(quiet.history, fits["numpy"].history, rtol=1e-12)


def test_numba_backend_names_divergence_and_causes_like_numpy():
    from symgrad import DivergenceError
    from symgrad.errors import NumericError

    with pytest.raises(DivergenceError, match="smaller learning rate than 3"):
        descend(mse(Model("w*x", inputs="x")), [[1], [2]], [1, 2], lr=3, steps=3000,
                backend="numba")
    with pytest.raises(NumericError, match="overflow in exp: exp\\(w\\*x\\) with w\\*x = 800"):
        descend(mse(Model("exp(w*x)", inputs="x")), [[1], [2]], [1, 2], lr=0.1, steps=5,
                init={"w": 400}, backend="numba")


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="backend must be one of numpy, numba, not 'jax'"):
        descend(mse(Model("w*x", inputs="x")), [[1]], [1], lr=0.1, steps=1, backend="jax")


def test_fit_command_takes_the_backend(cli, tmp_path):
    """`symgrad fit --backend numba` prints the NumPy backend's table, digit for digit."""
    data = tmp_path / "melons.csv"
    data.write_text("x1,x2,x3,y\n" + "\n".join(
        ",".join(map(repr, row)) for row in np.column_stack([X3, Y3]).tolist()) + "\n")
    outputs = {}
    for backend in ("numpy", "numba"):
        code, outputs[backend], _ = cli("fit", "a*x1 + b*x2**2 + c*x3**3 + d", "--inputs",
                                        "x1,x2,x3", "--data", str(data), "--lr", "0.3",
                                        "--steps", "200", "--no-progress", "--backend", backend)
        assert code == 0
    assert outputs["numba"] == outputs["numpy"]
    assert outputs["numpy"].splitlines()[5].startswith("loss J after 200 steps: ")
