"""A full disk (issue 11) during a PDF, a form's autosave and the demo: one Spanish line,
the database as it was (the unit of work rolled back), no half file, and the demo can be
run again in the same folder. Simulated: ENOSPC from the system, SQLITE_FULL from SQLite."""

import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from reinsercion_desktop import cli
from reinsercion_desktop.demo import builder
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.forms.loader import FormCatalogue, load_definition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.pdf import base
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.gate import Gate


def enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def forms(workspace) -> FormService:  # type: ignore[no-untyped-def]
    catalogue = FormCatalogue()
    catalogue.add(load_definition(forms_dir() / "anexo-iv.v1.json"))
    return FormService(workspace.db, catalogue, AttachmentService.of(workspace))


def test_a_pdf_on_a_full_disk_leaves_no_half_file(forms, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "salida"
    out.mkdir()
    target = out / "anexo.pdf"
    monkeypatch.setattr(base.os, "fsync", enospc)
    with pytest.raises(UserError, match="no queda espacio en el disco. Elija otra carpeta"):
        forms.blank_pdf("anexo-iv", target)
    assert list(out.iterdir()) == []


def test_a_pdf_on_a_full_disk_keeps_the_previous_file(forms, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "salida"
    out.mkdir()
    target = out / "anexo.pdf"
    target.write_bytes(b"%PDF the one printed yesterday")
    monkeypatch.setattr(base.os, "fsync", enospc)
    with pytest.raises(UserError, match="no queda espacio"):
        forms.blank_pdf("anexo-iv", target)
    assert target.read_bytes() == b"%PDF the one printed yesterday"
    assert list(out.iterdir()) == [target]


@pytest.fixture
def sqlite_full(workspace) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """While the list holds a table name, SQLite refuses to write into it: disk full."""
    tables: list[str] = []

    def refuse(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if any(statement.startswith(("UPDATE " + t, "INSERT INTO " + t)) for t in tables):
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(workspace.db.engine, "before_cursor_execute", refuse)
    yield tables
    event.remove(workspace.db.engine, "before_cursor_execute", refuse)


def test_autosave_on_a_full_disk_says_so_and_keeps_the_last_save(  # type: ignore[no-untyped-def]
    workspace, forms, admin, participants, make_draft, sqlite_full
) -> None:
    person = participants.create(admin, make_draft())
    instance = forms.create(admin, "anexo-iv", person.id)
    before = forms.open(admin, instance.id)
    sqlite_full.append("form_instance")
    typed = {**before.data, "libre": "escrito con el disco lleno"}
    with pytest.raises(UserError, match="no queda espacio en el disco. No se ha guardado nada"):
        forms.save_draft(admin, instance.id, typed, expected_version=instance.version)
    sqlite_full.clear()
    after = forms.open(admin, instance.id)
    assert (after.data, after.instance.version) == (before.data, before.instance.version)
    # The disk has room again: the same save goes through, and the audit chain holds.
    saved = forms.save_draft(admin, instance.id, typed, expected_version=instance.version)
    assert saved.version == instance.version + 1
    assert check_workspace(workspace).ok, check_workspace(workspace).problems


# -- the demo ------------------------------------------------------------------------------


def run_demo(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["--data-dir", str(folder), "demo", "--participants", "12", "--seed", "3"])
    return code, capsys.readouterr().err


def sqlite_full_in_bulk(*_args: object, **_kwargs: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


@pytest.mark.parametrize(
    ("where", "failure"),
    [
        ("add_circuit", enospc),  # the system's ENOSPC, mid-way
        ("_documents", enospc),  # while writing the encrypted documents
        ("add_circuit", sqlite_full_in_bulk),  # SQLite's own "disk is full"
    ],
)
def test_a_demo_on_a_full_disk_says_so_and_can_be_run_again(  # type: ignore[no-untyped-def]
    capsys, tmp_path, monkeypatch, where, failure
) -> None:
    folder = tmp_path / "demo"
    with monkeypatch.context() as patch:
        patch.setattr(builder, where, failure)
        code, err = run_demo(capsys, folder)
    assert code == 1
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert "no se pudieron crear los datos de demostración" in err.lower(), err
    assert "vuelva a ejecutar «reinsercion demo» en la misma carpeta" in err
    assert not (folder / "reinsercion.claves").exists()
    assert [p for p in (folder / "documentos").rglob("*") if p.is_file()] == []

    code, err = run_demo(capsys, folder)
    assert code == 0, err
    opened = Gate(folder).login("demo", "demo")
    try:
        report = check_workspace(opened.workspace)
        assert report.ok, report.problems
    finally:
        opened.workspace.close()
