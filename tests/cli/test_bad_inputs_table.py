"""Bad input on the command line, one table (issue 11, part 2): each row is refused with
exit 1 and ONE Spanish line on stderr («reinsercion: …»), or for wrong usage exit 2 and
argparse's Spanish usage ending in «uso incorrecto: …»; never a traceback nor Python's
English «error:»; and the data folder as it was (every file but the database and key
file, which a login moves by auditing it, byte for byte; no file added or removed).

Placeholders: {data} the installed folder, {base} beside it (a folder, a link, a FIFO, a
damaged copy are there), {new} a folder that does not exist yet (it must stay so),
{long} 10,000 characters, {copy} a sound copy outside the data folder.
"""

import contextlib
import hashlib
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reinsercion_desktop import cli
from tests.folder_hashes import data_folder_hashes

ADMIN, PASSWORD = "admin", "secreta123"
LONG = "x" * 10_000
USAGE = "uso incorrecto"

# (id, arguments, exit code, a fragment of the message)
TABLE = [
    # -- dates ------------------------------------------------------------------------------
    ("since-01/01/0001", "audit --since 01/01/0001", 1, "El año 1 es anterior a 1900"),
    ("since-0001-01-01", "audit --since 0001-01-01", 1, "El año 1 es anterior a 1900"),
    ("since-31/12/9999", "audit --since 31/12/9999", 1, "El año 9999 es posterior a 2100"),
    ("since-32/01/2026", "audit --since 32/01/2026", 1, "no existe en el calendario"),
    ("since-29/02/2025", "audit --since 29/02/2025", 1, "29/02/2025 no existe en el calendario"),
    ("since-month-13", "audit --since 01/13/2026", 1, "El mes 13 no existe"),
    ("since-a-word", "audit --since ayer", 1, "«ayer» no es una fecha"),
    ("since-arabic-indic-year-1", "audit --since ٠١/٠١/٠٠٠١", 1, "El año 1 es anterior"),
    ("since-empty", "audit --since=", 1, "no es una fecha: escríbala como dd/mm/aaaa"),
    ("since-bidi-override", "audit --since \u202e01/01/2026", 1, "«01/01/2026» no es una fecha"),
    # -- periods ----------------------------------------------------------------------------
    ("period-0000-01", "report oferta-mensual --period 0000-01 --out {base}/b.pdf", 1, "El año 0 es anterior a 1900"),
    ("period-9999-12", "report oferta-mensual --period 9999-12 --out {base}/b.pdf", 1, "El año 9999 es posterior"),
    ("period-2026-13", "report oferta-mensual --period 2026-13 --out {base}/b.pdf", 1, "El mes 13 no existe"),
    ("period-2026-00", "report oferta-mensual --period 2026-00 --out {base}/b.pdf", 1, "El mes 0 no existe"),
    ("period-11/2026", "report oferta-mensual --period 11/2026 --out {base}/b.pdf", 1, "AAAA-MM"),
    ("period-empty", "report oferta-mensual --period= --out {base}/b.pdf", 1, "AAAA-MM"),
    ("period-10000-chars", "report oferta-mensual --period {long} --out {base}/b.pdf", 1, "AAAA-MM"),
    ("report-format-docx", "report oferta-mensual --period 2026-01 --format docx --out {base}/b.pdf", 1, "«docx» no está disponible"),
    ("report-unknown-name", "report memoria --period 2026-01 --out {base}/b.pdf", 1, "los informes son anexo-ii-mensual"),
    ("report-month-for-a-quarter", "report anexo-ii-trimestral --period 2026-01 --out {base}/b.pdf", 1, "AAAA-T1…T4 (trimestre)"),
    ("report-period-a-word", "report indicadores --period anual --out {base}/b.csv --format csv", 1, "AAAA-MM (mes), AAAA-T1…T4"),
    ("report-period-2026-T5", "report anexo-ii-trimestral --period 2026-T5 --out {base}/b.pdf", 1, "no es un período"),
    ("report-unknown-vivienda", "report anexo-iii --period 2026-01 --vivienda NO-EXISTE --out {base}/b.pdf", 1, "ninguna vivienda con el código «NO-EXISTE»"),
    ("report-vivienda-not-asked", "report indicadores --period 2026 --vivienda V-1 --out {base}/b.pdf", 1, "quite --vivienda"),
    ("report-format-docx-anexo", "report anexo-ii-mensual --period 2026-01 --format docx --out {base}/b.pdf", 1, "use --format pdf o --format csv o --format xlsx"),
    ("report-exact-bulletin", "report oferta-mensual --period 2026-01 --exact --out {base}/b.pdf", 1, "quite --exact"),
    ("report-xlsx-out-symlink", "report indicadores --period 2026 --format xlsx --out {base}/enlace.pdf", 1, "es un enlace simbólico"),
    # -- numbers ----------------------------------------------------------------------------
    ("demo-participants-10^30", "--data-dir {new} demo --participants " + str(10**30), 1, "va de 1 a 50.000"),
    ("demo-participants-0", "--data-dir {new} demo --participants 0", 1, "va de 1 a 50.000"),
    ("demo-participants-negative", "--data-dir {new} demo --participants -5", 1, "no puede ser negativo"),
    ("demo-participants-50001", "--data-dir {new} demo --participants 50001", 1, "va de 1 a 50.000"),
    ("demo-participants-a-word", "--data-dir {new} demo --participants muchos", 2, "valor no válido: 'muchos'"),
    ("demo-participants-1e3", "--data-dir {new} demo --participants 1e3", 2, "valor no válido: '1e3'"),
    ("demo-seed-negative", "--data-dir {new} demo --seed -1", 1, "La semilla va de 0 a 4.294.967.295"),
    ("demo-seed-2^40", "--data-dir {new} demo --seed " + str(2**40), 1, "La semilla va de 0"),
    ("demo-on-an-installation", "demo --participants 5", 1, "ya tiene una instalación"),
    # -- where a file is written --------------------------------------------------------------
    ("pdf-out-/dev/null", "pdf anexo-i --blank --out /dev/null", 1, "es un dispositivo o un archivo especial"),
    ("pdf-out-/dev/full", "pdf anexo-i --blank --out /dev/full", 1, "es un dispositivo o un archivo especial"),
    ("pdf-out-fifo", "pdf anexo-i --blank --out {base}/tuberia", 1, "es un dispositivo o un archivo especial"),
    ("pdf-out-folder", "pdf anexo-i --blank --out {base}/carpeta", 1, "es una carpeta"),
    ("pdf-out-symlink", "pdf anexo-i --blank --out {base}/enlace.pdf", 1, "es un enlace simbólico"),
    ("pdf-out-in-copias", "pdf anexo-i --blank --out {data}/copias/x.pdf", 1, "dentro de la carpeta de datos"),
    ("pdf-out-onto-the-database", "pdf anexo-i --blank --out {data}/reinsercion.sqlite", 1, "dentro de la carpeta de datos"),
    ("pdf-out-missing-folder", "pdf anexo-i --blank --out {base}/no/existe.pdf", 1, "la carpeta no existe"),
    ("pdf-out-empty", "pdf anexo-i --blank --out=", 1, "Falta el nombre del archivo"),
    ("report-out-/dev/null", "report oferta-mensual --period 2026-01 --out /dev/null", 1, "es un dispositivo"),
    ("report-out-symlink", "report oferta-mensual --period 2026-01 --out {base}/enlace.pdf", 1, "es un enlace simbólico"),
    ("report-out-the-data-folder", "report oferta-mensual --period 2026-01 --out {data}", 1, "es una carpeta"),
    ("report-out-empty", "report oferta-mensual --period 2026-01 --out=", 1, "Falta el nombre del archivo"),
    ("sheet-/dev/full", "--data-dir {new} init --kind centre --name Casa --code V-9 --recovery-sheet /dev/full", 1, "es un dispositivo"),
    ("sheet-symlink", "--data-dir {new} init --kind centre --name Casa --code V-9 --recovery-sheet {base}/enlace.pdf", 1, "es un enlace simbólico"),
    ("backup-to-/dev/null", "backup create --to /dev/null", 1, "no es una carpeta"),
    ("backup-to-a-file", "backup create --to {base}/real.pdf", 1, "no es una carpeta"),
    # -- ids that do not exist -------------------------------------------------------------
    ("pdf-unknown-form", "pdf no-existe --blank --out {base}/b.pdf", 1, "No existe el formulario «no-existe»"),
    ("pdf-unknown-record", "pdf anexo-i --record 00000000-0000-0000-0000-000000000000 --out {base}/b.pdf", 1, "El formulario ya no existe"),
    ("pdf-record-10000-chars", "pdf anexo-i --record {long} --out {base}/b.pdf", 1, "El formulario ya no existe"),
    ("pdf-neither-record-nor-blank", "pdf anexo-i --out {base}/b.pdf", 2, "hace falta uno de estos argumentos"),
    ("forms-unknown-form", "forms list --form no-existe", 1, "No existe el formulario"),
    ("audit-unknown-participant", "audit --participant 00000000-0000-0000-0000-000000000000", 1, "No hay ninguna ficha con el id"),
    ("audit-participant-10000-chars", "audit --participant {long}", 1, "No hay ninguna ficha con el id «xxxx"),
    ("audit-participant-empty", "audit --participant=", 1, "Escriba el id de la ficha"),
    ("forms-form-bidi-override", "forms list --form \u202eanexo-i", 1, "No existe el formulario «anexo-i»"),
    # -- copies ---------------------------------------------------------------------------------
    ("verify-missing", "backup verify {base}/nada.rdcopia", 1, "No existe la copia"),
    ("verify-corrupt", "backup verify {base}/rota.rdcopia", 1, "no es una copia de seguridad legible"),
    ("verify-a-folder", "backup verify {base}/carpeta", 1, "no es un archivo de copia"),
    ("verify-/dev/null", "backup verify /dev/null", 1, "no es un archivo de copia"),
    ("verify-zip-without-manifest", "backup verify {base}/otra.rdcopia", 1, "no tiene un manifiesto legible"),
    ("restore-corrupt", "backup restore {base}/rota.rdcopia --yes", 1, "no es una copia de seguridad legible"),
    ("restore-missing", "backup restore {base}/nada.rdcopia --yes", 1, "No existe la copia"),
    ("restore-without-yes-nor-terminal", "backup restore {copy}", 1, "añada --yes"),
    ("list-from-a-missing-folder", "backup list --from {base}/no-existe", 1, "no es una carpeta"),
    ("list-from-a-file", "backup list --from {base}/real.pdf", 1, "no es una carpeta"),
    ("backup-without-action", "backup", 2, "faltan estos argumentos"),
    # -- text -----------------------------------------------------------------------------------
    ("init-on-an-installation", "init --kind centre --name X --code Y --recovery-sheet {base}/h.pdf", 1, "ya tiene una instalación"),
    ("name-zero-width-only", "--data-dir {new} init --kind centre --name \u200b\u200b --code V-9 --recovery-sheet {base}/h.pdf", 1, "solo tiene caracteres invisibles"),
    ("name-controls-only", "--data-dir {new} init --kind centre --name \x07\x1b --code V-9 --recovery-sheet {base}/h.pdf", 1, "solo tiene caracteres invisibles"),
    ("name-bidi-overrides-only", "--data-dir {new} init --kind centre --name \u202e\u202d --code V-9 --recovery-sheet {base}/h.pdf", 1, "solo tiene caracteres invisibles"),
    ("name-10000-chars", "--data-dir {new} init --kind centre --name {long} --code V-9 --recovery-sheet {base}/h.pdf", 1, "demasiado largo"),
    ("code-empty", "--data-dir {new} init --kind centre --name Casa --code= --recovery-sheet {base}/h.pdf", 1, "Escriba el código del centro"),
    ("kind-unknown", "--data-dir {new} init --kind castillo --name Casa --code V-9 --recovery-sheet {base}/h.pdf", 2, "opción no válida: 'castillo'"),
    ("sign-again-empty", "audit --sign-again=", 1, "Escriba por qué se vuelve a firmar"),
    ("sign-again-zero-width", "audit --sign-again \u200b\u200b", 1, "Escriba por qué se vuelve a firmar"),
    # -- exchange keys (issue 13) -------------------------------------------------------------
    ("keys-import-missing", "keys import {base}/nada.rdclave --name X --fingerprint AAAA", 1, "No existe el archivo"),
    ("keys-import-not-a-key", "keys import {base}/real.pdf --name X --fingerprint AAAA", 1, "no es un archivo de clave pública"),
    ("keys-import-a-backup", "keys import {base}/rota.rdcopia --name X --fingerprint AAAA", 1, "no es un archivo de clave pública"),
    ("keys-import-a-folder", "keys import {base}/carpeta --name X --fingerprint AAAA", 1, "es una carpeta"),
    ("keys-import-fifo", "keys import {base}/tuberia --name X --fingerprint AAAA", 1, "no es un archivo de clave pública"),
    ("keys-import-without-name", "keys import {base}/real.pdf", 2, "faltan estos argumentos: --name"),
    ("keys-export-in-the-data-folder", "keys export --out {data}/mi.rdclave", 1, "dentro de la carpeta de datos"),
    ("keys-export-/dev/full", "keys export --out /dev/full", 1, "es un dispositivo"),
    ("keys-export-symlink", "keys export --out {base}/enlace.pdf", 1, "es un enlace simbólico"),
    ("keys-without-action", "keys", 2, "faltan estos argumentos"),
    ("bundle-export-unknown-peer", "bundle export --to Oficina --out {base}/carpeta", 1, "aún no se ha importado ninguna clave"),
    ("bundle-export-out-empty", "bundle export --to Oficina --out=", 1, "Falta el nombre del archivo"),
    ("bundle-export-without-to", "bundle export --out {base}/carpeta", 2, "faltan estos argumentos: --to"),
    ("bundle-export-without-out", "bundle export --to Oficina", 2, "faltan estos argumentos: --out"),
    ("bundle-import-missing", "bundle import {base}/nada.rdpaquete", 1, "no existe ese archivo"),
    ("bundle-import-not-a-bundle", "bundle import {base}/real.pdf", 1, "no es un paquete de intercambio"),
    ("bundle-import-a-backup", "bundle import {base}/rota.rdcopia", 1, "no es un paquete de intercambio"),
    ("bundle-import-a-folder", "bundle import {base}/carpeta", 1, "es una carpeta"),
    ("bundle-import-fifo", "bundle import {base}/tuberia", 1, "no es un paquete de intercambio"),
    ("bundle-import-/dev/zero", "bundle import /dev/zero", 1, "no es un paquete de intercambio"),
    ("bundle-import-without-file", "bundle import", 2, "faltan estos argumentos: ARCHIVO"),
    ("bundle-import-unknown-option", "bundle import {base}/real.pdf --yes", 2, "argumentos no reconocidos: --yes"),
    ("bundle-without-action", "bundle", 2, "faltan estos argumentos"),
    # -- the folder, the person, the command ------------------------------------------------
    ("data-dir-a-file", "--data-dir {base}/real.pdf check", 1, "es un archivo, no una carpeta"),
    ("data-dir-/dev/null", "--data-dir /dev/null check", 1, "es un archivo, no una carpeta"),
    ("data-dir-not-installed", "--data-dir {new} check", 1, "aún no tiene instalación"),
    ("unknown-user", "check --user nadie", 1, "incorrectos"),
    ("unknown-command", "borrar-todo", 2, "opción no válida: 'borrar-todo'"),
    ("no-command", "", 2, "faltan estos argumentos: command"),
    ("unknown-option", "check --rapido", 2, "argumentos no reconocidos: --rapido"),
]  # fmt: skip


