"""One exchange bundle file (paquete de intercambio): written and read in one streaming
pass each, with no database and no plaintext on disk (docs/bundle-format.md).

Outside, the whole file is age v1 encrypted to the recipient's X25519 key (pyrage):
nothing in clear but age's own header. Inside, the frames of `bundle_frames`: the parts,
then the manifest with their hashes and lengths, signed by the sender's Ed25519 key.

Reading is two passes: `verify_bundle` decrypts, hashes every part and checks the
signature, the recipient and the version, and returns the manifest; only then does
`read_parts` decrypt again and hand the parts to the caller, re-checking each hash as it
goes (the file could change between the passes: the caller applies inside a transaction
and rolls back when this raises).
"""

import hashlib
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyrage import x25519

from reinsercion_desktop.domain.errors import describe_os_error
from reinsercion_desktop.security import bundle_frames as frames
from reinsercion_desktop.security.bundle_age import (
    AgeSink,
    refusal_for_age_error,
    refuse_by_first_line,
)
from reinsercion_desktop.security.bundle_manifest import (
    BundleHeader,
    Manifest,
    PartDigest,
    claimed_sender,
    format_of,
    manifest_from_json,
    signed_message,
)
from reinsercion_desktop.security.bundle_refusals import (
    BadSignature,
    BundleDamaged,
    BundleForAnotherInstallation,
    BundleUnreadable,
    NewerBundleFormat,
    NotABundle,
    UnknownSender,
)
from reinsercion_desktop.security.bundle_stream import decrypted_events
from reinsercion_desktop.security.bundle_writer import write_bundle

SUFFIX = ".rdpaquete"

__all__ = [
    "SUFFIX",
    "BundleHeader",
    "Manifest",
    "PartDigest",
    "bundle_file_name",
    "read_parts",
    "verify_bundle",
    "write_bundle",
]


def bundle_file_name(created_on: date, bundle_id: str) -> str:
    """`paquete-2026-12-08-3f9a1c.rdpaquete`: a date and six characters of the bundle id,
    nothing about the centre, a person or what it carries."""
    return f"paquete-{created_on.isoformat()}-{bundle_id.replace('-', '')[:6]}{SUFFIX}"


# -- reading --------------------------------------------------------------------------


def verify_bundle(
    src_path: Path,
    *,
    identity: str | x25519.Identity,
    signer_for: Callable[[str], bytes | None],
    own_installation_id: str,
    supported_format: int = frames.FORMAT_VERSION[0],
) -> Manifest:
    """The bundle's manifest, once everything in it has been checked (in the order of
    docs/bundle-format.md); otherwise a `BundleRefused` whose text is shown as it is.

    `signer_for(sender_id)` gives the raw Ed25519 public key of a known *and confirmed*
    sender, None for any other."""
    trailer = _Trailer()
    sink = AgeSink(frames.FrameParser(supported_format), trailer.take)
    with _opened(src_path) as (source, size):
        refuse_by_first_line(source)
        try:
            pyrage.decrypt_io(source, sink, [_identity(identity)])
        except Exception as error:
            raise (sink.refusal or refusal_for_age_error(error, source, size, sink)) from None
    if sink.refusal:
        raise sink.refusal
    sink.parser.finish()
    content, sender = claimed_sender(trailer.manifest_bytes)
    if format_of(content) != sink.parser.version:
        raise BundleDamaged()
    if format_of(content)[0] > supported_format:
        raise NewerBundleFormat()
    public = signer_for(sender)
    if public is None:
        raise UnknownSender()
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(
            trailer.signature, signed_message(trailer.manifest_bytes)
        )
    except (InvalidSignature, ValueError):
        raise BadSignature() from None
    manifest = manifest_from_json(content, trailer.manifest_bytes)
    if manifest.recipient != own_installation_id:
        raise BundleForAnotherInstallation()
    if list(manifest.parts) != trailer.digests:
        raise BundleDamaged()  # a part swapped, added, removed or changed
    return replace(manifest, signature=trailer.signature)


def read_parts(
    src_path: Path, identity: str | x25519.Identity, manifest: Manifest
) -> Iterator[tuple[str, Iterator[bytes]]]:
    """The parts of a verified bundle, in order: (name, its chunks). Read each part's
    chunks before asking for the next part (what is left unread is skipped). Raises
    `BundleDamaged` at the end of a part whose bytes differ from what was verified."""
    expected = iter(manifest.parts)
    trailer = {frames.MANIFEST: manifest.signed_bytes, frames.SIGNATURE: manifest.signature}
    with (
        _opened(src_path) as (source, size),
        decrypted_events(source, _identity(identity), size) as events,
    ):
        for kind, body in events:
            if kind == frames.PART:
                digest = next(expected, None)
                if digest is None or body.decode("utf-8") != digest.name:
                    raise BundleDamaged()
                part = _PartReader(events, digest)
                yield digest.name, part.chunks()
                part.finish()
            elif body != trailer.get(kind, body):
                raise BundleDamaged()  # the manifest or signature is not the verified one
        if next(expected, None) is not None:
            raise BundleDamaged()


class _PartReader:
    def __init__(self, events: Iterator[frames.Event], digest: PartDigest):
        self._events, self._digest = events, digest
        self._hasher, self._length, self._done = hashlib.sha256(), 0, False

    def chunks(self) -> Iterator[bytes]:
        while not self._done:
            kind, body = next(self._events)
            if kind == frames.DATA:
                self._hasher.update(body)
                self._length += len(body)
                yield body
            else:  # PART_END: the parser allows nothing else inside a part
                self._done = True
                if (self._length, self._hasher.hexdigest()) != (
                    self._digest.length,
                    self._digest.sha256,
                ):
                    raise BundleDamaged()

    def finish(self) -> None:
        for _ in self.chunks():
            pass


class _Trailer:
    """What verifying keeps of the decrypted stream: each part's hash and length, the
    manifest and the signature."""

    def __init__(self) -> None:
        self.digests: list[PartDigest] = []
        self.manifest_bytes = b""
        self.signature = b""
        self._name = ""
        self._hasher = hashlib.sha256()
        self._length = 0

    def take(self, kind: bytes, body: bytes) -> None:
        if kind == frames.DATA:
            self._hasher.update(body)
            self._length += len(body)
        elif kind == frames.PART:
            try:
                self._name = body.decode("utf-8")
            except UnicodeDecodeError:
                raise BundleDamaged() from None
            self._hasher, self._length = hashlib.sha256(), 0
        elif kind == frames.PART_END:
            self.digests.append(PartDigest(self._name, self._length, self._hasher.hexdigest()))
        elif kind == frames.MANIFEST:
            self.manifest_bytes = body
        elif kind == frames.SIGNATURE:
            self.signature = body


class _opened:
    """The file opened for reading, and its size; an OSError as a Spanish refusal."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> tuple[BinaryIO, int]:
        try:
            mode = self.path.stat().st_mode
            if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
                raise NotABundle()  # a FIFO would block the open, a device never end
            self.file = self.path.open("rb")
            size = self.path.stat().st_size
        except OSError as error:
            raise BundleUnreadable(
                f"No se puede leer el paquete: {describe_os_error(error)}."
            ) from None
        return self.file, size

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def _identity(identity: str | x25519.Identity) -> x25519.Identity:
    return x25519.Identity.from_str(identity) if isinstance(identity, str) else identity
