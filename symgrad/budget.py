"""Time and memory budgets: an expensive operation answers "too expensive to decide", never hangs.

SymPy cannot be interrupted from inside, so a budgeted call runs in a forked child process with
a memory limit (``RLIMIT_AS``) and is killed when its time is up. The child sends its result back
pickled; an exception raised in the child is raised again in the caller. Where ``fork`` does not
exist, or inside a child already (budgets nest), the call runs directly.

The defaults come from ``SYMGRAD_TIMEOUT`` (seconds) and ``SYMGRAD_MEMORY_MB``, or 10 s and 2 GiB;
``Budget(seconds=…, memory_mb=…)`` or ``timeout=`` on the public functions override them.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from dataclasses import dataclass

from .errors import TooExpensive

_IN_CHILD = False


def _env_float(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Budget:
    """How long (seconds) and how much memory (MiB) one operation may take.

    >>> Budget(seconds=2).seconds
    2
    >>> Budget.of(3.5).seconds
    3.5
    """

    seconds: float = 10.0
    memory_mb: float = 2048.0

    @classmethod
    def default(cls) -> Budget:
        """The budget set by ``SYMGRAD_TIMEOUT`` / ``SYMGRAD_MEMORY_MB``, else 10 s and 2 GiB.

        >>> Budget.default().memory_mb > 0
        True
        """
        return cls(_env_float("SYMGRAD_TIMEOUT", 10.0), _env_float("SYMGRAD_MEMORY_MB", 2048.0))

    @classmethod
    def of(cls, value) -> Budget:
        """A Budget from ``None`` (the default), a number of seconds, or a Budget.

        >>> Budget.of(None) == Budget.default()
        True
        """
        if value is None:
            return cls.default()
        if isinstance(value, Budget):
            return value
        seconds = float(value)
        if not seconds > 0:
            raise ValueError(f"a time budget must be a positive number of seconds, not {value!r}")
        return cls(seconds, cls.default().memory_mb)


def within_budget(fn, *args, budget=None, what: str = "this", **kwargs):
    """``fn(*args, **kwargs)`` under a time and memory budget; :class:`TooExpensive` past it.

    >>> within_budget(sum, [1, 2, 3], budget=5)
    6
    >>> import time
    >>> within_budget(time.sleep, 30, budget=0.5, what="sleeping")
    Traceback (most recent call last):
    ...
    symgrad.errors.TooExpensive: undecided: sleeping is too expensive to decide within 0.5 s
    """
    budget = Budget.of(budget)
    if _IN_CHILD or not hasattr(os, "fork"):
        return fn(*args, **kwargs)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's clean-up
        os.close(read_end)
        _child(fn, args, kwargs, budget, write_end)
    os.close(write_end)
    try:
        return _collect(pid, read_end, budget, what)
    finally:
        os.close(read_end)


def _child(fn, args, kwargs, budget: Budget, fd: int):
    global _IN_CHILD
    _IN_CHILD = True
    code = 0
    try:
        limit = int(budget.memory_mb * 2**20)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            payload = ("ok", fn(*args, **kwargs))
        except MemoryError:
            payload = ("memory", None)
        except BaseException as exc:  # sent back and raised again in the caller
            payload = ("error", exc)
        try:
            data = pickle.dumps(payload)
        except Exception as exc:  # an unpicklable result or exception
            data = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _collect(pid: int, fd: int, budget: Budget, what: str):
    deadline = time.monotonic() + budget.seconds
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            _kill(pid)
            raise TooExpensive(what, budget.seconds)
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    if not chunks:  # the child died without a word: killed by the memory limit, in practice
        raise TooExpensive(what, budget.seconds, memory_mb=budget.memory_mb)
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "ok":
        return value
    if kind == "memory":
        raise TooExpensive(what, budget.seconds, memory_mb=budget.memory_mb)
    raise value


def _kill(pid: int):
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
