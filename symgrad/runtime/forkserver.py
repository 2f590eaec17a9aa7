"""Budgeted work forked from a single-threaded helper process, for processes that hold threads.

``fork`` copies only the calling thread.  A lock that another thread holds at that moment
stays locked in the child forever, so a budget forked from a multithreaded process (a
waitress worker thread, or a program that loaded JAX) can hang until its time is up, or
print JAX's "os.fork() was called … this will likely lead to a deadlock".  Such processes
send the work instead to a helper: a fresh interpreter started once (``subprocess``, which
runs no fork handlers of the caller), with symgrad imported and a single thread, that forks
one clean child per call.  The child writes its answer straight into a pipe the caller
made (its end is passed over a Unix socket), so the caller reads it as from its own child.

The function and its arguments travel pickled with budget.py's transport (SymPy sums,
products and powers exactly as built); a function that cannot be pickled (a lambda), or a
helper that cannot be started, makes :func:`run` return :data:`UNSENT`, and the caller
forks itself as before.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading

#: What :func:`run` returns when the work was not sent to the helper.
UNSENT = object()

_lock = threading.Lock()
_helper = None


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


class _Helper:
    def __init__(self, preload=()):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        code = (f"import sys; sys.path[:0] = {list(sys.path)!r}; "
                "from symgrad.runtime.forkserver import serve; "
                f"serve({theirs.fileno()}, {list(preload)!r})")
        self.process = subprocess.Popen([sys.executable, "-c", code], pass_fds=[theirs.fileno()],
                                        stdin=subprocess.DEVNULL)
        theirs.close()
        self.socket = ours
        self.lock = threading.Lock()
        _exactly(ours, 1)  # ready: symgrad (and ``preload``) imported and warmed up

    def send(self, module: str, payload: bytes, fd: int) -> int:
        """Hand ``payload`` and the pipe end ``fd`` to the helper; the child's pid.  The helper
        imports ``module`` (the function's) itself first, so that later children have it."""
        name = module.encode()
        with self.lock:
            header = len(payload).to_bytes(8, "big") + len(name).to_bytes(2, "big")
            socket.send_fds(self.socket, [header], [fd])
            self.socket.sendall(name + payload)
            return int.from_bytes(_exactly(self.socket, 8), "big")


def start(preload=()):
    """The helper, started now if it is not running (a server calls this before it makes
    its worker threads, so that the first request does not wait for it); ``preload`` names
    modules it imports once for all its children.

    >>> start().process.poll() is None
    True
    """
    global _helper
    with _lock:
        if _helper is None or _helper.process.poll() is not None:
            _helper = _Helper(preload)
        return _helper


def run(fn, args, kwargs, budget, collect, dumps):
    """``fn(*args, **kwargs)`` in a child of the helper, read by ``collect(fd, stop)`` (see
    budget.py) and pickled by ``dumps``; :data:`UNSENT` if it could not be sent.

    >>> from symgrad.runtime.budget import Budget, _collect_from, _dumps
    >>> run(sum, ([1, 2],), {}, Budget(5),
    ...     lambda fd, stop: _collect_from(fd, stop, Budget(5), "adding"), _dumps)
    3
    """
    from ..i18n.language import current

    try:  # the caller's language goes too: words made in the child are in it
        payload = dumps((fn, args, kwargs, budget, current()))
    except Exception:  # noqa: BLE001 - a lambda, a local class: not sendable
        return UNSENT
    module = getattr(getattr(fn, "__wrapped__", fn), "__module__", None) or "symgrad"
    read_end, write_end = os.pipe()
    try:
        try:
            pid = start().send(module, payload, write_end)
        except OSError:  # the helper died (or could not start): once more, then give up
            try:
                pid = start().send(module, payload, write_end)
            except OSError:
                return UNSENT
        os.close(write_end)
        write_end = -1

        def stop(kill: bool):
            if kill:  # its pipe is still open, so it is still running: no other process has its pid
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

        return collect(read_end, stop)
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


def _exactly(sock, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("the budget helper closed its socket")
        data += chunk
    return data


def serve(fd: int, preload=()) -> None:
    """The helper's loop: for each request, fork a child that runs it (children are reaped
    by the system); ends when the caller closes its socket."""
    import importlib
    import pickle

    from . import budget

    sock = socket.socket(fileno=fd)
    try:  # load what the first derivation and check load lazily, once, for every child
        symgrad = importlib.import_module("symgrad")  # by name: runtime imports nothing above it
        symgrad.derive("x**2 + sin(x)").text()
        symgrad.check_derivative("x**2", "x", "2*x")
        for module in preload:
            importlib.import_module(module)
    except Exception:  # noqa: BLE001 - only a warm-up
        pass
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    sock.sendall(b"R")
    while True:
        try:
            header, fds, _, _ = socket.recv_fds(sock, 10, 1)
            if not header or not fds:
                return
            header += _exactly(sock, 10 - len(header)) if len(header) < 10 else b""
            module = _exactly(sock, int.from_bytes(header[8:], "big")).decode()
            payload = _exactly(sock, int.from_bytes(header[:8], "big"))
        except (OSError, ConnectionError):
            return
        if module not in sys.modules:
            try:
                importlib.import_module(module)
            except Exception:  # noqa: BLE001 - the child will say what is wrong
                pass
        pid = os.fork()
        if pid == 0:
            sock.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                fn, args, kwargs, limits, lang = pickle.loads(payload)
                from ..i18n.language import _PROCESS_DEFAULT

                _PROCESS_DEFAULT[0] = lang
            except BaseException as exc:  # noqa: BLE001 - sent back like any other failure
                fn, args, kwargs, limits = _raise, (exc,), {}, budget.Budget()
            budget._child(fn, args, kwargs, limits, fds[0])
        os.close(fds[0])
        try:
            sock.sendall(pid.to_bytes(8, "big"))
        except OSError:
            return


def _raise(exc):
    raise exc
