"""gradient_algebra (named steps from the chain product to the gradient) and network_chain."""

import random

import pytest
import sympy
from hypothesis import given, settings, strategies
from sympy import Derivative, Rational

from symgrad import (
    Dense,
    Model,
    Sequential,
    Sigmoid,
    Softmax,
    Tanh,
    backprop,
    bce,
    cross_entropy,
    derive,
    mae,
    mse,
    sigmoid,
)
from symgrad.calculus.algebra import AlgebraStep, confirm_equal, gradient_algebra
from symgrad.calculus.chain import ELL, deltas, network_chain
from symgrad.parsing.core import symbol

w, b, x, y, z, f = (symbol(n) for n in ("w", "b", "x", "y", "z", "f"))
x1, x2 = symbol("x1"), symbol("x2")
s = sigmoid(z)


def names_of(steps):
    """Every (name, meaning) pair the steps' details introduce, later definitions first."""
    pairs = [pair for st in steps if st.rule == "substitute" for pair in st.detail]
    return {k: v for k, v in pairs if isinstance(k, sympy.Symbol)}


def numeric(expr, names, point):
    """``expr`` at ``point`` (30 digits) after evaluating derivatives and unfolding names."""
    for _ in range(6):
        variables = {v for d in expr.atoms(Derivative) for v in d.variables}
        expr = expr.xreplace({k: v for k, v in names.items() if k not in variables})
        expr = expr.doit()
    for _ in range(6):
        expr = expr.xreplace(names)
    return sympy.N(expr.xreplace(point), 30)


def assert_every_step_true(steps, variables, one_hot=None):
    """Independent oracle: each step's two sides agree at random points, to 25 digits."""
    names = names_of(steps)
    rng = random.Random(7)
    for st in steps:
        for _ in range(3):
            point = {v: Rational(rng.randint(-20, 20), rng.randint(1, 9)) for v in variables}
            if st.rule == "one-hot labels":
                point.update(one_hot(point))
            left, right = numeric(st.before, names, point), numeric(st.after, names, point)
            assert abs(left - right) < 1e-25 * (1 + abs(left)), (st.rule, left, right)


def test_logistic_regression_w_every_step_exactly():
    """BCE after σ: the five named steps a teacher writes, then z put back, exactly."""
    loss = bce(Model("sigmoid(w*x + b)", inputs="x"))
    d = derive(loss)
    steps = gradient_algebra(d, "w")
    outer = -y / f - (y - 1) / (1 - f)
    bracket = -y * (1 - s) - (y - 1) * s
    assert [(st.before, st.after, st.rule, st.detail) for st in steps] == [
        (outer * Derivative(s, z) * x, outer.subs(f, s) * Derivative(s, z) * x, "substitute",
         ((f, s), (z, b + w * x))),
        (outer.subs(f, s) * Derivative(s, z) * x, outer.subs(f, s) * s * (1 - s) * x,
         "sigmoid derivative", ((Derivative(s, z), s * (1 - s)),)),
        (outer.subs(f, s) * s * (1 - s) * x, steps[2].after, "common denominator", ()),
        (steps[2].after, x * bracket, "cancel", ()),
        (x * bracket, x * (s - y), "expand", ()),
        (x * (s - y), x * (sigmoid(b + w * x) - y), "substitute", ((z, b + w * x),)),
    ]
    # The common denominator is written out, not cancelled by SymPy behind the reader's back.
    assert str(steps[2].after) == ("x*((-y*(1 - sigmoid(z)) - (y - 1)*sigmoid(z))/"
                                   "((1 - sigmoid(z))*sigmoid(z)))*(1 - sigmoid(z))*sigmoid(z)")
    assert steps[-1].after == d.gradient[w]
    assert sympy.simplify((steps[-1].after - sympy.diff(loss.sample, w)).rewrite(sympy.exp)) == 0
    assert_every_step_true(steps, [w, b, x, y])


