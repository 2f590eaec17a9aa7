"""A budgeted child is judged by the CPU time it used, not by how busy the machine was
(issue 23); it works without ``resource`` and ``fork``.  What is left behind when a parent or
a child is killed is tests/test_redteam_orphans.py's."""

import subprocess
import sys
import textwrap
import time

import pytest

from symgrad.errors import TooExpensive
from symgrad.runtime.budget import Budget, within_budget


def _spin(seconds):
    """Compute (never wait) for ``seconds`` of CPU time."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def _bce_check(seconds):
    import symgrad
    from symgrad.check import check_loss

    bce = symgrad.bce(symgrad.Model("sigmoid(w*x + b)", inputs="x"))
    article = (r"-\frac{1}{m}\sum_{i=1}^{m}\left(f(x_{i}) \log(y_{i}) + (1 - f(x_{i})) "
               r"\log(1 - y_{i})\right)")
    start = time.monotonic()
    verdict = check_loss(bce, article, timeout=seconds)
    return verdict.status, verdict.hint, time.monotonic() - start


def test_a_verdict_does_not_change_beside_a_cpu_hog():
    """The check takes ~0.7 s of CPU.  Beside three processes that spin on the two cores it
    takes longer in wall time than its 1.5 s budget, and still gets the same verdict."""
    quiet = _bce_check(1.5)
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(3)]
    try:
        time.sleep(0.5)
        busy = [_bce_check(1.5) for _ in range(2)]
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    assert quiet[:2] == ("wrong", "swapped")
    assert [b[:2] for b in busy] == [quiet[:2]] * 2
    print(f"wall time quiet {quiet[2]:.2f} s, beside the hogs {busy[0][2]:.2f} / "
          f"{busy[1][2]:.2f} s for a 1.5 s CPU budget")


def test_sleeping_is_ended_soon_after_its_seconds_computing_is_not():
    """A child that waits uses no CPU: ended about a second after its budget in wall time."""
    start = time.monotonic()
    with pytest.raises(TooExpensive):
        within_budget(time.sleep, 60, budget=Budget(0.5))
    assert time.monotonic() - start < 5


def test_a_wall_deadline_is_kept_when_asked_for():
    start = time.monotonic()
    with pytest.raises(TooExpensive):
        within_budget(_spin, 30, budget=Budget(30, wall_seconds=1))
    assert time.monotonic() - start < 5


HIDDEN = textwrap.dedent("""
    import os, sys, time
    sys.modules["resource"] = None   # no rlimits, as on Windows
    del os.fork                       # no fork: budgets use spawned worker processes
    import symgrad
    from symgrad.runtime.budget import ENFORCED, within_budget
    from symgrad.errors import TooExpensive
    if __name__ == "__main__":
        print(ENFORCED)
        print(within_budget(sum, [1, 2, 3], budget=60))
        print(symgrad.check_derivative("sin(x^2)", "x", "2x cos(x^2)", timeout=60).ok)
        try:
            within_budget(time.sleep, 60, budget=3, what="sleeping")
        except TooExpensive as e:
            print(e)
""")


def test_symgrad_works_without_resource_and_fork(tmp_path):
    script = tmp_path / "hidden.py"
    script.write_text(HIDDEN, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=300)
    assert done.stdout.splitlines() == [
        "wall time, no memory limit, in a spawned worker process (this system has no resource "
        "module or no fork)",
        "6", "True", "undecided: sleeping is too expensive to decide within 3 s"], done.stderr
