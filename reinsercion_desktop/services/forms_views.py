"""What `FormService` hands the window: frozen views of filled forms, never ORM rows.

Attribute names follow the `FormInstance` table where they mean the same (`id`,
`version`, `definition_version`, `status`, `data`, `signed_by_name` …), so code reading a
form keeps working whichever it is given. `data` stays the stored JSON text, as in the
table; `values()` reads it.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from reinsercion_desktop.db.models import FormInstance
from reinsercion_desktop.domain.enums import FormStatus
from reinsercion_desktop.forms.engine import FormCheck
from reinsercion_desktop.forms.schema import FormDefinition


@dataclass(frozen=True)
class FormInstanceView:
    """Formulario rellenado, as read: who it is about (CODAPEL, or the vivienda and month of
    a monthly report), its values, and who finalised and signed it, when."""

    id: str
    form_id: str
    definition_version: int
    version: int  # the record's edit counter (optimistic locking of drafts)
    status: FormStatus
    data: str  # the values as stored: JSON keyed by field id
    participant_id: str | None = None
    codapel: str = ""
    vivienda_id: str | None = None
    vivienda_name: str = ""  # of a monthly report (its PDF is named after it)
    period: str = ""  # YYYY-MM of a monthly report
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""
    finalized_at: datetime | None = None
    finalized_by: str = ""
    signed_at: datetime | None = None
    signed_by: str = ""
    signed_by_name: str = ""
    signed_hash: str = ""
    amends_id: str | None = None
    amendment_reason: str = ""

    def values(self) -> dict[str, Any]:
        return json.loads(self.data or "{}")


def form_view(
    instance: FormInstance, *, codapel: str = "", vivienda_name: str = ""
) -> FormInstanceView:
    """The view of a stored row; build it after the row was flushed (its version stamped)."""
    return FormInstanceView(
        id=instance.id,
        form_id=instance.form_id,
        definition_version=instance.definition_version,
        version=instance.version,
        status=FormStatus(instance.status),
        data=instance.data or "{}",
        participant_id=instance.participant_id,
        codapel=codapel,
        vivienda_id=instance.vivienda_id,
        vivienda_name=vivienda_name,
        period=instance.period,
        created_at=instance.created_at,
        updated_at=instance.updated_at,
        updated_by=instance.updated_by,
        finalized_at=instance.finalized_at,
        finalized_by=instance.finalized_by,
        signed_at=instance.signed_at,
        signed_by=instance.signed_by,
        signed_by_name=instance.signed_by_name,
        signed_hash=instance.signed_hash,
        amends_id=instance.amends_id,
        amendment_reason=instance.amendment_reason,
    )


@dataclass(frozen=True)
class FormSummary:
    """One line of a person's Formularios tab."""

    id: str
    form_id: str
    title: str
    version: int
    status: FormStatus
    updated_at: datetime | None
    updated_by: str
    signed_by_name: str
    amends_id: str | None
    superseded: bool
    altered_after_signing: bool
    # With the peers, as ReferralView.exchange: "" for a form that never travelled (a
    # consent never does), None without a trusted peer.
    exchange: str | None = None


class FormLine(NamedTuple):
    """One line of `reinsercion forms list`."""

    id: str
    form_id: str
    owner: str  # CODAPEL, or the month of a vivienda's report
    status_label: str


@dataclass(frozen=True)
class FilledForm:
    """A form open for reading or editing: its record, definition, values and their check."""

    instance: FormInstanceView
    definition: FormDefinition
    data: dict
    check: FormCheck

    @property
    def status(self) -> FormStatus:
        return FormStatus(self.instance.status)

    @property
    def editable(self) -> bool:
        return self.status is FormStatus.DRAFT


@dataclass(frozen=True)
class PaperCheck:
    """What a PDF someone hands in turns out to be: `issued_sha256` is set when we issued it."""

    issued_sha256: str | None
    instance: FormInstanceView | None
    message: str

    @property
    def genuine(self) -> bool:
        return self.issued_sha256 is not None
