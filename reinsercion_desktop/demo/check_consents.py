"""The demo's consents, checked as a careful reader would (R-CON-1 … R-CON-4).

Every signed `consentimiento` form has a consent record with the treatment and health
data in it (R-CON-4); a revocation is dated between the grant and today with a note
(R-CON-1); every resident has treatment in force (R-CON-3); and at least one person
revoked part of their consent, as the demo tells.
"""

from collections import defaultdict
from collections.abc import Iterator

from reinsercion_desktop.demo.checker import DemoFacts, Finding
from reinsercion_desktop.domain.consents import SIGNED_FORM_SCOPES, TREATMENT, parse_scope


def check_consents(facts: DemoFacts) -> list[Finding]:
    return list(_findings(facts))


def _findings(facts: DemoFacts) -> Iterator[Finding]:
    tables = facts.tables
    records = tables.get("consent_record", [])
    codapel = {p.id: p.codapel for p in tables["participant"]}
    linked = defaultdict(set)
    for record in records:
        where = f"consentimiento de {codapel.get(record.participant_id, '?')}"
        if record.form_instance_id:
            linked[record.form_instance_id].update(parse_scope(record.scope))
        if record.revoked_on is not None and not (
            record.granted_on <= record.revoked_on <= facts.today and record.revocation_note
        ):
            yield Finding("R-CON-1", where, "revocación con fecha imposible o sin nota")
    signed = [
        form
        for form in tables["form_instance"]
        if form.form_id == "consentimiento" and form.status == "signed" and form.participant_id
    ]
    for form in signed:
        if not set(SIGNED_FORM_SCOPES) <= linked.get(form.id, set()):
            yield Finding(
                "R-CON-4",
                f"consentimiento firmado de {codapel.get(form.participant_id, '?')}",
                "sin registro de consentimiento",
            )
    in_force = {
        r.participant_id
        for r in records
        if r.revoked_on is None and TREATMENT in parse_scope(r.scope)
    }
    for stay in tables["stay"]:
        if stay.discharge_date is None and stay.participant_id not in in_force:
            yield Finding(
                "R-CON-3",
                f"residente {codapel.get(stay.participant_id, '?')}",
                "sin consentimiento vigente para el tratamiento",
            )
    if len(records) >= 40 and not any(r.revoked_on for r in records):
        yield Finding("R-CON-2", "consentimientos", "nadie revocó nada en toda la demo")
