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
function of an interactive ``__main__`` (a notebook: the child cannot import it) — makes it
return :data:`UNSENT`, and the caller forks itself as before. A function of a script's
``__main__`` works: as in any ``multiprocessing`` program, the child imports the script under
the name ``__mp_main__``, so such a script keeps its own work under ``if __name__ ==
"__main__":``.

What stays home-made, and why (each shown by a test in tests/test_budget_children.py): the
library's ``Process`` has no limits of its own (CPU time, ``RLIMIT_AS``, process group and
``PR_SET_PDEATHSIG`` are set by the child); ``join`` with a timeout measures wall time, so the
deadline is budget.py's ``_collect_from``; and the library's fork server outlives a killed
caller for as long as one of its children runs (each child holds the server's "alive" pipe),
so a budgeted child closes its copy (:func:`_release_server`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading

from . import child

#: What :func:`run` returns when the work was not sent to a worker.
UNSENT = object()
#: Modules the fork server imports once for all its children.
PRELOAD = ("symgrad", "symgrad.check", "symgrad.runtime.warm")

_lock = threading.Lock()
_context = None


def threaded(baseline: int) -> bool:
    """Whether this process holds threads besides the main one (Python threads, or native
    ones beyond ``baseline``, the count of a single-threaded process with NumPy loaded).

    >>> threaded(0)  # any process has more than no thread
    True
    """
    if threading.active_count() > 1:
        return True
    try:
        return len(os.listdir("/proc/self/task")) > baseline
    except OSError:
        return False


def start(preload=()):
    """The context budgets use, its fork server started now if it is not running (a server
    calls this before it makes its worker threads, so that the first request does not wait
    for it); ``preload`` names modules the server imports once for all its children (only
    before it first starts).

    >>> start().get_start_method() in ("forkserver", "spawn")
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
            from multiprocessing import forkserver

            forkserver.ensure_running()
        return _context


def run(fn, args, kwargs, budget, collect):
    """``fn(*args, **kwargs)`` in a child of the fork server, read by ``collect(fd, pid,
    stop)`` (see budget.py); :data:`UNSENT` if it could not be sent.

    >>> from symgrad.runtime.budget import Budget, _collect_from
    >>> run(sum, ([1, 2],), {}, Budget(5),
    ...     lambda fd, pid, stop: _collect_from(fd, pid, stop, Budget(5), "adding"))
    3
    """
    from ..i18n.language import current

    if _interactive(fn):
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


def _interactive(fn) -> bool:
    """Whether ``fn`` lives in a ``__main__`` that a child cannot import (a notebook, ``-c``)."""
    module = getattr(getattr(fn, "__wrapped__", fn), "__module__", None)
    if module != "__main__":
        return False
    main = sys.modules.get("__main__")
    return getattr(main, "__file__", None) is None and getattr(main, "__spec__", None) is None


def _work(budget, folder: str, payload: bytes, writer) -> None:
    """The child: confine, read the work, compute, answer (:func:`symgrad.runtime.child.run`)."""
    try:
        _release_server()
        child.confine(budget, None, folder)
        fn, args, kwargs, lang = pickle.loads(payload)
        from ..i18n.language import _PROCESS_DEFAULT

        _PROCESS_DEFAULT[0] = lang
    except BaseException as exc:  # noqa: BLE001 - sent back like any other failure
        fn, args, kwargs = _raise, (exc,), {}
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
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass
        server._forkserver_alive_fd = None


def _raise(exc):
    raise exc
