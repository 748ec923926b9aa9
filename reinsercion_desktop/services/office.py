"""Oficina coordinadora: protocols received from the centres, the regional waiting list,
vacancies assigned across viviendas, and the monthly part of the Anexo II.

The rules are not repeated here: receiving and including are ReferralService's steps
(R-REF-1, R-WL-4), the list, offers and assignments are WaitingListService's (R-WL-1..5);
the office sees them across every vivienda of the region. Rows name people by CODAPEL
only (R-CONF-1).

Anexo II, monthly (forms/anexo-ii.v1.json, section "mensualmente"), counting as SPEC §7:

- Índice de ocupación por VAR: occupied place-days / available place-days of the month.
  A stay occupies from its admission day to the day before its discharge (an open stay to
  the month's end), clipped to the month (stay_rules.stay_days_in_month); available
  place-days are the vivienda's places × the days of the month it is in force. Example: 8
  places in January → 248; stays of 31, 10 and 1 days → 42 → 16.9 %.
- Tipología de alta por VAR: discharges dated within the month, by type.
- Tiempo de espera del último ingreso, excepto IIPP: per vivienda, the latest admission up
  to the month's end of a stay not referred from prison; waiting days = admission − the
  date the complete protocol was received (referral_rules.list_date: received, or fixed
  when the fix came later).
- Seguimiento y lista de espera: the waiting list as it stands ("actualizada", assigned
  first, then the queue by position), then the admissions of the month (ingresado) and its
  discharges (alta). A person is «aplazado» while the postponement lasts: once its date
  has passed they are in the list again (domain.waiting_list.effective_status, the rule
  the waiting list follows when offering a vacancy). The same rows, by referring centre, are the report to the other
  centres (seguimiento de derivados).
"""

from collections import defaultdict
from datetime import date, timedelta

from reinsercion_desktop.db import office_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Vivienda
from reinsercion_desktop.db.office_queries import LastAdmission, Move, PeriodStay
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.deadlines import month_bounds, month_label
from reinsercion_desktop.domain.enums import DischargeType, ReferralStatus
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.referral_rules import list_date
from reinsercion_desktop.domain.stay_rules import StayFacts, stay_days_in_month
from reinsercion_desktop.domain.waiting_list import (
    Offer,
    PlaceKind,
    Vacancy,
    offer,
)
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.office_views import (
    ADMITTED,
    DISCHARGED,
    AnexoIIMonthly,
    DischargeTypesRow,
    FollowUpRow,
    OccupancyRow,
    RegionalRow,
    RegionalWaitingList,
    VacancyOffer,
    WaitingTimeRow,
)
from reinsercion_desktop.services.referral_views import ReferralView
from reinsercion_desktop.services.referrals import ReferralService
from reinsercion_desktop.services.waiting_list import WaitingListService
from reinsercion_desktop.services.waiting_state import load_state as load_waiting_state

LISTED = (ReferralStatus.WAITING, ReferralStatus.POSTPONED, ReferralStatus.ASSIGNED)
# Situación in the Anexo II's follow-up tables.
SITUATION = {
    ReferralStatus.WAITING: "lista_espera",
    ReferralStatus.POSTPONED: "aplazado",
    ReferralStatus.ASSIGNED: "proceso_admision",
}
DISCHARGE_COLUMNS = {
    DischargeType.THERAPEUTIC: "terapeuticas",
    DischargeType.DERIVED: "derivadas",
    DischargeType.VOLUNTARY: "voluntarias",
    DischargeType.DISCIPLINARY: "disciplinarias",
}


