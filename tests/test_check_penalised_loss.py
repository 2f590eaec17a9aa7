r"""The checker and a penalised cost (issue 20): J = (1/m) Σᵢ ℓᵢ + λ/(2m) Σ w² (or (λ/m) Σ |w|).

A penalised cost written the way students write it — the batch sum plus the penalty, the
textbook's one bracket 1/(2m)[Σ (…)² + λ Σ w²], or per sample ℓ + λ/(2m)·w² — is right; a
cost without its penalty, with the wrong factor, or with the bias penalised is wrong, with a
counterexample and a hint naming the penalty.  Every verdict below was decided by hand; the
expected cost is confirmed against J computed from its definition over a data set.  The same
verdicts through the command line, a grading file and the web page's check.
"""

from __future__ import annotations

import csv
import io

import pytest
import sympy

from symgrad import Model, bce, check_gradient, check_loss, mse
from symgrad.check.grade import Problem, grade_rows
from symgrad.parsing import symbol
from symgrad.penalty import M

LINEAR = Model("w1*x1 + w2*x2 + b", inputs="x1, x2")
L2 = mse(LINEAR, l2="1/10")
L1 = mse(LINEAR, l1="1/10")
PLAIN = mse(LINEAR)
NEURON = bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2"), l2="1/2")
PENALTY_L2 = "(w1² + w2²)/(20·m)"

# (loss, claimed, status, hint): decided by hand.
TABLE = [
    # right: the batch cost with its penalty, in every way it is written
    (L2, r"\frac{1}{2m}\sum_{i=1}^{m}(f(x_i)-y_i)^2+\frac{\lambda}{2m}\sum_{j}w_j^2",
     "right", None),
    (L2, r"\frac{1}{2m}\left[\sum_{i=1}^{m}(f(x_i)-y_i)^2+\lambda\sum_{j=1}^{n}w_j^2\right]",
     "right", None),
    (L2, r"\frac{1}{2m}\sum_{i=1}^{m}(f(x_i)-y_i)^2+\frac{1}{20m}(w_1^2+w_2^2)", "right", None),
    (L2, r"\frac{1}{2m}\sum_{i=1}^{m}(f(x_i)-y_i)^2+\frac{\lambda}{2m}\|w\|^2", "right", None),
    (L2, "1/(2m) Σ (f - y)² + λ/(2m)·Σ w²", "right", None),
    (L2, "1/(2m) * sum (f - y)^2 + lambda/(2m) * ||w||^2", "right", None),
    (L2, "(f - y)^2/2 + (w1^2 + w2^2)/(20m)", "right", None),
    (L2, "(f - y)^2/2 + w1^2/(20m) + w2^2/(20*m)", "right", None),
    (L2, "(w1*x1 + w2*x2 + b - y)^2/2 + (w1^2 + w2^2)/(20*m)", "right", None),
    (L2, "(f - y)^2/2 + (1/10)/(2m)*‖w‖²", "right", None),
    # wrong: the penalty forgotten, its factor wrong, the bias penalised, L1 for L2
    (L2, r"\frac{1}{2m}\sum_{i=1}^{m}(f(x_i)-y_i)^2", "wrong", "penalty"),
    (L2, "(f - y)^2/2", "wrong", "penalty"),
    (L2, r"\frac{1}{2m}\sum_{i=1}^{m}(f(x_i)-y_i)^2+\frac{\lambda}{m}\sum_{j}w_j^2",
     "wrong", "penalty"),
    (L2, "(f - y)^2/2 + λ/2*‖w‖²", "wrong", "penalty"),
    (L2, "(f - y)^2/2 + λ/(2m)*(w1^2 + w2^2 + b^2)", "wrong", "penalty"),
    (L2, "(f - y)^2/2 + λ/m*Σ|w|", "wrong", "penalty"),
    (L2, "(f - y)^2/2 + λ/(2m)*w1^2", "wrong", "penalty"),
    # wrong in ℓ, the penalty right: the sum without 1/m, the square's ½ missing
    (L2, "Σ (f - y)^2/2 + λ/(2m)·Σ w²", "wrong", "forgot 1/m"),
    (L2, "(f - y)^2 + (w1^2 + w2^2)/(20m)", "wrong", "factor"),
    # L1
    (L1, "(f - y)^2/2 + λ/m·Σ|w|", "right", None),
    (L1, r"\frac{1}{2m}\sum_{i=1}^{m}(f(x_i)-y_i)^2+\frac{\lambda}{m}\|w\|_1", "right", None),
    (L1, r"\frac{1}{2m}\sum_{i=1}^{m}(f(x_i)-y_i)^2+\frac{\lambda}{m}\sum_j |w_j|", "right",
     None),
    (L1, "(f - y)^2/2 + λ/(2m)·Σ w²", "wrong", "penalty"),
    (L1, "(f - y)^2/2", "wrong", "penalty"),
    # ℓ multiplied out: a term in weights alone (w²/2 of (w + b·x − y)²/2) is ℓ's, not a penalty
    (mse(Model("w + b*x", inputs="x")), "w^2/2 + b^2 x^2/2 + y^2/2 + w b x - w y - b x y",
     "right", None),
    # a loss without a penalty: a penalty in the answer is wrong, and said to be
    (PLAIN, "(f - y)^2/2", "right", None),
    (PLAIN, "(f - y)^2/2 + (w1^2 + w2^2)/(20m)", "wrong", "penalty"),
    # cross-entropy, written as students write its sum, plus the penalty
    (NEURON, r"-\frac{1}{m}\sum_{i=1}^{m} y_i\log f(x_i) + (1-y_i)\log(1-f(x_i))"
             r" + \frac{\lambda}{2m}\sum_j w_j^2", "right", None),
    (NEURON, r"-\frac{1}{m}\sum_{i=1}^{m} f(x_i)\log y_i + (1-f(x_i))\log(1-y_i)"
             r" + \frac{\lambda}{2m}\sum_j w_j^2", "wrong", "swapped"),
    (NEURON, r"-\frac{1}{m}\sum_{i=1}^{m} y_i\log f(x_i) + (1-y_i)\log(1-f(x_i))",
     "wrong", "penalty"),
]


