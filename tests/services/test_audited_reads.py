"""Reads of personal data leave their trace (SPEC §9, issue 10 parts 3 and 5).

- participant.open: a técnico/a opening a file of someone else's caseload gives a reason
  where the centre's settings ask it; the reason is in the read's audit entry.
- attachment.open, form.list, audit.read: each recorded as a read.
- The typed login is kept at most 64 characters.
"""

import pytest

from reinsercion_desktop.domain.enums import AuditAction, Role
from reinsercion_desktop.domain.errors import NotFoundError, PermissionDenied, UserError
from reinsercion_desktop.security.actors import LOGIN_MAX_LENGTH
from reinsercion_desktop.services.accounts import AccountService, NewUser
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.audit_log import AuditService, audit_lines
from reinsercion_desktop.services.centre_settings import CentreDraft, CentreSettingsService
from reinsercion_desktop.services.forms import FORM_LIST_REASON, FormService
from reinsercion_desktop.services.participants import (
    REASON_REQUIRED,
    ParticipantView,
    ReasonRequired,
    draft_of,
)

PASSWORD = "clave-segura-1"


@pytest.fixture
def accounts(workspace) -> AccountService:  # type: ignore[no-untyped-def]
    return AccountService(workspace.db, workspace.paths.root, workspace.keys)


def login_as(workspace, admin, accounts, login: str, role: Role):  # type: ignore[no-untyped-def]
    """A stored account, logged in as the window does."""
    accounts.create_user(admin, NewUser(login, login.title(), role, PASSWORD))  # key re-wrapped
    return accounts.authenticate(login, PASSWORD)


@pytest.fixture
def lucia(workspace, admin, accounts):  # type: ignore[no-untyped-def]
    return login_as(workspace, admin, accounts, "lucia", Role.TECNICO)


@pytest.fixture
def rocio(workspace, admin, accounts):  # type: ignore[no-untyped-def]
    return login_as(workspace, admin, accounts, "rocio", Role.TECNICO)


def person_of(participants, admin, make_draft, case_manager_id: str | None) -> ParticipantView:  # type: ignore[no-untyped-def]
    return participants.create(admin, make_draft(case_manager_id=case_manager_id))


def reads_of(db, participant_id: str) -> list:  # type: ignore[no-untyped-def]
    return [
        line
        for line in audit_lines(db, participant_id=participant_id)
        if line.action == AuditAction.READ
    ]


# -- participant.open outside one's caseload ---------------------------------------------


def test_a_tecnico_opening_another_caseload_is_asked_a_reason_and_nothing_is_read(  # type: ignore[no-untyped-def]
    workspace, participants, admin, make_draft, lucia, rocio
):
    person = person_of(participants, admin, make_draft, rocio.user_id)
    for blank in ("", "   "):
        with pytest.raises(ReasonRequired) as asked:
            participants.open(lucia, person.id, reason=blank)
        assert asked.value.problems == {"reason": REASON_REQUIRED}
        assert "cartera de casos" in str(asked.value)
    assert reads_of(workspace.db, person.id) == []


def test_the_reason_given_goes_into_the_audit_entry_of_the_read(  # type: ignore[no-untyped-def]
    workspace, participants, admin, make_draft, lucia, rocio
):
    person = person_of(participants, admin, make_draft, rocio.user_id)
    opened = participants.open(lucia, person.id, reason="  Cubro la guardia de Rocío  ")
    assert opened.id == person.id
    [read] = reads_of(workspace.db, person.id)
    assert (read.login, read.entity, read.reason) == (
        "lucia",
        "participant",
        "Cubro la guardia de Rocío",
    )
    assert "motivo: Cubro la guardia de Rocío" in read.summary()


def test_a_too_long_reason_is_refused_with_a_clear_message(  # type: ignore[no-untyped-def]
    participants, admin, make_draft, lucia, rocio
):
    person = person_of(participants, admin, make_draft, rocio.user_id)
    with pytest.raises(UserError, match="demasiado largo"):
        participants.open(lucia, person.id, reason="x" * 401)


def test_no_reason_for_ones_own_files_nor_files_without_a_case_manager(  # type: ignore[no-untyped-def]
    workspace, participants, admin, make_draft, lucia
):
    mine = person_of(participants, admin, make_draft, lucia.user_id)
    nobodys = participants.create(
        admin,
        make_draft(first_name="Ana", id_kind="nie", id_number="X1234567L", birth_date="01/02/1990"),
    )
    assert participants.open(lucia, mine.id).id == mine.id
    assert participants.open(lucia, nobodys.id).id == nobodys.id
    assert [read.reason for read in reads_of(workspace.db, mine.id)] == [""]


def test_responsables_and_administrators_are_not_asked(  # type: ignore[no-untyped-def]
    workspace, participants, admin, accounts, make_draft, rocio
):
    person = person_of(participants, admin, make_draft, rocio.user_id)
    boss = login_as(workspace, admin, accounts, "antonio", Role.RESPONSABLE)
    assert participants.open(boss, person.id).id == person.id
    assert participants.open(admin, person.id).id == person.id


