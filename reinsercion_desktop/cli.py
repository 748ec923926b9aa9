"""The `reinsercion` command: headless use for office staff, scheduled jobs and checks.

Exit codes (SPEC §11): 0 success, 1 user error (one Spanish line on stderr, never a
traceback), 2 wrong usage.
"""

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reinsercion_desktop import __version__
from reinsercion_desktop.argparse_es import SpanishArgumentParser
from reinsercion_desktop.cli_backup import add_backup_parser, cmd_backup
from reinsercion_desktop.cli_bundle import add_bundle_parser, cmd_bundle
from reinsercion_desktop.cli_keys import add_keys_parser, cmd_keys
from reinsercion_desktop.cli_person import add_person_parser, cmd_person
from reinsercion_desktop.cli_report import add_report_parser, cmd_report
from reinsercion_desktop.cli_retention import add_retention_parser, cmd_retention
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import DateInputError, parse_date_es
from reinsercion_desktop.domain.enums import InstallationKind, Role
from reinsercion_desktop.domain.errors import UserError, ValidationError, describe_os_error
from reinsercion_desktop.domain.text_input import clean_text
from reinsercion_desktop.error_reports import log_unexpected, unexpected_message
from reinsercion_desktop.logging_setup import configure_logging
from reinsercion_desktop.paths import DataPaths, resolve_data_dir

if TYPE_CHECKING:  # built in _run, imported late so `--help` and wrong usage stay quick
    from reinsercion_desktop.services.registry import Services
    from reinsercion_desktop.services.workspace import Workspace

USER_ENV = "REINSERCION_USER"
PASSWORD_ENV = "REINSERCION_PASSWORD"
log = logging.getLogger("reinsercion")
log.addHandler(logging.NullHandler())  # no handler yet must not mean a traceback on stderr
# demo.profiles.PROFILES, the default first; spelled out so that parsing needs no demo import
DEMO_PROFILES = ("andalucia", "cdmx")


