"""One parameter of a wide network in full, along its path (issue 19, item 3).

Past PATH_LIMIT parameters, ``derive(loss, wrt=p)`` writes p's chain in the names of the units
on its path (z⁽ˡ⁾ⱼ, a⁽ˡ⁾ⱼ, δ⁽ˡ⁾ⱼ), its sums as sums: the final ∂ℓ/∂p must equal ``sympy.diff`` of
the whole scalar loss (networks of 200-odd parameters) and PyTorch's autograd (784-30-10);
every displayed row must read back as a true equation; the documents of 784-30-10 are made
within the default budget, compile without an overfull line, and no frame holds a lone row.
"""

from __future__ import annotations

import random
import re
import shutil
from functools import cache

import numpy as np
import pytest
import sympy

import symgrad
from symgrad import derive
from symgrad.calculus import path_form as path_module
from symgrad.calculus.chain import network_chain
from symgrad.calculus.network_path import PATH_LIMIT
from symgrad.nn import network
from symgrad.parsing.core import symbol
from symgrad.render.documents.document import overfull_boxes, to_pdf
from tests.readback import Reader, instantiated, rows

#: (loss, sizes, activation, output, the parameters asked for): every one past PATH_LIMIT.
WIDE = {
    "8-20-2 sigmoid mse": (symgrad.mse, "8-20-2", "sigmoid", None, ("W1_3_5", "b1_7", "W2_2_11")),
    "8-20-3 tanh softmax": (symgrad.cross_entropy, "8-20-3", "tanh", "softmax",
                            ("W1_20_8", "W2_3_1", "b2_2")),
    "6-12-10-2 relu mse": (symgrad.mse, "6-12-10-2", "relu", None, ("W1_2_6", "W2_10_12")),
}


def _loss(name):
    make, sizes, activation, output, _ = WIDE[name]
    return make(network(sizes, activation, output) if output else network(sizes, activation))


@cache
def _derived(name):
    return derive(_loss(name), wrt=list(WIDE[name][4]))


@pytest.mark.parametrize("name", sorted(WIDE))
def test_the_path_gradient_equals_sympy_diff(name):
    """∂ℓ/∂p along the path, its names unfolded to the inputs, equals sympy.diff of the whole
    scalar loss at a random point, to 30 digits, for each parameter asked for."""
    loss = _loss(name)
    assert len(loss.params) > PATH_LIMIT
    d = _derived(name)
    unfold = network_chain(loss, params=()).unfold
    sample = loss.sample
    rng = random.Random(19)
    low = 1 if "relu" in name else -9  # every relu unit on (a dead unit's gradient is 0)
    point = {s: sympy.Rational(rng.randint(low, 9), 10) for s in sample.free_symbols}
    if loss.name == "cross_entropy":  # one-hot labels: the softmax rows assume Σₖ yₖ = 1
        point.update({y: int(i == 1) for i, y in enumerate(loss.targets)})
    for p in map(symbol, WIDE[name][4]):
        path = unfold(d.path.gradient[p]).xreplace(point)
        oracle = sympy.diff(sample, p).xreplace(point)
        assert abs(sympy.N(path - oracle, 30)) < sympy.Float("1e-25"), p
        assert abs(sympy.N(oracle, 30)) > sympy.Float("1e-12")  # not 0 = 0


def test_784_30_10_agrees_with_autograd():
    """Nielsen's network at a random point: ∂ℓ/∂W1_1_3, ∂ℓ/∂W2_3_7 and ∂ℓ/∂b1_2 along their
    paths, in names evaluated by a forward pass, equal PyTorch's autograd."""
    torch = pytest.importorskip("torch")
    names = ("W1_1_3", "W2_3_7", "b1_2")
    d = derive(symgrad.mse(network("784-30-10")), wrt=list(names))
    gen = torch.Generator().manual_seed(19)
    x, y = torch.rand(784, generator=gen, dtype=torch.float64), torch.rand(10, generator=gen,
                                                                           dtype=torch.float64)
    W1 = (torch.rand(30, 784, generator=gen, dtype=torch.float64) - 0.5) / 10
    b1 = torch.rand(30, generator=gen, dtype=torch.float64) - 0.5
    W2 = torch.rand(10, 30, generator=gen, dtype=torch.float64) - 0.5
    b2 = torch.rand(10, generator=gen, dtype=torch.float64) - 0.5
    params = [t.requires_grad_() for t in (W1, b1, W2, b2)]
    a1 = torch.sigmoid(W1 @ x + b1)
    a2 = torch.sigmoid(W2 @ a1 + b2)
    ((a2 - y) ** 2 / 2).sum().backward()
    values = {}
    for kind, table in (("x", x), ("y", y), ("a1_", a1), ("a2_", a2)):
        values.update({symbol(f"{kind}{i + 1}"): float(v) for i, v in enumerate(table.detach())})
    values.update({symbol(f"W2_{j + 1}_{k + 1}"): float(W2.detach()[j, k]) for j in range(10)
                   for k in range(30)})
    grads = {"W1_1_3": params[0].grad[0, 2], "W2_3_7": params[2].grad[2, 6],
             "b1_2": params[1].grad[1]}
    for name in names:
        ours = float(d.path.gradient[symbol(name)].xreplace(values))
        assert np.isclose(ours, float(grads[name]), rtol=1e-12, atol=1e-15), name


