"""Anexo III — Informe usuarios/as de VAR, as a `Report` (one section per vivienda) for
the dock, the PDF, CSV and XLSX, and `reinsercion report anexo-iii`.

The values are services.monthly_report.anexo_iii_data's, the same the signed monthly form
is filled from (its counting rules are written there); this module only lays them out as
the seed's two tables: the month's users (CODAPEL, perfil, ST, ST excepc., fecha de
ingreso, programa, centro derivador, centro origen, renuncia) and its discharges (fecha
alta, tipo alta, estancia total, salidas terap., motivo abandono). CODAPEL only (R-CONF-1).
"""

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.enums import DischargeType, Programme
from reinsercion_desktop.domain.errors import NotFoundError
from reinsercion_desktop.domain.periods import Period, PeriodKind
from reinsercion_desktop.domain.report_table import (
    Column,
    ColumnKind,
    Report,
    ReportSection,
    ReportTable,
)
from reinsercion_desktop.services.anexo_ii_figures import in_force
from reinsercion_desktop.services.monthly_report import anexo_iii_data
from reinsercion_desktop.services.report_issuer import (
    ALL_VIVIENDAS,
    iso_date,
    local_issuer,
    require_kind,
)

TITLE = "Anexo III — Informe usuarios/as de VAR"
USERS_COLUMNS = (
    Column("codapel", "CODAPEL"),
    Column("perfil", "Perfil"),
    Column("st", "ST", ColumnKind.DAYS),
    Column("st_excepc", "ST excepc.", ColumnKind.DAYS),
    Column("fecha_ingreso", "Fecha ingreso", ColumnKind.DATE),
    Column("programa", "Programa"),
    Column("centro_derivador", "Centro derivador"),
    Column("centro_origen", "Centro origen"),
    Column("renuncia", "Renuncia"),
)
DISCHARGE_COLUMNS = (
    Column("codapel", "CODAPEL"),
    Column("fecha_alta", "Fecha alta", ColumnKind.DATE),
    Column("tipo_alta", "Tipo alta"),
    Column("estancia_total", "Estancia total", ColumnKind.DAYS),
    Column("salidas_terap", "Salidas terap.", ColumnKind.DAYS),
    Column("motivo_abandono", "Motivo abandono (si procede)"),
)
_USERS_NOTE = (
    "Personas en la vivienda algún día del mes (el día del alta incluido) y renuncias del "
    "mes a una plaza asignada. ST y ST excepc.: días de salidas ordinarias y excepcionales "
    "dentro del mes."
)
_DISCHARGE_NOTE = (
    "Altas del mes. Estancia total = fecha de alta − fecha de ingreso; salidas terap.: "
    "días de salida (ordinarias y excepcionales) de toda la estancia."
)


def anexo_iii_report(db: Database, vivienda_id: str | None, period: Period) -> Report:
    """«anexo-iii»: the month's Anexo III of one vivienda, or (`vivienda_id` None) of every
    vivienda in service any day of the month, one section each, by name."""
    require_kind(period, PeriodKind.MONTH, "El Anexo III")
    with db.read() as session:
        viviendas = list(queries.viviendas(session=session))
    if vivienda_id is not None:
        chosen = [v for v in viviendas if v.id == vivienda_id]
        if not chosen:
            raise NotFoundError("La vivienda no existe: elija una de la lista.")
    else:
        chosen = [v for v in viviendas if in_force(v, period.start, period.end)]
    sections = tuple(
        vivienda_section(anexo_iii_data(db, v.id, period.code), number)
        for number, v in enumerate(chosen, start=1)
    )
    return Report(
        key="anexo-iii",
        title=TITLE,
        period=period,
        issuer=local_issuer(db),
        sections=sections,
        scope=chosen[0].name if vivienda_id is not None else ALL_VIVIENDAS,
        made_on=db.clock.today(),
    )


def _label(enum, code: str) -> str:  # type: ignore[no-untyped-def]
    return enum(code).label if code in {member.value for member in enum} else code


def vivienda_section(values: dict, number: int = 1) -> ReportSection:
    """One vivienda's two tables from its anexo_iii_data values."""
    users = tuple(
        (
            row["codapel"],
            row["perfil"],
            row["st"],
            row["st_excepc"],
            iso_date(row["fecha_ingreso"]),
            _label(Programme, row["programa"]),
            row["centro_derivador"],
            row["centro_origen"],
            "Sí" if row["renuncia"] else "",
        )
        for row in values["usuarios"]
    )
    discharges = tuple(
        (
            row["codapel"],
            iso_date(row["fecha_alta"]),
            _label(DischargeType, row["tipo_alta"]),
            row["estancia_total"],
            row["salidas_terap"],
            row["motivo_abandono"],
        )
        for row in values["altas"]
    )
    return ReportSection(
        title=f"Vivienda: {values['vivienda']}",
        tables=(
            ReportTable(
                f"usuarios_{number}", "Usuarios/as", USERS_COLUMNS, users, note=_USERS_NOTE
            ),
            ReportTable(
                f"altas_{number}", "Altas", DISCHARGE_COLUMNS, discharges, note=_DISCHARGE_NOTE
            ),
        ),
    )
