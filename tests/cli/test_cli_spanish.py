"""Both commands speak Spanish, argparse's own messages and the system's errors included."""

import errno
import subprocess
import sys

import pytest

from reinsercion_desktop import cli
from reinsercion_desktop.domain.errors import describe_os_error

ENGLISH = (
    "usage:",
    "show this help message",
    "show program's version",
    "positional arguments",
    "options:",
    "the following arguments are required",
    "one of the arguments",
    "invalid choice",
    "unrecognized arguments",
    "No such file or directory",
)


def _english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["pdf", "--help"],
        ["forms"],  # a required sub-command missing
        ["pdf", "anexo-i", "--out", "x.pdf"],  # one of --record/--blank missing
        ["bench", "--scale", "enorme"],  # invalid choice (a report name is checked later: exit 1)
        ["check", "--sobra"],  # unrecognized argument
    ],
)
def test_reinsercion_usage_is_spanish(argv, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert exit_.value.code in (0, 2)
    assert _english_in(text) == [], text
    assert "uso: reinsercion" in text


def test_the_window_command_help_is_spanish() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "reinsercion_desktop", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0
    assert _english_in(completed.stdout) == [], completed.stdout
    assert "muestra la versión y sale" in completed.stdout


def test_system_errors_are_described_in_spanish() -> None:
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory")
    assert describe_os_error(missing) == "no existe ese archivo o carpeta"
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device")) == (
        "no queda espacio en el disco"
    )
    assert describe_os_error(OSError(9999, "Weird")) == "no se pudo leer o escribir el archivo"
