"""The waiting list through the service: order, free places, postponements, assignment, turns.

Viviendas of these tests: Triana (7 men's places, 1 women's) and Macarena (2 mixed).
Occupants are Stay rows written directly, as the stay service would.
"""

from datetime import date

import pytest

from reinsercion_desktop.db.models import Referral, Stay
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.catalogues import CatalogueService, ReferringCentreDraft
from reinsercion_desktop.services.occupancy import OccupancyService
from reinsercion_desktop.services.referrals import ReferralDraft, ReferralService
from reinsercion_desktop.services.setup import ViviendaSetup
from reinsercion_desktop.services.waiting_list import WaitingListService


@pytest.fixture
def setup_data(setup_factory):  # type: ignore[no-untyped-def]
    return setup_factory(
        viviendas=[
            ViviendaSetup("Vivienda Triana", places_men=7, places_women=1),
            ViviendaSetup("Vivienda Macarena", places_mixed=2),
        ]
    )


@pytest.fixture
def wl(workspace, admin):  # type: ignore[no-untyped-def]
    return WaitingListService(workspace.db)


@pytest.fixture
def referrals(workspace):  # type: ignore[no-untyped-def]
    return ReferralService(workspace.db)


@pytest.fixture
def houses(workspace, admin):  # type: ignore[no-untyped-def]
    return {v.name.split()[-1]: v.id for v in CatalogueService(workspace.db).viviendas()}


@pytest.fixture
def cta(workspace, admin):  # type: ignore[no-untyped-def]
    draft = ReferringCentreDraft("CTA", "CTA Sevilla")
    return CatalogueService(workspace.db).save_referring_centre(admin, draft).id


@pytest.fixture
def person(participants, admin, make_draft, cta):  # type: ignore[no-untyped-def]
    count = iter(range(1, 100))

    def make(sex="H", **overrides):  # type: ignore[no-untyped-def]
        n = next(count)
        draft = make_draft(
            first_name=f"Persona{n}", surname1=f"Apellido{n}", birth_date=f"{n:02d}/03/1981",
            sex=sex, id_number="", referring_centre_id=cta, **overrides,
        )  # fmt: skip
        return participants.create(admin, draft, confirm_similar=True)

    return make


@pytest.fixture
def listed(referrals, admin, person):  # type: ignore[no-untyped-def]
    """A person whose protocol is in the waiting list, received on the given date."""

    def make(received=date(2026, 1, 10), sex="H", **overrides):  # type: ignore[no-untyped-def]
        someone = person(sex, **overrides)
        referral = referrals.create(admin, someone.id, ReferralDraft(protocol_date=received))
        referrals.mark_complete(admin, referral.id)
        referrals.send(admin, referral.id)
        referrals.receive(admin, referral.id, received_date=received)
        referrals.include(admin, referral.id)
        return referral.id

    return make


@pytest.fixture
def occupy(workspace, admin, person):  # type: ignore[no-untyped-def]
    """n residents in a vivienda (`prison` of them referred from prison); returns the stays."""

    def make(vivienda_id, n, prison=0, sex="H", **stay):  # type: ignore[no-untyped-def]
        people = [person(sex) for _ in range(n)]
        with workspace.db.unit_of_work(admin) as work:
            return [
                work.add(Stay(participant_id=p.id, vivienda_id=vivienda_id,
                              admission_date=date(2025, 12, 1), prison=i < prison, **stay))
                for i, p in enumerate(people)
            ]  # fmt: skip

    return make


def stored(workspace, referral_id) -> Referral:  # type: ignore[no-untyped-def]
    with workspace.db.read() as session:
        return session.get(Referral, referral_id)


# -- the list and free places --------------------------------------------------------------------


def test_R_WL_1_waiting_list_order_and_free_places(wl, listed, occupy, houses, clock):
    late = listed(date(2026, 1, 12))
    early = listed(date(2026, 1, 3), sex="M")
    middle = listed(date(2026, 1, 8))
    occupy(houses["Triana"], 5)
    occupy(houses["Macarena"], 1, sex="M")
    result = wl.waiting_list()
    assert [(row.position, row.referral_id) for row in result.rows] == [
        (1, early), (2, middle), (3, late),
    ]  # fmt: skip
    first = result.rows[0]
    assert first.codapel.startswith("AP") and first.sex == "M"
    assert (first.referring_centre, first.received_date, first.days_waiting) == (
        "CTA Sevilla", date(2026, 1, 3), 12,
    )  # fmt: skip
    assert first.status == "waiting" and not first.priority and first.postponed_until is None
    assert "Persona" not in repr(result.rows)  # CODAPEL, never names (R-CONF-1)
    places = {p.name: p for p in result.free_places}
    triana, macarena = places["Vivienda Triana"], places["Vivienda Macarena"]
    assert (triana.free_men, triana.free_women, triana.free_mixed) == (2, 1, 0)
    assert (macarena.free_for("H"), macarena.free_for("M")) == (1, 1)


