"""Attachments: encrypted into the data folder, recorded with their SHA-256, verifiable,
opened through a private decrypted copy."""

import hashlib
import io
import os
import stat
import sys
import tracemalloc

import pytest

from reinsercion_desktop.domain.errors import NotFoundError, UserError
from reinsercion_desktop.security.files import CHUNK, HEADER, TAG, decrypt_file
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.audit_log import audit_lines

CONTENT = b"%PDF-1.4\n% escaneo del consentimiento firmado \xc3\xb1\n" + bytes(range(256)) * 40


@pytest.fixture
def attachments(workspace) -> AttachmentService:
    return AttachmentService.of(workspace)


@pytest.fixture
def person(admin, participants, make_draft):
    return participants.create(admin, make_draft())


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "fuera" / "Consentimiento firmado.PDF"
    path.parent.mkdir()
    path.write_bytes(CONTENT)
    return path


def files_under(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def plain_of(workspace, path) -> bytes:  # type: ignore[no-untyped-def]
    plain = io.BytesIO()
    decrypt_file(workspace.keys.files, path, plain)
    return plain.getvalue()


def test_add_encrypts_the_file_and_records_its_sha256(workspace, admin, attachments, person, scan):
    attachment = attachments.add(admin, person.id, scan, "  Consentimiento  ")
    stored = attachments.path_of(attachment)
    assert stored.is_file()
    assert stored.is_relative_to(workspace.paths.root)
    assert stored.parent == workspace.paths.attachments / person.id
    sealed = stored.read_bytes()
    assert b"consentimiento" not in sealed and b"%PDF" not in sealed  # nothing in clear
    assert len(sealed) == HEADER.size + len(CONTENT) + TAG  # one chunk
    assert plain_of(workspace, stored) == CONTENT
    assert scan.read_bytes() == CONTENT  # the original is left where it was
    assert files_under(workspace.paths.attachments) == [stored]
    assert attachment.sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert attachment.size_bytes == len(CONTENT)
    assert attachment.original_name == "Consentimiento firmado.PDF"
    assert attachment.stored_name == f"{attachment.id}.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.description == "Consentimiento"
    assert attachment.version == 1

    (listed,) = attachments.list_for(person.id)
    assert (listed.id, listed.sha256) == (attachment.id, attachment.sha256)
    last = audit_lines(workspace.db)[-1]
    assert (last.action, last.entity, last.participant_id) == ("create", "attachment", person.id)
    assert last.changes == {}  # a creation: the fields it set are kept apart, no values
    assert attachment.sha256 not in str(last)


def test_verify_detects_an_altered_file(attachments, admin, person, scan):
    attachment = attachments.add(admin, person.id, scan)
    assert attachments.verify(attachment) is True
    stored = attachments.path_of(attachment)
    data = bytearray(stored.read_bytes())
    data[100] ^= 0x01
    stored.write_bytes(bytes(data))
    assert attachments.verify(attachment) is False


def test_verify_of_a_missing_file_is_false(attachments, admin, person, scan):
    attachment = attachments.add(admin, person.id, scan)
    attachments.path_of(attachment).unlink()
    assert attachments.verify(attachment) is False


def test_changing_the_source_later_does_not_change_the_attachment(attachments, admin, person, scan):
    attachment = attachments.add(admin, person.id, scan)
    scan.write_bytes(b"otra cosa")
    assert attachments.verify(attachment) is True


def test_adding_to_a_missing_participant_leaves_no_file_and_no_record(
    workspace, admin, attachments, scan
):
    before = len(audit_lines(workspace.db))
    with pytest.raises(NotFoundError):
        attachments.add(admin, "4b1e7c9a-0000-4000-8000-000000000000", scan)
    assert files_under(workspace.paths.attachments) == []
    assert attachments.list_for("4b1e7c9a-0000-4000-8000-000000000000") == []
    assert len(audit_lines(workspace.db)) == before


def test_missing_source_file_is_a_user_error(workspace, admin, attachments, person, tmp_path):
    with pytest.raises(UserError, match="No se encuentra el archivo perdido.pdf"):
        attachments.add(admin, person.id, tmp_path / "perdido.pdf")
    assert attachments.list_for(person.id) == []
    assert files_under(workspace.paths.attachments) == []


def test_a_folder_is_not_a_file(admin, attachments, person, tmp_path):
    with pytest.raises(UserError):
        attachments.add(admin, person.id, tmp_path)


def test_description_too_long_is_refused(workspace, admin, attachments, person, scan):
    with pytest.raises(UserError, match="descripción"):
        attachments.add(admin, person.id, scan, "x" * 201)
    assert files_under(workspace.paths.attachments) == []


def test_empty_file_can_be_attached(admin, attachments, person, tmp_path):
    empty = tmp_path / "vacio.txt"
    empty.write_bytes(b"")
    attachment = attachments.add(admin, person.id, empty)
    assert attachment.sha256 == hashlib.sha256(b"").hexdigest()
    assert attachment.size_bytes == 0
    assert attachments.verify(attachment)


def test_two_attachments_of_the_same_file_are_kept_apart(
    workspace, admin, attachments, person, scan
):
    first = attachments.add(admin, person.id, scan)
    second = attachments.add(admin, person.id, scan)
    assert first.stored_name != second.stored_name
    assert len(files_under(workspace.paths.attachments)) == 2
    assert {a.id for a in attachments.list_for(person.id)} == {first.id, second.id}


# -- encrypted at rest (issue 10) ----------------------------------------------------------------


@pytest.fixture
def opened_for_writing():  # type: ignore[no-untyped-def]
    """Every path the process opens for writing while `recording` is set (an audit hook:
    it sees Python's open() and os.open(), whatever module calls them)."""
    seen: list[str] = []
    recording = [False]

    def hook(event, args):  # type: ignore[no-untyped-def]
        if not recording[0]:
            return
        if event == "open" and args[0] is not None and not isinstance(args[0], int):
            mode, flags = args[1], args[2]
            writing = (mode is not None and any(c in mode for c in "wax+")) or (
                mode is None and flags & (os.O_WRONLY | os.O_RDWR)
            )
            if writing:
                seen.append(os.fspath(args[0]))

    sys.addaudithook(hook)
    yield seen, recording
    recording[0] = False


def test_adding_a_scan_never_writes_it_in_clear_not_even_for_a_moment(
    workspace, admin, attachments, person, scan, opened_for_writing
):
    seen, recording = opened_for_writing
    attachments_dir = str(workspace.paths.attachments)
    recording[0] = True
    attachment = attachments.add(admin, person.id, scan)
    recording[0] = False
    stored = attachments.path_of(attachment)
    written = [path for path in seen if path.startswith(attachments_dir)]
    # One file written under documentos/: its encrypted .part, renamed into place.
    assert written == [f"{stored}.part"]
    assert files_under(workspace.paths.attachments) == [stored]
    assert CONTENT[:40] not in stored.read_bytes()


def test_open_path_gives_a_private_decrypted_copy_audited_and_wiped_on_close(
    workspace, admin, attachments, person, scan
):
    attachment = attachments.add(admin, person.id, scan)
    opened = attachments.open_path(admin, attachment.id)
    assert opened.read_bytes() == CONTENT
    assert opened.name == "Consentimiento firmado.PDF"  # the viewer shows the real name
    tmp = workspace.paths.root / "tmp"
    assert opened.parent.parent == tmp
    if sys.platform != "win32":
        assert stat.S_IMODE(opened.stat().st_mode) == 0o600
        assert stat.S_IMODE(opened.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(tmp.stat().st_mode) == 0o700
    last = audit_lines(workspace.db)[-1]
    assert (last.action, last.entity, last.record_id, last.participant_id) == (
        "read",
        "attachment",
        attachment.id,
        person.id,
    )
    again = attachments.open_path(admin, attachment.id)  # open twice: two copies, both kept
    assert again != opened and again.read_bytes() == CONTENT
    workspace.scratch.close()  # the window closes
    assert not opened.exists() and not again.exists()
    assert list(tmp.iterdir()) == []


def test_an_altered_file_is_not_opened(workspace, admin, attachments, person, scan):
    attachment = attachments.add(admin, person.id, scan)
    stored = attachments.path_of(attachment)
    data = bytearray(stored.read_bytes())
    data[-1] ^= 0x01  # the last chunk's tag
    stored.write_bytes(bytes(data))
    with pytest.raises(UserError, match="se ha modificado en la carpeta de datos"):
        attachments.open_path(admin, attachment.id)
    tmp = workspace.paths.root / "tmp"
    assert not [p for p in tmp.rglob("*") if p.is_file() and p.name != ".en-uso"]


def test_a_missing_file_or_record_is_explained(workspace, admin, attachments, person, scan):
    attachment = attachments.add(admin, person.id, scan)
    attachments.path_of(attachment).unlink()
    with pytest.raises(UserError, match="ya no está en la carpeta de datos"):
        attachments.open_path(admin, attachment.id)
    with pytest.raises(NotFoundError, match="El documento ya no existe"):
        attachments.open_path(admin, "4b1e7c9a-0000-4000-8000-000000000000")


def test_a_file_from_another_record_does_not_pass_for_this_one(
    workspace, admin, attachments, person, scan, tmp_path
):
    """Swapping two encrypted files (both authentic) is found by the plain SHA-256."""
    other = tmp_path / "otro.pdf"
    other.write_bytes(b"%PDF-1.4 otro documento")
    first = attachments.add(admin, person.id, scan)
    second = attachments.add(admin, person.id, other)
    attachments.path_of(first).write_bytes(attachments.path_of(second).read_bytes())
    assert attachments.verify(first) is False and attachments.verify(second) is True
    with pytest.raises(UserError, match="se ha modificado"):
        attachments.open_path(admin, first.id)


def test_a_cut_file_fails_verify(attachments, admin, person, tmp_path):
    big = tmp_path / "escaneo.tif"
    big.write_bytes(os.urandom(3 * CHUNK + 10))
    attachment = attachments.add(admin, person.id, big)
    stored = attachments.path_of(attachment)
    sealed = stored.read_bytes()
    one_chunk = CHUNK + TAG
    stored.write_bytes(sealed[: HEADER.size + 3 * one_chunk])  # the last chunk dropped
    assert attachments.verify(attachment) is False
    stored.write_bytes(sealed)
    assert attachments.verify(attachment) is True


def test_a_large_scan_is_encrypted_checked_and_opened_in_little_memory(
    workspace, attachments, admin, person, tmp_path
):
    """Streaming in 64 KiB chunks: an 8 MB scan never sits whole in memory."""
    size = 8 * 1024 * 1024
    big = tmp_path / "escaneo.pdf"
    with big.open("wb") as handle:
        for _ in range(size // CHUNK):
            handle.write(os.urandom(CHUNK))
    tracemalloc.start()
    try:
        attachment = attachments.add(admin, person.id, big)
        assert attachments.verify(attachment)
        opened = attachments.open_path(admin, attachment.id)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert attachment.size_bytes == size
    assert opened.stat().st_size == size
    assert peak < size / 8, peak  # a few chunks, not the file (the old copy was 2 × size)
    workspace.scratch.close()
