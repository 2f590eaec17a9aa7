"""The ``symgrad`` command: ``main`` parses the command line; one module per group of
subcommands (``check``, ``analysis``, ``serve``) and the shared file handling (``files``,
``documents``)."""

from .main import main

__all__ = ["main"]
