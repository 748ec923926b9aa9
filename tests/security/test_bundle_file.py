"""The exchange bundle file (issue 13, deliverable 2): written and read back, streamed."""

import errno
import hashlib
import io
import resource
import shutil
import subprocess
import threading
import tracemalloc
from datetime import UTC, date, datetime

import pytest

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security.bundle_file import (
    bundle_file_name,
    read_parts,
    verify_bundle,
    write_bundle,
)
from reinsercion_desktop.security.bundle_refusals import BundleDamaged, BundleRefused
from tests.security.bundle_helpers import (
    CENTRE,
    OFFICE,
    SAMPLE_PARTS,
    Installation,
    bundle_bytes,
    header,
    saved,
)


@pytest.fixture
def centre() -> Installation:
    return Installation.new(CENTRE)


@pytest.fixture
def office() -> Installation:
    return Installation.new(OFFICE)


def verify(path, centre: Installation, office: Installation):
    return verify_bundle(
        path,
        identity=office.identity,
        signer_for={centre.id: centre.public}.get,
        own_installation_id=office.id,
    )


def test_round_trip_keeps_every_part_and_the_manifest(tmp_path, centre, office):
    out = io.BytesIO()
    written = write_bundle(
        out,
        header=header(),
        parts=SAMPLE_PARTS,
        signing_key=centre.signing_key,
        recipient=office.recipient,
    )
    path = saved(tmp_path, out.getvalue())

    manifest = verify(path, centre, office)
    assert manifest == written
    assert manifest.signature == written.signature and manifest.signature
    assert (manifest.sender, manifest.recipient, manifest.sequence) == (CENTRE, OFFICE, 3)
    assert (manifest.first_change, manifest.last_change, manifest.acknowledged_up_to) == (41, 57, 2)
    assert manifest.counts == {"stay": 2, "referral": 1}
    assert manifest.audit_head == header().audit_head
    assert manifest.created_at == datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
    assert manifest.format == (1, 0)
    expected = {name: b"".join(chunks) for name, chunks in SAMPLE_PARTS}
    assert [(p.name, p.length, p.sha256) for p in manifest.parts] == [
        (name, len(body), hashlib.sha256(body).hexdigest()) for name, body in expected.items()
    ]

    read = {name: b"".join(chunks) for name, chunks in read_parts(path, office.identity, manifest)}
    assert read == expected
    assert list(read) == [name for name, _ in SAMPLE_PARTS]  # in the order written


def test_a_bundle_with_no_parts_and_no_changes(tmp_path, centre, office):
    """An acknowledgement alone: no change events, no parts."""
    content = bundle_bytes(centre, office, parts=[], first_change=None, last_change=None)
    manifest = verify(saved(tmp_path, content), centre, office)
    assert manifest.parts == () and manifest.first_change is None
    assert list(read_parts(tmp_path / "paquete.rdpaquete", office.identity, manifest)) == []


def test_parts_left_unread_are_skipped_and_still_checked(tmp_path, centre, office):
    path = saved(tmp_path, bundle_bytes(centre, office))
    manifest = verify(path, centre, office)
    names = [name for name, _chunks in read_parts(path, office.identity, manifest)]
    assert names == ["events", "attachments/empty", "attachments/scan"]


def test_stopping_early_ends_the_decryption(tmp_path, centre, office):
    path = saved(tmp_path, bundle_bytes(centre, office))
    manifest = verify(path, centre, office)
    parts = read_parts(path, office.identity, manifest)
    name, chunks = next(parts)
    assert name == "events" and next(chunks)
    parts.close()  # the caller gives up (a cancel): the thread ends, the file is closed
    assert not [t for t in threading.enumerate() if t.name == "bundle-decrypt"]


def test_read_parts_refuses_a_file_cut_after_it_was_verified(tmp_path, centre, office):
    path = saved(tmp_path, bundle_bytes(centre, office))
    manifest = verify(path, centre, office)
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(BundleRefused, match="cortó"):
        for _name, chunks in read_parts(path, office.identity, manifest):
            b"".join(chunks)
    assert not [t for t in threading.enumerate() if t.name == "bundle-decrypt"]


def test_nothing_identifying_in_clear(tmp_path, centre, office):
    content = bundle_bytes(centre, office)
    assert content.startswith(b"age-encryption.org/v1\n")
    for clear in (CENTRE, OFFICE, "events", "stay", "referral", "attachments", "insert"):
        assert clear.encode() not in content
    name = bundle_file_name(date(2026, 12, 8), "3f9a1c2e-0000-4000-8000-000000000000")
    assert name == "paquete-2026-12-08-3f9a1c.rdpaquete"


