"""Plots in Chinese: titles, axis labels and legends from the catalogue, every glyph drawn."""

import warnings

import numpy as np
import pytest

import symgrad
from symgrad.analysis.kmeans import kmeans
from symgrad.i18n.language import language
from symgrad.render.plot import fit_plot, kmeans_plot


def _drawn(make, path):
    """The figure ``make(path)`` draws in zh, with matplotlib's missing-glyph warning an error."""
    with language("zh"), warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would fail here
        fig = make(path)
    assert path.stat().st_size > 0
    return fig


def _texts(fig):
    ax = fig.axes[0]
    legend = ax.get_legend()
    return ([ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
            + ([t.get_text() for t in legend.get_texts()] if legend else []))


def test_kmeans_plot_in_chinese(tmp_path):
    result = kmeans([[0, 0], [0, 1], [5, 5], [5, 6]], 2)
    fig = _drawn(lambda p: kmeans_plot(result, p), tmp_path / "k.png")
    title, *_, first, second, centers = _texts(fig)
    assert title == f"k 均值聚类，k = 2：{result.iterations} 次迭代后收敛，J = 1"
    assert (first, second, centers) == ("第 1 簇（2 个点）", "第 2 簇（2 个点）", "中心 μ")
    with language("en"):
        assert kmeans_plot(result).axes[0].get_title() == (
            f"k-means, k = 2: converged after {result.iterations} iteration"
            f"{'' if result.iterations == 1 else 's'}, J = 1")


def test_fit_curve_in_chinese(tmp_path):
    loss = symgrad.mse(symgrad.Model("w*x + b", inputs="x"))
    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])
    fit = symgrad.descend(loss, X, y, lr=0.1, steps=50)
    fig = _drawn(lambda p: fit_plot(fit, X, y, p), tmp_path / "fit.png")
    title, xlabel, ylabel, data, fitted = _texts(fig)
    assert title == "拟合的模型 f = b + w·x（均方误差损失）"
    assert (xlabel, ylabel, data) == ("x", "y", "数据")
    assert fitted.startswith("拟合：")
    loss_fig = _drawn(lambda p: fit.plot_loss(p), tmp_path / "loss.png")
    assert _texts(loss_fig)[:3] == ["梯度下降过程中的损失", "步数", "损失 J"]


def test_fit_boundary_in_chinese(tmp_path):
    loss = symgrad.bce(symgrad.Model("sigmoid(a*x1 + b*x2 + c)", inputs=["x1", "x2"]))
    X = np.array([[0.0, 0.0], [1.0, 0.2], [0.0, 1.0], [2.0, 2.0], [3.0, 1.0], [2.0, 3.0]])
    y = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    fit = symgrad.descend(loss, X, y, lr=0.5, steps=100)
    fig = _drawn(lambda p: fit_plot(fit, X, y, p), tmp_path / "boundary.png")
    texts = _texts(fig)
    assert texts[0] == "拟合的模型 f = σ(a·x1 + b·x2 + c)（二元交叉熵损失）"
    assert "决策边界 P = 0.5" in texts
    assert fig.axes[1].get_ylabel() == "预测的 P(y = 1)"


@pytest.mark.parametrize("lang, label", [("en", "step 30"), ("zh", "第 30 步")])
def test_many_descent_points_are_named_by_step(lang, label):
    from symgrad.render.plot import _point_labels

    with language(lang):
        assert _point_labels(40, [0, 30, 39])[30] == label
