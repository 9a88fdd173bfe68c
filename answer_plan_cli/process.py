"""How an answer-plan process uses memory, set before numpy loads. A run of bulk or rate allocates
and frees arrays of a megabyte and more in three threads, chunk after chunk; with the defaults
each is a fresh mapping of the kernel's (numpy asks for huge pages on them too), and unmapping it
interrupts every other core. On a small or shared machine that costs as much as the work (a
1,000,000-row bulk: 0.5-1 s of system time, measured in bench/). So, for this process only:

- numpy does not advise huge pages (NUMPY_MADVISE_HUGEPAGE=0, numpy's own switch), unless the
  environment says otherwise;
- glibc keeps freed memory for the next chunk instead of returning it at once (mallopt: arrays up
  to 32 MiB from the heap, the heap trimmed only above 1 GiB). Elsewhere (macOS, Windows, musl)
  nothing changes.

A library does not change its host's allocator: this is the command line's choice, not
optimizer's (recommend_many in someone's notebook keeps their process as it is)."""
from __future__ import annotations

import os
import sys

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h
MMAP_THRESHOLD = 32 << 20  # glibc's largest allowed on 64-bit
TRIM_THRESHOLD = 1 << 30


def tune() -> bool:
    """Set the above (once, before numpy is imported); True when glibc took the settings."""
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) & bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
