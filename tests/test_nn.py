"""Networks, scalar view: layers, names, and the article's 2-3-1 expansion."""

import pytest
import sympy
from sympy import Matrix, exp, tanh

from symgrad import (
    Dense,
    Identity,
    ReLU,
    Sequential,
    Sigmoid,
    Softmax,
    Tanh,
    derive,
    mse,
    relu,
    sigmoid,
)
from tests.conftest import real


def test_dense_weights_and_biases_are_named_by_layer_unit_input():
    """W[j, k] of layer l is W{l}_{j}_{k}; b[j] is b{l}_{j}; shapes (n_out, n_in) and (n_out, 1)."""
    layer = Sequential(Dense(3, 2), Dense(2, 4)).dense[1]
    assert layer.W.shape == (4, 2) and layer.b.shape == (4, 1)
    assert layer.W[2, 1] == real("W2_3_2,")[0]
    assert layer.b[3] == real("b2_4,")[0]
    assert Dense(2, 2, bias=False).b is None


def test_article_two_three_one_network_expands_exactly():
    """§1: the linear 2-3-1 network is Y = (X1·W11 + X2·W21)·W31 + (…)·W32 + (…)·W33."""
    net = Sequential(Dense(2, 3, bias=False), Dense(3, 1, bias=False))
    x1, x2 = real("x1 x2")
    W = {f"{i}{j}": real(f"W{i}{j},")[0] for i in "123" for j in "123"}
    # The article's W_{i-j}: input i into node j for the first layer, node j into Y after it.
    article = {W[f"{i}{j}"]: real(f"W1_{j}_{i},")[0] for i in "12" for j in "123"}
    article.update({W[f"3{j}"]: real(f"W2_1_{j},")[0] for j in "123"})
    Y = ((x1 * W["11"] + x2 * W["21"]) * W["31"] + (x1 * W["12"] + x2 * W["22"]) * W["32"]
         + (x1 * W["13"] + x2 * W["23"]) * W["33"])
    assert net.model().expr == Y.xreplace(article)
    assert str(net.model().expr) == (
        "W2_1_1*(W1_1_1*x1 + W1_1_2*x2) + W2_1_2*(W1_2_1*x1 + W1_2_2*x2) "
        "+ W2_1_3*(W1_3_1*x1 + W1_3_2*x2)"
    )


def test_model_of_a_network_lists_inputs_and_parameters():
    """net.model() reads x1 … xn and has every weight and bias as a parameter, layer by layer."""
    model = Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1)).model()
    assert model.inputs == real("x1 x2")
    assert [p.name for p in model.params] == [
        "W1_1_1", "W1_1_2", "W1_2_1", "W1_2_2", "b1_1", "b1_2", "W2_1_1", "W2_1_2", "b2_1"]


@pytest.mark.parametrize(
    ("activation", "phi"),
    [(Sigmoid(), sigmoid), (Tanh(), tanh), (ReLU(), relu), (Identity(), lambda u: u)],
)
def test_elementwise_activations(activation, phi):
    """Each activation applies its function to every unit."""
    z1, z2 = real("z1 z2")
    assert activation.apply(Matrix([z1, z2])) == Matrix([phi(z1), phi(z2)])


def test_softmax_outputs_sum_to_one():
    """Softmax gives e^{zⱼ}/Σₖ e^{zₖ}, which sums to 1."""
    z = Matrix(real("z1 z2 z3"))
    p = Softmax().apply(z)
    assert p[1] == exp(z[1]) / (exp(z[0]) + exp(z[1]) + exp(z[2]))
    assert sympy.simplify(sum(p) - 1) == 0


def test_multi_output_network_model_is_a_matrix():
    """A network with k outputs has a k × 1 Matrix as its scalar view."""
    model = Sequential(Dense(2, 3), Softmax()).model()
    assert model.expr.shape == (3, 1)
    assert model.outputs == 3


@pytest.mark.parametrize(
    ("layers", "message"),
    [
        ((Dense(2, 3), Dense(2, 1)), "gives 3 outputs but the next Dense"),
        ((Dense(2, 3), Sigmoid(), Tanh()), "two activations in a row"),
        ((Sigmoid(), Dense(2, 1)), "starts with a Dense layer"),
        ((), "starts with a Dense layer"),
    ],
)
def test_inconsistent_networks_are_refused(layers, message):
    """Mismatched sizes and misplaced activations are refused with a message that says why."""
    with pytest.raises(ValueError, match=message):
        Sequential(*layers)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_layer_sizes_must_be_positive_whole_numbers(bad):
    """Dense(n_in, n_out) needs whole numbers ≥ 1."""
    with pytest.raises(ValueError, match="whole number"):
        Dense(bad, 2)


def test_scalar_view_gradient_of_a_tiny_network():
    """For Y = W2·σ(W1·x), ∂ℓ/∂W1 = (f − y)·W2·σ′(W1·x)·x exactly."""
    loss = mse(Sequential(Dense(1, 1, bias=False), Sigmoid(), Dense(1, 1, bias=False)))
    W1, W2, x1, y = real("W1_1_1 W2_1_1 x1 y")
    s = sigmoid(W1 * x1)
    expected = (W2 * s - y) * W2 * s * (1 - s) * x1
    assert sympy.simplify(derive(loss).gradient[W1] - expected) == 0


def test_wide_networks_never_build_the_scalar_expression():
    """A wide network is derived in the index form, never through its scalar expression, with an
    L2 penalty on its weights too; a weight asked for by name is expanded along its own path."""
    loss = mse(Sequential(Dense(64, 32), Sigmoid(), Dense(32, 1)))
    assert type(derive(loss)).__name__ == "IndexDerivation"
    assert "expr" not in vars(loss.model), "the index form must not build the scalar expression"
    decayed = mse(Sequential(Dense(64, 32), Sigmoid(), Dense(32, 1)), l2=1)
    assert type(derive(decayed)).__name__ == "IndexDerivation"
    assert "expr" not in vars(decayed.model)
    one = derive(loss, wrt="W2_1_3")
    assert list(one.gradient) == [sympy.Symbol("W2_1_3", real=True)]
    assert "expr" not in vars(loss.model), "one weight must not build the whole forward pass"