# ------------------------------------------------------------------------------ documents


@cache
def _wide_documents():
    d = derive(symgrad.mse(network("784-30-10")), wrt="W1_1_3")
    return d.text(), d.to_latex(), d.to_beamer()


def test_784_30_10_one_weight_within_the_default_budget():
    """derive, text, article and deck through the public API with the default options: each
    within the default budget (past it, TooExpensive is raised and the test fails), and the
    chain is written in names: no 785-term sum, the constant rule a note."""
    text, article, deck = _wide_documents()
    assert ("∂z⁽¹⁾_1/∂W⁽¹⁾_1,3 = ∂/∂W⁽¹⁾_1,3[W⁽¹⁾_1,3·x_3] = x_3   only the term k = 3 "
            "depends on W⁽¹⁾_1,3: the other 783 terms and b⁽¹⁾_1 are constants") in text
    assert ("∂ℓ/∂W⁽¹⁾_1,3 = δ⁽¹⁾_1·x_3 = (1 − a⁽¹⁾_1)·a⁽¹⁾_1·x_3 Σ[k=1..10] ((1 − a⁽²⁾_k)·"
            "(a⁽²⁾_k − y_k)·W⁽²⁾_k,1·a⁽²⁾_k)   every δ written out") in text
    assert "δ⁽¹⁾_2" not in text and "x784" not in text and "W1_1_784" not in text
    for tex in (article, deck):
        assert "constant rule" not in tex.split("Appendix")[0]
        assert tex.count(r"\sum") < 20


def test_nothing_builds_the_wide_network_s_symbols():
    """The path and its outline never build the 23,860 parameter Symbols or the scalar pass
    (in this process: the budgeted calls run in a child, which would hide it)."""
    from symgrad.calculus.path_derivation import PathDerivation
    from symgrad.views import view

    loss = symgrad.mse(network("784-30-10"))
    d = PathDerivation(loss, path_module.path_form(loss, [symbol("W1_1_3")]))
    view(d, "outline")
    assert "params" not in vars(loss.model) and "expr" not in vars(loss.model)


def _frames(deck):
    found = re.findall(r"\\begin\{frame\}(?:\{(.*?)\})?\n(.*?)\\end\{frame\}", deck, re.S)
    return [(t, b) for t, b in found if r"\titlepage" not in b]


needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")


@needs_pdflatex
@pytest.mark.parametrize("wrt", ["W1_1_3", "W2_3_7"])
def test_784_30_10_documents_compile_and_fill_their_frames(wrt, tmp_path):
    """No Overfull \\hbox over 1 pt in the article or the deck, no frame off its slide, none
    under 40 % of it (measured as tests/test_frames.py measures)."""
    from tests.test_frames import SLIDE, measured

    d = derive(symgrad.mse(network("784-30-10")), wrt=wrt)
    article = tmp_path / "article.tex"
    article.write_text(d.to_latex())
    assert overfull_boxes(to_pdf(article).with_suffix(".log").read_text(), limit_pt=1.0) == []
    deck = d.to_beamer()
    heights, overfull = measured(deck, tmp_path)
    assert len(heights) == len(_frames(deck)) and overfull == []
    assert [h for h in heights if h < 0.4 * SLIDE] == []
    (tmp_path / "deck.tex").write_text(deck)
    assert overfull_boxes(to_pdf(tmp_path / "deck.tex").with_suffix(".log").read_text(),
                          limit_pt=1.0) == []


@pytest.mark.parametrize("kind", ["article", "slides"])
def test_every_displayed_row_reads_back_true(kind):
    """Each row of 8-20-2's path documents, each generic index at each of its values, is a
    true equation (the readback of tests/test_index_form.py)."""
    d = _derived("8-20-2 sigmoid mse")
    tex = d.to_latex() if kind == "article" else d.to_beamer()
    reader = Reader()
    for row in instantiated(rows(tex), (8, 20, 2)):
        reader.row(row)
    assert reader.checked >= 20
    assert reader.opaque == []


