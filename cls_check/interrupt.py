"""The signals that stop the program, handled one way whichever arrives.

SIGINT (Ctrl-C), SIGTERM (``kill``, ``timeout``, a CI runner cancelling) and SIGHUP (the
terminal closed) all raise :class:`KeyboardInterrupt` in the main thread, so that the
same cleanup runs for each: the report's temporary file is removed (:mod:`cls_check.output`),
the ``--jobs`` workers are stopped (:mod:`cls_check.batch`), and the program says
« interrompu » and exits with 130. Further signals are ignored while that cleanup runs.

Python drops an exception raised where it cannot report it (a hook run at fork, a
finalizer: « Exception ignored in … »). So signals wait while worker processes are forked
(:func:`deferred`), and a batch asks between contracts whether one came in (:func:`check`).

Installed by the program (:func:`cls_check.cli.run`) only: a library leaves its host's
signals alone.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

EXIT_INTERRUPTED = 130

_STOPPING = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_MASKS = hasattr(signal, "pthread_sigmask")
_received: list[int] = []


def install() -> None:
    for signum in _STOPPING:
        signal.signal(signum, _interrupted)


def _interrupted(signum: int, _frame: FrameType | None) -> None:
    for stopping in _STOPPING:
        signal.signal(stopping, signal.SIG_IGN)
    _received.append(signum)
    raise KeyboardInterrupt


def check() -> None:
    """Raise KeyboardInterrupt if a signal came in: again, if Python dropped it."""
    if _received:
        raise KeyboardInterrupt


@contextmanager
def deferred() -> Iterator[None]:
    """Signals wait until the end of the block (forking worker processes): a child then
    starts with them blocked, until :func:`in_worker` decides what they do there."""
    if not _MASKS:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def in_worker() -> None:
    """In a ``--jobs`` worker: its parent decides. Ctrl-C reaches the whole process group;
    a worker ignores it and is stopped by its parent (SIGTERM, whose default action ends
    it silently, as does SIGHUP)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in _STOPPING:
        if signum != signal.SIGINT:
            signal.signal(signum, signal.SIG_DFL)
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
