"""When a request arrived: its deadline counts from then, time queued in the server included.

waitress reads requests in its main thread and queues each complete one until a worker
thread is free; a Flask view only starts then.  With many slow requests ahead of it, a
request can wait in that queue for longer than its whole budget, so a deadline counted from
the view's start would be broken before the view ran.  :func:`stamped` makes waitress's
channel note the moment a request has been read whole (headers and body: a slow upload is
not held against the server) and put it in the WSGI environment under :data:`ARRIVED`;
:class:`Arrival`, the WSGI middleware around the application, notes it on entry where the
server did not (Flask's test client, another WSGI server).  Times are ``time.monotonic()``.

>>> app = Arrival(lambda environ, start: [str(environ[ARRIVED] > 0).encode()])
>>> app({}, None)
[b'True']
>>> app({ARRIVED: 12.5}, None) and arrived({ARRIVED: 12.5})
12.5
"""

from __future__ import annotations

import time

__all__ = ["ARRIVED", "Arrival", "arrived", "stamped"]

#: The WSGI environment's key for the arrival time (``time.monotonic()``).
ARRIVED = "symgrad.arrived"


class Arrival:
    """WSGI middleware: ``environ[ARRIVED]`` set to now unless the server set it."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        environ.setdefault(ARRIVED, time.monotonic())
        return self.app(environ, start_response)


def arrived(environ) -> float:
    """When the request of ``environ`` arrived (now, if nobody noted it).

    >>> arrived({}) <= time.monotonic()
    True
    """
    return environ.get(ARRIVED) or time.monotonic()


def stamped(channel_class):
    """A subclass of waitress's channel class whose requests carry their arrival time.

    >>> from waitress.channel import HTTPChannel
    >>> channel = stamped(HTTPChannel)
    >>> parser = channel.parser_class(None)
    >>> parser.arrived is None
    True
    """
    class StampingParser(channel_class.parser_class):
        arrived = None

        def received(self, data):
            consumed = super().received(data)
            if self.completed and self.arrived is None:
                self.arrived = time.monotonic()
            return consumed

    class StampingTask(channel_class.task_class):
        def get_environment(self):
            environ = super().get_environment()
            if getattr(self.request, "arrived", None) is not None:
                environ.setdefault(ARRIVED, self.request.arrived)
            return environ

    class StampingChannel(channel_class):
        parser_class = StampingParser
        task_class = StampingTask

    return StampingChannel
