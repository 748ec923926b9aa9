"""The `reinsercion` command (SPEC §11): exit codes, one-line Spanish errors, no tracebacks.

Most cases drive `cli.main(argv)` in-process; a few run `python -m reinsercion_desktop.cli`
in a subprocess, where stderr is the real one (nothing of pytest's logging capture in
between). Every test works in a tmp_path data folder: REINSERCION_DATA_DIR and
XDG_DATA_HOME point into tmp_path too, so the real user data folder is never touched.
"""

import os
import random
import re
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from reinsercion_desktop import cli
from reinsercion_desktop.db import migrate
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.security.keyfile import WrongCredentials
from reinsercion_desktop.services.gate import FolderState, Gate
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.workspace import Workspace

ADMIN = "admin"
ADMIN_PASSWORD = "secreta123"
DEMO_PARTICIPANTS = 30
DEMO_SEED = 5
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def run(capsys: pytest.CaptureFixture[str], argv: Sequence[str]) -> Result:
    """cli.main in-process; argparse's SystemExit (wrong usage, --version) becomes the code."""
    capsys.readouterr()  # drop whatever a fixture printed
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def run_module(argv: Sequence[str], *, cwd: Path) -> Result:
    """`python -m reinsercion_desktop.cli ...` with the current (monkeypatched) environment."""
    completed = subprocess.run(
        [sys.executable, "-m", "reinsercion_desktop.cli", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def assert_user_error(result: Result, *fragments: str) -> None:
    """Exit 1, exactly one line on stderr, in Spanish, prefixed, never a traceback."""
    assert result.code == 1, result
    assert "Traceback" not in result.err, result.err
    assert len(result.err_lines) == 1, result.err
    assert result.err.startswith("reinsercion: "), result.err
    for fragment in fragments:
        assert fragment in result.err, (fragment, result.err)


def init_args(
    data_dir: Path, *, name: str = "Asociación Nueva Vida", code: str = "VAR-01"
) -> list[str]:
    sheet = data_dir.parent / "hoja-de-recuperacion.pdf"  # outside the data folder, as advised
    return [
        "--data-dir", str(data_dir), "init", "--kind", "centre", "--name", name, "--code", code,
        "--recovery-sheet", str(sheet),
    ]  # fmt: skip


def open_folder(data_dir: Path) -> Workspace:
    """A folder made by `init` (admin) or `demo` (demo), opened by logging in as it would be."""
    gate = Gate(data_dir)
    for login, password in ((ADMIN, ADMIN_PASSWORD), ("demo", "demo"), ("gerente", ADMIN_PASSWORD)):
        try:  # the key only: no login recorded in the audit log the tests count
            return gate.open_with(gate.key_file.unlock(login, password))  # type: ignore[return-value]
        except WrongCredentials:
            continue
    raise AssertionError(f"no known account opens {data_dir}")


def participants_in(data_dir: Path) -> list[tuple[object, ...]]:
    workspace = open_folder(data_dir)
    try:
        rows = ParticipantService(workspace.db).list_rows()
    finally:
        workspace.close()
    return [
        (row.first_name, row.surname1, row.surname2, row.codapel, row.id_number, row.birth_date)
        for row in rows
    ]


def is_initialized(data_dir: Path) -> bool:
    if Gate(data_dir).state is FolderState.NEW:
        return False
    workspace = open_folder(data_dir)
    try:
        return workspace.is_initialized()
    finally:
        workspace.close()


def raw_rows(data_dir: Path, sql: str) -> list[tuple]:
    """Rows read straight from the folder's encrypted file, with the key a login unwraps."""
    workspace = open_folder(data_dir)
    try:
        with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
            return connection.execute(sql).fetchall()
    finally:
        workspace.close()


def table_count(data_dir: Path, table: str) -> int:
    if Gate(data_dir).state is FolderState.NEW:
        return 0
    workspace = open_folder(data_dir)
    try:
        with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
            return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        workspace.close()


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test may reach the real data folder nor inherit someone's credentials."""
    default_dir = tmp_path / "default-data"
    monkeypatch.setenv("REINSERCION_DATA_DIR", str(default_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("REINSERCION_USER", raising=False)
    monkeypatch.delenv("REINSERCION_PASSWORD", raising=False)
    monkeypatch.setenv("PYTHONIOENCODING", "utf-8")
    return default_dir


@pytest.fixture
def admin_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REINSERCION_USER", ADMIN)
    monkeypatch.setenv("REINSERCION_PASSWORD", ADMIN_PASSWORD)


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REINSERCION_USER", "demo")
    monkeypatch.setenv("REINSERCION_PASSWORD", "demo")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo folder (30 participants, seed 5) shared by the read-only tests."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    code = cli.main(
        [
            "--data-dir",
            str(folder),
            "demo",
            "--participants",
            str(DEMO_PARTICIPANTS),
            "--seed",
            str(DEMO_SEED),
        ]
    )
    assert code == 0
    return folder


# --- init -----------------------------------------------------------------------------


def test_init_creates_the_installation_and_a_second_init_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, admin_env: None
) -> None:
    data_dir = tmp_path / "centre"

    first = run(capsys, init_args(data_dir))
    assert first.code == 0, first
    assert first.err == ""
    assert "Asociación Nueva Vida" in first.out
    assert is_initialized(data_dir)
    assert table_count(data_dir, "user_account") == 1

    second = run(capsys, init_args(data_dir, name="Otra", code="VAR-02"))
    assert_user_error(second, "instalación")
    assert table_count(data_dir, "installation") == 1


def test_init_with_a_too_short_password_is_refused_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REINSERCION_USER", ADMIN)
    monkeypatch.setenv("REINSERCION_PASSWORD", "abc")
    data_dir = tmp_path / "centre"

    result = run(capsys, init_args(data_dir))

    assert_user_error(result, "contraseña")
    assert not is_initialized(data_dir)


def test_init_without_a_user_names_the_option_and_the_variable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REINSERCION_PASSWORD", ADMIN_PASSWORD)
    data_dir = tmp_path / "centre"

    result = run(capsys, init_args(data_dir))

    assert_user_error(result, "--user", "REINSERCION_USER")
    assert not is_initialized(data_dir)


def test_init_user_option_takes_the_place_of_the_variable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REINSERCION_USER", "otro")
    monkeypatch.setenv("REINSERCION_PASSWORD", ADMIN_PASSWORD)
    data_dir = tmp_path / "centre"

    result = run(capsys, [*init_args(data_dir), "--user", "gerente"])

    assert result.code == 0, result
    assert "gerente" in result.out
    logins = [row[0] for row in raw_rows(data_dir, "SELECT login FROM user_account")]
    assert logins == ["gerente"]


# --- demo -----------------------------------------------------------------------------


def test_demo_is_deterministic_for_a_seed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder, seed in ((first, DEMO_SEED), (second, DEMO_SEED), (other, DEMO_SEED + 1)):
        result = run(
            capsys,
            [
                "--data-dir",
                str(folder),
                "demo",
                "--participants",
                str(DEMO_PARTICIPANTS),
                "--seed",
                str(seed),
            ],
        )
        assert result.code == 0, result
        assert result.err == ""
        assert f"{DEMO_PARTICIPANTS} participantes" in result.out

    rows = participants_in(first)
    assert len(rows) == DEMO_PARTICIPANTS
    assert rows == participants_in(second)
    assert rows != participants_in(other)
    assert all(codapel for _first, _s1, _s2, codapel, _id, _birth in rows)


def test_demo_on_a_folder_with_data_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, admin_env: None
) -> None:
    data_dir = tmp_path / "centre"
    assert run(capsys, init_args(data_dir)).code == 0

    result = run(capsys, ["--data-dir", str(data_dir), "demo", "--participants", "5"])

    assert_user_error(result, "--data-dir")
    assert table_count(data_dir, "participant") == 0


def test_demo_twice_in_the_same_folder_is_refused(
    capsys: pytest.CaptureFixture[str], demo_dir: Path
) -> None:
    result = run(capsys, ["--data-dir", str(demo_dir), "demo", "--participants", "5"])

    assert_user_error(result)
    assert table_count(demo_dir, "participant") == DEMO_PARTICIPANTS


def test_demo_with_a_negative_number_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run(capsys, ["--data-dir", str(tmp_path / "d"), "demo", "--participants", "-3"])

    assert_user_error(result, "negativo")


# --- check ----------------------------------------------------------------------------


def check_counts(out: str) -> dict[str, int]:
    counts = {}
    for line in out.splitlines():
        kind, _, value = line.partition(": ")
        if kind not in {"integridad", "esquema", "problema"}:
            counts[kind] = int(value)
    return counts


def test_check_reports_integrity_schema_and_one_count_per_kind(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, demo_env: None
) -> None:
    result = run(capsys, ["--data-dir", str(demo_dir), "check"])

    assert result.code == 0, result
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "integridad: correcta"
    assert lines[1] == f"esquema: {migrate.script_head()}"
    counts = check_counts(result.out)
    assert len(counts) == len(lines) - 2  # no problem lines, every other line is "kind: N"
    assert counts["participant"] == DEMO_PARTICIPANTS
    assert counts["installation"] == 1
    assert counts["user_account"] == 5
    assert {"vivienda", "referring_centre", "audit_log"} <= set(counts)
    for kind, count in counts.items():  # the kinds are the tables, counted right
        assert table_count(demo_dir, kind) == count, kind


def test_check_on_a_new_folder_says_it_has_no_installation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run(capsys, ["--data-dir", str(tmp_path / "new"), "check"])

    assert_user_error(result, "aún no tiene instalación", "reinsercion init")
    assert not (tmp_path / "new" / "reinsercion.sqlite").exists()  # nothing was created


def test_data_dir_is_accepted_before_and_after_the_command(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, demo_env: None
) -> None:
    before = run(capsys, ["--data-dir", str(demo_dir), "check"])
    after = run(capsys, ["check", "--data-dir", str(demo_dir)])

    assert before.code == after.code == 0
    assert f"participant: {DEMO_PARTICIPANTS}" in before.out.splitlines()

    # Every command logs in, so the audit log has one entry more the second time.
    def without_audit(out: str) -> list[str]:
        return [line for line in out.splitlines() if not line.startswith("audit_log:")]

    assert without_audit(before.out) == without_audit(after.out)


def test_data_dir_defaults_to_the_environment_variable(
    capsys: pytest.CaptureFixture[str],
    demo_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    demo_env: None,
) -> None:
    monkeypatch.setenv("REINSERCION_DATA_DIR", str(demo_dir))

    result = run(capsys, ["check"])

    assert result.code == 0, result
    assert f"participant: {DEMO_PARTICIPANTS}" in result.out.splitlines()


def test_data_dir_that_is_a_file_is_a_user_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "datos.txt"
    not_a_folder.write_text("esto no es una carpeta\n", encoding="utf-8")

    result = run(capsys, ["--data-dir", str(not_a_folder), "check"])

    assert_user_error(result, "carpeta de datos")
    assert not_a_folder.read_text(encoding="utf-8") == "esto no es una carpeta\n"


def test_corrupt_database_is_a_user_error_and_is_left_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    garbage = random.Random(7).randbytes(16_384)
    (data_dir / "reinsercion.sqlite").write_bytes(garbage)

    result = run(capsys, ["--data-dir", str(data_dir), "check"])

    assert_user_error(result, "dañado")
    assert (data_dir / "reinsercion.sqlite").read_bytes() == garbage


# --- audit ----------------------------------------------------------------------------


def test_audit_without_credentials_says_how_to_give_them(
    capsys: pytest.CaptureFixture[str], demo_dir: Path
) -> None:
    result = run(capsys, ["--data-dir", str(demo_dir), "audit"])

    assert_user_error(result, "REINSERCION_USER", "--user")
    assert result.out == ""


def test_audit_with_a_wrong_password_is_refused(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REINSERCION_USER", "demo")
    monkeypatch.setenv("REINSERCION_PASSWORD", "no-es-esta")

    result = run(capsys, ["--data-dir", str(demo_dir), "audit"])

    assert_user_error(result)
    assert result.err == "reinsercion: Usuario o contraseña incorrectos.\n"
    assert result.out == ""


def test_audit_as_demo_lists_the_log(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, demo_env: None
) -> None:
    result = run(capsys, ["--data-dir", str(demo_dir), "audit"])

    assert result.code == 0, result
    assert result.err == ""
    lines = result.out.splitlines()
    assert any("Inicio de sesión" in line for line in lines)
    assert any("Alta de registro" in line and "Ficha" in line for line in lines)
    assert len(lines) == table_count(demo_dir, "audit_log")


def test_audit_filters_by_participant(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, demo_env: None
) -> None:
    ((participant_id, expected),) = raw_rows(
        demo_dir,
        "SELECT participant_id, count(*) FROM audit_log WHERE participant_id != '' "
        "GROUP BY participant_id ORDER BY count(*) DESC, participant_id LIMIT 1",
    )

    result = run(capsys, ["--data-dir", str(demo_dir), "audit", "--participant", participant_id])

    assert result.code == 0, result
    lines = result.out.splitlines()
    assert len(lines) == expected + 1  # and this very reading of the person's log
    assert "Registro de auditoría" in lines[-1] and "demo" in lines[-1]
    assert any(f"Ficha {participant_id[:8]}" in line for line in lines)
    assert not any("Inicio de sesión" in line for line in lines)


def test_audit_filters_by_date(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, demo_env: None
) -> None:
    future = (date.today() + timedelta(days=2)).strftime("%d/%m/%Y")
    past = (date.today() - timedelta(days=400)).strftime("%d/%m/%Y")

    nothing = run(capsys, ["--data-dir", str(demo_dir), "audit", "--since", future])
    everything = run(capsys, ["--data-dir", str(demo_dir), "audit", "--since", past])

    assert nothing.code == everything.code == 0
    assert nothing.out == ""
    assert len(everything.out.splitlines()) == table_count(demo_dir, "audit_log")


@pytest.mark.parametrize("since", ["31/02/2026", "ayer"])
def test_audit_with_an_impossible_date_is_refused(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, demo_env: None, since: str
) -> None:
    result = run(capsys, ["--data-dir", str(demo_dir), "audit", "--since", since])

    assert_user_error(result, "fecha")
    assert result.out == ""


# --- wrong usage ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        [],
        ["init", "--kind", "centre", "--name", "Sin código"],
        ["init", "--kind", "castillo", "--name", "X", "--code", "Y"],
        ["demo", "--participants", "muchos"],
        ["check", "--sin-sentido"],
    ],
    ids=[
        "unknown-command",
        "no-command",
        "missing-option",
        "bad-choice",
        "not-a-number",
        "unknown-option",
    ],
)
def test_wrong_usage_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    data_dir = tmp_path / "data"

    result = run(capsys, ["--data-dir", str(data_dir), *argv])

    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert "uso incorrecto" in result.err
    assert not data_dir.exists()  # nothing was created for a command that never ran