@pytest.mark.parametrize(("loss", "claimed", "status", "hint"), TABLE,
                         ids=[f"{k}-{row[2]}" for k, row in enumerate(TABLE)])
def test_a_penalised_cost_is_judged_as_decided_by_hand(loss, claimed, status, hint):
    verdict = check_loss(loss, claimed)
    assert (verdict.status, verdict.hint) == (status, hint)
    if hint != "forgot 1/m" and status == "wrong":  # decided at an exact point
        point = verdict.counterexample.point
        assert all(isinstance(v, sympy.Rational) for v in point.values())
        if M in point:  # m counts samples: a whole number ≥ 1
            assert point[M].is_integer and point[M] >= 1


def test_an_expanded_loss_is_not_read_as_a_penalty():
    """Without λ, a sum over w or m, a term in the weights alone belongs to ℓ: no note."""
    verdict = check_loss(mse(Model("w + b*x", inputs="x")),
                         "w^2/2 + b^2 x^2/2 + y^2/2 + w b x - w y - b x y")
    assert str(verdict.message) == "Right."


def test_the_hints_name_the_penalty_and_its_factor():
    """The hint says which penalty is owed, and what was written instead."""
    missing = check_loss(L2, "(f - y)^2/2")
    assert f"the cost has the penalty {PENALTY_L2} too" in str(missing.message)
    assert str(missing.message).startswith("Wrong: at ")
    factor = check_loss(L2, "(f - y)^2/2 + λ/2*‖w‖²")
    assert f"the penalty is {PENALTY_L2}, not w1²/20 + w2²/20" in str(factor.message)
    extra = check_loss(PLAIN, "(f - y)^2/2 + (w1^2 + w2^2)/(20m)")
    assert "this loss has no penalty: (w1² + w2²)/(20·m) is not part of it" in str(extra.message)


def test_the_reading_of_the_penalty_is_stated():
    """λ and Σⱼ wⱼ² are read, and the verdict says as what."""
    verdict = check_loss(L2, "1/(2m) Σ (f - y)² + λ/(2m)·Σ w²")
    assert "read λ/(2m)·Σ w² as the penalty (w1² + w2²)/(20·m)." in str(verdict.message)
    assert str(verdict.task) == ("the cost J of the mean squared error with the L2 penalty "
                                 "λ/(2m)·Σ w², λ = 1/10")