def test_logistic_regression_b_has_no_input_factor():
    """∂ℓ/∂b: the same route with ∂z/∂b = 1, ending at σ(b + w·x) − y."""
    d = derive(bce(Model("sigmoid(w*x + b)", inputs="x")))
    steps = gradient_algebra(d, b)
    assert steps[0].before == (-y / f - (y - 1) / (1 - f)) * Derivative(s, z)
    assert steps[-2].after == s - y
    assert steps[-1].after == d.gradient[b] == sigmoid(b + w * x) - y


def test_argument_already_a_symbol_is_not_renamed():
    """σ(w) needs no z: the route has no substitution back."""
    d = derive(bce(Model("sigmoid(w)", inputs="x", params=["w"])))
    steps = gradient_algebra(d, w)
    assert [st.rule for st in steps] == [
        "substitute", "sigmoid derivative", "common denominator", "cancel", "expand"]
    assert steps[0].detail == ((f, sigmoid(w)),)
    assert steps[-1].after == sigmoid(w) - y == d.gradient[w]


@pytest.mark.parametrize("model, p, product, gradient", [
    ("w*x + b", "w", x * (f - y), x * (b + w * x - y)),
    ("w*x + b", "b", f - y, b + w * x - y),
    ("w*x**2 + b", "w", x**2 * (f - y), x**2 * (b + w * x**2 - y)),
])
def test_mse_is_f_minus_y_times_df(model, p, product, gradient):
    """MSE: (f − y)·∂f/∂p, and one substitution gives the printed gradient."""
    loss = mse(Model(model, inputs="x"))
    d = derive(loss)
    steps = gradient_algebra(d, p)
    assert [(st.before, st.after, st.rule) for st in steps] == [(product, gradient, "substitute")]
    assert steps[0].detail == ((f, loss.model.expr),)
    assert sympy.expand(gradient - sympy.diff(loss.sample, symbol(p))) == 0


def test_mse_after_sigmoid_keeps_the_sigmoid_factor():
    """MSE after σ: nothing cancels; the σ′ factor stays, z goes back in."""
    d = derive(mse(Model("sigmoid(w*x + b)", inputs="x")))
    steps = gradient_algebra(d, w)
    assert [st.rule for st in steps] == ["substitute", "sigmoid derivative", "substitute"]
    assert steps[1].after == x * (s - y) * s * (1 - s)
    assert steps[-1].after == d.gradient[w]


def test_tanh_model_names_its_derivative():
    """tanh is an activation too: 'tanh derivative' with 1 − tanh²."""
    d = derive(mse(Model("tanh(w*x)", inputs="x")))
    steps = gradient_algebra(d, w)
    assert steps[1].rule == "tanh derivative"
    assert steps[1].detail == ((Derivative(sympy.tanh(z), z), 1 - sympy.tanh(z) ** 2),)
    assert steps[-1].after == d.gradient[w]
    assert_every_step_true(steps, [w, x, y])


def test_softmax_cross_entropy_reaches_p_minus_y():
    """Softmax + cross-entropy: p₁ − y₁ times ∂z₁/∂W, line by line, one-hot labels last."""
    net = Sequential(Dense(2, 2), Softmax())
    loss = cross_entropy(net)
    d = derive(loss)
    steps = gradient_algebra(d, "W1_1_1")
    p1, p2, z1, z2, y1, y2, f1, f2 = (symbol(n) for n in ("p1", "p2", "z1", "z2", "y1", "y2",
                                                           "f1", "f2"))
    assert [st.rule for st in steps] == [
        "substitute", "softmax derivative", "cancel", "collect", "one-hot labels"]
    assert steps[0].before == x1 * (-y1 / f1 * Derivative(p1, z1) - y2 / f2 * Derivative(p2, z1))
    assert steps[0].detail[:4] == ((f1, p1), (f2, p2),
                                   (p1, sympy.exp(z1) / (sympy.exp(z1) + sympy.exp(z2))),
                                   (p2, sympy.exp(z2) / (sympy.exp(z1) + sympy.exp(z2))))
    assert steps[1].detail == ((Derivative(p1, z1), p1 * (1 - p1)),
                               (Derivative(p2, z1), -p1 * p2))
    assert str(steps[1].after) == "x1*(-y2*(-p1*p2)/p2 - y1*p1*(1 - p1)/p1)"  # not yet cancelled
    assert steps[2].after == x1 * (p1 * y2 - y1 * (1 - p1))
    assert steps[3].after == x1 * (p1 * (y1 + y2) - y1)
    assert steps[4].after == x1 * (p1 - y1)
    assert steps[4].detail == ((y1 + y2, 1),)
    # The collected form is the scalar view's gradient, whatever the labels.
    names = names_of(steps)
    assert confirm_equal(steps[3].after, d.gradient[symbol("W1_1_1")], names)
    oracle = sympy.diff(loss.sample, symbol("W1_1_1"))
    assert_every_step_true((*steps, AlgebraStep(steps[3].after, oracle, "oracle")),
                           [*net.params, x1, x2, y1, y2],
                           one_hot=lambda pt: {y2: 1 - pt[y1]})


