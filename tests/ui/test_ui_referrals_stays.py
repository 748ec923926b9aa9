"""The Derivaciones and Estancias tabs: a person through the whole circuit, from a new
protocol to a disciplinary discharge, with the services' refusals shown where they belong
(R-ADM-2, R-ADM-3, R-REF-1, R-WL-1, R-STAY-1, R-STAY-2, R-DIS-1)."""

from datetime import date

import pytest

from reinsercion_desktop.db.models import FormInstance
from reinsercion_desktop.forms.content import content_hash
from reinsercion_desktop.services.catalogues import ReferringCentreDraft
from reinsercion_desktop.ui.circuit.stays_model import COL_OUTING_EXCHANGE
from reinsercion_desktop.ui.participants.list_model import COL_STATUS
from tests.ui.conftest import type_text


@pytest.fixture
def opened(window, participants, admin, make_draft):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft())
    window.open_participant(person.id)
    return person


@pytest.fixture
def centre(window, admin):  # type: ignore[no-untyped-def]
    return window.services.catalogues.save_referring_centre(
        admin, ReferringCentreDraft(kind="CTA", name="CTA Sevilla Este", province="Sevilla")
    )


def _sign_consent(window, workspace, admin, participant_id: str) -> None:  # type: ignore[no-untyped-def]
    db = workspace.db
    with db.unit_of_work(admin) as work:
        work.add(
            FormInstance(
                form_id="consentimiento",
                definition_version=1,
                participant_id=participant_id,
                status="signed",
                data="{}",
                signed_at=db.clock.now(),
                signed_by=admin.login,
                signed_by_name=admin.full_name,
                signed_hash=content_hash("consentimiento", 1, {}),
            )
        )


def _choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _status_in_list(window, participant_id: str) -> str:  # type: ignore[no-untyped-def]
    model = window.list_dock.model
    return model.data(model.index(model.row_of(participant_id), COL_STATUS))


