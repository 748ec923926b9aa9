"""The demo tells the true story of a careful centre, for each profile (300 people, seed 1,
today 15/01/2026): the checker walks every form instance field by field and every record
against the rules and finds nothing; it does find what a careless demo would show."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.db.models import (
    EconomicContribution,
    FormInstance,
    Installation,
    Participant,
    Resource,
    Stay,
)
from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.demo.checker import check_demo
from reinsercion_desktop.demo.identity import curp, curp_problem
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.dates import age_on
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.office import OfficeService
from reinsercion_desktop.services.pending import pending_items
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS

TODAY = date(2026, 1, 15)


def _demo(folder: Path, profile: str, participants: int = 300, seed: int = 1) -> Workspace:
    workspace = Workspace.open(
        folder, TEST_KEYS, clock=FakeClock(datetime(2026, 1, 15, 9, tzinfo=UTC))
    )
    make_demo(workspace, participants=participants, seed=seed, profile=profile)
    return workspace


@pytest.fixture(scope="module")
def demos(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Both profiles, built once for the module."""
    built = {
        profile: _demo(tmp_path_factory.mktemp(f"demo-{profile}") / "data", profile)
        for profile in ("andalucia", "cdmx")
    }
    yield built
    for workspace in built.values():
        workspace.close()


@pytest.fixture(params=["andalucia", "cdmx"])
def demo(request, demos):  # type: ignore[no-untyped-def]
    return demos[request.param]


def _all(workspace: Workspace, model: type) -> list:
    with workspace.db.read() as session:
        return list(session.exec(select(model)).all())


def test_the_checker_finds_nothing_in_the_demo(demo):  # type: ignore[no-untyped-def]
    findings = check_demo(demo)
    assert not findings, "\n".join(map(str, findings[:30]))
    assert check_workspace(demo).ok  # and `reinsercion check` agrees: sound, audited


def test_every_resident_has_a_signed_consent_and_an_anexo_i_r_adm_3(demo):  # type: ignore[no-untyped-def]
    forms = _all(demo, FormInstance)
    residents = [s for s in _all(demo, Stay) if s.discharge_date is None]
    assert len(residents) >= 20
    for stay in residents:
        own = [f for f in forms if f.participant_id == stay.participant_id]
        consents = [f for f in own if f.form_id == "consentimiento" and f.status == "signed"]
        assert any(f.signed_at.date() == stay.admission_date for f in consents)
        assert any(f.form_id == "anexo-i" for f in own)


def test_few_pendientes_are_overdue_and_only_by_days(demo):  # type: ignore[no-untyped-def]
    items = pending_items(demo.db, TODAY)
    overdue = [item for item in items if item.overdue(TODAY)]
    assert len(items) >= 60
    assert len(overdue) < 0.1 * len(items)
    assert all((TODAY - item.due).days <= 45 for item in overdue)


def test_the_office_fills_every_free_place_someone_waits_for_r_wl_5(demo):  # type: ignore[no-untyped-def]
    """No free place while a person who fits it waits; the places being filled are in
    «proceso de admisión», admission planned within days."""
    assert all(vacancy.offer.entry is None for vacancy in OfficeService(demo.db).vacancies())
    listed = OfficeService(demo.db).waiting_list()
    assigned = [row.row for row in listed.rows if row.row.position is None]
    assert assigned and all(0 < (r.planned_admission_date - TODAY).days <= 3 for r in assigned)
    waiting = [row.row for row in listed.rows if row.row.position is not None]
    for sex in ("H", "M"):
        longest = max(
            (
                r.days_waiting
                for r in waiting
                if r.sex == sex and not r.needs_decision and not r.postponed_until
            ),
            default=0,
        )
        assert longest <= 300, sex  # a wait of months, never over a year and a half


