"""The index form: one derivation for a generic weight, true at every index, any width.

For each model the generic formulas (∂ℓ/∂W⁽ˡ⁾ⱼₖ = δ⁽ˡ⁾ⱼ a⁽ˡ⁻¹⁾ₖ with δ from the output's algebra
and the recursion), instantiated at every parameter (small models) or at 60 random ones (wide),
must equal sympy.diff of the scalar loss and PyTorch's autograd; every displayed row of the
article and the deck, each generic row read at every index it stands for, must be true; the
documents must not grow with the width.
"""

from __future__ import annotations

import random
import re
import shutil
import time
from functools import cache

import pytest
import sympy

import symgrad
from symgrad import Dense, Model, ReLU, Sequential, Sigmoid, Softmax, Tanh, derive
from symgrad.calculus.index_check import EVERY_LIMIT, SAMPLE, Point, check_form
from symgrad.calculus.index_data import ELL
from symgrad.calculus.index_derivation import IndexDerivation
from symgrad.calculus.index_form import index_form
from symgrad.calculus.index_instance import Instance, form_deltas, param_of, positions
from symgrad.calculus.index_shape import weighted_sum
from symgrad.nn import network
from symgrad.parsing.core import symbol
from symgrad.render.documents.document import overfull_boxes, to_pdf
from tests.readback import Reader, instantiated, rows


def _logistic(n: int):
    terms = " + ".join(f"w{k}*x{k}" for k in range(1, n + 1))
    return symgrad.bce(Model(f"sigmoid({terms} + b)", inputs=[f"x{k}" for k in range(1, n + 1)]))


MODELS = {
    "logistic": lambda: _logistic(2),
    "linear-3": lambda: symgrad.mse(Model("w1*x1 + w2*x2 + w3*x3 + c",
                                          inputs=["x1", "x2", "x3"])),
    "softmax-regression": lambda: symgrad.cross_entropy(Sequential(Dense(3, 3), Softmax())),
    "2-3-1": lambda: symgrad.mse(Sequential(Dense(2, 3), Sigmoid(), Dense(3, 1), Sigmoid())),
    "4-5-5-3": lambda: symgrad.cross_entropy(Sequential(
        Dense(4, 5), Tanh(), Dense(5, 5), ReLU(), Dense(5, 3), Softmax())),
    "relu": lambda: symgrad.mse(Sequential(Dense(3, 4), ReLU(), Dense(4, 2))),
    "tanh-mae": lambda: symgrad.mae(Sequential(Dense(2, 3), Tanh(), Dense(3, 1))),
    "no-bias": lambda: symgrad.bce(Sequential(Dense(2, 3, bias=False), Sigmoid(),
                                              Dense(3, 1, bias=False), Sigmoid())),
    "3-outputs": lambda: symgrad.mse(Sequential(Dense(2, 4), Sigmoid(), Dense(4, 3), Sigmoid())),
    "784-30-10": lambda: symgrad.mse(network("784-30-10")),
    # weighted sums under the user's own names, written wⱼ (and xⱼ) with the mapping stated
    "renamed": lambda: symgrad.bce(Model("sigmoid(p*height + q*mass + r)",
                                         inputs="height, mass")),
    "renamed-linear": lambda: symgrad.mse(Model("a*x1 + b*x2 + c", inputs="x1, x2")),
}

#: Widths n₀ … n_L of each model, for reading its generic rows back.
SIZES = {"logistic": (2, 1), "linear-3": (3, 1), "softmax-regression": (3, 3),
         "2-3-1": (2, 3, 1), "relu": (3, 4, 2), "tanh-mae": (2, 3, 1), "no-bias": (2, 3, 1),
         "3-outputs": (2, 4, 3), "renamed": (2, 1), "renamed-linear": (2, 1)}


@cache
def _derived(name):
    return derive(MODELS[name]())


# ------------------------------------------------------------------------------ oracles


