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

from . import budget


def warm() -> None:
    """Derive and check once in this process (budgets run directly meanwhile).  symgrad is
    imported by name: the runtime imports nothing above it."""
    inside, budget._IN_CHILD = budget._IN_CHILD, True
    try:
        symgrad = importlib.import_module("symgrad")
        symgrad.derive("x**2 + sin(x)").text()
        symgrad.check_derivative("x**2", "x", "2*x").text()
    except Exception:  # noqa: BLE001 - only a warm-up
        pass
    finally:
        budget._IN_CHILD = inside


def in_fork_server() -> bool:
    """Whether this module is being imported by multiprocessing's fork server."""
    frame = sys._getframe()
    server = os.path.join("multiprocessing", "forkserver.py")
    while frame is not None:
        if frame.f_code.co_filename.endswith(server) and frame.f_code.co_name == "main":
            return True
        frame = frame.f_back
    return False


if in_fork_server():
    warm()
    atexit.register(os._exit, 0)
