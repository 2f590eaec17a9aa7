"""Fuzz: random formulas and answers through derive, explain, every check_* and grade.

Each call runs in a process of its own under a 2 s default budget; it must return, or say
"undecided … too expensive", within that budget (one per graded answer) plus a margin, and
raise only symgrad's own errors.  The seed is fixed so every run sends the same cases;
benchmarks/fuzz.py runs more.
"""

import contextlib
import io
import multiprocessing
import resource

import pytest
from fuzz_cases import cases, outcome

from symgrad.runtime import budget
from symgrad.runtime.budget import default_budget

SEED = 20261129
COUNT = 40
BUDGET = 2.0
#: Forking, pickling, and a call that runs several budgeted steps one after another (grade).
MARGIN = 6.0


def _child(case, tmp, conn):
    # Whatever escapes symgrad's own budgets must not take the machine down with it.
    limit = budget._address_space() + 3 * 2**30
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    quiet = contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO())
    with default_budget(BUDGET), quiet[0], quiet[1]:
        conn.send(outcome(case, tmp))
    conn.close()


def run_bounded(case, tmp, limit):
    """Run one case in a forked process; (kind, detail, seconds), or "hung" past ``limit``."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(case, tmp, send))
    proc.start()
    send.close()
    ready = receive.poll(limit)
    result = receive.recv() if ready else ("hung", f"no answer within {limit} s", limit)
    if proc.is_alive():
        proc.kill()
    proc.join()
    return result


@pytest.mark.parametrize("case", cases(SEED, COUNT), ids=lambda c: c.entry)
def test_random_input_ends_in_time_with_symgrad_errors_only(case, tmp_path):
    """Every fuzzed call ends within its budget + margin, by an answer or symgrad's own error."""
    limit = case.budgets * BUDGET + MARGIN
    kind, detail, seconds = run_bounded(case, str(tmp_path), limit)
    assert kind in ("ok", "own"), f"{case}: {kind}: {detail}"
    assert seconds < limit
