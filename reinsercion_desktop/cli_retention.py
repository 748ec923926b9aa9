"""`reinsercion conservacion lista|anonimizar`: retention from the command line (SPEC §10),
over services/retention.py. Logs in like every command that reads personal data.

    conservacion lista                         one line per closed file due for review
    conservacion anonimizar ID --motivo TEXTO --out REGISTRO.pdf [--yes]

The list prints the file's id, CODAPEL and dates, never the name: what a terminal shows
ends up copied into e-mails and tickets; the window shows names to the team. Anonymising
asks for confirmation on a terminal, and is refused where there is none unless --yes.
The record's path is checked before anything changes, so a wrong --out loses nothing.
"""

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.domain.anonymisation import BACKUPS_NOTE
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.output_paths import checked_output

if TYPE_CHECKING:
    from reinsercion_desktop.services.registry import Services
    from reinsercion_desktop.services.workspace import Workspace


def add_retention_parser(
    commands: Any, common: argparse.ArgumentParser, auth: argparse.ArgumentParser
) -> None:
    retention = commands.add_parser(
        "conservacion", parents=[common], help="fichas cerradas: revisión y anonimización"
    )
    actions = retention.add_subparsers(dest="retention_command", required=True, metavar="ORDEN")
    actions.add_parser(
        "lista", parents=[common, auth], help="fichas cerradas hace más de los años fijados"
    )
    anonymise = actions.add_parser(
        "anonimizar", parents=[common, auth], help="anonimiza una ficha cerrada (no se deshace)"
    )
    anonymise.add_argument("id", metavar="ID", help="identificador de la ficha (de «lista»)")
    anonymise.add_argument("--motivo", required=True, metavar="TEXTO", help="la petición")
    anonymise.add_argument("--out", required=True, metavar="REGISTRO.pdf", help="el registro")
    anonymise.add_argument("--yes", action="store_true", help="no preguntar la confirmación")


def cmd_retention(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    actor = args.actor
    retention = services.retention
    if args.retention_command == "lista":
        review = retention.review(actor)
        if not review.rows:
            print(f"No hay fichas cerradas hace {review.retention_years} años o más.")
        for row in review.rows:
            print(
                f"{row.participant_id}  {row.codapel:<14}  cerrada el {row.closed_on:%d/%m/%Y}"
                f"  ({row.years_closed} años)  formularios firmados: {row.signed_forms}"
                f"  adjuntos: {row.attachments}"
            )
        return 0
    out = checked_output(args.out, data_root=workspace.paths.root, what="el registro")
    if not args.yes and not _confirmed():
        raise UserError("Anonimización cancelada: no se ha cambiado nada.")
    record = retention.anonymise(actor, args.id.strip(), args.motivo)
    path = retention.write_record(record, out, data_root=workspace.paths.root)
    print(f"Ficha anonimizada: ahora «{record.label}». Registro en {path}")
    print(BACKUPS_NOTE)
    return 0


def _confirmed() -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(
            "Anonimizar no se puede deshacer: confírmelo en una terminal o añada --yes."
        )
    print(
        "Se borrarán el nombre, el DNI/NIE, la dirección, los teléfonos, las notas y textos, "
        "los valores identificativos de los formularios y los documentos adjuntos de esta "
        "ficha. No se puede deshacer."
    )
    print(BACKUPS_NOTE)
    answer = input("¿Anonimizar la ficha? [s/N] ")
    return answer.strip().lower() in ("s", "si", "sí")
