"""``symgrad serve``: the local web page (needs ``pip install 'symgrad[web]'``)."""

from __future__ import annotations

import secrets
import socket
import sys
import webbrowser

from ..errors import UsageError, said
from ..runtime.budget import Budget


def register(sub) -> None:
    """Add ``serve`` to the sub-command parsers ``sub``.

    >>> from symgrad.cli.main import CommandParser
    >>> parser = CommandParser(prog="symgrad")
    >>> register(parser.add_subparsers(parser_class=CommandParser))
    >>> args = parser.parse_args(["serve", "--port", "8001"])
    >>> args.host, args.port
    ('127.0.0.1', 8001)
    """
    p = sub.add_parser("serve", help="start the local web page (derive, check, explain, fit)",
                       description="Serve the web page. On a classroom network "
                       "(--host 0.0.0.0) every page needs the token in the printed address.")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only; "
                        "0.0.0.0 shares it on the classroom network, with a token)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another name the page may be opened by (e.g. teacher.local); "
                        "localhost and IP addresses always may")
    p.add_argument("--no-token", action="store_true",
                   help="with a --host beyond this computer: serve without the token "
                        "(anyone on the network can use the page)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free)")
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds one request may compute (default: SYMGRAD_TIMEOUT or 10)")
    p.add_argument("--memory-mb", type=float, default=None,
                   help="address space one computation may use, MiB (default: SYMGRAD_MEMORY_MB "
                        "or 2048; it includes the ~1.4 GiB the server itself maps)")
    p.add_argument("--slots", type=int, default=8,
                   help="computations at the same time (default 8); the rest wait, "
                        "within their time budget")
    p.add_argument("--open", action="store_true", help="open the page in the web browser")
    p.set_defaults(run=run_serve)


def run_serve(args) -> int:
    """Serve until interrupted (Ctrl+C)."""
    try:  # lazy: the optional web extra (flask: 80 ms to import); present, or say how to get it
        import flask  # noqa: F401
        import waitress.server  # noqa: F401
    except ImportError as e:
        raise UsageError(said('err.cli_serve.symgrad-serve-needs-web', e.name)) from None
    # lazy: symgrad.web imports flask and waitress, which every other command can do without
    from ..web import make_server
    from ..web.security import is_loopback

    if not 0 <= args.port <= 65535:
        raise UsageError(said('err.cli_serve.port-must-be-between', args.port))
    if args.slots < 1:
        raise UsageError(said('err.cli_serve.slots-must-be-at', args.slots))
    default = Budget.default()
    seconds = default.seconds if args.timeout is None else args.timeout
    if not seconds > 0:
        raise UsageError(said('err.cli_serve.timeout-must-be-positive', args.timeout))
    memory = default.memory_mb if args.memory_mb is None else args.memory_mb
    if not memory > 0:
        raise UsageError(said('err.cli_serve.memory-mb-must-be', args.memory_mb))
    # Beyond this computer every page needs a token (as jupyter server does), unless asked.
    token = None if is_loopback(args.host) or args.no_token else secrets.token_urlsafe(24)
    try:
        server = make_server(args.host, args.port, budget=Budget(seconds, memory),
                             slots=args.slots, token=token, hosts=args.allow_host)
    except OSError as e:
        raise UsageError(said('err.cli_serve.cannot-listen-on',
                              args.host, args.port, e.strerror)) from None
    query = f"?token={token}" if token else ""
    url = f"http://{_shown_host(args.host)}:{server.effective_port}/{query}"
    print(said("cli.serving", url), flush=True)
    if args.open:
        webbrowser.open(url)
    try:
        server.run()
    except KeyboardInterrupt:
        print(said("cli.stopped"), file=sys.stderr)
    finally:
        server.close()
    return 0


def _shown_host(host: str) -> str:
    """The address to print: for a wildcard, this computer's address on its network."""
    if host in ("", "0.0.0.0", "::"):
        return _network_address()
    return f"[{host}]" if ":" in host else host


def _network_address() -> str:
    """This computer's address on the network its default route leads to (a UDP socket is
    connected, nothing is sent); 127.0.0.1 without a network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"
