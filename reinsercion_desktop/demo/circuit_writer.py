"""Turns the planned circuit into records, written in bulk a few thousand protocols at a time.

Stays of the last three years carry every detail: the protocol's whole history (created,
complete, sent, received, included, assigned, admitted), outings, controls, incidents.
Older ones, as records migrated from paper would, keep the history from the office's
reception (received, included, admitted) and no outings or controls.
"""

from collections import defaultdict
from datetime import date, timedelta

from reinsercion_desktop.db import bulk
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import (
    EconomicContribution,
    Incident,
    Outing,
    Participant,
    Referral,
    ReferralEvent,
    Stay,
    ToxControl,
)
from reinsercion_desktop.demo import circuit_model as model
from reinsercion_desktop.demo.circuit_life import add_life
from reinsercion_desktop.demo.circuit_model import CircuitSummary, Current, Person, d
from reinsercion_desktop.demo.circuit_planner import Planner
from reinsercion_desktop.demo.circuit_texts import (
    ABANDONMENT_REASONS,
    DERIVED_REASONS,
    DISCIPLINARY_REASONS,
    JUSTIFICATIONS,
    THERAPEUTIC_REASONS,
    THERAPEUTIC_REASONS_YOUNG,
    VOLUNTARY_REASONS,
)
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import add_months, age_on
from reinsercion_desktop.domain.enums import (
    Consensus,
    DischargeType,
    DisciplinaryCriterion,
    Programme,
    ReferralStatus,
    ReferringCentreKind,
)
from reinsercion_desktop.domain.stay_rules import ADULT_AGE

_T = DischargeType
_ORDER = (Referral, ReferralEvent, Stay, Outing, ToxControl, Incident, EconomicContribution)


