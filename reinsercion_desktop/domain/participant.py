"""A participant's file as staff fill it, and the rules that check it.

`ParticipantDraft` is what a form (screen, command line, import) hands over;
`check_draft` says field by field what is wrong, in Spanish, before anything is saved.
"""

from dataclasses import dataclass, fields
from datetime import date
from difflib import SequenceMatcher

from reinsercion_desktop.domain.dates import DateInputError, age_on, parse_date_es
from reinsercion_desktop.domain.enums import HivStatus, IdKind, ParticipantStatus, Sex
from reinsercion_desktop.domain.identity import id_number_problem
from reinsercion_desktop.domain.text import compact_id, fold

OLDEST_BIRTH_YEAR = 1900
MAX_METHADONE_MG = 1000


@dataclass
class ParticipantDraft:
    """Ficha del participante tal como se edita."""

    first_name: str = ""
    surname1: str = ""
    surname2: str = ""
    birth_date: date | str | None = None
    sex: str = ""
    gender_identity: str = ""
    id_kind: str = IdKind.DNI.value
    id_number: str = ""
    address: str = ""
    municipality: str = ""
    province: str = ""
    phone: str = ""
    family_contact: str = ""
    family_phone: str = ""
    addiction_profile: str = ""
    ptm: bool = False
    methadone_dose_mg: int | None = None
    hiv_status: str = HivStatus.UNKNOWN.value
    prison_origin: bool = False
    court_order: bool = False
    pending_judicial: bool = False
    alternative_sentence: bool = False
    education_level: str = ""
    employment_situation: str = ""
    notes: str = ""
    status: str = ParticipantStatus.REFERRED.value
    referring_centre_id: str | None = None
    case_manager_id: str | None = None
    vivienda_id: str | None = None

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


# Longest text each field takes; the database columns use the same numbers.
TEXT_LIMITS: dict[str, int] = {
    "first_name": 60,
    "surname1": 60,
    "surname2": 60,
    "gender_identity": 40,
    "id_number": 20,
    "address": 150,
    "municipality": 80,
    "province": 40,
    "phone": 20,
    "family_contact": 100,
    "family_phone": 20,
    "addiction_profile": 60,
    "education_level": 60,
    "employment_situation": 60,
    "notes": 4000,
}

REQUIRED: dict[str, str] = {
    "first_name": "Escriba el nombre.",
    "surname1": "Escriba el primer apellido.",
    "birth_date": "Escriba la fecha de nacimiento (dd/mm/aaaa).",
    "sex": "Indique el sexo.",
}


def check_draft(draft: ParticipantDraft, today: date) -> tuple[date | None, dict[str, str]]:
    """Validate a draft: (the birth date read, {field: Spanish message})."""
    problems: dict[str, str] = {}
    for name, message in REQUIRED.items():
        value = getattr(draft, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems[name] = message
    for name, limit in TEXT_LIMITS.items():
        value = getattr(draft, name) or ""
        if len(value) > limit:
            problems[name] = f"Demasiado largo: {len(value)} caracteres, el máximo es {limit}."

    birth = _birth_date(draft.birth_date, today, problems)
    if draft.sex and draft.sex not in {s.value for s in Sex}:
        problems["sex"] = "Elija Hombre o Mujer."
    if draft.id_kind and draft.id_kind not in {k.value for k in IdKind}:
        problems["id_kind"] = "Elija el tipo de documento de la lista."
    elif "id_number" not in problems:
        kind = IdKind(draft.id_kind) if draft.id_kind else None
        id_problem = id_number_problem(kind, draft.id_number)
        if id_problem:
            problems["id_number"] = id_problem
    dose = draft.methadone_dose_mg
    if dose is not None and not 0 <= dose <= MAX_METHADONE_MG:
        problems["methadone_dose_mg"] = f"La dosis debe estar entre 0 y {MAX_METHADONE_MG} mg/día."
    if draft.hiv_status not in {h.value for h in HivStatus}:
        problems["hiv_status"] = "Elija el estado VIH de la lista."
    if draft.status not in {s.value for s in ParticipantStatus}:
        problems["status"] = "Elija la situación de la lista."
    return birth, problems


def _birth_date(value: date | str | None, today: date, problems: dict[str, str]) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            value = parse_date_es(value)
        except DateInputError as error:
            problems["birth_date"] = str(error)
            return None
    if value > today:
        problems["birth_date"] = "La fecha de nacimiento no puede ser posterior a hoy."
    elif value.year < OLDEST_BIRTH_YEAR:
        problems["birth_date"] = (
            f"La fecha de nacimiento es anterior a {OLDEST_BIRTH_YEAR}: revísela."
        )
    elif age_on(value, today) < 12:
        problems["birth_date"] = "La persona tendría menos de 12 años: revise la fecha."
    return value


def search_key(
    first_name: str, surname1: str, surname2: str | None, id_number: str | None, codapel: str
) -> str:
    """The folded text a list search matches against: surnames first (so it also sorts
    the list by surname), then name, ID number and CODAPEL."""
    words = [surname1, surname2 or "", first_name, compact_id(id_number), codapel]
    return fold(" ".join(word for word in words if word))


@dataclass(frozen=True)
class PersonKey:
    """What duplicate detection compares."""

    record_id: str
    full_name: str
    birth_date: date
    id_number: str


SIMILAR_NAME_RATIO = 0.8


def is_similar_person(draft_name: str, draft_birth: date, draft_id: str, other: PersonKey) -> str:
    """Why `other` may be the same person ("" if not): same ID, or same birth date and name."""
    number = compact_id(draft_id)
    if number and number == compact_id(other.id_number):
        return "mismo número de documento"
    if draft_birth == other.birth_date:
        ratio = SequenceMatcher(None, fold(draft_name), fold(other.full_name)).ratio()
        if ratio >= SIMILAR_NAME_RATIO:
            return "misma fecha de nacimiento y nombre parecido"
    return ""
