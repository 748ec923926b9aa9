"""The office: protocols received, the regional list, vacancies across viviendas, Anexo II.

Viviendas (conftest): Triana, 6 men's and 2 women's places; Macarena, 8 mixed places.
Today is 15/01/2026. Stays of the report are written directly, as the stay service would.
"""

import json
from datetime import date

import pytest
from sqlmodel import select

from reinsercion_desktop.db.models import Participant, Referral, Stay, Vivienda
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.catalogues import CatalogueService, ReferringCentreDraft
from reinsercion_desktop.services.office import OfficeService
from reinsercion_desktop.services.referrals import ReferralDraft, ReferralService
from reinsercion_desktop.services.waiting_list import WaitingListService


@pytest.fixture
def office(workspace, admin):  # type: ignore[no-untyped-def]
    return OfficeService(workspace.db)


@pytest.fixture
def referrals(workspace):  # type: ignore[no-untyped-def]
    return ReferralService(workspace.db)


@pytest.fixture
def houses(workspace, admin):  # type: ignore[no-untyped-def]
    return {v.name.split()[-1]: v.id for v in CatalogueService(workspace.db).viviendas()}


@pytest.fixture
def cta(workspace, admin):  # type: ignore[no-untyped-def]
    draft = ReferringCentreDraft("CTA", "CTA Huelva", province="Huelva")
    return CatalogueService(workspace.db).save_referring_centre(admin, draft).id


@pytest.fixture
def person(participants, admin, make_draft, cta):  # type: ignore[no-untyped-def]
    count = iter(range(1, 100))

    def make(sex="H", **overrides):  # type: ignore[no-untyped-def]
        n = next(count)
        draft = make_draft(
            first_name=f"Persona{n}", surname1=f"Apellido{n}", birth_date=f"{n:02d}/04/1980",
            sex=sex, id_number="", referring_centre_id=cta, **overrides,
        )  # fmt: skip
        return participants.create(admin, draft, confirm_similar=True)

    return make


@pytest.fixture
def sent(referrals, admin, person):  # type: ignore[no-untyped-def]
    """A complete protocol sent by its centre to the office (not yet received)."""

    def make(protocol=date(2026, 1, 2), sex="H", **overrides):  # type: ignore[no-untyped-def]
        someone = person(sex, **overrides)
        referral = referrals.create(admin, someone.id, ReferralDraft(protocol_date=protocol))
        referrals.mark_complete(admin, referral.id)
        referrals.send(admin, referral.id)
        return referral.id

    return make


@pytest.fixture
def listed(office, admin, sent):  # type: ignore[no-untyped-def]
    """A protocol received by the office on `received` and included in the list that day."""

    def make(received, sex="H", **overrides):  # type: ignore[no-untyped-def]
        referral_id = sent(received, sex, **overrides)
        office.receive_protocol(admin, referral_id, received, include=True)
        return referral_id

    return make


def add_stay(db, admin, person_id, vivienda_id, admission, **fields) -> Stay:  # type: ignore[no-untyped-def]
    with db.unit_of_work(admin) as work:
        return work.add(
            Stay(
                participant_id=person_id,
                vivienda_id=vivienda_id,
                admission_date=admission,
                **fields,
            )
        )


# -- receiving protocols -----------------------------------------------------------------------


def test_receive_protocol_marks_it_received_on_its_date(office, referrals, admin, sent):
    referral_id = sent(date(2026, 1, 8))
    received = office.receive_protocol(admin, referral_id, date(2026, 1, 12))
    assert (received.status, received.received_date) == ("received", date(2026, 1, 12))
    assert received.included_date is None  # not yet in the list
    history = referrals.history(referral_id)
    assert (history[-1].status, history[-1].note) == ("received", "Recibido el 12/01/2026")


def test_receive_protocol_refuses_a_future_or_earlier_date(office, admin, sent):
    referral_id = sent(date(2026, 1, 8))
    with pytest.raises(ValidationError) as future:
        office.receive_protocol(admin, referral_id, date(2026, 1, 16))
    assert "futura" in future.value.problems["received_date"]
    with pytest.raises(ValidationError) as before:
        office.receive_protocol(admin, referral_id, date(2026, 1, 7))
    assert "anterior" in before.value.problems["received_date"]


