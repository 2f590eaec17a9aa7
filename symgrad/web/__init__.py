"""``symgrad serve``: a local web page that derives, checks, explains, traces and fits.

Needs the optional extra ``pip install 'symgrad[web]'`` (Flask and waitress); the rest of
symgrad does not.  See docs/web.md.
"""

from __future__ import annotations

from ..runtime.budget import Budget
from .arrival import stamped
from .limits import per_client_channel

__all__ = ["create_app", "make_server"]

#: Connections one client (one IP address) may hold open at once; more are closed at once.
PER_CLIENT = 24
#: Connections in all; past it waitress stops accepting until some close.
CONNECTION_LIMIT = 200
#: Seconds an idle or slow connection is kept (a slow-loris client is dropped after it).
CHANNEL_TIMEOUT = 30


def create_app(budget: Budget | None = None, **kwargs):
    """The Flask application (see :func:`symgrad.web.app.create_app`)."""
    # lazy: the budgets' fork server preloads symgrad.web.work, and with it this package;
    # flask and waitress (94 ms, 9 MB) stay out of it and of every budgeted child
    from .app import create_app as _create

    return _create(budget, **kwargs)


def make_server(host: str = "127.0.0.1", port: int = 8000, *, budget: Budget | None = None,
                slots: int = 8, threads: int = 32, token: str | None = None,
                hosts=(), per_client: int = PER_CLIENT):
    """A waitress server for the application; ``.run()`` serves until interrupted.

    ``port=0`` picks a free port: it is ``server.effective_port``.  ``token``: every page
    needs it (in the URL once, then a cookie); ``hosts``: extra names the server answers to.
    One client may hold at most ``per_client`` connections, all clients ``CONNECTION_LIMIT``.

    >>> server = make_server(port=0)
    >>> int(server.effective_port) > 0
    True
    >>> server.close()
    """
    # lazy: as in create_app (flask and waitress stay out of the budgets' fork server)
    from waitress.server import create_server

    from .app import MAX_REQUEST

    app = create_app(budget, slots=slots, hosts=(host, *hosts), token=token)
    server = create_server(app, host=host, port=port, threads=threads,
                           max_request_body_size=8 * MAX_REQUEST, ident="symgrad",
                           clear_untrusted_proxy_headers=True,
                           connection_limit=CONNECTION_LIMIT, channel_timeout=CHANNEL_TIMEOUT)
    # each request notes when it was read whole: its deadline counts from then
    server.channel_class = per_client_channel(stamped(server.channel_class), per_client)
    return server
