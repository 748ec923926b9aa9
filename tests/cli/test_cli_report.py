"""`reinsercion report oferta-mensual`: the monthly offer bulletin from the command line
(SPEC §11 exit codes: 0 done, 1 a Spanish line on stderr, 2 wrong usage)."""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reinsercion_desktop import cli
from reinsercion_desktop.demo.resources import seed_resources


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may reach the real data folder nor inherit someone's credentials."""
    monkeypatch.setenv("REINSERCION_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # The data are encrypted: even the bulletin (no personal data in it) needs a login.
    monkeypatch.setenv("REINSERCION_USER", "admin")
    monkeypatch.setenv("REINSERCION_PASSWORD", "secreta123")


@pytest.fixture
def centre(workspace, admin, data_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    """An initialised data folder with the demo catalogue (dates around 15/01/2026)."""
    seed_resources(workspace.db, admin, date(2026, 1, 15))
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def report(folder: Path, out: Path, period: str = "2026-01", *extra: str) -> list[str]:
    return [
        "--data-dir",
        str(folder),
        "report",
        "oferta-mensual",
        "--period",
        period,
        "--out",
        str(out),
        *extra,
    ]


def assert_one_spanish_line(code: int, err: str, fragment: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("reinsercion: ")
    assert fragment in err


def test_writes_the_bulletin(capsys, centre, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "oferta.pdf"
    code, stdout, err = run(capsys, *report(centre, out, "2026-01", "--format", "pdf"))
    assert code == 0, err
    assert stdout.strip() == f"PDF guardado en {out}"
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "OFERTA MENSUAL DE RECURSOS — ENERO DE 2026" in text
    assert "Prepa en Línea" in text


def test_bad_period_is_a_user_error(capsys, centre, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "oferta.pdf"
    code, _, err = run(capsys, *report(centre, out, "11/2026"))
    assert_one_spanish_line(code, err, "El periodo tiene que ser AAAA-MM, por ejemplo 2026-11.")
    assert not out.exists()


def test_other_formats_are_a_user_error(capsys, centre, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "oferta.csv"
    code, _, err = run(capsys, *report(centre, out, "2026-01", "--format", "csv"))
    assert_one_spanish_line(code, err, "use --format pdf")
    assert not out.exists()


def test_unwritable_folder_is_a_user_error(capsys, centre, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, *report(centre, tmp_path / "no-existe" / "o.pdf"))
    assert_one_spanish_line(code, err, "No se pudo guardar el PDF")


def test_uninitialised_folder_is_a_user_error(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, *report(tmp_path / "vacia", tmp_path / "o.pdf"))
    assert_one_spanish_line(code, err, "no tiene instalación")


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "oferta-mensual", "--out", "x.pdf"],  # no period
        ["report", "oferta-mensual", "--period", "2026-01"],  # no output file
    ],
)
def test_wrong_usage_exits_2(capsys, tmp_path, argv) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), *argv)
    assert code == 2
    assert "uso incorrecto" in err
