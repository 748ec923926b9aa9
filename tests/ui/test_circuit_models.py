"""The circuit's table models, without a window: plain rows in, texts, tones and tooltips out.

Covers the defects of issue 9 at the depth of the lists: both docks name a vivienda's
places the same way («Ocupadas», «Reservadas», «Libres», one count for both), and a
postponement whose date has passed reads «En espera» in the queue and in the file.
"""

from datetime import date

from PySide6.QtCore import Qt

from reinsercion_desktop.domain.places import count_places
from reinsercion_desktop.domain.waiting_list import Occupant, WaitingEntry, free_places, list_rows
from reinsercion_desktop.services.occupancy import Occupant as Resident
from reinsercion_desktop.services.occupancy import Reservation, ViviendaOccupancy
from reinsercion_desktop.services.referral_views import ReferralEventView, ReferralView
from reinsercion_desktop.services.stay_views import (
    ContributionView,
    IncidentView,
    OutingView,
    StayView,
    ToxControlView,
)
from reinsercion_desktop.ui.circuit.occupancy_model import (
    HOUSE_FREE,
    HOUSE_OCCUPIED,
    HOUSE_PRISON,
    HOUSE_RESERVED,
    houses_model,
    resident_lines,
    residents_model,
)
from reinsercion_desktop.ui.circuit.referrals_model import (
    COL_CENTRE,
    COL_STATUS,
    ReferralLine,
    history_model,
    referrals_model,
)
from reinsercion_desktop.ui.circuit.stays_model import (
    contributions_model,
    controls_model,
    incidents_model,
    outings_model,
    stays_model,
)
from reinsercion_desktop.ui.circuit.waiting_list_model import (
    COL_PERSON,
    COL_POSITION,
    free_places_model,
    free_summary,
    waiting_lines,
    waiting_list_model,
)
from reinsercion_desktop.ui.circuit.waiting_list_model import COL_STATUS as LINE_STATUS
from reinsercion_desktop.ui.widgets.table import TONES

TODAY = date(2026, 2, 10)
FOREGROUND = Qt.ItemDataRole.ForegroundRole


def _texts(model, row: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.cell_text(row, column) for column in range(model.columnCount())]


def _headers(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]


# -- one place count, named the same way in both docks -----------------------------------


def _triana_listing():  # type: ignore[no-untyped-def]
    residents = [Occupant("H")] * 5
    return free_places("v1", "Vivienda Triana", (6, 2, 0), residents, 1, reserved=[Occupant("H")])


def _triana_board() -> ViviendaOccupancy:
    count = count_places((6, 2, 0), ["H"] * 5, ["H"])
    person = Resident(
        stay_id="s1", participant_id="p1", codapel="AB0101H", sex="H",
        admission_date=date(2025, 12, 1), days_of_stay=71, outing_days=3,
        exceptional_outing_days=0, planned_discharge_date=None, prison=True, on_outing=False,
    )  # fmt: skip
    coming = Reservation("r1", "p9", "CD0202H", "H", date(2026, 2, 9), date(2026, 2, 12))
    return ViviendaOccupancy(
        **vars(count), vivienda_id="v1", name="Vivienda Triana", prison_occupants=2,
        occupants=(person,) * 5, reservations=(coming,),
    )  # fmt: skip


def test_both_docks_name_and_count_a_viviendas_places_alike() -> None:
    """Defect: Lista de espera said 6 occupied and 0 free, Ocupación 5 and 1, for a house
    of 6 men's places with 5 residents and 1 assigned protocol."""
    places, houses = free_places_model(), houses_model()
    places.set_rows([_triana_listing()])
    houses.set_rows([_triana_board()])
    assert _headers(places)[1:5] == _headers(houses)[1:5] == [
        "Libres", "Ocupadas", "Reservadas", "Plazas",
    ]  # fmt: skip
    assert _texts(places)[1:5] == _texts(houses)[1:5] == ["2 M", "5 H", "1 H", "6 H · 2 M"]
    assert houses.cell_text(0, HOUSE_OCCUPIED) == "5 H"
    assert houses.cell_text(0, HOUSE_RESERVED) == "1 H"
    assert houses.cell_text(0, HOUSE_FREE) == "2 M"
    assert houses.index(0, HOUSE_RESERVED).data(FOREGROUND) == TONES["info"]
    assert houses.index(0, HOUSE_FREE).data(FOREGROUND) == TONES["good"]
    assert "proceso de admisión" in houses.index(0, HOUSE_RESERVED).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert houses.cell_text(0, HOUSE_PRISON) == "2 (40 %) ⚠"  # R-WL-3: over 20 %
    assert houses.index(0, HOUSE_PRISON).data(FOREGROUND) == TONES["alert"]
    assert _texts(places)[-1] == "1"  # one announced discharge (R-WL-5)
    summary = free_summary([_triana_listing()], TODAY)
    assert summary == "Plazas libres el 10/02/2026: 0 para hombres, 2 para mujeres · 1 reservada(s)"


def test_residents_model_reads_names_and_outing_days() -> None:
    model = residents_model()
    board = _triana_board()
    model.set_rows(resident_lines(board.occupants[:1], {"p1": "Abad Bueno, Pedro"}))
    assert _texts(model) == [
        "Abad Bueno, Pedro", "71", "3", "0", "", "01/12/2025", "H", "Prisión", "AB0101H",
    ]  # fmt: skip
    model.set_rows(resident_lines(board.occupants[:1], {}))
    assert model.cell_text(0, 0) == "AB0101H"  # not among the loaded files: CODAPEL only


# -- the queue ---------------------------------------------------------------------------------


