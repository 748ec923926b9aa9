"""Attachments: copied into the data folder, recorded with their SHA-256, verifiable."""

import hashlib

import pytest

from reinsercion_desktop.domain.errors import NotFoundError, UserError
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.audit_log import audit_lines

CONTENT = b"%PDF-1.4\n% escaneo del consentimiento firmado \xc3\xb1\n" + bytes(range(256)) * 40


@pytest.fixture
def attachments(workspace) -> AttachmentService:
    return AttachmentService(workspace.db, workspace.paths.attachments)


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


def test_add_copies_the_file_and_records_its_sha256(workspace, admin, attachments, person, scan):
    attachment = attachments.add(admin, person.id, scan, "  Consentimiento  ")
    stored = attachments.path_of(attachment)
    assert stored.is_file()
    assert stored.is_relative_to(workspace.paths.root)
    assert stored.parent == workspace.paths.attachments / person.id
    assert stored.read_bytes() == CONTENT
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
