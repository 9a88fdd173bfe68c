"""A progress bar for the long commands (bulk, rate), on stderr when it is a terminal: tqdm's, with
its rate and time left; nothing when the output is piped or redirected."""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["progress_bar"]


@contextlib.contextmanager
def progress_bar(lang: str = "en", stream: Any = None, unit: str | None = None
                 ) -> Iterator[Callable[[int, float], None] | None]:
    """A callback progress(items done, fraction done), or None off a terminal; `unit` names the
    items (rows, customers, documents)."""
    stream = stream or sys.stderr
    if not getattr(stream, "isatty", lambda: False)():
        yield None
        return
    from tqdm import tqdm

    unit = unit or ("rijen" if lang == "nl" else "rows")
    bar = tqdm(total=1000, file=stream, leave=False, dynamic_ncols=True, mininterval=0,
               bar_format="{percentage:3.0f}%|{bar}| {postfix} [{elapsed}<{remaining}]")
    shown = [0]

    def show(rows: int, done: float) -> None:
        step = int(min(max(done, 0.0), 1.0) * 1000)
        if step > shown[0]:  # each step drawn once: never the same step twice
            shown[0] = step
            bar.set_postfix_str(f"{rows:,} {unit}", refresh=False)
            bar.n = step
            bar.refresh()

    try:
        yield show
    finally:
        bar.close()