class Writer:
    """Stores the plan in units of work of a few thousand protocols."""

    def __init__(self, db: Database, actor: Actor, planner: Planner):
        self.db, self.actor, self.planner = db, actor, planner
        self.rng, self.today = planner.rng, planner.today
        self.cost = planner.profile.cost_per_place_day
        self.at = db.clock.now()
        self.ids = model.ids()
        self.rows: dict[type, list[dict]] = defaultdict(list)
        self.owners: dict[type, list[str]] = defaultdict(list)
        self.summary = CircuitSummary()
        self.criteria = list(DisciplinaryCriterion)
        self.disciplinary = 0
        self.detailed_since = self.today - timedelta(days=365 * model.DETAILED_YEARS)

    def write(self) -> CircuitSummary:
        for person in self.planner.people:
            previous: date | None = None
            for stay in person.stays:
                self._stay(person, stay, previous)
                previous = stay.discharge
            if person.current is not None:
                self._current(person, person.current)
            if len(self.rows[Referral]) >= model.CHUNK:
                self._flush()
        self._flush()
        self._participants()
        return self.summary

    def add(self, table: type, owner: str, **values: object) -> str:
        values["id"] = record_id = next(self.ids)
        self.rows[table].append(values)
        self.owners[table].append(owner)
        return record_id

    def _flush(self) -> None:
        if not self.rows:
            return
        bulk.create_in_order(
            db=self.db,
            actor=self.actor,
            at=self.at,
            order=_ORDER,
            rows=self.rows,
            owners=self.owners,
        )
        counts = {table: len(rows) for table, rows in self.rows.items()}
        s = self.summary
        s.referrals += counts.get(Referral, 0)
        s.events += counts.get(ReferralEvent, 0)
        s.stays += counts.get(Stay, 0)
        s.outings += counts.get(Outing, 0)
        s.tox_controls += counts.get(ToxControl, 0)
        s.incidents += counts.get(Incident, 0)
        s.contributions += counts.get(EconomicContribution, 0)
        self.rows.clear()
        self.owners.clear()

    def _participants(self) -> None:
        """The few files the circuit had to change (court order, left today, leftovers)."""
        if not self.planner.changes:
            return
        with self.db.unit_of_work(self.actor) as work:
            for participant_id, changes in self.planner.changes.items():
                record = work.get(Participant, participant_id)
                if record is not None:
                    for name, value in changes.items():
                        setattr(record, name, value)
        self.summary.status_changes = sum(
            "status" in changes for changes in self.planner.changes.values()
        )

    # -- a protocol ---------------------------------------------------------------------

    def _referral(self, person: Person, status: str, protocol: date, **fields: object) -> str:
        centre = person.centre
        consensus = Consensus.AGREED if centre.kind == ReferringCentreKind.CT else None
        values: dict = {
            "participant_id": person.source.id,
            "referring_centre_id": centre.id,
            "protocol_date": protocol,
            "status": status,
            "consensus": (consensus or Consensus.NOT_NEEDED).value,
            "voluntary": True,
            "prison": person.prison,
        }
        if centre.kind == ReferringCentreKind.CT:
            ctas = [c for c in self.planner.centres if c.kind == ReferringCentreKind.CTA]
            same = [c for c in ctas if c.province == centre.province]
            values["origin_centre_id"] = (same or ctas)[0].id if ctas else None
        values.update(fields)
        return self.add(Referral, person.source.id, **values)

    def _events(
        self, person: Person, referral_id: str, events: list[tuple[date, str, str]]
    ) -> None:
        for on_date, status, note in events:
            self.add(
                ReferralEvent,
                person.source.id,
                referral_id=referral_id,
                on_date=on_date,
                status=status,
                note=note[:400],
            )

    def _current(self, person: Person, current: Current) -> None:
        fields = dict(current.fields)
        fields.setdefault("court_order", person.source.court_order)
        referral_id = self._referral(
            person,
            current.status,
            current.protocol,
            received_date=current.received,
            included_date=current.included,
            **fields,
        )
        self._events(person, referral_id, current.events)

    # -- a stay and its protocol ---------------------------------------------------------

    def _stay(self, person: Person, stay: model.Stay, previous: date | None) -> None:
        rng, admission = self.rng, stay.admission
        low = max(previous or admission - timedelta(days=400), person.admissible_from)
        received = max(low, stay.received or admission - timedelta(days=60))
        protocol = max(low, received - timedelta(days=rng.randint(1, 12)))
        included = min(admission, received + timedelta(days=rng.randint(0, 2)))
        assigned = max(included, admission - timedelta(days=rng.randint(1, 5)))
        vivienda = stay.vivienda
        is_open = stay.discharge is None
        court_order = person.source.court_order and is_open
        migrated = admission < self.detailed_since
        referral_id = self._referral(
            person,
            ReferralStatus.ADMITTED.value,
            protocol,
            received_date=received,
            included_date=included,
            vivienda_id=vivienda.id,
            assigned_date=None if migrated else assigned,
            planned_admission_date=None if migrated else admission,
            court_order=court_order,
        )
        current = Current("admitted", protocol, received, included)
        Planner._opening(current, "waiting")
        if migrated:  # as records migrated from paper: from the office's reception on
            current.events = [e for e in current.events if e[1] in ("received", "waiting")]
        else:
            note = f"Plaza en {vivienda.name}, ingreso previsto el {d(admission)}"
            current.events.append((assigned, "assigned", note))
        current.events.append((admission, "admitted", f"Ingreso en {vivienda.name}"))
        self._events(person, referral_id, current.events)
        values = self._discharge(stay)
        stay_id = self.add(
            Stay,
            person.source.id,
            participant_id=person.source.id,
            referral_id=referral_id,
            vivienda_id=vivienda.id,
            admission_date=admission,
            programme=(Programme.METHADONE if person.source.ptm else Programme.DRUG_FREE).value,
            prison=person.prison,
            court_order=court_order,
            **values,
        )
        if is_open:
            self.summary.open_stays += 1
        if is_open or (stay.discharge and stay.discharge >= self.detailed_since):
            add_life(self, person, stay, stay_id)

    def _discharge(self, stay: model.Stay) -> dict:
        """Planned discharge, notice, type, reasons and the 9-month justification."""
        rng = self.rng
        values: dict = {
            "planned_discharge_date": stay.planned,
            "discharge_notice_date": stay.notice,
            "over_9_months_justification": stay.justification,
        }
        discharge = stay.discharge
        if discharge is None:
            return values
        kind = stay.kind
        values.update(discharge_date=discharge, discharge_type=kind)
        if discharge > add_months(stay.admission, 9):  # R-STAY-2
            values["over_9_months_justification"] = rng.choice(JUSTIFICATIONS)
        if kind == _T.THERAPEUTIC:
            values["planned_discharge_date"] = discharge
            person = stay.person
            young = person is not None and age_on(person.source.birth_date, discharge) < ADULT_AGE
            reasons = THERAPEUTIC_REASONS_YOUNG if young else THERAPEUTIC_REASONS
            values["discharge_reason"] = rng.choice(reasons)
            notice = discharge - timedelta(days=15 + rng.randint(0, 5))
            values["discharge_notice_date"] = max(notice, stay.admission)
        else:
            values["discharge_notice_date"] = discharge  # told at once (R-STAY-3)
            if kind == _T.DERIVED:
                values["discharge_reason"] = rng.choice(DERIVED_REASONS)
            elif kind == _T.VOLUNTARY:
                values["discharge_reason"] = rng.choice(VOLUNTARY_REASONS)
                values["abandonment_reason"] = rng.choice(ABANDONMENT_REASONS)
            else:  # R-DIS-1: one of the four criteria
                criterion = self.criteria[self.disciplinary % len(self.criteria)]
                self.disciplinary += 1
                stay.criterion = criterion.value
                values["disciplinary_criterion"] = criterion.value
                values["discharge_reason"] = DISCIPLINARY_REASONS[criterion]
        if stay.unannounced:
            values["discharge_notice_date"] = None  # not yet told to the office (R-STAY-3)
        return values
