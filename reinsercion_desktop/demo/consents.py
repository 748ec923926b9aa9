"""The demo's consent records: each signed `consentimiento` form has its record.

What a resident agrees to on admission: the treatment and their health data (the form
itself), the communication to the coordinating office and the referring centre, and
the coordination with employment, training and housing resources; about half also let
their family be told about the treatment. A few later withdrew the communication to the
office: their record is split as ConsentService.revoke splits it (the rest stays in
force, the revoked code in a record of its own with the date and a plausible note).
"""

import json
import random
from datetime import date, timedelta

from reinsercion_desktop.db import bulk
from reinsercion_desktop.db import subject_access_queries as q
from reinsercion_desktop.db.models import ConsentRecord, new_id
from reinsercion_desktop.domain.consents import checked_scope
from reinsercion_desktop.forms.values import as_date
from reinsercion_desktop.services.workspace import Workspace

ON_ADMISSION = ("tratamiento", "datos-salud", "comunicacion-oficina", "coordinacion-recursos")
OFFICE = "comunicacion-oficina"
REVOKED_SHARE = 0.06
REVOCATION_NOTES = (
    "Pide por escrito que no se envíen sus datos a la oficina coordinadora; se le explica "
    "que la plaza se sigue gestionando desde el centro.",
    "Retira la autorización de comunicar sus datos al centro derivador tras cambiar de "
    "centro de tratamiento ambulatorio.",
    "Solicita en entrevista que sus datos no se comuniquen fuera de la vivienda; firma la "
    "revocación ante la responsable.",
    "Revoca la comunicación a la oficina y al centro derivador por temor a que llegue a su "
    "entorno laboral; se registra su decisión.",
)


def add_consents(workspace: Workspace, actor, seed: int) -> int:  # type: ignore[no-untyped-def]
    """Write the consent records; returns how many."""
    rng = random.Random(f"consents-{seed}")
    today = workspace.clock.today()
    with workspace.db.read() as session:
        forms = q.signed_consent_forms(session=session)
    rows: list[dict] = []
    owners: list[str] = []

    def add(row: dict) -> None:
        rows.append({"id": new_id(), **row})
        owners.append(row["participant_id"])

    for form in forms:
        stated = as_date(json.loads(form.data or "{}").get("fecha"))
        granted = stated or (form.signed_at.date() if form.signed_at else today)
        granted = min(granted, today)
        codes = list(ON_ADMISSION) + (["informacion-familia"] if rng.random() < 0.5 else [])
        base = {
            "participant_id": form.participant_id,
            "form_instance_id": form.id,
            "granted_on": granted,
            "created_at": form.signed_at,
            "updated_at": form.signed_at,
            "created_by": form.signed_by,
            "updated_by": form.signed_by,
        }
        revoked_on = _revocation_day(rng, granted, today)
        if revoked_on is None:
            add({**base, "scope": checked_scope(codes)})
            continue
        add({**base, "scope": checked_scope(c for c in codes if c != OFFICE)})
        add(
            {
                **base,
                "scope": OFFICE,
                "revoked_on": revoked_on,
                "revocation_note": rng.choice(REVOCATION_NOTES),
            }
        )
    if rows:
        bulk.create_in_order(
            db=workspace.db,
            actor=actor,
            at=workspace.db.clock.now(),
            order=(ConsentRecord,),
            rows={ConsentRecord: rows},
            owners={ConsentRecord: owners},
        )
    return len(rows)


def _revocation_day(rng: random.Random, granted: date, today: date) -> date | None:
    if rng.random() >= REVOKED_SHARE or (today - granted).days < 10:
        return None
    return granted + timedelta(days=rng.randint(7, min(120, (today - granted).days)))
