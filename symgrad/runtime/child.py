"""The budgeted child process: confined, computing, answering, and never outliving its parent.

A child made for a budget (forked by :mod:`symgrad.runtime.budget`, or started by the fork server of
:mod:`symgrad.runtime.forkserver`) first confines itself (:func:`confine`):

* **its own process group**, so that the terminal's Ctrl+C reaches only the parent (which kills
  the child in a ``finally``) and a kill of the group also ends what the child started (pdflatex);
* **death with its parent**: ``PR_SET_PDEATHSIG`` (Linux, through ``prctl``) sends it SIGKILL
  when the process that made it dies, however it died (SIGKILL included);
* **CPU time, not wall time**: an ``ITIMER_PROF`` timer ends it (SIGPROF, default action) once it
  has *computed* for the budget's seconds, so that a verdict does not depend on how busy the
  machine is; ``RLIMIT_CPU`` one second above is the kernel's backstop (SIGXCPU, then SIGKILL);
* **memory**: ``RLIMIT_AS``, counting only what the child adds to what it inherited;
* **its own temporary folder**, made and removed by the caller (:func:`scratch`), so that files
  the child leaves (a TeX run it was killed in) are removed in every path.

Where ``resource`` does not exist (Windows), the limits are skipped and the caller's deadline in
wall time is the budget (:data:`CPU_LIMITED` says which).

>>> CPU_LIMITED in (True, False)
True
"""

from __future__ import annotations

import ctypes
import io
import math
import os
import pickle
import shutil
import signal
import sys
import tempfile

import sympy

try:
    import resource
except ImportError:  # Windows: no rlimits; budgets are wall time there
    resource = None

#: Whether a child's time is its CPU time (else: wall time, measured by the caller).
CPU_LIMITED = resource is not None and hasattr(signal, "setitimer")
#: The signals a child is ended with when its CPU time is up.
CPU_SIGNALS = {getattr(signal, name) for name in ("SIGPROF", "SIGXCPU") if hasattr(signal, name)}

_PR_SET_PDEATHSIG = 1
#: True inside a budgeted child: budgets nest, so a budget asked for there runs directly.
IN_CHILD = False


def confine(budget, parent: int | None = None, folder: str | None = None) -> None:
    """Apply the module's limits to this (new) process; ``parent``: the pid that made it, if
    known (the child ends at once if that process is gone already); ``folder``: its temp folder.
    """
    try:
        os.setpgid(0, 0)
    except (AttributeError, OSError):
        pass
    die_with_parent(parent)
    if folder is not None:
        tempfile.tempdir = folder
        os.environ["TMPDIR"] = folder
    if resource is None:
        return
    limit = address_space() + int(budget.memory_mb * 2**20)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    if CPU_LIMITED:
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_PROF, budget.seconds)
        soft = math.ceil(budget.seconds) + 1
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard == resource.RLIM_INFINITY or hard > soft + 1:
            hard = soft + 1
        resource.setrlimit(resource.RLIMIT_CPU, (min(soft, hard), hard))


def die_with_parent(parent: int | None = None) -> bool:
    """Ask the kernel for SIGKILL when the parent dies (Linux); whether it was granted.

    >>> die_with_parent() in (True, False)
    True
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        granted = libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
    if granted and parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent died before the request took effect
    return granted


def kill(pid: int) -> None:
    """SIGKILL to the child's process group (it and what it started) and to the child.

    >>> kill(2**22 + 12345)  # no such process: nothing happens
    """
    for send in (getattr(os, "killpg", None), os.kill):
        if send is None:
            continue
        try:
            send(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass


def cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) used by ``pid`` and the live processes of its process group
    (what it started, such as pdflatex), from /proc; None where /proc does not exist.

    >>> cpu_seconds(os.getpid()) >= 0
    True
    """
    own = _stat(pid)
    if own is None:
        return None
    total = own[1]
    try:
        names = os.listdir("/proc")
    except OSError:
        names = []
    for name in names:
        if name.isdigit() and int(name) != pid:
            other = _stat(int(name))
            if other is not None and other[0] == pid:
                total += other[1]
    return total