def _cells(table, row: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    model = table.rows_model
    return [model.cell_text(row, column) for column in range(model.columnCount())]


def _cell(table, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return table.rows_model.cell_text(row, column)


def _show(window, tab):  # type: ignore[no-untyped-def]
    """Bring a tab of the file to the front: it reads its records when shown."""
    window.file_view.tabs.setCurrentWidget(tab)
    assert not tab.stale
    return tab


def _referral_to_the_list(window, centre, message_boxes):  # type: ignore[no-untyped-def]
    """New protocol → complete → sent → received → waiting list, through the tab."""
    tab = _show(window, window.file_view.referrals_tab)
    assert tab.empty_label.isVisibleTo(tab) and not tab.next_button.isVisibleTo(tab)
    tab.new_button.click()
    dialog = tab.dialog
    dialog.fields["protocol_date"].setText("31/02/2025")
    dialog.voluntary_check.setChecked(True)
    dialog.save_button.click()
    assert "no existe en el calendario" in dialog.error_labels["protocol_date"].text()
    assert tab.referrals == []
    dialog.fields["protocol_date"].setText("01/11/2025")
    dialog.save_button.click()
    assert _cells(tab.table)[:3] == ["01/11/2025", "— sin centro —", "Borrador"]

    # R-ADM-2: no referring centre, the service refuses and says why.
    assert tab.next_button.text() == "Marcar completa"
    tab.next_button.click()
    assert message_boxes.shown[-1][0] == "warning"
    assert "no tiene centro derivador" in message_boxes.shown[-1][2]
    assert tab.selected().status == "draft"

    tab.actions["edit"].trigger()
    _choose(tab.dialog.centre_combo, centre.id)
    tab.dialog.save_button.click()
    assert _cells(tab.table)[1] == "CTA Sevilla Este"
    tab.next_button.click()
    assert _cell(tab.table, 0, 2) == "Completo"
    assert tab.next_button.text() == "Enviar a la oficina"
    tab.next_button.click()
    assert tab.next_button.text() == "Recibir…"
    tab.next_button.click()
    tab.dialog.fields["received_date"].setText("05/11/2025")
    tab.dialog.save_button.click()
    tab.next_button.click()  # Incluir en lista…, today by default
    tab.dialog.save_button.click()
    assert _cells(tab.table)[2:4] == ["En lista de espera · nº 1", "05/11/2025"]
    assert "incluido en lista el 15/01/2026" in tab.detail_label.text()
    assert "Puesto 1 en la lista de espera" in tab.detail_label.text()
    history = [e.label for e in tab.history_model.rows]
    assert history == [
        "Borrador",
        "Completo",
        "Enviado a la oficina",
        "Recibido",
        "En lista de espera",
    ]
    return tab


def test_the_whole_circuit_through_the_two_tabs(  # type: ignore[no-untyped-def]
    window, workspace, opened, centre, admin, clock, message_boxes
):
    referrals = _referral_to_the_list(window, centre, message_boxes)
    assert _status_in_list(window, opened.id) == "En lista de espera"
    triana = next(v for v in window.services.catalogues.viviendas() if v.name == "Vivienda Triana")

    # R-WL-1: with several free places the referring centre's consultation is noted.
    assert referrals.next_button.text() == "Asignar plaza…"
    referrals.next_button.click()
    dialog = referrals.dialog
    _choose(dialog.fields["vivienda"], triana.id)
    dialog.save_button.click()
    assert "consulte al centro derivador" in dialog.error_labels["centre_consulted_note"].text()
    type_text(dialog.fields["centre_consulted_note"], "Hablado con la terapeuta: prefiere Triana.")
    dialog.save_button.click()
    assert _cell(referrals.table, 0, 2) == "Proceso de admisión"
    assert "Plaza asignada en Vivienda Triana" in referrals.detail_label.text()

    # R-ADM-3: no signed consent, the admission is refused beside the consent.
    stays = window.file_view.stays_tab
    assert stays.stale and stays.stays == []  # out of sight, not read yet
    _show(window, stays)
    stays.admit_button.click()
    dialog = stays.dialog
    assert dialog.fields["vivienda"].currentData() == triana.id
    assert dialog.fields["admission_date"].text() == "15/01/2026"
    dialog.save_button.click()
    assert "consentimiento informado firmado" in dialog.error_labels["consent"].text()
    assert stays.stays == []
    _sign_consent(window, workspace, admin, opened.id)
    dialog.save_button.click()
    assert _cells(stays.table)[:5] == [
        "Vivienda Triana",
        "15/01/2026",
        "Libre de drogas",
        "",
        "en curso",
    ]
    assert _status_in_list(window, opened.id) == "En estancia"
    assert window.file_view.status_chip.text() == "En estancia"
    assert referrals.stale  # the other tab follows when shown
    assert _cell(_show(window, referrals).table, 0, 2) == "Ingresado/a"
    _show(window, stays)

    stays.outing_button.click()
    dialog = stays.dialog
    dialog.fields["start_date"].setText("20/01/2026")
    dialog.fields["end_date"].setText("25/01/2026")
    type_text(dialog.fields["purpose"], "Visita familiar en Écija")
    dialog.save_button.click()
    assert _cells(stays.outings_table) == [
        "20/01/2026",
        "25/01/2026",
        "Ordinaria",
        "5",
        "Visita familiar en Écija",
        "",  # Intercambio: hidden, no trusted peer
    ]
    assert stays.outings_table.isColumnHidden(COL_OUTING_EXCHANGE)

    # An overlapping outing: the message beside the dates, nothing saved.
    stays.outing_button.click()
    dialog = stays.dialog
    dialog.fields["start_date"].setText("22/01/2026")
    dialog.fields["end_date"].setText("28/01/2026")
    dialog.save_button.click()
    assert "Se solapa con la salida del 20/01/2026 al 25/01/2026" in (
        dialog.error_labels["start_date"].text()
    )
    assert len(window.services.stays.outings_of(stays.selected().id)) == 1
    dialog.reject()

    # R-STAY-2: past 9 months the justification box appears, asked for by the service.
    stays.actions["planned"].trigger()
    dialog = stays.dialog
    assert not dialog.row_visible("justification")
    dialog.fields["planned_discharge_date"].setText("01/12/2026")
    dialog.save_button.click()
    assert dialog.row_visible("justification")
    assert "supera o superará los 9 meses" in dialog.error_labels["justification"].text()
    # R-STAY-1: a near planned discharge with few outings taken is saved, with a warning.
    dialog.fields["planned_discharge_date"].setText("10/02/2026")
    dialog.save_button.click()
    assert _cell(stays.table, 0, 3) == "10/02/2026"
    assert message_boxes.shown[-1][1] == "Guardado, con avisos"
    assert "solo se han disfrutado 0 días" in stays.warnings_label.text()
    assert stays.warnings_label.isVisibleTo(stays)

    # R-DIS-1: a disciplinary discharge names its criterion.
    clock.advance(days=26)  # 10/02/2026
    stays.discharge_button.click()
    dialog = stays.dialog
    assert not dialog.fields["criterion"].isEnabled()
    _choose(dialog.fields["discharge_type"], "disciplinaria")
    assert dialog.fields["criterion"].isEnabled()
    dialog.save_button.click()
    assert "cuatro criterios" in dialog.error_labels["criterion"].text()
    assert stays.selected().discharge_date is None
    _choose(dialog.fields["criterion"], "violencia")
    type_text(dialog.fields["reason"], "Agresión a un compañero.")
    dialog.save_button.click()
    assert _cells(stays.table)[4:6] == ["10/02/2026 (disciplinaria)", "26"]
    assert "Criterio disciplinario: agresión o violencia." in stays.summary_label.text()
    assert not stays.outing_button.isEnabled() and not stays.discharge_button.isEnabled()
    assert _status_in_list(window, opened.id) == "De alta"


def test_postpone_resume_and_resign(window, opened, centre, message_boxes):  # type: ignore[no-untyped-def]
    tab = _referral_to_the_list(window, centre, message_boxes)
    # Unsaved edits in Datos survive a step of the circuit (the file is not reloaded).
    window.file_view.form.inputs["phone"].setText("600111222")
    assert window.file_view.dirty
    tab.actions["postpone"].trigger()
    dialog = tab.dialog
    dialog.fields["until"].setText("01/06/2026")
    dialog.save_button.click()
    assert "Elija el motivo" in dialog.error_labels["reason"].text()
    _choose(dialog.fields["reason"], "sanitaria")
    dialog.save_button.click()
    assert "3 meses desde la inclusión" in dialog.error_labels["until"].text()
    dialog.fields["until"].setText("01/03/2026")
    dialog.save_button.click()
    assert _cell(tab.table, 0, 2) == "Aplazado · nº 1"
    assert window.file_view.dirty
    assert window.file_view.form.inputs["phone"].text() == "600111222"
    assert not tab.actions["decide"].isEnabled()  # not 3 months yet
    assert tab.next_button.text() == "Fin del aplazamiento"
    tab.next_button.click()
    assert tab.selected().status == "waiting"

    tab.actions["resign"].trigger()
    tab.dialog.save_button.click()
    assert "motivo de la renuncia" in tab.dialog.error_labels["reason"].text()
    type_text(tab.dialog.fields["reason"], "Encuentra trabajo en Málaga")
    tab.dialog.save_button.click()
    assert _cell(tab.table, 0, 2) == "Renuncia"
    assert "Cerrado el 15/01/2026: Encuentra trabajo en Málaga" in tab.detail_label.text()
    assert _status_in_list(window, opened.id) == "Derivado/a"


def test_incomplete_fixed_then_withdrawn(window, opened, centre):  # type: ignore[no-untyped-def]
    tab = _show(window, window.file_view.referrals_tab)
    tab.new_button.click()
    _choose(tab.dialog.centre_combo, centre.id)
    tab.dialog.voluntary_check.setChecked(True)
    tab.dialog.save_button.click()
    tab.actions["incomplete"].trigger()
    type_text(tab.dialog.fields["cause"], "Falta la analítica")
    tab.dialog.save_button.click()
    assert _cell(tab.table, 0, 2) == "Incompleto"
    assert "Incompleto: Falta la analítica" in tab.detail_label.text()
    assert tab.next_button.text() == "Subsanar…"
    tab.next_button.click()
    tab.dialog.fields["fixed_date"].setText("16/01/2026")
    type_text(tab.dialog.fields["fix_note"], "Aportada la analítica")
    tab.dialog.save_button.click()
    assert "futura" in tab.dialog.error_labels["fix_note"].text()
    tab.dialog.fields["fixed_date"].setText("15/01/2026")
    tab.dialog.save_button.click()
    assert _cell(tab.table, 0, 2) == "Completo"
    assert "Subsanado el 15/01/2026" in tab.detail_label.text()

    tab.actions["withdraw"].trigger()
    type_text(tab.dialog.fields["reason"], "La persona se traslada de provincia")
    tab.dialog.save_button.click()
    assert _cell(tab.table, 0, 2) == "Retirado"
    assert not tab.next_button.isVisibleTo(tab)
    assert not any(action.isEnabled() for action in tab.actions.values())
    assert tab.selected().closed_date == date(2026, 1, 15)


def test_the_discharge_notice_is_recorded_from_the_estancias_tab(
    qtbot, window, workspace, participants, admin, make_draft
):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from reinsercion_desktop.db.models import Stay
    from reinsercion_desktop.db.queries import viviendas

    person = participants.create(admin, make_draft())
    clock = window.session.clock
    with workspace.db.read() as session:
        vivienda = viviendas(session=session)[0]
    with workspace.db.unit_of_work(admin) as work:
        work.add(
            Stay(
                participant_id=person.id,
                vivienda_id=vivienda.id,
                admission_date=clock.today() - timedelta(days=60),
                planned_discharge_date=clock.today() + timedelta(days=15),
            )
        )
    window.open_participant(person.id)
    tab = window.file_view.stays_tab
    tab.refresh()
    tab.table.select_index(0)
    assert tab.actions["notice"].isEnabled()
    from reinsercion_desktop.ui.circuit.discharge_dialog import notice_dialog

    dialog = notice_dialog(window.services.stays, window.session, tab.stays[0], tab)
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert window.services.stays.stays_of(person.id)[0].discharge_notice_date == clock.today()