def test_nothing_expands_the_rule_trees_until_asked():
    """derive(loss, wrt=p) builds the path, not the rule trees; its text and documents do not
    build them either; gradient[p] does (along the path, under the default budget), and it
    agrees with the path's gradient: a2_2 = σ(Σₖ W2_2_k·a1_k + b2_2), the a1_k kept named."""
    loss = _loss("8-20-2 sigmoid mse")
    d = derive(loss, wrt="W2_2_11")
    assert d.text() and d.to_latex() and d._cache == {}
    p = symbol("W2_2_11")
    expanded = d.gradient[p]
    rng = random.Random(5)
    point = {s: sympy.Rational(rng.randint(-9, 9), 10) for s in expanded.free_symbols}
    z = sum(point[symbol(f"W2_2_{k}")] * point[symbol(f"a1_{k}")] for k in range(1, 21))
    point[symbol("a2_2")] = symgrad.sigmoid(z + point[symbol("b2_2")])
    difference = (expanded - d.path.gradient[p]).xreplace(point)
    assert abs(sympy.N(difference, 30)) < sympy.Float("1e-25")
    assert d.caveats == ()


def test_a_false_row_is_caught(monkeypatch):
    """The written-out gradient must equal the generic formula at the parameter: a δ written
    out with a factor 2 is an error, not a row."""
    real = path_module._written
    monkeypatch.setattr(path_module, "_written", lambda *args, **kw: 2 * real(*args, **kw))
    with pytest.raises(AssertionError, match="written out"):
        path_module.path_form(_loss("8-20-2 sigmoid mse"), [symbol("W1_3_5")])


def test_the_parameter_itself_is_checked():
    """The index form's check against sympy.diff includes the parameters asked for."""
    path = path_module.path_form(_loss("8-20-2 sigmoid mse"), [symbol("W1_3_5")])
    assert symbol("W1_3_5") in path.form.checked


def test_a_small_network_keeps_its_per_parameter_document():
    """Up to PATH_LIMIT parameters nothing changes: the whole chain, rule by rule."""
    d = derive(symgrad.mse(network("2-3-1")), wrt="W1_1_2")
    assert type(d).__name__ == "Derivation"
    assert "the one unit" not in d.text(steps=True)


def test_a_wide_network_without_an_index_form_keeps_the_rule_trees():
    """Softmax with the squared error has no index form: wrt= gets the rule trees along the
    path (the Derivation of before), not an error."""
    d = derive(symgrad.mse(network("30-10-3", "sigmoid", "softmax")), wrt="W1_1_3")
    assert type(d).__name__ == "Derivation" and "∂ℓ/∂W1_1_3" in d.text()


def test_a_softmax_inside_a_network_has_a_document_for_wrt():
    """A softmax in a hidden layer has no vector view: the per-parameter document leaves its
    index pattern out instead of raising a TypeError (it did, small or wide)."""
    net = symgrad.Sequential(symgrad.Dense(2, 2), symgrad.Softmax(), symgrad.Dense(2, 1))
    text = derive(symgrad.mse(net), wrt="W1_1_1").text()
    assert "δ⁽¹⁾_1 = ∂ℓ/∂z⁽¹⁾_1 = ∂ℓ/∂a⁽¹⁾_1·∂a⁽¹⁾_1/∂z⁽¹⁾_1 + ∂ℓ/∂a⁽¹⁾_2·∂a⁽¹⁾_2/∂z⁽¹⁾_1" in text


def test_a_wrong_name_is_one_short_line(cli):
    """A name the wide network has not: one line naming the first and last parameters, not
    all 23,860."""
    code, _, err = cli("derive", "--network", "784-30-10", "--wrt", "W1_1_785")
    assert code == 2 and err.count("\n") == 1 and len(err) < 200
    assert "W1_1_785 is not a parameter" in err and "W1_1_3, …, b2_10" in err


def test_the_cli_prints_the_weight_s_chain(cli):
    """`symgrad derive --network 784-30-10 … --wrt W1_1_3`: the weight's chain in full."""
    code, out, err = cli("derive", "--network", "784-30-10", "--activation", "sigmoid",
                         "--loss", "mse", "--wrt", "W1_1_3")
    assert code == 0, err
    assert "∂ℓ/∂W⁽¹⁾_1,3 = ∂ℓ/∂z⁽¹⁾_1·∂z⁽¹⁾_1/∂W⁽¹⁾_1,3" in out
    assert "δ⁽¹⁾_1 = (1 − a⁽¹⁾_1)·a⁽¹⁾_1 Σ[k=1..10] (W⁽²⁾_k,1·δ⁽²⁾_k)" in out
    assert out.splitlines()[-1].startswith("  W⁽¹⁾_1,3 ← W⁽¹⁾_1,3 − α·∂J/∂W⁽¹⁾_1,3")