def test_softmax_bias_of_second_unit():
    """∂ℓ/∂b₂ = p₂ − y₂: the bias route needs no input factor."""
    d = derive(cross_entropy(Sequential(Dense(2, 2), Softmax())))
    steps = gradient_algebra(d, "b1_2")
    assert steps[-1].after == symbol("p2") - symbol("y2")


def test_network_bce_ends_at_the_printed_gradient():
    """2-2-1 sigmoid network: the named route, then a rearrangement to the printed form."""
    d = derive(bce(Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())))
    for p in ("W1_1_1", "W2_1_1"):
        steps = gradient_algebra(d, p)
        assert steps[1].rule == "sigmoid derivative"
        assert steps[-1].after == d.gradient[symbol(p)]
        assert len(steps) <= 7
        assert all(st.rule != "simplify" for st in steps)


def test_formula_derivation_closes_with_factor():
    """A plain formula: the rules' sum becomes the printed factored form."""
    d = derive("x**2*(x + 1)")
    assert gradient_algebra(d, "x") == (
        AlgebraStep(x**2 + 2 * x * (x + 1), x * (3 * x + 2), "factor"),)
    assert gradient_algebra(derive("3*x + 1"), "x") == ()


def test_mae_falls_back_honestly():
    """mae: a sign() factor no named rule handles is still shown as a true step."""
    d = derive(mae(Model("w*x", inputs="x")))
    steps = gradient_algebra(d, w)
    assert steps[-1].after == d.gradient[w]
    assert_every_step_true(steps, [w, x, y])


def test_unknown_parameter_is_refused():
    """Asking for a variable the derivation does not have is a clear error."""
    d = derive(mse(Model("w*x", inputs="x")))
    with pytest.raises(ValueError, match="q is not one of the derivation's variables"):
        gradient_algebra(d, "q")


def test_confirm_refuses_a_false_step():
    """confirm is not a rubber stamp: x·(σ − y) is not x·(y − σ)."""
    assert not confirm_equal(x * (s - y), x * (y - s))
    assert confirm_equal(x * (s - y), x * s - x * y)
    assert not confirm_equal(z, b + w * x + 1, {z: b + w * x})


# --- network_chain ------------------------------------------------------------------------------

a11, a12, a21, z11, z12, z21 = (symbol(n) for n in ("a1_1", "a1_2", "a2_1", "z1_1", "z1_2",
                                                    "z2_1"))
W111, W112, W211, W212, b11, b21 = (symbol(n) for n in ("W1_1_1", "W1_1_2", "W2_1_1",
                                                        "W2_1_2", "b1_1", "b2_1"))


def D(a, b):  # noqa: N802 - ∂a/∂b
    return Derivative(a, b, evaluate=False)


