"""Time and memory budgets: an expensive operation answers "too expensive to decide", never hangs.

SymPy cannot be interrupted from inside, so a budgeted call runs in a forked child process with
a memory limit (``RLIMIT_AS``) and is killed when its time is up. The child sends its result back
pickled; an exception raised in the child is raised again in the caller. Where ``fork`` does not
exist, or inside a child already (budgets nest), the call runs directly.

The defaults come from ``SYMGRAD_TIMEOUT`` (seconds) and ``SYMGRAD_MEMORY_MB``, or 10 s and 2 GiB;
:func:`default_budget` (what ``symgrad --timeout`` uses) replaces them for a while, and
``Budget(seconds=…, memory_mb=…)`` or ``timeout=`` on the public functions override them per call.
The memory limit counts what the child allocates beyond what the caller already holds.

A fork costs about 30 ms (more in a process that holds PyTorch), which is small beside a
command but not beside a tiny derivative: library code calls the unbudgeted inner functions,
and only the public entry points pay for a budget once.
"""

from __future__ import annotations

import io
import os
import pickle
import resource
import select
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass

import numpy  # noqa: F401 - loaded before the thread count below (its BLAS starts threads)
import sympy

from . import forkserver
from ..errors import TooExpensive, said

_IN_CHILD = False
_OVERRIDE: Budget | None = None


def _native_threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def _blas_threads() -> int | None:
    """The threads of NumPy's OpenBLAS (it starts them when loaded, one less than this
    number), asked of the library itself; None where it is not found."""
    import ctypes

    try:
        with open("/proc/self/maps") as fh:
            paths = {line.split()[-1] for line in fh if "openblas" in line.lower()}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("openblas_get_num_threads", "openblas_get_num_threads64_",
                     "scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads"):
            if hasattr(lib, name):
                return int(getattr(lib, name)())
    return None


#: Threads of a process that runs nothing else: the main one and OpenBLAS's workers, which
#: are safe to fork past (they hold no lock between calls; OpenBLAS re-creates them in a
#: child).  More than these means a library (JAX, a server) runs threads of its own, and
#: budgets are then forked from a helper process (see forkserver.py).
_BASELINE = _blas_threads() or _native_threads()


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


#: What a RecursionError means to a person: SymPy walks expressions recursively.
_TOO_DEEP = said("err.budget.too-deep")


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
        try:
            return fn(*args, **kwargs)
        except RecursionError:
            raise TooExpensive(what, budget.seconds, reason=_TOO_DEEP) from None
    if forkserver.threaded(_BASELINE):  # forking here could copy a lock another thread holds
        result = forkserver.run(fn, args, kwargs, budget,
                                lambda fd, stop: _collect_from(fd, stop, budget, what), _dumps)
        if result is not forkserver.UNSENT:
            return result
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
        limit = _address_space() + int(budget.memory_mb * 2**20)
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        try:
            payload = ("ok", fn(*args, **kwargs))
        except MemoryError:
            payload = ("memory", None)
        except RecursionError:
            payload = ("deep", None)
        except BaseException as exc:  # sent back and raised again in the caller
            payload = ("error", exc)
        try:
            data = _dumps(payload)
        except Exception as exc:  # an unpicklable result or exception
            data = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


class _Pickler(pickle.Pickler):
    """Sends SymPy sums, products and powers back exactly as they were built.

    SymPy's own pickling rebuilds each node by calling its class, which evaluates again: the
    unevaluated √((f − y)²) of the distance loss would come back as |f − y| and 2·(f − y)
    as 2·f − 2·y.  What the caller receives must be what was computed.
    """

    def reducer_override(self, obj):
        kind = type(obj)
        if kind is sympy.Add or kind is sympy.Mul:
            return _assoc, (kind, obj.args, obj.is_commutative)
        if kind is sympy.Pow:
            return _power, obj.args
        return NotImplemented


def _assoc(kind, args, commutative):
    return kind._from_args(args, commutative)


def _power(base, exponent):
    return sympy.Pow(base, exponent, evaluate=False)


def _dumps(payload) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
    return buffer.getvalue()


def _address_space() -> int:
    """Bytes of address space this process holds already (libraries such as PyTorch reserve
    hundreds of MiB they never touch), so that the budget counts only what the work adds."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _collect(pid: int, fd: int, budget: Budget, what: str):
    def stop(kill: bool):
        if kill:
            _kill(pid)
        else:
            os.waitpid(pid, 0)

    return _collect_from(fd, stop, budget, what)


def _collect_from(fd: int, stop, budget: Budget, what: str):
    """The child's answer read from ``fd``; ``stop(kill)`` ends the child (killing it when its
    time is up) and waits for it."""
    deadline = time.monotonic() + budget.seconds
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            stop(True)
            raise TooExpensive(what, budget.seconds)
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    stop(False)
    if not chunks:  # the child died without a word: killed by the memory limit, in practice
        raise TooExpensive(what, budget.seconds, memory_mb=budget.memory_mb)
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "ok":
        return value
    if kind == "memory":
        raise TooExpensive(what, budget.seconds, memory_mb=budget.memory_mb)
    if kind == "deep":
        raise TooExpensive(what, budget.seconds, reason=_TOO_DEEP)
    raise value


def _kill(pid: int):
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
