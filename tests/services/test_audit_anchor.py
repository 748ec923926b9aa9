"""The signed anchor of the audit chain (services/audit_anchor.py, security/signing.py):
where it lives, what it holds, how it survives a crash, a second process, a stale key
file object and a backup; and the audit log of a demo holds no personal data."""

import json
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import replace

import pytest
from sqlmodel import select

from reinsercion_desktop.db import migrate
from reinsercion_desktop.db.audit import ChainPoint
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.db.models import Participant
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security import keyfile, signing
from reinsercion_desktop.security.keyfile import KeyFile, KeyFileError
from reinsercion_desktop.services.audit_anchor import AnchorKeeper, signed_anchor
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.participants import ParticipantService, draft_of
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS


def tail(workspace: Workspace) -> tuple[int, str, int]:
    with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
        seq, digest = connection.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        (count,) = connection.execute("SELECT count(*) FROM audit_log").fetchone()
    return seq, digest, count


def anchor_of(workspace: Workspace):  # type: ignore[no-untyped-def]
    key_file = KeyFile.load(workspace.paths.root)
    return signed_anchor(key_file.public_key(), key_file.anchor())


@pytest.fixture
def person(participants, admin, make_draft):  # type: ignore[no-untyped-def]
    return participants.create(admin, make_draft(hiv_status="positivo"))


def test_every_unit_of_work_anchors_the_head_signed_by_the_installation(
    workspace, admin, participants, person
):  # type: ignore[no-untyped-def]
    participants.open(admin, person.id)
    anchor = anchor_of(workspace)
    seq, digest, count = tail(workspace)
    assert (anchor.head, anchor.pending) == (ChainPoint(seq, digest, count), None)
    key_file = KeyFile.load(workspace.paths.root)
    public = key_file.public_key()
    assert public is not None and anchor.key == signing.fingerprint(public)
    # The key file keeps the public key in clear and the private one wrapped.
    private = key_file.signing_key(TEST_KEYS)
    assert signing.public_bytes(private) == public
    raw = key_file.path.read_bytes()
    assert signing.private_bytes(private).hex().encode() not in raw
    # Nothing personal in the anchor: numbers, hashes, a time, a fingerprint.
    text = json.dumps(key_file.anchor())
    for personal in ("Núñez", "José", "12345678Z", "positivo"):
        assert personal not in text


def test_a_signature_is_bound_to_its_purpose_and_payload() -> None:
    key = signing.new_private_key()
    public = signing.public_bytes(key)
    payload = {"head": {"seq": 3, "hash": "ab"}}
    signature = signing.sign(key, signing.ANCHOR_PURPOSE, payload)
    assert signing.verify(public, signing.ANCHOR_PURPOSE, payload, signature)
    assert not signing.verify(public, signing.BUNDLE_PURPOSE, payload, signature)
    assert not signing.verify(public, signing.ANCHOR_PURPOSE, {"head": {"seq": 4}}, signature)
    other = signing.public_bytes(signing.new_private_key())
    assert not signing.verify(other, signing.ANCHOR_PURPOSE, payload, signature)
    assert not signing.verify(public, signing.ANCHOR_PURPOSE, payload, "no es base64")


def test_a_public_key_swapped_in_the_key_file_cannot_sign(workspace, admin, participants, person):  # type: ignore[no-untyped-def]
    key_file = KeyFile.load(workspace.paths.root)
    key_file.content["signing"]["public"] = keyfile._b64(
        signing.public_bytes(signing.new_private_key())
    )
    with pytest.raises(KeyFileError, match="clave de firma"):
        key_file.signing_key(TEST_KEYS)
    key_file.path.write_text(json.dumps(key_file.content), encoding="utf-8")  # by hand
    participants.open(admin, person.id)  # the work goes on, unsigned: check says so
    problems = check_workspace(workspace).problems
    assert any("clave de firma" in problem and "dañada" in problem for problem in problems)
    assert any("su firma no es válida" in problem for problem in problems)


def test_a_new_key_file_inherits_no_signing_key_nor_anchor(workspace, admin, person):  # type: ignore[no-untyped-def]
    assert KeyFile.load(workspace.paths.root).anchor() is not None
    KeyFile.create(workspace.paths.root, name="Otra", code="X").save()
    fresh = KeyFile.load(workspace.paths.root)
    assert fresh.anchor() is None and not fresh.has_signing_key()


