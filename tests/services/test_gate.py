"""The way into an encrypted folder (issue 10): the login that unwraps the data key,
logins that resist guessing, the recovery key, and a plain installation converted."""

import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from reinsercion_desktop.db.engine import WrongKeyError, connect
from reinsercion_desktop.db.plain import is_plain
from reinsercion_desktop.security.keyfile import KeyFile, KeyFileError, WrongCredentials
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.security.throttle import LoginBlocked
from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.services.gate import FolderError, FolderState, Gate, folder_state
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


def _newest_plain_fixture() -> Path:
    """The newest schema a version before encryption wrote (from rev_0008 on, the fixtures
    are encrypted, as the versions that wrote them)."""
    return [path for path in sorted(FIXTURES.glob("rev_*.sqlite")) if is_plain(path)][-1]


@pytest.fixture
def folder(workspace, admin, participants, make_draft) -> Path:  # type: ignore[no-untyped-def]
    """An installation set up (key file written) with one file; the fixture's workspace
    closed, as when the application starts."""
    participants.create(admin, make_draft())
    workspace.close()
    return workspace.paths.root


def test_the_database_is_not_readable_without_the_key(folder) -> None:
    database = folder / "reinsercion.sqlite"
    assert not database.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError), closing(sqlite3.connect(database)) as plain:
        plain.execute("SELECT * FROM participant").fetchall()
    with pytest.raises(WrongKeyError):
        connect(database, DataKeys.generate().sqlcipher)
    for path in folder.rglob("*"):  # no file of the folder holds the person's name
        if path.is_file():
            assert "Núñez".encode() not in path.read_bytes(), path.name


def test_the_key_file_holds_no_login_nor_name(folder) -> None:
    text = KeyFile.path_in(folder).read_text(encoding="utf-8")
    assert ADMIN_LOGIN not in text.replace('"login_lock', "")  # logins are keyed tags
    assert "Administradora" not in text and ADMIN_PASSWORD not in text
    assert oct(KeyFile.path_in(folder).stat().st_mode & 0o777) == "0o600"


def test_login_opens_the_data_and_issues_the_actor(folder, clock) -> None:
    gate = Gate(folder, clock)
    assert gate.state is FolderState.LOCKED
    assert gate.centre_name() == "Asociación Nueva Vida"  # from the key file alone
    opened = gate.login(" ADMIN ", ADMIN_PASSWORD)
    try:
        assert opened.actor.login == ADMIN_LOGIN
        assert audit_lines(opened.workspace.db)[-1].action == "login"
    finally:
        opened.workspace.close()


def test_a_wrong_password_and_an_unknown_user_are_refused_alike(folder, clock) -> None:
    gate = Gate(folder, clock)
    timings = {}
    for login in (ADMIN_LOGIN, "nadie"):
        started = time.perf_counter()
        with pytest.raises(WrongCredentials, match="^Usuario o contraseña incorrectos.$"):
            gate.login(login, "no-es-esta")
        timings[login] = time.perf_counter() - started
    # The same Argon2 work for an unknown login as for a known one (a dummy wrap).
    assert timings["nadie"] > timings[ADMIN_LOGIN] / 3


def test_failures_make_the_login_wait_then_lock_it_and_are_audited(folder, clock) -> None:
    gate = Gate(folder, clock)
    with pytest.raises(WrongCredentials):
        gate.login(ADMIN_LOGIN, "mala-1")
    with pytest.raises(WrongCredentials):
        gate.login(ADMIN_LOGIN, "mala-2")  # the second try may come at once
    with pytest.raises(LoginBlocked, match="espere 1 s"):
        gate.login(ADMIN_LOGIN, ADMIN_PASSWORD)  # even the right password waits
    for attempt in range(3, 6):
        clock.advance(seconds=60)
        with pytest.raises(WrongCredentials):
            gate.login(ADMIN_LOGIN, f"mala-{attempt}")
    clock.advance(minutes=5)
    with pytest.raises(LoginBlocked, match="bloqueado durante 10 minutos"):
        gate.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    assert Gate(folder, clock).key_file.content["throttle"]  # kept across starts
    clock.advance(minutes=11)
    opened = Gate(folder, clock).login(ADMIN_LOGIN, ADMIN_PASSWORD)
    try:
        lines = audit_lines(opened.workspace.db)
        refused = [line for line in lines if line.action in ("login_failed", "login_locked")]
        assert [line.action for line in refused] == ["login_failed"] * 4 + ["login_locked"]
        assert all(line.changes["login"] == ADMIN_LOGIN for line in refused)
        # Written at this login, the lines say when each try was made (found missing
        # when reading the log after trying the lock in the real window).
        summaries = [line.summary() for line in refused]
        assert all("usuario escrito: «admin»" in text for text in summaries)
        tried = [text.split("intento del ")[1].split(" · ")[0] for text in summaries]
        # the first two at once, then one a minute; the lines written 16 minutes later
        assert tried == [f"15/01/2026 09:0{minute}" for minute in (0, 0, 1, 2, 3)]
    finally:
        opened.workspace.close()
    assert "refused" not in KeyFile.load(folder).content  # moved into the audit log