def _torch_gradients(form, point):
    """∂ℓ/∂W⁽ˡ⁾ and ∂ℓ/∂b⁽ˡ⁾ by PyTorch's autograd at the point's values."""
    torch = pytest.importorskip("torch")
    acts = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu,
            "identity": lambda z: z, "softmax": lambda z: torch.softmax(z, 0)}
    Ws = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W in point.W]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in point.b]
    a = torch.tensor(point.x, dtype=torch.float64)
    for W, b, act in zip(Ws, bs, form.shape.activations):
        a = acts[act.name](W @ a + b)
    y = torch.tensor(point.y, dtype=torch.float64)
    name = form.loss.name
    ell = {"mse": lambda: ((a - y) ** 2).sum() / 2, "mae": lambda: (a - y).abs().sum(),
           "bce": lambda: -(y * torch.log(a) + (1 - y) * torch.log(1 - a)).sum(),
           "cross_entropy": lambda: -(y * torch.log(a)).sum()}[name]()
    ell.backward()
    return [W.grad.numpy() for W in Ws], [b.grad.numpy() for b in bs]


def _chosen(form):
    every = positions(form.shape)
    if len(every) <= EVERY_LIMIT:
        return every
    return random.Random(5).sample(every, SAMPLE)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_generic_formulas_agree_with_autograd(name):
    """At a random point, δ⁽ˡ⁾ⱼ a⁽ˡ⁻¹⁾ₖ (and δ⁽ˡ⁾ⱼ for a bias), instantiated from the generic rows,
    is PyTorch's gradient for every parameter (small) or for 60 random ones (784-30-10)."""
    d = _derived(name)
    form = d.form
    point = Point(form, random.Random(3))
    instance = Instance(form, form_deltas(form), point)
    gW, gb = _torch_gradients(form, point)
    chosen = _chosen(form)
    assert len(chosen) >= min(50, len(positions(form.shape)))
    for l, j, k in chosen:
        generic = float(instance.gradient((l, j, k)).rewrite(sympy.Heaviside).evalf())
        expected = gb[l - 1][j - 1] if k is None else gW[l - 1][j - 1, k - 1]
        assert generic == pytest.approx(expected, rel=1e-9, abs=1e-12), (l, j, k)


@pytest.mark.parametrize("name", ["logistic", "linear-3", "softmax-regression", "2-3-1",
                                  "relu", "tanh-mae", "no-bias", "3-outputs", "renamed",
                                  "renamed-linear"])
def test_generic_formulas_equal_sympy_diff(name):
    """Every parameter's generic gradient, in the network's names unfolded to the inputs, equals
    sympy.diff of the per-sample loss at a random point (softmax: one-hot labels)."""
    d = _derived(name)
    form, loss = d.form, d.loss
    point = Point(form, random.Random(4))
    instance = Instance(form, form_deltas(form), point)
    values = {x: v for x, v in zip(loss.model.inputs, point.x)}
    values.update(dict(zip(loss.targets, point.y)))
    for pos in positions(form.shape):
        l, j, k = pos
        values[param_of(form, pos)] = point.W[l - 1][j - 1, k - 1] if k is not None \
            else point.b[l - 1][j - 1]
    sample = loss.sample
    for pos in positions(form.shape):
        oracle = sympy.diff(sample, param_of(form, pos)).xreplace(
            {s: sympy.Float(v) for s, v in values.items()})
        generic = instance.gradient(pos).rewrite(sympy.Heaviside).evalf()
        assert float(generic) == pytest.approx(float(oracle.evalf()), rel=1e-9, abs=1e-12)


def test_a_false_generic_row_is_caught():
    """The build-time check is not a rubber stamp: a δ recursion missing g′ fails it."""
    form = index_form(MODELS["2-3-1"](), check=False)
    deltas = form_deltas(form)
    wrong = {**deltas, 1: deltas[1].args[-1]}  # Σₖ W⁽²⁾ₖⱼ δ⁽²⁾ₖ without σ′(z⁽¹⁾ⱼ)
    with pytest.raises(AssertionError, match="sympy.diff"):
        check_form(form, wrong)