class OfficeService:
    def __init__(self, db: Database):
        self.db = db
        self.referrals = ReferralService(db)
        self.waiting = WaitingListService(db)

    # -- protocols from the centres ------------------------------------------------------

    def receive_protocol(
        self,
        actor: Actor,
        referral_id: str,
        received_date: date | None = None,
        *,
        include: bool = False,
    ) -> ReferralView:
        """A centre's protocol (Anexo I) arrives: it is marked received on that date, which
        orders the list (R-WL-1). With `include`, a complete protocol enters the regional
        list the same day (R-REF-1; R-WL-4 gives a readmission priority when it applies).
        A protocol marked incomplete is not received over its cause: it comes back to the
        list through its fix (subsanación, ReferralService.record_fix)."""
        authorize(actor, PermissionAction.REFERRAL_RECEIVE)
        current = self.referrals.get(referral_id)
        if current.status == ReferralStatus.INCOMPLETE:
            raise UserError(
                f"El protocolo está incompleto ({current.incomplete_cause}): registre la "
                "subsanación; con ella queda recibido."
            )
        referral = self.referrals.receive(actor, referral_id, received_date)
        if include:
            referral = self.referrals.include(
                actor, referral_id, referral.received_date or self.db.clock.today()
            )
        return referral

    # -- the regional waiting list and its vacancies ----------------------------------------

    def waiting_list(self) -> RegionalWaitingList:
        """Every listed protocol of the region, assigned first, then the queue in order
        (R-WL-1, R-WL-4), with every vivienda's free places."""
        listing = self.waiting.waiting_list()
        with self.db.read() as session:
            names = {v.id: v.name for v in queries.viviendas(session=session)}
            extras = office_queries.referral_places(
                session=session, statuses=[s.value for s in LISTED]
            )
        rows = []
        for row in listing.rows:
            place = extras.get(row.referral_id)
            priority_id = place.priority_vivienda_id if place else None
            rows.append(
                RegionalRow(
                    row=row,
                    vivienda=names.get(row.vivienda_id or "", ""),
                    priority_vivienda=names.get(priority_id or "", "") if row.priority else "",
                    province=(place.centre_province or place.own_province or "") if place else "",
                )
            )
        return RegionalWaitingList(rows, listing.free_places)

    def vacancies(self) -> list[VacancyOffer]:
        """Each kind of free place in each vivienda, with the first compatible person for it
        anywhere in the region (R-WL-1..4: domain.waiting_list.offer, as candidate_for).

        The list is read once for all the vacancies (through the waiting-list service's own
        loader): at office scale reading it per vacancy took seconds.
        """
        today = self.db.clock.today()
        with self.db.read() as session:
            state = load_waiting_state(session, today)
        found = []
        for vivienda in state.viviendas:
            places = state.places(vivienda)
            occupants = state.occupants(vivienda.id)
            for place, free in (
                (PlaceKind.MEN.value, places.free_men),
                (PlaceKind.WOMEN.value, places.free_women),
                (PlaceKind.MIXED.value, places.free_mixed),
            ):
                if free:
                    chosen = offer(
                        state.entries.values(), Vacancy(vivienda.id, place), occupants, today
                    )
                    found.append(VacancyOffer(vivienda.id, vivienda.name, place, free, chosen))
        return sorted(found, key=lambda v: (v.vivienda, v.place))

    def candidate_for(
        self, vivienda_id: str, place: str, vacated_by_stay_id: str | None = None
    ) -> Offer:
        """Who a vacancy of this kind would go to (and who is passed over, and why); with
        `vacated_by_stay_id`, the resident leaving no longer counts among the occupants
        (their place is the one assigned ahead, R-WL-5), as in the assignment itself."""
        return self._offer(vivienda_id, place, vacated_by_stay_id)

    def _offer(self, vivienda_id: str, place: str, exclude_stay_id: str | None) -> Offer:
        today = self.db.clock.today()
        with self.db.read() as session:
            state = load_waiting_state(session, today, exclude_stay_id=exclude_stay_id)
        occupants = state.occupants(vivienda_id)
        return offer(state.entries.values(), Vacancy(vivienda_id, place), occupants, today)

    def assign_vacancy(
        self,
        actor: Actor,
        vivienda_id: str,
        place: str,
        planned_admission_date: date,
        *,
        consulted_note: str = "",
        court_order_note: str = "",
        vacated_by_stay_id: str | None = None,
    ) -> ReferralView:
        """Give a vacancy (place "H", "M" or "X" of a vivienda) to the first compatible person
        of the whole regional list: proceso de admisión with a planned date (R-WL-5).

        With several free places for that person the referring centre is consulted and the
        note recorded (R-WL-1); a court-ordered prison referral over the 20 % needs its note
        to the court (R-WL-3). `vacated_by_stay_id`: the discharge (announced or done) that
        frees the place, which sets the admission window (R-WL-5).
        """
        authorize(actor, PermissionAction.WAITING_LIST_ASSIGN)
        if place not in {kind.value for kind in PlaceKind}:
            raise ValidationError({"place": "Indique la plaza: de hombres, de mujeres o mixta."})
        chosen = self._offer(vivienda_id, place, vacated_by_stay_id)
        if chosen.entry is None:
            why = "; ".join(sorted({reason for _rid, reason in chosen.passed_over}))
            raise UserError(
                "Nadie de la lista de espera puede ocupar ahora esta plaza"
                + (f" ({why})." if why else ".")
            )
        return self.waiting.assign(
            actor,
            chosen.entry.referral_id,
            vivienda_id,
            planned_admission_date,
            consulted_note=consulted_note,
            court_order_note=court_order_note,
            vacated_by_stay_id=vacated_by_stay_id,
        )

    # -- Anexo II, monthly ----------------------------------------------------------------

    def monthly_report(self, month: str) -> AnexoIIMonthly:
        """The monthly follow-up and waiting-list report (see the module's docstring)."""
        try:
            start, end = month_bounds(month)
        except ValueError as error:
            raise ValidationError({"month": str(error)}) from None
        listing = self.waiting_list()
        with self.db.read() as session:
            viviendas = [v for v in queries.viviendas(session=session) if _in_force(v, start, end)]
            stays = office_queries.stays_in_period(session=session, start=start, end=end)
            moves = office_queries.admissions_and_discharges(session=session, start=start, end=end)
            last = office_queries.last_admissions(session=session, before=end, prison=False)
        return AnexoIIMonthly(
            month=month,
            label=month_label(month),
            seguimiento_lista_espera=_follow_up(listing, moves, start, end),
            ocupacion=_occupancy(viviendas, stays, start, end),
            tipologia_altas_var=_discharge_types(viviendas, stays, start, end),
            tiempo_espera=_waiting_times(viviendas, last),
        )