def test_version_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, ["--version"])

    assert result.code == 0
    assert result.out.startswith("reinsercion ")


def test_console_script_points_at_main() -> None:
    scripts = {entry.name: entry.value for entry in entry_points(group="console_scripts")}
    assert scripts["reinsercion"] == "reinsercion_desktop.cli:main"


# --- the real process -------------------------------------------------------------------


def test_module_init_twice_in_a_subprocess(tmp_path: Path, admin_env: None) -> None:
    data_dir = tmp_path / "centre"

    first = run_module(init_args(data_dir), cwd=tmp_path)
    second = run_module(init_args(data_dir), cwd=tmp_path)

    assert first.code == 0, first
    assert "Traceback" not in first.err
    assert_user_error(second, "instalación")


def test_module_corrupt_database_in_a_subprocess(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "reinsercion.sqlite").write_bytes(random.Random(11).randbytes(8192))

    result = run_module(["check", "--data-dir", str(data_dir)], cwd=tmp_path)

    assert_user_error(result, "dañado")


def test_module_without_a_password_and_no_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REINSERCION_USER", ADMIN)  # and no REINSERCION_PASSWORD; stdin is /dev/null

    result = run_module(init_args(tmp_path / "centre"), cwd=tmp_path)

    assert_user_error(result, "REINSERCION_PASSWORD")