def test_the_check_is_exact_for_one_layer():
    """Logistic regression's rows are confirmed symbolically, every parameter."""
    form = _derived("logistic").form
    assert form.exact and {p.name for p in form.checked} == {"w1", "w2", "b"}
    assert len(_derived("784-30-10").form.checked) == SAMPLE >= 50


# ------------------------------------------------------------------------------ what is written


def test_the_rows_a_textbook_writes():
    """z = b + Σₖ wₖxₖ, ∂ℓ/∂z reaches f − y by named algebra steps, ∂ℓ/∂wⱼ = (f − y)·xⱼ."""
    form = _derived("logistic").form
    j = sympy.Symbol("j", integer=True, positive=True)
    x, w = sympy.IndexedBase("x"), sympy.IndexedBase("w")
    f, y = sympy.symbols("f y", real=True)
    z = form.rows("model")[0]
    assert z.rhs[0].has(sympy.Sum) and z.rule == "weighted-sum"
    assert [r.rule for r in form.rows("output")] == [
        "loss-derivative", "local.sigmoid", "chain", "algebra.common denominator",
        "algebra.cancel"]
    assert form.rows("output")[-1].rhs[-1] == f - y
    gradient = form.rows("gradients")[0]
    assert gradient.rhs[-1] == (f - y) * x[j] and gradient.rule == "one-term"
    assert gradient.detail == (w[j],)


def test_the_delta_recursion_is_derived():
    """A hidden δ is written as the chain rule summed over the next layer, the local rules
    (∂z⁽ˡ⁺¹⁾ₖ/∂a⁽ˡ⁾ⱼ = W⁽ˡ⁺¹⁾ₖⱼ, g′), and then δ⁽ˡ⁾ⱼ = g′ Σₖ W⁽ˡ⁺¹⁾ₖⱼ δ⁽ˡ⁺¹⁾ₖ."""
    stage = next(s for s in _derived("4-5-5-3").form.stages if s.kind == "hidden")
    assert [r.rule for r in stage.rows] == ["chain-sum", "one-term-input", "local.relu",
                                            "delta-recursion"]
    relu_prime = stage.rows[2].rhs[0]
    assert type(relu_prime).__name__ == "indicator"
    assert not stage.rows[-1].rhs[0].has(sympy.Heaviside)


def test_the_size_does_not_depend_on_the_width():
    """64-W-10 has the same rows for W = 16 and W = 1024; only the sums' bounds differ."""
    shapes = []
    for width in (16, 1024):
        form = index_form(symgrad.mse(network(f"64-{width}-10")), check=False)
        shapes.append([(s.kind, [r.rule for r in s.rows]) for s in form.stages])
    assert shapes[0] == shapes[1]


def test_kinks_are_one_sentence_in_z_names():
    """A relu network says once where ℓ is not differentiable, in z⁽¹⁾ⱼ, never weight names."""
    d = _derived("relu")
    assert d.caveats == ("not differentiable where some z⁽¹⁾_j = 0",)
    article = d.to_latex()
    body, appendix = article.split("Appendix")
    assert body.count("not differentiable") == 1  # the appendix's relu rule names u = 0
    assert "W^{(1)}_{11} x_{1}" not in article
    body = body.split(r"\begin{document}")[1]
    assert r"\theta" not in body and "Heaviside" not in article
    assert r"\mathbf{1}\left[z^{(1)}_{j} > 0\right]" in article


def test_which_models_get_the_index_form():
    """Networks and weighted sums of two or more inputs do; w·x + b and the watermelon do not."""
    assert weighted_sum(MODELS["logistic"]()) is not None
    assert weighted_sum(symgrad.bce(Model("sigmoid(w*x + b)", inputs="x"))) is None
    watermelon = Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
    assert type(derive(symgrad.mse(watermelon))).__name__ == "Derivation"
    assert isinstance(_derived("logistic"), IndexDerivation)


