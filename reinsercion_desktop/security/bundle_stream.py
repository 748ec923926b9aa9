"""The decrypted events of a bundle as an iterator, for applying its parts.

`pyrage.decrypt_io` pushes plaintext into a writer; the caller wants to pull parts one
after the other. A thread runs the decryption into a bounded queue of parsed events, so
at most a few pieces are held at once and no plaintext ever touches the disk. Leaving
the `with` block (finished, refused, or the caller stopping early) stops the thread.
"""

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import BinaryIO

import pyrage
from pyrage import x25519

from reinsercion_desktop.security import bundle_frames as frames
from reinsercion_desktop.security.bundle_age import (
    AgeSink,
    refusal_for_age_error,
    refuse_by_first_line,
)

_QUEUED = 32  # events (pieces of at most 64 KiB) held between the thread and the reader
_FINISHED = b"finished"


class _Stopped(Exception):
    """The reader went away: end the decryption."""


def _put(events: queue.Queue, stop: threading.Event, item: object) -> None:
    while not stop.is_set():
        with contextlib.suppress(queue.Full):
            events.put(item, timeout=0.1)
            return
    raise _Stopped()


@contextlib.contextmanager
def decrypted_events(
    source: BinaryIO, identity: x25519.Identity, size: int
) -> Iterator[Iterator[frames.Event]]:
    refuse_by_first_line(source)
    events: queue.Queue = queue.Queue(maxsize=_QUEUED)
    stop = threading.Event()
    sink = AgeSink(frames.FrameParser(), lambda kind, body: _put(events, stop, (kind, body)))

    def decrypt() -> None:
        outcome: tuple[bytes, BaseException | None] = (_FINISHED, None)
        try:
            pyrage.decrypt_io(source, sink, [identity])
            sink.parser.finish()
        except BaseException as error:
            outcome = (_FINISHED, error)
        with contextlib.suppress(_Stopped):
            _put(events, stop, outcome)

    def read() -> Iterator[frames.Event]:
        while True:
            kind, body = events.get()
            if kind is _FINISHED:
                if body is not None:
                    raise sink.refusal or refusal_for_age_error(body, source, size, sink)
                return
            yield kind, body

    worker = threading.Thread(target=decrypt, name="bundle-decrypt", daemon=True)
    worker.start()
    try:
        yield read()
    finally:
        stop.set()
        worker.join()
