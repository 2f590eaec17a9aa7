"""``symgrad serve``: a local web page that derives, checks, explains, traces and fits.

Needs the optional extra ``pip install 'symgrad[web]'`` (Flask and waitress); the rest of
symgrad does not.  See docs/web.md.
"""

from __future__ import annotations

from ..runtime.budget import Budget

__all__ = ["create_app", "make_server"]


def create_app(budget: Budget | None = None, **kwargs):
    """The Flask application (see :func:`symgrad.web.app.create_app`)."""
    from .app import create_app as _create

    return _create(budget, **kwargs)


def make_server(host: str = "127.0.0.1", port: int = 8000, *, budget: Budget | None = None,
                slots: int = 8, threads: int = 32):
    """A waitress server for the application; ``.run()`` serves until interrupted.

    ``port=0`` picks a free port: it is ``server.effective_port``.

    >>> server = make_server(port=0)
    >>> int(server.effective_port) > 0
    True
    >>> server.close()
    """
    from waitress.server import create_server

    from .app import MAX_REQUEST

    app = create_app(budget, slots=slots)
    return create_server(app, host=host, port=port, threads=threads,
                         max_request_body_size=8 * MAX_REQUEST, ident="symgrad",
                         clear_untrusted_proxy_headers=True)
