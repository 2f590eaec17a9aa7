"""Imported once by the budgets' fork server (see :mod:`symgrad.runtime.forkserver`): presents
the caller's ``__main__`` as the server's own, and lets the server end at once when its caller
has gone (no slow teardown of SymPy, which takes seconds on a busy machine while the server's
children wait to die with it).  The warm-up itself (one derivation, one check) is
:mod:`symgrad.warmup`, preloaded after it: the runtime imports nothing above it.

>>> in_fork_server()
False
"""

import atexit
import os
import sys
import types

from .forkserver import MAIN_FILE, MAIN_NAME


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
    main = sys.modules["__main__"]
    if os.environ.get(MAIN_FILE):
        main.__file__ = os.environ[MAIN_FILE]
    if os.environ.get(MAIN_NAME):
        main.__spec__ = types.SimpleNamespace(name=os.environ[MAIN_NAME])


if in_fork_server():
    adopt_callers_main()
    atexit.register(os._exit, 0)