def _entry(rid: str, **fields) -> WaitingEntry:  # type: ignore[no-untyped-def]
    return WaitingEntry(
        referral_id=rid, participant_id=f"p-{rid}", sex="H", code=f"C{rid}",
        list_date=date(2026, 1, 5), included_date=date(2026, 1, 5), **fields,
    )  # fmt: skip


def test_a_postponement_past_its_date_reads_as_waiting_in_the_queue() -> None:
    """Defect: «aplazado» after the postponement's date while the list offered the place."""
    rows = list_rows(
        [
            _entry("a", status="postponed", postponed_until=date(2026, 2, 1)),
            _entry("b", status="postponed", postponed_until=date(2026, 3, 1)),
            _entry(
                "c",
                status="assigned",
                vivienda_id="v1",
                assigned_date=date(2026, 2, 9),
                planned_admission_date=date(2026, 2, 12),
            ),
        ],  # fmt: skip
        TODAY,
    )
    model = waiting_list_model()
    model.set_rows(waiting_lines(rows, [_triana_listing()], {"p-a": "Ruiz Sol, Ana"}))
    by_id = {line.referral_id: i for i, line in enumerate(model.rows)}
    assert model.cell_text(by_id["c"], LINE_STATUS) == "Admisión: Vivienda Triana, 12/02/2026"
    assert model.cell_text(by_id["c"], COL_POSITION) == "—"
    assert model.index(by_id["c"], LINE_STATUS).data(FOREGROUND) == TONES["info"]
    over, still = by_id["a"], by_id["b"]
    assert model.cell_text(over, LINE_STATUS) == "En espera (aplazado hasta 01/02/2026)"
    assert model.index(over, LINE_STATUS).data(FOREGROUND) is None  # not greyed: waiting
    assert model.cell_text(over, COL_PERSON) == "Ruiz Sol, Ana"
    assert model.cell_text(still, LINE_STATUS) == "Aplazado hasta 01/03/2026"
    assert model.index(still, LINE_STATUS).data(FOREGROUND) == TONES["muted"]
    assert model.cell_text(still, COL_PERSON) == "Cb"  # not loaded: CODAPEL


# -- the file's tabs ---------------------------------------------------------------------------


def _referral(**fields) -> ReferralView:  # type: ignore[no-untyped-def]
    values = {"id": "r1", "participant_id": "p1", "protocol_date": date(2025, 12, 1)}
    return ReferralView(**(values | fields))


def test_referrals_model_shows_the_position_and_the_status_in_force() -> None:
    (row,) = list_rows([_entry("r1", status="postponed", postponed_until=date(2026, 2, 1))], TODAY)
    model = referrals_model()
    model.set_rows(
        [
            ReferralLine(_referral(status="postponed", referring_centre="CTA Sur"), row),
            ReferralLine(_referral(id="r0", status="withdrawn")),
        ]
    )
    assert _texts(model) == [
        "01/12/2025", "CTA Sur", "En lista de espera (fin del aplazamiento) · nº 1", "",
        "",  # Intercambio: no state (the tab hides the column without a peer)
    ]  # fmt: skip
    assert model.cell_text(1, COL_CENTRE) == "— sin centro —"
    assert model.cell_text(1, COL_STATUS) == "Retirado"
    assert model.index(1, COL_STATUS).data(FOREGROUND) == TONES["muted"]
    history = history_model()
    history.set_rows([ReferralEventView("e1", "r1", date(2025, 12, 1), "draft", "Creado")])
    assert _texts(history) == ["01/12/2025", "Borrador", "Creado"]


def test_stays_models_show_a_stay_and_what_happened_during_it() -> None:
    stay = StayView(
        id="s1", participant_id="p1", vivienda_id="v1", admission_date=date(2025, 3, 1),
        programme="ptm", vivienda="Vivienda Triana", days=346, discharge_date=date(2026, 2, 10),
        discharge_type="disciplinaria",
    )  # fmt: skip
    model = stays_model()
    model.set_rows([stay])
    assert _texts(model) == [
        "Vivienda Triana", "01/03/2025", "PTM", "", "10/02/2026 (disciplinaria)", "346",
        "",  # Intercambio
    ]  # fmt: skip
    outings = outings_model()
    outings.set_rows(
        [OutingView("o1", "s1", date(2025, 4, 1), date(2025, 4, 6), "ordinaria", "Familia")]
    )
    assert _texts(outings) == ["01/04/2025", "06/04/2025", "Ordinaria", "5", "Familia", ""]
    controls = controls_model()
    controls.set_rows([ToxControlView("t1", "s1", date(2025, 4, 7), "positivo", "Cocaína", True)])
    assert _texts(controls) == ["07/04/2025", "Positivo", "Cocaína", "Sí"]
    assert controls.index(0, 1).data(FOREGROUND) == TONES["alert"]
    incidents = incidents_model()
    incidents.set_rows([IncidentView("i1", "s1", date(2025, 5, 1), "Discusión", "leve")])
    assert _texts(incidents) == ["01/05/2025", "Leve", "Discusión"]
    money = contributions_model()
    money.set_rows(
        [
            ContributionView(
                "c1",
                "s1",
                date(2025, 6, 1),
                1234.5,
                "Pensión",
                6,
                3.2,
                authorised_by="Ana Responsable",
                authorised_date=date(2025, 5, 30),
            )
        ]  # fmt: skip
    )
    assert _texts(money) == [
        "01/06/2025", "3,20 €", "1.234,50 €", "Pensión", "6", "Ana Responsable (30/05/2025)",
    ]  # fmt: skip