def test_one_parameter_in_full_on_request():
    """derive(loss, wrt=p) is the expanded per-parameter derivation; the index form's
    gradient[p] is the same, computed only for p."""
    loss = MODELS["2-3-1"]()
    d = _derived("2-3-1")
    full = derive(loss, wrt="W2_1_3")
    assert list(full.gradient) == [symbol("W2_1_3")]
    assert d.gradient["W2_1_3"] == full.gradient[symbol("W2_1_3")]
    assert len(d._cache) == 1 and len(d.gradient) == 13


def test_a_wide_network_derives_in_seconds():
    """784-30-10: the index form (60 parameters checked against sympy.diff) within the default
    budget, never building the scalar loss."""
    t = time.perf_counter()
    d = derive(symgrad.mse(network("784-30-10")))
    assert time.perf_counter() - t < 30  # ~2 s alone; generous for a loaded machine
    assert "expr" not in vars(d.loss.model)  # the scalar view was never built


# ------------------------------------------------------------------------------ documents


@cache
def _documents(name):
    d = _derived(name)
    return d.to_latex(), d.to_beamer()


@pytest.mark.parametrize("kind", ["article", "slides"])
@pytest.mark.parametrize("name", sorted(SIZES))
def test_every_displayed_row_reads_back_true(name, kind):
    """Each row, each generic index at each of its values, is a true equation; only the
    matrix-form rows (ᵀ, ⊙) are left unread."""
    tex = _documents(name)[kind == "slides"]
    reader = Reader()
    for row in instantiated(rows(tex), SIZES[name]):
        reader.row(row)
    assert reader.checked >= 10
    assert all(r"\mathsf T" in r or r"\odot" in r for r in reader.opaque)


def _frames(deck):
    found = re.findall(r"\\begin\{frame\}(?:\{(.*?)\})?\n(.*?)\\end\{frame\}", deck, re.S)
    return [(t, b) for t, b in found if r"\titlepage" not in b]


@pytest.mark.parametrize("name", sorted(SIZES) + ["4-5-5-3", "784-30-10"])
def test_no_frame_holds_a_lone_line(name):
    """A frame has at least two lines of math, or words beside its one line."""
    for title, body in _frames(_documents(name)[1]):
        words = re.sub(r"\\begin\{align\*\}.*?\\end\{align\*\}", "", body, flags=re.S)
        assert body.count(" \\\\\n") >= 1 or words.strip(), (title, body)


needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")


@needs_pdflatex
@pytest.mark.parametrize("kind", ["article", "slides"])
@pytest.mark.parametrize("name", ["logistic", "2-3-1", "4-5-5-3", "tanh-mae", "784-30-10"])
def test_no_line_runs_over_the_margin(name, kind, tmp_path):
    """No Overfull \\hbox over 1 pt, and no frame off the bottom of its slide."""
    tex = tmp_path / f"{name}-{kind}.tex"
    tex.write_text(_documents(name)[kind == "slides"])
    log = to_pdf(tex).with_suffix(".log").read_text()
    assert overfull_boxes(log, limit_pt=1.0) == []
    assert kind == "article" or "Overfull \\vbox" not in log


@needs_pdflatex
@pytest.mark.parametrize("n", [2, 10, 100])
def test_logistic_regression_fits_a_class(n, tmp_path):
    """σ(w·x + b) with bce: deck ≤ 10 frames and article ≤ 3 pages, for n = 2, 10 and 100 —
    the same document, n only in the text."""
    d = derive(_logistic(n))
    deck, article = d.to_beamer(), d.to_latex()
    assert 1 + len(_frames(deck)) <= 10
    path = tmp_path / "article.tex"
    path.write_text(article)
    assert _pages(to_pdf(path)) <= 3
    shape = re.sub(r"\d+", "N", re.sub(r"w\d+", "w", deck.split(r"\begin{document}")[1]))
    assert shape == re.sub(r"\d+", "N", re.sub(r"w\d+", "w", derive(_logistic(3)).to_beamer()
                                                 .split(r"\begin{document}")[1]))


