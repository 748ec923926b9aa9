"""IndicatorService on a small hand-made network, January 2026, table by table.

Viviendas (conftest): Triana, 6 men's + 2 women's places; Macarena, 8 mixed places.
People, stays and protocols (written directly, as the services would):
- Pedro (H, Alcohol, 1990): in Triana since 01/12/2025, still there → 31 days in January.
- Marta (M, Cocaína, born 01/05/2000): Triana 2024 (voluntary discharge), then Macarena
  10/01–20/01/2026, therapeutic discharge; protocol received 01/01 → waited 9 days; a
  readmission; 25 at admission (18–25).
- Julio (H, Cocaína, 1970): Triana from 21/01/2026, open; protocol received 22/12/2025
  → waited 30 days; 55 at admission (mayor de 50); 11 days in January.
- Luis (H, Alcohol): protocol assigned to Triana 03/01, resigned 05/01.
"""

from datetime import date

import pytest

from reinsercion_desktop.db.models import Referral, Stay
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.services.catalogues import CatalogueService
from reinsercion_desktop.services.indicator_tables import Breakdown
from reinsercion_desktop.services.indicators import IndicatorService


@pytest.fixture
def network(workspace, admin, participants, make_draft):  # type: ignore[no-untyped-def]
    houses = {v.name.split()[-1]: v.id for v in CatalogueService(workspace.db).viviendas()}

    def person(name, sex, addiction, born):  # type: ignore[no-untyped-def]
        draft = make_draft(first_name=name, surname1="Prueba", birth_date=born, sex=sex,
                           id_number="", addiction_profile=addiction, province="Sevilla")  # fmt: skip
        return participants.create(admin, draft, confirm_similar=True).id

    pedro = person("Pedro", "H", "Alcohol", "01/02/1990")
    marta = person("Marta", "M", "Cocaína", "01/05/2000")
    julio = person("Julio", "H", "Cocaína", "01/02/1970")
    luis = person("Luis", "H", "Alcohol", "01/02/1985")
    with workspace.db.unit_of_work(admin) as work:

        def referral(who, received, **fields):  # type: ignore[no-untyped-def]
            return work.add(Referral(participant_id=who, protocol_date=received,
                                     received_date=received, included_date=received, **fields)).id  # fmt: skip

        def stay(who, house, admitted, **fields):  # type: ignore[no-untyped-def]
            work.add(Stay(participant_id=who, vivienda_id=houses[house], admission_date=admitted, **fields))  # fmt: skip

        stay(pedro, "Triana", date(2025, 12, 1), referral_id=referral(pedro, date(2025, 11, 1), status="admitted"))  # fmt: skip
        stay(marta, "Triana", date(2024, 1, 1), discharge_date=date(2024, 3, 1), discharge_type="voluntaria")  # fmt: skip
        stay(marta, "Macarena", date(2026, 1, 10), discharge_date=date(2026, 1, 20),
             discharge_type="terapeutica", referral_id=referral(marta, date(2026, 1, 1), status="admitted"))  # fmt: skip
        stay(julio, "Triana", date(2026, 1, 21), referral_id=referral(julio, date(2025, 12, 22), status="admitted"))  # fmt: skip
        referral(luis, date(2025, 12, 1), status="resigned", vivienda_id=houses["Triana"],
                 assigned_date=date(2026, 1, 3), closed_date=date(2026, 1, 5))  # fmt: skip
    return IndicatorService(workspace.db)


def _tables(service, period="2026-01", **kwargs):  # type: ignore[no-untyped-def]
    sections = service.sections(Period.parse(period), **kwargs)
    return {table.key: table for section in sections for table in section.tables}


def _row(table, group):  # type: ignore[no-untyped-def]
    return next(row for row in table.rows if row[0] == group)


def test_r_ind_1_occupancy_by_vivienda(network):
    table = _tables(network)["ocupacion_vivienda"]
    # Triana: 31 + 11 = 42 of 8 × 31 = 248 → 16.9 %; Macarena: 10 of 248 → 4.0 %
    assert _row(table, "Vivienda Triana")[1:] == (8.0, 248, 42, 16.9)
    assert _row(table, "Vivienda Macarena")[1:] == (8.0, 248, 10, 4.0)
    assert table.total == ("Total", 16.0, 496, 52, 10.5)
    assert "ocupadas" in table.note


def test_r_ind_4_waiting_time_by_sex_and_addiction(network):
    tables = _tables(network)
    # Waits 9 (Marta) and 30 (Julio): median and mean 19.5; Pedro was admitted before.
    assert tables["espera_sexo"].total == ("Total", 2, 19.5, 19.5)
    assert _row(tables["espera_sexo"], "Mujer")[1:] == (1, 9.0, 9.0)
    assert _row(tables["espera_adiccion"], "Cocaína")[1:] == (2, 19.5, 19.5)
    assert _row(tables["espera_edad"], "Mayor de 50")[1:] == (1, 30.0, 30.0)


def test_r_ind_5_discharges_by_type(network):
    tables = _tables(network)
    overall = tables["altas_tipo"]
    assert _row(overall, "Terapéutica")[1:] == (1, 100.0)
    assert overall.chart is not None and overall.chart.kind == "bars"
    by_vivienda = tables["altas_vivienda"]
    assert _row(by_vivienda, "Vivienda Macarena")[1:3] == (1, 100.0)
    assert _row(by_vivienda, "Vivienda Triana")[-1] == 0  # shown, with no discharges


def test_r_ind_6_and_7_resignations_admissions_readmissions(network):
    tables = _tables(network)
    # 1 resignation, 2 admissions → 1 / 3 = 33.3 %
    assert tables["renuncias_sexo"].total == ("Total", 1, 2, 33.3)
    assert _row(tables["renuncias_vivienda"], "Vivienda Triana")[1:] == (1, 1, 50.0)
    # Marta's admission is a readmission (an earlier stay in 2024)
    assert tables["admisiones_sexo"].total == ("Total", 1, 1, 2)
    assert _row(tables["admisiones_sexo"], "Mujer")[1:] == (0, 1, 1)
    cross = tables["admisiones_adiccion_sexo"]
    assert _row(cross, "Cocaína")[1:] == (1, 0, 0, 1, 2)


def test_a_breakdowns_cells_sum_to_its_total(network):
    for table in _tables(network).values():
        if not table.key.startswith(("renuncias_", "admisiones_", "espera_")) or not table.rows:
            continue
        for index, column in enumerate(table.columns):
            if column.kind == "count":
                cells = sum(row[index] for row in table.rows)
                assert cells == table.total[index], (table.key, column.key)  # type: ignore[index]


def test_r_ind_11_and_12_places_indications_and_sex_offer(network):
    tables = _tables(network)
    adequacy = tables["adecuacion_plazas"]
    # Only Luis' protocol was assigned (to Triana) in January: 1 / 8 places = 0.12;
    # the region 1 / 16 = 0.06; deviations +0.06 and −0.06, mean absolute 0.06.
    assert _row(adequacy, "Vivienda Triana")[2:5] == (1, 0.12, 0.06)
    assert adequacy.total[3:5] == (0.06, 0.06)  # type: ignore[index]
    offer = tables["oferta_sexo"]
    # Men: Triana (6) + Macarena (8 mixed); women: Triana (2) + Macarena (8)
    assert _row(offer, "Hombre")[1:3] == (2, 14.0)
    assert _row(offer, "Mujer")[1:3] == (2, 10.0)


def test_breakdowns_can_be_chosen(network):
    tables = _tables(network, breakdowns=(Breakdown.SEX,))
    assert "espera_sexo" in tables and "espera_vivienda" not in tables
