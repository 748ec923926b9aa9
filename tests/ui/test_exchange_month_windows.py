"""A whole month of a centre and its office, played in the real windows of both (issue 13,
«Done when»): the protocol sent, received, assigned, admitted, the Anexo III sent, and
every bundle acknowledged — only through menus, dialogs, buttons and typed text.

Two data folders trusting each other (tests/services/exchange_pair.py), one test clock
for both, moving through February 2026; the USB stick is a folder of the test. The
steps are in tests/ui/exchange_month.py (the screenshot script plays the same ones).
"""

from datetime import date

import pytest
from sqlmodel import select

from reinsercion_desktop.db.models import FormInstance, Referral, Stay
from reinsercion_desktop.services.office import OfficeService
from tests.services.exchange_pair import make_pair
from tests.services.test_exchange import sent_protocol
from tests.ui import exchange_month as month
from tests.ui.exchange_month import Desk

PERSON = ("Rocío", "Martín", "Ortega")
CTA = "CTA Sevilla Norte"


@pytest.fixture
def desks(qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    centre, office = make_pair(tmp_path)

    def wait(condition) -> None:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(condition, timeout=30000)

    opened = [month.open_desk(centre, wait), month.open_desk(office, wait)]
    for desk in opened:
        qtbot.addWidget(desk.window)
    month.answer_file_dialogs(opened, monkeypatch.setattr)
    yield opened
    for desk in opened:
        month.close_exchange(desk)
    centre.workspace.close()
    office.workspace.close()


def stored(desk: Desk, model, record_id: str):  # type: ignore[no-untyped-def]
    with desk.side.db.read() as session:
        return session.get(model, record_id)


def test_a_month_of_a_centre_and_its_office_in_their_windows(desks, tmp_path, message_boxes):  # type: ignore[no-untyped-def]
    centre, office = desks
    usb = tmp_path / "usb"
    usb.mkdir()

    # 2 February: the centre opens a file and its protocol, and sends it to the office.
    month.set_day(desks, date(2026, 2, 2))
    month.add_referring_centre(centre, CTA)
    who = month.create_person(centre, PERSON, "14/05/1988", "M")
    month.create_protocol(centre, CTA, date(2026, 2, 2))
    tab = centre.window.file_view.referrals_tab
    assert tab.model.cell_text(0, 2) == "Enviado a la oficina"
    referral_id = tab.selected().id
    first = month.send_bundle(centre, usb)
    assert "n.º 1 para Oficina FADA" in centre.exchange.message_label.text()

    # 3 February: the office takes it from the stick: the preview first, then the import.
    month.set_day(desks, date(2026, 2, 3))
    preview = month.preview_bundle(office, first)
    kinds = {line.kind: line.counts for line in preview.model.rows}
    assert kinds["Ficha"][0] == 1 and kinds["Derivación"][0] == 1
    said = month.import_previewed(office)
    assert "n.º 1 de Asociación Nueva Vida importado" in said
    month.close_exchange(office)
    month.open_file_from_list(office, who)
    received = month.show_tab(office, "referrals_tab")
    assert received.model.cell_text(0, 2) == "Enviado a la oficina"
    month.receive_and_include(office, date(2026, 2, 3))
    assert received.model.cell_text(0, 2).startswith("En lista de espera")
    dock = month.show_waiting_list(office)
    assert dock.model.cell_text(0, 1) == "Martín Ortega, Rocío"
    assert dock.model.cell_text(0, 2) == "En espera"
    month.assign_place(office, referral_id, "Triana", date(2026, 2, 9), "CTA: prefiere Triana.")
    assert dock.model.cell_text(0, 2) == "Admisión: Vivienda Triana, 09/02/2026"
    assert received.model.cell_text(0, 2) == "Proceso de admisión"
    assert "ingreso previsto el 09/02/2026" in received.detail_label.text()
    back = month.send_bundle(office, usb)
    assert "n.º 1 para Asociación Nueva Vida" in office.exchange.message_label.text()

    # 4 February: the centre takes the office's answer: the place and the planned day.
    month.set_day(desks, date(2026, 2, 4))
    month.preview_bundle(centre, back)
    said = month.import_previewed(centre)
    assert "n.º 1 de Oficina FADA importado" in said
    month.close_exchange(centre)
    tab = month.show_tab(centre, "referrals_tab")
    assert tab.model.cell_text(0, 2) == "Proceso de admisión"
    assert "Plaza asignada en Vivienda Triana; ingreso previsto el 09/02/2026." in (
        tab.detail_label.text()
    )
    history = [e.label for e in tab.history_model.rows]
    assert history[:3] == ["Borrador", "Completo", "Enviado a la oficina"]
    # The office's three steps of 3 February, in no settled order here: an imported
    # record is stamped with the time it came in, not when the office recorded it.
    assert set(history[3:]) == {"Recibido", "En lista de espera", "Proceso de admisión"}

    # 9 February, the planned day: the consent signed, the person admitted.
    month.set_day(desks, date(2026, 2, 9))
    consent = month.new_form(centre, "Consentimiento informado")
    assert consent.editor.check.missing == ["dni", "vivienda", "lugar"]
    month.fill_missing(consent.editor, {"dni": "12345678Z", "vivienda": "Vivienda Triana",
                                        "lugar": "Sevilla"}.__getitem__)  # fmt: skip
    month.finalize_and_sign(centre, consent)
    month.admit(centre, date(2026, 2, 9))
    stays = centre.window.file_view.stays_tab
    assert [stays.model.cell_text(0, c) for c in range(5)] == [
        "Vivienda Triana", "09/02/2026", "Libre de drogas", "", "en curso",
    ]  # fmt: skip
    assert centre.window.file_view.status_chip.text() == "En estancia"

    # 2 March, the month over: its Anexo III made, signed, and sent with the admission.
    month.set_day(desks, date(2026, 3, 2))
    said, anexo = month.anexo_iii_of_the_month(centre, "Triana", "2026-02")
    assert said == "Febrero de 2026: 1 usuarios/as · 0 altas · 0 renuncias."
    month.finalize_and_sign(centre, anexo)
    monthly = month.send_bundle(centre, usb)
    said = centre.exchange.message_label.text()
    assert "Paquete n.º 2 para Oficina FADA" in said and "Estancia: 1" in said
    assert "Formulario: 1" in said  # the Anexo III (the consent stays at the centre)
    history = centre.exchange.history_model
    assert [(b.direction, b.sequence, b.state) for b in history.rows] == [
        ("Enviado", 2, "Enviado, sin confirmar"),
        ("Recibido", 1, "Importado"),
        ("Enviado", 1, "Confirmado"),  # the office's answer acknowledged n.º 1
    ]
    month.close_exchange(centre)

    # 3 March: the office takes the month: the stay in Ocupación, the Anexo III stored.
    month.set_day(desks, date(2026, 3, 3))
    preview = month.preview_bundle(office, monthly)
    kinds = {line.kind: line.counts for line in preview.model.rows}
    assert kinds["Estancia"][0] == 1 and kinds["Formulario"][0] == 1
    assert "n.º 2 de Asociación Nueva Vida importado" in month.import_previewed(office)
    month.close_exchange(office)
    occupancy = month.show_occupancy(office, "Triana")
    assert "1 de 16 plazas ocupadas" in occupancy.summary_label.text()
    assert "En Vivienda Triana: 1 persona(s)" in occupancy.people_label.text()
    (resident,) = occupancy.people_model.rows
    assert resident.participant_id == who
    assert occupancy.people_model.cell_text(0, 0) == "Martín Ortega, Rocío"
    assert occupancy.people_model.cell_text(0, 1) == "22"  # days since 9 February
    assert stored(office, Referral, referral_id).status == "admitted"
    with office.side.db.read() as session:
        (anexo_there,) = session.exec(
            select(FormInstance).where(FormInstance.form_id == "anexo-iii")
        ).all()
        (stay,) = session.exec(select(Stay)).all()
    assert (anexo_there.period, anexo_there.status) == ("2026-02", "signed")
    assert (stay.participant_id, stay.admission_date) == (who, date(2026, 2, 9))

    # The office's answer acknowledges the month; the centre sees its bundles confirmed.
    answer = month.send_bundle(office, usb)
    there = office.exchange.history_model
    assert [(b.direction, b.sequence, b.state) for b in there.rows] == [
        ("Enviado", 2, "Enviado, sin confirmar"),
        ("Recibido", 2, "Importado"),
        ("Enviado", 1, "Confirmado"),  # the centre's n.º 2 acknowledged the assignment
        ("Recibido", 1, "Importado"),
    ]
    month.set_day(desks, date(2026, 3, 4))
    month.preview_bundle(centre, answer)
    assert "n.º 2 de Oficina FADA importado" in month.import_previewed(centre)
    history = centre.exchange.history_model
    sent = [(b.sequence, b.state) for b in history.rows if b.direction == "Enviado"]
    assert sent == [(2, "Confirmado"), (1, "Confirmado")]
    assert centre.side.services.exchange.record_state(stay.id) == "Confirmado"


def test_an_import_shows_at_once_in_the_open_file_and_the_waiting_list(desks) -> None:  # type: ignore[no-untyped-def]
    """The Intercambio screen said «importado» but the open file still showed the protocol
    «Enviado a la oficina», and Lista de espera its old line, until reopened."""
    centre, office = desks
    who, referral_id = sent_protocol(centre.side)
    office.side.take(centre.side.export().path)
    centre.window.refresh_list()
    month.open_file_from_list(centre, who)
    tab = month.show_tab(centre, "referrals_tab")
    assert tab.model.cell_text(0, 2) == "Enviado a la oficina"
    dock = month.show_waiting_list(centre)
    assert dock.model.rowCount() == 0
    OfficeService(office.side.db).receive_protocol(
        office.side.admin, referral_id, date(2026, 1, 15), include=True
    )
    triana = next(v.id for v in office.side.services.catalogues.viviendas() if "Triana" in v.name)
    OfficeService(office.side.db).assign_vacancy(
        office.side.admin, triana, "H", date(2026, 1, 20), consulted_note="CTA: Triana"
    )
    month.preview_bundle(centre, office.side.export().path)
    month.import_previewed(centre)
    assert tab.model.cell_text(0, 2) == "Proceso de admisión"
    assert dock.model.cell_text(0, 2) == "Admisión: Vivienda Triana, 20/01/2026"
