"""kill -9 in the middle of an import (issue 13, «Done when»): the office's folder opens
afterwards exactly as before — no record, stamp or bundle of the cut import, the audit
chain and anchor sound — and the same bundle is then imported whole."""

import json

from sqlmodel import func, select

from reinsercion_desktop.db.models import Participant
from reinsercion_desktop.db.models_later import ExchangeBundle, SyncStamp
from tests.kill_helpers import assert_opens_sound, kill_after_marks
from tests.services.exchange_pair import make_pair
from tests.services.test_exchange import sent_protocol

CHILD = """
import json, sys, time
from datetime import UTC, datetime
from pathlib import Path

from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.security.instance_lock import InstanceLock
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services import exchange_apply
from reinsercion_desktop.services.exchange_import import import_bundle
from reinsercion_desktop.services.workspace import Workspace

root, plan = Path(sys.argv[1]), json.loads(sys.argv[2])
exchange_apply.BATCH = 4  # many small steps, each reported


def step(done, total):
    print("@@marca", done, flush=True)
    time.sleep(0.3)  # the kill lands here, inside the import's transaction


with InstanceLock.acquire(root):
    workspace = Workspace.open(root, DataKeys(bytes(range(32))), clock=FakeClock(datetime(2026, 1, 15, 9, tzinfo=UTC)))
    actor = issue_actor(plan["user"], "admin", "Ana", Role.ADMIN, plan["installation"])
    import_bundle(workspace, actor, plan["bundle"], progress=step)
    print("@@marca terminado", flush=True)
"""


def counts(side) -> tuple:  # type: ignore[no-untyped-def]
    with side.db.read() as session:
        return tuple(
            session.exec(select(func.count()).select_from(model)).one()
            for model in (Participant, SyncStamp, ExchangeBundle)
        )


def test_kill_9_in_the_middle_of_an_import_leaves_the_office_as_before(tmp_path) -> None:
    centre, office = make_pair(tmp_path)
    for n in range(6):
        sent_protocol(
            centre, first_name=f"Persona{n}", id_number="", birth_date=f"0{n + 1}/02/1981"
        )
    bundle = centre.export()
    assert bundle.records > 20
    before = counts(office)
    root = office.workspace.paths.root
    plan = {
        "user": office.admin.user_id,
        "installation": office.admin.installation_id,
        "bundle": str(bundle.path),
    }
    office.workspace.close()
    cut = kill_after_marks(["-c", CHILD, str(root), json.dumps(plan)], 3)
    assert cut.killed, cut.output
    assert cut.marks[-1] != "terminado"

    assert_opens_sound(root)
    from reinsercion_desktop.services.workspace import Workspace
    from tests.conftest import TEST_KEYS

    office.workspace = Workspace.open(root, TEST_KEYS, clock=centre.workspace.clock)
    try:
        assert counts(office) == before
        taken = office.take(bundle.path)
        assert taken.state == "applied" and taken.count("added") == bundle.records
    finally:
        office.workspace.close()
        centre.workspace.close()
