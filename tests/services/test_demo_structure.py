"""The demo's §12 structure data (200 people, seed 1, today 15/01/2026): year figures for
every vivienda and year, complaints made by residents of the house or anonymous, answered
in time, and the Anexo VII questionnaires; the checker finds nothing in it, and finds what
a careless demo would show."""

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from reinsercion_desktop.db import demo_queries
from reinsercion_desktop.db.models import Complaint, FormInstance, Stay, Vivienda, ViviendaYear
from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.demo.check_structure import check_structure
from reinsercion_desktop.demo.checker import DemoFacts
from reinsercion_desktop.demo.structure import team_hours
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.services.structure_data import StructureDataService
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS

TODAY = date(2026, 1, 15)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("demo-structure") / "data"
    workspace = Workspace.open(
        folder, TEST_KEYS, clock=FakeClock(datetime(2026, 1, 15, 9, tzinfo=UTC))
    )
    make_demo(workspace, participants=200, seed=1)
    yield workspace
    workspace.close()


def _all(workspace: Workspace, model: type) -> list:
    with workspace.db.read() as session:
        return list(session.exec(select(model)).all())


def _facts(workspace: Workspace) -> DemoFacts:
    with workspace.db.read() as session:
        return DemoFacts(TODAY, demo_queries.demo_facts(session=session))


def test_every_vivienda_has_plausible_figures_for_every_year(demo) -> None:  # type: ignore[no-untyped-def]
    viviendas = _all(demo, Vivienda)
    figures = {(f.vivienda_id, f.year): f for f in _all(demo, ViviendaYear)}
    first_year = min(v.valid_from for v in viviendas).year
    assert first_year < 2024  # the history spans several closed years
    for vivienda in viviendas:
        places = vivienda.places_men + vivienda.places_women + vivienda.places_mixed
        for year in range(first_year, 2027):
            row = figures[(vivienda.id, year)]
            # Today's 35 € a place and day, ~2 % less each year back (prices of the time).
            cost = 35.0 / 1.02 ** (2026 - year)
            assert abs(row.budget_planned / (cost * places * 365) - 1) <= 0.035
            if year == 2026:
                assert row.budget_actual is None  # the year is not closed
            else:
                assert abs(row.budget_actual / row.budget_planned - 1) <= 0.05
            assert row.full_time_weekly_hours == 37.5
            assert 75 <= row.staff_weekly_hours <= 150  # a team of 2 to 4
    assert len(figures) == len(viviendas) * (2027 - first_year)


def test_team_hours_of_a_small_house() -> None:
    import random

    rng = random.Random(3)
    hours = {team_hours(rng, places) for places in (6, 7, 8) for _ in range(50)}
    assert hours <= {75.0, 112.5, 150.0} and 75.0 in hours and 112.5 in hours


def test_complaints_come_from_residents_or_anonymous_and_are_answered_in_time(demo) -> None:  # type: ignore[no-untyped-def]
    complaints = _all(demo, Complaint)
    stays = _all(demo, Stay)
    years = {c.received_on.year for c in complaints}
    assert len(complaints) >= 3 * len(years)  # a handful each year
    anonymous = [c for c in complaints if c.participant_id is None]
    signed = [c for c in complaints if c.participant_id]
    assert anonymous and signed
    for complaint in signed:  # the person lived in that house that day
        assert any(
            s.participant_id == complaint.participant_id
            and s.vivienda_id == complaint.vivienda_id
            and s.admission_date <= complaint.received_on
            and (s.discharge_date is None or complaint.received_on <= s.discharge_date)
            for s in stays
        )
    answered = [c for c in complaints if c.answered_on]
    days = [(c.answered_on - c.received_on).days for c in answered]
    assert all(day >= 0 for day in days)
    assert sum(day <= 15 for day in days) >= 0.75 * len(days)  # most within 15 days
    assert any(day > 15 for day in days)  # a few late
    kinds = [c.kind for c in complaints]
    top = {"trato_recibido", "normas", "alimentacion", "instalaciones"}
    assert sum(kind in top for kind in kinds) >= 0.6 * len(kinds)
    # The list shows the CODAPEL of a signed complaint, nothing of an anonymous one.
    service = StructureDataService(demo.db)
    actor = issue_actor("0" * 36, "tecnico", "Toni Técnico", Role.TECNICO, "")
    views = service.complaints(actor, date(2000, 1, 1), date(2027, 1, 1))
    assert {bool(v.codapel) for v in views} == {True, False}
    assert all(bool(v.codapel) == bool(v.participant_id) for v in views)


def test_questionnaires_after_recent_discharges_score_mostly_two_or_three(demo) -> None:  # type: ignore[no-untyped-def]
    forms = [f for f in _all(demo, FormInstance) if f.form_id == "anexo-vii"]
    recent = [f for f in forms if f.created_at.date() >= TODAY - timedelta(days=90)]
    assert recent
    scores = [
        value
        for form in forms
        for value in json.loads(form.data).values()
        if isinstance(value, int) and value in (1, 2, 3)
    ]
    assert sum(score >= 2 for score in scores) >= 0.75 * len(scores)


def test_the_checker_finds_nothing_in_the_structure_data(demo) -> None:  # type: ignore[no-untyped-def]
    assert check_structure(_facts(demo)) == []


def test_the_checker_finds_what_a_careless_demo_would_show(demo) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(demo)
    tables = facts.tables
    signed = next(c for c in tables["complaint"] if c.participant_id and c.answered_on)
    signed.answered_on = signed.received_on - timedelta(days=1)
    other = next(v for v in tables["vivienda"] if v.id != signed.vivienda_id)
    stranger = next(
        c for c in tables["complaint"] if c.participant_id and c.vivienda_id == other.id
    )
    stranger.vivienda_id = signed.vivienda_id
    unanswered = next(c for c in tables["complaint"] if c is not signed and c.answered_on)
    unanswered.answer = ""
    current = next(f for f in tables["vivienda_year"] if f.year == 2026)
    current.budget_actual = current.budget_planned
    closed = next(f for f in tables["vivienda_year"] if f.year == 2025)
    closed.budget_actual = closed.budget_planned * 1.2
    dropped = tables["vivienda_year"].pop(-1)
    found = "\n".join(map(str, check_structure(replace(facts, tables=tables))))
    assert "contestada antes de recibirla" in found
    assert "no vivía en" in found
    assert "la respuesta y su fecha no van juntas" in found
    assert "presupuesto real de un año sin cerrar" in found
    assert "se aparta más de un 5 %" in found
    assert f" {dropped.year}: faltan el presupuesto" in found


def test_the_satisfaction_indicator_reads_the_demo_questionnaires(demo) -> None:  # type: ignore[no-untyped-def]
    """A questionnaire stores each item's score (forms/values.py); the indicator once read
    only option codes and found no answer in any questionnaire the app or the demo made."""
    from reinsercion_desktop.domain.periods import Period
    from reinsercion_desktop.services.structure_indicators import structure_sections

    tables = {
        table.key: table
        for section in structure_sections(demo.db, Period.parse("2025-T4"))
        for table in section.tables
    }
    _label, questionnaires, answers, mean = tables["satisfaccion"].total
    assert questionnaires >= 2 and answers > questionnaires
    assert 2.0 <= mean <= 3.0  # mostly «bien» and «regular»
    # A year of questionnaires is kept, not only those of the last months' files.
    spring = [
        table.total[1]
        for section in structure_sections(demo.db, Period.parse("2025-T2"))
        for table in section.tables
        if table.key == "satisfaccion"
    ]
    assert spring[0] >= 1
