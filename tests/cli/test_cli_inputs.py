"""Absurd input on the command line (issue 11): one Spanish line, exit 1, nothing changed.

Where a file is written (`--out`, `--recovery-sheet`): never onto a device, a link, a
folder or inside the data folder. Numbers and dates: bounds said in the message. A FIFO
stands for a device in most tests (a broken check would replace it, not /dev/full).
"""

import os
import stat
from pathlib import Path

import pytest

from reinsercion_desktop.services.gate import FolderState, Gate
from tests.cli.test_cli import assert_user_error, run

ADMIN, PASSWORD = "admin", "secreta123"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REINSERCION_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("REINSERCION_USER", ADMIN)
    monkeypatch.setenv("REINSERCION_PASSWORD", PASSWORD)


def init_argv(data_dir: Path, sheet: Path | str) -> list[str]:
    return [
        "--data-dir", str(data_dir), "init", "--kind", "centre", "--name", "Nueva Vida",
        "--code", "VAR-01", "--recovery-sheet", str(sheet),
    ]  # fmt: skip


@pytest.fixture
def folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    data_dir = tmp_path / "datos"
    made = run(capsys, init_argv(data_dir, tmp_path / "hoja.pdf"))
    assert made.code == 0, made.err
    return data_dir


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "tuberia.pdf"
    os.mkfifo(path)
    return path


# -- where the recovery sheet goes: refused before anything is made ---------------------


def test_init_refuses_a_device_and_makes_no_installation(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    device = fifo(tmp_path)
    result = run(capsys, init_argv(tmp_path / "datos", device))
    assert_user_error(result, "es un dispositivo o un archivo especial", "Elija un archivo")
    assert stat.S_ISFIFO(os.lstat(device).st_mode)  # still the special file it was
    assert Gate(tmp_path / "datos").state is FolderState.NEW


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_init_refuses_dev_full_and_leaves_it_a_device(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run(capsys, init_argv(tmp_path / "datos", "/dev/full"))
    assert_user_error(result, "/dev/full", "dispositivo")
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_init_refuses_a_folder_a_link_and_the_data_folder(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "carpeta").mkdir()
    real = tmp_path / "real.pdf"
    real.write_bytes(b"mine")
    (tmp_path / "enlace.pdf").symlink_to(real)
    data_dir = tmp_path / "datos"
    cases = {
        tmp_path / "carpeta": "es una carpeta",
        tmp_path / "enlace.pdf": "es un enlace simbólico",
        data_dir / "hoja.pdf": "dentro de la carpeta de datos",
        tmp_path / "no-existe" / "hoja.pdf": "no existe",
        "": "Falta el nombre del archivo",
    }
    for sheet, message in cases.items():
        assert_user_error(run(capsys, init_argv(data_dir, sheet)), message)
        assert Gate(data_dir).state is FolderState.NEW
    assert real.read_bytes() == b"mine"


# -- pdf --out and report --out ------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_pdf_refuses_dev_null(capsys, folder) -> None:  # type: ignore[no-untyped-def]
    argv = ["--data-dir", str(folder), "pdf", "anexo-i", "--blank", "--out", "/dev/null"]
    assert_user_error(run(capsys, argv), "dispositivo")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_pdf_and_report_refuse_bad_targets(capsys, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    device = fifo(tmp_path)
    (tmp_path / "carpeta").mkdir()
    targets = {
        device: "dispositivo",
        tmp_path / "carpeta": "es una carpeta",
        folder / "copias" / "x.pdf": "dentro de la carpeta de datos",
        folder / "reinsercion.sqlite": "dentro de la carpeta de datos",
        tmp_path / "no" / "x.pdf": "no existe",
    }
    files = sorted(folder.rglob("*"))
    for out, message in targets.items():
        pdf = ["--data-dir", str(folder), "pdf", "anexo-i", "--blank", "--out", str(out)]
        assert_user_error(run(capsys, pdf), message)
        report = ["--data-dir", str(folder), "report", "oferta-mensual", "--period", "2026-01"]
        assert_user_error(run(capsys, [*report, "--out", str(out)]), message)
    assert stat.S_ISFIFO(os.lstat(device).st_mode)
    assert sorted(folder.rglob("*")) == files  # nothing added (a login is audited inside)
    assert not (folder / "reinsercion.sqlite").read_bytes().startswith(b"%PDF")


# -- numbers and dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--participants", str(10**30), "va de 1 a 50.000"),
        ("--participants", "50001", "va de 1 a 50.000"),
        ("--participants", "0", "va de 1 a 50.000"),
        ("--participants", "-5", "negativo"),
        ("--seed", "-1", "La semilla va de 0 a 4.294.967.295"),
        ("--seed", str(2**40), "La semilla va de 0"),
    ],
)
def test_demo_refuses_absurd_numbers_and_leaves_no_folder(  # type: ignore[no-untyped-def]
    capsys, tmp_path, option, value, message
) -> None:
    data_dir = tmp_path / "demo"
    assert_user_error(run(capsys, ["--data-dir", str(data_dir), "demo", option, value]), message)
    assert Gate(data_dir).state is FolderState.NEW


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("0000-01", "El año 0 es anterior a 1900"),
        ("9999-12", "El año 9999 es posterior a 2100"),
        ("2026-13", "El mes 13 no existe"),
        ("2026-00", "El mes 0 no existe"),
    ],
)
def test_report_refuses_absurd_periods(capsys, folder, tmp_path, period, message) -> None:  # type: ignore[no-untyped-def]
    argv = ["--data-dir", str(folder), "report", "oferta-mensual", "--period", period]
    assert_user_error(run(capsys, [*argv, "--out", str(tmp_path / "x.pdf")]), message)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("01/01/0001", "El año 1 es anterior a 1900"),
        ("0001-01-01", "El año 1 es anterior a 1900"),
        ("31/12/9999", "El año 9999 es posterior a 2100"),
        ("32/01/2026", "no existe en el calendario"),
    ],
)
def test_audit_refuses_absurd_dates(capsys, folder, since, message) -> None:  # type: ignore[no-untyped-def]
    assert_user_error(run(capsys, ["--data-dir", str(folder), "audit", "--since", since]), message)
