"""Imported once by the budgets' fork server (see :mod:`symgrad.runtime.forkserver`): loads what the
first derivation and the first check load lazily, so that every child starts with it loaded,
and lets the server end at once when its caller has gone (no slow teardown of SymPy, which
takes seconds on a busy machine while the server's children wait to die with it).

>>> in_fork_server()
False
"""

import atexit
import importlib
import os
import sys

from . import child


def warm() -> None:
    """Derive and check once in this process (budgets run directly meanwhile).  symgrad is
    imported by name: the runtime imports nothing above it."""
    inside, child.IN_CHILD = child.IN_CHILD, True
    try:
        symgrad = importlib.import_module("symgrad")
        symgrad.derive("x**2 + sin(x)").text()
        symgrad.check_derivative("x**2", "x", "2*x").text()
    except Exception:  # noqa: BLE001 - only a warm-up
        pass
    finally:
        child.IN_CHILD = inside


def in_fork_server() -> bool:
    """Whether this module is being imported by multiprocessing's fork server."""
    frame = sys._getframe()
    server = os.path.join("multiprocessing", "forkserver.py")
    while frame is not None:
        if frame.f_code.co_filename.endswith(server) and frame.f_code.co_name == "main":
            return True
        frame = frame.f_back
    return False


def adopt_callers_main() -> None:
    """Present the caller's ``__main__`` (named in the environment by forkserver.start) as
    this server's own: multiprocessing then takes it as imported, and its children never run
    the caller's script again (a script without ``if __name__ == "__main__":`` would start its
    work over in each of them)."""
    import types

    from .forkserver import MAIN_FILE, MAIN_NAME

    main = sys.modules["__main__"]
    if os.environ.get(MAIN_FILE):
        main.__file__ = os.environ[MAIN_FILE]
    if os.environ.get(MAIN_NAME):
        main.__spec__ = types.SimpleNamespace(name=os.environ[MAIN_NAME])


if in_fork_server():
    adopt_callers_main()
    warm()
    atexit.register(os._exit, 0)
