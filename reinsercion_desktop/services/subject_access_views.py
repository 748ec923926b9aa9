"""The person's data as the access export holds it: plain, frozen, already in Spanish.

`SubjectAccessReport.to_json()` is the JSON file (format «reinsercion-acceso/1»: stable
English snake_case keys, each value with its Spanish label); the PDF prints the same
report (`pdf/subject_access.py`), so the two always say the same thing.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

JSON_FORMAT = "reinsercion-acceso/1"
TITLE = "Información de la persona — derecho de acceso (RGPD art. 15)"


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class ExportField:
    key: str  # the stored name (English snake_case, or the form's field id)
    label: str  # Spanish
    value: Any  # as stored, JSON-ready
    text: str  # as printed («03/02/2026», «Sí»)

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "value": jsonable(self.value), "text": self.text}


@dataclass(frozen=True)
class ExportRecord:
    id: str
    title: str
    fields: tuple[ExportField, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "fields": {f.key: f.to_json() for f in self.fields},
        }


@dataclass(frozen=True)
class ExportSection:
    key: str  # «stays», «forms», «consents»…
    title: str  # «Estancias»
    records: tuple[ExportRecord, ...]


@dataclass(frozen=True)
class AccessAuditRow:
    """One entry of who saw or changed the file: when, who (name and role), what."""

    at: datetime
    who: str
    role: str
    what: str

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "who": self.who, "role": self.role, "what": self.what}


@dataclass(frozen=True)
class SubjectAccessReport:
    participant_id: str
    codapel: str
    full_name: str
    centre_name: str
    centre_code: str
    centre_entity: str
    centre_address: str
    issued_at: datetime
    issued_by: str
    issued_by_role: str
    person: tuple[ExportField, ...]
    sections: tuple[ExportSection, ...]
    audit: tuple[AccessAuditRow, ...]

    def section(self, key: str) -> ExportSection:
        return next(section for section in self.sections if section.key == key)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": JSON_FORMAT,
            "title": TITLE,
            "issued_at": self.issued_at.isoformat(),
            "issued_by": {"full_name": self.issued_by, "role": self.issued_by_role},
            "centre": {
                "name": self.centre_name,
                "code": self.centre_code,
                "entity": self.centre_entity,
                "address": self.centre_address,
            },
            "person": {
                "id": self.participant_id,
                "codapel": self.codapel,
                "fields": {f.key: f.to_json() for f in self.person},
            },
            "sections": {
                s.key: {"title": s.title, "records": [r.to_json() for r in s.records]}
                for s in self.sections
            },
            "audit": [row.to_json() for row in self.audit],
        }


@dataclass(frozen=True)
class ExportResult:
    pdf: str
    json: str | None
    documents: str | None  # the folder of decrypted documents, when asked
    documents_written: int
