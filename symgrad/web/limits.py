"""At most so many open connections per client: one machine cannot take the whole server.

waitress bounds the connections in all (``connection_limit``) and drops idle ones
(``channel_timeout``); it has no bound per client.  :func:`per_client_channel` makes a
channel class that counts the open connections of each IP address and closes a new one at
once past the limit, so a hundred slow sockets from one laptop leave room for the class.

>>> from waitress.channel import HTTPChannel
>>> per_client_channel(HTTPChannel, 4).limit
4
"""

from __future__ import annotations

import threading
from collections import Counter

__all__ = ["per_client_channel"]


def per_client_channel(base, limit: int):
    """A subclass of the waitress channel class ``base`` allowing ``limit`` per client."""
    open_by_client: Counter[str] = Counter()
    lock = threading.Lock()

    class PerClientChannel(base):
        def __init__(self, server, sock, addr, adj, map=None):
            self._client = addr[0] if isinstance(addr, tuple) and addr else str(addr)
            with lock:
                open_by_client[self._client] += 1
                over = open_by_client[self._client] > limit
            self._counted = True
            super().__init__(server, sock, addr, adj, map)
            if over:
                self.close()

        def del_channel(self, map=None):
            if getattr(self, "_counted", False):
                self._counted = False
                with lock:
                    open_by_client[self._client] -= 1
                    if open_by_client[self._client] <= 0:
                        del open_by_client[self._client]
            super().del_channel(map)

    PerClientChannel.limit = limit
    PerClientChannel.open_by_client = open_by_client
    return PerClientChannel
