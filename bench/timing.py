"""Timing for the benchmarks: the median of repeated runs, after one to warm up."""

from __future__ import annotations

import statistics
import time


def median_ms(function, repeat: int = 7) -> float:
    """The median time of `function()` in milliseconds over `repeat` runs, after a warm-up."""
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
