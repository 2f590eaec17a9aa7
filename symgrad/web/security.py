"""The page on a network, held to the Jupyter server's standard.

* **Host allow-list.**  A request is answered only when its ``Host`` names this server:
  localhost, an IP address (such as 127.0.0.1 or the classroom's 192.168.1.20), and the
  names given with ``symgrad serve --host`` (a wildcard address such as 0.0.0.0 adds this
  computer's own names).  A page on another site that rebinds its DNS name to this computer
  gets 403, so it cannot read results.
* **XSRF.**  Every form carries a token that must equal the one in a cookie this server set
  (a page on another site can neither read nor set it); a browser's ``Origin`` and
  ``Sec-Fetch-Site`` headers, when sent, must say the POST comes from this page itself.
* **A token in the URL.**  Listening beyond this computer (``--host`` other than loopback),
  every page needs the token printed at start (``http://host:8000/?token=…``), as
  ``jupyter server`` does; the first visit stores it in a cookie.  ``--no-token`` turns it off.

>>> guard = Guard(hosts=("0.0.0.0",), token="abc")
>>> [guard.host_allowed(n) for n in ("127.0.0.1:8000", "localhost", "[::1]", "evil.example")]
[True, True, True, False]
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from urllib.parse import urlsplit

from flask import abort, g, request

__all__ = ["LOOPBACK", "Guard", "is_loopback"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")
XSRF_COOKIE = "_xsrf"
TOKEN_COOKIE = "symgrad_token"
#: ``Sec-Fetch-Site`` values of a request this page itself made (``none``: typed or bookmarked).
SAME_SITE = ("same-origin", "none")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this computer.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _own_names() -> set[str]:
    """This computer's host names (for ``--host 0.0.0.0``)."""
    return {n.lower() for n in (socket.gethostname(), socket.getfqdn()) if n}


class Guard:
    """Decides whether a request may be answered (see the module docstring)."""

    def __init__(self, hosts=(), token: str | None = None):
        self.hosts = {h.lower().strip("[]") for h in LOOPBACK}
        for host in hosts:
            name = host.lower().strip("[]")
            if name in ("0.0.0.0", "::", ""):
                self.hosts |= _own_names()
            else:
                self.hosts.add(name)
        self.token = token

    def host_allowed(self, host: str) -> bool:
        """Whether ``host`` (a Host header without its port, or an IP address) names us."""
        name = host.lower().strip()
        if name.startswith("["):  # [::1]:8000
            name = name[1:name.find("]")] if "]" in name else name
        elif name.count(":") == 1:
            name = name.split(":")[0]
        if name in self.hosts:
            return True
        try:  # an address, e.g. the classroom LAN's 192.168.1.20: no DNS name to rebind
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True

    def check(self) -> None:
        """Abort the current request with 403 when it must not be answered."""
        if not self.host_allowed(request.host):
            abort(403, description="host")
        if self.token and not request.path.startswith("/static/") and not self._has_token():
            abort(403, description="token")
        if request.method == "POST":
            self._check_same_origin()

    def _has_token(self) -> bool:
        given = (request.args.get("token") or request.cookies.get(TOKEN_COOKIE)
                 or request.headers.get("Authorization", "").removeprefix("token ").strip())
        return bool(given) and hmac.compare_digest(given, self.token)

    def _check_same_origin(self) -> None:
        origin = request.headers.get("Origin")
        if origin is not None and (origin == "null" or not self.host_allowed(
                urlsplit(origin).netloc) or urlsplit(origin).netloc != request.host):
            abort(403, description="origin")
        site = request.headers.get("Sec-Fetch-Site")
        if site is not None and site not in SAME_SITE:
            abort(403, description="origin")
        cookie = request.cookies.get(XSRF_COOKIE, "")
        sent = request.form.get(XSRF_COOKIE, "") if request.form else ""
        if not cookie or not sent or not hmac.compare_digest(cookie, sent):
            abort(403, description="xsrf")

    @staticmethod
    def xsrf_token() -> str:
        """This browser's XSRF token (the cookie's value, or a new one the response sets)."""
        if "xsrf" not in g:
            g.xsrf = request.cookies.get(XSRF_COOKIE) or secrets.token_urlsafe(24)
        return g.xsrf

    def finish(self, response):
        """Set the XSRF cookie when a page handed out a new token, and the token cookie after
        a visit with ``?token=``."""
        if "xsrf" in g and request.cookies.get(XSRF_COOKIE) != g.xsrf:
            response.set_cookie(XSRF_COOKIE, g.xsrf, samesite="Strict", httponly=True)
        given = request.args.get("token")
        if self.token and given and hmac.compare_digest(given, self.token):
            # Lax: a link to the page from the class's chat or course site opens it; forms
            # from other sites are refused by the XSRF check, not by this cookie.
            response.set_cookie(TOKEN_COOKIE, given, samesite="Lax", httponly=True)
        return response
