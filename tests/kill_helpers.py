"""kill -9 at a chosen moment: a child process prints a marker line when it reaches a point
of its work, and the test kills it right after the Nth marker (sleeping alone would hit
start-up on a loaded machine and the work itself on an idle one).

The child is a Python script run with this tree on its path; it prints `MARK` (plus a word
saying which point) and flushes. `kill_after_marks` returns what it saw: the markers, and
whether the child was really killed (it may have finished first)."""

import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

MARK = "@@marca"
ROOT = Path(__file__).resolve().parents[1]


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child: this tree first on the path, Qt offscreen."""
    path = os.pathsep.join([str(ROOT), *sys.path])
    return {**os.environ, "PYTHONPATH": path, "QT_QPA_PLATFORM": "offscreen", **extra}


@dataclass
class Killed:
    killed: bool  # False: the child ended by itself before the Nth marker
    marks: list[str] = field(default_factory=list)  # the words after MARK, in order
    output: str = ""  # everything else it printed (for assertion messages)
    returncode: int | None = None


def kill_after_marks(
    argv: list[str],
    marks: int = 0,
    *,
    until: Callable[[list[str]], bool] | None = None,
    delay: float = 0.0,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Killed:
    """Run `python argv…`; SIGKILL it `delay` seconds after its `marks`-th marker line, or
    after the marker that makes `until(markers so far)` true."""
    reached = until or (lambda seen_marks: len(seen_marks) >= marks)
    if sys.platform == "win32":
        pytest.skip("SIGKILL is POSIX")
    process = subprocess.Popen(
        [sys.executable, *argv],
        env=env or child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    seen = Killed(killed=False)
    buffer = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while not reached(seen.marks) and time.monotonic() < deadline:
            if not selector.select(timeout=0.5):
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break  # the child ended
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                text = line.decode("utf-8", "replace")
                if text.startswith(MARK):
                    seen.marks.append(text[len(MARK) :].strip())
                else:
                    seen.output += text + "\n"
                if reached(seen.marks):
                    break
    if reached(seen.marks) and process.poll() is None:
        if delay:
            time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        seen.killed = True
    elif not reached(seen.marks) and time.monotonic() >= deadline:  # stop it, and say so
        process.kill()
        process.wait(timeout=30)
        raise AssertionError(f"the child never reached its marker:\n{seen.output[-3000:]}")
    rest = process.stdout.read()
    seen.output += rest.decode("utf-8", "replace")
    process.stdout.close()
    seen.returncode = process.wait(timeout=30)
    if seen.returncode == -signal.SIGKILL:
        seen.killed = True
    return seen


def killed_at(argv: list[str], env: dict[str, str], delay: float) -> None:
    """The plain version: `reinsercion …` killed after `delay` seconds, whatever it was doing."""
    if sys.platform == "win32":
        pytest.skip("SIGKILL is POSIX")
    process = subprocess.Popen(
        [sys.executable, "-m", "reinsercion_desktop.cli", *argv],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def assert_opens_sound(root: Path, *, login: str = "admin", password: str = "secreta123"):  # type: ignore[no-untyped-def]
    """The folder opens as the window opens it (its lock free, a login) and passes the full
    check: integrity, foreign keys, audit chain and anchors, records against their audit.
    Returns the check's report (the workspace is closed)."""
    from reinsercion_desktop.security.instance_lock import InstanceLock
    from reinsercion_desktop.services.check import check_workspace
    from reinsercion_desktop.services.gate import Gate

    with InstanceLock.acquire(root):
        workspace = Gate(root).login(login, password).workspace
        try:
            report = check_workspace(workspace)
        finally:
            workspace.close()
    assert report.problems == [], report.problems
    return report


def assert_named_copies_verify(root: Path) -> None:
    """No half file that looks real: every copy under its final name is a verified one; a
    partial one keeps its dotted temporary name (cleared at the next copy)."""
    from reinsercion_desktop.services.backup_files import verify_copy
    from tests.conftest import TEST_KEYS

    for copy in (root / "copias").glob("copia-*"):
        verify_copy(root, TEST_KEYS, copy)
