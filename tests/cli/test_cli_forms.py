"""`reinsercion forms list` and `reinsercion pdf`: forms from the command line."""

from contextlib import closing
from pathlib import Path

import pytest
from pypdf import PdfReader

from reinsercion_desktop import cli
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.services.gate import Gate


def _run(capsys, argv):  # type: ignore[no-untyped-def]
    capsys.readouterr()
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("forms-demo") / "data"
    assert cli.main(["--data-dir", str(folder), "demo", "--participants", "20", "--seed", "2"]) == 0
    return folder


@pytest.fixture
def demo_login(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REINSERCION_USER", "demo")
    monkeypatch.setenv("REINSERCION_PASSWORD", "demo")


def test_forms_list_prints_id_form_codapel_and_status(capsys, demo, demo_login):  # type: ignore[no-untyped-def]
    code, out, err = _run(capsys, ["--data-dir", str(demo), "forms", "list"])
    assert code == 0, err
    lines = [line.split("  ") for line in out.splitlines()]
    assert len(lines) >= 20
    assert {len(parts) for parts in lines} == {4}
    assert {parts[3] for parts in lines} == {"Borrador", "Definitivo", "Firmado"}
    code, out, _ = _run(capsys, ["--data-dir", str(demo), "forms", "list", "--form", "anexo-vii"])
    assert code == 0 and out and all("  anexo-vii  " in line for line in out.splitlines())


def test_forms_list_needs_credentials_and_a_known_form(capsys, demo, demo_login, monkeypatch):  # type: ignore[no-untyped-def]
    code, _, err = _run(capsys, ["--data-dir", str(demo), "forms", "list", "--form", "anexo-x"])
    assert code == 1 and "No existe el formulario «anexo-x»" in err and len(err.splitlines()) == 1
    monkeypatch.delenv("REINSERCION_USER")
    code, _, err = _run(capsys, ["--data-dir", str(demo), "forms", "list"])
    assert code == 1 and "REINSERCION_USER" in err


def test_pdf_of_a_record_and_of_a_blank_form(capsys, demo, demo_login, tmp_path):  # type: ignore[no-untyped-def]
    _, out, _ = _run(capsys, ["--data-dir", str(demo), "forms", "list", "--form", "consentimiento"])
    record_id = out.split()[0]
    filled = tmp_path / "consentimiento.pdf"
    code, _, err = _run(
        capsys,
        [
            "--data-dir",
            str(demo),
            "pdf",
            "consentimiento",
            "--record",
            record_id,
            "--out",
            str(filled),
        ],
    )
    assert code == 0, err
    text = PdfReader(filled).pages[0].extract_text()
    assert "CONSENTIMIENTO INFORMADO" in text and record_id[:8] in text
    blank = tmp_path / "anexo-i.pdf"
    code, _, err = _run(
        capsys, ["--data-dir", str(demo), "pdf", "anexo-i", "--blank", "--out", str(blank)]
    )
    assert code == 0, err
    assert "Formulario en blanco" in PdfReader(blank).pages[0].extract_text()


def test_pdf_refuses_a_record_of_another_form_and_bad_usage(capsys, demo, demo_login, tmp_path):  # type: ignore[no-untyped-def]
    _, out, _ = _run(capsys, ["--data-dir", str(demo), "forms", "list", "--form", "consentimiento"])
    record_id = out.split()[0]
    code, _, err = _run(
        capsys,
        [
            "--data-dir",
            str(demo),
            "pdf",
            "anexo-i",
            "--record",
            record_id,
            "--out",
            str(tmp_path / "x.pdf"),
        ],
    )
    assert code == 1 and "no un anexo-i" in err and "Traceback" not in err
    code, _, err = _run(
        capsys, ["--data-dir", str(demo), "pdf", "anexo-i", "--out", str(tmp_path / "x.pdf")]
    )
    assert code == 2  # neither --record nor --blank
    code, _, err = _run(
        capsys,
        [
            "--data-dir",
            str(demo),
            "pdf",
            "anexo-i",
            "--blank",
            "--out",
            str(tmp_path / "no" / "x.pdf"),
        ],
    )
    assert code == 1 and "Elija otra carpeta" in err


# -- who may list and read the log (issue 10: permissions in the services) ---------------


def _audit_rows(demo: Path, where: str) -> list[tuple]:
    keys = Gate(demo).key_file.unlock("demo", "demo")  # the key only: no login recorded
    with closing(connect(demo / "reinsercion.sqlite", keys.sqlcipher)) as connection:
        return connection.execute(
            f"SELECT actor_login, entity, record_id, participant_id, reason FROM audit_log "
            f"WHERE {where} ORDER BY seq"
        ).fetchall()


def test_forms_list_records_one_read_per_person_listed(capsys, demo, demo_login):  # type: ignore[no-untyped-def]
    """form.list: `reinsercion audit --participant` then shows who listed the person's forms."""
    before = _audit_rows(demo, "reason LIKE 'Listado de formularios%'")
    code, out, err = _run(capsys, ["--data-dir", str(demo), "forms", "list", "--form", "anexo-i"])
    assert code == 0, err
    listed = {line.split("  ")[2] for line in out.splitlines()}
    reads = _audit_rows(demo, "reason LIKE 'Listado de formularios%'")[len(before) :]
    assert len(reads) == len(listed) > 0  # one per person (a person's forms are one read)
    assert {(login, entity, record) for login, entity, record, _p, _r in reads} == {
        ("demo", "form_instance", "")
    }
    assert all(person for _l, _e, _r, person, _reason in reads)


def test_audit_needs_a_responsable_as_in_the_window(capsys, demo, monkeypatch):  # type: ignore[no-untyped-def]
    """audit.read from responsable up: a técnico/a is refused, one Spanish line, no log read."""
    monkeypatch.setenv("REINSERCION_USER", "lucia.moreno")  # a técnica of the demo
    monkeypatch.setenv("REINSERCION_PASSWORD", "demo1234")
    reads_before = _audit_rows(demo, "entity = 'audit_log'")
    code, out, err = _run(capsys, ["--data-dir", str(demo), "audit"])
    assert (code, out) == (1, "")
    assert err == (
        "reinsercion: Solo responsables y administradores pueden leer el registro de auditoría.\n"
    )
    assert _audit_rows(demo, "entity = 'audit_log'") == reads_before

    monkeypatch.setenv("REINSERCION_USER", "antonio.ruiz")  # the demo's responsable
    code, out, err = _run(capsys, ["--data-dir", str(demo), "audit"])
    assert code == 0, err
    [read] = _audit_rows(demo, "entity = 'audit_log'")[len(reads_before) :]
    assert read[:2] == ("antonio.ruiz", "audit_log")
    assert "antonio.ruiz · Consulta · Registro de auditoría" in out.splitlines()[-1]
