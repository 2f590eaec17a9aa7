"""Shared by the small benchmark scripts: the spread of repeated timings."""

import statistics
import time


def spread(fn, repeat: int):
    """Median, min and max milliseconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t0))
    return statistics.median(times), min(times), max(times)
