"""Time and memory budgets: an expensive operation answers "too expensive to decide", never hangs.

SymPy cannot be interrupted from inside, so a budgeted call runs in a child process (see
:mod:`symgrad.runtime.child`): forked from this process, or, in a process that holds threads,
started by the fork server of :mod:`symgrad.runtime.forkserver`. The child sends its result
back pickled; an exception raised in the child is raised again in the caller. Inside a child
already (budgets nest) the call runs directly.

**The time is CPU time.**  A child is ended once it has *computed* for the budget's seconds
(``ITIMER_PROF``), not once the wall clock says so: the same answer gets the same verdict on a
quiet machine and on one shared with a CPU hog.  The caller still watches the wall clock, so
that nothing hangs: past the budget's seconds it ends a child that no longer computes (one that
sleeps or waits), and past ``wall_seconds`` (default: 30 × the seconds) any child.  Where
``resource`` does not exist (Windows), the budget is wall time and has no memory limit, and
where ``fork`` does not exist the child is a ``spawn`` worker: :data:`ENFORCED` says which.

The defaults come from ``SYMGRAD_TIMEOUT`` (seconds) and ``SYMGRAD_MEMORY_MB``, or 10 s and 2 GiB;
:func:`default_budget` (what ``symgrad --timeout`` uses) replaces them for a while, and
``Budget(seconds=…, memory_mb=…)`` or ``timeout=`` on the public functions override them per call.
The memory limit counts what the child allocates beyond what the caller already holds.

A fork costs a few milliseconds (more in a process that holds PyTorch), which is small beside
a command but not beside a tiny derivative: library code calls the unbudgeted inner functions,
and only the public entry points pay for a budget once.
"""

from __future__ import annotations

import os
import select
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass

import sympy

from ..errors import TooExpensive, said
from . import child, forkserver
from .admission import admitted
from .child import address_space as _address_space  # noqa: F401 - the tests' name for it
from .watch import TOO_DEEP, Late, Watch

#: A child that still computes may take this many times its CPU seconds in wall time (a machine
#: shared with some thirty other busy processes per core); one that computes no more is ended
#: sooner.
WALL_FACTOR = 30
_OVERRIDE: Budget | None = None


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
    #: The most wall-clock time (None: :data:`WALL_FACTOR` × ``seconds`` where the seconds are
    #: CPU time, else ``seconds``); a web request sets it to its deadline.
    wall_seconds: float | None = None

    @property
    def wall(self) -> float:
        """The wall-clock time after which a child is ended whatever it is doing.

        >>> Budget(2).wall == (2 * WALL_FACTOR if child.CPU_LIMITED else 2)
        True
        >>> Budget(2, wall_seconds=3).wall
        3
        """
        if self.wall_seconds is not None:
            return self.wall_seconds
        return self.seconds * WALL_FACTOR if child.CPU_LIMITED else self.seconds

    @classmethod
    def default(cls) -> Budget:
        """The budget set by ``SYMGRAD_TIMEOUT`` / ``SYMGRAD_MEMORY_MB``, else 10 s and 2 GiB.

        >>> Budget.default().memory_mb > 0
        True
        """
        if _OVERRIDE is not None:
            return _OVERRIDE
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
            raise ValueError(said('err.budget.time-budget-must-be', value))
        return cls(seconds, cls.default().memory_mb)


@contextmanager
def default_budget(value):
    """Make ``value`` (seconds or a Budget; None: no change) the default budget inside a block.

    >>> with default_budget(3):
    ...     Budget.default().seconds
    3.0
    """
    global _OVERRIDE
    previous = _OVERRIDE
    if value is not None:
        _OVERRIDE = Budget.of(value)
    try:
        yield Budget.default()
    finally:
        _OVERRIDE = previous


def describe(verb: str, value, limit: int = 40) -> str:
    """``verb`` and a short quotation of what it acts on, for a TooExpensive message.

    >>> describe("deriving", "x**(10**100)")
    "deriving 'x**(10**100)'"
    >>> describe("deriving", "x + " * 30)
    "deriving 'x + x + x + x + x + x + x + x + x + x +…'"
    """
    try:
        text = value if isinstance(value, str) else str(value)
    except ValueError:  # an integer too long for Python to print
        text = f"a {type(value).__name__} too large to print"
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return said("err.budget.doing", verb, repr(text).replace("\\\\", "\\"))  # \frac, not \\frac


#: An object holding at most this many SymPy nodes is rendered in-process, without a fork:
#: its text costs milliseconds (see :func:`render_within_budget`).
RENDER_DIRECT_NODES = 2000


def small(obj, limit: int = RENDER_DIRECT_NODES) -> bool:
    """Whether ``obj`` holds at most ``limit`` SymPy nodes in all its fields, lists and dicts
    (a shared node counts at each use, as rendering visits it; counting stops past the limit).

    >>> x = sympy.Symbol("x")
    >>> small({"f": x**2 + 1}), small([x**2 + 1] * 1000)
    (True, False)
    """
    stack, seen, count = [obj], set(), 0
    while stack:
        o = stack.pop()
        if isinstance(o, sympy.Basic):
            count += 1
            if count > limit:
                return False
            stack.extend(o.args)
            continue
        if isinstance(o, (str, bytes, int, float, complex, bool, type(None))) or id(o) in seen:
            continue
        seen.add(id(o))
        if isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            stack.extend(o)
        elif hasattr(o, "__dict__") and not isinstance(o, type):
            stack.extend(vars(o).values())
    return True


