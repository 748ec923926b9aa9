"""Oficina coordinadora: protocols received from the centres, the regional waiting list,
vacancies assigned across viviendas, and the monthly part of the Anexo II.

The rules are not repeated here: receiving and including are ReferralService's steps
(R-REF-1, R-WL-4), the list, offers and assignments are WaitingListService's (R-WL-1..5);
the office sees them across every vivienda of the region. Rows name people by CODAPEL
only (R-CONF-1).

Anexo II, monthly: the figures are computed in services/anexo_ii_figures.py (one
implementation for this screen and the Anexo II report, services/anexo_ii.py).
"""

from datetime import date

from reinsercion_desktop.db import office_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.office_queries import ReferralPlace
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.periods import Period, PeriodKind
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.waiting_list import (
    Offer,
    PlaceKind,
    Vacancy,
    WaitingListRow,
    list_rows,
    offer,
)
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.anexo_ii_figures import LISTED, monthly_tables
from reinsercion_desktop.services.office_views import (
    AnexoIIMonthly,
    RegionalRow,
    RegionalWaitingList,
    VacancyOffer,
)
from reinsercion_desktop.services.referral_views import ReferralView
from reinsercion_desktop.services.referrals import ReferralService
from reinsercion_desktop.services.waiting_list import WaitingListService
from reinsercion_desktop.services.waiting_state import listed_entries, listed_referrals
from reinsercion_desktop.services.waiting_state import load_state as load_waiting_state


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
        return RegionalWaitingList(self._regional(listing.rows), listing.free_places)

    def listed_rows(self) -> list[RegionalRow]:
        """The rows of `waiting_list` without the free places (what the Anexo II
        reports): one read of the listed protocols, with their provinces, and the same
        rules (waiting_state.listed_entries, domain list_rows)."""
        today = self.db.clock.today()
        with self.db.read() as session:
            found = listed_referrals(session)
            names = office_queries.vivienda_names(session=session)
        assigned, queue = listed_entries(found)
        places = {
            row.id: ReferralPlace(row.centre_province, row.own_province, row.priority_vivienda_id)
            for row in found
        }
        return self._regional(list_rows([*assigned, *queue.values()], today), names, places)

    def _regional(
        self,
        listed: list[WaitingListRow],
        names: dict[str, str] | None = None,
        extras: dict[str, ReferralPlace] | None = None,
    ) -> list[RegionalRow]:
        if names is None or extras is None:
            with self.db.read() as session:
                names = office_queries.vivienda_names(session=session)
                extras = office_queries.referral_places(
                    session=session, statuses=[s.value for s in LISTED]
                )
        rows = []
        for row in listed:
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
        return rows

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
        """The monthly follow-up and waiting-list report (services/anexo_ii_figures.py)."""
        try:
            period = Period.parse(month)
        except ValueError as error:
            raise ValidationError({"month": str(error)}) from None
        if period.kind != PeriodKind.MONTH:
            raise ValidationError({"month": f"«{month}» no es un mes: escríbalo como AAAA-MM."})
        return monthly_tables(self.db, self.listed_rows(), period)