def build_parser() -> argparse.ArgumentParser:
    data_dir_help = "carpeta de datos (por defecto REINSERCION_DATA_DIR o la del usuario)"
    # Accepted before or after the command; SUPPRESS keeps the later one from erasing the first.
    common = SpanishArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=data_dir_help)
    auth = SpanishArgumentParser(add_help=False)
    auth.add_argument(
        "--user", help=f"usuario (por defecto {USER_ENV}); contraseña en {PASSWORD_ENV}"
    )

    parser = SpanishArgumentParser(
        prog="reinsercion", description="Reinserción Desktop sin ventana."
    )
    parser.add_argument("--data-dir", default=None, help=data_dir_help)
    parser.add_version(f"reinsercion {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=SpanishArgumentParser
    )

    init = commands.add_parser(
        "init", parents=[common, auth], help="crea la instalación y su administrador/a"
    )
    init.add_argument("--kind", choices=[k.value for k in InstallationKind], required=True)
    init.add_argument("--name", required=True)
    init.add_argument("--code", required=True)
    init.add_argument("--entity", default="")
    init.add_argument("--province", default="")
    init.add_argument("--full-name", default="", help="nombre completo del administrador/a")
    init.add_argument(
        "--recovery-sheet",
        required=True,
        metavar="FILE.pdf",
        help="dónde escribir la hoja con la clave de recuperación (imprímala y bórrela)",
    )

    demo = commands.add_parser("demo", parents=[common], help="datos de demostración deterministas")
    demo.add_argument("--participants", type=int, default=120)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument(
        "--profile",
        choices=DEMO_PROFILES,
        default=DEMO_PROFILES[0],
        help="andalucia: una VAR andaluza (por defecto); cdmx: el programa de reinserción "
        "de la Alcaldía Álvaro Obregón (Ciudad de México)",
    )

    commands.add_parser(
        "check", parents=[common, auth], help="integridad, esquema y número de registros"
    )

    audit = commands.add_parser("audit", parents=[common, auth], help="quién vio o cambió qué")
    audit.add_argument("--participant", help="id de la ficha")
    audit.add_argument("--since", help="desde la fecha dd/mm/aaaa")
    audit.add_argument(
        "--sign-again",
        metavar="MOTIVO",
        help="administración: vuelve a firmar el registro tras investigar lo que dijo check",
    )

    forms = commands.add_parser("forms", parents=[common], help="formularios rellenados")
    forms_commands = forms.add_subparsers(
        dest="forms_command", required=True, parser_class=SpanishArgumentParser
    )
    forms_list = forms_commands.add_parser(
        "list", parents=[common, auth], help="un formulario por línea"
    )
    forms_list.add_argument("--form", help="solo este formulario (anexo-i … acuerdo-incorporacion)")

    pdf = commands.add_parser("pdf", parents=[common, auth], help="el PDF de un formulario")
    pdf.add_argument("form_id", metavar="FORM_ID")
    target = pdf.add_mutually_exclusive_group(required=True)
    target.add_argument("--record", help="id del formulario rellenado")
    target.add_argument("--blank", action="store_true", help="en blanco, para rellenar a mano")
    pdf.add_argument("--out", required=True, help="archivo PDF de salida")

    add_report_parser(commands, common, auth)
    add_backup_parser(commands, common, auth)
    add_retention_parser(commands, common, auth)
    add_person_parser(commands, common, auth)
    add_keys_parser(commands, common, auth)
    add_bundle_parser(commands, common, auth)
    bench = commands.add_parser("bench", parents=[common], help="tabla de tiempos y memoria")
    bench.add_argument("--scale", choices=["small", "office"], default="office")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except UserError as error:
        print(f"reinsercion: {_one_line(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reinsercion: interrumpido.", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `reinsercion audit | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    except Exception as error:  # never a traceback nor the error's text: it may name a person
        reference = log_unexpected(error, log)  # the log keeps the traceback under it
        print(f"reinsercion: {unexpected_message(reference)}", file=sys.stderr)
        return 1


def _one_line(error: UserError) -> str:
    text = " ".join(error.problems.values()) if isinstance(error, ValidationError) else str(error)
    # A message may quote what was typed: a bidi override in it would reverse the rest of
    # the line on the terminal, a control character could repaint it.
    return " ".join(clean_text(text, multiline=False).split())


def _run(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    configure_logging(DataPaths(data_dir).logs)
    if args.command == "bench":
        from reinsercion_desktop.bench.runner import run_bench

        return run_bench(scale=args.scale, data_dir=data_dir if args.data_dir else None)
    from reinsercion_desktop.security.instance_lock import InstanceLock

    with InstanceLock.acquire(data_dir) as lock:  # one program at a time on a folder
        lock.keep_fresh()  # a long command (demo, backup) stays visibly open to other PCs
        return _open_and_run(data_dir, args)


def _open_and_run(data_dir: Path, args: argparse.Namespace) -> int:
    from reinsercion_desktop.services.registry import build_services
    from reinsercion_desktop.services.workspace import Workspace

    if args.command in NEW_FOLDER_COMMANDS:  # a new installation: a new data key
        from reinsercion_desktop.security.keys import DataKeys
        from reinsercion_desktop.services.gate import FolderState, Gate

        if args.command == "demo":  # a demo cut short is made again (demo/unfinished.py)
            from reinsercion_desktop.demo.unfinished import begin_demo

            begin_demo(data_dir)
        if Gate(data_dir).state is not FolderState.NEW:
            raise UserError(
                f"La carpeta de datos {data_dir} ya tiene una instalación; "
                f"«{args.command}» solo trabaja en una carpeta nueva: elija otra con --data-dir."
            )
        workspace = Workspace.open(data_dir, DataKeys.generate())
    else:  # the data open only with the key a login unwraps, as in the window
        from reinsercion_desktop.services.gate import FolderState, Gate

        gate = Gate(data_dir)
        if gate.state is FolderState.NEW and getattr(args, "backup_command", "") == "restore":
            from reinsercion_desktop.cli_backup import restore_on_new_folder  # a new PC

            return restore_on_new_folder(data_dir, args, _login_name(args), _password())
        if gate.state is FolderState.NEW:
            raise UserError(
                f"La carpeta de datos {data_dir} aún no tiene instalación: créela con "
                "«reinsercion init» o abriendo la aplicación."
            )
        opened = gate.login(_login_name(args), _password())
        workspace, args.actor = opened.workspace, opened.actor
    try:
        return COMMANDS[args.command](workspace, build_services(workspace), args)
    except BaseException:
        if args.command in NEW_FOLDER_COMMANDS:
            workspace.discard_unfinished()  # nothing half-made is left behind
            if args.command == "demo":
                from reinsercion_desktop.demo.unfinished import abandon_demo

                abandon_demo(data_dir)
        raise
    finally:
        workspace.close()


def _password(prompt: str = "Contraseña: ") -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(
            f"Falta la contraseña: defina {PASSWORD_ENV} o ejecute la orden en una terminal."
        )
    return getpass.getpass(prompt)


def _login_name(args: argparse.Namespace) -> str:
    login = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not login:
        raise UserError(f"Falta el usuario: use --user o defina {USER_ENV}.")
    return login


def _authenticate(services: "Services", args: argparse.Namespace) -> Actor:
    """Who logged in to open the folder (see `_run`)."""
    return args.actor


def cmd_init(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    from reinsercion_desktop.services.accounts import NewUser
    from reinsercion_desktop.services.output_paths import checked_output
    from reinsercion_desktop.services.setup import InstallationSetup

    login = _login_name(args)
    # Before anything is made: a sheet that cannot be written is said now, not after.
    checked_output(
        args.recovery_sheet, data_root=workspace.paths.root, what="la hoja de recuperación"
    )
    password = _password("Contraseña del administrador/a: ")
    setup = InstallationSetup(
        kind=InstallationKind(args.kind),
        name=args.name,
        code=args.code,
        entity=args.entity,
        province=args.province,
        admin=NewUser(login, args.full_name or login, Role.ADMIN, password),
    )
    services.setup.initialize(setup)
    _write_recovery_sheet(workspace, services, Path(args.recovery_sheet))
    print(f"Instalación «{args.name}» creada en {workspace.paths.root}; administrador/a: {login}.")
    print(
        f"Hoja de la clave de recuperación en {args.recovery_sheet}: imprímala, guárdela bajo "
        "llave y borre el archivo."
    )
    return 0


def _write_recovery_sheet(workspace: "Workspace", services: "Services", path: Path) -> None:
    from datetime import date

    from reinsercion_desktop.domain.dates import format_date_es
    from reinsercion_desktop.pdf.recovery_sheet import RecoverySheet, render_recovery_sheet

    centre = services.setup.centre()
    assert centre is not None
    key_file = workspace.key_file()
    sheet = RecoverySheet(
        centre.name, centre.code, services.setup.recovery_code, format_date_es(date.today())
    )
    try:
        render_recovery_sheet(sheet, path)
    except OSError as error:
        raise UserError(
            f"La instalación está creada, pero no se pudo escribir la hoja de recuperación en "
            f"{path}: {describe_os_error(error)}. Se le ofrecerá de nuevo al entrar en la ventana."
        ) from error
    key_file.recovery_printed()
    key_file.save()


def cmd_demo(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    from reinsercion_desktop.demo.builder import make_demo
    from reinsercion_desktop.services.setup import DEMO_LOGIN, DEMO_PASSWORD

    summary = make_demo(
        workspace, participants=args.participants, seed=args.seed, profile=args.profile
    )
    print(
        f"Datos de demostración ({summary.profile}) en {workspace.paths.root}: "
        f"{summary.participants} participantes, "
        f"{summary.viviendas} viviendas, {summary.referring_centres} centros derivadores. "
        f"Usuario {DEMO_LOGIN}, contraseña {DEMO_PASSWORD}."
    )
    return 0


def cmd_check(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    from reinsercion_desktop.services.check import check_workspace

    report = check_workspace(workspace)
    print(f"integridad: {'correcta' if report.ok else 'CON PROBLEMAS'}")
    print(f"esquema: {report.revision}")
    for problem in report.problems:
        print(f"problema: {problem}")
    for note in report.notes:
        print(f"nota: {note}")
    for kind, count in report.counts.items():
        print(f"{kind}: {count}")
    if not report.ok:
        if any("registro de auditoría" in problem for problem in report.problems):
            print(
                "Si el registro de auditoría cambió por una causa conocida (una copia restaurada "
                "a mano, un corte de luz), un administrador/a puede volver a firmarlo tras "
                "investigarlo: reinsercion audit --sign-again «motivo»."
            )
        raise UserError(f"La comprobación encontró {len(report.problems)} problema(s); vea arriba.")
    return 0


def cmd_audit(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    """From responsable up, as in the window; the reading itself is audited."""
    actor = _authenticate(services, args)
    if args.sign_again is not None:
        from reinsercion_desktop.services.audit_anchor import restart_anchor

        restart_anchor(workspace.db, actor, args.sign_again)
        print(
            "Registro de auditoría firmado de nuevo desde su estado actual; el ancla anterior "
            "y el motivo quedan en el propio registro."
        )
        return 0
    since = None
    if args.since is not None:  # `--since ""` is a date left out, not "since always"
        try:
            since = datetime.combine(parse_date_es(args.since), datetime.min.time()).astimezone()
        except DateInputError as error:
            raise UserError(str(error)) from None
    for line in services.audit.entries(actor, participant_id=args.participant, since=since):
        print(line.summary())
    return 0


def cmd_forms(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    actor = _authenticate(services, args)
    service = services.forms
    if args.form:
        service.catalogue.latest(args.form)  # an unknown form id is a user error
    for record_id, form_id, codapel, status in service.list_lines(actor, args.form):
        print(f"{record_id}  {form_id}  {codapel}  {status}")
    return 0


def cmd_pdf(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:

    from reinsercion_desktop.services.output_paths import checked_output

    service = services.forms
    out = checked_output(args.out, data_root=workspace.paths.root)  # `--out ""` said as such
    if args.blank:
        service.blank_pdf(args.form_id, out)
    else:
        actor = _authenticate(services, args)
        filled = service.open(actor, args.record)
        if filled.instance.form_id != args.form_id:
            raise UserError(
                f"El registro {args.record} es un {filled.instance.form_id}, no un {args.form_id}."
            )
        service.issue_pdf(actor, args.record, out)
    print(f"PDF guardado en {out}")
    return 0


NEW_FOLDER_COMMANDS = ("init", "demo")  # they make a new installation (and its data key)
COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "check": cmd_check,
    "audit": cmd_audit,
    "forms": cmd_forms,
    "pdf": cmd_pdf,
    "report": cmd_report,
    "backup": cmd_backup,
    "conservacion": cmd_retention,
    "persona": cmd_person,
    "keys": cmd_keys,
    "bundle": cmd_bundle,
}


if __name__ == "__main__":
    sys.exit(main())
