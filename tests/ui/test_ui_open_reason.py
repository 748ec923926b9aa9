"""The window asks a técnico/a why they open a file of someone else's caseload (SPEC §9,
issue 10 part 3), when the service says so; archive and restore only for those who may."""

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from reinsercion_desktop.domain.enums import AuditAction, Role
from reinsercion_desktop.services.accounts import NewUser
from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.services.centre_settings import CentreDraft
from reinsercion_desktop.ui.main_window import MainWindow
from reinsercion_desktop.ui.participants.open_reason import OpenReasonDialog
from tests.ui.conftest import open_window, type_text

PASSWORD = "clave-segura-1"


def login_as(workspace, services, admin, login: str, role: Role):  # type: ignore[no-untyped-def]
    services.accounts.create_user(admin, NewUser(login, login.title(), role, PASSWORD))
    return services.accounts.authenticate(login, PASSWORD)


@pytest.fixture
def rocio(workspace, services, admin):  # type: ignore[no-untyped-def]
    return login_as(workspace, services, admin, "rocio", Role.TECNICO)


@pytest.fixture
def person(services, admin, rocio, make_draft):  # type: ignore[no-untyped-def]
    """A file of Rocío's caseload."""
    return services.participants.create(admin, make_draft(case_manager_id=rocio.user_id))


def window_of(qtbot, workspace, services, actor) -> MainWindow:  # type: ignore[no-untyped-def]
    window = open_window(workspace, services, actor)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def lucia_window(qtbot, workspace, services, admin):  # type: ignore[no-untyped-def]
    """The window of Lucía, a técnica who is not the case manager of `person`."""
    lucia = login_as(workspace, services, admin, "lucia", Role.TECNICO)
    window = window_of(qtbot, workspace, services, lucia)
    yield window
    window.close()


def reads(workspace, person_id: str) -> list:  # type: ignore[no-untyped-def]
    return [
        line
        for line in audit_lines(workspace.db, participant_id=person_id)
        if line.action == AuditAction.READ
    ]


def asked(window: MainWindow) -> OpenReasonDialog:
    dialog = window.file_view.reason_dialog
    assert isinstance(dialog, OpenReasonDialog) and dialog.isVisible()
    return dialog


def test_a_tecnica_is_asked_why_and_the_file_opens_with_the_reason_audited(  # type: ignore[no-untyped-def]
    qtbot, workspace, lucia_window, person
):
    window = lucia_window
    window.open_participant(person.id)
    dialog = asked(window)
    assert window.file_view.participant is None  # nothing shown, nothing read yet
    assert reads(workspace, person.id) == []
    assert "no es de su cartera" in dialog.intro_label.text()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720

    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "Abrir ficha"
    save.click()  # no reason: the service's message beside the field, still asked
    assert dialog.isVisible()
    assert "indique el motivo" in dialog.error_labels["reason"].text()
    assert reads(workspace, person.id) == []

    type_text(dialog.reason_edit, "Sustituyo a Rocío en la guardia")
    save.click()
    assert not dialog.isVisible()
    assert window.file_view.participant.id == person.id
    assert window.file_view.title_label.text() == "José Núñez García"
    [read] = reads(workspace, person.id)
    assert (read.login, read.reason) == ("lucia", "Sustituyo a Rocío en la guardia")
    # A reload of the same file (after a step elsewhere) gives the same reason again.
    window.file_view.reload()
    assert [r.reason for r in reads(workspace, person.id)] == [read.reason] * 2
    assert window.file_view.archive_button.isEnabled() is False  # a técnica does not archive


def test_cancelling_the_reason_opens_nothing(qtbot, workspace, lucia_window, person):  # type: ignore[no-untyped-def]
    lucia_window.open_participant(person.id)
    dialog = asked(lucia_window)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible()
    assert lucia_window.file_view.participant is None
    assert reads(workspace, person.id) == []


def test_ones_own_file_opens_without_a_reason(qtbot, workspace, services, person, rocio):  # type: ignore[no-untyped-def]
    window = window_of(qtbot, workspace, services, rocio)
    window.open_participant(person.id)
    assert window.file_view.reason_dialog is None
    assert window.file_view.participant.id == person.id
    window.close()


def test_a_responsable_is_not_asked_and_may_archive(qtbot, workspace, services, admin, person):  # type: ignore[no-untyped-def]
    boss = login_as(workspace, services, admin, "antonio", Role.RESPONSABLE)
    window = window_of(qtbot, workspace, services, boss)
    window.open_participant(person.id)
    assert window.file_view.reason_dialog is None
    assert window.file_view.participant.id == person.id
    assert window.file_view.archive_button.isEnabled()
    window.close()


def test_without_the_centre_setting_nobody_is_asked(  # type: ignore[no-untyped-def]
    qtbot, workspace, services, admin, lucia_window, person
):
    draft = CentreDraft.of(services.centre_settings.centre())
    draft.reason_outside_caseload = False
    services.centre_settings.update_centre(admin, draft)
    lucia_window.open_participant(person.id)
    assert lucia_window.file_view.reason_dialog is None
    assert lucia_window.file_view.participant.id == person.id


@pytest.mark.parametrize("archived", [False, True])
def test_a_tecnica_can_neither_archive_nor_restore(  # type: ignore[no-untyped-def]
    qtbot, workspace, services, admin, rocio, person, archived
):
    """participant.archive / participant.restore need responsable: the button says why."""
    if archived:
        services.participants.archive(admin, person.id, "Traslado")
    window = window_of(qtbot, workspace, services, rocio)
    window.open_participant(person.id)
    button = window.file_view.archive_button
    assert not button.isEnabled()
    assert "Solo responsables y administradores" in button.toolTip()
    window.close()
