"""`reinsercion persona exportar`: the person's right of access from the command line,
over services/subject_access.py. Logs in like every command that reads personal data
(from responsable up).

    persona exportar ID --out FILE.pdf [--json FILE.json] [--with-documents]
        ID: the participant's id or CODAPEL; prints the paths it wrote
"""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reinsercion_desktop.services.registry import Services
    from reinsercion_desktop.services.workspace import Workspace


def add_person_parser(
    commands: Any, common: argparse.ArgumentParser, auth: argparse.ArgumentParser
) -> None:
    person = commands.add_parser("persona", parents=[common], help="derechos de la persona")
    actions = person.add_subparsers(dest="person_command", required=True, metavar="ORDEN")
    export = actions.add_parser(
        "exportar",
        parents=[common, auth],
        help="todos sus datos en PDF (y JSON): derecho de acceso (RGPD art. 15)",
    )
    export.add_argument("reference", metavar="ID", help="identificador o CODAPEL de la persona")
    export.add_argument("--out", required=True, metavar="ARCHIVO.pdf", help="el PDF")
    export.add_argument("--json", metavar="ARCHIVO.json", help="además, los datos en JSON")
    export.add_argument(
        "--with-documents",
        action="store_true",
        help="además, sus documentos adjuntos descifrados en una carpeta junto al PDF",
    )


def cmd_person(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    actor = args.actor
    service = services.subject_access
    participant_id = service.resolve(actor, args.reference)
    result = service.export(
        actor,
        participant_id,
        Path(args.out).expanduser(),
        out_json=Path(args.json).expanduser() if args.json else None,
        with_documents=args.with_documents,
    )
    print(result.pdf)
    if result.json:
        print(result.json)
    if result.documents:
        print(f"{result.documents} ({result.documents_written} documentos)")
    return 0
