"""Many budgeted calls, several at a time, watched from one thread.

:func:`each_within_budget` runs ``fn(*args)`` for every ``args`` in its own budgeted child, at
most ``jobs`` at a time, and yields the outcomes in the calls' order.  The children are forked
straight from this thread and watched with ``select`` — no thread pool, so no fork server is
needed and no call pays for one.  In a process that holds threads (a web server) forking is
not safe: there each call goes through :func:`~symgrad.runtime.budget.within_budget` (and so
the fork server), ``jobs`` threads at a time; and so it does where a server admits each child
to one of its slots (:mod:`symgrad.runtime.admission`: the web page's grading).

Each child is under the same rules as one from :func:`~symgrad.runtime.budget.within_budget`
(:class:`~symgrad.runtime.watch.Watch`), so an outcome does not depend on ``jobs``.
"""

from __future__ import annotations

import contextvars
import os
import select
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from ..errors import TooExpensive
from . import child, forkserver
from .admission import in_force
from .budget import Budget, fork_child, within_budget
from .watch import Late, Watch

__all__ = ["each_within_budget"]


def each_within_budget(fn, calls: Iterable[tuple], *, jobs: int, budget=None,
                       what: str = "this") -> Iterator:
    """The outcome of ``fn(*args)`` for each ``args`` of ``calls``, in order, each under its
    own ``budget``, at most ``jobs`` at a time: the value, or the :class:`TooExpensive` that
    ended it (yielded, not raised, so that one call never stops the others).  Any other
    exception of ``fn`` is raised.

    >>> outcomes = each_within_budget(pow, [(2, 10), (3, 2), (10, 10**9)], jobs=2, budget=1)
    >>> [str(o) for o in outcomes]
    ['1024', '9', 'undecided: this is too expensive to decide within 1 s']
    """
    budget = Budget.of(budget)
    if child.IN_CHILD or not hasattr(os, "fork") or forkserver.threaded() or in_force():
        return _on_threads(fn, calls, jobs, budget, what)  # each child admitted, if asked
    return _forked(fn, calls, jobs, budget, what)


def _one(fn, args, budget, what):
    try:
        return within_budget(fn, *args, budget=budget, what=what)
    except TooExpensive as e:
        return e


def _on_threads(fn, calls, jobs, budget, what) -> Iterator:
    """``jobs`` threads, each waiting for its call's child (forked here when this process has
    no threads and ``jobs`` is 1, else started by the fork server)."""
    if jobs <= 1:
        yield from (_one(fn, args, budget, what) for args in calls)
        return

    pending: deque = deque()
    todo = iter(calls)
    with ThreadPoolExecutor(jobs, thread_name_prefix="symgrad-budget") as pool:
        try:
            while True:
                while len(pending) < 4 * jobs and (args := next(todo, None)) is not None:
                    run = contextvars.copy_context().run  # the language in force, in the thread
                    pending.append(pool.submit(run, _one, fn, args, budget, what))
                if not pending:
                    return
                yield pending.popleft().result()
        finally:  # stopped early (an error, Ctrl+C): what has not started never starts
            for future in pending:
                future.cancel()


def _forked(fn, calls, jobs, budget, what) -> Iterator:
    """At most ``jobs`` children forked from this thread, watched together; outcomes in order."""
    todo = enumerate(calls)
    running: dict[int, tuple[int, Watch, str]] = {}  # fd → (call number, watch, scratch folder)
    done: dict[int, object] = {}
    following = 0
    try:
        while True:
            while len(running) < max(jobs, 1) and (item := next(todo, None)) is not None:
                k, args = item
                fd, pid, stop, folder = fork_child(fn, args, {}, budget)
                running[fd] = (k, Watch(fd, pid, stop, budget, what), folder)
            while following in done:
                yield done.pop(following)
                following += 1
            if not running:
                return
            for _, k, outcome in _some_finished(running):
                done[k] = outcome
    finally:  # stopped early (an error, Ctrl+C): no child outlives this generator
        for fd, (_, watch, folder) in running.items():
            watch.stop(True)
            os.close(fd)
            child.remove(folder)


def _some_finished(running: dict) -> list[tuple[int, int, object]]:
    """Wait until some children have finished or run out of time: (fd, call number, outcome)
    for each, removed from ``running``."""
    finished, waits = [], []
    for fd, (k, watch, _) in running.items():
        try:
            waits.append(watch.wait())
        except Late:
            finished.append((fd, k, watch.late()))
    if not finished:
        ready, _, _ = select.select(list(running), [], [], max(min(waits), 0))
        for fd in ready:
            k, watch, _ = running[fd]
            if watch.read():
                try:
                    finished.append((fd, k, watch.outcome()))
                except TooExpensive as e:
                    finished.append((fd, k, e))
    for fd, _, _ in finished:
        os.close(fd)
        child.remove(running.pop(fd)[2])
    return finished