def test_chain_of_a_2_2_1_sigmoid_network_exactly():
    """2-2-1 σ network with BCE: names, the five factors of ∂ℓ/∂W⁽¹⁾₁₁, three of ∂ℓ/∂W⁽²⁾₁₁."""
    net = Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())
    loss = bce(net)
    c = network_chain(loss)
    assert c.definitions == (
        (z11, W111 * x1 + W112 * x2 + b11), (symbol("z1_2"), symbol("W1_2_1") * x1
                                             + symbol("W1_2_2") * x2 + symbol("b1_2")),
        (a11, sigmoid(z11)), (a12, sigmoid(z12)),
        (z21, W211 * a11 + W212 * a12 + b21), (a21, sigmoid(z21)))
    assert c.ell == -y * sympy.log(a21) - (1 - y) * sympy.log(1 - a21)
    dl = -y / a21 - (y - 1) / (1 - a21)
    assert c.chain("W1_1_1").factors == (
        (D(ELL, a21), dl), (D(a21, z21), a21 * (1 - a21)), (D(z21, a11), W211),
        (D(a11, z11), a11 * (1 - a11)), (D(z11, W111), x1))
    assert c.chain("W2_1_1").factors == (
        (D(ELL, a21), dl), (D(a21, z21), a21 * (1 - a21)), (D(z21, W211), a11))
    assert c.chain("W1_1_1").value == dl * a21 * (1 - a21) * W211 * a11 * (1 - a11) * x1
    assert c.chain("W1_1_1").derivative == D(ELL, W111)


@pytest.mark.parametrize("net, loss_of", [
    (Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid()), bce),
    (Sequential(Dense(2, 3), Dense(3, 1)), mse),
    (Sequential(Dense(2, 2), Tanh(), Dense(2, 2), Sigmoid(), Dense(2, 1)), mse),
])
def test_chain_unfolds_to_the_scalar_and_vector_views(net, loss_of):
    """Every chain, names put back, is derive's gradient and backprop's δ·a, exactly."""
    loss = loss_of(net)
    params = [q for d in net.dense for q in (d.W[0, 0], d.W[-1, -1], d.b[-1])]
    c = network_chain(loss, params)
    scalar = derive(loss, wrt=params).gradient
    vector = backprop(loss).symbolic()
    for chain in c.chains:
        unfolded = c.unfold(chain.value)
        assert not unfolded.free_symbols & {k for k, _ in c.definitions}
        assert confirm_equal(unfolded, scalar[chain.param]), chain.param
        assert confirm_equal(unfolded, vector[chain.param]), chain.param
        oracle = sympy.diff(loss.sample, chain.param)
        assert confirm_equal(unfolded, oracle), chain.param


def test_chain_of_a_linear_2_3_1_network_exactly():
    """2-3-1 linear network with MSE: ∂a/∂z = 1 is a factor, the rest are weights and inputs."""
    c = network_chain(mse(Sequential(Dense(2, 3), Dense(3, 1))), ["W1_3_2"])
    a13, z13 = symbol("a1_3"), symbol("z1_3")
    assert c.chains[0].factors == (
        (D(ELL, a21), a21 - y), (D(a21, z21), 1), (D(z21, a13), symbol("W2_1_3")),
        (D(a13, z13), 1), (D(z13, symbol("W1_3_2")), x2))


def test_many_paths_use_the_delta_sum():
    """Two hidden layers of width 2: ∂ℓ/∂a⁽¹⁾₁ is the sum over the next layer's units."""
    net = Sequential(Dense(2, 2), Tanh(), Dense(2, 2), Sigmoid(), Dense(2, 1))
    c = network_chain(mse(net), ["W1_1_1"])
    (d1, v1), (d2, v2), (d3, v3) = c.chains[0].factors
    a22, a31 = symbol("a2_2"), symbol("a3_1")
    assert (d1, d2, d3) == (D(ELL, a11), D(a11, z11), D(z11, W111))
    assert v1 == (symbol("W2_1_1") * symbol("W3_1_1") * symbol("a2_1") * (1 - symbol("a2_1"))
                  * (a31 - y) + symbol("W2_2_1") * symbol("W3_1_2") * a22 * (1 - a22)
                  * (a31 - y))
    assert v2 == 1 - a11**2
    assert v3 == x1