def _pages(pdf) -> int:
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])


def test_the_cli_derives_a_network(cli):
    """`symgrad derive --network 2-3-1` prints the index form; --wrt one weight in full."""
    code, out, _ = cli("derive", "--network", "2-3-1", "--activation", "sigmoid",
                       "--loss", "mse")
    assert code == 0
    assert "z⁽¹⁾_j = b⁽¹⁾_j + Σ[k=1..2] (W⁽¹⁾_j,k·x_k)" in out
    assert "δ⁽¹⁾_j = (1 − a⁽¹⁾_j)·a⁽¹⁾_j Σ[k=1..1] (W⁽²⁾_k,j·δ⁽²⁾_k)" in out
    code, out, _ = cli("derive", "--network", "2-3-1", "--wrt", "W2_1_3")
    assert code == 0 and out.splitlines()[-1].startswith("∂ℓ/∂W2_1_3 = (1 − σ(W2_1_1·σ(")
    code, _, err = cli("derive", "--network", "2-x")
    assert code == 2 and err.count("\n") == 1 and "layer sizes" in err


@pytest.mark.parametrize("lang, title", [("en", "Every weight}"), ("zh", "每个权重}")])
def test_a_network_without_biases_is_not_given_biases(lang, title):
    """A network without biases: its section is titled for weights alone and has no ∂ℓ/∂b row."""
    net = symgrad.Sequential(symgrad.Dense(2, 2, bias=False), symgrad.Sigmoid(),
                             symgrad.Dense(2, 1, bias=False))
    article = symgrad.derive(symgrad.mse(net)).to_latex(lang=lang)
    assert "\\section*{" + title in article
    assert "partial b" not in article and "bias" not in article.replace("unbiased", "")


# ------------------------------------------------------------------------------ penalties


PENALISED = {
    "logistic-l2": lambda: symgrad.bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2"),
                                       l2="1/10"),
    "logistic-l1": lambda: symgrad.bce(Model("sigmoid(w1*x1 + w2*x2 + w3*x3 + b)",
                                             inputs="x1, x2, x3"), l1="1/4"),
    "2-3-1-l2": lambda: symgrad.mse(Sequential(Dense(2, 3), Sigmoid(), Dense(3, 1), Sigmoid()),
                                    l2="3"),
    "relu-l1": lambda: symgrad.mse(Sequential(Dense(3, 4), ReLU(), Dense(4, 2)), l1="1/2"),
}


@pytest.mark.parametrize("name", sorted(PENALISED))
def test_a_penalised_loss_gets_the_index_form(name):
    """∂P/∂W⁽ˡ⁾ⱼₖ = λW/m (L2) or (λ/m)·sgn(W) (L1), instantiated at every weight, is sympy.diff
    of the model's own P; ∂J/∂W carries it; every displayed row reads back true."""
    loss = PENALISED[name]()
    d = derive(loss)
    assert isinstance(d, IndexDerivation)
    form, penalty = d.form, loss.penalty
    stage = [s for s in form.stages if s.kind == "penalty"][0]
    assert len(stage.rows) == 1 + form.shape.layers  # P, then one row per layer
    instance = Instance(form, form_deltas(form))
    for l, j, k in positions(form.shape):
        if k is None:
            continue
        generic = stage.rows[1 + form.shape.layers - l].rhs[-1]
        at = {sympy.Symbol("j", integer=True, positive=True): j,
              sympy.Symbol("k", integer=True, positive=True): k}
        if not form.shape.network:
            at = {sympy.Symbol("j", integer=True, positive=True): k}
        value = instance.concrete(generic.xreplace(at), j)
        p = param_of(form, (l, j, k))
        assert sympy.expand(value - sympy.diff(penalty.expr, p)) == 0, p
    weight_rows = [r for r in form.rows("batch") if r.rule == "mean-gradient-penalty"]
    assert len(weight_rows) == form.shape.layers  # ∂J/∂W: the mean, plus ∂P/∂W
    assert all(pen.rhs[-1] in row.rhs[0].args for pen, row in zip(stage.rows[1:], weight_rows))
    assert form.rows("model")[-1].rhs[0].has(sympy.Symbol("P", real=True))  # J = … + P
    if penalty.kind == "l1":
        assert any("W" in c or "w" in c for c in d.caveats)
    sizes = form.shape.sizes
    for tex in (d.to_latex(), d.to_beamer()):
        reader = Reader()
        for row in instantiated(rows(tex), sizes):
            reader.row(row)
        assert reader.checked >= 10
        assert all(r"\mathsf T" in r or r"\odot" in r or "operatorname{sgn}" in r
                   for r in reader.opaque)


