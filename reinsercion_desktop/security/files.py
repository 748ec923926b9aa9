"""Files kept encrypted in the data folder, and the private folder where a decrypted copy
lives while a system viewer shows it.

Format, version 1: a streaming AEAD in the shape of Tink's AES-GCM-HKDF streaming
encryption (the "STREAM" construction of Hoang, Reyhanitabar, Rogaway and Vizár, 2015),
built from `cryptography`'s AESGCM and HKDF only, so a 50 MB scan is encrypted and
checked 64 KiB at a time:

    header  = MAGIC (8) | version (1) | log2 of the chunk size (1) | salt (16) | prefix (7)
    key_f   = HKDF-SHA256(files key, salt, info="reinsercion-desktop/file-chunks")
    nonce_i = prefix (7) | i (4, big-endian) | last (1: 1 on the final chunk, else 0)
    chunk_i = AES-256-GCM(key_f, nonce_i, plain_i, associated data = header)

Every chunk but the last holds exactly CHUNK plain bytes (ciphertext + 16-byte tag); the
last holds 0…CHUNK (an empty file is one empty final chunk). Each file has its own key (a
random salt), so a nonce never repeats under a key; the index in the nonce stops chunks
being reordered, the final flag stops a file being cut or extended at a chunk boundary,
and the header in every tag stops its fields being changed.

The private folder (`ScratchFolder`): `<data>/tmp/` (0700), one sub-folder per running
process (0700, locked while the process lives), files 0600. A folder whose lock is free
belonged to a process that ended without tidying (a crash, a kill): the next start
overwrites and deletes it (`purge_scratch`).
"""

import atexit
import contextlib
import hashlib
import os
import re
import secrets
import struct
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"RDCIFRA\x00"
VERSION = 1
CHUNK_LOG2 = 16
CHUNK = 1 << CHUNK_LOG2  # 64 KiB of plain text per chunk
TAG = 16
SALT = 16
PREFIX = 7
HEADER = struct.Struct(f">{len(MAGIC)}sBB{SALT}s{PREFIX}s")
MAX_CHUNKS = 1 << 32  # the index is 4 bytes: 256 TB at 64 KiB a chunk

SCRATCH_FOLDER = "tmp"
LOCK_NAME = ".en-uso"
PARTIAL_SUFFIX = ".part"


class TamperedFile(Exception):
    """The file is not what was encrypted with this key: altered, cut, extended, or not
    one of ours."""


@dataclass(frozen=True)
class PlainDigest:
    """What the plain content was: its size and SHA-256 (hex)."""

    size: int
    sha256: str


def _file_key(key: bytes, salt: bytes) -> "AESGCM":
    # Imported here: the start-up purges leftovers (below) before any key exists.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return AESGCM(
        HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=salt,
            info=b"reinsercion-desktop/file-chunks",
        ).derive(key)
    )


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    if index >= MAX_CHUNKS:
        raise ValueError("file too large for this format")
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def _read_full(source: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, fewer only at the end (a pipe may return short reads)."""
    parts: list[bytes] = []
    wanted = size
    while wanted > 0:
        part = source.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts)


# -- streams -------------------------------------------------------------------------------


def encrypt_stream(key: bytes, source: BinaryIO, target: BinaryIO) -> PlainDigest:
    """Encrypt `source` into `target` chunk by chunk; the plain content's size and hash."""
    salt, prefix = secrets.token_bytes(SALT), secrets.token_bytes(PREFIX)
    header = HEADER.pack(MAGIC, VERSION, CHUNK_LOG2, salt, prefix)
    aead = _file_key(key, salt)
    digest = hashlib.sha256()
    size = 0
    target.write(header)
    chunk = _read_full(source, CHUNK)
    index = 0
    while True:
        following = _read_full(source, CHUNK) if len(chunk) == CHUNK else b""
        last = not following
        digest.update(chunk)
        size += len(chunk)
        target.write(aead.encrypt(_nonce(prefix, index, last), chunk, header))
        if last:
            return PlainDigest(size, digest.hexdigest())
        chunk, index = following, index + 1


def decrypt_chunks(key: bytes, source: BinaryIO) -> Iterator[bytes]:
    """The plain content, chunk by chunk, each checked before it is given.

    Raises TamperedFile at the first chunk that does not authenticate; a caller that
    writes the chunks somewhere must discard what it wrote when that happens."""
    header = source.read(HEADER.size)
    if len(header) != HEADER.size:
        raise TamperedFile("too short for a header")
    magic, version, chunk_log2, salt, prefix = HEADER.unpack(header)
    if magic != MAGIC or version != VERSION or not 10 <= chunk_log2 <= 24:
        raise TamperedFile("not a file of this format")
    from cryptography.exceptions import InvalidTag

    sealed_size = (1 << chunk_log2) + TAG
    aead = _file_key(key, salt)
    block = _read_full(source, sealed_size)
    index = 0
    while True:
        following = _read_full(source, sealed_size) if len(block) == sealed_size else b""
        last = not following
        try:
            yield aead.decrypt(_nonce(prefix, index, last), block, header)
        except (InvalidTag, ValueError) as error:
            raise TamperedFile(f"chunk {index} does not authenticate") from error
        if last:
            return
        block, index = following, index + 1


def decrypt_stream(key: bytes, source: BinaryIO, target: BinaryIO | None = None) -> PlainDigest:
    """Decrypt into `target` (or only check, without it); the plain content's size and hash."""
    digest = hashlib.sha256()
    size = 0
    for chunk in decrypt_chunks(key, source):
        digest.update(chunk)
        size += len(chunk)
        if target is not None:
            target.write(chunk)
    return PlainDigest(size, digest.hexdigest())


# -- files ---------------------------------------------------------------------------------


def create_private(path: Path) -> BinaryIO:
    """A new file only its owner may read (0600), refused if the name exists."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags, 0o600), "wb")


def _sync(handle: BinaryIO) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def encrypt_file(key: bytes, source: Path, target: Path) -> PlainDigest:
    """Encrypt `source` into `target`, atomically: written beside it as `.part`, flushed to
    disk, then renamed. Nothing plain is written anywhere."""
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        with source.open("rb") as plain, create_private(partial) as sealed:
            digest = encrypt_stream(key, plain, sealed)
            _sync(sealed)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return digest


def decrypt_file(key: bytes, source: Path, target: BinaryIO | None = None) -> PlainDigest:
    """Decrypt the file at `source` into `target` (or only check it)."""
    with source.open("rb") as sealed:
        return decrypt_stream(key, sealed, target)


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def wipe_file(path: Path) -> None:
    """Overwrite a file with zeros, flush it to disk and delete it.

    On a journalling file system or an SSD the old blocks may survive elsewhere; that is
    why nothing personal is ever written in clear beside the database but what a system
    viewer must read, and only for as long as it is open."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        left = size
        zeros = bytes(min(CHUNK, size))
        while left > 0:
            left -= handle.write(zeros[: min(left, len(zeros))])
        _sync(handle)  # type: ignore[arg-type]
    path.unlink()


# -- the private folder --------------------------------------------------------------------

_UNSAFE = re.compile(r"[^\w.\- ]+")


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, exist_ok=True)
    if sys.platform != "win32":
        path.chmod(0o700)  # also when it existed: an older version made it 0755
    return path