def test_softmax_chain_and_pattern():
    """Softmax output: ∂ℓ/∂z⁽ᴸ⁾ⱼ = pⱼ Σy − yⱼ exactly; the pattern states δ = a − y (one-hot)."""
    net = Sequential(Dense(2, 2), Sigmoid(), Dense(2, 3), Softmax())
    loss = cross_entropy(net)
    c = network_chain(loss)
    y1, y2, y3 = (symbol(f"y{k}") for k in (1, 2, 3))
    a = [symbol(f"a2_{k}") for k in (1, 2, 3)]
    (d1, v1), (d2, v2) = c.chain("W2_1_1").factors
    assert d1 == D(ELL, symbol("z2_1")) and d2 == D(symbol("z2_1"), W211)
    assert sympy.expand(v1 - (a[0] * (y1 + y2 + y3) - y1)) == 0
    assert v2 == a11
    scalar = derive(loss, wrt=["W1_1_1", "W2_1_1"]).gradient
    vector = backprop(loss).symbolic()
    for chain in c.chains:
        unfolded = c.unfold(chain.value)
        assert confirm_equal(unfolded, scalar[chain.param])
        one_hot = {y3: 1 - y1 - y2}
        assert confirm_equal(unfolded.xreplace(one_hot), vector[chain.param].xreplace(one_hot))
    j = sympy.Symbol("j", integer=True, positive=True)
    delta2, a2 = sympy.IndexedBase("delta2"), sympy.IndexedBase("a2")
    assert (delta2[j], a2[j] - sympy.IndexedBase("y")[j]) in c.pattern


def test_pattern_index_form_of_a_2_2_1_network():
    """The rest of the weights: ∂ℓ/∂W⁽ˡ⁾[j,k] = δ⁽ˡ⁾[j] a⁽ˡ⁻¹⁾[k] and the δ recursion."""
    c = network_chain(bce(Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())))
    i, j, k = sympy.symbols("i j k", integer=True, positive=True)
    W1, W2, b1, b2, d1, d2, a1, a2, xs, ys = (sympy.IndexedBase(n) for n in (
        "W1", "W2", "b1", "b2", "delta1", "delta2", "a1", "a2", "x", "y"))
    assert c.pattern == (
        (D(ELL, W1[j, k]), d1[j] * xs[k]),
        (D(ELL, b1[j]), d1[j]),
        (D(ELL, W2[j, k]), d2[j] * a1[k]),
        (D(ELL, b2[j]), d2[j]),
        (d2[j], a2[j] - ys[j]),
        (d1[j], sympy.Sum(W2[i, j] * d2[i], (i, 1, 1)) * a1[j] * (1 - a1[j])),
    )


def test_pattern_agrees_with_every_chain():
    """The index form, instantiated at j, k, gives each weight's chain value (up to names)."""
    net = Sequential(Dense(2, 3), Sigmoid(), Dense(3, 1), Sigmoid())
    loss = mse(net)
    c = network_chain(loss, [q for q in net.params if q.name.startswith("W")])
    vector = backprop(loss).symbolic()
    for chain in c.chains:
        assert confirm_equal(c.unfold(chain.value), vector[chain.param])


def test_network_chain_refuses_what_it_cannot_name():
    """A formula model, or a parameter the network does not have: clear errors."""
    with pytest.raises(TypeError, match="needs the loss of a network"):
        network_chain(mse(Model("w*x", inputs="x")))
    with pytest.raises(ValueError, match="W3_1_1 is not a weight or bias"):
        network_chain(mse(Sequential(Dense(1, 1))), ["W3_1_1"])
    with pytest.raises(KeyError, match="no chain for b1_1"):
        network_chain(mse(Sequential(Dense(1, 1)))).chain("b1_1")


RULES = {"substitute", "sigmoid derivative", "tanh derivative", "relu derivative",
         "softmax derivative", "common denominator", "cancel", "expand", "collect", "factor",
         "one-hot labels", "rearrange", "simplify", "rewrite"}