def test_receive_and_include_puts_it_in_the_regional_list(office, admin, sent):
    referral_id = sent(date(2026, 1, 3))
    included = office.receive_protocol(admin, referral_id, date(2026, 1, 9), include=True)
    assert (included.status, included.included_date) == ("waiting", date(2026, 1, 9))
    (row,) = office.waiting_list().rows
    assert (row.row.referral_id, row.row.position, row.row.days_waiting) == (referral_id, 1, 6)
    assert (row.province, row.vivienda, row.priority_vivienda) == ("Huelva", "", "")


def test_an_incomplete_protocol_is_received_but_not_listed(office, referrals, admin, sent):
    referral_id = sent(date(2026, 1, 3))
    referrals.mark_incomplete(admin, referral_id, "Falta la radiografía de tórax")
    with pytest.raises(UserError, match="incompleto"):
        office.receive_protocol(admin, referral_id, date(2026, 1, 9), include=True)
    assert referrals.get(referral_id).status == "incomplete"


# -- the regional list and its vacancies (R-WL-1..4) -------------------------------------------


@pytest.fixture
def region(workspace, admin, houses, person, listed):  # type: ignore[no-untyped-def]
    """Triana full of men (one from prison); on the list, in order of reception:
    a man readmitted after a derived discharge from Triana (priority there, R-WL-4),
    a man from prison, a woman, and another man."""
    db = workspace.db
    for number in range(6):
        add_stay(db, admin, person().id, houses["Triana"], date(2025, 11, 1), prison=number == 0)
    back = person()
    add_stay(db, admin, back.id, houses["Triana"], date(2025, 6, 1),
             discharge_date=date(2025, 12, 20), discharge_type="derivada")  # fmt: skip
    ids = {}
    ids["priority"] = _list_person(workspace, admin, back.id, date(2026, 1, 6))
    ids["prison"] = listed(date(2026, 1, 2), prison_origin=True)
    ids["woman"] = listed(date(2026, 1, 3), sex="M")
    ids["man"] = listed(date(2026, 1, 4))
    return ids


def _list_person(workspace, admin, participant_id, received):  # type: ignore[no-untyped-def]
    service = ReferralService(workspace.db)
    referral = service.create(admin, participant_id, ReferralDraft(protocol_date=received))
    service.mark_complete(admin, referral.id)
    OfficeService(workspace.db).receive_protocol(admin, referral.id, received, include=True)
    return referral.id


def test_regional_list_orders_every_protocol_of_the_region(office, region):
    listing = office.waiting_list()
    order = [r.row.referral_id for r in listing.rows]
    # R-WL-4 first, then by the date received (R-WL-1).
    assert order == [region["priority"], region["prison"], region["woman"], region["man"]]
    first = listing.rows[0]
    assert first.row.priority and first.priority_vivienda == "Vivienda Triana"
    assert listing.waiting == 4
    # Triana: 0 men's places, 2 women's; Macarena: 8 mixed.
    assert listing.free == 10


def test_a_vacancy_goes_to_the_first_compatible_person_of_the_region(office, region, houses):
    offer = office.candidate_for(houses["Macarena"], "X")
    # The readmitted man has his priority for Triana only; the prison referral would be
    # 1 of 1 occupants in the empty Macarena (R-WL-3): the woman is first.
    assert offer.entry is not None and offer.entry.referral_id == region["woman"]
    assert [rid for rid, _why in offer.passed_over] == [region["priority"], region["prison"]]
    vacancies = {(v.vivienda, v.place): v for v in office.vacancies()}
    assert set(vacancies) == {("Vivienda Triana", "M"), ("Vivienda Macarena", "X")}
    assert vacancies[("Vivienda Triana", "M")].free == 2
    assert vacancies[("Vivienda Triana", "M")].offer.entry.referral_id == region["woman"]  # type: ignore[union-attr]


def test_assign_vacancy_needs_the_centres_consultation_when_several_places_fit(
    office, admin, region, houses, workspace
):
    with pytest.raises(ValidationError) as missing:
        office.assign_vacancy(admin, houses["Macarena"], "X", date(2026, 1, 20))
    assert "10 plazas libres" in missing.value.problems["centre_consulted_note"]
    assigned = office.assign_vacancy(
        admin, houses["Macarena"], "X", date(2026, 1, 20), consulted_note="CTA: Macarena"
    )
    assert assigned.id == region["woman"]
    assert (assigned.status, assigned.vivienda_id) == ("assigned", houses["Macarena"])
    assert assigned.planned_admission_date == date(2026, 1, 20)
    first = office.waiting_list().rows[0]
    assert (first.row.referral_id, first.row.position, first.vivienda) == (
        region["woman"],
        None,
        "Vivienda Macarena",
    )