def test_the_checker_finds_what_a_careless_demo_would_show(tmp_path: Path) -> None:
    workspace = _demo(tmp_path / "data", "andalucia", participants=200)
    database = workspace.paths.root / "reinsercion.sqlite"
    workspace.close()
    with connect(database, TEST_KEYS.sqlcipher) as con:
        form_id, data = con.execute(
            "SELECT f.id, f.data FROM form_instance f JOIN participant p"
            " ON p.id = f.participant_id WHERE f.form_id = 'anexo-i' AND p.sex = 'H'"
        ).fetchone()
        values = json.loads(data)
        values["telefono"] = "Sevilla"
        values["terapeuta"] = "CTA Sevilla — Los Remedios"
        values["pruebas"]["test_embarazo"] = {
            "fecha": values["fecha_protocolo"],
            "resultado": "Negativo",
        }
        values["tratamientos_anteriores"] = [
            {"anio": 1901, "lugar": "Sevilla", "programa": "CT", "salida": "AV"}
        ]
        con.execute("UPDATE form_instance SET data = ? WHERE id = ?", (json.dumps(values), form_id))
        con.execute(
            "UPDATE plan_objective SET status = 'descartado', progress = 100"
            " WHERE id = (SELECT id FROM plan_objective LIMIT 1)"
        )
        con.execute(
            "UPDATE stay SET over_9_months_justification = '' WHERE id ="
            " (SELECT id FROM stay WHERE over_9_months_justification != '' LIMIT 1)"
        )
    again = Workspace.open(
        tmp_path / "data", TEST_KEYS, clock=FakeClock(datetime(2026, 1, 15, 9, tzinfo=UTC))
    )
    try:
        found = "\n".join(map(str, check_demo(again)))
    finally:
        again.close()
    assert "telefono: «Sevilla» no es un teléfono" in found
    assert "terapeuta: «CTA Sevilla — Los Remedios» no es el nombre" in found
    assert "«test_embarazo» (solo para mujeres) en un hombre" in found
    assert "«1901» no es un año de su vida" in found
    assert "[R-PLAN-2]" in found and "«descartado» al 100 %" in found
    assert "[R-STAY-2]" in found


# -- the profiles --------------------------------------------------------------------------


def test_andalucia_by_default_with_an_andalusian_catalogue(tmp_path: Path) -> None:
    workspace = Workspace.open(
        tmp_path / "d", TEST_KEYS, clock=FakeClock(datetime(2026, 1, 15, 9, tzinfo=UTC))
    )
    make_demo(workspace, participants=40)
    (installation,) = _all(workspace, Installation)
    assert installation.programme_kind == "var" and installation.province == "Sevilla"
    resources = [r for r in _all(workspace, Resource) if r.active]
    providers = " ".join(r.provider for r in resources)
    for who in ("Junta de Andalucía", "Servicio Andaluz de Empleo", "Ayuntamiento", "Cruz Roja"):
        assert who in providers
    assert any("Formación Profesional para el Empleo" in r.name for r in resources)
    assert not any(word in providers for word in ("STyFE", "INEA", "CDMX", "PILARES"))
    dated = [r for r in resources if not r.open_all_year]
    assert dated and all(r.enrolment_periods != "[]" or r.starts_on for r in dated)
    workspace.close()


def test_cdmx_is_the_alvaro_obregon_reintegration_programme(demos):  # type: ignore[no-untyped-def]
    demo = demos["cdmx"]
    (installation,) = _all(demo, Installation)
    assert installation.programme_kind == "reintegration"  # R-ADM-1: adolescents may come
    assert "Álvaro Obregón" in installation.name and installation.province == "Ciudad de México"
    people = _all(demo, Participant)
    with_papers = [p for p in people if p.id_number]
    assert all(p.id_kind == "curp" for p in with_papers) and len(with_papers) > 0.9 * len(people)
    for p in with_papers:  # a valid CURP, check digit included, that fits the person
        assert curp_problem(p.id_number) is None
        assert p.id_number == curp(
            p.first_name, p.surname1, p.surname2, p.birth_date, p.sex, p.id_number[11:13]
        )
    assert all(p.phone.startswith("55 ") for p in people)
    births = {p.id: p.birth_date for p in people}
    ages = [age_on(births[s.participant_id], s.admission_date) for s in _all(demo, Stay)]
    assert min(ages) >= 14 and any(age < 18 for age in ages)  # R-ADM-1: adolescents admitted
    names = " ".join(r.name + " " + r.provider for r in _all(demo, Resource))
    for what in ("INEA", "Preparatoria Abierta", "Prepa en Línea", "STyFE", "CURBA", "PILARES"):
        assert what in names
    assert not _all(demo, EconomicContribution)  # amounts are in euros only: none recorded


def test_a_profile_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    def people(folder: Path, seed: int) -> list[tuple]:
        workspace = _demo(folder, "cdmx", participants=40, seed=seed)
        rows = sorted(
            (p.first_name, p.surname1, p.id_number, p.status) for p in _all(workspace, Participant)
        )
        workspace.close()
        return rows

    first = people(tmp_path / "a", 2)
    assert first == people(tmp_path / "b", 2)
    assert first != people(tmp_path / "c", 3)