def test_a_crash_between_the_anchor_and_the_commit_is_not_taken_for_tampering(
    workspace, admin, participants, person
):  # type: ignore[no-untyped-def]
    """The anchor is written before the commit (pending) and confirmed after it: a crash
    in between leaves either state, and both pass the check."""
    seq, digest, count = tail(workspace)
    keeper = AnchorKeeper(workspace.paths.root, TEST_KEYS, workspace.clock)
    head = ChainPoint(seq, digest, count)
    # The commit did not happen: the pending head names an entry that is not there.
    keeper._save(KeyFile.load(workspace.paths.root), head, ChainPoint(seq + 1, "f" * 64, count + 1))
    assert check_workspace(workspace).problems == []
    participants.open(admin, person.id)  # the next unit drops it and goes on
    assert anchor_of(workspace).head == ChainPoint(*tail(workspace))
    # The commit happened but was not confirmed: the pending head is the log's tail.
    seq, digest, count = tail(workspace)
    keeper._save(
        KeyFile.load(workspace.paths.root),
        ChainPoint(seq - 1, "0" * 64, count - 1),
        ChainPoint(seq, digest, count),
    )
    assert check_workspace(workspace).problems == []
    participants.open(admin, person.id)  # the next unit confirms it
    assert anchor_of(workspace).head == ChainPoint(*tail(workspace))
    assert check_workspace(workspace).problems == []


def test_two_processes_writing_in_turn_keep_one_anchor(workspace, admin, participants, person):  # type: ignore[no-untyped-def]
    """The window and a command at the same time: each anchors under the write lock."""
    other = Workspace.open(workspace.paths.root, TEST_KEYS, clock=workspace.clock)
    try:
        theirs = ParticipantService(other.db)
        for _ in range(3):
            participants.open(admin, person.id)
            theirs.open(admin, person.id)
        assert check_workspace(workspace).problems == []
        assert anchor_of(workspace).head == ChainPoint(*tail(workspace))
    finally:
        other.close()


