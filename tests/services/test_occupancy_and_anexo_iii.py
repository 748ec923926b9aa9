"""Occupancy board on a hand-made day, and the Anexo III of a month built from the records."""

import json
from datetime import date

import pytest
from sqlmodel import select

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.models import (
    FormInstance,
    Outing,
    Participant,
    Referral,
    ReferralEvent,
    ReferringCentre,
    Stay,
)
from reinsercion_desktop.domain.enums import FormStatus
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.places import count_places
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.monthly_report import MonthlyReportService, anexo_iii_data
from reinsercion_desktop.services.occupancy import occupancy_board

DAY = date(2026, 1, 15)
NAMES = ("Remedios", "Zambrano", "Quintanilla")


@pytest.fixture
def viviendas(db, admin):  # type: ignore[no-untyped-def]
    """Triana: 6 places for men, 2 for women. Macarena: 8 mixed places."""
    with db.read() as session:
        by_name = {v.name: v.id for v in queries.viviendas(session=session)}
    return by_name["Vivienda Triana"], by_name["Vivienda Macarena"]


def add_person(work, codapel: str, sex: str = "H", profile: str = "Alcohol", **fields):  # type: ignore[no-untyped-def]
    first, surname1, surname2 = NAMES
    person = work.add(
        Participant(
            first_name=f"{first}{codapel[-2:]}",
            surname1=surname1,
            surname2=surname2,
            birth_date=date(1979, 5, 4),
            sex=sex,
            codapel=codapel,
            addiction_profile=profile,
            **fields,
        )
    )
    work.flush()
    return person


def add_stay(work, person, vivienda_id: str, admission: date, **fields) -> Stay:  # type: ignore[no-untyped-def]
    stay = work.add(
        Stay(participant_id=person.id, vivienda_id=vivienda_id, admission_date=admission, **fields)
    )
    work.flush()
    return stay


def add_outing(work, stay: Stay, start: date, end: date, kind: str = "ordinaria") -> None:  # type: ignore[no-untyped-def]
    work.add(Outing(stay_id=stay.id, start_date=start, end_date=end, kind=kind))


# -- occupancy -------------------------------------------------------------------------------


def test_occupancy_board_of_a_hand_made_day(db, admin, viviendas):  # type: ignore[no-untyped-def]
    triana, macarena = viviendas
    with db.unit_of_work(admin) as work:
        a = add_stay(
            work,
            add_person(work, "AA0101H"),
            triana,
            date(2025, 12, 1),
            prison=True,
            planned_discharge_date=date(2026, 6, 1),
        )
        add_outing(work, a, date(2025, 12, 20), date(2025, 12, 27))  # 7 days
        add_outing(work, a, date(2026, 1, 10), date(2026, 1, 17))  # away: 5 days gone by the 15th
        add_outing(work, a, date(2026, 1, 2), date(2026, 1, 4), "excepcional")  # 2 days
        add_stay(work, add_person(work, "BB0202H"), triana, DAY)  # admitted today: counts
        add_stay(  # discharged today: the discharge day is not occupied
            work,
            add_person(work, "CC0303M", "M"),
            triana,
            date(2025, 11, 1),
            discharge_date=DAY,
            discharge_type="voluntaria",
        )
        add_stay(work, add_person(work, "DD0404M", "M"), triana, date(2025, 10, 1))
        add_stay(work, add_person(work, "EE0505H"), triana, date(2026, 1, 16))  # tomorrow
        add_stay(work, add_person(work, "FF0606M", "M"), macarena, date(2026, 1, 3))
    board = {row.name: row for row in occupancy_board(db, DAY)}
    t = board["Vivienda Triana"]
    assert (t.places, t.occupied_men, t.occupied_women, t.occupied) == (8, 2, 1, 3)
    # The admission recorded for tomorrow holds its place: reserved, not free.
    assert (t.reserved_men, t.reserved_women) == (1, 0)
    assert [r.codapel for r in t.reservations] == ["EE0505H"]
    assert (t.free_men, t.free_women, t.free_mixed, t.free) == (3, 1, 0, 4)
    assert t.prison_occupants == 1 and t.prison_share == pytest.approx(1 / 3)
    assert t.prison_over_limit  # 33 % > 20 % (R-WL-3)
    occupants = {o.codapel: o for o in t.occupants}
    assert set(occupants) == {"AA0101H", "BB0202H", "DD0404M"}
    first = occupants["AA0101H"]
    assert first.days_of_stay == 45  # 01/12 → 15/01: 31 + 14
    assert (first.outing_days, first.exceptional_outing_days) == (12, 2)  # 7 + 5; 2
    assert first.on_outing and first.planned_discharge_date == date(2026, 6, 1)
    assert occupants["BB0202H"].days_of_stay == 0 and not occupants["BB0202H"].on_outing
    m = board["Vivienda Macarena"]
    assert (m.places, m.occupied, m.free_mixed, m.free) == (8, 1, 7, 7)
    assert m.prison_share == 0 and not m.prison_over_limit


