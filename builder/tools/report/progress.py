"""Progress on long reads: the statements read so far and the rate, on one line of the terminal.

Shown only when standard error is a terminal: a report run from cron, a pipe or a file gets no
progress lines in its log.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

EVERY_S = 0.5  # the line is written again at most this often


class Progress:
    """Called with the count read so far (the Collector calls it every 4,096 statements)."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.clock = stream, clock
        self.started = clock()
        self.shown: float | None = None

    def __call__(self, count: int) -> None:
        now = self.clock()
        if self.shown is not None and now - self.shown < EVERY_S:
            return
        self.shown = now
        elapsed = now - self.started
        rate = f" ({count / elapsed:,.0f} a second)" if elapsed > 0 else ""
        self.stream.write(f"\rread {count:,} statements{rate}\x1b[K")
        self.stream.flush()

    def end(self) -> None:
        """Leave the last count on screen and move to a new line for what follows."""
        if self.shown is not None:
            self.stream.write("\n")
            self.stream.flush()


def progress_line(stream: TextIO | None = None) -> Progress | None:
    """A Progress on `stream` (standard error) if it is a terminal, else None."""
    stream = stream if stream is not None else sys.stderr
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    return Progress(stream) if terminal else None
