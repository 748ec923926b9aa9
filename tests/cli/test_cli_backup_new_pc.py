"""`reinsercion backup restore COPIA` on a new PC: the data folder has no installation, the
copy (on a USB stick) opens with a user and password of its own installation."""

from pathlib import Path

import pytest

from tests.cli.test_cli import ADMIN, ADMIN_PASSWORD, assert_user_error, init_args, run, table_count


@pytest.fixture
def stick_copy(tmp_path, monkeypatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    data = tmp_path / "viejo-pc"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("REINSERCION_USER", ADMIN)
    monkeypatch.setenv("REINSERCION_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, init_args(data)).code == 0
    made = run(capsys, ["--data-dir", str(data), "backup", "create", "--to", str(tmp_path / "usb")])
    assert made.code == 0, made
    return Path(made.out.strip())


def test_a_new_folder_is_restored_from_the_stick_and_then_opens(
    stick_copy, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    new_pc = tmp_path / "nuevo-pc"
    restored = run(capsys, ["--data-dir", str(new_pc), "backup", "restore", str(stick_copy)])
    assert restored.code == 0, restored
    assert "Copia restaurada en" in restored.out and "Registros que contiene:" in restored.out
    assert table_count(new_pc, "user_account") == 1  # opened with the copy's own login


def test_a_wrong_password_on_a_new_folder_leaves_it_new(
    stick_copy, tmp_path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REINSERCION_PASSWORD", "no-es-esta")
    new_pc = tmp_path / "nuevo-pc"
    refused = run(capsys, ["--data-dir", str(new_pc), "backup", "restore", str(stick_copy)])
    assert_user_error(refused, "use los de la instalación de la que se hizo la copia")
    assert not (new_pc / "reinsercion.sqlite").exists()
    assert not (new_pc / "reinsercion.claves").exists()
