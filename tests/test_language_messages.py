"""Errors, warnings and command-line results in Chinese: no English left in what a person reads.

Each case is a representative failing input, run through the command line (or the library)
under ``--lang zh``; what remains of the message after the quoted formulas, option names and
``name=`` keywords are taken out may hold no ASCII word of four or more letters except the
technical tokens below.  The same inputs in English give the English messages of old.
"""

import re

import pytest

import symgrad
from symgrad.errors import TooExpensive, said
from symgrad.i18n.language import language
from symgrad.runtime.budget import describe
from tests.catalogues import CHINESE, ENGLISH

#: Words a Chinese message may keep: names of programs, formats, functions and file types.
TECHNICAL = {"symgrad", "SymPy", "NumPy", "LaTeX", "ASCII", "Python", "ANTLR", "pdflatex",
             "xelatex", "sigmoid", "Sigmoid", "Softmax", "softmax", "tanh", "relu", "softplus",
             "numba", "Dense",
             "Sequential", "Loss", "Model", "Matrix", "Symbol", "Rational", "Fraction", "True",
             "False", "cross_entropy", "diff_steps", "stationary_points", "explain_minimum",
             "network_chain", "gradient_algebra", "backprop", "derive", "trace_plot",
             "fit_plot", "exact", "init", "check", "serve", "grade", "frac", "sqrt", "cdot",
             "DEBUG", "SYMGRAD", "Ctrl", "antlr", "runtime", "python", "Debian", "MiB",
             "texlive", "apt", "install", "symgrad_lang", "Euler", "NaN", "data", "missing"}
#: The function names the parser lists in its messages (they are names, not English).
TECHNICAL |= {*__import__("symgrad.parsing.core").parsing.grammar.FUNCTIONS, "sigma"}
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|“[^”]*”")
_OPTION = re.compile(r"--[a-z][a-z-]*|\b[a-z_]+=")
_PATH = re.compile(r"\S*/\S*|\S+\.(?:csv|pdf|png|tex|md)\b")


def english_words(message: str) -> set[str]:
    """The ASCII words of ≥ 4 letters left once quotations, options and paths are removed.

    >>> sorted(english_words("无法读取公式 'w*(x'：第 3 列的 '(' 没有闭合; missing --inputs"))
    []
    >>> sorted(english_words("symgrad：错误：cannot read it"))
    ['cannot', 'read']
    """
    text = _PATH.sub(" ", _OPTION.sub(" ", _QUOTED.sub(" ", message)))
    return {w for w in re.findall(r"[A-Za-z][A-Za-z_]{3,}", text) if w not in TECHNICAL}


