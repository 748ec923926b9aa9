"""The set-up scripts, CI and the unattended window (issue 9: the installer keeps working).

The frozen app itself is built and run by packaging/smoke.sh, which CI runs after this
suite (a build takes minutes, too long for a test); here: what can be checked in seconds.
"""

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APT_LOCK = ROOT / "scripts" / "apt_lock.sh"
linux_only = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="reads the kernel's lock list"
)
as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="apt_get goes through sudo"
)

# Holds a POSIX lock on a file as apt and dpkg do (fcntl, not flock), says so, then
# keeps it for the given seconds.
HOLD_LOCK = textwrap.dedent(
    """
    import fcntl, sys, time
    handle = open(sys.argv[1], "w")
    fcntl.lockf(handle, fcntl.LOCK_EX)
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
    """
)


@contextmanager
def holding_lock(path: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another program holding the lock for a while (ended, if still there, on leaving)."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            yield holder
        finally:
            holder.kill()


def run_bash(
    script: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", f"set -euo pipefail; source {APT_LOCK}; {script}"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


@pytest.fixture
def lock_file(tmp_path: Path) -> Path:
    path = tmp_path / "lock-frontend"
    path.touch()
    return path


@linux_only
def test_waits_while_another_program_holds_the_package_manager(lock_file: Path) -> None:
    """scripts/bootstrap.sh failed at once with apt's English «Could not get lock»."""
    with holding_lock(lock_file, 1.5) as holder:
        started = time.monotonic()
        done = run_bash(
            "wait_for_package_manager; echo SIGUE",
            {"APT_LOCK_FILES": f"{lock_file} /nonexistent/lock", "APT_LOCK_POLL": "0.2"},
        )
        waited = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "SIGUE"
    assert "El gestor de paquetes está ocupado: «" in done.stderr
    assert f"(proceso {holder.pid}) tiene bloqueado {lock_file}" in done.stderr
    assert "Esperando a que termine" in done.stderr
    assert "ya está libre" in done.stderr
    assert waited >= 0.8  # it did wait for the holder to let go


@linux_only
def test_a_free_package_manager_is_used_at_once_and_silently(lock_file: Path) -> None:
    done = run_bash("wait_for_package_manager; echo SIGUE", {"APT_LOCK_FILES": str(lock_file)})
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "SIGUE", "")


@linux_only
def test_gives_up_with_a_spanish_message_after_the_wait(lock_file: Path) -> None:
    with holding_lock(lock_file, 60):
        done = run_bash(
            "wait_for_package_manager; echo SIGUE",
            {"APT_LOCK_FILES": str(lock_file), "APT_LOCK_WAIT": "1", "APT_LOCK_POLL": "0.2"},
        )
    assert done.returncode == 1
    assert "SIGUE" not in done.stdout
    assert "El gestor de paquetes sigue ocupado tras 1 s" in done.stderr
    assert "vuelva a ejecutar" in done.stderr


def fake_apt_get(folder: Path, lock_file: Path, calls: Path, *, first_call_collides: bool) -> None:
    """An apt-get that, like apt, fails at once when it cannot take the lock; the colliding
    one also has another program take the lock just before it (a race with our look)."""
    folder.mkdir()
    script = folder / "apt-get"
    script.write_text(
        f"#!{sys.executable}\n"
        + textwrap.dedent(
            f"""
            import fcntl, subprocess, sys
            from pathlib import Path
            calls = Path({str(calls)!r})
            previous = calls.read_text().splitlines() if calls.exists() else []
            calls.write_text("\\n".join([*previous, " ".join(sys.argv[1:])]) + "\\n")
            if {first_call_collides!r} and not previous:
                holder = subprocess.Popen(
                    [sys.executable, "-c", {HOLD_LOCK!r}, {str(lock_file)!r}, "1"],
                    stdout=subprocess.PIPE, text=True, start_new_session=True,
                )
                holder.stdout.readline()
            handle = open({str(lock_file)!r}, "w")
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                sys.exit("E: Could not get lock " + {str(lock_file)!r})
            """
        ),
        encoding="utf-8",
    )
    script.chmod(0o755)


@linux_only
@as_root
def test_apt_get_runs_once_the_lock_is_free_and_asks_apt_to_wait_too(
    lock_file: Path, tmp_path: Path
) -> None:
    calls = tmp_path / "calls.txt"
    fake_apt_get(tmp_path / "bin", lock_file, calls, first_call_collides=False)
    with holding_lock(lock_file, 1.5):
        done = run_bash(
            "apt_get update -qq",
            {
                "APT_LOCK_FILES": str(lock_file),
                "APT_LOCK_POLL": "0.2",
                "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
            },
        )
    assert done.returncode == 0, done.stderr
    assert "Esperando a que termine" in done.stderr
    assert calls.read_text().splitlines() == ["-o DPkg::Lock::Timeout=600 update -qq"]


@linux_only
@as_root
def test_apt_get_tries_again_when_another_program_takes_the_lock_first(
    lock_file: Path, tmp_path: Path
) -> None:
    calls = tmp_path / "calls.txt"
    fake_apt_get(tmp_path / "bin", lock_file, calls, first_call_collides=True)
    done = run_bash(
        "apt_get install -y hello",
        {
            "APT_LOCK_FILES": str(lock_file),
            "APT_LOCK_POLL": "0.2",
            "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
        },
    )
    assert done.returncode == 0, done.stderr
    assert "E: Could not get lock" in done.stderr  # the first try, as apt says it
    assert "Esperando a que termine" in done.stderr
    assert len(calls.read_text().splitlines()) == 2


def test_bootstrap_reaches_apt_only_through_the_waiting_wrapper() -> None:
    bootstrap = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    code = [line.split("#")[0] for line in bootstrap.splitlines()]
    assert "source scripts/apt_lock.sh" in bootstrap
    assert not [line for line in code if "apt-get" in line]
    assert sum("apt_get " in line for line in code) == 2  # update, install


def test_scripts_parse() -> None:
    scripts = [
        ROOT / ".ci" / "run",
        *sorted((ROOT / "scripts").glob("*.sh")),
        *sorted((ROOT / "packaging").glob("*.sh")),
    ]
    for script in scripts:
        done = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert done.returncode == 0, f"{script.name}: {done.stderr}"


def test_ci_runs_the_frozen_app_after_the_suite() -> None:
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines.index("scripts/test.sh") < lines.index("packaging/smoke.sh")
    smoke = ROOT / "packaging" / "smoke.sh"
    assert os.access(smoke, os.X_OK)
    text = smoke.read_text(encoding="utf-8")
    for step in ("demo --participants 30", " check", "--blank", "--record", "--screenshot"):
        assert step in text


UNATTENDED = textwrap.dedent(
    """
    import sys
    import reinsercion_desktop.services.registry as registry
    from reinsercion_desktop import app

    def broken(*args, **kwargs):
        raise RuntimeError("fallo de prueba")

    registry.build_services = broken
    sys.exit(app.main(sys.argv[1:]))
    """
)


def test_an_unattended_window_reports_an_unexpected_error_instead_of_waiting(
    tmp_path: Path,
) -> None:
    """The frozen `--screenshot` hung on a message box nobody could close."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "QT_QPA_PLATFORM": "offscreen",
        "REINSERCION_USER": "demo",
        "REINSERCION_PASSWORD": "demo",
    }
    png = tmp_path / "ventana.png"
    args = ["--data-dir", str(tmp_path / "datos"), "--demo", "--screenshot", str(png)]
    done = subprocess.run(
        [sys.executable, "-c", UNATTENDED, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=45,
    )
    assert done.returncode == 1
    assert "RuntimeError: fallo de prueba" in done.stderr
    assert not png.exists()

    not_a_folder = tmp_path / "archivo"
    not_a_folder.write_text("x", encoding="utf-8")
    args = ["--data-dir", str(not_a_folder), "--screenshot", str(png)]
    done = subprocess.run(
        [sys.executable, "-m", "reinsercion_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=45,
    )
    assert done.returncode == 1
    assert "es un archivo, no una carpeta" in done.stderr  # the message box's text, on stderr
    assert "Traceback" not in done.stderr
