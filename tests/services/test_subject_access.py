"""Derecho de acceso (RGPD art. 15): everything about one person, as PDF and JSON.

A demo person is given a record of every kind (copied from other people's records where
the demo gave them none), a document and a consent; another member of staff opens the
file; the export must hold every section, show that read by name and role, print the
headings and no other person's name, and be audited itself.
"""

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from reinsercion_desktop.db.models import (
    Participant,
    ReferralEvent,
    Stay,
    UserAccount,
)
from reinsercion_desktop.db.subject_access_queries import DIRECT, OF_STAY
from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import NotFoundError, UserError
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.services.subject_access import EXPORT_REASON, suggested_file_name
from reinsercion_desktop.services.subject_access_records import RECORD_SECTIONS
from reinsercion_desktop.services.subject_access_views import JSON_FORMAT
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS

LINKS = ("stay_id", "referral_id", "plan_id", "objective_id", "placement_id")
LINKED_TABLES = {
    "stay_id": "stay",
    "referral_id": "referral",
    "plan_id": "reintegration_plan",
    "objective_id": "plan_objective",
    "placement_id": "employment_placement",
}


def _actor(user: UserAccount):  # type: ignore[no-untyped-def]
    return issue_actor(user.id, user.login, user.full_name, Role(user.role), user.installation_id)


def _own(work, pid: str, table: str) -> str | None:  # type: ignore[no-untyped-def]
    """The id of a record of `table` the person already has (to hang a copied one from)."""
    from reinsercion_desktop.db.subject_access_queries import person_records

    rows = person_records(session=work.session, participant_id=pid)[table]
    return rows[0]["id"] if rows else None


def _give_every_kind(workspace: Workspace, actor, pid: str) -> None:  # type: ignore[no-untyped-def]
    """Copy one record of each kind the person lacks from someone else, re-pointed."""
    parents = [m for m in DIRECT if m.__tablename__ in LINKED_TABLES.values()]  # type: ignore[attr-defined]
    order = parents + [m for m in (*DIRECT, ReferralEvent, *OF_STAY) if m not in parents]
    for model in order:
        table = model.__tablename__  # type: ignore[attr-defined]
        if table in ("attachment", "consent_record"):
            continue  # added through their services below
        with workspace.db.unit_of_work(actor) as work:
            if _own(work, pid, table):
                continue
            other = work.session.exec(select(model)).first()
            assert other is not None, f"the demo has no {table}"
            row = other.model_dump()
            row.pop("id")
            for key in ("created_at", "created_by", "updated_at", "updated_by", "version"):
                row.pop(key, None)
            if "participant_id" in row:
                row["participant_id"] = pid
            for link in LINKS:
                if row.get(link):
                    row[link] = _own(work, pid, LINKED_TABLES[link])
            if "form_instance_id" in row:
                row["form_instance_id"] = None
            work.add(model(**row))