def test_module_unknown_command_exits_2(tmp_path: Path) -> None:
    result = run_module(["--data-dir", str(tmp_path / "d"), "frobnicate"], cwd=tmp_path)

    assert result.code == 2, result
    assert "Traceback" not in result.err


BROKEN_CHECK = textwrap.dedent(
    """
    import sys
    import reinsercion_desktop.services.check as check

    def broken(workspace):
        raise RuntimeError("fallo simulado")

    check.check_workspace = broken
    from reinsercion_desktop import cli
    sys.exit(cli.main(sys.argv[1:]))
    """
)


# A write that breaks a constraint with a person's name and HIV status in its parameters
# (the name is put together at run time: it is in no source line a traceback could show).
LEAKING_CHECK = textwrap.dedent(
    """
    import sys
    import reinsercion_desktop.services.check as check

    def broken(workspace):
        from sqlalchemy import text

        person = {"id": "p-1", "name": "Remedios " + "Zurb" + "arán", "hiv": "posi" + "tivo"}
        with workspace.db.engine.begin() as connection:
            connection.execute(
                text("INSERT INTO participant (id, first_name, hiv_status) "
                     "VALUES (:id, :name, :hiv)"),
                person,
            )

    check.check_workspace = broken
    from reinsercion_desktop import cli
    sys.exit(cli.main(sys.argv[1:]))
    """
)


