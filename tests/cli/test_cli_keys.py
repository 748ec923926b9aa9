"""`reinsercion keys show|export|import` (issue 13, deliverable 1 and 8): a centre and its
office exchange their public keys and confirm each other's fingerprint."""

import io
import re
from pathlib import Path

import pytest

from tests.cli.test_cli import ADMIN, ADMIN_PASSWORD, assert_user_error, init_args, run, table_count

FINGERPRINT = re.compile(r"Huella: ([0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{4})")


@pytest.fixture
def folders(tmp_path, monkeypatch, capsys) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("REINSERCION_USER", ADMIN)
    monkeypatch.setenv("REINSERCION_PASSWORD", ADMIN_PASSWORD)
    centre, office = tmp_path / "centro" / "data", tmp_path / "oficina" / "data"
    assert run(capsys, init_args(centre)).code == 0
    office_init = init_args(office, name="Oficina FADA", code="FADA")
    office_init[office_init.index("centre")] = "office"
    assert run(capsys, office_init).code == 0
    return centre, office


def keys(capsys, data: Path, *argv: str):  # type: ignore[no-untyped-def]
    return run(capsys, ["--data-dir", str(data), "keys", *argv])


def test_show_prints_name_kind_fingerprint_and_recipient(folders, capsys) -> None:  # type: ignore[no-untyped-def]
    centre, office = folders
    shown = keys(capsys, office, "show")
    assert shown.code == 0, shown
    assert "Oficina FADA (FADA)" in shown.out and "Oficina" in shown.out
    assert FINGERPRINT.search(shown.out)
    assert re.search(r"Clave de cifrado \(age\): age1[0-9a-z]+", shown.out)
    assert (
        FINGERPRINT.search(keys(capsys, centre, "show").out)[1] != FINGERPRINT.search(shown.out)[1]
    )  # type: ignore[index]


def test_export_then_import_with_the_fingerprint_read_by_phone(folders, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    centre, office = folders
    out = tmp_path / "fada.rdclave"
    exported = keys(capsys, office, "export", "--out", str(out))
    assert exported.code == 0, exported
    read_aloud = FINGERPRINT.search(keys(capsys, office, "show").out)[1]  # type: ignore[index]
    assert read_aloud in exported.out
    typed = read_aloud.lower().replace(" ", "-")
    trusted = keys(capsys, centre, "import", str(out), "--name", "FADA", "--fingerprint", typed)
    assert trusted.code == 0, trusted
    assert "Oficina FADA (FADA)" in trusted.out and "confirmada" in trusted.out
    assert table_count(centre, "peer") == 1
    again = keys(capsys, centre, "import", str(out), "--name", "FADA", "--fingerprint", typed)
    assert again.code == 0 and "no se ha cambiado nada" in again.out
    assert run(capsys, ["--data-dir", str(centre), "check"]).code == 0


def test_a_wrong_fingerprint_is_refused_and_nothing_kept(folders, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    centre, office = folders
    out = tmp_path / "fada.rdclave"
    assert keys(capsys, office, "export", "--out", str(out)).code == 0
    wrong = FINGERPRINT.search(keys(capsys, centre, "show").out)[1]  # type: ignore[index]
    refused = keys(capsys, centre, "import", str(out), "--name", "FADA", "--fingerprint", wrong)
    assert_user_error(refused, "no coincide")
    assert table_count(centre, "peer") == 0


def test_without_fingerprint_nor_terminal_it_refuses_after_showing_it(
    folders, capsys, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    centre, office = folders
    out = tmp_path / "fada.rdclave"
    assert keys(capsys, office, "export", "--out", str(out)).code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    refused = keys(capsys, centre, "import", str(out), "--name", "FADA")
    assert_user_error(refused, "Falta la huella", "--fingerprint")
    assert "Huella del archivo:" in refused.out
    assert table_count(centre, "peer") == 0


def test_on_a_terminal_it_asks_for_the_fingerprint(folders, capsys, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    centre, office = folders
    out = tmp_path / "fada.rdclave"
    assert keys(capsys, office, "export", "--out", str(out)).code == 0
    read_aloud = FINGERPRINT.search(keys(capsys, office, "show").out)[1]  # type: ignore[index]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(read_aloud + "\n"))
    trusted = keys(capsys, centre, "import", str(out), "--name", "FADA")
    assert trusted.code == 0, trusted
    assert table_count(centre, "peer") == 1


@pytest.mark.parametrize(
    ("argv", "code", "fragment"),
    [
        (["import", "{tmp}/nada.rdclave", "--name", "X", "--fingerprint", "AAAA"], 1, "No existe"),
        (
            ["import", "{tmp}/foto.rdclave", "--name", "X", "--fingerprint", "AAAA"],
            1,
            "no es un archivo de clave",
        ),
        (["import", "{tmp}", "--name", "X", "--fingerprint", "AAAA"], 1, "es una carpeta"),
        (["export", "--out", "{data}/mi.rdclave"], 1, "dentro de la carpeta de datos"),
        (["export", "--out="], 1, "Falta el nombre del archivo"),
        (["export", "--out", "/dev/null"], 1, "es un dispositivo"),
        (["import", "{tmp}/foto.rdclave"], 2, "--name"),
        (["export"], 2, "--out"),
        ([], 2, "faltan estos argumentos"),
    ],
)
def test_bad_input_is_one_spanish_line(folders, capsys, tmp_path, argv, code, fragment) -> None:  # type: ignore[no-untyped-def]
    centre, _office = folders
    (tmp_path / "foto.rdclave").write_bytes(b"\x89PNG\r\n\x1a\n")
    argv = [a.format(tmp=tmp_path, data=centre) for a in argv]
    result = keys(capsys, centre, *argv)
    if code == 1:
        assert_user_error(result, fragment)
    else:
        assert result.code == 2 and fragment in result.err and "Traceback" not in result.err