@pytest.fixture
def bad_csv(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("x,y\n1,2\n2,oops\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def diverging_csv(tmp_path):
    path = tmp_path / "line.csv"
    path.write_text("x,y\n" + "".join(f"{i},{2 * i + 1}\n" for i in range(1, 6)),
                    encoding="utf-8")
    return str(path)


#: (command line, a Chinese phrase its error must say); {bad}, {line}, {tmp} are filled in.
CASES = [
    (["derive", "w*(x", "--inputs", "x"], "没有闭合"),
    (["derive", "w*x"], "请给出模型公式和 --inputs"),
    (["derive", "w*x", "--inputs", "x", "--timeout", "abc"], "应为秒数"),
    (["derive", "w*x + 2**(10**100)", "--inputs", "x"], "无法精确计算"),
    (["derive", "sigma*x", "--inputs", "x"], "Sigmoid 函数 σ"),
    (["derive", "w*x", "--inputs", "y"], "没有出现在模型中"),
    (["derive", "w.real*x", "--inputs", "x"], "属性访问"),
    (["derive", "foo(x)*w", "--inputs", "x"], "不是我认识的函数"),
    (["steps", "x +"], "后面还应有一项"),
    (["steps", "1/0 + x"], "除以零"),
    (["explain", "x**2 + y", "--wrt", "x"], "还依赖于"),
    (["trace", "x**2", "--start", "x=1", "--lr", "-1", "--steps", "3"], "必须为正"),
    (["trace", "x**2", "--start", "x=1", "--lr", "1", "--steps", "many"], "步数应为整数"),
    (["check", "--claimed", "x"], "检查导数"),
    (["check", "--f", "x^2", "--wrt", "x", "--claimed", "2x", "--timeout", "9999"], "之间"),
    (["fit", "w*x + b", "--inputs", "x", "--data", "{tmp}/none.csv", "--lr", "0.1",
      "--steps", "5"], "没有这个文件或目录"),
    (["fit", "w*x + b", "--inputs", "x", "--data", "{bad}", "--lr", "0.1",
      "--steps", "5"], "应为数"),
    (["fit", "w*x + b", "--inputs", "x", "--data", "{line}", "--lr", "5", "--steps", "50"],
     "梯度下降在第"),
    (["fit", "w*x + b", "--inputs", "x", "--data", "{line}", "--lr", "0.1",
      "--steps", "5", "--plot", "{tmp}/nowhere/a.png"],
     "不存在"),
    (["grade", "{tmp}/none.csv"], "无法读取"),
    (["derive", "w*x", "--inputs", "x", "--lang", "fr"], "未知的语言"),
    (["fit", "log(w*x)", "--inputs", "x", "--data", "{line}", "--lr", "1", "--steps", "5",
      "--init", "w=-1"], "对非正数取对数"),
    (["fit", "w*x", "--inputs", "x", "--data", "{line}", "--lr", "1", "--steps", "1",
      "--backend", "fast"], "无效的选项"),
]


@pytest.mark.parametrize("argv, phrase", CASES, ids=[" ".join(c[0][:2]) + f"-{i}"
                                                     for i, c in enumerate(CASES)])
def test_command_line_errors_are_chinese(cli, argv, phrase, bad_csv, diverging_csv, tmp_path,
                                         monkeypatch):
    monkeypatch.setenv("SYMGRAD_LANG", "zh")
    argv = [a.format(bad=bad_csv, line=diverging_csv, tmp=tmp_path) for a in argv]
    code, out, err = cli(*argv)
    assert code == 2 and out == "", (out, err)
    assert err.startswith("symgrad：") and err.count("\n") == 1, err
    assert phrase in err, err
    assert english_words(err) == set(), err


def test_the_same_errors_stay_english_by_default(cli):
    """English is the default, and its words did not change."""
    assert cli("derive", "w*(x", "--inputs", "x")[2] == (
        "symgrad: error: cannot read model 'w*(x': '(' at column 3 is never closed\n")
    assert cli("steps", "1/0 + x")[2] == (
        "symgrad: error: cannot read the formula '1/0 + x': '1/0' divides by zero\n")


def test_library_errors_take_the_language_when_printed():
    """An exception keeps its message key: printed in zh it is Chinese, in en English."""
    with pytest.raises(ValueError) as caught:
        symgrad.Model("a*x", inputs=["y"])
    with language("zh"):
        assert str(caught.value) == "输入 y 没有出现在模型中；输入必须是公式中的符号（a, x）"
    assert str(caught.value) == ("the input y does not appear in the model; inputs must be "
                                 "symbols of the formula (a, x)")
    with pytest.raises(ValueError) as caught:
        symgrad.kmeans([[0, 0], [1, 1]], 3)
    with language("zh"):
        assert english_words(str(caught.value)) == set(), str(caught.value)


def test_too_expensive_in_chinese():
    error = TooExpensive(describe("deriving", "x**(10**100)"), 5)
    with language("zh"):
        assert str(error) == "无法判定：推导 'x**(10**100)'，开销太大，无法在 5 秒内完成判定"
    assert str(error) == ("undecided: deriving 'x**(10**100)' is too expensive to decide "
                          "within 5 s")
    import pickle

    with language("zh"):  # the budget's child sends it back pickled: the key survives
        assert str(pickle.loads(pickle.dumps(error))).startswith("无法判定：推导")


def test_fit_output_in_chinese(cli, tmp_path):
    data = tmp_path / "line.csv"
    data.write_text("x,y\n0,1\n1,3\n2,5\n", encoding="utf-8")
    code, out, err = cli("fit", "w*x + b", "--inputs", "x", "--data", str(data), "--lr",
                         "0.1", "--steps", "20", "--plot", str(tmp_path / "j.png"), "--lang", "zh")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "参数  值"
    assert sorted(line[:6] for line in lines[1:3]) == ["b     ", "w     "]
    assert re.fullmatch(r"20 步后的损失 J：\S+（初始为 \S+）", lines[-1])
    assert err == f"已写入 {tmp_path / 'j.png'}\n已写入 {tmp_path / 'j-fit.png'}\n"


def test_grade_summary_in_chinese(cli, tmp_path):
    from pathlib import Path

    homework = Path(__file__).resolve().parents[1] / "examples" / "homework"
    code, out, _ = cli("grade", str(homework / "answers.csv"), "--problems",
                       str(homework / "problems.csv"), "--out", str(tmp_path / "r"),
                       "--lang", "zh")
    first = out.splitlines()[0].split()
    assert first == ["题目", "正确", "错误", "无法判定", "无法读取", "未评分"]
    assert f"报告：{tmp_path / 'r.csv'}、{tmp_path / 'r.md'}" in out
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert report.startswith("# 评分报告\n\n| 行 | 学生 | 题目 | 答案 | 结果 | 说明 |")
    assert "## 各题汇总" in report
    assert (tmp_path / "r.csv").read_text().startswith("line,student,problem")  # data stay


def test_step_hints_in_chinese():
    from symgrad.check import check_step

    with language("zh"):
        verdict = check_step("x**2", {"x": 1}, "1/4", {"x": "3/2"})
    assert verdict.ok is False
    assert "梯度被加上了，而不是减去" not in verdict.message  # worded when printed: English here
    with language("zh"):
        assert "梯度被加上了，而不是减去" in verdict.message
        assert english_words(str(verdict.message)) == set(), verdict.message
        assert english_words(str(verdict.task)) == set(), verdict.task


def test_every_message_key_words_alike():
    """Every error key renders in both languages with the same values (no IndexError)."""
    zh = CHINESE
    for key, english in ENGLISH.items():
        if not key.startswith("err."):
            continue
        count = len({m for m in re.findall(r"(?<!\{)\{(\d+)", english)})
        values = ["v"] * count
        with language("zh"):
            worded = str(said(key, *[1.5 if ":" in english else v for v in values]))
        assert worded == zh[key].replace("$", "").format(
            *[1.5 if ":" in english else v for v in values])


def test_a_message_with_an_unpicklable_value_survives_the_budget():
    """The budget pickles a child's exception; a value that cannot be pickled travels as
    its printed forms, and the message is still worded in the caller's language."""
    import pickle
    import threading

    lock = threading.Lock()
    error = ValueError(said("err.chain.not-weight-or-bias", "W9", lock, "a, b"))
    back = pickle.loads(pickle.dumps(error))
    assert str(back) == f"W9 is not a weight or bias of {lock!r} (its parameters: a, b)"
    with language("zh"):
        assert str(back) == f"W9 不是 {lock!r} 的权重或偏置（它的参数：a, b）"


def test_the_web_gate_caches_a_result_per_language():
    """A cached result holds words: the same form in another language is computed again."""
    from symgrad.i18n.language import phrase
    from symgrad.runtime.budget import Budget
    from symgrad.web.gate import Gate

    gate = Gate(Budget(seconds=5, memory_mb=512), slots=1)
    with language("zh"):
        assert gate.run(phrase, "web.fit", what="adding") == "拟合"
    assert gate.run(phrase, "web.fit", what="adding") == "Fit" and gate.hits == 0
    assert gate.run(phrase, "web.fit", what="adding") == "Fit" and gate.hits == 1


# --- present3: Extrema.note and verdict messages are worded when printed ---


def test_extrema_note_is_worded_in_the_language_in_force():
    e = symgrad.stationary_points("(x - y)**2")  # computed in English
    assert str(e.note) == ("∇f = 0 has infinitely many solutions (x = y): a whole curve or "
                           "surface of stationary points, not classified here")
    with language("zh"):
        assert str(e.note) == "∇f = 0 有无穷多个解（x = y）：驻点构成一整条曲线或曲面，这里不作判别"
        assert "注意：∇f = 0 有无穷多个解（x = y）" in e.text()
        assert english_words(e.text()) == set(), e.text()


def test_periodic_and_caveat_notes_in_chinese():
    # x + 2 sin(x) is not periodic, but f′ = 1 + 2 cos(x) has periodic roots (sin(x) itself
    # is decided on one period: tests/test_periodic_minimum.py).
    periodic = symgrad.explain_minimum("x + 2*sin(x)")
    caveat = symgrad.explain_minimum("abs(x - 3) + x**2")
    with language("zh"):
        assert str(symgrad.explain_minimum("sin(x)").note).startswith("f 是周期为 2·π 的周期函数")
        assert str(periodic.note).startswith("f′(x) = 0 有无穷多个周期性重复的解：x = ")
        assert str(periodic.note).endswith("（n 为任意整数）；不逐一判别")
        assert "最小值可能位于那里，而那里并不是驻点" in caveat.note
    assert "a minimum may sit there without being a stationary point" in caveat.note


def test_verdict_messages_follow_the_language_after_the_check():
    from symgrad.check import check_derivation, check_derivative

    wrong = check_derivative("x^2", "x", "2x+1")
    lines = check_derivation("x^3", "x", ["3x^2", "3x"])
    assert str(wrong.message).startswith("Wrong: at x = 1: expected 2, claimed 3. Hint: ")
    assert str(lines.message) == ("Wrong: line 2 does not equal line 1: at x = 2 line 1 is 12, "
                                  "line 2 is 6.")
    with language("zh"):
        assert str(wrong.message).startswith("错误：在 x = 1 处：正确值为 2，你的答案为 3。提示：")
        assert str(lines.message) == ("错误：第 2 行不等于第 1 行："
                                      "在 x = 2 处第 1 行为 12，第 2 行为 6。")
        assert str(lines.task) == "d/dx (x³)，共 2 行"
        for v in (wrong, lines):
            assert english_words(v.text()) == set(), v.text()


def test_a_budgeted_verdict_travels_as_key_and_values():
    """The check runs in a forked child; its verdict comes back pickled, still unworded."""
    import pickle

    from symgrad.check import check_derivative

    v = pickle.loads(pickle.dumps(check_derivative("x^3", "x", "3x^2")))
    assert str(v.message) == "Right."
    with language("zh"):
        assert str(v.message) == "正确。"


def test_kmeans_summary_and_trace_warnings_follow_the_language_when_shown():
    """A k-means run and a trace computed once read in English and in Chinese."""
    from symgrad import kmeans, trace_descent
    from symgrad.i18n.language import language

    r = kmeans([[0, 0], [0, 2], [10, 10]], 2)
    t = trace_descent("x**2", start={"x": 1}, lr=1.5, steps=3)
    assert r.text().splitlines()[:3] == [
        "k-means, k = 2, 3 points in 2 dimensions: converged after 1 iteration, J = 2",
        "  μ1 = (10, 10)   1 point", "  μ2 = (0, 1)   2 points"]
    assert str(t.warnings[0]).startswith("the path diverges: f grew at every step from 1 to 64")
    with language("zh"):
        assert r.text().splitlines()[:3] == [
            "k 均值聚类，k = 2，2 维空间中的 3 个点：1 次迭代后已收敛，J = 2",
            "  μ1 = (10, 10)   1 个点", "  μ2 = (0, 1)   2 个点"]
        assert str(t.warnings[0]).startswith(
            "路径发散：点越走越远，f 每一步都在增大，从 1 增大到 64")
        stuck = trace_descent("x**2", start={"x": 0}, lr="1/10", steps=2)
        assert str(stuck.warnings[0]) == (
            "起点 x = 0 处梯度为零：梯度下降永远不会离开这个驻点（它是极小值点，无需再走）")
