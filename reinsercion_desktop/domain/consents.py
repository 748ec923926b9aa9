"""Consentimientos: what a person may agree to, and the rules of a consent record.

The codes are stored (comma-separated, `consent_record.scope`); the labels are what the
file, the access export and the demo show. They follow what the person signs: the
`consentimiento` form authorises the treatment of the addiction in residential regime
(`003_…` §11, «AUTORIZO … a someterme al tratamiento de mi adicción, en régimen
residencial»), which needs their health data; the seed's rights list makes telling the
family about the treatment depend on the person's consent («previo consentimiento del
usuario/a»); the circuit sends data to the coordinating office and the referring
centre, and the plan coordinates with employment, training and housing resources.

Rules (SPEC numbering):
- R-CON-1 a revocation is dated on or after the grant and not after today, with a note.
- R-CON-2 a revoked record stays, shown «Revocado el dd/mm/aaaa»; nothing is deleted.
- R-CON-3 a scope is vigente when a record holding it is granted (not in the future)
  and not revoked.
- R-CON-4 signing the `consentimiento` form records the treatment and health-data
  consents, linked to the form, once.
"""

from collections.abc import Iterable
from datetime import date

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.text_input import clean_text

CONSENT_SCOPES: dict[str, str] = {
    "tratamiento": "Tratamiento de la adicción en régimen residencial",
    "datos-salud": "Tratamiento de sus datos de salud por el centro",
    "comunicacion-oficina": (
        "Comunicación de sus datos a la oficina coordinadora (FADA) y al centro derivador"
    ),
    "informacion-familia": "Información a su familiar responsable sobre el tratamiento",
    "coordinacion-recursos": "Coordinación con recursos de empleo, formación y vivienda",
    "imagen": "Uso de su imagen en actividades del centro",
}
SIGNED_FORM_SCOPES = ("tratamiento", "datos-salud")  # R-CON-4
TREATMENT = "tratamiento"
CONSENT_FORM_ID = "consentimiento"
MAX_SCOPE_LENGTH = 200
MAX_NOTE_LENGTH = 400


def parse_scope(stored: str) -> tuple[str, ...]:
    """The codes of a stored scope, in CONSENT_SCOPES order (unknown codes kept last)."""
    codes = [code.strip() for code in stored.split(",") if code.strip()]
    known = [code for code in CONSENT_SCOPES if code in codes]
    return tuple(known + [code for code in codes if code not in CONSENT_SCOPES])


def checked_scope(codes: Iterable[str]) -> str:
    """The scope to store: known codes, at least one, in a stable order."""
    chosen = set(codes)
    unknown = sorted(chosen - set(CONSENT_SCOPES))
    if unknown:
        raise UserError(f"Alcance de consentimiento desconocido: {', '.join(unknown)}.")
    if not chosen:
        raise UserError("Marque al menos un alcance del consentimiento.")
    return ",".join(code for code in CONSENT_SCOPES if code in chosen)


def scope_labels(stored: str) -> tuple[str, ...]:
    return tuple(CONSENT_SCOPES.get(code, code) for code in parse_scope(stored))


def check_grant(granted_on: date, today: date) -> None:
    if granted_on > today:
        raise UserError(
            f"La fecha del consentimiento ({format_date_es(granted_on)}) es posterior a hoy: "
            "corríjala."
        )


def check_revocation(granted_on: date, revoked_on: date, today: date, note: str) -> str:
    """R-CON-1: the note to store, or a UserError saying what is wrong."""
    if revoked_on > today:
        raise UserError(
            f"La fecha de revocación ({format_date_es(revoked_on)}) es posterior a hoy: corríjala."
        )
    if revoked_on < granted_on:
        raise UserError(
            f"La revocación ({format_date_es(revoked_on)}) no puede ser anterior al "
            f"consentimiento ({format_date_es(granted_on)})."
        )
    cleaned = " ".join(clean_text(note, multiline=False).split())
    if not cleaned:
        raise UserError("Escriba una nota que explique la revocación (qué pidió la persona).")
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise UserError(f"La nota de la revocación pasa de {MAX_NOTE_LENGTH} caracteres: acórtela.")
    return cleaned


def consent_state(revoked_on: date | None) -> str:
    """R-CON-2: «Vigente» or «Revocado el dd/mm/aaaa»."""
    return f"Revocado el {format_date_es(revoked_on)}" if revoked_on else "Vigente"


def vigente_scopes(records: Iterable[tuple[str, date, date | None]], today: date) -> set[str]:
    """R-CON-3: the codes held by a record (scope, granted_on, revoked_on) in force today."""
    held: set[str] = set()
    for scope, granted_on, revoked_on in records:
        if granted_on <= today and revoked_on is None:
            held.update(parse_scope(scope))
    return held
