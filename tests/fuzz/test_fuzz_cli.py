"""Fuzzing the command line (cli.main, in-process) with generated argument lists built
from its real commands and options and arbitrary values: exit 0, 1 or 2; never a
traceback nor the «Error inesperado» of an uncaught exception; on a refusal, the data
folder's files as they were (a login is audited, so the database and key file may move).

Paths given to the commands come from a pool of prepared ones (a device, a folder, a
link, a damaged copy, places inside the data folder…) or are made relative: the tests
run as root here, and a generated "/…" must not write anywhere on the machine.
"""

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from reinsercion_desktop import cli
from tests.folder_hashes import data_folder_hashes

ADMIN, PASSWORD = "admin", "secreta123"
FEWER = settings(max_examples=max(10, settings().max_examples // 2))


class Prepared:
    def __init__(self, base: Path):
        self.base, self.data = base, base / "datos"
        self.scratch = base / "aqui"
        self.scratch.mkdir()
        (base / "carpeta").mkdir()
        (base / "real.pdf").write_bytes(b"mine")
        (base / "enlace.pdf").symlink_to(base / "real.pdf")
        (base / "rota.rdcopia").write_bytes(b"PK\x03\x04" + os.urandom(500))
        os.mkfifo(base / "tuberia")
        self.paths = [
            str(base / name)
            for name in ("carpeta", "enlace.pdf", "rota.rdcopia", "tuberia", "no/existe.pdf")
        ] + [
            str(self.data), str(self.data / "copias"), str(self.data / "reinsercion.sqlite"),
            str(self.data / "x.pdf"), "/dev/null", "/dev/full", "", "-", ".",
        ]  # fmt: skip

    def files(self) -> dict[str, str]:
        return data_folder_hashes(self.data)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    made = Prepared(tmp_path_factory.mktemp("fuzz-cli"))
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.update(
        REINSERCION_USER=ADMIN,
        REINSERCION_PASSWORD=PASSWORD,
        REINSERCION_DATA_DIR=str(made.base / "por-defecto"),
        XDG_DATA_HOME=str(made.base / "xdg"),
        HOME=str(made.scratch),
    )
    os.chdir(made.scratch)  # relative paths land here
    try:
        code, _out, err = call(
            ["--data-dir", str(made.data), "init", "--kind", "centre", "--name", "Nueva Vida",
             "--code", "VAR-01", "--recovery-sheet", str(made.base / "hoja.pdf")]
        )  # fmt: skip
        assert code == 0, err
        yield made
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def call(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
    return code, out.getvalue(), err.getvalue()


# Any text a shell can pass (no NUL: argv cannot hold one), with the usual suspects.
value = st.text(
    alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30
) | st.sampled_from(
    ["", " ", "-", "--", "01/01/0001", "0000-01", "2026-13", "31/02/2026", "10" * 20, "٣",
     "\u202e", "\u200b", "a\nb", "x" * 10_000, "2026-01", "anexo-i", "consentimiento",
     "00000000-0000-0000-0000-000000000000", "-1", "1e9"]
)  # fmt: skip


@st.composite
def a_path(draw: st.DrawFn, prepared: Prepared) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(prepared.paths))
    text = draw(value).lstrip("/~\\").replace("..", "_")
    return f"./{text}" if text.strip() else text


@st.composite
def argv_of(draw: st.DrawFn, prepared: Prepared) -> list[str]:
    path = a_path(prepared)
    maybe = lambda *args: list(args) if draw(st.booleans()) else []  # noqa: E731
    command = draw(
        st.sampled_from(["check", "audit", "forms", "pdf", "report", "backup", "init", "demo"])
    )
    if command == "audit":
        argv = ["audit", *maybe("--since", draw(value)), *maybe("--participant", draw(value))]
        argv += maybe("--sign-again", draw(value))
    elif command == "forms":
        argv = ["forms", "list", *maybe("--form", draw(value))]
    elif command == "pdf":
        which = draw(st.sampled_from(["anexo-i", "consentimiento"]) | value)
        target = ["--blank"] if draw(st.booleans()) else ["--record", draw(value)]
        argv = ["pdf", which, *target, "--out", draw(path)]
    elif command == "report":
        argv = ["report", draw(st.just("oferta-mensual") | value), "--period", draw(value)]
        argv += [*maybe("--format", draw(value)), "--out", draw(path)]
    elif command == "backup":
        action = draw(st.sampled_from(["create", "list", "verify", "restore"]))
        argv = ["backup", action]
        if action == "create":
            argv += maybe("--to", draw(path))
        elif action == "list":
            argv += maybe("--from", draw(path))
        else:
            argv += [draw(path), *maybe("--yes")]
    elif command == "init":  # the folder has an installation: refused whatever the values
        argv = ["init", "--kind", draw(st.sampled_from(["centre", "office"]) | value),
                "--name", draw(value), "--code", draw(value), "--recovery-sheet", draw(path)]  # fmt: skip
    elif command == "demo":
        number = st.integers(-(10**31), 10**31).map(str) | value
        argv = ["demo", *maybe("--participants", draw(number)), *maybe("--seed", draw(number))]
    else:
        argv = [command]
    if draw(st.integers(0, 9)) == 0:  # now and then something that is not an option
        argv.insert(draw(st.integers(0, len(argv))), draw(value))
    return ["--data-dir", str(prepared.data), *argv]


def _assert_clean(code: int, err: str, argv: list[str]) -> None:
    assert code in (0, 1, 2), (code, argv, err)
    assert "Traceback" not in err, (argv, err)
    assert "Error inesperado" not in err, (argv, err)
    if code == 1:
        assert err.count("\n") == 1 and err.startswith("reinsercion: "), (argv, err)
    if code == 2:
        assert "uso incorrecto" in err and "error:" not in err, (argv, err)


@FEWER
@given(st.data())
def test_any_command_line_exits_cleanly_and_a_refusal_changes_nothing(
    prepared: Prepared, data: st.DataObject
) -> None:
    argv = data.draw(argv_of(prepared))
    before = prepared.files()
    code, _out, err = call(argv)
    event(f"{argv[2]}: exit {code}")
    _assert_clean(code, err, argv)
    if code != 0:
        assert prepared.files() == before, argv
    assert sys.stdin is not None  # nothing closed the test's own streams