def test_free_places_ignore_closed_stays_and_let_women_overflow_into_mixed(wl, occupy, houses):
    occupy(houses["Triana"], 2, sex="M")
    occupy(houses["Triana"], 3, discharge_date=date(2026, 1, 2), discharge_type="voluntaria")
    triana = next(p for p in wl.free_places() if p.vivienda_id == houses["Triana"])
    assert (triana.occupied_men, triana.occupied_women) == (0, 2)
    assert (triana.free_men, triana.free_women, triana.free_for("M")) == (7, 0, 0)


def test_assigned_protocol_reserves_its_place_and_shows_first(wl, listed, houses, occupy, admin):
    occupy(houses["Macarena"], 2)
    first, second = listed(date(2026, 1, 2)), listed(date(2026, 1, 5))
    wl.assign(admin, first, houses["Triana"], date(2026, 1, 20), consulted_note="Con CTA")
    result = wl.waiting_list()
    assert [(r.position, r.referral_id, r.status) for r in result.rows] == [
        (None, first, "assigned"), (1, second, "waiting"),
    ]  # fmt: skip
    assert result.rows[0].planned_admission_date == date(2026, 1, 20)
    triana = next(p for p in result.free_places if p.vivienda_id == houses["Triana"])
    assert triana.free_men == 6


def test_the_waiting_list_and_the_occupancy_board_count_a_vivienda_alike(
    workspace, wl, listed, occupy, houses, admin
):
    """Defect: a house with 5 residents and 1 assigned protocol was "6 occupied, 0 free"
    in Lista de espera and "5 occupied, 1 free" in Ocupación. A place reserved for an
    assigned protocol (proceso de admisión) is neither occupied nor free: both say
    5 occupied, 1 reserved, 0 free (domain.places.count_places)."""
    occupy(houses["Triana"], 5)
    occupy(houses["Macarena"], 2)
    coming = listed()
    wl.assign(admin, coming, houses["Triana"], date(2026, 1, 20), consulted_note="Con CTA")
    listing = next(p for p in wl.free_places() if p.vivienda_id == houses["Triana"])
    board = next(
        h for h in OccupancyService(workspace.db).board() if h.vivienda_id == houses["Triana"]
    )
    for count in (listing, board):
        assert (count.occupied_men, count.reserved_men) == (5, 1)
        assert (count.free_men, count.free_women, count.free) == (1, 1, 2)
    assert [r.referral_id for r in board.reservations] == [coming]
    assert board.occupied == len(board.occupants) == 5


# -- R-WL-1: assignment -----------------------------------------------------------------------------


def test_R_WL_1_several_vacancies_require_the_centre_consulted_note(
    workspace, wl, listed, houses, admin
):
    referral = listed()
    with pytest.raises(ValidationError, match="consulte al centro derivador"):
        wl.assign(admin, referral, houses["Triana"], date(2026, 1, 20))
    assert stored(workspace, referral).status == "waiting"
    wl.assign(admin, referral, houses["Triana"], date(2026, 1, 20), consulted_note="Llamada al CTA")
    assert stored(workspace, referral).centre_consulted_note == "Llamada al CTA"


def test_R_WL_1_single_vacancy_needs_no_consultation(wl, listed, occupy, houses, admin):
    occupy(houses["Triana"], 6)
    occupy(houses["Macarena"], 2)
    referral = listed()
    assert wl.assign(admin, referral, houses["Triana"], date(2026, 1, 16)).status == "assigned"


def test_R_WL_1_vacancy_refused_to_someone_behind_in_the_list(wl, listed, occupy, houses, admin):
    occupy(houses["Triana"], 6)
    occupy(houses["Macarena"], 2)
    first, second = listed(date(2026, 1, 2)), listed(date(2026, 1, 5))
    with pytest.raises(UserError, match="corresponde antes a .* 02/01/2026"):
        wl.assign(admin, second, houses["Triana"], date(2026, 1, 16))
    wl.assign(admin, first, houses["Triana"], date(2026, 1, 16))


