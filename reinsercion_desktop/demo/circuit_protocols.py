"""The protocols that are not stays: on the waiting list, on their way, or closed; and the
office filling today's free places from the list (R-WL-5). A mixin of `Planner`."""

from datetime import date, timedelta

from reinsercion_desktop.demo.circuit_model import (
    REFERRED_STATUSES,
    Current,
    Person,
    d,
    places_for,
)
from reinsercion_desktop.demo.circuit_texts import (
    CONSULTED_NOTES,
    COURT_ORDER_NOTES,
    FIX_NOTES,
    INCOMPLETE_CAUSES,
    KEEP_DECISION,
    NOT_LOCATED_NOTE,
    POSTPONE_NOTES,
    RESIGNATION_REASONS,
    WITHDRAWAL_REASON,
)
from reinsercion_desktop.domain.enums import (
    Consensus,
    ParticipantStatus,
    PostponementReason,
    ReferringCentreKind,
)
from reinsercion_desktop.domain.referral_rules import (
    ESCALATION_CAUSE,
    list_date,
    postponement_limit,
)
from reinsercion_desktop.domain.waiting_list import (
    Occupant,
    Vacancy,
    WaitingEntry,
    consultation_required,
    free_places,
    offer,
)


class ProtocolSteps:
    """Needs the planner's rng, today, people, viviendas, centres, stays, list_opens."""

    def _current_protocol(self, person: Person) -> None:  # type: ignore[misc]
        status = person.source.status
        if status == ParticipantStatus.WAITING:
            person.current = self._waiting(person)
        elif status == ParticipantStatus.REFERRED:
            person.current = self._referred(person)
        if person.current is not None:
            person.window_end = min(person.window_end, person.current.protocol)

    @staticmethod
    def _opening(current: Current, upto: str) -> None:
        """The first steps of a protocol: created, complete, sent, received, included."""
        steps = [
            (current.protocol, "draft", "Protocolo creado"),
            (current.protocol, "complete", "Protocolo completo"),
            (current.protocol, "sent", "Enviado a la oficina coordinadora"),
        ]
        if current.received:
            steps.append((current.received, "received", f"Recibido el {d(current.received)}"))
        if current.included:
            steps.append((current.included, "waiting", "Incluido en lista de espera"))
        order = ["draft", "complete", "sent", "received", "waiting"]
        current.events.extend(s for s in steps if order.index(s[1]) <= order.index(upto))

    def _listed(self, received_days: tuple[int, int], included_after: int = 3) -> Current:
        rng, today = self.rng, self.today
        received = today - timedelta(days=rng.randint(*received_days))
        included = min(today, received + timedelta(days=rng.randint(0, included_after)))
        protocol = received - timedelta(days=rng.randint(1, 12))
        return Current("waiting", protocol, received, included)

    def _in_the_queue(self, person: Person, margin: int = 1) -> Current:
        """Received since the list's oldest waiting reception: nobody received later has
        been admitted since (R-WL-1)."""
        opens = self.list_opens[person.sex]
        latest = self.today - timedelta(days=margin)
        span = max(0, (latest - opens).days)
        received = opens + timedelta(days=self.rng.randint(0, span))
        included = min(self.today, received + timedelta(days=self.rng.randint(0, 3)))
        protocol = received - timedelta(days=self.rng.randint(1, 12))
        return Current("waiting", protocol, received, included)

    def _waiting(self, person: Person) -> Current:
        rng, today, role = self.rng, self.today, person.role
        if role in ("decision_due", "kept"):
            current = self._listed((95, 150), 2)
        else:
            current = self._in_the_queue(person, 12 if role == "fixed_waiting" else 1)
        self._opening(current, "waiting")
        included = current.included
        assert included is not None
        limit = postponement_limit(included)
        if role == "fixed_waiting":
            self._fixed_after_reception(current)
        elif role in ("decision_due", "kept"):
            self._postpone(person, current, included + timedelta(days=rng.randint(0, 3)), limit)
            if role == "kept":
                until = today + timedelta(days=rng.randint(20, 40))
                note = f"Se mantiene aplazado hasta el {d(until)}: {KEEP_DECISION}"
                current.events.append((limit + timedelta(days=2), "postponed", note))
                current.fields.update(keep_decision=KEEP_DECISION, postponed_until=until)
        elif role == "court_order":
            note = COURT_ORDER_NOTES[self.profile.key].format(court=self.profile.terms.court)
            current.fields.update(court_order=True, court_order_note=note)
        elif not role and rng.random() < 0.12 and limit > today:
            on = min(today, included + timedelta(days=rng.randint(0, 3)))
            until = today + timedelta(days=rng.randint(1, max(1, (limit - today).days)))
            if today < until <= limit:
                self._postpone(person, current, on, until)
        return current

    def _postpone(self, person: Person, current: Current, on: date, until: date) -> None:
        """R-WL-2: for family or health reasons, or prison, up to 3 months from inclusion."""
        reasons = [PostponementReason.FAMILY, PostponementReason.HEALTH]
        reason = PostponementReason.PRISON if person.prison else self.rng.choice(reasons)
        note = POSTPONE_NOTES.get(reason, self.profile.terms.prison_wait)
        text = f"Aplazado hasta el {d(until)} ({reason.label.lower()}) {note}"
        current.events.append((on, "postponed", text))
        current.status = "postponed"
        current.fields.update(postponed_reason=reason.value, postponed_note=note)
        current.fields["postponed_until"] = until

    def _fixed_after_reception(self, current: Current) -> None:
        """R-REF-1: received, found incomplete, fixed (the list date is the fix date)."""
        received = current.received
        assert received is not None
        fixed = min(self.today, received + timedelta(days=9))
        cause, note = INCOMPLETE_CAUSES[0], FIX_NOTES[0]
        current.events = [e for e in current.events if e[1] != "waiting"]
        current.events += [
            (received + timedelta(days=2), "incomplete", cause),
            (fixed, "received", f"Subsanado: {note}"),
            (fixed, "waiting", "Incluido en lista de espera"),
        ]
        current.included = fixed
        current.fields.update(incomplete_cause=cause, fixed_date=fixed, fix_note=note)

    def _referred(self, person: Person) -> Current:
        rng, today, role = self.rng, self.today, person.role
        if role == "resigned_assigned":
            status = "resigned"
        elif role in ("fixed", "escalated") or role in REFERRED_STATUSES:
            status = role
        else:
            status = rng.choices(list(REFERRED_STATUSES), weights=REFERRED_STATUSES.values())[0]
        if status in ("draft", "complete", "sent", "incomplete", "fixed", "escalated"):
            return self._early(Current(status, today - timedelta(days=rng.randint(0, 45))))
        if status == "received":
            current = self._listed((0, 20))
            current.included, current.status = None, "received"
            self._opening(current, "received")
            return current
        current = self._listed((60, 400))
        self._opening(current, "waiting")
        return self._closed(person, current, status)

    def _early(self, current: Current) -> Current:
        """Draft, complete, sent, incomplete (R-REF-1), fixed, or escalated (R-REF-4)."""
        rng, protocol, status = self.rng, current.protocol, current.status
        if status == "escalated":
            current.events = [(protocol, "draft", "Protocolo creado")]
            current.events.append((protocol, "incomplete", ESCALATION_CAUSE))
            current.status = "incomplete"
            current.fields.update(
                incomplete_cause=ESCALATION_CAUSE, consensus=Consensus.DISCREPANCY.value
            )
            cts = [c for c in self.centres if c.kind == ReferringCentreKind.CT]
            if cts:
                current.fields["referring_centre_id"] = cts[0].id
            return current
        self._opening(current, status if status in ("draft", "complete") else "sent")
        if status in ("incomplete", "fixed"):
            cause = rng.choice(INCOMPLETE_CAUSES)
            marked = min(self.today, protocol + timedelta(days=rng.randint(1, 5)))
            current.events.append((marked, "incomplete", cause))
            current.status = "incomplete"
            current.fields["incomplete_cause"] = cause
            if status == "fixed":
                fixed = min(self.today, marked + timedelta(days=rng.randint(1, 10)))
                note = FIX_NOTES[INCOMPLETE_CAUSES.index(cause)]
                current.events.append((fixed, "complete", f"Subsanado: {note}"))
                current.status = "complete"
                current.fields.update(fixed_date=fixed, fix_note=note)
        return current

    def _closed(self, person: Person, current: Current, status: str) -> Current:
        """Renuncia, no localizado/a, retirado: the protocol left the list (derivado again)."""
        rng, today = self.rng, self.today
        included = current.included
        assert included is not None
        if status == "withdrawn":  # R-WL-2: postponed past 3 months, withdrawn by decision
            limit = postponement_limit(included)
            self._postpone(person, current, included + timedelta(days=2), limit)
            closed = min(today, limit + timedelta(days=rng.randint(1, 20)))
            text = f"Retirado tras aplazamiento: {WITHDRAWAL_REASON}"
            current.events.append((closed, "withdrawn", text))
            current.fields.update(closed_date=closed, closed_reason=text)
            current.status = "withdrawn"
            return current
        closed = min(today, included + timedelta(days=rng.randint(10, 60)))
        if person.role == "resigned_assigned":  # in the month just over: Anexo III shows it
            closed = max(included + timedelta(days=3), today.replace(day=1) - timedelta(days=20))
        if status == "not_located" or person.role == "resigned_assigned" or rng.random() < 0.4:
            houses = [v for v in self.viviendas if places_for(v, person.sex)]
            vivienda = rng.choice(houses or self.viviendas)
            assigned = max(included, closed - timedelta(days=3))
            planned = assigned + timedelta(days=2)
            note = f"Plaza en {vivienda.name}, ingreso previsto el {d(planned)}"
            current.events.append((assigned, "assigned", note))
            current.fields.update(
                vivienda_id=vivienda.id, assigned_date=assigned, planned_admission_date=planned
            )
            if status == "not_located":  # R-WL-5: 2 days to locate the person
                closed = min(today, assigned + timedelta(days=3))
        reason = NOT_LOCATED_NOTE if status == "not_located" else rng.choice(RESIGNATION_REASONS)
        current.events.append((closed, status, reason))
        current.fields.update(closed_date=closed, closed_reason=reason)
        current.status = status
        return current

    # -- today's free places (R-WL-5) ------------------------------------------------------

    def _office_today(self) -> None:
        """Each free place today goes to the first compatible person on the list, as the
        office's own rule chooses (domain.waiting_list.offer: R-WL-1..4); the place stays
        free only when nobody of that sex can take it. Admission is planned in 1–3 days."""
        today = self.today
        listed: dict[str, tuple[Person, WaitingEntry]] = {}
        for person in self.people:
            current = person.current
            if current is None or current.status not in ("waiting", "postponed"):
                continue
            fields = current.fields
            entry = WaitingEntry(
                referral_id=person.source.id,
                sex=person.sex,
                list_date=list_date(current.received, fields.get("fixed_date")) or current.protocol,
                status=current.status,
                included_date=current.included,
                postponed_until=fields.get("postponed_until"),
                keep_decision=fields.get("keep_decision", ""),
                prison=person.prison,
                court_order=bool(fields.get("court_order")),
                priority_until=fields.get("priority_until"),
                priority_vivienda_id=fields.get("priority_vivienda_id"),
            )
            listed[person.source.id] = (person, entry)
        occupants: dict[str, list[Occupant]] = {v.id: [] for v in self.viviendas}
        for stay in self.stays:
            if stay.discharge is None and stay.person is not None:
                occupants[stay.vivienda.id].append(Occupant(stay.sex, stay.person.prison))
        for vivienda in self.viviendas:
            while True:
                places = self._free(vivienda, occupants)
                chosen = None
                for sex in self.sexes():
                    for kind in places.vacancy_kinds(sex):
                        entries = [e for _p, e in listed.values()]
                        vacancy = Vacancy(vivienda.id, kind)
                        found = offer(entries, vacancy, occupants[vivienda.id], today)
                        if found.entry is not None:
                            chosen = listed.pop(found.entry.referral_id)
                            break
                    if chosen is not None:
                        break
                if chosen is None:
                    break
                person, _entry = chosen
                several = consultation_required(
                    sum(self._free(v, occupants).free_for(person.sex) for v in self.viviendas)
                )
                self._assign_place(person, vivienda, several)
                occupants[vivienda.id].append(Occupant(person.sex, person.prison))

    @staticmethod
    def _free(vivienda, occupants):  # type: ignore[no-untyped-def]
        counts = (vivienda.places_men, vivienda.places_women, vivienda.places_mixed)
        return free_places(vivienda.id, vivienda.name, counts, occupants[vivienda.id])

    def _assign_place(self, person: Person, vivienda, several: bool) -> None:  # type: ignore[no-untyped-def]
        current = person.current
        assert current is not None
        planned = self.today + timedelta(days=self.rng.randint(1, 3))
        note = f"Plaza en {vivienda.name}, ingreso previsto el {d(planned)}"
        current.events.append((self.today, "assigned", note))
        current.status = "assigned"
        current.fields.update(
            vivienda_id=vivienda.id, assigned_date=self.today, planned_admission_date=planned
        )
        if several:  # R-WL-1: several vacancies, the referring centre is consulted
            current.fields["centre_consulted_note"] = self.rng.choice(CONSULTED_NOTES)
