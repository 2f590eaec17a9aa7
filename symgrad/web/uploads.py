"""Uploaded files kept for the next run: Fit forgets nothing between two runs on one file.

A file is kept in memory under the SHA-256 of its bytes (at most ``size`` files, least
recently used first out); the page carries the digest in a hidden field and the file's name
for display, so "Fit" again with another learning rate uses the same data without choosing
the file again.

>>> kept = Uploads(size=2)
>>> key = kept.put("d.csv", b"x,y\\n1,2\\n")
>>> kept.get(key), kept.get("0" * 64)
(('d.csv', b'x,y\\n1,2\\n'), None)
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

__all__ = ["Uploads"]


class Uploads:
    """A small least-recently-used store of uploaded files, keyed by their digest."""

    def __init__(self, size: int = 32):
        self.size = size
        self._files: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, name: str, data: bytes) -> str:
        """Keep a file; returns its key (the hex SHA-256 of the bytes)."""
        key = hashlib.sha256(data).hexdigest()
        with self._lock:
            self._files[key] = (name, data)
            self._files.move_to_end(key)
            while len(self._files) > self.size:
                self._files.popitem(last=False)
        return key

    def get(self, key: str | None) -> tuple[str, bytes] | None:
        """(name, bytes) of a kept file, or None."""
        with self._lock:
            if not key or key not in self._files:
                return None
            self._files.move_to_end(key)
            return self._files[key]