@pytest.mark.parametrize("loss_of, model, inputs", [
    (mse, "a*x1 + b*x2**2 + c*x3**3 + d", ["x1", "x2", "x3"]),
    (mse, "w*x + b", ["x"]),
    (bce, "sigmoid(w1*x1 + w2*x2 + b)", ["x1", "x2"]),
    (mse, "sigmoid(w*x + b)", ["x"]),
    (mse, "tanh(w*x) + c", ["x"]),
    (mae, "w*x + b", ["x"]),
    (bce, "1/(1 + exp(-w*x - b))", ["x"]),
])
def test_every_route_starts_at_the_chain_product_and_ends_at_the_gradient(loss_of, model, inputs):
    """Reference models: the first side is ∂ℓ/∂p (sympy.diff), the last the printed gradient,
    every step true at random points, at most 7 steps, rules from the documented set."""
    loss = loss_of(Model(model, inputs=inputs))
    d = derive(loss)
    variables = [*loss.params, *loss.model.inputs, y]
    for p in loss.params:
        steps = gradient_algebra(d, p)
        assert steps[-1].after == d.gradient[p]
        assert 1 <= len(steps) <= 7 and {st.rule for st in steps} <= RULES
        oracle = sympy.diff(loss.sample, p)
        assert_every_step_true((*steps, AlgebraStep(steps[0].before, oracle, "oracle")),
                               variables)


def test_untidied_long_gradient_is_reached_by_an_honest_rewrite():
    """A 2-3-3-1 network: derive leaves ∂ℓ/∂W⁽¹⁾₁₁ long; the route shows the BCE∘σ
    cancellation, then a step labelled "rewrite" (not "simplify") back to that long form."""
    net = Sequential(Dense(2, 3), Sigmoid(), Dense(3, 3), Sigmoid(), Dense(3, 1), Sigmoid())
    d = derive(bce(net), wrt=["W1_1_1"])
    steps = gradient_algebra(d, "W1_1_1")
    assert [st.rule for st in steps] == ["substitute", "sigmoid derivative", "common denominator",
                                         "cancel", "expand", "substitute", "rewrite"]
    out = net.model().expr
    assert (s - y) in sympy.Mul.make_args(steps[4].after)
    assert (out - y) in sympy.Mul.make_args(steps[5].after)
    assert steps[-1].after == d.gradient[symbol("W1_1_1")]


def test_a_step_sympy_cannot_confirm_gives_one_honest_simplify(monkeypatch):
    """If SymPy cannot confirm a named step, no named step is shown: one "simplify" step from
    the chain product to the gradient, itself confirmed."""
    import symgrad.calculus.algebra as algebra

    real, calls = algebra.confirm_equal, []

    def undecided_once(before, after, names=None, budget=None):
        calls.append((before, after))
        return False if len(calls) == 1 else real(before, after, names, budget)

    monkeypatch.setattr(algebra, "confirm_equal", undecided_once)
    d = derive(bce(Model("sigmoid(w*x + b)", inputs="x")))
    steps = gradient_algebra(d, w)
    assert steps == (AlgebraStep((-y / f - (y - 1) / (1 - f)) * Derivative(s, z) * x,
                                 d.gradient[w], "simplify"),)
    assert len(calls) == 2


@settings(max_examples=25, deadline=None)
@given(strategies.lists(strategies.integers(-3, 3), min_size=3, max_size=3),
       strategies.integers(1, 3))
def test_polynomial_models_route_to_their_gradient(coefficients, n):
    """Random polynomial models under MSE: the route ends at the gradient, each step true."""
    c0, c1, c2 = coefficients
    model = Model(f"a*x**{n} + {c1}*b*x + {c2}*b**2 + {c0}", inputs="x", params=["a", "b"])
    loss = mse(model)
    d = derive(loss)
    for p in loss.params:
        steps = gradient_algebra(d, p)
        if not steps:
            continue
        assert steps[-1].after == d.gradient[p]
        assert sympy.expand(steps[0].before.xreplace({f: model.expr})
                            - sympy.diff(loss.sample, p)) == 0
        assert all(sympy.expand(st.before.xreplace({f: model.expr}) - st.after) == 0
                   for st in steps)


