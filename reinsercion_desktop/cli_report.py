"""`reinsercion report NAME --period P --format pdf|csv|xlsx --out FILE [--vivienda CODE]
[--exact]`: the Anexo II set, Anexo III, the indicators and the monthly offer bulletin.

Files are protected by default (counts under the installation's threshold as «<5»);
`--exact` makes an internal copy, for a responsable. Bad input is one Spanish line and
exit 1: an unknown name lists the names, a bad period shows the accepted forms.
"""

import argparse
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.periods import PERIOD_HELP

if TYPE_CHECKING:
    from reinsercion_desktop.services.registry import Services
    from reinsercion_desktop.services.workspace import Workspace

NAMES_HELP = (
    "anexo-ii-mensual, anexo-ii-trimestral, anexo-ii-semestral, anexo-iii, indicadores "
    "u oferta-mensual"
)


def add_report_parser(
    commands: Any, common: argparse.ArgumentParser, auth: argparse.ArgumentParser
) -> None:
    report = commands.add_parser("report", parents=[common, auth], help="informes y boletines")
    report.add_argument("name", metavar="NAME", help=NAMES_HELP)
    report.add_argument("--period", required=True, help=PERIOD_HELP)
    report.add_argument("--format", default="pdf", help="pdf (por defecto), csv o xlsx")
    report.add_argument("--out", required=True, help="archivo de salida")
    report.add_argument("--vivienda", default=None, metavar="CODE", help="anexo-iii: una vivienda")
    report.add_argument(
        "--exact",
        action="store_true",
        help="copia interna con las cifras exactas (responsables); por defecto «<5»",
    )


def cmd_report(workspace: "Workspace", services: "Services", args: argparse.Namespace) -> int:
    from reinsercion_desktop.services.output_paths import checked_output
    from reinsercion_desktop.services.reports import BULLETIN, parse_period

    reports = services.reports
    choice = reports.choice(args.name)  # an unknown name lists the names
    fmt = args.format.strip().lower()
    if fmt not in choice.formats:
        offered = " o ".join(f"--format {f}" for f in choice.formats)
        raise UserError(
            f"El formato «{args.format}» no está disponible para {choice.key}: use {offered}."
        )
    if not services.setup.is_initialized():
        raise UserError(
            f"La carpeta de datos {workspace.paths.root} no tiene instalación: "
            "créela con «reinsercion init» o abriendo la aplicación."
        )
    if choice.key == BULLETIN:  # its own months parser and messages, as before issue 12
        if args.exact or args.vivienda is not None:
            raise UserError(
                "La oferta mensual no tiene cifras ni viviendas: quite --exact y --vivienda."
            )
        target = checked_output(args.out, data_root=workspace.paths.root)
        out = services.resources.offer_bulletin(target, args.period)
    else:
        out = reports.export(
            args.actor,
            choice.key,
            parse_period(args.period),
            fmt,
            args.out,
            vivienda_code=args.vivienda,
            exact=args.exact,
        )
    print(f"{'PDF' if fmt == 'pdf' else fmt.upper()} guardado en {out}")
    return 0
