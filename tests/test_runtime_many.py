"""Many budgeted calls at a time from one thread (symgrad.runtime.many)."""

from __future__ import annotations

import os
import threading
import time

import pytest

from symgrad.errors import TooExpensive
from symgrad.runtime import forkserver
from symgrad.runtime.many import each_within_budget
from tests.processes import descendants, parent

CALLS = [(2, 10), (10, 10**9), (3, 4), (7, 0), (5, 3), (10, 10**9), (11, 2)]


def _shown(outcomes):
    return [o.args[0] if isinstance(o, TooExpensive) else o for o in outcomes]


def _children() -> set[int]:
    """The children of this process (live or not yet reaped), from /proc."""
    return {pid for pid in descendants() if parent(pid) == os.getpid()}


def test_the_outcomes_are_the_same_at_any_parallelism(monkeypatch):
    """In order, each under its own CPU budget, whatever the number of children at a time; the
    forked path (no threads) and the threaded path (the fork server) agree."""
    monkeypatch.setattr(forkserver, "threaded", lambda baseline=None: False)
    expected = [1024, "undecided: this is too expensive to decide within 1 s", 81, 1, 125,
                "undecided: this is too expensive to decide within 1 s", 121]
    for jobs in (1, 2, 4):
        assert _shown(each_within_budget(pow, CALLS, jobs=jobs, budget=1)) == expected
    monkeypatch.setattr(forkserver, "threaded", lambda baseline=None: True)
    assert _shown(each_within_budget(pow, CALLS, jobs=2, budget=1)) == expected


def test_the_forked_path_forks_from_this_thread(monkeypatch):
    """Without threads, the children are this process's own (no fork server is asked)."""
    monkeypatch.setattr(forkserver, "threaded", lambda baseline=None: False)
    monkeypatch.setattr(forkserver, "run", lambda *a, **k: pytest.fail("fork server used"))
    assert list(each_within_budget(os.getppid, [()] * 3, jobs=2, budget=5)) == [os.getpid()] * 3


def test_an_error_of_the_function_is_raised_and_no_child_is_left(monkeypatch):
    monkeypatch.setattr(forkserver, "threaded", lambda baseline=None: False)
    before = _children()  # the fork server and its resource tracker, if started
    with pytest.raises(ZeroDivisionError):
        list(each_within_budget(divmod, [(1, 1), (1, 0), (2, 1), (3, 1)], jobs=2, budget=5))
    assert _children() <= before


def test_stopping_early_ends_every_running_child(monkeypatch):
    """A generator closed after its first outcome (Ctrl+C, an error in the caller) leaves no
    process behind, however long the other calls would have run."""
    monkeypatch.setattr(forkserver, "threaded", lambda baseline=None: False)
    before = _children()
    outcomes = each_within_budget(time.sleep, [(0,), (30,), (30,)], jobs=3, budget=60)
    start = time.monotonic()
    assert next(outcomes) is None
    assert len(_children() - before) == 2  # the two sleepers
    outcomes.close()
    assert _children() <= before
    assert time.monotonic() - start < 10


def test_a_process_with_threads_uses_the_fork_server():
    """A web server's thread must not fork: the calls go through the fork server."""
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert forkserver.threaded()
        assert list(each_within_budget(pow, [(2, 3), (3, 3)], jobs=2, budget=5)) == [8, 27]
    finally:
        stop.set()
        helper.join()

