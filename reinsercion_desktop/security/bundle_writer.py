"""Writing one exchange bundle: the framed plaintext made on demand from the caller's
parts, pulled by age as it encrypts, so nothing is held whole and nothing in clear is
written anywhere (docs/bundle-format.md)."""

import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from reinsercion_desktop.domain.errors import UserError, describe_os_error
from reinsercion_desktop.security import bundle_frames as frames
from reinsercion_desktop.security.bundle_manifest import BundleHeader, Manifest, PartDigest


def write_bundle(
    out: BinaryIO,
    *,
    header: BundleHeader,
    parts: Iterable[tuple[str, Iterable[bytes]]],
    signing_key: Ed25519PrivateKey,
    recipient: str | x25519.Recipient,
) -> Manifest:
    """Encrypt the framed parts to `recipient` into `out`, in one pass; memory stays
    bounded by a data frame whatever the parts' size. Returns the signed manifest."""
    target = _recipient(recipient)
    plaintext = Plaintext(header, parts, signing_key)
    reader = _PullReader(plaintext.chunks())
    writer = _RecordingWriter(out)
    try:
        pyrage.encrypt_io(reader, writer, [target])
    except Exception as error:
        if reader.failure is not None:  # the caller's parts raised: theirs to see
            raise reader.failure from None
        if writer.failure is not None:
            raise UserError(
                f"No se pudo escribir el paquete: {describe_os_error(writer.failure)}."
            ) from None
        raise error
    assert plaintext.manifest is not None
    return plaintext.manifest


class Plaintext:
    """The plaintext stream of one bundle; `manifest` is set once it has all been read."""

    def __init__(
        self,
        header: BundleHeader,
        parts: Iterable[tuple[str, Iterable[bytes]]],
        signing_key: Ed25519PrivateKey,
        version: tuple[int, int] = frames.FORMAT_VERSION,
    ):
        self.header, self.parts, self.signing_key, self.version = (
            header,
            parts,
            signing_key,
            version,
        )
        self.manifest: Manifest | None = None

    def chunks(self) -> Iterator[bytes]:
        yield frames.header_line(self.version)
        digests: list[PartDigest] = []
        for name, content in self.parts:
            if any(digest.name == name for digest in digests):
                raise ValueError(f"two parts named {name!r}")
            hasher, length = hashlib.sha256(), 0
            yield frames.frame(frames.PART, frames.part_name(name))
            for piece in frames.data_pieces(content):
                hasher.update(piece)
                length += len(piece)
                yield frames.DATA + len(piece).to_bytes(4, "big")
                yield piece
            yield frames.frame(frames.PART_END)
            digests.append(PartDigest(name=name, length=length, sha256=hasher.hexdigest()))
        manifest = Manifest.of(self.header, digests, self.version)
        yield frames.frame(frames.MANIFEST, manifest.signed_bytes)
        signature = self.signing_key.sign(manifest.signed_message())
        yield frames.frame(frames.SIGNATURE, signature)
        yield frames.frame(frames.END)
        self.manifest = replace(manifest, signature=signature)


class _PullReader(io.RawIOBase):
    """A file-like reader over a generator of bytes: what age encrypts, made on demand."""

    def __init__(self, source: Iterator[bytes]):
        self._source = source
        self._pending = memoryview(b"")
        self.failure: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        try:
            while not self._pending:
                self._pending = memoryview(next(self._source))
        except StopIteration:
            return 0
        except BaseException as error:
            self.failure = error
            raise
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


class _RecordingWriter(io.RawIOBase):
    def __init__(self, out: BinaryIO):
        self._out = out
        self.failure: OSError | None = None

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[no-untyped-def]
        try:
            self._out.write(data)
        except OSError as error:
            self.failure = error
            raise
        return len(data)


def _recipient(recipient: str | x25519.Recipient) -> x25519.Recipient:
    if not isinstance(recipient, str):
        return recipient
    try:
        return x25519.Recipient.from_str(recipient)
    except Exception:
        raise UserError(
            "La clave de cifrado del destinatario no es válida: vuelva a importar sus claves."
        ) from None