def test_the_centre_may_choose_not_to_ask(workspace, participants, admin, make_draft, lucia, rocio):  # type: ignore[no-untyped-def]
    settings = CentreSettingsService(workspace.db)
    centre = settings.centre()
    assert centre.reason_outside_caseload  # asked by default (SPEC §9)
    draft = CentreDraft.of(centre)
    draft.reason_outside_caseload = False
    assert not settings.update_centre(admin, draft).reason_outside_caseload
    person = person_of(participants, admin, make_draft, rocio.user_id)
    assert participants.open(lucia, person.id).id == person.id


def test_a_file_not_found_is_said_before_any_reason_is_asked(participants, lucia) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        participants.open(lucia, "no-existe")


def test_saving_edits_needs_no_reason_once_opened(  # type: ignore[no-untyped-def]
    participants, admin, make_draft, lucia, rocio
):
    person = person_of(participants, admin, make_draft, rocio.user_id)
    opened = participants.open(lucia, person.id, reason="Sustitución")
    draft = draft_of(opened)
    draft.phone = "955 000 111"
    saved = participants.update(lucia, person.id, draft, expected_version=opened.version)
    assert saved.phone == "955 000 111"


# -- attachment.open, form.list, audit.read ------------------------------------------------


def test_opening_an_attachment_is_audited_as_a_read(
    workspace, participants, admin, make_draft, tmp_path
):  # type: ignore[no-untyped-def]
    attachments = AttachmentService.of(workspace)
    person = participants.create(admin, make_draft())
    scan = tmp_path / "consentimiento.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    attached = attachments.add(admin, person.id, scan, "Consentimiento")
    path = attachments.open_path(admin, attached.id)
    assert path.read_bytes() == b"%PDF-1.4\n"
    [read] = reads_of(workspace.db, person.id)
    assert (read.entity, read.record_id, read.login) == ("attachment", attached.id, "admin")


def test_a_missing_attachment_file_is_said_and_no_read_recorded(  # type: ignore[no-untyped-def]
    workspace, participants, admin, make_draft, tmp_path
):
    attachments = AttachmentService.of(workspace)
    person = participants.create(admin, make_draft())
    scan = tmp_path / "informe.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    attached = attachments.add(admin, person.id, scan)
    attachments.path_of(attached).unlink()
    with pytest.raises(UserError, match="ya no está en la carpeta de datos"):
        attachments.open_path(admin, attached.id)
    with pytest.raises(NotFoundError):
        attachments.open_path(admin, "no-existe")
    assert reads_of(workspace.db, person.id) == []


def test_the_forms_list_records_one_read_per_person_listed(
    workspace, participants, admin, make_draft
):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.forms.loader import FormCatalogue, load_definition
    from reinsercion_desktop.paths import forms_dir

    catalogue = FormCatalogue()
    catalogue.add(load_definition(forms_dir() / "anexo-iv.v1.json"))
    forms = FormService(workspace.db, catalogue, AttachmentService.of(workspace))
    jose = participants.create(admin, make_draft())
    ana = participants.create(
        admin,
        make_draft(first_name="Ana", id_kind="nie", id_number="X1234567L", birth_date="01/02/1990"),
    )
    for person in (jose, jose, ana):
        forms.create(admin, "anexo-iv", person.id)
    lines = forms.list_lines(admin)
    assert len(lines) == 3
    for person in (jose, ana):
        [read] = reads_of(workspace.db, person.id)
        assert (read.entity, read.record_id, read.reason) == ("form_instance", "", FORM_LIST_REASON)
    # the reads name no one: the person's id in its column, nothing in the changes
    assert all(read.changes == {} for read in reads_of(workspace.db, jose.id))


def test_reading_the_audit_log_is_itself_audited(workspace, participants, admin, make_draft):  # type: ignore[no-untyped-def]
    audit = AuditService(workspace.db)
    person = participants.create(admin, make_draft())
    audit.lines(admin)
    audit.entries(admin, participant_id=person.id)
    reads = [line for line in audit_lines(workspace.db) if line.entity == "audit_log"]
    assert [(r.action, r.login, r.participant_id) for r in reads] == [
        ("read", "admin", ""),
        ("read", "admin", person.id),
    ]


def test_a_tecnico_cannot_read_the_audit_log(workspace, tecnico) -> None:  # type: ignore[no-untyped-def]
    audit = AuditService(workspace.db)
    for read in (audit.lines, audit.entries, audit.broken_links):
        with pytest.raises(PermissionDenied, match="Solo responsables y administradores"):
            read(tecnico)


# -- the typed login ------------------------------------------------------------------------


def test_the_typed_login_is_kept_at_most_64_characters(workspace, admin, accounts) -> None:  # type: ignore[no-untyped-def]
    typed = "admin" + "x" * 500
    with pytest.raises(UserError):
        accounts.authenticate(typed, "secreta123")
    failed = audit_lines(workspace.db)[-1]
    assert failed.action == AuditAction.LOGIN_FAILED
    assert failed.changes["login"] == typed[:LOGIN_MAX_LENGTH]
    assert LOGIN_MAX_LENGTH == 64
    # what the login field keeps is still enough for any account's name (max. 40)
    assert accounts.authenticate("  ADMIN  ", "secreta123").login == "admin"
