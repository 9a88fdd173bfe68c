"""How an answer-plan process uses memory, set as the command starts (`run`). A run of bulk or rate
allocates and frees arrays of a megabyte and more in three threads, chunk after chunk; with the
defaults each is a fresh mapping of the kernel's (numpy asks for huge pages on them too), and
unmapping it interrupts every other core. On a small or shared machine that costs as much as the
work (a 1,000,000-row bulk: 0.5-1 s of system time, measured in bench/). So, for the command's own
process only:

- numpy does not advise huge pages (as NUMPY_MADVISE_HUGEPAGE=0 would), unless the environment
  says how it wants them;
- glibc keeps freed memory for the next chunk instead of returning it at once (mallopt: arrays up
  to 32 MiB from the heap, the heap trimmed only above 1 GiB). Elsewhere (macOS, Windows, musl)
  nothing changes.

A library does not change its host's allocator: this is the command line's entry point's choice,
not optimizer's, nor an import's (recommend_many in someone's notebook, or main() called by a test,
keeps its process as it is).

And while a command loads its modules (pandas, pyarrow: some 100,000 objects) the interpreter's
cyclic collector is paused (`loading`), and what they made is frozen after: each collection
otherwise looks at every object made so far, some 40 ms of a 0.8 s `rate`; none of it is garbage.

And when the command is done (its outputs committed: renamed into place and synced), its process
ends without the interpreter's teardown (`leave`), which after a big run frees a heap of pandas
and Arrow memory module by module: some 0.1 s of a 1 s `rate`, for nothing."""
from __future__ import annotations

import atexit
import contextlib
import gc
import os
import signal
import sys
from collections.abc import Iterator

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h
MMAP_THRESHOLD = 32 << 20  # glibc's largest allowed on 64-bit
TRIM_THRESHOLD = 1 << 30


_TUNED = [False]  # tune() ran: this is a command's own process


def tune() -> bool:
    """Set the above for this process; True when glibc took its settings."""
    _TUNED[0] = True
    if not os.environ.get("NUMPY_MADVISE_HUGEPAGE", "0").strip().isdigit():
        del os.environ["NUMPY_MADVISE_HUGEPAGE"]  # numpy's import would fail on it (int('')): as if unset
    if "NUMPY_MADVISE_HUGEPAGE" not in os.environ:
        try:
            with loading():
                from numpy._core.multiarray import _set_madvise_hugepage  # numpy's own switch, as its tests use it

            _set_madvise_hugepage(False)
        except (ImportError, AttributeError):  # another numpy: its default stays
            pass
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) & bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """A command's modules imported (in the with block) without the cyclic collector running, what
    they made frozen after (gc.freeze: later collections do not look at it). Only in a command's
    own process (tune ran): main() called in someone's process leaves its collector as it is."""
    if not _TUNED[0] or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def leave(status: int) -> None:
    """End the process with `status`: what is registered to run at exit runs (atexit: a coverage
    tool's, a library's), stdout and stderr are flushed (main has flushed stdout and said a full
    disk; a reader gone or a stream closed is not an error here), then the process exits at once.
    A signal meanwhile ends it at once with 128 + the signal. Only a command's entry point calls
    this."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):
            signal.signal(sig, _now)
    getattr(atexit, "_run_exitfuncs", lambda: None)()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None: started with it closed
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(status)


def _now(signum: int, frame: object) -> None:
    os._exit(128 + signum)
