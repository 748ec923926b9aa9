"""security/files.py: the chunked AES-GCM format, and the private scratch folder."""

import io
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reinsercion_desktop.security.files import (
    CHUNK,
    HEADER,
    LOCK_NAME,
    MAGIC,
    TAG,
    ScratchFolder,
    TamperedFile,
    decrypt_file,
    decrypt_stream,
    encrypt_file,
    encrypt_stream,
    is_encrypted,
    purge_scratch,
    wipe_file,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(32)
SEALED_CHUNK = CHUNK + TAG


def seal(plain: bytes, key: bytes = KEY) -> bytes:
    target = io.BytesIO()
    encrypt_stream(key, io.BytesIO(plain), target)
    return target.getvalue()


def unseal(sealed: bytes, key: bytes = KEY) -> bytes:
    target = io.BytesIO()
    decrypt_stream(key, io.BytesIO(sealed), target)
    return target.getvalue()


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 7])
def test_round_trip_at_every_chunk_boundary(size):
    plain = os.urandom(size)
    sealed = seal(plain)
    chunks = max(1, -(-size // CHUNK))
    assert len(sealed) == HEADER.size + size + chunks * TAG
    assert sealed.startswith(MAGIC)
    assert unseal(sealed) == plain
    digest = decrypt_stream(KEY, io.BytesIO(sealed))  # checking alone writes nothing
    assert digest.size == size


def test_the_same_file_encrypts_differently_each_time():
    plain = b"Nunez Garcia, Jose; VIH positivo" * 100
    first, second = seal(plain), seal(plain)
    assert first != second
    assert b"Nunez" not in first and b"VIH" not in first


def test_another_key_does_not_open_it():
    with pytest.raises(TamperedFile):
        unseal(seal(b"datos"), OTHER_KEY)


def flip(data: bytes, index: int) -> bytes:
    changed = bytearray(data)
    changed[index] ^= 0x01
    return bytes(changed)


def test_every_flipped_byte_is_found():
    sealed = seal(os.urandom(2 * CHUNK + 100))
    for index in (0, 9, 12, HEADER.size - 1, HEADER.size, HEADER.size + CHUNK, len(sealed) - 1):
        with pytest.raises(TamperedFile):
            unseal(flip(sealed, index))


def test_cutting_reordering_or_extending_is_found():
    sealed = seal(os.urandom(3 * CHUNK + 100))
    header, body = sealed[: HEADER.size], sealed[HEADER.size :]
    chunks = [body[i : i + SEALED_CHUNK] for i in range(0, len(body), SEALED_CHUNK)]
    assert len(chunks) == 4
    tampered = {
        "last chunk dropped": header + b"".join(chunks[:3]),
        "cut mid-chunk": sealed[:-50],
        "two chunks swapped": header + chunks[1] + chunks[0] + chunks[2] + chunks[3],
        "a chunk repeated at the end": sealed + chunks[1],
        "the final chunk repeated": sealed + chunks[3],
        "header alone": header,
        "nothing": b"",
        "not ours": b"%PDF-1.4 " + body,
    }
    for what, data in tampered.items():
        with pytest.raises(TamperedFile):
            unseal(data)
            pytest.fail(what)


def test_an_empty_file_cannot_be_made_from_a_full_one():
    sealed = seal(b"x" * CHUNK)  # one full, final chunk
    with pytest.raises(TamperedFile):
        unseal(sealed[: HEADER.size])


def test_encrypt_file_is_atomic_and_private(tmp_path):
    source = tmp_path / "escaneo.pdf"
    source.write_bytes(b"%PDF-1.4 datos personales")
    target = tmp_path / "guardado.pdf"
    digest = encrypt_file(KEY, source, target)
    assert is_encrypted(target) and not is_encrypted(source)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["escaneo.pdf", "guardado.pdf"]
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    plain = io.BytesIO()
    assert decrypt_file(KEY, target, plain) == digest
    assert plain.getvalue() == source.read_bytes()


def test_a_failed_encryption_leaves_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        encrypt_file(KEY, tmp_path / "no-existe.pdf", tmp_path / "guardado.pdf")
    assert list(tmp_path.iterdir()) == []


def test_wipe_overwrites_before_deleting(tmp_path, monkeypatch):
    path = tmp_path / "vista.pdf"
    path.write_bytes(b"Nunez" * 50_000)
    seen: list[bytes] = []
    real_unlink = Path.unlink

    def unlink(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(self.read_bytes())
        real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", unlink)
    wipe_file(path)
    assert not path.exists()
    assert seen == [bytes(250_000)]


# -- the private folder ---------------------------------------------------------------------


def test_scratch_files_are_private_and_wiped_on_close(tmp_path):
    scratch = ScratchFolder(tmp_path)
    path, handle = scratch.new_file("Informe de Núñez.pdf")
    with handle:
        handle.write(b"datos")
    same_name, second = scratch.new_file("Informe de Núñez.pdf")
    second.close()
    assert path.name == "Informe de Núñez.pdf" and same_name.name == "Informe de Núñez (1).pdf"
    assert path.parent.parent == tmp_path / "tmp"
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE((tmp_path / "tmp").stat().st_mode) == 0o700
    scratch.close()
    assert list((tmp_path / "tmp").iterdir()) == []
    scratch.close()  # twice is harmless


def test_unsafe_names_stay_inside_the_folder(tmp_path):
    scratch = ScratchFolder(tmp_path)
    path, handle = scratch.new_file("../../fuera/..\\x.pdf")
    handle.close()
    assert path.parent == scratch.folder
    scratch.close()


def test_purge_leaves_a_running_session_alone_and_wipes_an_ended_one(tmp_path):
    running = ScratchFolder(tmp_path)
    path, handle = running.new_file("abierto.pdf")
    handle.close()
    assert purge_scratch(tmp_path) == 0  # its lock is held: another window still uses it
    assert path.exists()
    # The process ends without tidying (a crash): its lock goes with it.
    assert running._lock_handle is not None
    running._lock_handle.close()
    loose = tmp_path / "tmp" / "formulario-abc.pdf"  # a preview left by an older version
    loose.write_bytes(b"datos")
    assert purge_scratch(tmp_path) == 2
    assert list((tmp_path / "tmp").iterdir()) == []


def test_purge_of_a_folder_without_tmp_does_nothing(tmp_path):
    assert purge_scratch(tmp_path) == 0
    assert not (tmp_path / "tmp").exists()


def test_a_folder_from_a_killed_process_is_purged_at_the_next_start(tmp_path):
    """kill -9 leaves the decrypted copy; the next start wipes it (its lock died too)."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        from reinsercion_desktop.security.files import ScratchFolder
        scratch = ScratchFolder(Path({str(tmp_path)!r}))
        path, handle = scratch.new_file("consentimiento.pdf")
        handle.write(b"Nunez Garcia")
        handle.close()
        print(path, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    if sys.platform == "win32":
        pytest.skip("SIGKILL is POSIX")
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.returncode == -9, result.stderr
    left = Path(result.stdout.strip())
    assert left.read_bytes() == b"Nunez Garcia"
    assert (left.parent / LOCK_NAME).exists()
    assert purge_scratch(tmp_path) == 1
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_process_that_exits_without_closing_still_wipes_its_files(tmp_path):
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from reinsercion_desktop.security.files import ScratchFolder
        scratch = ScratchFolder(Path({str(tmp_path)!r}))
        path, handle = scratch.new_file("consentimiento.pdf")
        handle.write(b"Nunez Garcia")
        handle.close()
        print(path, flush=True)
        """  # no close(): the interpreter's exit does it
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.returncode == 0, result.stderr
    assert not Path(result.stdout.strip()).exists()
    assert list((tmp_path / "tmp").iterdir()) == []
