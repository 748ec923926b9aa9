"""The plaintext inside an exchange bundle: a header line, then frames (docs/bundle-format.md).

    header  = "reinsercion-desktop/bundle <major>.<minor>\\n"     (ASCII)
    frame   = kind (1 ASCII byte) | length (4 bytes, unsigned big-endian) | body
    stream  = header  ( P D* E )*  M  S  Z                        and nothing after Z

P opens a part (body: its name, UTF-8), D carries a piece of it, E closes it; M is the
manifest (canonical JSON), S the sender's Ed25519 signature over it, Z the end. The
manifest comes last so parts stream out before their hashes are known.

`FrameParser` is fed the decrypted bytes in pieces of any size and returns events as
frames complete; a data frame's body is passed on as it arrives, never held whole, so
memory stays bounded by the largest non-data frame (the manifest).
"""

import re
from collections.abc import Iterable, Iterator

from reinsercion_desktop.security.bundle_refusals import (
    BundleDamaged,
    NewerBundleFormat,
    NotABundle,
)

FORMAT_VERSION = (1, 0)  # what this program writes; it reads any 1.x
MAGIC = b"reinsercion-desktop/bundle "
MAX_HEADER_LINE = 64

PART, DATA, PART_END, MANIFEST, SIGNATURE, END = b"P", b"D", b"E", b"M", b"S", b"Z"
CHUNK = 256 * 1024  # what the writer puts in one data frame
MAX_DATA = 1024 * 1024  # what a reader accepts in one
MAX_NAME = 255
MAX_MANIFEST = 64 * 1024 * 1024
SIGNATURE_LENGTH = 64
_LIMITS = {
    PART: (1, MAX_NAME),
    DATA: (1, MAX_DATA),
    PART_END: (0, 0),
    MANIFEST: (2, MAX_MANIFEST),
    SIGNATURE: (SIGNATURE_LENGTH, SIGNATURE_LENGTH),
    END: (0, 0),
}
_VERSION = re.compile(rb"(\d{1,4})\.(\d{1,4})")

# Parser states, and the frames each one accepts.
_HEADER, _BETWEEN, _IN_PART, _IN_DATA, _SIGNED_NEXT, _END_NEXT, _DONE = range(7)
_ACCEPTS = {
    _BETWEEN: {PART, MANIFEST},
    _IN_PART: {DATA, PART_END},
    _SIGNED_NEXT: {SIGNATURE},
    _END_NEXT: {END},
}

Event = tuple[bytes, bytes]  # (kind, body): PART name, DATA piece, MANIFEST, SIGNATURE…


def header_line(version: tuple[int, int] = FORMAT_VERSION) -> bytes:
    return MAGIC + f"{version[0]}.{version[1]}\n".encode("ascii")


def frame(kind: bytes, body: bytes = b"") -> bytes:
    return kind + len(body).to_bytes(4, "big") + body


def part_name(name: str) -> bytes:
    encoded = name.encode("utf-8")
    if not 1 <= len(encoded) <= MAX_NAME:
        raise ValueError(f"part name of {len(encoded)} bytes (1 to {MAX_NAME})")
    return encoded


def data_pieces(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The caller's chunks cut to at most CHUNK bytes each, empty ones skipped."""
    for chunk in chunks:
        view = memoryview(chunk).cast("B")
        for start in range(0, len(view), CHUNK):
            yield bytes(view[start : start + CHUNK])


class FrameParser:
    """Decrypted bytes in, events out; refuses anything outside the grammar."""

    def __init__(self, supported_major: int = FORMAT_VERSION[0]):
        self.supported_major = supported_major
        self.version: tuple[int, int] | None = None
        self._buffer = bytearray()
        self._state = _HEADER
        self._remaining = 0  # bytes still to come of the current data frame

    def feed(self, data: bytes) -> list[Event]:
        self._buffer += data
        events: list[Event] = []
        buffer = self._buffer
        while buffer:
            if self._state == _HEADER:
                if not self._read_header():
                    break
            elif self._state == _IN_DATA:
                take = min(len(buffer), self._remaining)
                events.append((DATA, bytes(buffer[:take])))
                del buffer[:take]
                self._remaining -= take
                if not self._remaining:
                    self._state = _IN_PART
            elif self._state == _DONE:
                raise BundleDamaged()  # bytes after the end frame
            else:
                event = self._read_frame()
                if event is None:
                    break
                if event[0] != DATA:
                    events.append(event)
        return events

    def finish(self) -> None:
        """The stream ended: it must have ended after the end frame. (age already refuses
        a file cut short; this catches a sender whose plaintext stopped early.)"""
        if self._state != _DONE:
            raise BundleDamaged()

    def _read_header(self) -> bool:
        buffer = self._buffer
        newline = buffer.find(b"\n", 0, MAX_HEADER_LINE)
        if newline < 0:
            if len(buffer) >= MAX_HEADER_LINE or not MAGIC.startswith(bytes(buffer[: len(MAGIC)])):
                raise NotABundle()
            return False
        line = bytes(buffer[:newline])
        match = _VERSION.fullmatch(line[len(MAGIC) :])
        if not line.startswith(MAGIC) or not match:
            raise NotABundle()
        self.version = (int(match[1]), int(match[2]))
        if self.version[0] > self.supported_major:
            raise NewerBundleFormat()
        if self.version[0] < 1:
            raise NotABundle()
        del buffer[: newline + 1]
        self._state = _BETWEEN
        return True

    def _read_frame(self) -> Event | None:
        buffer = self._buffer
        if len(buffer) < 5:
            return None
        kind = bytes(buffer[:1])
        length = int.from_bytes(buffer[1:5], "big")
        low, high = _LIMITS.get(kind, (1, 0))
        if kind not in _ACCEPTS[self._state] or not low <= length <= high:
            raise BundleDamaged()
        if kind == DATA:
            del buffer[:5]
            self._remaining = length
            self._state = _IN_DATA
            return (DATA, b"")
        if len(buffer) < 5 + length:
            return None
        body = bytes(buffer[5 : 5 + length])
        del buffer[: 5 + length]
        self._state = {
            PART: _IN_PART,
            PART_END: _BETWEEN,
            MANIFEST: _SIGNED_NEXT,
            SIGNATURE: _END_NEXT,
            END: _DONE,
        }[kind]
        return (kind, body)