def test_R_WL_1_place_of_the_other_sex_is_refused(wl, listed, occupy, houses, admin):
    occupy(houses["Triana"], 1, sex="M")  # the women's place is taken
    occupy(houses["Macarena"], 2)
    woman = listed(sex="M")
    with pytest.raises(UserError, match="no tiene plaza libre para mujeres"):
        wl.assign(admin, woman, houses["Triana"], date(2026, 1, 16))


def test_R_WL_1_a_woman_first_in_the_list_does_not_block_a_mens_place(
    wl, listed, occupy, houses, admin
):
    occupy(houses["Triana"], 6)
    occupy(houses["Macarena"], 2)
    listed(date(2026, 1, 2), sex="M")
    man = listed(date(2026, 1, 5))
    assert (
        wl.assign(admin, man, houses["Triana"], date(2026, 1, 16), consulted_note="x").status
        == "assigned"
    )


# -- R-WL-2 ----------------------------------------------------------------------------------------


def test_R_WL_2_postponement_within_three_months_then_decision(
    workspace, wl, referrals, listed, clock, admin
):
    referral = listed()  # included 15/01/2026
    with pytest.raises(ValidationError, match="hasta el 15/04/2026"):
        wl.postpone(admin, referral, "familiar", date(2026, 4, 16))
    with pytest.raises(ValidationError, match="motivo del aplazamiento"):
        wl.postpone(admin, referral, "vacaciones", date(2026, 2, 1))
    wl.postpone(admin, referral, "sanitaria", date(2026, 4, 15), "Intervención quirúrgica")
    row = wl.waiting_list().rows[0]
    assert (row.status, row.postponed_until, row.needs_decision) == (
        "postponed", date(2026, 4, 15), False,
    )  # fmt: skip
    with pytest.raises(UserError, match="no necesita decisión"):
        wl.decide_after_postponement(admin, referral, keep=True, reason="sigue convaleciente")
    clock.advance(days=91)  # 16/04/2026
    assert [r.referral_id for r in wl.needing_decision()] == [referral]
    with pytest.raises(UserError, match="registre la decisión"):
        wl.resume(admin, referral)
    kept = wl.decide_after_postponement(
        admin, referral, keep=True, reason="Rehabilitación hasta mayo", until=date(2026, 5, 15)
    )
    assert (kept.status, kept.keep_decision) == ("postponed", "Rehabilitación hasta mayo")
    assert wl.needing_decision() == []
    assert [e.status for e in referrals.history(referral)][-2:] == ["postponed", "postponed"]


def test_R_WL_2_a_postponement_ends_on_its_date(wl, listed, occupy, houses, clock, admin):
    """Once the postponement's date has passed the person is waiting again (the next
    vacancy is theirs) even before «Fin del aplazamiento» is recorded: the list says so
    (effective_status), as the office's monthly report does (test_office.py)."""
    occupy(houses["Triana"], 6)
    occupy(houses["Macarena"], 2)
    referral = listed()
    wl.postpone(admin, referral, "familiar", date(2026, 2, 1))
    row = wl.waiting_list().rows[0]
    assert (row.status, row.effective_status, row.postponed) == ("postponed", "postponed", True)
    clock.advance(days=17)  # 01/02/2026: the date is reached
    row = wl.waiting_list().rows[0]
    assert (row.status, row.effective_status, row.postponed) == ("postponed", "waiting", False)
    assert wl.candidate_for(houses["Triana"], "H").entry.referral_id == referral
    assert wl.assign(admin, referral, houses["Triana"], date(2026, 2, 2)).status == "assigned"


def test_R_WL_2_decision_can_withdraw_the_protocol(workspace, wl, listed, clock, admin):
    referral = listed()
    wl.postpone(admin, referral, "prision", date(2026, 3, 1))
    clock.advance(days=100)
    wl.decide_after_postponement(admin, referral, keep=False, reason="Sigue en prisión sin fecha")
    saved = stored(workspace, referral)
    assert saved.status == "withdrawn" and "Sigue en prisión" in saved.closed_reason
    assert wl.waiting_list().rows == []


def test_R_WL_2_postponed_person_cannot_be_assigned_until_resumed(
    wl, listed, occupy, houses, admin
):
    occupy(houses["Triana"], 6)
    occupy(houses["Macarena"], 2)
    referral = listed()
    wl.postpone(admin, referral, "familiar", date(2026, 2, 15))
    with pytest.raises(UserError, match="aplazado hasta el 15/02/2026"):
        wl.assign(admin, referral, houses["Triana"], date(2026, 1, 16))
    wl.resume(admin, referral)
    assert wl.assign(admin, referral, houses["Triana"], date(2026, 1, 16)).status == "assigned"


