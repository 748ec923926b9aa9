"""`reinsercion backup create|list|verify|restore` (SPEC §11)."""

import zipfile
from pathlib import Path

import pytest

from tests.cli.test_cli import (
    ADMIN,
    ADMIN_PASSWORD,
    assert_user_error,
    init_args,
    run,
    table_count,
)
from tests.kill_helpers import killed_at


@pytest.fixture
def folder(tmp_path, monkeypatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("REINSERCION_USER", ADMIN)
    monkeypatch.setenv("REINSERCION_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, init_args(data)).code == 0
    return data


def backup(capsys, data: Path, *argv: str):  # type: ignore[no-untyped-def]
    return run(capsys, ["--data-dir", str(data), "backup", *argv])


def test_create_prints_the_path_and_list_shows_it(folder, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    made = backup(capsys, folder, "create")
    assert made.code == 0, made
    path = Path(made.out.strip())
    assert path.is_file() and path.parent == folder / "copias" and path.suffix == ".rdcopia"
    stick = tmp_path / "usb"
    elsewhere = backup(capsys, folder, "create", "--to", str(stick))
    assert Path(elsewhere.out.strip()).parent == stick
    listed = backup(capsys, folder, "list")
    assert listed.code == 0
    [line] = listed.out.splitlines()
    assert "manual" in line and "comprobada" in line and path.name in line


def test_verify_says_correcta_or_what_is_wrong(folder, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = Path(backup(capsys, folder, "create").out.strip())
    checked = backup(capsys, folder, "verify", str(path))
    assert checked.code == 0 and f"{path.name}: correcta" in checked.out
    path.write_bytes(path.read_bytes()[:-200])
    assert_user_error(backup(capsys, folder, "verify", str(path)), "copia")
    assert_user_error(backup(capsys, folder, "verify", str(tmp_path / "nada.rdcopia")), "No existe")
    other = tmp_path / "otra.rdcopia"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hola.txt", "hola")
    assert_user_error(backup(capsys, folder, "verify", str(other)), "manifiesto")


def test_restore_without_a_terminal_needs_yes(folder, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = Path(backup(capsys, folder, "create").out.strip())
    monkeypatch.setattr("sys.stdin", None)
    refused = backup(capsys, folder, "restore", str(path))
    assert_user_error(refused, "--yes")
    assert "Copia:" in refused.out  # what it holds was shown first
    users_before = table_count(folder, "user_account")
    restored = backup(capsys, folder, "restore", str(path), "--yes")
    assert restored.code == 0, restored
    assert "antes-de-restaurar" in restored.out
    assert table_count(folder, "user_account") == users_before
    assert run(capsys, ["--data-dir", str(folder), "check"]).code == 0


def test_backup_usage_errors_exit_2(folder, capsys) -> None:  # type: ignore[no-untyped-def]
    assert backup(capsys, folder).code == 2
    assert backup(capsys, folder, "verify").code == 2


@pytest.mark.parametrize("delay", [1.2, 2.4, 3.6])  # start-up, login, the work itself
def test_kill_9_during_a_backup_or_a_restore_leaves_nothing_that_looks_real(  # type: ignore[no-untyped-def]
    folder, capsys, delay
) -> None:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    made = Path(backup(capsys, folder, "create").out.strip())
    killed_at(["--data-dir", str(folder), "backup", "create"], env, delay)
    killed_at(["--data-dir", str(folder), "backup", "restore", str(made), "--yes"], env, delay)
    for copy in (folder / "copias").glob("copia-*"):  # every named copy is a sound one
        assert backup(capsys, folder, "verify", str(copy)).code == 0, copy.name
    checked = run(capsys, ["--data-dir", str(folder), "check"])  # opens: settles a restore
    assert checked.code == 0, checked
    assert not list(folder.glob(".restaurando*"))
