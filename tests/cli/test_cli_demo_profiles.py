"""`reinsercion demo --profile`: the Andalusian VAR by default, the Mexico City programme on
request, a clear usage error for any other; and the window's `--demo` keeps the default."""

from pathlib import Path

import pytest
from sqlmodel import select

from reinsercion_desktop import cli
from reinsercion_desktop.db.models import Installation, Participant
from reinsercion_desktop.demo.profiles import DEFAULT_PROFILE, PROFILES
from reinsercion_desktop.services.gate import Gate


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may reach the real data folder nor inherit someone's credentials."""
    monkeypatch.setenv("REINSERCION_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("REINSERCION_USER", raising=False)
    monkeypatch.delenv("REINSERCION_PASSWORD", raising=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _installation(folder: Path) -> tuple[Installation, list[Participant]]:
    gate = Gate(folder)
    workspace = gate.open_with(gate.key_file.unlock("demo", "demo"))
    try:
        with workspace.db.read() as session:
            (installation,) = session.exec(select(Installation)).all()
            people = list(session.exec(select(Participant)).all())
    finally:
        workspace.close()
    return installation, people


def test_the_command_offers_the_demo_profiles_default_first() -> None:
    assert tuple(PROFILES) == cli.DEMO_PROFILES and cli.DEMO_PROFILES[0] == DEFAULT_PROFILE


def test_demo_without_a_profile_is_the_andalusian_var(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "demo", "--participants", "12")
    assert (code, err) == (0, "")
    assert "(andalucia)" in out and "12 participantes" in out
    installation, people = _installation(tmp_path / "d")
    assert installation.programme_kind == "var" and installation.province == "Sevilla"
    assert {p.id_kind for p in people} <= {"dni", "nie", "otro"}


def test_demo_profile_cdmx_is_the_mexico_city_programme(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "d"
    code, out, err = _run(
        capsys, "--data-dir", str(folder), "demo", "--profile", "cdmx", "--participants", "25"
    )
    assert (code, err) == (0, "")
    assert "(cdmx)" in out and "25 participantes" in out
    installation, people = _installation(folder)
    assert installation.programme_kind == "reintegration"
    assert installation.province == "Ciudad de México"
    assert {p.id_kind for p in people} <= {"curp", "otro"}


def test_an_unknown_profile_is_wrong_usage_in_spanish(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "demo", "--profile", "madrid")
    assert code == 2 and out == ""
    assert "opción no válida: 'madrid'" in err and "'andalucia', 'cdmx'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "d").exists() or not any((tmp_path / "d").iterdir())


def test_the_window_demo_folder_gets_the_default_profile(tmp_path: Path) -> None:
    """`reinsercion-desktop --demo` (app._open_gate) fills a new folder as before."""
    from reinsercion_desktop.app import _open_gate

    gate = _open_gate(tmp_path / "demo", demo=True)
    assert gate.is_demo() and gate.centre_name()
    installation, people = _installation(tmp_path / "demo")
    assert installation.programme_kind == "var" and len(people) == 120
    _open_gate(tmp_path / "demo", demo=True)  # opened again: not rebuilt
    assert len(_installation(tmp_path / "demo")[1]) == 120