def _lock(handle: BinaryIO) -> bool:
    """Take the process's lock on an open file; False when another holder has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class ScratchFolder:
    """This process's own private folder in `<data>/tmp/`, made at the first file and
    overwritten and deleted by `close()`: when the workspace closes (the window goes), and
    at the latest when the process exits normally; after a crash, at the next start."""

    def __init__(self, root: Path):
        self.parent = root / SCRATCH_FOLDER
        self.folder: Path | None = None
        self._lock_handle: BinaryIO | None = None

    def new_file(self, name: str) -> tuple[Path, BinaryIO]:
        """A new 0600 file named after `name` (made safe), open for writing."""
        folder = self._own_folder()
        stem, suffix = os.path.splitext(_UNSAFE.sub("_", name).strip(" .") or "documento")
        for attempt in range(1000):
            path = folder / (
                f"{stem[:60]}{suffix[:12]}"
                if attempt == 0
                else f"{stem[:60]} ({attempt}){suffix[:12]}"
            )
            try:
                return path, create_private(path)
            except FileExistsError:
                continue
        raise FileExistsError(name)

    def discard(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            wipe_file(path)

    def close(self) -> None:
        """Overwrite and delete this process's files; a file a viewer still holds (Windows)
        stays until the next start purges it."""
        if self.folder is None:
            return
        atexit.unregister(self.close)
        _wipe_folder(self.folder, keep_lock=True)
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None
        with contextlib.suppress(OSError):
            (self.folder / LOCK_NAME).unlink()
            self.folder.rmdir()
        self.folder = None

    def _own_folder(self) -> Path:
        if self.folder is not None and self.folder.is_dir():
            return self.folder
        if self._lock_handle is not None:  # its folder was deleted under it: start again
            self._lock_handle.close()
        _private_dir(self.parent)
        folder = _private_dir(self.parent / f"{os.getpid()}-{secrets.token_hex(4)}")
        handle = (folder / LOCK_NAME).open("wb")
        _lock(handle)
        self.folder, self._lock_handle = folder, handle
        atexit.register(self.close)
        return folder


def _wipe_folder(folder: Path, *, keep_lock: bool = False) -> int:
    wiped = 0
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            elif keep_lock and path.name == LOCK_NAME and path.parent == folder:
                continue
            elif path.is_file() and not path.is_symlink():
                wipe_file(path)
                wiped += 1
            else:
                path.unlink()
    return wiped


def purge_scratch(root: Path) -> int:
    """At start: overwrite and delete what processes that ended without tidying left in
    `<data>/tmp/` (a crash, a kill). A folder still locked by a running process (a second
    window, a command) is left alone. Returns how many files were wiped."""
    parent = root / SCRATCH_FOLDER
    if not parent.is_dir():
        return 0
    wiped = 0
    for entry in parent.iterdir():
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                wiped += _purge_folder(entry)
            elif entry.is_file() and not entry.is_symlink():
                wipe_file(entry)  # loose previews written by versions before this one
                wiped += 1
            else:
                entry.unlink()
    with contextlib.suppress(OSError):
        _private_dir(parent)
    return wiped


def _purge_folder(folder: Path) -> int:
    lock = folder / LOCK_NAME
    if lock.exists():
        with lock.open("r+b") as handle:
            if not _lock(handle):
                return 0  # its process is running
            wiped = _wipe_folder(folder, keep_lock=True)
        lock.unlink()
    else:
        wiped = _wipe_folder(folder)
    folder.rmdir()
    return wiped