def render_within_budget(fn, obj, *args, budget=None, what: str = "this", **kwargs):
    """``fn(obj, *args, **kwargs)``: directly when ``obj`` is :func:`small` and no budget was
    asked for, else under the budget like :func:`within_budget`.

    >>> render_within_budget(str, sympy.Symbol("x") + 1)
    'x + 1'
    """
    if budget is None and small(obj):
        return fn(obj, *args, **kwargs)
    return within_budget(fn, obj, *args, budget=budget, what=what, **kwargs)


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
    if child.IN_CHILD:
        return _direct(fn, args, kwargs, budget, what)
    with admitted(budget, what) as budget:  # a server's slot, when one is asked for
        return _in_child(fn, args, kwargs, budget, what)


def _in_child(fn, args, kwargs, budget: Budget, what: str):
    called = time.monotonic()  # the wall clock counts from here: starting the child counts
    if not hasattr(os, "fork") or forkserver.threaded():
        # forking here could copy a lock another thread holds (or there is no fork at all)
        result = forkserver.run(fn, args, kwargs, budget, lambda fd, pid, stop: _collect_from(
            fd, pid, stop, budget, what, called))
        if result is not forkserver.UNSENT:
            return result
        if not hasattr(os, "fork"):  # a lambda, say, where no child can be forked: no budget
            return _direct(fn, args, kwargs, budget, what)
    read_end, pid, stop, folder = fork_child(fn, args, kwargs, budget)
    try:
        return _collect_from(read_end, pid, stop, budget, what, called)
    finally:
        os.close(read_end)
        child.remove(folder)


def fork_child(fn, args, kwargs, budget: Budget):
    """Fork a child that runs ``fn(*args, **kwargs)`` under ``budget`` (call only where forking
    is safe: no other thread): the read end of its pipe, its pid, ``stop(kill)`` (ends it if
    asked, waits, its exit code) and its scratch folder, which the caller removes.

    >>> fd, pid, stop, folder = fork_child(sum, ([1, 2],), {}, Budget(5))
    >>> _collect_from(fd, pid, stop, Budget(5), "adding"), stop(False)
    (3, 0)
    >>> os.close(fd); child.remove(folder)
    """
    folder = child.scratch()
    parent = os.getpid()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: confine, compute, send, and leave without the parent's clean-up
        try:
            os.close(read_end)
            child.confine(budget, parent, folder)
        except BaseException:
            os._exit(1)
        child.run(fn, args, kwargs, budget, write_end)
    os.close(write_end)
    try:
        os.setpgid(pid, pid)  # as the child does: whichever runs first, the group exists
    except OSError:
        pass
    done: list[int] = []

    def stop(kill: bool) -> int:
        if not done:
            if kill:
                child.kill(pid)
            _, status = os.waitpid(pid, 0)
            done.append(os.waitstatus_to_exitcode(status))
        return done[0]

    return read_end, pid, stop, folder


#: How a budget is enforced on this system (see the module's docstring).
ENFORCED = ("CPU time and memory, in a forked child" if child.CPU_LIMITED and hasattr(os, "fork")
            else "wall time, no memory limit, in a "
                 + ("forked child" if hasattr(os, "fork") else "spawned worker process")
                 + " (this system has no resource module or no fork)")


class _OutOfTime(BaseException):
    """The spare time of :func:`if_time_allows` ran out."""


def if_time_allows(fn, *args, default=None, reserve: float = 0.5):
    """``fn(*args)`` in the CPU time the budget has left, less ``reserve`` seconds (kept for
    sending the result back); ``default`` if that runs out.  For extras such as a hint,
    which must never cost the answer they are added to.  Outside a budgeted child (or where
    CPU time cannot be timed): ``fn(*args)``.

    >>> if_time_allows(sum, [1, 2])
    3
    >>> import itertools
    >>> forever = (i >= 0 for i in itertools.count())  # Python code that never ends
    >>> within_budget(if_time_allows, all, forever, default="dropped", budget=1)
    'dropped'
    """
    left = _cpu_left()
    if left is None:
        return fn(*args)
    left -= min(reserve, left / 2)
    if left <= 0:
        return default

    def out_of_time(signum, frame):
        raise _OutOfTime

    # The budget's own timer is ITIMER_PROF (user + system time); the extra gets the other CPU
    # timer, ITIMER_VIRTUAL (user time), so the budget's keeps running untouched.
    try:
        previous = signal.signal(signal.SIGVTALRM, out_of_time)
    except ValueError:  # not the main thread: no timer to stop it, so no extra
        return default
    signal.setitimer(signal.ITIMER_VIRTUAL, left)
    try:
        return fn(*args)
    except _OutOfTime:
        return default
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def _cpu_left() -> float | None:
    """The CPU seconds this budgeted child has left, or None outside one (or untimed)."""
    if not (child.IN_CHILD and child.CPU_LIMITED):
        return None
    remaining, _ = signal.getitimer(signal.ITIMER_PROF)
    return remaining or None


def _direct(fn, args, kwargs, budget: Budget, what: str):
    try:
        return fn(*args, **kwargs)
    except RecursionError:
        raise TooExpensive(what, budget.seconds, reason=TOO_DEEP) from None


def _collect_from(fd: int, pid: int, stop, budget: Budget, what: str,
                  start: float | None = None):
    """The child's answer read from ``fd``; ``stop(kill)`` ends the child ``pid`` (killing it
    when its time is up), waits for it and returns its exit code (−signal when killed).
    The wall clock counts from ``start`` (``time.monotonic()`` of the call; default: now).

    The child ends itself when its CPU time is up; :class:`~symgrad.runtime.watch.Watch` says
    when the caller ends it.
    """
    watch = Watch(fd, pid, stop, budget, what, start)
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], max(watch.wait(), 0))
            if ready and watch.read():
                break
    except Late:
        raise watch.late() from None
    except BaseException:  # KeyboardInterrupt, SystemExit: the child never outlives this call
        stop(True)
        raise
    return watch.outcome()
