"""The signals that stop the program, handled one way whichever arrives.

SIGINT (Ctrl-C), SIGTERM (``kill``, ``timeout``, a CI runner cancelling) and SIGHUP (the
terminal closed) all raise :class:`KeyboardInterrupt` in the main thread, so that the
same cleanup runs for each: the report's temporary file is removed (:mod:`cls_check.output`),
the ``--jobs`` workers are stopped (:mod:`cls_check.batch`), and the program says
« interrompu » and exits with 130. Further signals are ignored while that cleanup runs.

Installed by the program (:func:`cls_check.cli.run`) only: a library leaves its host's
signals alone.
"""

from __future__ import annotations

import signal
from types import FrameType

EXIT_INTERRUPTED = 130

_STOPPING = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def install() -> None:
    for signum in _STOPPING:
        signal.signal(signum, _interrupted)


def _interrupted(_signum: int, _frame: FrameType | None) -> None:
    for signum in _STOPPING:
        signal.signal(signum, signal.SIG_IGN)
    raise KeyboardInterrupt


def in_worker() -> None:
    """In a ``--jobs`` worker: its parent decides. Ctrl-C reaches the whole process group;
    a worker ignores it and is stopped by its parent (SIGTERM, whose default action ends
    it silently, as does SIGHUP)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in _STOPPING:
        if signum != signal.SIGINT:
            signal.signal(signum, signal.SIG_DFL)
