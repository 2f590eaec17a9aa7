"""Watching one budgeted child: its output, its CPU time, its deadlines, and what it sent.

A :class:`Watch` holds what the caller knows of one child: when it started, what it has
written so far, and how its CPU time grows.  :func:`symgrad.runtime.budget.within_budget` watches
one child at a time; :func:`symgrad.runtime.many.each_within_budget` watches several from one
thread.  Either way the same rules end a child (see :mod:`symgrad.runtime.budget`) and the
same outcome comes back: the child's value, its exception raised again, or
:class:`TooExpensive`.
"""

from __future__ import annotations

import os
import pickle
import time

from ..errors import TooExpensive, said
from . import child

#: Past its seconds, a child whose CPU time has not grown for this long is waiting, not
#: computing: it is ended.
IDLE_SECONDS = 1.0
#: What a RecursionError means to a person: SymPy walks expressions recursively.
TOO_DEEP = said("err.budget.too-deep")


class Late(Exception):
    """The child's time is up."""


class Watch:
    """One budgeted child: ``fd`` the read end of its pipe, ``pid`` its process,
    ``stop(kill)`` ends it (killing it if asked), waits for it and returns its exit code.

    >>> import os
    >>> from symgrad.runtime.budget import Budget
    >>> read_end, write_end = os.pipe()
    >>> os.write(write_end, child.dumps(("ok", 42))) and os.close(write_end)
    >>> w = Watch(read_end, 0, lambda kill: 0, Budget(5), "waiting")
    >>> while not w.read(): pass
    >>> w.outcome()
    42
    """

    def __init__(self, fd: int, pid: int, stop, budget, what: str):
        self.fd, self.pid, self.stop, self.budget, self.what = fd, pid, stop, budget, what
        self.start = time.monotonic()
        self.chunks: list[bytes] = []
        self.progress: tuple[float, float] | None = None  # (CPU seconds, when last seen growing)

    def wait(self) -> float:
        """Seconds until this child must be looked at again; :class:`Late` when its time is up:
        past the budget's wall time, or past its seconds when the CPU time of its process group
        (it and what it started, such as pdflatex) has reached the budget or no longer grows."""
        now = time.monotonic()
        elapsed = now - self.start
        if elapsed >= self.budget.wall:
            raise Late
        wait = self.budget.wall - elapsed
        if not (child.CPU_LIMITED and self.budget.wall_seconds is None):
            return wait
        if elapsed < self.budget.seconds:
            return min(wait, self.budget.seconds - elapsed)
        cpu = child.cpu_seconds(self.pid)
        if cpu is None or cpu >= self.budget.seconds:
            raise Late  # no /proc (wall time), or what it started used the CPU
        if self.progress is None or cpu > self.progress[0]:
            self.progress = (cpu, now)
        elif now - self.progress[1] >= IDLE_SECONDS:
            raise Late  # waiting, not computing
        return 0.2

    def read(self) -> bool:
        """Read what the child has written; True once it has closed its end."""
        chunk = os.read(self.fd, 1 << 20)
        if chunk:
            self.chunks.append(chunk)
        return not chunk

    def late(self) -> TooExpensive:
        """End the child whose time is up; the error to raise."""
        self.stop(True)
        return TooExpensive(self.what, self.budget.seconds)

    def outcome(self):
        """Wait for the child that has closed its pipe: its value, or its error raised."""
        code = self.stop(False)
        try:
            kind, value = pickle.loads(b"".join(self.chunks)) if self.chunks else ("died", None)
        except Exception:  # noqa: BLE001 - cut short while writing
            kind, value = "died", None
        if kind == "ok":
            return value
        budget, what = self.budget, self.what
        if kind == "died" and -code in child.CPU_SIGNALS:  # its CPU time ran out
            raise TooExpensive(what, budget.seconds)
        if kind in ("memory", "died"):  # killed by the memory limit, in practice
            raise TooExpensive(what, budget.seconds, memory_mb=budget.memory_mb)
        if kind == "deep":
            raise TooExpensive(what, budget.seconds, reason=TOO_DEEP)
        raise value