def test_read_parts_refuses_a_file_changed_after_it_was_verified(tmp_path, centre, office):
    path = saved(tmp_path, bundle_bytes(centre, office))
    manifest = verify(path, centre, office)
    # Another bundle, just as valid, put in its place before the parts are applied.
    other = [("events", [b'{"op":"delete"}\n', b'{"op":"update"}\n']), *SAMPLE_PARTS[1:]]
    saved(tmp_path, bundle_bytes(centre, office, parts=other))
    applied = []
    with pytest.raises(BundleDamaged):
        for name, chunks in read_parts(path, office.identity, manifest):
            applied.append((name, b"".join(chunks)))
    assert applied == []  # refused at the end of the first part, before the next one


def test_a_changed_trailer_is_caught_after_the_parts(tmp_path, centre, office):
    path = saved(tmp_path, bundle_bytes(centre, office))
    manifest = verify(path, centre, office)
    saved(tmp_path, bundle_bytes(centre, office, sequence=4))  # same parts, other manifest
    with pytest.raises(BundleDamaged):
        for _name, chunks in read_parts(path, office.identity, manifest):
            b"".join(chunks)


def test_a_caller_error_in_the_parts_reaches_the_caller(centre, office):
    def failing():
        yield b"x"
        raise LookupError("the caller's own")

    with pytest.raises(LookupError, match="the caller's own"):
        write_bundle(
            io.BytesIO(),
            header=header(),
            parts=[("events", failing())],
            signing_key=centre.signing_key,
            recipient=office.recipient,
        )


MB = 1024 * 1024


def _fifty_megabytes():
    block = bytes(range(256)) * 4096  # 1 MB
    for index in range(50):
        yield block[index:] + block[:index]


def test_fifty_megabytes_stream_through_in_bounded_memory(tmp_path, centre, office):
    """Written, verified and read back without holding the part, the plaintext or the
    ciphertext whole: Python's peak stays a few MB for a 50 MB part."""
    path = tmp_path / "grande.rdpaquete"
    expected = hashlib.sha256()
    for block in _fifty_megabytes():
        expected.update(block)

    tracemalloc.start()
    try:
        with path.open("wb") as out:
            write_bundle(
                out,
                header=header(),
                parts=[("attachments/big", _fifty_megabytes())],
                signing_key=centre.signing_key,
                recipient=office.recipient,
            )
        _, write_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        manifest = verify(path, centre, office)
        _, verify_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        read = hashlib.sha256()
        for _name, chunks in read_parts(path, office.identity, manifest):
            for chunk in chunks:
                read.update(chunk)
        _, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert path.stat().st_size > 50 * MB
    assert manifest.parts[0].length == 50 * MB
    assert read.hexdigest() == expected.hexdigest() == manifest.parts[0].sha256
    print(
        f"peaks: write {write_peak / MB:.1f} MB, verify {verify_peak / MB:.1f} MB, "
        f"read {read_peak / MB:.1f} MB; ru_maxrss "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    assert max(write_peak, verify_peak, read_peak) < 8 * MB


def test_the_age_tool_decrypts_a_bundle_for_inspection(tmp_path, centre, office):
    # scripts/bootstrap.sh installs it (the README's test command runs it first).
    assert shutil.which("age"), "the Debian age tool is missing: run scripts/bootstrap.sh"
    path = saved(tmp_path, bundle_bytes(centre, office))
    identity = tmp_path / "oficina.txt"
    identity.write_text(str(office.identity) + "\n")
    plain = subprocess.run(
        ["age", "-d", "-i", str(identity), str(path)], capture_output=True, check=True
    ).stdout
    assert plain.startswith(b"reinsercion-desktop/bundle 1.0\n")


def test_a_full_disk_while_writing_is_said_in_spanish(centre, office):
    class FullDisk(io.RawIOBase):
        def writable(self):
            return True

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(UserError, match="no queda espacio en el disco") as caught:
        write_bundle(
            FullDisk(),
            header=header(),
            parts=SAMPLE_PARTS,
            signing_key=centre.signing_key,
            recipient=office.recipient,
        )
    assert "space" not in str(caught.value)


def test_a_bad_recipient_key_is_said_in_spanish(centre):
    with pytest.raises(UserError, match="clave de cifrado del destinatario no es válida"):
        write_bundle(
            io.BytesIO(),
            header=header(),
            parts=[],
            signing_key=centre.signing_key,
            recipient="age1esto-no-es-una-clave",
        )