class Place:
    def __init__(self, base: Path):
        self.base, self.data = base, base / "datos"
        (base / "carpeta").mkdir()
        (base / "real.pdf").write_bytes(b"mine")
        (base / "enlace.pdf").symlink_to(base / "real.pdf")
        os.mkfifo(base / "tuberia")
        (base / "rota.rdcopia").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 2)
        with zipfile.ZipFile(base / "otra.rdcopia", "w") as archive:
            archive.writestr("hola.txt", "hola")
        self.copy = ""

    def files(self) -> dict[str, str]:
        return data_folder_hashes(self.data)

    def outside(self) -> dict[str, str]:
        return {
            str(path): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(self.base.rglob("*"))
            if path.is_file() and not path.is_symlink() and self.data not in path.parents
            and path.name != "tuberia" and "xdg" not in path.parts
            and not path.relative_to(self.base).parts[0].startswith("nueva-")
        }  # fmt: skip


def call(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Place]:
    made = Place(tmp_path_factory.mktemp("bad-inputs"))
    saved = dict(os.environ)
    os.environ.update(
        REINSERCION_USER=ADMIN,
        REINSERCION_PASSWORD=PASSWORD,
        REINSERCION_DATA_DIR=str(made.base / "por-defecto"),
        XDG_DATA_HOME=str(made.base / "xdg"),
    )
    try:
        init = ["--data-dir", str(made.data), "init", "--kind", "centre", "--name", "Nueva Vida",
                "--code", "VAR-01", "--recovery-sheet", str(made.base / "hoja.pdf")]  # fmt: skip
        assert call(init)[0] == 0
        code, out, err = call(
            ["--data-dir", str(made.data), "backup", "create", "--to", str(made.base / "usb")]
        )
        assert code == 0, err
        made.copy = out.strip()
        yield made
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.mark.parametrize(
    ("arguments", "expected_code", "fragment"),
    [pytest.param(*row[1:], id=row[0]) for row in TABLE],
)
def test_a_bad_input_is_one_clear_spanish_refusal_and_changes_nothing(
    place: Place, arguments: str, expected_code: int, fragment: str, request: pytest.FixtureRequest
) -> None:
    new = place.base / f"nueva-{request.node.callspec.id}"
    values = {"data": place.data, "base": place.base, "new": new, "long": LONG, "copy": place.copy}
    argv = [part.format(**values) for part in arguments.split(" ") if part]
    if not any(part.startswith("--data-dir") for part in argv):
        argv = ["--data-dir", str(place.data), *argv]
    before, outside = place.files(), place.outside()

    code, _out, err = call(argv)

    assert code == expected_code, err
    assert "Traceback" not in err and "Error inesperado" not in err, err
    lines = err.splitlines()
    if code == 1:
        assert len(lines) == 1 and lines[0].startswith("reinsercion: "), err
    else:  # the usage, then one line that says what is wrong
        assert lines[0].startswith("uso: ") and f": {USAGE}: " in lines[-1], err
        assert "error:" not in err and "usage:" not in err, err
    assert fragment in lines[-1], (fragment, lines[-1][:300])
    assert "\u202e" not in err and "\x1b" not in err  # nothing typed repaints the terminal
    assert place.files() == before
    assert place.outside() == outside  # no PDF written, the linked file untouched
    # a folder refused before anything was made: no file but the lock and the log
    left = {path.relative_to(new).parts[0] for path in new.rglob("*") if path.is_file()}
    assert left <= {"reinsercion.en-uso", "registro"}, left


def test_the_table_holds_at_least_forty_inputs() -> None:
    assert len(TABLE) >= 40 and len({row[0] for row in TABLE}) == len(TABLE)