def test_the_expected_cost_averages_to_j_over_a_data_set():
    """The checker's expected ℓ + P, averaged over m samples, is J = (1/m) Σ ℓᵢ + λ/(2m) Σ w²
    computed from its definition (sympy, exact)."""
    verdict = check_loss(L2, "(f - y)^2/2 + (w1^2 + w2^2)/(20m)")
    rows = [(1, 2, 3), (sympy.Rational(1, 2), -1, 0), (2, 0, 1)]
    x1, x2, y, w1, w2, b = (symbol(n) for n in ("x1", "x2", "y", "w1", "w2", "b"))
    f = symbol("f")
    model = w1 * x1 + w2 * x2 + b
    expected = verdict.expected.xreplace({f: model, M: len(rows)})
    mean = sympy.Add(*[expected.xreplace({x1: a, x2: c, y: t}) for a, c, t in rows]) / 3
    by_definition = sympy.Add(*[(model - y).xreplace({x1: a, x2: c, y: t})**2 / 2
                                for a, c, t in rows]) / 3 + sympy.Rational(1, 10) / 6 * (
                                    w1**2 + w2**2)
    assert sympy.expand(mean - by_definition) == 0


def test_a_penalty_that_cannot_be_read_is_quoted_as_typed():
    """λ/(2m) w² has two readings (a/b c): refused, quoting λ — not the number read for it."""
    from symgrad.errors import ParseError

    with pytest.raises(ParseError, match=r"'λ/\(2m\) w²': after a division"):
        check_loss(L2, "1/(2m) Σ (f - y)² + λ/(2m) w²")


def test_lambda_in_a_gradient_is_the_strength():
    """∂J/∂w1 written with λ: λ is read as the loss's strength, and said."""
    verdict = check_gradient(L2, "w1", r"(f - y) x_1 + \frac{\lambda}{m} w_1")
    assert verdict.status == "right"
    assert "read λ as 1/10, the penalty's strength." in str(verdict.message)
    half = check_gradient(L2, "w1", "(f - y)*x1 + λ*w1/(2*m)")
    assert half.hint == "penalty"
    assert "the penalty's term of ∂J/∂w1 is w1/(10·m), not w1/(20·m)" in str(half.message)


def test_the_command_line_checks_a_penalised_cost(capsys):
    """symgrad check --loss mse --l2 λ (the cost), and with --wrt (a gradient)."""
    from symgrad.cli import main

    base = ["check", "--loss", "mse", "--model", "w*x + b", "--inputs", "x", "--l2", "1/10"]
    assert main([*base, "--claimed", r"\frac{1}{2m}\sum_{i=1}^{m}(w x_i+b-y_i)^2"
                 r" + \frac{\lambda}{2m}w^2"]) == 0
    assert capsys.readouterr().out.startswith("right: the cost J of the mean squared error")
    assert main([*base, "--claimed", "1/(2m) Σ (f - y)²"]) == 1
    assert "Hint: the cost has the penalty w²/(20·m) too" in capsys.readouterr().out
    assert main([*base, "--wrt", "w", "--claimed", "(f - y)*x + w/(10m)"]) == 0
    assert main([*base, "--wrt", "w", "--claimed", "(f - y)*x"]) == 1
    assert "the penalty's term w/(10·m) is missing" in capsys.readouterr().out


PROBLEMS = """id,expr,wrt,loss,inputs,l2
J,w*x + b,,mse,x,1/10
dJdw,w*x + b,w,mse,x,1/10
plain,x^2,x,,,
hinge,w*x + b,,hinge,x,
"""
ANSWERS = [("ana", "J", "1/(2m) Σ (f - y)² + λ/(2m)·w²", "right"),
           ("ben", "J", "1/(2m) Σ (f - y)²", "wrong"),
           ("cy", "J", "(f - y)^2/2 + λ/m·w^2", "wrong"),
           ("dan", "dJdw", "(f - y)*x + w/(10m)", "right"),
           ("eve", "dJdw", "(f - y)*x", "wrong"),
           ("fay", "plain", "2x", "right"),
           ("gus", "hinge", "x", "not graded")]


def test_grading_rows_of_a_penalised_cost():
    """A problem file's row with loss, inputs and l2: the cost J (wrt empty) or ∂J/∂wrt."""
    problems = {row["id"]: Problem.from_row(row)
                for row in csv.DictReader(io.StringIO(PROBLEMS))}
    rows = [{"student": s, "problem": p, "answer": a} for s, p, a, _ in ANSWERS]
    graded = list(grade_rows(rows, problems, jobs=1))
    assert [r.status for r in graded] == [status for *_, status in ANSWERS]
    assert list(grade_rows(rows, problems, jobs=2)) == graded  # N at a time: the same
    assert graded[0].expected == "(f − y)²/2 + w²/(20·m)"
    assert graded[3].expected == "x·(b + w·x − y) + w/(10·m)"
    assert "the cost has the penalty w²/(20·m) too" in graded[1].message
    assert "unknown loss 'hinge'" in graded[6].message
