"""Timing for the benchmarks: the median of repeated runs, after one to warm up."""

from __future__ import annotations

import statistics
import time


def timed_ms(function) -> float:
    """The time of one run of `function()` in milliseconds."""
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def median_ms(function, repeat: int = 7) -> float:
    """The median time of `function()` in milliseconds over `repeat` runs, after a warm-up."""
    function()
    return statistics.median(timed_ms(function) for _ in range(repeat))