def test_the_place_left_in_triana_goes_to_the_readmission_first(
    office, admin, region, houses, workspace
):
    with workspace.db.read() as session:
        stays = session.exec(select(Stay).where(Stay.vivienda_id == houses["Triana"])).all()
    leaving = next(s for s in stays if s.discharge_date is None and not s.prison)
    with workspace.db.unit_of_work(admin) as work:
        stay = work.get(Stay, leaving.id)
        stay.discharge_date, stay.discharge_type = date(2026, 1, 14), "voluntaria"
    offer = office.candidate_for(houses["Triana"], "H")
    assert offer.entry.referral_id == region["priority"] and offer.priority  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="1 a 5|entre"):  # R-WL-5 after a voluntary one
        office.assign_vacancy(admin, houses["Triana"], "H", date(2026, 1, 25),
                              consulted_note="CTA", vacated_by_stay_id=leaving.id)  # fmt: skip
    assigned = office.assign_vacancy(admin, houses["Triana"], "H", date(2026, 1, 16),
                                     consulted_note="CTA", vacated_by_stay_id=leaving.id)  # fmt: skip
    assert assigned.id == region["priority"] and assigned.vivienda_id == houses["Triana"]


def test_a_place_announced_for_a_therapeutic_discharge_is_assigned_ahead(
    office, admin, region, houses, workspace
):
    """R-WL-5: 15 days before a therapeutic discharge the next protocol is assigned, for
    an admission from the discharge day; the full house does not stop it."""
    with workspace.db.read() as session:
        stays = session.exec(select(Stay).where(Stay.vivienda_id == houses["Triana"])).all()
    leaving = next(s for s in stays if s.discharge_date is None and not s.prison)
    with workspace.db.unit_of_work(admin) as work:
        stay = work.get(Stay, leaving.id)
        stay.planned_discharge_date, stay.discharge_notice_date = (
            date(2026, 1, 30),
            date(2026, 1, 14),
        )
    assert office.candidate_for(houses["Triana"], "H").entry.referral_id == region["priority"]  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="30/01/2026"):
        office.assign_vacancy(admin, houses["Triana"], "H", date(2026, 1, 25),
                              consulted_note="CTA", vacated_by_stay_id=leaving.id)  # fmt: skip
    assigned = office.assign_vacancy(admin, houses["Triana"], "H", date(2026, 1, 30),
                                     consulted_note="CTA", vacated_by_stay_id=leaving.id)  # fmt: skip
    assert (assigned.id, assigned.planned_admission_date) == (region["priority"], date(2026, 1, 30))


def test_assign_vacancy_with_nobody_for_the_place_is_refused(office, admin, region, houses):
    WaitingListService(office.db).resign(admin, region["woman"], "Renuncia a la plaza")
    with pytest.raises(UserError, match="Nadie"):
        office.assign_vacancy(admin, houses["Triana"], "M", date(2026, 1, 20))
    with pytest.raises(ValidationError):
        office.assign_vacancy(admin, houses["Triana"], "Z", date(2026, 1, 20))


# -- Anexo II, monthly --------------------------------------------------------------------------


def _participant(work, codapel: str, sex: str = "H") -> Participant:  # type: ignore[no-untyped-def]
    person = work.add(
        Participant(
            first_name="Nombre", surname1="Apellido", birth_date=date(1980, 2, 2), sex=sex,
            codapel=codapel, province="Cádiz",
        )
    )  # fmt: skip
    work.flush()
    return person


def _referral(work, person, received, fixed=None) -> Referral:  # type: ignore[no-untyped-def]
    referral = work.add(
        Referral(participant_id=person.id, protocol_date=received, received_date=received,
                 fixed_date=fixed, status="admitted")
    )  # fmt: skip
    work.flush()
    return referral