def test_a_false_penalty_row_is_caught(monkeypatch):
    """The build-time check compares ∂P/∂w with sympy.diff: a doubled λ is refused."""
    from symgrad.calculus import index_check

    right = index_check.penalty_derivative
    monkeypatch.setattr(index_check, "penalty_derivative", lambda n, l: 2 * right(n, l))
    with pytest.raises(AssertionError, match="∂P/∂"):
        index_form(PENALISED["logistic-l2"]())


def test_a_wide_penalised_network_is_derived():
    """784-30-10 with l2: the index form (it was refused: the per-parameter form past 200)."""
    d = derive(symgrad.mse(network("784-30-10"), l2="1/10"))
    assert isinstance(d, IndexDerivation) and len(d.form.checked) == SAMPLE
    j, k, m = sympy.symbols("j k m", integer=True, positive=True)
    assert d.form.rows("penalty")[1].rhs[-1] == sympy.IndexedBase("W^(2)")[j, k] / (10 * m)


def test_a_penalty_on_the_bias_keeps_the_per_parameter_form():
    """penalize= naming the bias (or only some weights): not the generic penalty row."""
    loss = symgrad.bce(Model("sigmoid(w1*x1 + w2*x2 + w3*x3 + b)", inputs="x1, x2, x3"),
                       l2="1/10", penalize="w1, w2, w3, b")
    assert weighted_sum(loss) is None
    assert weighted_sum(symgrad.bce(Model("sigmoid(w1*x1 + w2*x2 + w3*x3 + b)",
                                          inputs="x1, x2, x3"), l2="1/10",
                                    penalize="w1, w2, w3")) is not None


# ------------------------------------------------------------------------------ which form, why


@pytest.mark.parametrize("model, wrt, says", [
    (Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs="x1, x2, x3"), None,
     "the model is not a weighted sum"),
    (Model("w*x + b", inputs="x"), None, "a weighted sum too short for the index form"),
    (Model("w*x", inputs="x"), None, "a weighted sum too short for the index form"),
    (Model("w2*x1 + w1*x2 + b", inputs="x1, x2"), None,
     "with these names the index form would mislead"),
    (Model("w1*x1 + w2*x2 + b", inputs="x1, x2"), ["w1"], "The parameters asked for (w1)"),
    # softmax's δ = a − y is cross-entropy's: with mse it is derived by the rules, not refused
    (Sequential(Dense(2, 3), Sigmoid(), Dense(3, 2), Softmax()), None,
     "the index form writes a softmax output's $\\delta$ for the cross-entropy loss"),
])
def test_a_per_parameter_document_says_which_form_and_why(model, wrt, says):
    """A loss derived per parameter says so in its article and deck, with the reason."""
    d = derive(symgrad.mse(model), wrt=wrt)
    assert not isinstance(d, IndexDerivation)
    assert says in d.to_latex() and says in d.to_beamer()
    assert "每个参数" in d.to_latex(lang="zh") or "所要求的参数" in d.to_latex(lang="zh")