def test_what_was_typed_as_a_login_is_kept_to_64_characters(folder, clock) -> None:
    with pytest.raises(WrongCredentials):
        Gate(folder, clock).login("x" * 500, "mala")
    assert KeyFile.load(folder).content["refused"][0]["typed"] == "x" * 64


def test_the_recovery_key_opens_the_data_when_every_password_is_lost(workspace, setup_data):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.setup import SetupService

    service = SetupService(workspace.db, workspace.paths.root, workspace.keys)
    service.initialize(setup_data)
    code = service.recovery_code
    workspace.close()
    gate = Gate(workspace.paths.root)
    with pytest.raises(WrongCredentials):
        gate.recover("AAAAA-" + code[6:])
    recovered = gate.recover(code.lower().replace("-", " "))  # typed loosely
    try:
        assert recovered.is_initialized()
    finally:
        recovered.close()


def test_changing_a_password_rewraps_the_key(folder, clock) -> None:
    opened = Gate(folder, clock).login(ADMIN_LOGIN, ADMIN_PASSWORD)
    from reinsercion_desktop.services.registry import build_services

    accounts = build_services(opened.workspace).accounts
    accounts.change_password(opened.actor, opened.actor.user_id, "otra-clave-9", "otra-clave-9")
    opened.workspace.close()
    with pytest.raises(WrongCredentials):
        Gate(folder, clock).login(ADMIN_LOGIN, ADMIN_PASSWORD)
    again = Gate(folder, clock).login(ADMIN_LOGIN, "otra-clave-9")
    again.workspace.close()


def test_a_lost_key_file_or_a_broken_one_is_said_in_spanish(folder) -> None:
    key_file = KeyFile.path_in(folder)
    key_file.write_text("{no es json", encoding="utf-8")
    with pytest.raises(KeyFileError, match="dañado"):
        Gate(folder)
    key_file.unlink()
    with pytest.raises(FolderError, match="archivo de claves"):
        folder_state(folder)


def test_a_plain_installation_is_converted_at_its_first_login(tmp_path) -> None:
    data = tmp_path / "datos"
    (data / "copias").mkdir(parents=True)
    plain = _newest_plain_fixture()
    shutil.copyfile(plain, data / "reinsercion.sqlite")
    shutil.copyfile(plain, data / "copias" / "reinsercion-antigua.sqlite")  # a plain backup
    gate = Gate(data)
    assert gate.state is FolderState.PLAIN
    assert gate.centre_name()  # read from the plain file to paint the login
    with pytest.raises(WrongCredentials):
        gate.login("admin", "no-es-esta")
    assert gate.state is FolderState.PLAIN  # a wrong password changes nothing
    opened = gate.login("admin", "secreta123")
    try:
        assert opened.recovery_code and len(opened.recovery_code.split("-")) == 8
        assert opened.workspace.is_initialized()
    finally:
        opened.workspace.close()
    for path in data.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not content.startswith(b"SQLite format 3"), path.name
            assert "Núñez".encode() not in content, path.name
    # Everybody keeps their password: the técnico logs in too.
    Gate(data).login("tecnico", "secreta123").workspace.close()


def test_a_conversion_cut_short_is_completed_at_the_next_start(tmp_path) -> None:
    """The key file written and the encrypted copy beside the plain file: a crash there."""
    data = tmp_path / "datos"
    data.mkdir()
    plain = _newest_plain_fixture()
    shutil.copyfile(plain, data / "reinsercion.sqlite")
    opened = Gate(data).login("admin", "secreta123")
    keys = opened.workspace.keys
    opened.workspace.close()
    encrypted = data / "reinsercion.sqlite"
    encrypted.rename(data / "reinsercion.sqlite.cifrado-nuevo")
    shutil.copyfile(plain, encrypted)  # the plain file still in place, as before the rename
    assert folder_state(data) is FolderState.LOCKED
    assert not encrypted.read_bytes().startswith(b"SQLite format 3")
    Workspace.open(data, keys).close()


def test_a_recovery_key_read_with_zero_one_or_eight_for_o_i_or_b_still_opens() -> None:
    """The key is printed in base32 (no 0, 1 nor 8): from paper, an O read as a zero (seen
    on the printed sheet in a fixed-width type) must not lock the data away."""
    import hashlib

    from reinsercion_desktop.security.keyfile import format_recovery, parse_recovery

    secret = hashlib.sha256(b"1").digest()[:25]
    code = format_recovery(secret)
    assert code == "NODLE-477GT-6ODHL-LQBHP-6WR7K-5D23J-HKUIX-R2SOA"  # has an O, an I, a B
    misread = code.replace("O", "0").replace("I", "1").replace("B", "8").lower()
    assert parse_recovery(misread) == secret
