"""`reinsercion bundle export|import` (issue 13, point 8): a centre and its office, each in its
own data folder and trusting the other (tests/services/exchange_pair.py), exchange bundles
through the command line. Every refusal is one Spanish line on stderr, exit 1, and changes
nothing; nothing printed names a person."""

import io
import os
from pathlib import Path

import pytest

from reinsercion_desktop.cli_bundle import _percentage
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.services.accounts import NewUser
from tests.cli.test_cli import ADMIN, ADMIN_PASSWORD, Result, assert_user_error, run, table_count
from tests.folder_hashes import data_folder_hashes
from tests.services.exchange_pair import Side, make_pair
from tests.services.test_exchange import person, sent_protocol

PERSONAL = ("José", "Núñez", "600111222", "C/ Feria", "12345678Z")


@pytest.fixture
def pair(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The centre with a protocol sent to the office, both folders closed for the CLI; the
    current folder a scratch one (`--out ""` once wrote the bundle there)."""
    (tmp_path / "aqui").mkdir()
    monkeypatch.chdir(tmp_path / "aqui")
    monkeypatch.setenv("REINSERCION_DATA_DIR", str(tmp_path / "por-defecto"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("REINSERCION_USER", ADMIN)
    monkeypatch.setenv("REINSERCION_PASSWORD", ADMIN_PASSWORD)
    centre, office = make_pair(tmp_path)
    sent_protocol(centre)
    tecnico = NewUser("tecnico", "Toni Técnico", Role.TECNICO, ADMIN_PASSWORD)
    centre.services.accounts.create_user(centre.admin, tecnico)
    centre.workspace.close()
    office.workspace.close()
    return centre, office


def bundle(capsys, side: Side, *argv: str) -> Result:  # type: ignore[no-untyped-def]
    result = run(capsys, ["--data-dir", str(side.workspace.paths.root), "bundle", *argv])
    for text in PERSONAL:
        assert text not in result.out and text not in result.err, (text, result)
    return result


def unlocked(hashes: dict[str, str]) -> dict[str, str]:
    """The folder's files but the lock every command leaves (empty, never data)."""
    return {name: digest for name, digest in hashes.items() if name != "reinsercion.en-uso"}


def exported(capsys, centre: Side, *extra: str) -> Path:  # type: ignore[no-untyped-def]
    result = bundle(
        capsys, centre, "export", "--to", "Oficina FADA", "--out", str(centre.outbox), *extra
    )
    assert result.code == 0, result
    (path,) = [
        line.split(" guardado en ")[1]
        for line in result.out.splitlines()
        if " guardado en " in line
    ]
    return Path(path)


def test_export_then_import_the_records_arrive(pair, capsys) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    made = bundle(capsys, centre, "export", "--to", "Oficina FADA", "--out", str(centre.outbox))
    assert made.code == 0, made
    assert made.err == ""  # no percentage when stderr is not a terminal
    lines = made.out.splitlines()
    assert lines[0].startswith("Paquete n.º 1 para «Oficina FADA» guardado en ")
    path = Path(lines[0].split(" guardado en ")[1])
    assert path.parent == centre.outbox and path.suffix == ".rdpaquete" and path.is_file()
    assert "Completo: lleva todos los registros desde el principio." in lines
    assert any(line.startswith("Contiene: ") and "Ficha: 1" in line for line in lines), lines

    taken = bundle(capsys, office, "import", str(path))
    assert taken.code == 0, taken
    assert taken.out.startswith("Paquete n.º 1 de «Asociación Nueva Vida» importado: ")
    assert "  Ficha: 1 nuevo" in taken.out.splitlines()
    assert table_count(office.workspace.paths.root, "referral") == 1
    assert table_count(office.workspace.paths.root, "participant") == 1
    assert run(capsys, ["--data-dir", str(office.workspace.paths.root), "check"]).code == 0

    # The office's answer confirms the centre's bundle, and the centre is told so.
    answer = office.export().path
    back = bundle(capsys, centre, "import", str(answer))
    assert back.code == 0, back
    assert "Confirma que recibieron 1 paquete enviado desde aquí." in back.out.splitlines()


def test_the_next_export_carries_only_the_changes(pair, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    exported(capsys, centre)
    target = tmp_path / "para-la-oficina.rdpaquete"
    again = bundle(capsys, centre, "export", "--to", "oficina  fada", "--out", str(target))
    assert again.code == 0, again  # case and spaces forgiven, a file name kept as given
    assert f"Paquete n.º 2 para «Oficina FADA» guardado en {target}" in again.out
    assert "Solo los cambios desde el paquete anterior." in again.out
    assert "Contiene: ningún registro nuevo" in again.out and target.is_file()
    full = bundle(
        capsys, centre, "export", "--to", "Oficina FADA", "--out", str(centre.outbox), "--full"
    )
    assert full.code == 0 and "Paquete n.º 3" in full.out and "Completo" in full.out, full


def test_the_same_bundle_twice_changes_nothing(pair, capsys) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    path = exported(capsys, centre)
    assert bundle(capsys, office, "import", str(path)).code == 0
    before = table_count(office.workspace.paths.root, "exchange_bundle")
    again = bundle(capsys, office, "import", str(path))
    assert again.code == 0, again
    assert again.out.strip() == (
        "Paquete n.º 1 de «Asociación Nueva Vida»: ya se había importado: no cambia nada."
    )
    assert table_count(office.workspace.paths.root, "exchange_bundle") == before


def test_dry_run_shows_the_counts_and_changes_nothing(pair, capsys) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    path = exported(capsys, centre)
    root = office.workspace.paths.root
    before = unlocked(data_folder_hashes(root))
    preview = bundle(capsys, office, "import", str(path), "--dry-run")
    assert preview.code == 0, preview
    assert "se importaría: " in preview.out and "  Ficha: 1 nuevo" in preview.out
    assert preview.out.splitlines()[-1] == "Vista previa: no se ha cambiado nada."
    assert unlocked(data_folder_hashes(root)) == before
    assert table_count(root, "participant") == 0 and table_count(root, "exchange_bundle") == 0
    taken = bundle(capsys, office, "import", str(path))
    assert taken.code == 0 and "importado" in taken.out, taken  # the preview took nothing
    assert table_count(root, "participant") == 1


def test_a_bundle_after_a_missing_one_waits_for_it(pair, capsys) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    first = exported(capsys, centre)
    from reinsercion_desktop.services.workspace import Workspace
    from tests.conftest import TEST_KEYS

    centre.workspace = Workspace.open(centre.workspace.paths.root, TEST_KEYS)
    person(centre, first_name="Luis", id_number="87654321X")
    centre.workspace.close()
    second = exported(capsys, centre)
    held = bundle(capsys, office, "import", str(second))
    assert held.code == 0, held
    assert "Paquete n.º 2 de «Asociación Nueva Vida»: en espera del paquete n.º 1" in held.out
    taken = bundle(capsys, office, "import", str(first))
    assert taken.code == 0, taken
    assert "También se importó el paquete n.º 2, que estaba en espera." in taken.out
    assert table_count(office.workspace.paths.root, "participant") == 2


def test_an_unknown_peer_is_refused_with_the_names_there_are(pair, capsys) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    refused = bundle(
        capsys, centre, "export", "--to", "Oficina Málaga", "--out", str(centre.outbox)
    )
    assert_user_error(refused, "«Oficina Málaga»", "los de confianza son «Oficina FADA»")
    assert list(centre.outbox.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "code", "fragment"),
    [
        (["import", "{tmp}/nada.rdpaquete"], 1, "no existe ese archivo"),
        (["import", "{tmp}/foto.rdpaquete"], 1, "no es un paquete de intercambio"),
        (["import", "{tmp}"], 1, "es una carpeta"),
        (["import", "{tmp}/tuberia"], 1, "no es un paquete de intercambio"),
        (["import", "{own}"], 1, "no está cifrado para esta instalación"),
        (["export", "--to", "Oficina FADA", "--out", "{data}"], 1, "dentro de la carpeta de datos"),
        (
            ["export", "--to", "Oficina FADA", "--out", "{data}/p.rdpaquete"],
            1,
            "dentro de la carpeta de datos",
        ),
        (
            ["export", "--to", "Oficina FADA", "--out", "{tmp}/no/existe.rdpaquete"],
            1,
            "la carpeta no existe",
        ),
        (["export", "--to", "Oficina FADA", "--out="], 1, "Falta el nombre del archivo"),
        (["export", "--to", "Oficina FADA", "--out", " "], 1, "Falta el nombre del archivo"),
        (["export", "--to", "Oficina FADA", "--out", "/dev/null"], 1, "es un dispositivo"),
        (["export", "--out", "{tmp}"], 2, "--to"),
        (["export", "--to", "Oficina FADA"], 2, "--out"),
        (["import"], 2, "ARCHIVO"),
        ([], 2, "faltan estos argumentos"),
    ],
)
def test_bad_input_is_one_spanish_line_and_changes_nothing(
    pair, capsys, tmp_path, argv, code, fragment
) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    own = exported(capsys, centre)  # for the office: this installation cannot read it
    os.mkfifo(tmp_path / "tuberia")  # it once blocked the import, waiting for a writer
    (tmp_path / "foto.rdpaquete").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    root = centre.workspace.paths.root
    argv = [a.format(tmp=tmp_path, data=root, own=own) for a in argv]
    before, bundles = data_folder_hashes(root), table_count(root, "exchange_bundle")
    result = bundle(capsys, centre, *argv)
    if code == 1:
        assert_user_error(result, fragment)
    else:
        assert result.code == 2 and fragment in result.err and "Traceback" not in result.err
    assert data_folder_hashes(root) == before
    assert table_count(root, "exchange_bundle") == bundles
    assert sorted(centre.outbox.iterdir()) == [own]  # nothing half-written left beside it
    assert list(Path.cwd().iterdir()) == []


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_percentage_shows_on_a_terminal_only() -> None:
    terminal = Terminal()
    with _percentage(terminal) as progress:
        assert progress is not None
        for done in range(5):
            progress(done, 4)
            progress(done, 4)  # the same percentage is not written twice
    assert terminal.getvalue() == "\r  0 %\r 25 %\r 50 %\r 75 %\r100 %\r        \r"
    with _percentage(io.StringIO()) as progress:
        assert progress is None  # a pipe or a log gets nothing of it


def test_a_folder_given_as_dot_is_said_as_the_folder_it_is(pair, capsys) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    made = bundle(capsys, centre, "export", "--to", "Oficina FADA", "--out", ".")
    assert made.code == 0, made
    (written,) = Path.cwd().iterdir()
    assert f"guardado en {written}\n" in made.out  # the whole path, not «paquete-….rdpaquete»


@pytest.mark.parametrize(
    "argv", [["export", "--to", "Oficina FADA", "--out", "."], ["import", "x"]]
)
def test_a_tecnico_is_refused_before_anything_is_read(pair, capsys, monkeypatch, argv) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    monkeypatch.setenv("REINSERCION_USER", "tecnico")
    refused = bundle(capsys, centre, *argv)
    assert_user_error(refused, "responsable")
    assert "Oficina FADA" not in refused.err and list(Path.cwd().iterdir()) == []