def test_new_names_do_not_clash_with_the_model():
    """A model that already uses z: the argument of σ is named u instead."""
    d = derive(bce(Model("sigmoid(w*x + z)", inputs="x")))
    steps = gradient_algebra(d, w)
    u = symbol("u")
    assert steps[0].detail == ((f, sigmoid(u)), (u, w * x + z))
    assert steps[-2].after == x * (sigmoid(u) - y)
    assert steps[-1].after == d.gradient[w] == x * (sigmoid(w * x + z) - y)


@pytest.mark.parametrize("net, loss_of", [
    (Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid()), bce),
    (Sequential(Dense(2, 3), Softmax()), cross_entropy),
    (Sequential(Dense(2, 2), Sigmoid(), Dense(2, 2), Tanh(), Dense(2, 1), Sigmoid()), bce),
    (Sequential(Dense(2, 2), Tanh(), Dense(2, 3), Softmax()), cross_entropy),
    (Sequential(Dense(2, 2), Sigmoid(), Dense(2, 2), Sigmoid()), mse),
])
def test_deltas_give_the_scalar_and_vector_gradients(net, loss_of):
    """∂ℓ/∂W⁽ˡ⁾ⱼₖ = δ⁽ˡ⁾ⱼ a⁽ˡ⁻¹⁾ₖ and ∂ℓ/∂b⁽ˡ⁾ⱼ = δ⁽ˡ⁾ⱼ, with the δ the documents print (the
    δ names and the network's names put back), are derive's and backprop's gradients for every
    parameter; with softmax + cross-entropy given one-hot labels (the step the document states)."""
    loss = loss_of(net)
    found = deltas(loss)
    c = network_chain(loss, ())
    values = {x.name: x.value for x in found}
    scalar = derive(loss).gradient
    vector = backprop(loss).symbolic()
    one_hot = {}
    if any(s.rule == "one-hot labels" for x in found for s in x.steps):
        ys = loss.targets
        one_hot = {ys[-1]: 1 - sympy.Add(*ys[:-1])}

    def unfold(e):
        for _ in range(len(values) + 1):
            e = e.xreplace(values)
        return c.unfold(e).xreplace(one_hot)

    for l, dense in enumerate(net.dense, start=1):
        inputs = list(net.inputs) if l == 1 else [symbol(f"a{l - 1}_{k}")
                                                   for k in range(1, dense.n_in + 1)]
        for j in range(dense.n_out):
            delta = symbol(f"delta{l}_{j + 1}")
            for k in range(dense.n_in):
                p = dense.W[j, k]
                ours = unfold(delta * inputs[k])
                assert confirm_equal(ours, scalar[p].xreplace(one_hot)), p
                assert confirm_equal(ours, vector[p].xreplace(one_hot)), p
            assert confirm_equal(unfold(delta), scalar[dense.b[j]].xreplace(one_hot))


def test_output_delta_steps_of_softmax_cross_entropy():
    """At a softmax output with cross-entropy δ⁽¹⁾₁ goes by cancel, collect and one-hot labels
    from Σₖ (−yₖ/aₖ)·∂aₖ/∂z₁ to a₁ − y₁, exactly."""
    x = deltas(cross_entropy(Sequential(Dense(2, 3), Softmax())))[0]
    a1, a2, a3, y1, y2, y3 = (symbol(n) for n in "a1_1 a1_2 a1_3 y1 y2 y3".split())
    assert x.terms == ((-y1 / a1, a1 * (1 - a1)), (-y2 / a2, -a1 * a2), (-y3 / a3, -a1 * a3))
    assert [s.rule for s in x.steps] == ["cancel", "collect", "one-hot labels"]
    assert x.steps[1].after == a1 * (y1 + y2 + y3) - y1
    assert x.value == a1 - y1