def run_broken_check(data_dir: Path, script: str = BROKEN_CHECK) -> Result:
    """`reinsercion check` in a real process, with check_workspace replaced by a bug.

    A real process because in-process pytest's log capture would hide what Python's
    last-resort logging handler prints to stderr when nothing configured logging.
    """
    env = {**os.environ, "REINSERCION_USER": ADMIN, "REINSERCION_PASSWORD": ADMIN_PASSWORD}
    subprocess.run(
        [sys.executable, "-m", "reinsercion_desktop.cli", *init_args(data_dir)],
        env=env, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    completed = subprocess.run(
        [sys.executable, "-c", script, "--data-dir", str(data_dir), "check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=data_dir.parent,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
        env=env,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def log_text(data_dir: Path) -> str:
    logs = sorted((data_dir / "registro").glob("reinsercion.log*"))
    assert logs, "nothing written to the data folder's log"
    return "".join(path.read_text(encoding="utf-8") for path in logs)


def reference_in(result: Result) -> str:
    found = re.search(r"referencia ([0-9a-f]{8})\)", result.err)
    assert found, result.err
    return found.group(1)


def test_unexpected_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    """SPEC §11: even a bug reaches the user as one line, never a traceback; and never the
    error's own text (issue 10: it may name a person), only a reference."""
    result = run_broken_check(tmp_path / "data")

    assert_user_error(result, "Error inesperado (referencia ", "registro de la carpeta de datos")
    assert "fallo simulado" not in result.err and "RuntimeError" not in result.err


def test_unexpected_error_is_kept_in_the_data_folder_log(tmp_path: Path) -> None:
    """cli.main promises "the log keeps it": the data folder's registro/ gets the traceback,
    under the reference the person was told."""
    data_dir = tmp_path / "data"

    result = run_broken_check(data_dir)

    assert result.code == 1, result
    text = log_text(data_dir)
    assert f"unexpected error, reference {reference_in(result)}" in text
    assert "fallo simulado" in text
    assert "Traceback" in text


def test_an_integrity_error_names_no_one_on_screen_nor_in_the_log(tmp_path: Path) -> None:
    """Issue 10 part 6: an IntegrityError carried the person's name and HIV status into the
    message and the log; now a reference on stderr, the traceback without the values."""
    data_dir = tmp_path / "data"

    result = run_broken_check(data_dir, LEAKING_CHECK)

    assert_user_error(result, "Error inesperado (referencia ")
    text = log_text(data_dir)
    assert "IntegrityError" in text and "Traceback" in text
    assert f"reference {reference_in(result)}" in text
    for secret in ("Remedios", "Zurbarán", "positivo"):
        assert secret not in result.err, secret
        assert secret not in result.out, secret
        assert secret not in text, secret


def test_repository_root_is_importable_as_installed() -> None:
    """The subprocess tests run the package the venv installed: the one in this checkout."""
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import reinsercion_desktop, sys; print(reinsercion_desktop.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd="/",
        timeout=60,
        check=True,
    )
    assert Path(completed.stdout.strip()).resolve().is_relative_to(REPO_ROOT)


def test_the_audit_log_is_signed_again_by_an_administrator_after_check_reported_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, admin_env: None
) -> None:
    """A copy of the database put back by hand: the log's tail is cut, check says so and
    how to go on; `audit --sign-again` needs a reason and the log keeps it."""
    data_dir = tmp_path / "centre"
    assert run(capsys, init_args(data_dir)).code == 0
    for _ in range(3):  # three reads of the log: three signed entries
        assert run(capsys, ["--data-dir", str(data_dir), "audit"]).code == 0
    workspace = open_folder(data_dir)
    try:
        with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
            connection.execute("DROP TRIGGER audit_log_no_delete")
            connection.execute(
                "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 2 FROM audit_log)"
            )
            connection.execute(
                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
            connection.commit()
    finally:
        workspace.close()

    checked = run(capsys, ["--data-dir", str(data_dir), "check"])
    assert checked.code == 1
    assert "se ha cortado su final" in checked.out
    assert "reinsercion audit --sign-again" in checked.out
    refused = run(capsys, ["--data-dir", str(data_dir), "audit", "--sign-again", " "])
    assert_user_error(refused, "Escriba por qué")

    signed = run(
        capsys,
        ["--data-dir", str(data_dir), "audit", "--sign-again", "se restauró la copia del lunes"],
    )
    assert signed.code == 0, signed
    assert "firmado de nuevo" in signed.out
    again = run(capsys, ["--data-dir", str(data_dir), "check"])
    assert again.code == 0, again
    assert again.out.startswith("integridad: correcta")