def _free(count):  # type: ignore[no-untyped-def]
    return (count.free_men, count.free_women, count.free_mixed)


def test_own_sex_places_fill_first_then_mixed() -> None:
    assert _free(count_places((2, 0, 2), ["H"] * 3)) == (0, 0, 1)
    assert _free(count_places((2, 2, 1), ["M"] * 4)) == (2, 0, 0)  # over capacity: none free
    assert _free(count_places((6, 2, 0), [])) == (6, 2, 0)
    # Residents and reservations fill places alike; each is counted apart.
    count = count_places((6, 0, 0), ["H"] * 5, ["H"])
    assert (count.occupied, count.reserved, count.free) == (5, 1, 0)


# -- Anexo III ---------------------------------------------------------------------------------


@pytest.fixture
def december(db, admin, viviendas):  # type: ignore[no-untyped-def]
    """Triana in December 2025: an admission, a discharge, one leaving on the 1st, a resignation."""
    triana, macarena = viviendas
    with db.unit_of_work(admin) as work:
        cta = work.add(ReferringCentre(kind="CTA", name="CTA Sevilla Este"))
        ct = work.add(ReferringCentre(kind="CT", name="CT Los Palacios"))
        work.flush()
        newcomer = add_person(work, "ZAQU040579H", profile="Cocaína")
        referral = work.add(
            Referral(
                participant_id=newcomer.id,
                referring_centre_id=cta.id,
                origin_centre_id=ct.id,
                protocol_date=date(2025, 10, 1),
                status="admitted",
            )
        )
        work.flush()
        p1 = add_stay(
            work, newcomer, triana, date(2025, 12, 10), programme="ptm", referral_id=referral.id
        )
        add_outing(work, p1, date(2025, 12, 28), date(2026, 1, 3))  # 6 days, 4 in December
        add_outing(work, p1, date(2025, 12, 15), date(2025, 12, 17), "excepcional")  # 2 days
        leaver = add_person(work, "ZAQU040579M", "M", "Alcohol", referring_centre_id=cta.id)
        p2 = add_stay(
            work,
            leaver,
            triana,
            date(2025, 6, 1),
            discharge_date=date(2025, 12, 20),
            discharge_type="voluntaria",
            abandonment_reason="Decide volver con su familia",
        )
        add_outing(work, p2, date(2025, 8, 1), date(2025, 8, 11))  # 10 days
        add_outing(work, p2, date(2025, 11, 29), date(2025, 12, 2))  # 3 days, 1 in December
        add_outing(work, p2, date(2025, 10, 1), date(2025, 10, 3), "excepcional")  # 2 days
        add_stay(  # left on 01/12: reported in December, with no outing day in it
            work,
            add_person(work, "ZAQU040579X"),
            triana,
            date(2025, 9, 15),
            discharge_date=date(2025, 12, 1),
            discharge_type="derivada",
        )
        add_stay(  # left in November: not in December's report
            work,
            add_person(work, "NOVE000000H"),
            triana,
            date(2025, 5, 1),
            discharge_date=date(2025, 11, 30),
            discharge_type="terapeutica",
        )
        add_stay(work, add_person(work, "JANU000000H"), triana, date(2026, 1, 2))  # January
        add_stay(work, add_person(work, "MACA000000H"), macarena, date(2025, 12, 1))  # elsewhere
        resigned = add_person(work, "RENU000000H", profile="Heroína")
        offer = work.add(
            Referral(
                participant_id=resigned.id,
                referring_centre_id=cta.id,
                protocol_date=date(2025, 9, 1),
                status="resigned",
                vivienda_id=triana,
            )
        )
        work.flush()
        work.add(ReferralEvent(referral_id=offer.id, on_date=date(2025, 12, 5), status="resigned"))
    return triana


