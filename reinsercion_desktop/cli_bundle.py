"""`reinsercion bundle export|import`: exchange bundles with the coordinating office (or its
centres) from the command line, over services/exchange.py. Logs in like every other
command; the services ask for a responsable.

    bundle export --to PEER --out FILE|FOLDER [--full]
                                the next bundle for the peer trusted under that name; in a
                                folder it takes its own name (paquete-AAAA-MM-DD-….rdpaquete)
    bundle import FILE [--dry-run]
                                verified whole, then applied whole (or, with --dry-run,
                                applied and rolled back: the counts are exact, nothing changes)

What is printed names tables and counts, never a person. A refusal is the service's one
Spanish line (cli.main prints it, exit 1). Ctrl+C needs nothing here: the export removes
its partial file on any exception and the import is one unit of work that rolls back.
"""

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from reinsercion_desktop.services.exchange_import import ImportResult
    from reinsercion_desktop.services.registry import Services
    from reinsercion_desktop.services.workspace import Workspace


def add_bundle_parser(
    commands: Any, common: argparse.ArgumentParser, auth: argparse.ArgumentParser
) -> None:
    bundle = commands.add_parser(
        "bundle", parents=[common], help="paquetes de intercambio con la oficina o sus centros"
    )
    actions = bundle.add_subparsers(dest="bundle_command", required=True, metavar="ORDEN")
    export = actions.add_parser(
        "export",
        parents=[common, auth],
        help="crea el siguiente paquete para una instalación de confianza",
    )
    export.add_argument(
        "--to",
        required=True,
        dest="peer",
        metavar="NOMBRE",
        help="el nombre con que se confió en su clave (reinsercion keys import --name)",
    )
    export.add_argument(
        "--out",
        required=True,
        metavar="ARCHIVO|CARPETA",
        help="una carpeta (el paquete lleva su propio nombre) o el archivo .rdpaquete",
    )
    export.add_argument(
        "--full",
        action="store_true",
        help="completo: todos los registros desde el principio, no solo los cambios",
    )
    take = actions.add_parser(
        "import", parents=[common, auth], help="comprueba e importa un paquete recibido"
    )
    take.add_argument("path", metavar="ARCHIVO", help="el archivo .rdpaquete recibido")
    take.add_argument(
        "--dry-run",
        action="store_true",
        help="muestra lo que cambiaría, sin cambiar nada",
    )


def cmd_bundle(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    if args.bundle_command == "export":
        return _export(workspace, services, args)
    return _import(services, args)


def _export(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    from reinsercion_desktop.services.exchange import describe_tables
    from reinsercion_desktop.services.output_paths import checked_output
    from reinsercion_desktop.services.peers import trusted_peer_named

    actor = args.actor
    services.exchange.peers(actor)  # a responsable, before any peer's name is listed
    if not args.out.strip():  # `--out ""` is Path("."), the current folder: never chosen
        checked_output(args.out, data_root=workspace.paths.root, what="el paquete")
    peer = trusted_peer_named(workspace.db, args.peer)
    with _percentage(sys.stderr) as progress:
        result = services.exchange.export(
            actor, peer.id, args.out, full=args.full, progress=progress
        )
    where = os.path.abspath(result.path)  # `--out .` said as the folder it is
    print(f"Paquete n.º {result.sequence} para «{result.peer_name}» guardado en {where}")
    if result.full:
        print("Completo: lleva todos los registros desde el principio.")
    else:
        print("Solo los cambios desde el paquete anterior.")
    carried = describe_tables(result.counts) if result.records else "ningún registro nuevo"
    print(f"Contiene: {carried}")
    return 0


def _import(services: "Services", args: argparse.Namespace) -> int:
    with _percentage(sys.stderr) as progress:
        result = services.exchange.import_bundle(
            args.actor, args.path, dry_run=args.dry_run, progress=progress
        )
    for line in import_lines(result, dry_run=args.dry_run):
        print(line)
    return 0


def import_lines(result: "ImportResult", *, dry_run: bool) -> list[str]:
    """What an import did (or, with --dry-run, would do), in Spanish; tables and counts,
    never a person."""
    from reinsercion_desktop.services.exchange import describe_confirmed, describe_counts
    from reinsercion_desktop.services.exchange_import import ALREADY, HELD_NOW
    from reinsercion_desktop.services.field_labels import record_kind

    which = f"Paquete n.º {result.sequence} de «{result.peer_name}»"
    if result.state == ALREADY:
        lines = [f"{which}: ya se había importado: no cambia nada."]
    elif result.state == HELD_NOW:
        lines = [
            f"{which}: en espera del paquete n.º {result.waiting_for}; se importará "
            "cuando llegue ese."
        ]
        if dry_run:
            lines.append("Vista previa: no se ha cambiado nada.")
    else:
        counts = dict(result.outcomes.counts)
        verb = "se importaría" if dry_run else "importado"
        lines = [f"{which} {verb}: {describe_counts(counts)}."]
        for table, outcomes in result.outcomes.by_table.items():  # in the bundle's order
            lines.append(f"  {record_kind(table)}: {describe_counts(dict(outcomes))}")
        if result.count("conflict"):
            lines.append(
                f"{result.count('conflict')} en conflicto: se mantienen los valores de aquí "
                "hasta que alguien elija en la vista Intercambio de la ventana."
            )
        for sequence in result.then_applied:
            lines.append(f"También se importó el paquete n.º {sequence}, que estaba en espera.")
        if result.confirmed:
            lines.append(describe_confirmed(result.confirmed))
        if dry_run:
            lines.append("Vista previa: no se ha cambiado nada.")
    lines.extend(f"Aviso: {warning}" for warning in result.warnings)
    return lines


class _percentage:
    """A percentage on stderr while the work runs, only when stderr is a terminal (a log or
    a pipe gets nothing of it); the line is cleared at the end."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.shown = -1
        self.on = bool(getattr(stream, "isatty", None) and stream.isatty())

    def __enter__(self) -> Callable[[int, int], None] | None:
        return self.show if self.on else None

    def show(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent != self.shown:
            self.shown = percent
            self.stream.write(f"\r{percent:3d} %")
            self.stream.flush()

    def __exit__(self, *_exc: object) -> None:
        if self.on and self.shown >= 0:
            self.stream.write("\r" + " " * 8 + "\r")  # the next line starts clean
            self.stream.flush()