@pytest.fixture(scope="module")
def world(tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("access") / "data"
    workspace = Workspace.open(
        folder, TEST_KEYS, clock=FakeClock(datetime(2026, 1, 15, 9, 0, tzinfo=UTC))
    )
    make_demo(workspace, participants=40, seed=4)
    services = build_services(workspace)
    with workspace.db.read() as session:
        users = list(session.exec(select(UserAccount)))
        people = list(session.exec(select(Participant)))
        stays = list(session.exec(select(Stay)))
    responsable = _actor(next(u for u in users if u.role == Role.RESPONSABLE))
    tecnico = _actor(next(u for u in users if u.role == Role.TECNICO))
    pid = stays[0].participant_id
    _give_every_kind(workspace, responsable, pid)
    scan = tmp_path_factory.mktemp("scan") / "informe-medico.txt"
    scan.write_bytes("Informe médico de prueba\n".encode())
    services.attachments.add(responsable, pid, scan, "Informe médico")
    services.consents.record(responsable, pid, ["imagen"], date(2026, 1, 10))
    services.participants.open(tecnico, pid, reason="Cubre una baja")  # another one reads it
    yield workspace, services, responsable, tecnico, pid, people
    workspace.close()


@pytest.fixture(scope="module")
def exported(world, tmp_path_factory):  # type: ignore[no-untyped-def]
    workspace, services, responsable, _tecnico, pid, _people = world
    out = tmp_path_factory.mktemp("out")
    result = services.subject_access.export(
        responsable, pid, out / "acceso.pdf", out_json=out / "acceso.json", with_documents=True
    )
    return result, json.loads(Path(result.json).read_text(encoding="utf-8"))


def test_the_json_holds_every_section_with_a_record(exported) -> None:  # type: ignore[no-untyped-def]
    _result, data = exported
    assert data["format"] == JSON_FORMAT
    expected = [key for key, _table, _title in RECORD_SECTIONS] + [
        "forms",
        "attachments",
        "consents",
    ]
    assert list(data["sections"]) == expected
    empty = [key for key in expected if not data["sections"][key]["records"]]
    assert empty == []
    assert data["person"]["fields"]["first_name"]["label"] == "Nombre"


def test_json_keys_are_english_snake_case(exported) -> None:  # type: ignore[no-untyped-def]
    _result, data = exported
    snake = re.compile(r"^[a-z][a-z0-9_]*$")
    assert all(snake.match(key) for key in data)
    assert all(snake.match(key) for key in data["sections"])
    for key, section in data["sections"].items():
        if key == "forms":
            continue  # a form's values keep the form's own field ids
        for record in section["records"]:
            assert all(snake.match(name) for name in record["fields"]), record


def test_the_audit_shows_the_read_by_another_user_and_the_export(world, exported) -> None:  # type: ignore[no-untyped-def]
    _ws, _services, responsable, tecnico, _pid, _people = world
    _result, data = exported
    reads = [row for row in data["audit"] if row["who"] == tecnico.full_name]
    assert reads and reads[0]["role"] == "Técnico/a" and reads[0]["what"].startswith("Consulta")
    assert any(
        row["who"] == responsable.full_name and EXPORT_REASON in row["what"]
        for row in data["audit"]
    )
    changes = [row["what"] for row in data["audit"] if row["what"].startswith("Alta")]
    assert changes  # creations by kind, never values


def test_the_pdf_prints_the_headings_and_no_other_person(world, exported) -> None:  # type: ignore[no-untyped-def]
    _ws, _services, _resp, _tec, pid, people = world
    result, data = exported
    text = " ".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    flat = " ".join(text.split())
    assert "INFORMACIÓN DE LA PERSONA — DERECHO DE ACCESO (RGPD ART. 15)" in flat.upper()
    for title in (
        "Datos de la ficha",
        "Estancias",
        "Formularios",
        "Consentimientos",
        "Quién vio o cambió la ficha",
    ):
        assert title in flat, title
    assert re.search(r"Página 1 de \d+", flat)
    me = next(p for p in people if p.id == pid)
    assert me.codapel in flat
    others = [p for p in people if p.id != pid and p.surname1 != me.surname1]
    leaked = [
        f"{p.first_name} {p.surname1}" for p in others if f"{p.first_name} {p.surname1}" in flat
    ]
    assert leaked == []


def test_documents_are_decrypted_beside_the_pdf_only_when_asked(exported) -> None:  # type: ignore[no-untyped-def]
    result, _data = exported
    folder = Path(result.documents)
    assert folder.parent == Path(result.pdf).parent
    [document] = list(folder.iterdir())
    assert document.name.endswith("informe-medico.txt")
    assert document.read_bytes() == "Informe médico de prueba\n".encode()


def test_a_second_export_needs_a_new_place_for_the_documents(world, exported) -> None:  # type: ignore[no-untyped-def]
    _ws, services, responsable, _tec, pid, _people = world
    result, _data = exported
    with pytest.raises(UserError, match="Ya existe la carpeta"):
        services.subject_access.export(responsable, pid, Path(result.pdf), with_documents=True)


def test_an_unknown_person_is_a_spanish_message(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _ws, services, responsable, _tec, _pid, _people = world
    with pytest.raises(NotFoundError, match="No hay ninguna persona"):
        services.subject_access.resolve(responsable, "ZZZ999")
    with pytest.raises(NotFoundError):
        services.subject_access.export(responsable, "nadie", tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists()


def test_resolve_takes_an_id_or_a_codapel(world) -> None:  # type: ignore[no-untyped-def]
    _ws, services, responsable, _tec, pid, people = world
    me = next(p for p in people if p.id == pid)
    assert services.subject_access.resolve(responsable, pid) == pid
    if sum(p.codapel == me.codapel for p in people) == 1:
        assert services.subject_access.resolve(responsable, f" {me.codapel} ") == pid


def test_the_suggested_name_carries_the_codapel_never_the_name(world) -> None:  # type: ignore[no-untyped-def]
    _ws, services, responsable, _tec, pid, people = world
    me = next(p for p in people if p.id == pid)
    name = services.subject_access.suggested_name(responsable, pid)
    assert name == suggested_file_name(me.codapel, date(2026, 1, 15))
    assert me.codapel in name and me.first_name not in name and me.surname1 not in name
    assert suggested_file_name("AB/../C D", date(2026, 1, 15)) == "acceso-AB-C-D-20260115.pdf"


def test_a_codapel_shared_by_two_people_asks_for_the_id(
    workspace, admin, participants, make_draft
) -> None:  # type: ignore[no-untyped-def]
    first = participants.create(admin, make_draft())
    second = participants.create(admin, make_draft(id_number="87654321X"), confirm_similar=True)
    assert first.codapel == second.codapel
    service = build_services(workspace).subject_access
    with pytest.raises(UserError, match="Hay 2 personas con el CODAPEL"):
        service.resolve(admin, first.codapel)
    assert service.resolve(admin, second.id) == second.id
