"""Every check ends within its time budget: decided cheaply where it can be, "undecided: … too
expensive to decide within N s" where it cannot — never a hang, never a MemoryError."""

import time

import pytest
from processes import cpu_clock

from symgrad import Model, ParseError, mse
from symgrad.check import check_derivation, check_derivative, check_gradient, check_loss, check_step
from symgrad.runtime.budget import Budget

BUDGET = 2.0
MARGIN = 2.0  # fork, pickling and a busy machine
TOO_EXPENSIVE = f"undecided: checking this answer is too expensive to decide within {BUDGET:g} s"

MAX_999 = "max(" + ",".join(f"x + {k}" for k in range(999)) + ")"


def _timed(fn, *args, **kwargs):
    """``fn(...)``, which must end within its budget: the budget is CPU time (of this process
    and its budgeted children), so the bound is on CPU time; the wall clock, which a busy
    machine stretches, only within the budget's wall limit."""
    start, cpu = time.monotonic(), cpu_clock()
    result = fn(*args, **kwargs)
    elapsed, used = time.monotonic() - start, cpu_clock() - cpu
    assert used < BUDGET + MARGIN, f"took {used:.1f} s of CPU"
    assert elapsed < Budget(BUDGET).wall + MARGIN, f"took {elapsed:.1f} s"
    return result


@pytest.mark.parametrize(("function", "claimed", "ok"), [
    ("x**(10**100)", "x", False),  # 2^(10^100) is never computed exactly
    ("x**(10**100)", "10**100 * x**(10**100 - 1)", True),
    ("(x+y+z+w+1)**40", "40*(x+y+z+w+1)**38", False),  # no expanding the 40th power
    ("(x+y+z+w+1)**40", "40*(x+y+z+w+1)**39", True),
    ("exp(exp(exp(exp(x))))", "exp(x)", False),  # points where it overflows are skipped
])
def test_huge_cases_are_decided_cheaply(function, claimed, ok):
    """The issue's hangs, decided within the budget by bounded evaluation."""
    verdict = _timed(check_derivative, function, "x", claimed, timeout=BUDGET)
    assert verdict.ok is ok, verdict.text()


def test_a_huge_counterexample_is_shown_approximately():
    """x^(10^100) vs x: at x = 1 the derivative is 10^100, shown as ≈ 1e+100, not computed."""
    verdict = _timed(check_derivative, "x**(10**100)", "x", "x", timeout=BUDGET)
    assert "expected ≈ 1.00000e+100, claimed 1" in verdict.message


@pytest.mark.parametrize(("function", "claimed"), [
    (MAX_999, "2"),
    ("exp(exp(exp(exp(x))))",
     "exp(exp(exp(exp(x))))*exp(exp(exp(x)))*exp(exp(x))*exp(x) + 0*sin(x)"),
])
def test_what_cannot_be_decided_in_time_is_undecided(function, claimed):
    """A max of 999 arguments: undecided past the budget, never "right", never a hang."""
    verdict = _timed(check_derivative, function, "x", claimed, timeout=BUDGET)
    assert verdict.ok is not True or claimed.endswith("0*sin(x)")
    if verdict.ok is None:
        assert verdict.message.startswith(TOO_EXPENSIVE)
        assert verdict.expected is None and "(not computed)" in verdict.text()


def test_check_step_of_a_huge_power_is_undecided_not_a_memory_error():
    """check_step of x^(10^100) from x = 2 would need 2^(10^100): undecided within the budget."""
    verdict = _timed(check_step, "x**(10**100)", {"x": 2}, "0.1", {"x": 1}, timeout=BUDGET)
    assert verdict.ok is None and verdict.message.startswith(TOO_EXPENSIVE)


def test_check_loss_regex_cannot_backtrack():
    """'1/m' + 3,000 spaces + '?' is refused at once (the batch form is matched on collapsed
    white space, after a length check)."""
    loss = mse(Model("w*x + b", inputs="x"))
    start = time.monotonic()
    with pytest.raises(ParseError, match="cannot read the claimed answer"):
        check_loss(loss, "1/m" + " " * 3000 + "?", timeout=BUDGET)
    assert time.monotonic() - start < 1.5
    start = time.monotonic()
    with pytest.raises(ParseError, match="characters long"):
        check_loss(loss, "1/m" + " " * 20_000 + "(f-y)^2", timeout=BUDGET)
    assert time.monotonic() - start < 1.5


def test_every_check_takes_a_timeout():
    """check_gradient and check_derivation take timeout= as the others do."""
    loss = mse(Model("w*x + b", inputs="x"))
    # Answers that are cheap to decide, with a budget a loaded CI machine cannot exhaust
    # (the first budgeted call in a process with threads also starts the budget's helper).
    assert check_gradient(loss, "w", "(f - y)*x", timeout=30).ok is True
    assert check_derivation("x^3", "x", ["3x^2"], timeout=30).ok is True
    with pytest.raises(ValueError, match="positive number of seconds"):
        check_gradient(loss, "w", "(f - y)*x", timeout=-1)


def test_the_default_budget_is_a_few_seconds(monkeypatch):
    """Without timeout=, a check has 5 s (SYMGRAD_TIMEOUT overrides it)."""
    from symgrad.check.core import budget_for

    monkeypatch.delenv("SYMGRAD_TIMEOUT", raising=False)
    assert budget_for(None).seconds == 5.0
    monkeypatch.setenv("SYMGRAD_TIMEOUT", "7")
    assert budget_for(None).seconds == 7.0


@pytest.mark.parametrize("answer", ["x" * 20_000, "x" * 5_000, "xy" * 4_000 + "(", "2 x " * 2_400])
def test_long_answers_are_read_or_refused_at_once(answer):
    """Reading paper notation never searches long runs of letters: refused or read at once."""
    start = time.monotonic()
    try:
        verdict = check_derivative("x^2", "x", answer, timeout=BUDGET)
    except ParseError as error:
        assert str(error).count("\n") == 0
    else:
        assert verdict.ok is False
    assert time.monotonic() - start < BUDGET + MARGIN
