"""`reinsercion persona exportar ID --out FILE.pdf [--json FILE.json]` (derecho de acceso)."""

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from reinsercion_desktop import cli
from tests.cli.test_cli import assert_user_error, open_folder, run


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("person-demo") / "data"
    assert cli.main(["--data-dir", str(folder), "demo", "--participants", "12", "--seed", "3"]) == 0
    return folder


@pytest.fixture
def demo_login(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REINSERCION_USER", "demo")
    monkeypatch.setenv("REINSERCION_PASSWORD", "demo")


def _person(folder: Path) -> tuple[str, str]:
    from reinsercion_desktop.db import queries

    workspace = open_folder(folder)
    try:
        with workspace.db.read() as session:
            # A CODAPEL that names one person only (the export refuses an ambiguous one).
            rows = sorted(queries.participant_list_rows(session=session))
            codapels = [row[4] for row in rows]
            first = next(row for row in rows if codapels.count(row[4]) == 1)
            return first[0], first[4]
    finally:
        workspace.close()


def export(capsys, folder: Path, *argv: str):  # type: ignore[no-untyped-def]
    return run(capsys, ["--data-dir", str(folder), "persona", "exportar", *argv])


def test_export_by_codapel_writes_the_pdf_and_the_json(demo, demo_login, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    participant_id, codapel = _person(demo)
    pdf, data = tmp_path / "acceso.pdf", tmp_path / "acceso.json"
    result = export(capsys, demo, codapel, "--out", str(pdf), "--json", str(data))
    assert result.code == 0, result
    assert result.out.splitlines() == [str(pdf), str(data)]
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "derecho de acceso" in text.lower() and codapel in text
    written = json.loads(data.read_text(encoding="utf-8"))
    assert written["format"] == "reinsercion-acceso/1"
    assert written["person"]["id"] == participant_id
    by_id = export(capsys, demo, participant_id, "--out", str(tmp_path / "otro.pdf"))
    assert by_id.code == 0, by_id


def test_a_bad_id_is_one_spanish_line(demo, demo_login, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = export(capsys, demo, "NO-EXISTE", "--out", str(tmp_path / "a.pdf"))
    assert_user_error(result, "No hay ninguna persona", "NO-EXISTE")
    assert not (tmp_path / "a.pdf").exists()


def test_out_onto_a_folder_or_the_data_folder_is_refused(
    demo, demo_login, capsys, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    _pid, codapel = _person(demo)
    assert_user_error(export(capsys, demo, codapel, "--out", str(tmp_path)), "carpeta")
    inside = demo / "acceso.pdf"
    assert_user_error(export(capsys, demo, codapel, "--out", str(inside)), "carpeta de datos")
    assert not inside.exists()


def test_missing_out_is_wrong_usage(demo, demo_login, capsys) -> None:  # type: ignore[no-untyped-def]
    assert export(capsys, demo, "X").code == 2
