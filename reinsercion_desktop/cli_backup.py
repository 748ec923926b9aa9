"""`reinsercion backup create|list|verify|restore`: copias de seguridad from the command
line, over services/backups.py. Logs in like every command that reads personal data.

    backup create [--to FOLDER]   prints the path of the copy it wrote
    backup list                   one line per copy: date, kind, size, state
    backup verify PATH            «correcta» (exit 0) or what is wrong (exit 1)
    backup restore PATH [--yes]   prints what the copy holds; asks on a terminal, refuses
                                  where there is none unless --yes
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.file_size import file_size_es

if TYPE_CHECKING:
    from reinsercion_desktop.services.registry import Services
    from reinsercion_desktop.services.workspace import Workspace


def add_backup_parser(
    commands: Any, common: argparse.ArgumentParser, auth: argparse.ArgumentParser
) -> None:
    backup = commands.add_parser("backup", parents=[common], help="copias de seguridad")
    actions = backup.add_subparsers(dest="backup_command", required=True, metavar="ORDEN")
    create = actions.add_parser(
        "create", parents=[common, auth], help="hace una copia comprobada y dice dónde está"
    )
    create.add_argument("--to", metavar="CARPETA", help="otra carpeta (por ejemplo un USB)")
    listing = actions.add_parser("list", parents=[common, auth], help="las copias de copias/")
    listing.add_argument("--from", dest="folder", metavar="CARPETA", help="otra carpeta")
    verify = actions.add_parser("verify", parents=[common, auth], help="comprueba una copia")
    verify.add_argument("path", metavar="COPIA")
    restore = actions.add_parser(
        "restore", parents=[common, auth], help="restaura una copia (tras copiar lo actual)"
    )
    restore.add_argument("path", metavar="COPIA")
    restore.add_argument("--yes", action="store_true", help="no preguntar la confirmación")


def cmd_backup(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    actor = args.actor
    backups = services.backups
    if args.backup_command == "create":
        target = Path(args.to).expanduser() if args.to else None
        print(backups.create(actor, to=target))
        return 0
    if args.backup_command == "list":
        folder = Path(args.folder).expanduser() if args.folder else None
        views = backups.list(actor, folder)
        if not views:
            print("No hay copias de seguridad.")
        for view in views:
            when = view.created.strftime("%d/%m/%Y %H:%M:%S") if view.created else "?"
            print(
                f"{when}  {view.kind.value:<18}  {file_size_es(view.size):>9}  {view.state}  {view.path}"
            )
        return 0
    path = Path(args.path).expanduser()
    if args.backup_command == "verify":
        contents = backups.verify(actor, path)
        print(f"{path.name}: correcta")
        for line in contents.lines()[1:]:
            print(line)
        return 0
    contents = backups.inspect(actor, path)
    for line in contents.lines():
        print(line)
    if not args.yes and not _confirmed():
        raise UserError("Restauración cancelada: no se ha cambiado nada.")
    result = backups.restore(actor, path)
    print(f"Copia restaurada. El estado anterior quedó en {result.safety_copy}")
    return 0


def _confirmed() -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(
            "Restaurar sustituye los datos actuales: confírmelo en una terminal o añada --yes."
        )
    answer = input("Se sustituirán los datos actuales por los de esta copia. ¿Continuar? [s/N] ")
    return answer.strip().lower() in ("s", "si", "sí")