def test_two_threads_writing_at_once_keep_one_anchor(workspace, admin, participants, person):  # type: ignore[no-untyped-def]
    """A worker thread saving while the window does: the confirmations run under the
    write lock too, so no anchor is lost between them."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        for done in [pool.submit(participants.open, admin, person.id) for _ in range(12)]:
            done.result()
    assert anchor_of(workspace).head == ChainPoint(*tail(workspace))
    assert check_workspace(workspace).problems == []
    assert list(workspace.paths.root.glob("*.tmp")) == []


def test_a_key_file_object_saved_late_does_not_roll_the_anchor_back(
    workspace, admin, participants, person
):  # type: ignore[no-untyped-def]
    """The login dialog (or the throttle) holds a KeyFile read before the units of work."""
    early = KeyFile.load(workspace.paths.root)
    participants.open(admin, person.id)
    participants.open(admin, person.id)
    early.content["throttle"] = {"x": {"failures": 1}}
    early.save()
    assert anchor_of(workspace).head == ChainPoint(*tail(workspace))
    assert KeyFile.load(workspace.paths.root).content["throttle"] == {"x": {"failures": 1}}
    assert check_workspace(workspace).problems == []


def test_an_anchor_that_cannot_be_written_saves_nothing(
    workspace, admin, participants, person, monkeypatch
):  # type: ignore[no-untyped-def]
    def full_disk(self):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    before = tail(workspace)
    monkeypatch.setattr(KeyFile, "save", full_disk)
    with pytest.raises(UserError, match="No se pudo firmar el registro de auditoría"):
        participants.open(admin, person.id)
    monkeypatch.undo()
    assert tail(workspace) == before
    assert check_workspace(workspace).problems == []


def test_numbers_stay_above_the_anchor_after_the_tail_was_cut_and_the_folder_reopened(
    workspace, admin, participants, person
):  # type: ignore[no-untyped-def]
    for _ in range(3):
        participants.open(admin, person.id)
    anchored = anchor_of(workspace).head.seq
    with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute("DELETE FROM audit_log WHERE seq > ?", (anchored - 3,))
        connection.commit()
    workspace.close()
    reopened = Workspace.open(workspace.paths.root, TEST_KEYS, clock=workspace.clock)
    try:
        ParticipantService(reopened.db).open(admin, person.id)
        assert tail(reopened)[0] == anchored + 1
        assert anchor_of(reopened).head.seq == anchored  # not moved past the evidence
    finally:
        reopened.close()


def test_a_backup_carries_the_anchor_and_check_compares_the_log_with_it(
    workspace, admin, participants, person
):  # type: ignore[no-untyped-def]
    participants.open(admin, person.id)
    copy = migrate.backup_database(
        workspace.paths.database, workspace.paths.backups, "prueba", workspace.keys.sqlcipher
    )
    witness = copy.with_suffix(migrate.ANCHOR_SUFFIX)
    content = json.loads(witness.read_text(encoding="utf-8"))
    assert content["anchor"] == KeyFile.load(workspace.paths.root).anchor()
    assert "Núñez" not in witness.read_text(encoding="utf-8")
    assert check_workspace(workspace).problems == []
    # The log rewritten before the backup's head: the backup's anchor says so too.
    with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute(
            "UPDATE audit_log SET hash = 'x' WHERE seq = ?",
            (content["anchor"]["payload"]["head"]["seq"],),
        )
        connection.commit()
    problems = check_workspace(workspace).problems
    assert any(f"copia de seguridad {witness.name}" in problem for problem in problems), problems
    # A backup anchor signed with another key is named.
    content["public"] = keyfile._b64(signing.public_bytes(signing.new_private_key()))
    witness.write_text(json.dumps(content), encoding="utf-8")
    problems = check_workspace(workspace).problems
    assert any("firmada con otra clave" in problem for problem in problems), problems


def test_the_key_file_name_is_the_same_for_the_backups() -> None:
    assert migrate.KEY_FILE_NAME == keyfile.KEY_FILE_NAME


def test_anchoring_costs_a_unit_of_work_little(workspace, admin, participants, person):  # type: ignore[no-untyped-def]
    """Two small atomic writes of the key file per unit of work (measured ~1.5 ms here)."""

    def median_open() -> float:
        timings = []
        for _ in range(15):
            started = time.perf_counter()
            participants.open(admin, person.id)
            timings.append(time.perf_counter() - started)
        return sorted(timings)[len(timings) // 2]

    anchored = median_open()
    workspace.db.audit_witness = None
    bare = median_open()
    assert anchored - bare < 0.05  # generous: the machine is shared


# -- no personal data in the audit log -----------------------------------------------------


def test_the_audit_log_of_a_demo_holds_no_name_dni_nor_hiv_status(tmp_path, clock):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.demo.builder import make_demo

    workspace = Workspace.open(tmp_path / "demo", TEST_KEYS, clock=clock)
    try:
        make_demo(workspace, participants=40, seed=3)
        people = ParticipantService(workspace.db)  # an update, as staff would make one
        with workspace.db.read() as session:
            first = session.exec(select(Participant).limit(1)).first()
        assert first is not None
        actor = _demo_actor(workspace)
        opened = people.open(actor, first.id)
        draft = replace(draft_of(opened), hiv_status="positivo", phone="600 000 000")
        people.update(actor, first.id, draft, expected_version=opened.version)
        with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
            rows = connection.execute("SELECT * FROM audit_log").fetchall()
            names = connection.execute(
                "SELECT first_name, surname1, surname2, id_number, phone FROM participant"
            ).fetchall()
        log = "\n".join(" ".join(str(value) for value in row) for row in rows)
        assert len(rows) > 1000
        secrets = {value for row in names for value in row if value and len(value) > 3}
        secrets |= {"positivo", "negativo", "desconocido"}  # the «VIH» values
        found = sorted(secret for secret in secrets if secret in log)
        assert found == []
        assert check_workspace(workspace).problems == []
    finally:
        workspace.close()


def _demo_actor(workspace: Workspace):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.accounts import logged_in
    from reinsercion_desktop.services.setup import DEMO_LOGIN

    return logged_in(workspace.db, DEMO_LOGIN)


def test_an_administrator_signs_the_log_again_after_looking_into_it(
    workspace, admin, tecnico, participants, person
):  # type: ignore[no-untyped-def]
    """A backup put back by hand: check reports the cut tail until an administrator, with a
    reason, starts the anchor again; the log keeps the old head and the reason."""
    from reinsercion_desktop.domain.errors import PermissionDenied
    from reinsercion_desktop.services.audit_anchor import restart_anchor
    from reinsercion_desktop.services.audit_log import audit_lines

    for _ in range(3):
        participants.open(admin, person.id)
    old = anchor_of(workspace).head
    with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute("DELETE FROM audit_log WHERE seq > ?", (old.seq - 2,))
        connection.execute(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
        connection.commit()
    assert any("Falta la entrada" in problem for problem in check_workspace(workspace).problems)
    with pytest.raises(PermissionDenied):
        restart_anchor(workspace.db, tecnico, "se restauró la copia del lunes")
    with pytest.raises(UserError, match="Escriba por qué"):
        restart_anchor(workspace.db, admin, "  ")
    restart_anchor(workspace.db, admin, "se restauró la copia del lunes")
    assert check_workspace(workspace).problems == []
    last = audit_lines(workspace.db)[-1]
    assert (last.action, last.entity, last.reason) == (
        "update",
        "audit_log",
        "se restauró la copia del lunes",
    )
    assert last.changes == {"ancla_anterior": {"seq": old.seq, "hash": old.hash}}
    participants.open(admin, person.id)  # and the anchor moves again
    assert anchor_of(workspace).head == ChainPoint(*tail(workspace))