# -- the report's tables ----------------------------------------------------------------------


def _in_force(vivienda: Vivienda, start: date, end: date) -> bool:
    """In service any day of [start, end)."""
    return (vivienda.valid_from is None or vivienda.valid_from < end) and (
        vivienda.valid_to is None or vivienda.valid_to >= start
    )


def _days_in_force(vivienda: Vivienda, start: date, end: date) -> int:
    first = max(start, vivienda.valid_from or start)
    after = min(end, vivienda.valid_to + timedelta(days=1) if vivienda.valid_to else end)
    return max(0, (after - first).days)


def _occupancy(
    viviendas: list[Vivienda], stays: list[PeriodStay], start: date, end: date
) -> list[OccupancyRow]:
    occupied: dict[str, int] = defaultdict(int)
    for stay in stays:
        facts = StayFacts(admission_date=stay.admission_date, discharge_date=stay.discharge_date)
        occupied[stay.vivienda_id] += stay_days_in_month(facts, start.year, start.month)
    rows = []
    for vivienda in viviendas:
        places = vivienda.places_men + vivienda.places_women + vivienda.places_mixed
        available = places * _days_in_force(vivienda, start, end)
        used = occupied.get(vivienda.id, 0)
        index = round(100 * used / available, 1) if available else None
        rows.append(OccupancyRow(vivienda.name, places, available, used, index))
    return rows


def _discharge_types(
    viviendas: list[Vivienda], stays: list[PeriodStay], start: date, end: date
) -> list[DischargeTypesRow]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for stay in stays:
        discharge, kind = stay.discharge_date, stay.discharge_type
        if discharge is not None and start <= discharge < end and kind in DISCHARGE_COLUMNS:
            counts[stay.vivienda_id][DISCHARGE_COLUMNS[DischargeType(kind)]] += 1
    return [DischargeTypesRow(v.name, **counts.get(v.id, {})) for v in viviendas]


def _waiting_times(viviendas: list[Vivienda], last: list[LastAdmission]) -> list[WaitingTimeRow]:
    by_vivienda = {row.vivienda_id: row for row in last}
    rows = []
    for vivienda in viviendas:
        found = by_vivienda.get(vivienda.id)
        if found is None:
            continue
        listed = list_date(found.received_date, found.fixed_date)
        days = (found.admission_date - listed).days if listed else None
        rows.append(
            WaitingTimeRow(vivienda.name, found.codapel, listed, found.admission_date, days)
        )
    return rows


def _follow_up(
    listing: RegionalWaitingList, moves: list[Move], start: date, end: date
) -> list[FollowUpRow]:
    rows = [
        FollowUpRow(
            orden=r.row.position,
            codapel=r.row.codapel,
            sexo=r.row.sex,
            centro_derivador=r.row.referring_centre,
            provincia=r.province,
            fecha_protocolo=r.row.received_date,
            situacion=SITUATION[ReferralStatus(r.row.effective_status)],
            vivienda=r.vivienda,
            fecha_ingreso=r.row.planned_admission_date,
        )
        for r in listing.rows
    ]
    for move in moves:
        gone = move.discharge_date is not None and start <= move.discharge_date < end
        rows.append(
            FollowUpRow(
                orden=None,
                codapel=move.codapel,
                sexo=move.sex,
                centro_derivador=move.referring_centre,
                provincia=move.province or "",
                fecha_protocolo=list_date(move.received_date, move.fixed_date),
                situacion=DISCHARGED if gone else ADMITTED,
                vivienda=move.vivienda,
                fecha_ingreso=move.admission_date,
            )
        )
    return rows