def test_R_WL_2_postponing_an_assigned_protocol_gives_the_place_back(
    workspace, wl, listed, occupy, houses, admin
):
    occupy(houses["Triana"], 6)
    occupy(houses["Macarena"], 2)
    referral = listed()
    wl.assign(admin, referral, houses["Triana"], date(2026, 1, 16))
    wl.postpone(admin, referral, "sanitaria", date(2026, 2, 10), "Ingreso hospitalario")
    saved = stored(workspace, referral)
    assert (saved.status, saved.vivienda_id, saved.planned_admission_date) == (
        "postponed",
        None,
        None,
    )
    triana = next(p for p in wl.free_places() if p.vivienda_id == houses["Triana"])
    assert triana.free_men == 1


# -- R-WL-3 ----------------------------------------------------------------------------------------


def test_R_WL_3_prison_referral_within_the_quota_is_assigned(wl, listed, occupy, houses, admin):
    occupy(houses["Triana"], 5)
    occupy(houses["Triana"], 1, sex="M")
    occupy(houses["Macarena"], 2)
    referral = listed(prison_origin=True)  # 1 of 7 after admission
    wl.assign(admin, referral, houses["Triana"], date(2026, 1, 16), consulted_note="x")


def test_R_WL_3_prison_quota_refuses_a_second_prison_referral(
    workspace, wl, listed, occupy, houses, admin
):
    occupy(houses["Triana"], 6, prison=1)
    occupy(houses["Macarena"], 2)
    prison, other = listed(date(2026, 1, 2), prison_origin=True), listed(date(2026, 1, 5))
    with pytest.raises(UserError, match="2 de 7"):
        wl.assign(admin, prison, houses["Triana"], date(2026, 1, 16))
    offer = wl.candidate_for(houses["Triana"], "H")
    assert offer.entry.referral_id == other and offer.passed_over[0][0] == prison
    wl.assign(admin, other, houses["Triana"], date(2026, 1, 16))
    assert stored(workspace, prison).status == "waiting"


def test_R_WL_3_court_order_forces_admission_with_a_note_to_the_court(
    workspace, wl, referrals, listed, occupy, houses, admin
):
    occupy(houses["Triana"], 6, prison=1)
    occupy(houses["Macarena"], 2)
    forced = listed(prison_origin=True, court_order=True)
    with pytest.raises(ValidationError, match="Juzgado"):
        wl.assign(admin, forced, houses["Triana"], date(2026, 1, 16))
    wl.assign(admin, forced, houses["Triana"], date(2026, 1, 16),
              court_order_note="Oficio al Juzgado nº 3 del 15/01/2026")  # fmt: skip
    saved = stored(workspace, forced)
    assert saved.status == "assigned" and saved.court_order
    assert saved.court_order_note == "Oficio al Juzgado nº 3 del 15/01/2026"
    assert "orden judicial" in referrals.history(forced)[-1].note


# -- R-WL-4 ----------------------------------------------------------------------------------------


def test_R_WL_4_derived_readmission_takes_the_first_vacancy_of_its_vivienda(
    workspace, wl, listed, person, occupy, houses, admin
):
    occupy(houses["Triana"], 6)
    occupy(houses["Macarena"], 2)
    ahead = listed(date(2026, 1, 2))
    back = person()
    with workspace.db.unit_of_work(admin) as work:
        work.add(Stay(participant_id=back.id, vivienda_id=houses["Triana"],
                      admission_date=date(2025, 6, 1), discharge_date=date(2025, 12, 1),
                      discharge_type="derivada"))  # fmt: skip
    referrals = ReferralService(workspace.db)
    readmission = referrals.create(admin, back.id)
    for step in (referrals.mark_complete, referrals.send, referrals.receive, referrals.include):
        step(admin, readmission.id)
    rows = wl.waiting_list().rows
    assert [(r.referral_id, r.priority) for r in rows] == [(readmission.id, True), (ahead, False)]
    with pytest.raises(UserError, match="prioridad de reingreso"):
        wl.assign(admin, ahead, houses["Triana"], date(2026, 1, 16))
    wl.assign(admin, readmission.id, houses["Triana"], date(2026, 1, 16))
    assert "prioridad de reingreso" in referrals.history(readmission.id)[-1].note


# -- R-WL-5 ----------------------------------------------------------------------------------------


