"""Every request's computation under one deadline: waiting for a free slot counts too.

The server answers many people at once, from threads.  Each computation runs in a forked
child under :func:`symgrad.runtime.budget.within_budget` (so SymPy can be stopped, and memory is
capped); at most ``slots`` children run at a time, so the server's memory stays bounded by
``slots × memory_mb``.  A request's deadline is wall-clock time counted from when the server
had read it (:mod:`symgrad.web.arrival`: time queued in waitress, waiting for a worker thread,
counts too): if the slots stay busy until then, the answer is "… (the server is busy) is too
expensive to decide within N s"; if the computation itself runs past it, "… is too expensive
to decide within N s" — never a request that waits longer than its budget.  (Outside the web
page a budget is the child's CPU time; a page's reader waits in wall time, so here the budget
is wall time, and a computation that waited for a slot has what is left of it.)  Grading a
class takes a slot for each answer it checks (:meth:`Gate.admission`).

Answers are remembered (``cache`` entries, least recently used first out): a class working
the same exercise asks the same questions, and a repeated question costs nothing.  Only
what does not depend on the moment is kept — results and input errors, never "too expensive".

A computation that has used more than ``NICE_AFTER`` seconds of CPU lowers its own priority
(``nice``), so that on a busy server the many cheap requests (a derivative, a check) are
answered first and the few expensive ones use what CPU is left until their deadline.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager

from ..errors import TooExpensive, said
from ..i18n.language import current
from ..runtime import forkserver
from ..runtime.budget import Budget, within_budget

#: Every computation's nice value from its start: the server's own threads, which keep the
#: deadlines and send the answers, come first.
NICE_START = 5
#: A computation that started with less than this share of its budget left (it waited for a
#: slot) and ran out of time says that the server was busy: it may not be expensive at all.
BUSY = 0.9
#: CPU seconds after which a computation yields to newer ones (and how much further: NICE).
NICE_AFTER = 2.0
NICE = 5


class _Yielding:
    """``fn`` made to lower its process's priority once it has used NICE_AFTER s of CPU.

    It runs in the forked child (never in the server), where the forking thread is the main
    thread, so it may install a signal handler.  A class, not a closure, so that it can be
    sent to the budget helper (symgrad.runtime.forkserver) that forks for a threaded server.
    """

    def __init__(self, fn):
        self.__wrapped__ = fn

    def __call__(self, *args, **kwargs):
        if hasattr(os, "nice"):
            os.nice(NICE_START)
        if hasattr(signal, "setitimer"):
            signal.signal(signal.SIGPROF, _lower_priority)
            signal.setitimer(signal.ITIMER_PROF, NICE_AFTER)
        return self.__wrapped__(*args, **kwargs)


def _lower_priority(*_):
    os.nice(NICE)


class Gate:
    """A time budget per request and a bound on simultaneous computations.

    >>> gate = Gate(Budget(seconds=5, memory_mb=512), slots=2)
    >>> gate.run(sum, [1, 2, 3], what="adding")
    6
    >>> gate.run(sum, [1, 2, 3], what="adding"), gate.hits
    (6, 1)
    >>> import time
    >>> gate.run(time.sleep, 30, what="sleeping", seconds=0.5)
    Traceback (most recent call last):
    ...
    symgrad.errors.TooExpensive: undecided: sleeping is too expensive to decide within 0.5 s
    """

    def __init__(self, budget: Budget, slots: int = 4, cache: int = 256):
        if slots < 1:
            raise ValueError(said('err.gate.at-least-one-computation', slots))
        self.budget = budget
        self.slots = slots
        self.cache_size = cache
        self._cache: OrderedDict[bytes, tuple[bool, object]] = OrderedDict()
        self.hits = 0
        self._free = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self.running = 0
        self.peak = 0
        # The budget helper, started before the server's threads so that no request waits
        # for it, with the pages' work loaded once for all its children.
        forkserver.start(preload=("symgrad.web.work",), ready=True)

    def run(self, fn, *args, what: str, seconds: float | None = None,
            arrived: float | None = None, **kwargs):
        """``fn(*args, **kwargs)`` in a budgeted child; TooExpensive past the deadline, which
        is ``seconds`` (default: the budget's) after ``arrived`` (``time.monotonic()`` when
        the request arrived; default: now)."""
        # A result holds words (an Outcome's lines, a document): one per language.
        key = pickle.dumps((current(), fn.__module__, fn.__qualname__, args,
                            sorted(kwargs.items())))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                self.hits += 1
                ok, value = self._cache[key]
                if ok:
                    return value
                raise value.with_traceback(None)
        seconds = self.budget.seconds if seconds is None else seconds
        deadline = (time.monotonic() if arrived is None else arrived) + seconds
        try:
            value = self._computed(fn, args, kwargs, what, seconds, deadline)
        except (ValueError, TypeError) as e:  # the input's fault: the same input, the same error
            self._remember(key, False, e)
            raise
        self._remember(key, True, value)
        return value

    def _remember(self, key: bytes, ok: bool, value) -> None:
        with self._lock:
            self._cache[key] = (ok, value)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def _computed(self, fn, args, kwargs, what: str, seconds: float, deadline: float):
        with self.slot(what, seconds, deadline) as left:
            try:
                return within_budget(_Yielding(fn), *args, what=what, **kwargs,
                                     budget=Budget(left, self.budget.memory_mb,
                                                   wall_seconds=left))
            except TooExpensive as e:  # name the whole budget, not what was left of it
                if e.memory_mb is None and e.reason is None and left < BUSY * seconds:
                    # out of time after waiting for the slot: the wait, not the question
                    raise TooExpensive(said('err.gate.server-busy', what), seconds) from None
                raise TooExpensive(what, seconds, memory_mb=e.memory_mb,
                                   reason=e.reason) from None

    @contextmanager
    def slot(self, what: str, seconds: float, deadline: float):
        """One of the ``slots`` until the block ends, yielding the seconds left until
        ``deadline`` (``time.monotonic()``); "the server is busy" if none frees up before it
        (or it passed while the request waited in the server's queue)."""
        left = deadline - time.monotonic()
        if left <= 0 or not self._free.acquire(timeout=left):
            raise TooExpensive(said('err.gate.server-busy', what), seconds)
        try:
            with self._lock:
                self.running += 1
                self.peak = max(self.peak, self.running)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TooExpensive(said('err.gate.server-busy', what), seconds)
            yield left
        finally:
            with self._lock:
                self.running -= 1
            self._free.release()

    def admission(self, deadline: float):
        """For work that starts budgeted children itself (grading a class, a child per answer,
        see :mod:`symgrad.runtime.admission`): each child takes one of the slots, waiting
        until ``deadline`` at most, and keeps its own budget, cut short at the deadline.

        >>> from symgrad.runtime.admission import admitted_by
        >>> gate = Gate(Budget(seconds=5, memory_mb=512), slots=1)
        >>> with admitted_by(gate.admission(time.monotonic() + 30)):
        ...     within_budget(sum, [1, 2, 3], budget=5), gate.peak
        (6, 1)
        >>> with admitted_by(gate.admission(time.monotonic() - 1)):
        ...     within_budget(sum, [1, 2, 3], budget=5, what="adding")
        Traceback (most recent call last):
        ...
        symgrad.errors.TooExpensive: undecided: adding (the server is busy) is too expensive to decide within 5 s
        """  # noqa: E501 - a doctest's expected output is one line

        @contextmanager
        def admit(budget: Budget, what: str):
            with self.slot(what, budget.seconds, deadline) as left:
                if left >= budget.wall:
                    yield budget
                    return
                try:
                    yield Budget(budget.seconds, budget.memory_mb, wall_seconds=left)
                except TooExpensive:
                    if time.monotonic() < deadline:
                        raise
                    # cut short by the request's deadline, not by its own budget
                    raise TooExpensive(said('err.gate.server-busy', what),
                                       budget.seconds) from None

        return admit
