"""The age layer of a bundle as seen by a reader: a sink that parses what age decrypts,
and age's failures turned into the refusals a person can act on.

age's messages are English and about age ("Header MAC is invalid", "decryption error");
what the staff need is which of: not a bundle, cut short, altered, for someone else,
made by a newer program. What can be told apart is told from the file's first line, its
length and how far decryption got; what cannot (a file cut inside its last block and one
whose last block was changed fail the same check) says both.
"""

import io
import re
from collections.abc import Callable
from typing import BinaryIO

import pyrage

from reinsercion_desktop.security import bundle_frames as frames
from reinsercion_desktop.security.bundle_refusals import (
    BundleDamaged,
    BundleForAnotherInstallation,
    BundleRefused,
    BundleTruncated,
    NewerBundleFormat,
    NotABundle,
)

AGE_MAGIC = b"age-encryption.org/"
AGE_V1 = b"age-encryption.org/v1\n"
PLAIN_CHUNK = 64 * 1024  # age's STREAM chunk, and what decrypt_io writes at a time
SEALED_CHUNK = PLAIN_CHUNK + 16
NONCE = 16
_AGE_VERSION = re.compile(rb"age-encryption\.org/v(\d+)\n")


class AgeSink(io.RawIOBase):
    """What `pyrage.decrypt_io` writes into: fed to the frame parser, whose events go to
    `on_event` (kind, body) as they come; nothing is kept."""

    def __init__(self, parser: frames.FrameParser, on_event: Callable[[bytes, bytes], None]):
        self.parser = parser
        self.on_event = on_event
        self.plaintext_bytes = 0  # how far decryption got
        self.refusal: BundleRefused | None = None

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[no-untyped-def]
        size = len(data)
        self.plaintext_bytes += size
        try:
            for kind, body in self.parser.feed(bytes(data)):
                self.on_event(kind, body)
        except BundleRefused as refusal:
            self.refusal = refusal  # pyrage stops; the refusal is raised after it
            raise
        return size


def refuse_by_first_line(source: BinaryIO) -> None:
    """Refuse before decrypting what is not an age v1 file."""
    start = source.read(len(AGE_V1))
    source.seek(0)
    if start == AGE_V1:
        return
    if not start:
        raise NotABundle()
    if AGE_V1.startswith(start):
        raise BundleTruncated()
    if not start.startswith(AGE_MAGIC):
        raise NotABundle()
    source.seek(0)
    version = _AGE_VERSION.match(source.read(64))
    source.seek(0)
    if version and int(version[1]) > 1:
        raise NewerBundleFormat()
    raise BundleDamaged()


def refusal_for_age_error(
    error: Exception, source: BinaryIO, size: int, sink: AgeSink
) -> BundleRefused:
    """The refusal a failure of `pyrage.decrypt_io` stands for."""
    if isinstance(error, BundleRefused):
        return error
    text = str(error)
    if "No matching keys" in text:
        return BundleForAnotherInstallation.not_encrypted_for_us()
    if "Incomplete header" in text or "fill whole buffer" in text:
        return BundleTruncated()
    if isinstance(error, pyrage.DecryptError):
        return BundleDamaged()  # the header's MAC or syntax: changed bytes
    header = _header_length(source)
    if header is None:
        return BundleDamaged()
    sealed = size - header - NONCE
    if sealed < 17 or 1 <= sealed % SEALED_CHUNK <= 16:
        return BundleTruncated()  # no complete age file has this length
    last_chunk = -(-sealed // SEALED_CHUNK) - 1
    if sink.plaintext_bytes // PLAIN_CHUNK < last_chunk:
        return BundleDamaged()  # a chunk before the last failed: a cut leaves those whole
    return BundleDamaged.cut_or_altered()


def _header_length(source: BinaryIO) -> int | None:
    """Where age's header ends (after the "--- <mac>" line), if it is in the first 8 KiB."""
    source.seek(0)
    start = source.read(8192)
    mark = start.find(b"\n--- ")
    end = start.find(b"\n", mark + 1) if mark >= 0 else -1
    return end + 1 if end >= 0 else None
