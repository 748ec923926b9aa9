"""kill -9 during `reinsercion demo` (issue 11, crash safety): at every moment the folder
either opens with a consistent database or is refused with a clear message, and an
interrupted demo can be redone in the same folder; a centre's folder is never cleared."""

import subprocess
import sys
from pathlib import Path

import pytest

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.gate import FolderState, Gate
from reinsercion_desktop.services.setup import DEMO_LOGIN, DEMO_PASSWORD
from tests.kill_helpers import assert_opens_sound, child_env, kill_after_marks

PARTICIPANTS = "12"

# The command line itself, with a marker at each stage of the demo (demo/builder.py).
CHILD = """
import sys

import reinsercion_desktop.demo.builder as builder
import reinsercion_desktop.demo.unfinished as unfinished
from reinsercion_desktop import cli
from reinsercion_desktop.db.engine import Database


def mark(word):
    print("@@marca", word, flush=True)


def marked(module, name):
    function = getattr(module, name)

    def run(*args, **kwargs):
        result = function(*args, **kwargs)
        mark(name)
        return result

    setattr(module, name, run)


def marked_before(module, name):
    function = getattr(module, name)

    def run(*args, **kwargs):
        mark(name)
        return function(*args, **kwargs)

    setattr(module, name, run)


work = Database.unit_of_work


def marked_work(self, *args, **kwargs):
    mark("escritura")  # a unit of work begins: killed right after, it is cut in its middle
    return work(self, *args, **kwargs)


Database.unit_of_work = marked_work
marked(unfinished, "begin_demo")  # the folder marked; the database about to be made
for name in ("_people", "add_circuit", "_documents", "write_key_file", "finish_demo"):
    marked_before(builder, name)
sys.exit(cli.main(sys.argv[1:]))
"""


def demo(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reinsercion_desktop.cli", "--data-dir", str(root), "demo",
         "--participants", PARTICIPANTS],
        capture_output=True, text=True, timeout=120, env=child_env(),
    )  # fmt: skip


def state_after_the_kill(root: Path) -> str:
    """What the next start finds: a new folder, a refusal that says what to do, or a
    demo that opens and passes the check."""
    try:
        state = Gate(root).state
    except UserError as refused:
        assert "reinsercion demo" in str(refused) and "Traceback" not in str(refused)
        return "refused"
    if state is FolderState.NEW:
        return "new"
    assert_opens_sound(root, login=DEMO_LOGIN, password=DEMO_PASSWORD)
    return "opens"


def after(stage: str, writes: int = 0):  # type: ignore[no-untyped-def]
    """The moment: `writes` units of work begun after the stage's marker (0: the marker)."""

    def reached(marks: list[str]) -> bool:
        if stage not in marks:
            return False
        return marks[marks.index(stage) :].count("escritura") >= writes

    return reached


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (after("begin_demo"), ("new", "refused")),  # early: the database being made
        (after("begin_demo", 1), ("refused",)),  # the centre and its staff being written
        (after("_people", 1), ("refused",)),  # the people being written
        (after("add_circuit", 1), ("refused",)),  # referrals and stays being written
        (after("_documents", 10), ("refused",)),  # paperwork: plans, forms, scans
        (after("_documents", 30), ("refused",)),
        (after("finish_demo"), ("opens",)),  # the key file written, the marker not yet gone
    ],
    ids=["early", "centre", "people", "circuit", "paperwork-10", "paperwork-30", "key-file"],
)
def test_kill_9_during_demo_then_it_is_refused_clearly_or_opens_and_can_be_redone(
    tmp_path, moment, expected
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "data"
    argv = ["-c", CHILD, "--data-dir", str(root), "demo", "--participants", PARTICIPANTS]
    seen = kill_after_marks(argv, until=moment, timeout=90)
    assert seen.killed, seen.output
    outcome = state_after_the_kill(root)
    assert outcome in expected, (outcome, seen.marks)
    again = demo(root)
    if outcome == "opens":  # a whole demo is an installation: never cleared
        assert again.returncode == 1 and "ya tiene una instalación" in again.stderr
        return
    assert again.returncode == 0, again.stderr
    assert not (root / ".demo-sin-terminar").exists()
    assert_opens_sound(root, login=DEMO_LOGIN, password=DEMO_PASSWORD)


def test_a_centre_is_never_cleared_even_beside_a_stray_marker(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "data"
    assert demo(root).returncode == 0
    before = (root / "reinsercion.sqlite").read_bytes()
    (root / ".demo-sin-terminar").write_text("left by hand")
    again = demo(root)
    assert again.returncode == 1 and "ya tiene una instalación" in again.stderr
    assert (root / "reinsercion.sqlite").read_bytes() == before
    assert_opens_sound(root, login=DEMO_LOGIN, password=DEMO_PASSWORD)


def test_a_database_without_the_marker_is_never_cleared(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "data"
    root.mkdir()
    (root / "reinsercion.sqlite").write_bytes(b"\x8f" * 4096)  # not ours, or a lost key
    again = demo(root)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert (root / "reinsercion.sqlite").read_bytes() == b"\x8f" * 4096


WINDOW_CHILD = """
import sys
from pathlib import Path

import reinsercion_desktop.demo.builder as builder
from reinsercion_desktop.app import _open_gate
from reinsercion_desktop.db.engine import Database

people, work = builder._people, Database.unit_of_work


def marked_people(*args, **kwargs):
    print("@@marca _people", flush=True)
    return people(*args, **kwargs)


def marked_work(self, *args, **kwargs):
    print("@@marca escritura", flush=True)
    return work(self, *args, **kwargs)


builder._people, Database.unit_of_work = marked_people, marked_work
_open_gate(Path(sys.argv[1]), demo=True)
"""


def test_the_window_s_demo_killed_is_made_again_at_the_next_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.app import _open_gate

    root = tmp_path / "data"
    seen = kill_after_marks(["-c", WINDOW_CHILD, str(root)], until=after("_people", 1), timeout=90)
    assert seen.killed, seen.output
    assert state_after_the_kill(root) == "refused"
    assert _open_gate(root, demo=True).state is FolderState.LOCKED  # `--demo` again: rebuilt
    assert not (root / ".demo-sin-terminar").exists()
    assert_opens_sound(root, login=DEMO_LOGIN, password=DEMO_PASSWORD)