def test_anexo_iii_rows_for_a_month_from_the_records(db, december):  # type: ignore[no-untyped-def]
    data = anexo_iii_data(db, december, "2025-12")
    assert data["vivienda"] == "Vivienda Triana" and data["mes"] == "diciembre de 2025"
    rows = {row["codapel"]: row for row in data["usuarios"]}
    assert list(rows) == ["ZAQU040579M", "ZAQU040579X", "ZAQU040579H", "RENU000000H"]
    assert rows["ZAQU040579H"] == {
        "codapel": "ZAQU040579H",
        "perfil": "Cocaína",
        "st": 4,  # 28/12 → 03/01 clipped to December: 28, 29, 30, 31
        "st_excepc": 2,
        "fecha_ingreso": "2025-12-10",
        "programa": "ptm",
        "centro_derivador": "CTA Sevilla Este",
        "centro_origen": "CT Los Palacios",
        "renuncia": False,
    }
    leaver = rows["ZAQU040579M"]
    assert (leaver["st"], leaver["st_excepc"], leaver["programa"]) == (1, 0, "libre_drogas")
    assert leaver["centro_derivador"] == "CTA Sevilla Este"  # from the file: no referral
    assert rows["ZAQU040579X"]["st"] == 0
    assert rows["RENU000000H"]["renuncia"] is True
    assert rows["RENU000000H"]["perfil"] == "Heroína"
    assert data["altas"] == [
        {
            "codapel": "ZAQU040579X",
            "fecha_alta": "2025-12-01",
            "tipo_alta": "derivada",
            "estancia_total": 77,  # 15/09 → 01/12: 15 + 31 + 30 + 1
            "salidas_terap": 0,
            "motivo_abandono": "",
        },
        {
            "codapel": "ZAQU040579M",
            "fecha_alta": "2025-12-20",
            "tipo_alta": "voluntaria",
            "estancia_total": 202,  # 01/06 → 20/12: 30+31+31+30+31+30+19
            "salidas_terap": 15,  # 10 + 3 ordinary, 2 exceptional
            "motivo_abandono": "Decide volver con su familia",
        },
    ]


def test_R_CONF_1_anexo_iii_rows_carry_codapel_not_names(db, december):  # type: ignore[no-untyped-def]
    data = anexo_iii_data(db, december, "2025-12")
    text = json.dumps(data, ensure_ascii=False).casefold()
    for name in NAMES:
        assert name.casefold() not in text
    with db.read() as session:
        people = session.exec(select(Participant)).all()
    for person in people:
        for part in (person.first_name, person.surname1, person.surname2, person.id_number):
            assert not part or part.casefold() not in text


def test_anexo_iii_is_created_as_a_vivienda_month_draft_ready_to_sign(
    db, admin, december, workspace
):  # type: ignore[no-untyped-def]
    catalogue = load_catalogue(forms_dir())
    reports = MonthlyReportService(db, catalogue)
    instance = reports.create_anexo_iii(admin, december, "2025-12")
    with db.read() as session:
        stored = session.get(FormInstance, instance.id)
    assert stored.form_id == "anexo-iii" and stored.definition_version == 1
    assert (stored.vivienda_id, stored.period, stored.participant_id) == (december, "2025-12", None)
    assert stored.status == FormStatus.DRAFT
    data = json.loads(stored.data)
    assert data["usuarios"] == reports.anexo_iii(december, "2025-12")["usuarios"]
    assert data["fecha_envio"] == "2026-01-15" and data["nombre"] == "Ana Administradora"
    forms = FormService(db, catalogue, AttachmentService.of(workspace))
    filled = forms.open(admin, instance.id)
    assert filled.check.complete, filled.check.errors
    assert forms.finalize(admin, instance.id).status == FormStatus.FINAL
    with pytest.raises(UserError, match="Ya existe el Anexo III"):
        reports.create_anexo_iii(admin, december, "2025-12")
    with pytest.raises(ValidationError):  # January is not over on 15/01/2026
        reports.create_anexo_iii(admin, december, "2026-01")


def test_anexo_iii_refuses_a_bad_month_or_vivienda(db, admin, december):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        anexo_iii_data(db, december, "diciembre")
    with pytest.raises(UserError):
        anexo_iii_data(db, "no-such-vivienda", "2025-12")
