"""`reinsercion conservacion lista|anonimizar` (SPEC §10, issue 11)."""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reinsercion_desktop.services.gate import Gate
from reinsercion_desktop.services.participants import ParticipantService
from tests.cli.test_cli import ADMIN, ADMIN_PASSWORD, assert_user_error, init_args, run
from tests.conftest import valid_draft
from tests.services.test_retention import closed_file


@pytest.fixture
def folder(tmp_path, monkeypatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("REINSERCION_USER", ADMIN)
    monkeypatch.setenv("REINSERCION_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, init_args(data)).code == 0
    return data


@pytest.fixture
def old_file_id(folder) -> str:  # type: ignore[no-untyped-def]
    opened = Gate(folder).login(ADMIN, ADMIN_PASSWORD)
    workspace = opened.workspace
    try:
        participants = ParticipantService(workspace.db)  # type: ignore[attr-defined]
        person = closed_file(
            workspace, opened.actor, participants, valid_draft, discharged=date(2018, 6, 30)
        )
    finally:
        workspace.close()  # type: ignore[attr-defined]
    return person.id


def retention(capsys, data: Path, *argv: str):  # type: ignore[no-untyped-def]
    return run(capsys, ["--data-dir", str(data), "conservacion", *argv])


def test_the_list_prints_ids_and_codapel_never_names(folder, capsys, old_file_id) -> None:  # type: ignore[no-untyped-def]
    listed = retention(capsys, folder, "lista")
    assert listed.code == 0, listed
    [line] = listed.out.splitlines()
    assert old_file_id in line and "NUGA070385H" in line and "30/06/2018" in line
    assert "Núñez" not in listed.out and "José" not in listed.out


def test_an_empty_list_says_so(folder, capsys) -> None:  # type: ignore[no-untyped-def]
    listed = retention(capsys, folder, "lista")
    assert listed.code == 0 and "No hay fichas cerradas hace 5 años" in listed.out


def test_anonymise_needs_a_terminal_or_yes_and_a_good_out(  # type: ignore[no-untyped-def]
    folder, capsys, old_file_id, tmp_path
) -> None:
    out = tmp_path / "registro.pdf"
    args = ["anonimizar", old_file_id, "--motivo", "Petición escrita", "--out", str(out)]
    assert_user_error(retention(capsys, folder, *args), "no se puede deshacer", "--yes")
    wrong = ["anonimizar", old_file_id, "--motivo", "Petición", "--out", str(tmp_path), "--yes"]
    assert_user_error(retention(capsys, folder, *wrong), "es una carpeta")
    assert old_file_id in retention(capsys, folder, "lista").out  # nothing changed
    done = retention(capsys, folder, *args, "--yes")
    assert done.code == 0, done
    assert f"Anonimizada {old_file_id[:8]}" in done.out and "copias de seguridad" in done.out
    assert "Anonimizada" in PdfReader(out).pages[0].extract_text()
    assert "No hay fichas" in retention(capsys, folder, "lista").out
    assert_user_error(retention(capsys, folder, *args, "--yes"), "ya está anonimizada")
    checked = run(capsys, ["--data-dir", str(folder), "check"])
    assert checked.code == 0 and "integridad: correcta" in checked.out
    assert "nota: El formulario firmado" in checked.out