def _stat(pid: int) -> tuple[int, float] | None:
    """(process group, CPU seconds) of ``pid``."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return int(fields[2]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def address_space() -> int:
    """Bytes of address space this process holds already (libraries such as PyTorch reserve
    hundreds of MiB they never touch), so that the budget counts only what the work adds.

    >>> address_space() > 0
    True
    """
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def scratch() -> str:
    """A new temporary folder for one child (removed by :func:`remove`): its name carries this
    process's pid, so that :func:`sweep` can remove the folders of a process that was killed.

    >>> path = scratch(); os.path.isdir(path), remove(path), os.path.exists(path)
    (True, None, False)
    """
    if not _SWEPT:
        _SWEPT.append(sweep())
    return tempfile.mkdtemp(prefix=f"symgrad-budget-{os.getpid()}-", dir=scratch_root())


_SWEPT: list[int] = []  # the first scratch folder of a process sweeps those of dead ones
#: Shared memory, where a folder costs microseconds to make and remove.
SHARED_MEMORY = "/dev/shm"


def scratch_root() -> str:
    """Where the children's folders go: the temporary-files folder if one was chosen
    (``tempfile.tempdir``, ``TMPDIR``), else shared memory where it exists with a GiB free
    (every answer of a class gets a folder: on a disk, removing one can wait milliseconds for
    the journal), else the system's temporary-files folder.

    >>> scratch_root() in (tempfile.gettempdir(), SHARED_MEMORY)
    True
    """
    chosen = tempfile.tempdir or os.environ.get("TMPDIR")
    if not chosen and _roomy(SHARED_MEMORY):
        return SHARED_MEMORY
    return tempfile.gettempdir()


def _roomy(folder: str, least: int = 2**30) -> bool:
    """Whether ``folder`` is a writable folder with at least ``least`` bytes free (a
    container's /dev/shm may hold only 64 MiB: a few PDFs would fill it)."""
    try:
        stats = os.statvfs(folder)
    except (AttributeError, OSError):
        return False
    return os.access(folder, os.W_OK | os.X_OK) and stats.f_bavail * stats.f_frsize >= least


def remove(path: str | None) -> None:
    """Remove a child's temporary folder and everything in it."""
    if path:
        shutil.rmtree(path, ignore_errors=True)


def sweep() -> int:
    """Remove the temporary folders of budgeted children whose parent no longer runs (one
    killed by SIGKILL could not remove them); how many were removed.

    >>> sweep() >= 0
    True
    """
    removed = 0
    for root in {scratch_root(), tempfile.gettempdir()}:
        removed += _sweep(root)
    return removed


def _sweep(root: str) -> int:
    removed = 0
    try:
        names = os.listdir(root)
    except OSError:
        return 0
    for name in names:
        if not name.startswith("symgrad-budget-"):
            continue
        try:
            owner = int(name.split("-")[2])
            os.kill(owner, 0)
        except (ValueError, IndexError):
            continue
        except ProcessLookupError:
            remove(os.path.join(root, name))
            removed += 1
        except PermissionError:
            pass
    return removed


def run(fn, args, kwargs, budget, fd: int) -> None:
    """Compute ``fn(*args, **kwargs)`` and write the pickled outcome to ``fd``: ("ok", value),
    ("error", exception), ("memory", None) or ("deep", None); then leave with ``os._exit``
    (a child must not run its parent's clean-up)."""
    global IN_CHILD
    IN_CHILD = True
    code = 0
    try:
        try:
            payload = ("ok", fn(*args, **kwargs))
        except MemoryError:
            payload = ("memory", None)
        except RecursionError:
            payload = ("deep", None)
        except BaseException as exc:  # sent back and raised again in the caller
            payload = ("error", exc)
        try:
            data = dumps(payload)
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


def dumps(payload) -> bytes:
    """``payload`` pickled with SymPy nodes kept exactly as built.

    >>> x = sympy.Symbol("x")
    >>> pickle.loads(dumps(sympy.Mul(2, x + 1, evaluate=False))).args
    (2, x + 1)
    """
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
    return buffer.getvalue()