@pytest.fixture
def december(workspace, admin, houses):  # type: ignore[no-untyped-def]
    """December 2025 by hand (31 days).

    Triana, 8 places → 248 place-days:
      A 20/11 →          open: 31 days
      B 10/12 → 20/12 voluntary: 10 days (discharge in December)
      C 30/12 →          open: 2 days; received 01/12, fixed 08/12 → waited 22 days
      D 01/10 → 01/12 therapeutic: 0 days (discharge day not occupied), a December discharge
      E 31/12 →          open, from prison: 1 day (not in the waiting time)
      F 01/09 → 05/01/2026 derived: 31 days (its discharge is January's)
      G 01/06 → 30/11 disciplinary: not in December
      → 75 place-days: 75 / 248 = 30.2 %; discharges: 1 therapeutic, 1 voluntary.
    Macarena, 8 mixed places, in force from 17/12 → 8 × 15 = 120 place-days:
      H 17/12 → open: 15 days; received 02/12 → waited 15 days → 12.5 %.
    Retiro: closed on 30/11/2025, not in the report.
    """
    db = workspace.db
    with db.unit_of_work(admin) as work:
        macarena = work.get(Vivienda, houses["Macarena"])
        macarena.valid_from = date(2025, 12, 17)
        work.add(Vivienda(name="Vivienda Retiro", places_men=4, valid_to=date(2025, 11, 30)))
        people = {code: _participant(work, f"{code}{code}0101H") for code in "ABCDEFGH"}
        c_ref = _referral(work, people["C"], date(2025, 12, 1), fixed=date(2025, 12, 8))
        h_ref = _referral(work, people["H"], date(2025, 12, 2))
        e_ref = _referral(work, people["E"], date(2025, 12, 29))
    triana = houses["Triana"]
    add_stay(db, admin, people["A"].id, triana, date(2025, 11, 20))
    add_stay(db, admin, people["B"].id, triana, date(2025, 12, 10),
             discharge_date=date(2025, 12, 20), discharge_type="voluntaria")  # fmt: skip
    add_stay(db, admin, people["C"].id, triana, date(2025, 12, 30), referral_id=c_ref.id)
    add_stay(db, admin, people["D"].id, triana, date(2025, 10, 1),
             discharge_date=date(2025, 12, 1), discharge_type="terapeutica")  # fmt: skip
    add_stay(db, admin, people["E"].id, triana, date(2025, 12, 31), prison=True,
             referral_id=e_ref.id)  # fmt: skip
    add_stay(db, admin, people["F"].id, triana, date(2025, 9, 1),
             discharge_date=date(2026, 1, 5), discharge_type="derivada")  # fmt: skip
    add_stay(db, admin, people["G"].id, triana, date(2025, 6, 1),
             discharge_date=date(2025, 11, 30), discharge_type="disciplinaria")  # fmt: skip
    add_stay(db, admin, people["H"].id, houses["Macarena"], date(2025, 12, 17),
             referral_id=h_ref.id)  # fmt: skip


def test_anexo_ii_occupancy_index_per_var(office, december):
    report = office.monthly_report("2025-12")
    assert report.label == "diciembre de 2025"
    rows = {(r.vivienda, r.plazas, r.plazas_dia_disponibles, r.plazas_dia_ocupadas, r.indice)
            for r in report.ocupacion}  # fmt: skip
    assert rows == {
        ("Vivienda Triana", 8, 248, 75, 30.2),
        ("Vivienda Macarena", 8, 120, 15, 12.5),
    }


def test_anexo_ii_discharge_types_per_var(office, december):
    types = {r.vivienda: r for r in office.monthly_report("2025-12").tipologia_altas_var}
    triana = types["Vivienda Triana"]
    assert (triana.terapeuticas, triana.derivadas, triana.voluntarias, triana.disciplinarias) == (
        1, 0, 1, 0,
    )  # fmt: skip
    assert triana.total == 2 and types["Vivienda Macarena"].total == 0
    january = {r.vivienda: r for r in office.monthly_report("2026-01").tipologia_altas_var}
    assert january["Vivienda Triana"].derivadas == 1  # F, 05/01/2026


