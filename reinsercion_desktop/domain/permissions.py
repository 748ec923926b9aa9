"""Who may do what: one table of role × action, read by every service (SPEC §9).

Each action the services offer (every write, and every read of personal data that is
audited) names the least role allowed to do it; a higher role may do everything a
lower one may (técnico/a < responsable < administrador/a). The services call
`security.actors.authorize(actor, action)` before any work, so the window and the
command line get the same answer; the window only greys out what would be refused.

The Spanish message is what the person sees when refused: it says who may do it.
"""

from dataclasses import dataclass
from enum import StrEnum

from reinsercion_desktop.domain.enums import Role

ROLE_RANK = {Role.TECNICO: 0, Role.RESPONSABLE: 1, Role.ADMIN: 2}


class PermissionAction(StrEnum):
    """What an actor asks a service to do; the value is what the audit and tests name."""

    # Participant files (Ficha del participante)
    PARTICIPANT_CREATE = "participant.create"
    PARTICIPANT_UPDATE = "participant.update"
    PARTICIPANT_OPEN = "participant.open"
    PARTICIPANT_PRINT = "participant.print"
    PARTICIPANT_ARCHIVE = "participant.archive"
    PARTICIPANT_RESTORE = "participant.restore"
    # The person's rights: their data on request (RGPD art. 15), their consents
    SUBJECT_ACCESS_EXPORT = "subject_access.export"
    CONSENT_RECORD = "consent.record"
    # Attached documents
    ATTACHMENT_ADD = "attachment.add"
    ATTACHMENT_OPEN = "attachment.open"
    # Filled forms (anexos, consentimientos, informes)
    FORM_LIST = "form.list"
    FORM_OPEN = "form.open"
    FORM_CREATE = "form.create"
    FORM_SAVE = "form.save"
    FORM_FINALIZE = "form.finalize"
    FORM_REOPEN = "form.reopen"
    FORM_SIGN = "form.sign"
    FORM_AMEND = "form.amend"
    FORM_PRINT = "form.print"
    MONTHLY_REPORT_CREATE = "monthly_report.create"
    # The circuit: referrals (protocolos), the waiting list, stays
    REFERRAL_EDIT = "referral.edit"
    REFERRAL_CHECK = "referral.check"
    REFERRAL_SEND = "referral.send"
    REFERRAL_RECEIVE = "referral.receive"
    REFERRAL_INCLUDE = "referral.include"
    REFERRAL_WITHDRAW = "referral.withdraw"
    WAITING_LIST_DECIDE = "waiting_list.decide"
    WAITING_LIST_ASSIGN = "waiting_list.assign"
    STAY_ADMIT = "stay.admit"
    STAY_RECORD = "stay.record"
    STAY_DISCHARGE = "stay.discharge"
    # Case management: plan, follow-up, resources
    PLAN_EDIT = "plan.edit"
    PLAN_AGREE = "plan.agree"
    PLAN_REVIEW = "plan.review"
    PLAN_CLOSE = "plan.close"
    FOLLOW_UP_RECORD = "follow_up.record"
    PLACEMENT_RECORD = "placement.record"
    RESOURCE_REFER = "resource.refer"
    RESOURCE_CATALOGUE_EDIT = "resource_catalogue.edit"
    CASELOAD_OTHERS = "caseload.others"
    # The installation
    CENTRE_SETTINGS_EDIT = "centre_settings.edit"
    VIVIENDA_EDIT = "vivienda.edit"
    REFERRING_CENTRE_EDIT = "referring_centre.edit"
    # §12 structure data: a vivienda's yearly budget and staff hours; complaints are
    # recorded by whoever receives them, and answered in the centre's name by a responsable.
    STRUCTURE_DATA_EDIT = "structure_data.edit"
    COMPLAINT_RECORD = "complaint.record"
    COMPLAINT_ANSWER = "complaint.answer"
    USER_MANAGE = "user.manage"
    OWN_PASSWORD_CHANGE = "own_password.change"
    AUDIT_READ = "audit.read"
    # Backups: any logged-in person makes one (closing the window does); list/verify and
    # restore are for those who look after the installation.
    BACKUP_MAKE = "backup.make"
    BACKUP_CHECK = "backup.check"
    BACKUP_RESTORE = "backup.restore"
    # Retention (SPEC §10): closed files listed for review; anonymising one on request
    # (GDPR art. 17) cannot be undone, so only an administrator does it.
    RETENTION_LIST = "retention.list"
    ANONYMISE = "participant.anonymise"
    BACKUP_SETTINGS = "backup.settings"
    # Reports (Informes): staff see exact counts inside the installation and export
    # protected files; an exact copy for outside eyes needs a responsable.
    REPORT_VIEW = "report.view"
    REPORT_EXACT = "report.exact"
    # Exchange keys (issue 13): this installation's public keys are shown and exported by a
    # responsable; trusting another installation's keys, or forgetting them, is decided by
    # an administrator once the fingerprint was confirmed by phone.
    EXCHANGE_KEYS_SHOW = "exchange_keys.show"
    EXCHANGE_KEYS_EXPORT = "exchange_keys.export"
    PEER_TRUST = "peer.trust"
    PEER_FORGET = "peer.forget"
    # Bundles are made and taken by a responsable (what leaves and enters the installation);
    # the same person chooses between two versions of a field changed on both sides.
    BUNDLE_EXPORT = "bundle.export"
    BUNDLE_IMPORT = "bundle.import"
    SYNC_CONFLICT_RESOLVE = "sync_conflict.resolve"
    # The office's registry of its centres and their viviendas (names, places, counts and
    # the exchange's dates: no personal data), for every member of the office's staff.
    OFFICE_REGISTRY_READ = "office_registry.read"