@pytest.mark.parametrize("model, inputs, own, says", [
    ("sigmoid(a*x1 + c*x2 + b)", "x1, x2", ["a", "c"],
     "The weights are written $w_{j}$ here, in the order of their inputs: $w_{1} = a$, "
     "$w_{2} = c$."),
    ("sigmoid(p*height + q*mass + r)", "height, mass", ["p", "q"],
     "The weights and the inputs are written $w_{j}$ and $x_{j}$ here: $w_{1} = p$, "
     "$w_{2} = q$; $x_{1} = height$, $x_{2} = mass$."),
    ("sigmoid(u*s + v*t + b)", "s, t", ["u", "v"],
     "The weights and the inputs are written $w_{j}$ and $x_{j}$ here: $w_{1} = u$, "
     "$w_{2} = v$; $x_{1} = s$, $x_{2} = t$."),
])
def test_a_weighted_sum_under_other_names_gets_the_index_form(model, inputs, own, says):
    """a·x1 + c·x2 + b is a weighted sum: written once for a generic wⱼ, the document saying
    which of the model's names each wⱼ (and xⱼ) stands for, and wⱼ's gradient is each own
    weight's: ∂ℓ/∂a = (σ(z) − y)·x1 by the generic row at j = 1, as sympy.diff says."""
    loss = symgrad.bce(Model(model, inputs=inputs))
    d = derive(loss)
    assert isinstance(d, IndexDerivation)
    assert d.form.exact and [str(p) for p in d.form.checked[:2]] == own
    assert says in d.to_latex() and says in d.to_beamer()
    assert "这里把权重" in d.to_latex(lang="zh")
    for k, name in enumerate(own, start=1):
        x = loss.model.inputs[k - 1]
        assert sympy.simplify(d.gradient[name] - sympy.diff(loss.sample, symbol(name))) == 0
        assert d.gradient[name] == x * (loss.model.output_exprs[0] - loss.targets[0])
    assert f'wrt="{own[0]}"' in d.text()


@pytest.mark.parametrize("model, inputs", [
    ("w2*x1 + w1*x2 + b", "x1, x2"),  # numbered out of order: w₁ would stand for w2
    ("a*x2 + c*x1 + b", "x2, x1"),    # the inputs numbered out of order
    ("w*x1 + v*x2 + b", "x1, x2"),    # w is a weight's own name: wⱼ would be two things
    ("a*x + c*w + b", "x, w"),        # … or an input's
])
def test_names_that_would_mislead_keep_the_per_parameter_form(model, inputs):
    assert weighted_sum(symgrad.mse(Model(model, inputs=inputs))) is None
    d = derive(symgrad.mse(Model(model, inputs=inputs)))
    assert "with these names the index form would mislead" in d.to_latex()


def test_a_bias_under_another_name_is_named_in_its_note():
    """∂z/∂r = 1, not ∂z/∂b = 1, when the bias is r."""
    d = derive(symgrad.mse(Model("a*x1 + b*x2 + r", inputs="x1, x2")))
    text = d.text()
    assert "∂ℓ/∂r = ∂ℓ/∂z·∂z/∂r = f − y   chain rule; ∂z/∂r = 1" in text
    assert "∂z/∂b" not in text


def test_an_index_form_document_says_nothing_of_the_per_parameter_form():
    d = derive(_logistic(2))
    assert "Each parameter's derivative" not in d.to_latex()