def test_anexo_ii_waiting_time_of_the_last_admission_without_prison(office, december):
    times = {r.vivienda: r for r in office.monthly_report("2025-12").tiempo_espera}
    triana = times["Vivienda Triana"]  # E (31/12, prison) is left out: C is the last
    assert (triana.codapel, triana.fecha_protocolo, triana.fecha_ingreso, triana.dias) == (
        "CC0101H", date(2025, 12, 8), date(2025, 12, 30), 22,
    )  # fmt: skip
    macarena = times["Vivienda Macarena"]
    assert (macarena.codapel, macarena.dias) == ("HH0101H", 15)
    (november,) = office.monthly_report("2025-11").tiempo_espera  # Macarena opens later
    # A (20/11) came without a protocol in these records: no date to count from.
    assert (november.codapel, november.fecha_protocolo, november.dias) == ("AA0101H", None, None)


def test_anexo_ii_follow_up_lists_the_waiting_list_then_the_months_moves(
    office, december, listed, admin, workspace
):
    waiting = listed(date(2026, 1, 5))
    postponed = listed(date(2026, 1, 7), sex="M")
    WaitingListService(workspace.db).postpone(admin, postponed, "familiar", date(2026, 2, 1))
    rows = office.monthly_report("2025-12").seguimiento_lista_espera
    listed_rows = [(r.orden, r.situacion, r.fecha_protocolo, r.provincia) for r in rows[:2]]
    assert listed_rows == [
        (1, "lista_espera", date(2026, 1, 5), "Huelva"),
        (2, "aplazado", date(2026, 1, 7), "Huelva"),
    ]
    moves = {(r.codapel, r.situacion, r.vivienda, r.fecha_ingreso) for r in rows[2:]}
    assert moves == {
        ("BB0101H", "alta", "Vivienda Triana", date(2025, 12, 10)),
        ("CC0101H", "ingresado", "Vivienda Triana", date(2025, 12, 30)),
        ("DD0101H", "alta", "Vivienda Triana", date(2025, 10, 1)),
        ("EE0101H", "ingresado", "Vivienda Triana", date(2025, 12, 31)),
        ("HH0101H", "ingresado", "Vivienda Macarena", date(2025, 12, 17)),
    }
    c_row = next(r for r in rows if r.codapel == "CC0101H")
    assert (c_row.fecha_protocolo, c_row.provincia) == (date(2025, 12, 8), "Cádiz")
    assert "Persona" not in repr(rows) and "Nombre" not in repr(rows)  # R-CONF-1
    assert waiting


def test_anexo_ii_calls_aplazado_only_while_the_postponement_lasts(
    office, december, listed, admin, workspace, clock
):
    """Defect: the report called a person «aplazado» after the postponement's date had
    passed, while the waiting list offered them the next vacancy. One rule for both
    (domain.waiting_list.effective_status)."""
    postponed = listed(date(2026, 1, 7), sex="M")
    waiting_list = WaitingListService(workspace.db)
    waiting_list.postpone(admin, postponed, "familiar", date(2026, 2, 1))

    def situation() -> str:
        rows = office.monthly_report("2026-01").seguimiento_lista_espera
        return next(r.situacion for r in rows if r.orden is not None)

    assert situation() == "aplazado"
    clock.advance(days=17)  # 01/02/2026: the postponement is over
    assert situation() == "lista_espera"
    assert waiting_list.waiting_list().rows[0].effective_status == "waiting"


def test_anexo_ii_values_match_the_forms_tables(office, december, listed):
    listed(date(2026, 1, 5))
    values = office.monthly_report("2025-12").form_values()
    definition = json.loads((forms_dir() / "anexo-ii.v1.json").read_text(encoding="utf-8"))
    monthly = next(s for s in definition["sections"] if s["id"] == "mensualmente")
    tables = {f["id"]: f for f in monthly["fields"] if f["kind"] == "free_table"}
    assert set(tables) <= set(values)
    for table_id, table in tables.items():
        columns = {column["id"] for column in table["columns"]}
        assert values[table_id], table_id
        for row in values[table_id]:
            assert set(row) == columns, table_id
    assert values["periodo"] == "diciembre de 2025"
    triana = next(r for r in values["tipologia_altas_var"] if r["vivienda"] == "Vivienda Triana")
    assert triana["total"] == 2
    first = values["seguimiento_lista_espera"][0]
    assert (first["fecha_protocolo"], first["vivienda"], first["fecha_ingreso"]) == (
        "2026-01-05", "", "",
    )  # fmt: skip


def test_anexo_ii_month_must_be_a_month(office):
    with pytest.raises(ValidationError):
        office.monthly_report("diciembre")