@dataclass(frozen=True)
class Permission:
    least_role: Role
    refusal: str  # Spanish, for the person refused


_TEC = Role.TECNICO
_RESP = Role.RESPONSABLE
_ADMIN = Role.ADMIN
_A = PermissionAction


def _resp(what: str) -> Permission:
    return Permission(_RESP, f"Solo responsables y administradores pueden {what}.")


def _admin(what: str) -> Permission:
    return Permission(_ADMIN, f"Solo un administrador/a puede {what}.")


def _staff(what: str) -> Permission:
    """Every role: the refusal is only ever read by an actor the login did not issue."""
    return Permission(_TEC, f"Su cuenta no puede {what}.")


PERMISSIONS: dict[PermissionAction, Permission] = {
    _A.PARTICIPANT_CREATE: _staff("crear fichas"),
    _A.PARTICIPANT_UPDATE: _staff("cambiar fichas"),
    _A.PARTICIPANT_OPEN: _staff("abrir fichas"),
    _A.PARTICIPANT_PRINT: _staff("imprimir fichas"),
    _A.PARTICIPANT_ARCHIVE: _resp("archivar una ficha"),
    _A.PARTICIPANT_RESTORE: _resp("recuperar una ficha archivada"),
    _A.SUBJECT_ACCESS_EXPORT: _resp("exportar los datos de una persona (derecho de acceso)"),
    _A.CONSENT_RECORD: _staff("registrar o revocar consentimientos"),
    _A.ATTACHMENT_ADD: _staff("adjuntar documentos"),
    _A.ATTACHMENT_OPEN: _staff("abrir documentos adjuntos"),
    _A.FORM_LIST: _staff("listar formularios"),
    _A.FORM_OPEN: _staff("abrir formularios"),
    _A.FORM_CREATE: _staff("crear formularios"),
    _A.FORM_SAVE: _staff("guardar formularios"),
    _A.FORM_FINALIZE: _staff("pasar formularios a definitivo"),
    _A.FORM_REOPEN: _staff("reabrir formularios"),
    _A.FORM_SIGN: Permission(
        _RESP, "Firman los formularios la persona responsable o un administrador/a."
    ),
    _A.FORM_AMEND: _staff("rectificar formularios firmados"),
    _A.FORM_PRINT: _staff("imprimir formularios"),
    _A.MONTHLY_REPORT_CREATE: _staff("generar el informe mensual"),
    _A.REFERRAL_EDIT: _staff("registrar derivaciones"),
    _A.REFERRAL_CHECK: _staff("revisar protocolos de derivación"),
    _A.REFERRAL_SEND: _staff("enviar protocolos"),
    _A.REFERRAL_RECEIVE: _staff("recibir protocolos"),
    _A.REFERRAL_INCLUDE: _staff("incluir en la lista de espera"),
    _A.REFERRAL_WITHDRAW: _staff("retirar derivaciones"),
    _A.WAITING_LIST_DECIDE: _staff("decidir en la lista de espera"),
    _A.WAITING_LIST_ASSIGN: _staff("asignar plazas"),
    _A.STAY_ADMIT: _staff("registrar ingresos"),
    _A.STAY_RECORD: _staff("registrar la vida de la estancia"),
    _A.STAY_DISCHARGE: _staff("registrar altas"),
    _A.PLAN_EDIT: _staff("cambiar planes de reinserción"),
    _A.PLAN_AGREE: _staff("acordar planes"),
    _A.PLAN_REVIEW: _staff("revisar planes"),
    _A.PLAN_CLOSE: _staff("cerrar planes"),
    _A.FOLLOW_UP_RECORD: _staff("registrar el seguimiento"),
    _A.PLACEMENT_RECORD: _staff("registrar inserciones laborales"),
    _A.RESOURCE_REFER: _staff("derivar a recursos"),
    _A.RESOURCE_CATALOGUE_EDIT: _staff("cambiar el catálogo de recursos"),
    _A.CASELOAD_OTHERS: _resp("ver la cartera de casos de otras personas"),
    _A.CENTRE_SETTINGS_EDIT: _admin("cambiar los datos del centro"),
    _A.VIVIENDA_EDIT: _resp("cambiar las viviendas"),
    _A.REFERRING_CENTRE_EDIT: _resp("cambiar el catálogo de centros derivadores"),
    _A.STRUCTURE_DATA_EDIT: _resp("cambiar el presupuesto y las horas de las viviendas"),
    _A.COMPLAINT_RECORD: _staff("registrar o consultar quejas y reclamaciones"),
    _A.COMPLAINT_ANSWER: _resp("responder quejas y reclamaciones"),
    _A.USER_MANAGE: _admin("crear o cambiar cuentas y contraseñas de otras personas"),
    _A.OWN_PASSWORD_CHANGE: _staff("cambiar su contraseña"),
    _A.AUDIT_READ: _resp("leer el registro de auditoría"),
    _A.BACKUP_MAKE: _staff("hacer copias de seguridad"),
    _A.BACKUP_CHECK: _resp("ver y comprobar las copias de seguridad"),
    _A.BACKUP_RESTORE: _admin("restaurar copias de seguridad"),
    _A.RETENTION_LIST: _resp("ver las fichas cerradas pendientes de revisión"),
    _A.ANONYMISE: _admin("anonimizar una ficha"),
    _A.BACKUP_SETTINGS: _admin("cambiar los ajustes de las copias de seguridad"),
    _A.REPORT_VIEW: _staff("ver ni exportar informes"),
    _A.REPORT_EXACT: _resp("exportar un informe con las cifras exactas (copia interna)"),
    _A.EXCHANGE_KEYS_SHOW: _resp("ver las claves de intercambio"),
    _A.EXCHANGE_KEYS_EXPORT: _resp("exportar la clave pública de esta instalación"),
    _A.PEER_TRUST: _admin("confiar en la clave de otro centro u oficina"),
    _A.PEER_FORGET: _admin("olvidar la clave de otro centro u oficina"),
    _A.BUNDLE_EXPORT: _resp("exportar paquetes de intercambio"),
    _A.BUNDLE_IMPORT: _resp("importar paquetes de intercambio"),
    _A.SYNC_CONFLICT_RESOLVE: _resp("resolver conflictos del intercambio"),
    _A.OFFICE_REGISTRY_READ: _staff("ver los centros y sus viviendas"),
}

"""In the table, but no service offers them yet (bundles come later)."""


def role_may(role: Role, action: PermissionAction) -> bool:
    """Whether a role may do an action (its own level or any higher)."""
    return ROLE_RANK[role] >= ROLE_RANK[PERMISSIONS[action].least_role]


def refusal(action: PermissionAction) -> str:
    return PERMISSIONS[action].refusal