def test_one_weight_of_a_wide_network_is_derived_along_its_path():
    """Past PATH_LIMIT parameters, derive(loss, wrt=p) expands only p's path (the other units
    of p's layer named): the gradient equals sympy.diff of the whole scalar loss."""
    from symgrad.calculus.network_path import PATH_LIMIT

    loss = symgrad.mse(network("8-20-2"))
    assert len(loss.params) > PATH_LIMIT
    point = random.Random(7)
    values = {s: sympy.Rational(point.randint(-9, 9), 10) for s in loss.sample.free_symbols}
    for name in ("W1_3_5", "b1_7", "W2_2_11"):
        d = derive(loss, wrt=name)
        p = symbol(name)
        assert len(d.function.free_symbols) < len(loss.sample.free_symbols)
        named = {s: values.get(s) for s in d.gradient[p].free_symbols}
        # a named unit a1_i is the value of its activation at the point
        for s in d.gradient[p].free_symbols:
            if s.name.startswith("a1_"):
                i = int(s.name.split("_")[1])
                z = sum(values[symbol(f"W1_{i}_{k}")] * values[symbol(f"x{k}")]
                        for k in range(1, 9)) + values[symbol(f"b1_{i}")]
                named[s] = symgrad.sigmoid(z)
        generic = sympy.N(d.gradient[p].xreplace(named), 30)
        oracle = sympy.N(sympy.diff(loss.sample, p).xreplace(values), 30)
        assert abs(generic - oracle) < sympy.Float("1e-25"), name


@pytest.mark.parametrize("loss", [
    symgrad.mse(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2")),
    symgrad.mse(Model("tanh(w1*x1 + w2*x2 + b)", inputs="x1, x2")),
    symgrad.mae(Model("w1*x1 + w2*x2 + b", inputs="x1, x2")),
    symgrad.bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2")),
    symgrad.mse(Model("w1*x1 + w2*x2 + b", inputs="x1, x2")),
], ids=["mse-sigmoid", "mse-tanh", "mae", "bce-sigmoid", "mse"])
def test_the_matrix_form_says_what_e_is(loss):
    """∂J/∂w = (1/m)·Xᵀe holds with e each sample's ∂ℓ/∂z; "the errors f − y" is said only where
    ∂ℓ/∂z is f − y (it is (f − y)·f(1 − f) for σ with mse, sgn(f − y) for mae)."""
    d = derive(loss)
    (row,) = d.form.rows("matrix")
    f, y = loss.predictions[0], loss.targets[0]
    e = sympy.expand(d.form.rows("output")[-1].rhs[-1].doit())  # ∂ℓ/∂z, derived above
    if row.rule == "matrix-regression":
        assert e == f - y
    else:
        assert row.detail[1] == sympy.Derivative(ELL, sympy.Symbol("z", real=True))
    errors = isinstance(loss.model.output_exprs[0], sympy.Add) or loss.name == "bce"
    assert (row.rule == "matrix-regression") == (errors and loss.name != "mae")
    said = d.text().splitlines()[-1]
    assert ("the errors f − y" in said) == (row.rule == "matrix-regression")
    # at three samples, (1/m)·Xᵀe is the mean of sympy.diff(ℓ, wⱼ)
    rng = random.Random(11)
    point = {p: sympy.Rational(rng.randint(-9, 9), 7) for p in loss.params}
    samples = [{x: sympy.Rational(rng.randint(-9, 9), 5) for x in loss.model.inputs}
               | {y: sympy.Rational(rng.randint(1, 4), 5)} for _ in range(3)]
    output = loss.model.output_exprs[0].xreplace(point)
    for j, x in enumerate(loss.model.inputs, start=1):
        w = symbol(f"w{j}")
        by_matrix = sum(s[x] * e.xreplace({f: output.xreplace(s), y: s[y]}) for s in samples) / 3
        oracle = sum(sympy.diff(loss.sample, w).xreplace(point).xreplace(s) for s in samples) / 3
        assert abs(sympy.N(by_matrix - oracle, 30)) < 1e-25


def test_a_leaky_relu_of_slope_one_has_no_kink():
    """leaky_relu(u, 1) = u: no kink to name, as the per-parameter derivation says too."""
    net = symgrad.mse(Sequential(Dense(2, 2), symgrad.LeakyReLU("1"), Dense(2, 1)))
    assert derive(net).caveats == () == derive(net, wrt="W1_1_1").caveats
    kinked = symgrad.mse(Sequential(Dense(2, 2), symgrad.LeakyReLU(), Dense(2, 1)))
    assert derive(kinked).caveats == ("not differentiable where some z⁽¹⁾_j = 0",)
