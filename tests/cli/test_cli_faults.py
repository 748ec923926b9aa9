"""Bad files, a read-only folder and a second instance met by the command line (issue 11):
exit 1, one Spanish line on stderr (SQLCipher's own lines silenced), nothing changed."""

import os
import subprocess
import sys
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.paths import DataPaths
from reinsercion_desktop.security import instance_lock
from tests.cli.test_cli import REPO_ROOT, Result, assert_user_error, run, run_module
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, TEST_KEYS
from tests.services.test_instance_lock import forge_note, hold_in_another_process
from tests.services.test_opening_faults import snapshot


@pytest.fixture
def folder(workspace, admin, participants, make_draft, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """An installation with one file, closed; the commands log in as its administrator."""
    participants.create(admin, make_draft())
    workspace.close()
    monkeypatch.setenv("REINSERCION_DATA_DIR", str(workspace.paths.root))
    monkeypatch.setenv("REINSERCION_USER", ADMIN_LOGIN)
    monkeypatch.setenv("REINSERCION_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    return workspace.paths.root


def unchanged_but_log(before: dict, folder: Path) -> None:  # type: ignore[type-arg]
    after = snapshot(folder)
    after.pop(instance_lock.LOCK_FILE_NAME, None)
    before = {k: v for k, v in before.items() if k != instance_lock.LOCK_FILE_NAME}
    assert after == before


def test_check_is_refused_while_another_process_holds_the_folder(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    holder = hold_in_another_process(folder)
    try:
        before = snapshot(folder)
        result = run(capsys, ["check"])
        assert_user_error(result, "La carpeta de datos ya está abierta en este equipo (")
        assert snapshot(folder) == before
    finally:
        holder.communicate("")
    assert run(capsys, ["check"]).code == 0  # closed there: free here


def test_a_command_is_refused_while_another_pc_holds_the_folder(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    forge_note(folder, "RECEPCION-PC", refreshed_ago=timedelta(seconds=20))
    result = run(capsys, ["audit"])
    assert_user_error(result, "La carpeta de datos está abierta en RECEPCION-PC desde ")
    assert "Ciérrela allí antes de abrirla aquí" in result.err


def test_the_lock_is_released_after_a_command(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, ["check"]).code == 0
    assert (folder / instance_lock.LOCK_FILE_NAME).read_bytes() == b""
    instance_lock.InstanceLock.acquire(folder).release()


def test_a_read_only_folder_is_one_line(folder: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(instance_lock.os, "open", refuse)
    assert_user_error(
        run(capsys, ["check"]), f"No se puede escribir en la carpeta de datos {folder}"
    )


def test_a_zero_byte_database_is_not_made_a_demo(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "vacia"
    data.mkdir()
    (data / "reinsercion.sqlite").write_bytes(b"")
    result = run(capsys, ["--data-dir", str(data), "demo", "--participants", "3"])
    assert_user_error(result, "está vacía (0 bytes)", "Restaure la última copia buena")
    assert (data / "reinsercion.sqlite").read_bytes() == b""
    assert not (data / "reinsercion.claves").exists()


def test_a_damaged_page_is_one_line_naming_the_copy(folder: Path) -> None:
    copy = DataPaths(folder).backups / "copia-20261201-buena.rdcopia"
    copy.write_bytes(b"la copia")
    database = DataPaths(folder).database
    content = bytearray(database.read_bytes())
    middle = len(content) // 2
    content[middle : middle + 64] = bytes(b ^ 0xFF for b in content[middle : middle + 64])
    database.write_bytes(bytes(content))
    result = run_module(["check"], cwd=folder.parent)  # the real stderr: SQLCipher's too
    assert_user_error(
        result,
        "está dañada",
        "Restaure la última copia buena: Administración → Copias de seguridad, o reinsercion "
        f"backup restore {copy}",
    )


def test_a_newer_schema_is_one_line_and_no_backup(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with closing(connect(DataPaths(folder).database, TEST_KEYS.sqlcipher)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0042'")
        connection.commit()
    for _start in range(2):
        result = run(capsys, ["check"])
        assert_user_error(result, "versión más nueva del programa (esquema 0042")
    assert list(DataPaths(folder).backups.iterdir()) == []


def test_another_programs_file_is_one_line(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    database = DataPaths(folder).database
    database.unlink()
    (folder / "reinsercion.claves").unlink()
    with closing(sqlite3.connect(database)) as other:
        other.execute("CREATE TABLE song (title TEXT)")
        other.commit()
    before = snapshot(folder)
    result = run(capsys, ["check"])
    assert_user_error(result, "no es una base de datos de Reinserción Desktop")
    unchanged_but_log(before, folder)


def test_a_missing_key_file_is_one_line(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (folder / "reinsercion.claves").unlink()
    assert_user_error(run(capsys, ["check"]), "le falta su archivo de claves")


def test_a_bad_form_definition_is_one_line_naming_the_file(  # type: ignore[no-untyped-def]
    folder: Path, capsys, monkeypatch, tmp_path: Path
) -> None:
    from reinsercion_desktop.paths import forms_dir
    from reinsercion_desktop.services import registry

    forms = tmp_path / "forms"
    forms.mkdir()
    for source in forms_dir().glob("*.json"):
        (forms / source.name).write_bytes(source.read_bytes())
    (forms / "anexo-i.v9.json").write_bytes('{"title": "Año"}'.encode("latin-1"))
    monkeypatch.setattr(registry, "forms_dir", lambda: forms)
    assert_user_error(run(capsys, ["forms", "list"]), "anexo-i.v9.json: no está en UTF-8 (línea 1")


def test_two_commands_at_once_one_waits_its_turn_or_is_told(folder: Path) -> None:
    """Two real processes started together: each either runs or is refused cleanly."""
    env = {**os.environ}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "reinsercion_desktop.cli", "check"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        for _ in range(2)
    ]
    results = [Result(p.wait(timeout=60), *p.communicate()) for p in processes]
    assert any(r.code == 0 for r in results), results
    for result in results:
        if result.code != 0:
            assert_user_error(result, "La carpeta de datos ya está abierta en este equipo")