def test_R_WL_5_not_located_loses_the_turn_and_the_next_is_assigned(
    workspace, wl, listed, occupy, houses, clock, admin
):
    occupy(houses["Triana"], 6)
    occupy(houses["Macarena"], 2)
    first, second = listed(date(2026, 1, 2)), listed(date(2026, 1, 5))
    wl.assign(admin, first, houses["Triana"], date(2026, 1, 17))
    clock.advance(days=2)  # 17/01: still within the two days
    with pytest.raises(UserError, match="hasta el 17/01/2026"):
        wl.mark_not_located(admin, first)
    clock.advance(days=1)
    lost, following = wl.mark_not_located(admin, first, "Teléfono apagado")
    assert lost.status == "not_located" and lost.closed_reason == "Teléfono apagado"
    assert following.id == second
    saved = stored(workspace, second)
    assert (saved.status, saved.vivienda_id) == ("assigned", houses["Triana"])
    assert saved.planned_admission_date == date(2026, 1, 19)
    assert [r.referral_id for r in wl.waiting_list().rows] == [second]


def test_R_WL_5_not_located_list_after_two_days(wl, listed, occupy, houses, clock, admin):
    occupy(houses["Macarena"], 2)
    referral = listed()
    wl.assign(admin, referral, houses["Triana"], date(2026, 1, 20), consulted_note="x")
    assert wl.not_located_overdue() == []
    clock.advance(days=3)
    assert [r.referral_id for r in wl.not_located_overdue()] == [referral]


def test_R_WL_5_unplanned_discharge_admits_within_one_to_five_days(
    wl, listed, occupy, houses, admin
):
    occupy(houses["Triana"], 6)
    occupy(houses["Macarena"], 2)
    left = occupy(
        houses["Triana"], 1, discharge_date=date(2026, 1, 14), discharge_type="disciplinaria"
    )
    referral = listed()
    with pytest.raises(ValidationError, match="entre 1 y 5 días"):
        wl.assign(
            admin, referral, houses["Triana"], date(2026, 1, 20), vacated_by_stay_id=left[0].id
        )
    wl.assign(admin, referral, houses["Triana"], date(2026, 1, 19), vacated_by_stay_id=left[0].id)


def test_R_WL_5_announced_therapeutic_discharge_is_assigned_ahead(
    workspace, wl, listed, occupy, houses, admin
):
    unannounced = occupy(houses["Triana"], 6)[0]
    occupy(houses["Macarena"], 2)
    leaving = occupy(houses["Triana"], 1, planned_discharge_date=date(2026, 1, 30),
                     discharge_notice_date=date(2026, 1, 15))[0]  # fmt: skip
    # the house is full: 7 men in 7 men's places, one of them leaving
    referral = listed()
    triana = next(p for p in wl.free_places() if p.vivienda_id == houses["Triana"])
    assert (triana.free_men, triana.leaving) == (0, 1)
    with pytest.raises(UserError, match="no tiene plaza libre"):
        wl.assign(admin, referral, houses["Triana"], date(2026, 1, 30))
    with pytest.raises(UserError, match="no está anunciada"):
        wl.assign(admin, referral, houses["Triana"], date(2026, 1, 30),
                  vacated_by_stay_id=unannounced.id)  # fmt: skip
    with pytest.raises(ValidationError, match="desde el 30/01/2026"):
        wl.assign(
            admin, referral, houses["Triana"], date(2026, 1, 29), vacated_by_stay_id=leaving.id
        )
    wl.assign(admin, referral, houses["Triana"], date(2026, 1, 30), vacated_by_stay_id=leaving.id)
    assert stored(workspace, referral).status == "assigned"


# -- renuncia ----------------------------------------------------------------------------------


def test_resignation_closes_the_protocol_and_frees_the_place(
    workspace, wl, listed, occupy, houses, admin
):
    occupy(houses["Macarena"], 2)
    referral = listed()
    wl.assign(admin, referral, houses["Triana"], date(2026, 1, 20), consulted_note="x")
    with pytest.raises(ValidationError, match="motivo de la renuncia"):
        wl.resign(admin, referral, " ")
    wl.resign(admin, referral, "Prefiere quedarse con su familia")
    saved = stored(workspace, referral)
    assert (saved.status, saved.closed_date) == ("resigned", date(2026, 1, 15))
    triana = next(p for p in wl.free_places() if p.vivienda_id == houses["Triana"])
    assert triana.free_men == 7
    with pytest.raises(UserError, match="cerrado"):
        wl.assign(admin, referral, houses["Triana"], date(2026, 1, 20))
