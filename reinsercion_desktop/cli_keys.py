"""`reinsercion keys show|export|import`: the installation's exchange keys and the peers it
trusts, over services/peers.py. Logs in like every other command.

    keys show                                   name, kind, fingerprint, age recipient
    keys export --out FILE                      this installation's public keys (.rdclave)
    keys import FILE --name PEER [--fingerprint FP]
                                                trusts the file's keys when FP (read by phone)
                                                matches; without it, shows the file's
                                                fingerprint and asks for it on a terminal,
                                                and refuses where there is none
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from reinsercion_desktop.services.registry import Services
    from reinsercion_desktop.services.workspace import Workspace


def add_keys_parser(
    commands: Any, common: argparse.ArgumentParser, auth: argparse.ArgumentParser
) -> None:
    keys = commands.add_parser("keys", parents=[common], help="claves de intercambio")
    actions = keys.add_subparsers(dest="keys_command", required=True, metavar="ORDEN")
    actions.add_parser(
        "show", parents=[common, auth], help="la huella y la clave de esta instalación"
    )
    export = actions.add_parser(
        "export", parents=[common, auth], help="guarda la clave pública de esta instalación"
    )
    export.add_argument("--out", required=True, metavar="ARCHIVO", help="por ejemplo mi.rdclave")
    trust = actions.add_parser(
        "import",
        parents=[common, auth],
        help="confía en la clave de otro centro u oficina tras confirmar su huella",
    )
    trust.add_argument("path", metavar="ARCHIVO")
    trust.add_argument("--name", required=True, help="cómo llama esta instalación al otro")
    trust.add_argument(
        "--fingerprint", metavar="HUELLA", help="la huella que le leyeron por teléfono"
    )


def cmd_keys(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    actor = args.actor
    peers = services.peers
    if args.keys_command == "show":
        own = peers.own_keys(actor)
        print(f"Instalación: {own.name} ({own.code})")
        print(f"Tipo: {own.kind.label}")
        print(f"Huella: {own.fingerprint}")
        print(f"Clave de cifrado (age): {own.recipient}")
        return 0
    if args.keys_command == "export":
        path = peers.export_public(actor, args.out)
        print(f"Clave pública guardada en {path}")
        print(f"Huella: {peers.own_keys(actor).fingerprint} (léala por teléfono a quien la reciba)")
        return 0
    candidate = peers.read_candidate(Path(args.path))
    print(f"Archivo: {candidate.name} ({candidate.code}), {candidate.kind.label}")
    print(f"Huella del archivo: {candidate.fingerprint}")
    typed = args.fingerprint
    if typed is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise UserError(
                "Falta la huella: confírmela por teléfono con la otra instalación y escríbala "
                "con --fingerprint, o ejecute la orden en una terminal."
            )
        typed = input("Escriba la huella que le leen por teléfono: ")
    result = peers.trust(actor, candidate, args.name, typed)
    print(result.message)
    return 0
