"""The reads of the Estancias tab and of the admission dialog, one call each.

`read_stays` gives a person's stays (or one stay) as `StayView`s with their outings,
controls, incidents and contributions, in one session and five queries whatever the
number of stays; `admission_options` what an admission may be recorded with, and
`admission_request` what the admission rules check, inside the unit of work.
"""

from datetime import date

from reinsercion_desktop.db import participant_circuit_queries as circuit
from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.stay_rules import AdmissionRequest, Places, ReferralFacts, StayFacts
from reinsercion_desktop.services.forms import altered_after_signing
from reinsercion_desktop.services.referrals import read_referrals
from reinsercion_desktop.services.stay_views import (
    AdmissionOptions,
    ContributionView,
    IncidentView,
    OutingView,
    StayView,
    ToxControlView,
    ViviendaChoice,
    admissible,
    stay_view,
)
from reinsercion_desktop.services.waiting_state import in_force

CONSENT_FORM_ID = "consentimiento"


def read_stays(db: Database, **which: str) -> list[StayView]:
    """Stays as screens read them (`participant_id=` or `stay_id=`), oldest first."""
    # The exchange's tables load with the first file opened, not with the window.
    from reinsercion_desktop.services.exchange_states import state_labels

    today = db.clock.today()
    with db.read() as session:
        rows = circuit.stay_rows(session=session, **which)
        records = circuit.stay_records(session=session, stay_ids=[r.stay.id for r in rows])
        # The stays and their outings travel (exchange_policy): one lookup for both.
        shared = [*(r.stay.id for r in rows), *(o.id for o in records.outings)]
        exchanged = state_labels(session=session, ids=shared) or {}

    def by_stay(views) -> dict[str, list]:  # type: ignore[no-untyped-def]
        found: dict[str, list] = {}
        for view in views:
            found.setdefault(view.stay_id, []).append(view)
        return found

    outings = by_stay(OutingView.of(o, exchange=exchanged.get(o.id)) for o in records.outings)
    controls = by_stay(map(ToxControlView.of, records.tox_controls))
    incidents = by_stay(map(IncidentView.of, records.incidents))
    contributions = by_stay(map(ContributionView.of, records.contributions))
    return [
        stay_view(
            row.stay,
            row.vivienda,
            today,
            outings=tuple(outings.get(row.stay.id, ())),
            tox_controls=tuple(controls.get(row.stay.id, ())),
            incidents=tuple(incidents.get(row.stay.id, ())),
            contributions=tuple(contributions.get(row.stay.id, ())),
            exchange=exchanged.get(row.stay.id),
        )
        for row in rows
    ]


def valid_consent_signer(session, participant_id: str, stays: list[StayFacts]) -> str | None:  # type: ignore[no-untyped-def]
    """Who signed the person's valid informed consent (R-ADM-3): signed, unaltered, after
    their last discharge (if any); None without one."""
    last_discharge = max((s.discharge_date for s in stays if s.discharge_date), default=None)
    for form in queries.signed_forms_of(
        session=session, participant_id=participant_id, form_id=CONSENT_FORM_ID
    ):
        signed_on: date | None = form.signed_at.date() if form.signed_at else None
        if altered_after_signing(form) or signed_on is None:
            continue
        if last_discharge is None or signed_on >= last_discharge:
            return form.signed_by_name or form.signed_by
    return None


def admission_request(  # type: ignore[no-untyped-def]
    session, referral, vivienda, person, day: date, programme: str, today: date
) -> AdmissionRequest:
    """What the admission rules need (R-ADM-1..3, R-WL-3), read inside the unit of work
    that will write the stay."""
    installation = queries.local_installation(session=session)
    rows = queries.participant_stay_rows(session=session, participant_id=person.id)
    own_stays = [StayFacts.of(stay, vivienda_name=name) for stay, name in rows]
    others = queries.vivienda_stays_since(session=session, vivienda_id=vivienda.id, since=day)
    return AdmissionRequest(
        admission_date=day,
        today=today,
        birth_date=person.birth_date,
        sex=person.sex,
        programme=programme,
        programme_kind=installation.programme_kind if installation else "var",
        referral=ReferralFacts.of(referral),
        consent_signed=valid_consent_signer(session, person.id, own_stays) is not None,
        person_stays=own_stays,
        places=Places.of(vivienda),
        occupants=[(sex, StayFacts.of(s)) for sex, s in others if s.participant_id != person.id],
    )


def admission_options(db: Database, participant_id: str) -> AdmissionOptions:
    """The admissible protocols, the viviendas in service today and the consent's signer."""
    referrals = read_referrals(db, participant_id=participant_id)
    stays = read_stays(db, participant_id=participant_id)
    with db.read() as session:
        viviendas = in_force(queries.viviendas(session=session), db.clock.today())
        signer = valid_consent_signer(session, participant_id, [StayFacts.of(s) for s in stays])
    return AdmissionOptions(
        referrals=tuple(admissible(referrals, stays)),
        viviendas=tuple(ViviendaChoice(v.id, v.name) for v in viviendas),
        consent_signed_by=signer or "",
    )
