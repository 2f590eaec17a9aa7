"""Budgeted work started by ``multiprocessing``'s fork server, for processes that hold threads.

``fork`` copies only the calling thread. A lock that another thread holds at that moment stays
locked in the child forever, so a budget forked from a multithreaded process (a waitress worker
thread, a Dask worker, or a program that loaded JAX) can hang until its time is up, or print
JAX's "os.fork() was called … this will likely lead to a deadlock". Such processes ask
``multiprocessing``'s ``forkserver`` context instead: a single-threaded server, started once
with symgrad imported (``set_forkserver_preload``), forks one clean child per call. The child
confines itself (:func:`symgrad.runtime.child.confine`: process group, death with its parent,
CPU and memory limits) and writes its answer into a pipe the caller reads as from its own
child. Where ``fork`` does not exist, the same code runs on the ``spawn`` context.

The function and its arguments travel pickled with :func:`symgrad.runtime.child.dumps` (SymPy
sums, products and powers exactly as built). What :func:`run` cannot send — a lambda, or a
function of the caller's ``__main__`` (a script, a notebook) — makes it return :data:`UNSENT`,
and the caller forks itself as before.

What stays home-made, and why (each shown by a test in tests/test_redteam_orphans.py or
tests/test_budget_children.py): the library's ``Process`` has no limits of its own (CPU time,
``RLIMIT_AS``, process group and ``PR_SET_PDEATHSIG`` are set by the child); ``join`` with a
timeout measures wall time, so the deadline is budget.py's ``_collect_from``; the library's
fork server outlives a killed caller for as long as one of its children runs (each child holds
the server's "alive" pipe), so a budgeted child closes its copy (:func:`_release_server`); and
the library's child runs the caller's main script again (as ``__mp_main__``), which in a
script without ``if __name__ == "__main__":`` starts its work over in every child (and in a
``python -`` program fails: its ``<stdin>`` is no file to run) — so the server is told the
caller's main module, as the library will name it to each child, when it starts and presents
it as its own (symgrad.runtime.warm), which the library takes as "already imported".
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.spawn
import os
import pickle
import threading

import numpy  # noqa: F401 - loaded before the thread count below (its BLAS starts threads)

from ..i18n.language import current, process_default
from . import child


def _native_threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def _blas_threads() -> int | None:
    """The threads of NumPy's OpenBLAS (it starts them when loaded, one less than this
    number), asked of the library itself; None where it is not found."""
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
#: budgets are then forked from a helper process (below).
BASELINE = _blas_threads() or _native_threads()


#: What :func:`run` returns when the work was not sent to a worker.
UNSENT = object()
#: How the caller's ``__main__`` is named to the fork server it starts.
MAIN_FILE, MAIN_NAME = "SYMGRAD_CALLER_MAIN_FILE", "SYMGRAD_CALLER_MAIN_NAME"
#: Modules the fork server imports once for all its children.
PRELOAD = ("symgrad", "symgrad.check", "symgrad.runtime.warm", "symgrad.warmup")

_lock = threading.Lock()
_context = None


def threaded(baseline: int | None = None) -> bool:
    """Whether this process holds threads besides the main one (Python threads, or native
    ones beyond ``baseline``, default :data:`BASELINE`).

    >>> threaded(0)  # any process has more than no thread
    True
    """
    if baseline is None:
        baseline = BASELINE
    if threading.active_count() > 1:
        return True
    try:
        return len(os.listdir("/proc/self/task")) > baseline
    except OSError:
        return False


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1.

    >>> available_cores() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no affinity on this system (macOS, Windows)
        return max(1, os.cpu_count() or 1)


def start(preload=(), *, ready: bool = False):
    """The context budgets use, its fork server started now if it is not running (a server
    calls this before it makes its worker threads); ``preload`` names modules the server
    imports once for all its children (only before it first starts).  ``ready``: also wait
    until the server has imported them and forks (one child that does nothing), so that the
    first request's budget is not spent waiting for that (seconds on a loaded machine).

    >>> start(ready=True).get_start_method() in ("forkserver", "spawn")
    True
    """
    global _context
    with _lock:
        if _context is None:
            if hasattr(os, "fork") and "forkserver" in multiprocessing.get_all_start_methods():
                _context = multiprocessing.get_context("forkserver")
                _context.set_forkserver_preload(list(PRELOAD) + list(preload))
            else:
                _context = multiprocessing.get_context("spawn")
        if _context.get_start_method() == "forkserver":
            main_file, main_name = _callers_main()
            os.environ[MAIN_FILE] = main_file
            os.environ[MAIN_NAME] = main_name
            try:  # the server reads them when it starts (see symgrad.runtime.warm)
                multiprocessing.forkserver.ensure_running()
            finally:
                os.environ.pop(MAIN_FILE, None)
                os.environ.pop(MAIN_NAME, None)
            if ready and not _ready:
                first = _context.Process(target=_nothing, daemon=True)
                first.start()
                first.join(120)
                _ready.append(first.exitcode)
        return _context


_ready: list = []  # the exit code of the first child, once the server has forked one


def _nothing() -> None:
    """The first child of the fork server, which shows that it forks."""


def _callers_main() -> tuple[str, str]:
    """The caller's ``__main__`` as multiprocessing will name it to each child: the path of
    its file (made absolute, as the library does: ``<stdin>`` of a ``python -`` program
    becomes ``<folder>/<stdin>``, a file that does not exist) or its module name (``python
    -m``), each "" when absent.  The fork server adopts exactly these, so that each child
    finds its main module already imported instead of running, or failing to find, the
    caller's program again.

    >>> main_file, main_name = _callers_main()
    >>> isinstance(main_file, str) and isinstance(main_name, str)
    True
    """
    data = multiprocessing.spawn.get_preparation_data("symgrad-budget")
    return data.get("init_main_from_path") or "", data.get("init_main_from_name") or ""


def run(fn, args, kwargs, budget, collect):
    """``fn(*args, **kwargs)`` in a child of the fork server, read by ``collect(fd, pid,
    stop)`` (see budget.py); :data:`UNSENT` if it could not be sent.

    >>> from symgrad.runtime.budget import Budget, _collect_from
    >>> run(sum, ([1, 2],), {}, Budget(5),
    ...     lambda fd, pid, stop: _collect_from(fd, pid, stop, Budget(5), "adding"))
    3
    """
    if _in_main(fn):
        return UNSENT
    try:  # the caller's language goes too: words made in the child are in it
        payload = child.dumps((fn, args, kwargs, current()))
    except Exception:  # noqa: BLE001 - a lambda, a local class: not sendable
        return UNSENT
    context = start()
    reader, writer = context.Pipe(duplex=False)
    folder = child.scratch()
    process = context.Process(target=_work, args=(budget, folder, payload, writer), daemon=True)
    try:
        try:
            process.start()
        except AssertionError:  # a daemonic process (a Dask worker so configured) has no children
            return UNSENT
        except OSError:  # the fork server died (or could not start): once more, then give up
            process = context.Process(target=_work, args=(budget, folder, payload, writer),
                                      daemon=True)
            try:
                process.start()
            except OSError:
                return UNSENT
        writer.close()

        def stop(kill: bool) -> int:
            if kill:
                child.kill(process.pid)
            process.join()
            return process.exitcode

        return collect(reader.fileno(), process.pid, stop)
    finally:
        reader.close()
        writer.close()
        child.remove(folder)


def _in_main(fn) -> bool:
    """Whether ``fn`` lives in the caller's ``__main__`` (a script, a notebook), which the
    fork server's children do not import."""
    return getattr(getattr(fn, "__wrapped__", fn), "__module__", None) == "__main__"


def _work(budget, folder: str, payload: bytes, writer) -> None:
    """The child: confine, read the work, compute, answer (:func:`symgrad.runtime.child.run`)."""
    lang = None
    try:
        _release_server()
        child.confine(budget, None, folder)
        fn, args, kwargs, lang = pickle.loads(payload)
    except BaseException as exc:  # noqa: BLE001 - sent back like any other failure
        fn, args, kwargs = _raise, (exc,), {}
    with process_default(lang):  # words made in the child are in the caller's language
        child.run(fn, args, kwargs, budget, writer.fileno())


def _release_server() -> None:
    """Close this child's copy of the fork server's "alive" pipe.

    The library hands every child of the fork server the write end of the pipe whose end of
    file tells the server that its caller has gone (so that a child could start processes of
    its own through the same server).  While a child holds it, the server outlives a caller
    that was killed, and so does the child.  A budgeted child starts no process through the
    server (budgets nest directly), so it lets go of the pipe: the server ends with its
    caller, and its children with it (``PR_SET_PDEATHSIG``).
    """
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass
        server._forkserver_alive_fd = None


def _raise(exc):
    raise exc
