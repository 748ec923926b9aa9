"""Printing: documents as PDF, read through an audited unit of work (printing is a read).

The PDF modules (ReportLab, ~0.1 s to import) are imported where a document is made:
the window's start-up goes through this module and prints nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import (
    Installation,
    Participant,
    ReferringCentre,
    UserAccount,
    Vivienda,
)
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import age_on, format_date_es, format_datetime_es
from reinsercion_desktop.domain.enums import (
    HivStatus,
    IdKind,
    LabelledEnum,
    ParticipantStatus,
    ReferringCentreKind,
    Sex,
)
from reinsercion_desktop.domain.errors import NotFoundError, UserError, describe_os_error
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.output_paths import checked_output

if TYPE_CHECKING:
    from reinsercion_desktop.pdf.participant_sheet import ParticipantSheet

PRINT_REASON = "Impresión de la ficha en PDF"


def print_participant_sheet(
    db: Database, actor: Actor, participant_id: str, out_path: Path
) -> Path:
    """Write the participant's sheet (ficha) as a PDF at `out_path` and return that path.

    The read is audited before rendering: the data left the database for printing even
    if the file then cannot be written.
    """
    authorize(actor, PermissionAction.PARTICIPANT_PRINT)
    out_path = checked_output(out_path, data_root=db.path.parent)
    with db.unit_of_work(actor, reason=PRINT_REASON) as work:
        participant = work.get(Participant, participant_id)
        if participant is None:
            raise NotFoundError("La ficha ya no existe: no se puede imprimir.")
        installation = queries.local_installation(session=work.session)
        p = participant
        centre = work.get(ReferringCentre, p.referring_centre_id) if p.referring_centre_id else None
        manager = work.get(UserAccount, p.case_manager_id) if p.case_manager_id else None
        vivienda = work.get(Vivienda, p.vivienda_id) if p.vivienda_id else None
        work.record_read("participant", participant.id, participant_id=participant.id)
        sheet = participant_sheet_of(
            participant,
            installation,
            referring_centre=_centre_name(centre),
            case_manager=manager.full_name if manager else "",
            vivienda=vivienda.name if vivienda else "",
            printed_by=actor.full_name,
            now=db.clock.now(),
            today=db.clock.today(),
        )
    from reinsercion_desktop.pdf.participant_sheet import render_participant_sheet

    try:
        render_participant_sheet(sheet, out_path)
    except OSError as error:
        raise UserError(
            f"No se pudo guardar el PDF en {out_path.parent}: {describe_os_error(error)}. "
            "Elija otra carpeta."
        ) from error
    return out_path


def participant_sheet_of(
    participant: Participant,
    installation: Installation | None,
    *,
    referring_centre: str,
    case_manager: str,
    vivienda: str,
    printed_by: str,
    now: datetime,
    today: date,
) -> ParticipantSheet:
    """The record turned into Spanish text, section by section (the renderer formats nothing)."""
    from reinsercion_desktop.pdf.base import DocumentHeader
    from reinsercion_desktop.pdf.participant_sheet import (
        PARTICIPANT_SHEET_TITLE,
        PARTICIPANT_SHEET_VERSION,
        ParticipantSheet,
    )

    p = participant
    full_name = " ".join(n for n in (p.first_name, p.surname1, p.surname2) if n)
    identification = [
        ("Nombre", p.first_name),
        ("Primer apellido", p.surname1),
        ("Segundo apellido", p.surname2),
        ("CODAPEL", p.codapel),
        ("Fecha de nacimiento", format_date_es(p.birth_date)),
        ("Edad", f"{age_on(p.birth_date, today)} años"),
        ("Sexo", _label(Sex, p.sex)),
        ("Identidad de género", p.gender_identity),
        ("Tipo de documento", _label(IdKind, p.id_kind)),
        ("Número de documento", p.id_number),
    ]
    address = [
        ("Dirección", p.address),
        ("Municipio de residencia", p.municipality),
        ("Provincia", p.province),
        ("Teléfono", p.phone),
        ("Familiar responsable", p.family_contact),
        ("Teléfono del familiar", p.family_phone),
    ]
    if p.ptm:
        dose = f"{p.methadone_dose_mg} mg/día" if p.methadone_dose_mg is not None else ""
    else:
        dose = "No procede"
    profile = [
        ("Sustancia principal", p.addiction_profile),
        ("Estado VIH", _label(HivStatus, p.hiv_status)),
        ("En PTM (metadona)", _yes_no(p.ptm)),
        ("Dosis de metadona", dose),
        ("Procede de prisión", _yes_no(p.prison_origin)),
        ("Orden judicial de ingreso", _yes_no(p.court_order)),
        ("Procedimientos judiciales pendientes", _yes_no(p.pending_judicial)),
        ("Medida alternativa a prisión", _yes_no(p.alternative_sentence)),
        ("Nivel de estudios", p.education_level),
        ("Situación laboral", p.employment_situation),
    ]
    case = [
        ("Situación", _label(ParticipantStatus, p.status)),
        ("Vivienda", vivienda),
        ("Centro derivador", referring_centre),
        ("Gestor/a de caso", case_manager),
        ("Ficha abierta el", format_datetime_es(p.created_at)),
        ("Última modificación", _changed(p)),
    ]
    if p.archived_at is not None:
        case.append(("Archivada", f"{format_date_es(p.archived_at)}: {p.archive_reason}"))
    header = DocumentHeader(
        centre_name=installation.name if installation else "",
        centre_code=installation.code if installation else "",
        entity=installation.entity if installation else "",
        address_line=_address_line(installation),
        title=PARTICIPANT_SHEET_TITLE,
        subtitle=f"{full_name} · CODAPEL {p.codapel}",
        version=PARTICIPANT_SHEET_VERSION,
        record_id=p.id,
    )
    return ParticipantSheet(
        header=header,
        sections=[
            ("Identificación", identification),
            ("Domicilio y contacto", address),
            ("Perfil y situación", profile),
            ("Circuito y gestión del caso", case),
        ],
        notes=p.notes,
        printed_by=printed_by,
        printed_at=format_datetime_es(now),
    )


def _label(enum: type[LabelledEnum], value: str) -> str:
    """The Spanish label; an unknown stored value (e.g. from a newer version) prints as is."""
    try:
        return enum(value).label
    except ValueError:
        return value


def _yes_no(value: bool) -> str:
    return "Sí" if value else "No"


def _centre_name(centre: ReferringCentre | None) -> str:
    if centre is None:
        return ""
    try:
        kind = ReferringCentreKind(centre.kind)
    except ValueError:
        return centre.name
    return centre.name if kind is ReferringCentreKind.OTHER else f"{centre.name} ({kind.value})"


def _changed(participant: Participant) -> str:
    when = format_datetime_es(participant.updated_at)
    who = f" por {participant.updated_by}" if participant.updated_by else ""
    return f"{when}{who} (versión {participant.version})" if when else ""


def _address_line(installation: Installation | None) -> str:
    if installation is None:
        return ""
    parts = [installation.address, installation.province]
    if installation.phone:
        parts.append(f"Tel. {installation.phone}")
    return " · ".join(part for part in parts if part)


class PrintingService:
    """The participant's printable sheet (ficha) as a PDF."""

    def __init__(self, db: Database):
        self.db = db

    def participant_sheet(self, actor: Actor, participant_id: str, out_path: Path) -> Path:
        return print_participant_sheet(self.db, actor, participant_id, out_path)
