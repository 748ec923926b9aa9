"""`reinsercion check`: is the data file sound, at the newest schema, what it holds, and
has anything been changed behind the application's back.

Besides SQLite's own checks it proves the audit trail (`services/audit_anchor.py`): the
chain links, the append-only triggers, the signed anchor in the key file and beside each
backup; then that every record is what its last audit entry recorded (an edit made with
SQL is found), that signed forms still match their signature and attachments their
SHA-256. Every problem is one Spanish sentence; records are named by kind and the start
of their id, never by a person's name.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reinsercion_desktop.db import audit_queries, migrate, queries, retention_queries
from reinsercion_desktop.db.audit_queries import ChainScan, RecordFinding
from reinsercion_desktop.security.keyfile import KeyFile
from reinsercion_desktop.services.audit_anchor_check import (
    anchor_problems,
    anchored_entries,
    backup_anchors,
)
from reinsercion_desktop.services.backup_anchor_check import copy_anchors
from reinsercion_desktop.services.field_labels import record_kind
from reinsercion_desktop.services.forms import altered_after_signing
from reinsercion_desktop.services.workspace import Workspace

if TYPE_CHECKING:
    from reinsercion_desktop.services.attachments import AttachmentService

SHOWN = 10  # records named one by one per kind of problem; the rest are counted

_FINDINGS = {
    "edited": "no coincide con lo que registró la auditoría: se ha modificado fuera de la "
    "aplicación",
    "unaudited": "no tiene ninguna entrada en el registro de auditoría: se ha añadido fuera de "
    "la aplicación",
    "reappeared": "se borró según el registro de auditoría y vuelve a estar: se ha restaurado "
    "fuera de la aplicación",
    "removed": "falta, y el registro de auditoría no recoge su borrado: se ha borrado fuera de "
    "la aplicación",
}


@dataclass
class CheckReport:
    problems: list[str]
    counts: dict[str, int]
    revision: str | None
    notes: list[str] = field(default_factory=list)  # what is so on purpose (not a problem)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_workspace(
    workspace: Workspace, attachments: "AttachmentService | None" = None
) -> CheckReport:
    """Every check on an open data folder. `attachments`: the service that knows how the
    files are stored (the registry's, built here when not given)."""
    problems: list[str] = []
    revision = migrate.current_revision(workspace.paths.database, workspace.keys.sqlcipher)
    if revision != migrate.HEAD_REVISION:
        problems.append(
            f"El esquema está en la revisión {revision}, se esperaba {migrate.HEAD_REVISION}."
        )
    root = workspace.paths.root
    key_file = KeyFile.load(root) if KeyFile.exists_in(root) else None
    copies = backup_anchors(workspace.paths.backups) + copy_anchors(workspace.paths.backups)
    wanted = anchored_entries(key_file, copies)
    with workspace.db.read() as session:
        problems += queries.integrity_problems(session=session)
        counts = queries.record_counts(session=session)
        problems += _trigger_problems(audit_queries.missing_append_only_triggers(session=session))
        scan = audit_queries.scan_chain(session=session, wanted=wanted)
        findings = audit_queries.record_findings(
            session=session, key=workspace.db.audit_key, scan=scan
        )
        forms = audit_queries.signed_forms(session=session)
        stored = audit_queries.all_attachments(session=session)
        anonymised = retention_queries.anonymised_on(session=session)
    problems += _chain_problems(scan)
    problems += anchor_problems(key_file, copies, scan, workspace.keys)
    problems += _record_problems(findings)
    # An anonymised person's signed forms lost their identifying values on purpose (GDPR
    # art. 17): their signature cannot match any more, and the audit recorded the change.
    problems += [
        f"El formulario firmado {form.id[:8]} ({form.form_id}) ya no coincide con su firma: "
        "sus datos han cambiado después de firmarse."
        for form in forms
        if form.participant_id not in anonymised and altered_after_signing(form)
    ]
    notes = [
        f"El formulario firmado {form.id[:8]} ({form.form_id}) no se compara con su firma: "
        f"la ficha se anonimizó el {anonymised[form.participant_id]:%d/%m/%Y}."
        for form in forms
        if form.participant_id in anonymised
    ]
    attachments = attachments or _attachment_service(workspace)
    problems += [
        f"El archivo del documento adjunto {record.id[:8]} falta o no es el que se adjuntó "
        "(su huella SHA-256 no coincide)."
        for record in stored
        if not attachments.verify(record)
    ]
    return CheckReport(problems=problems, counts=counts, revision=revision, notes=notes)


def _trigger_problems(missing: list[str]) -> list[str]:
    if not missing:
        return []
    return [
        "Faltan los disparadores que impiden cambiar o borrar entradas del registro de "
        f"auditoría ({', '.join(missing)}): alguien los ha quitado de la base de datos."
    ]


def _chain_problems(scan: ChainScan) -> list[str]:
    if not scan.broken:
        return []
    more = f" (y en {len(scan.broken) - 1} más)" if len(scan.broken) > 1 else ""
    return [
        f"El registro de auditoría está alterado a partir de la entrada {scan.broken[0]}{more}: "
        "una entrada se ha cambiado o borrado."
    ]


def _record_problems(findings: list[RecordFinding]) -> list[str]:
    by_kind: dict[str, list[RecordFinding]] = defaultdict(list)
    for finding in findings:
        by_kind[finding.kind].append(finding)
    problems = []
    for kind, found in by_kind.items():
        for finding in found[:SHOWN]:
            problems.append(
                f"{record_kind(finding.entity)} {finding.record_id[:8]} {_FINDINGS[kind]}."
            )
        if len(found) > SHOWN:
            problems.append(f"Y {len(found) - SHOWN} registros más en la misma situación.")
    return problems


def _attachment_service(workspace: Workspace) -> "AttachmentService":
    from reinsercion_desktop.services.registry import build_services

    return build_services(workspace).attachments
