"""kill -9 during the everyday writes (form autosave, admission, discharge): the folder
opens afterwards with a consistent database (integrity, audit chain and anchor, records
against their audit) and every record is wholly before or wholly after the write that was
cut (issue 11, crash safety)."""

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.models import FormInstance, Participant, Referral, Stay
from reinsercion_desktop.services.registry import build_services
from tests.kill_helpers import assert_opens_sound, kill_after_marks
from tests.services.test_stays import referral, signed_consent

# The child: the workspace opened as the window opens it (its lock held), then one kind of
# write in a loop, a marker after each one, until the test kills it.
CHILD = """
import json, sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.security.instance_lock import InstanceLock
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.services.workspace import Workspace

root, plan = Path(sys.argv[1]), json.loads(sys.argv[2])
clock = FakeClock(datetime(2026, 1, 15, 9, 0, tzinfo=UTC))


def mark(word):
    print("@@marca", word, flush=True)


with InstanceLock.acquire(root):
    workspace = Workspace.open(root, DataKeys(bytes(range(32))), clock=clock)
    services = build_services(workspace)
    actor = issue_actor(plan["user"], "admin", "Ana", Role.ADMIN, plan["installation"])
    mark("abierta")
    if plan["kind"] == "autosave":
        version = plan["version"]
        for n in range(1, 100000):
            text = f"Borrador número {n}. " * 40
            saved = services.forms.save_draft(
                actor, plan["form"], {"n": n, "observaciones": text}, expected_version=version
            )
            version = saved.version
            mark(f"guardado {n}")
    else:
        for index, (referral_id, vivienda_id) in enumerate(plan["referrals"]):
            admitted = date(2023, 1, 2) + timedelta(days=20 * index)
            stay = services.stays.admit(actor, referral_id, vivienda_id, admitted)
            mark(f"ingreso {index}")
            services.stays.discharge(
                actor, stay.id, admitted + timedelta(days=10), "terapeutica", "Objetivos cumplidos."
            )
            mark(f"alta {index}")
"""


def _dni(number: int) -> str:
    return f"{number:08d}{'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23]}"


def _child(root: Path, plan: dict, marks: int):  # type: ignore[no-untyped-def]
    return kill_after_marks(["-c", CHILD, str(root), json.dumps(plan)], marks)


@pytest.fixture
def folder(workspace, admin, participants, make_draft):  # type: ignore[no-untyped-def]
    """A centre with a draft consent form and 24 people referred with their consent signed;
    closed, as after the window was closed."""
    services = build_services(workspace)
    with workspace.db.read() as session:
        viviendas = [v.id for v in queries.viviendas(session=session)]
    referrals = []
    for i in range(24):
        draft = make_draft(first_name=f"Persona{i}", id_number=_dni(10000000 + i))
        who = participants.create(admin, draft, confirm_similar=True)
        made = referral(workspace.db, admin, who.id, protocol_date=date(2022, 12, 1))
        signed_consent(workspace.db, admin, who.id)
        referrals.append((made.id, viviendas[i % len(viviendas)]))
    form = services.forms.create(admin, "consentimiento", who.id)
    plan = {
        "user": admin.user_id,
        "installation": admin.installation_id,
        "form": form.id,
        "version": form.version,
        "referrals": referrals,
    }
    workspace.close()
    return workspace.paths.root, plan


def _reopened(root: Path):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.workspace import Workspace
    from tests.conftest import TEST_KEYS

    return Workspace.open(root, TEST_KEYS)


@pytest.mark.parametrize("marks", [1, 2, 5, 9])  # opened; during the 1st, 4th, 8th save
def test_kill_9_during_form_autosave(folder, marks) -> None:  # type: ignore[no-untyped-def]
    root, plan = folder
    seen = _child(root, dict(plan, kind="autosave"), marks)
    assert seen.killed, seen.output
    assert_opens_sound(root)
    workspace = _reopened(root)
    try:
        with workspace.db.read() as session:
            form = session.get(FormInstance, plan["form"])
            data = json.loads(form.data)
    finally:
        workspace.close()
    saves = form.version - plan["version"]  # each save is whole: its text and its counter
    assert saves >= marks - 1
    if saves:
        assert data["n"] == saves and data["observaciones"].count("Borrador") == 40
    else:
        assert "n" not in data


@pytest.mark.parametrize("marks", [1, 2, 3, 6, 11])  # opened; in an admission; in a discharge
def test_kill_9_during_admission_and_discharge(folder, marks) -> None:  # type: ignore[no-untyped-def]
    root, plan = folder
    seen = _child(root, dict(plan, kind="stays"), marks)
    assert seen.killed, seen.output
    assert_opens_sound(root)
    workspace = _reopened(root)
    try:
        with workspace.db.read() as session:
            stays = {s.referral_id: s for s in session.exec(select(Stay)).all()}
            referrals = {r.id: r for r in session.exec(select(Referral)).all()}
            people = {p.id: p for p in session.exec(select(Participant)).all()}
    finally:
        workspace.close()
    assert len(stays) >= (marks - 1 + 1) // 2
    for referral_id, _vivienda in plan["referrals"]:
        stay, made = stays.get(referral_id), referrals[referral_id]
        person = people[made.participant_id]
        if stay is None:  # never admitted: the referral and the person as they were
            assert made.status == "assigned" and person.status == "derivado"
        elif stay.discharge_date is None:  # admitted: all three say so
            assert made.status == "admitted" and person.status == "en_estancia"
            assert person.vivienda_id == stay.vivienda_id
        else:  # discharged: the person too
            assert person.status == "alta" and person.vivienda_id is None
