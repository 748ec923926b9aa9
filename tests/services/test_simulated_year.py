"""A simulated year of one vivienda (issue 4): 2026-01-01 → 2026-12-31, day by day on a fake
clock, every event through the services (referrals, waiting list, consents, stays, forms,
the monthly Anexo III). At the checkpoints the occupancy board and Pendientes are compared
with expectations worked out by hand, written below as literals with their arithmetic.

The vivienda: «Vivienda Triana», 4 places for men and 2 for women, no mixed places.

The cast (H man, M woman), received = the day the complete protocol is received and
included in the list (R-WL-1 orders by it):

    Andrés H  rec 02/01  asg 06/01 → adm 12/01  stays all year; 9 months on 12/10 (listed
              from 27/09, red from 13/10), justification written 20/10 (R-STAY-2);
              exceptional outing 03/08–08/08
    Benito H  rec 03/01  asg 06/01 → adm 12/01  outings 28/03–04/04 (over a month end),
              01/05–11/05, 01/06–14/06; planned therapeutic discharge 30/06 set on 01/04,
              announced 15/06 (R-WL-5); discharged 30/06
    Carlos H  rec 04/01  asg 06/01 → adm 19/01  voluntary discharge 16/03 (next one at once)
    Diego  H  rec 05/01  asg 06/01 → adm 19/01  planned 18/12 (past 9 months, justified when
              planned on 01/09); outing 10/09–10/10; announced 03/12; discharged 18/12
    Lucía  M  rec 02/01  asg 06/01 → adm 12/01  disciplinary discharge 20/07 (violence)
    Marta  M  rec 03/01  asg 06/01 → adm 12/01  derived discharge 04/05; new protocol
              received 15/06 with readmission priority (R-WL-4); asg 20/07 → re-adm 22/07
    Ernesto H rec 02/02  asg 16/03 (after Carlos)  not located: loses the turn 19/03
    Fermín H  rec 03/02  asg 19/03 (Ernesto's turn) → adm 20/03; 9 months on 20/12, unjustified
    Nuria  M  rec 06/04  asg 04/05 (after Marta) → adm 06/05
    Gonzalo H rec 20/05  asg 15/06 (Benito's announced place) → adm 30/06
    Olga   M  rec 01/06  still waiting on 31/12 (Marta's priority passes her on 20/07)
    Hugo   H  rec 02/11  asg 03/12 (Diego's announced place) → adm 18/12

Paperwork: each Anexo IV/V/VI is started (a draft is enough) on the day said in the
script; the Anexo III of each month is made on day 3 of the next, except August's
(made late, on 08/09). The discharge notice to the office is recorded the day after
Carlos's voluntary discharge, on the day of the derived and disciplinary ones, and 15
days ahead of the therapeutic ones (the announcement that lets the place be assigned).

Counting (SPEC §7, domain/deadlines.py): Anexo IV = admission + 30 days; Anexo V = planned
discharge − 2 calendar months; Anexo VI = discharge + 10 days; notice = planned − 15
(therapeutic) or the discharge day; Anexo III = day 5 of the next month; admission after a
non-therapeutic discharge = min(planned, discharge + 5) and "no localizado" = assignment
+ 2 (R-WL-5); R-STAY-2 = admission + 9 calendar months; R-STAY-1 few outings = the planned
discharge, while < 30 ordinary outing days have been taken.

Pendientes lists each kind from its lead time before its date (domain/deadlines.KINDS):
Anexo IV, Anexo V, the notice, the admission and R-STAY-2 15 days ahead; Anexo VI from
the discharge (10 days); Anexo III from the 1st of the next month (4 days); "no
localizado" from the assignment (2 days); R-STAY-1 30 days ahead. Until issue 9 it
listed everything due by today + 30 days, and R-STAY-2 only once the day had passed: the
checkpoints below say where that changed what is listed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.identity import dni_letter
from reinsercion_desktop.domain.participant import ParticipantDraft
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.catalogues import CatalogueService, ReferringCentreDraft
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.monthly_report import MonthlyReportService
from reinsercion_desktop.services.occupancy import occupancy_board
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.pending import FILE_KIND, pending_items
from reinsercion_desktop.services.referrals import ReferralDraft, ReferralService
from reinsercion_desktop.services.setup import ViviendaSetup
from reinsercion_desktop.services.stays import StayService
from reinsercion_desktop.services.waiting_list import WaitingListService

START, END = date(2026, 1, 1), date(2026, 12, 31)
HOUSE = "Vivienda Triana"

# Rule and kind of each Pendientes line, as (rule, kind).
IV = ("R-STAY-3", "anexo_iv")
V = ("R-STAY-3", "anexo_v")
VI = ("R-STAY-3", "anexo_vi")
III = ("R-STAY-3", "anexo_iii")
NOTICE = ("R-STAY-3", "discharge_notice")
ADMISSION = ("R-WL-5", "admission")
NOT_LOCATED = ("R-WL-5", "not_located")
NINE_MONTHS = ("R-STAY-2", "stay_over_9_months")
FEW_OUTINGS = ("R-STAY-1", "few_outings")

# name: (sex, surname, birth date)
CAST = {
    "Andrés": ("H", "Aguilar", "03/02/1978"),
    "Benito": ("H", "Bermúdez", "14/05/1983"),
    "Carlos": ("H", "Cortés", "21/09/1990"),
    "Diego": ("H", "Domínguez", "08/11/1975"),
    "Lucía": ("M", "López", "30/06/1988"),
    "Marta": ("M", "Molina", "12/12/1985"),
    "Ernesto": ("H", "Estévez", "05/03/1992"),
    "Fermín": ("H", "Fuentes", "17/07/1980"),
    "Nuria": ("M", "Navarro", "25/01/1987"),
    "Gonzalo": ("H", "Gil", "09/04/1979"),
    "Olga": ("M", "Ortega", "19/08/1991"),
    "Hugo": ("H", "Herrera", "02/10/1984"),
}


def d(day: int, month: int, year: int = 2026) -> date:
    return date(year, month, day)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
def setup_data(setup_factory):  # type: ignore[no-untyped-def]
    return setup_factory(viviendas=[ViviendaSetup(HOUSE, places_men=4, places_women=2)])


class Year:
    """The services, the people by first name, and one method per thing staff do."""

    def __init__(self, workspace, admin) -> None:  # type: ignore[no-untyped-def]
        self.db, self.admin = workspace.db, admin
        catalogue = load_catalogue(forms_dir())
        attachments = AttachmentService.of(workspace)
        self.forms = FormService(workspace.db, catalogue, attachments)
        self.people = ParticipantService(workspace.db)
        self.referrals = ReferralService(workspace.db)
        self.list = WaitingListService(workspace.db)
        self.stays = StayService(workspace.db, self.forms)
        self.monthly = MonthlyReportService(workspace.db, catalogue)
        catalogues = CatalogueService(workspace.db)
        self.house = next(v.id for v in catalogues.viviendas() if v.name == HOUSE)
        self.cta = catalogues.save_referring_centre(
            admin, ReferringCentreDraft("CTA", "CTA Sevilla Este")
        ).id
        self.pid: dict[str, str] = {}  # name → participant id
        self.referral: dict[str, str] = {}  # name → current referral id
        self.stay: dict[str, str] = {}  # name → current stay id
        self.codapel: dict[str, str] = {}

    @property
    def today(self) -> date:
        return self.db.clock.today()

    # -- referral → waiting list (R-REF-1, R-WL-1) -------------------------------------------

    def refer(self, name: str) -> None:
        """A new (or, after a discharge, another) complete protocol, received and included today."""
        if name not in self.pid:
            sex, surname, birth = CAST[name]
            number = 10_000_000 + 7919 * len(self.pid)
            person = self.people.create(
                self.admin,
                _draft(name, sex, surname, birth, f"{number}{dni_letter(number)}", self.cta),
                confirm_similar=True,
            )
            self.pid[name], self.codapel[name] = person.id, person.codapel
        draft = ReferralDraft(voluntary=True)
        referral = self.referrals.create(self.admin, self.pid[name], draft)
        self.referrals.mark_complete(self.admin, referral.id)
        self.referrals.send(self.admin, referral.id)
        self.referrals.receive(self.admin, referral.id)
        self.referrals.include(self.admin, referral.id)
        self.referral[name] = referral.id

    def assign(self, name: str, planned: date, vacated_by: str | None = None) -> None:
        """Proceso de admisión; `vacated_by`: the person whose discharge frees the place."""
        self.list.assign(
            self.admin,
            self.referral[name],
            self.house,
            planned,
            consulted_note="El CTA prefiere esta vivienda",
            vacated_by_stay_id=self.stay[vacated_by] if vacated_by else None,
        )

    def not_located(self, name: str, following: str) -> None:
        """R-WL-5: loses the turn after 2 days; the place goes to the next person for it."""
        _, given = self.list.mark_not_located(self.admin, self.referral[name], "Sin respuesta")
        assert given is not None and given.id == self.referral[following]

    # -- stay (R-ADM-3, R-STAY-1/2, R-DIS-1) --------------------------------------------------

    def admit(self, name: str) -> None:
        """Signs the informed consent (draft → final → signed) and is admitted today."""
        draft = self.stays.start_consent(self.admin, self.pid[name])
        data = {**self.forms.open(self.admin, draft.id).data, "lugar": "Sevilla", "vivienda": HOUSE}
        self.forms.save_draft(self.admin, draft.id, data, expected_version=draft.version)
        self.forms.finalize(self.admin, draft.id)
        self.forms.sign(self.admin, draft.id)
        stay = self.stays.admit(self.admin, self.referral[name], self.house, self.today)
        self.stay[name] = stay.id

    def outing(self, name: str, start: date, end: date, kind: str = "ordinaria") -> None:
        self.stays.record_outing(self.admin, self.stay[name], start, end, kind, "Visita familiar")

    def control(self, name: str, result: str = "negativo", after_outing: bool = True) -> None:
        self.stays.record_tox_control(
            self.admin, self.stay[name], self.today, result, after_outing=after_outing
        )

    def plan(self, name: str, planned: date, justification: str = "") -> None:
        self.stays.set_planned_discharge(self.admin, self.stay[name], planned, justification)

    def justify(self, name: str) -> None:
        self.stays.justify_long_stay(
            self.admin,
            self.stay[name],
            "Pendiente de plaza en vivienda tutelada: acordado con el CTA.",
        )

    def notice(self, name: str) -> None:
        """The discharge notice to the office (R-STAY-3); for a therapeutic discharge it is
        the announcement that lets the place be assigned ahead (R-WL-5)."""
        self.stays.record_discharge_notice(self.admin, self.stay[name], self.today)

    def discharge(self, name: str, kind: str, reason: str, **extra: str) -> None:
        self.stays.discharge(self.admin, self.stay[name], self.today, kind, reason, **extra)

    def refused_discharge(self, name: str, kind: str, message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            self.stays.discharge(self.admin, self.stay[name], self.today, kind, "Sin criterio")

    def refused_assign(self, name: str, planned: date, vacated_by: str, message: str) -> None:
        with pytest.raises(UserError, match=message):
            self.assign(name, planned, vacated_by)

    # -- paperwork ------------------------------------------------------------------------------

    def report(self, name: str, form_id: str) -> None:
        """Starts the Anexo IV, V or VI (a draft settles the deadline)."""
        self.forms.create(self.admin, form_id, self.pid[name])

    def anexo_iii(self, month: str) -> None:
        self.monthly.create_anexo_iii(self.admin, self.house, month)

    # -- what the checkpoints look at ---------------------------------------------------------

    def pending(self) -> set[tuple[str, str, str, date]]:
        """(rule, kind, first name or YYYY-MM of an Anexo III, due) of the circuit's deadlines."""
        names = {pid: name for name, pid in self.pid.items()}
        return {
            (item.rule, item.kind, names.get(item.participant_id, item.period), item.due)
            for item in pending_items(self.db)
            if item.kind != FILE_KIND  # files lacking a case manager: not what this checks
        }

    def occupancy(self) -> tuple[int, int, int, int]:
        """(occupied by men, by women, free men's places, free women's places)."""
        (house,) = occupancy_board(self.db)
        assert house.places_mixed == house.free_mixed == 0
        return house.occupied_men, house.occupied_women, house.free_men, house.free_women

    def anexo_iii_rows(self, month: str) -> tuple[dict, dict]:
        """({name: (ST, ST EXCEPC.)}, {name: (discharge type, total stay, total outing days)})."""
        data = self.monthly.anexo_iii(self.house, month)
        names = {code: name for name, code in self.codapel.items()}
        users = {names[u["codapel"]]: (u["st"], u["st_excepc"]) for u in data["usuarios"]}
        discharges = {
            names[a["codapel"]]: (a["tipo_alta"], a["estancia_total"], a["salidas_terap"])
            for a in data["altas"]
        }
        return users, discharges


def _draft(
    name: str, sex: str, surname: str, birth: str, dni: str, centre: str
) -> ParticipantDraft:
    return ParticipantDraft(
        first_name=name,
        surname1=surname,
        surname2="Ruiz",
        birth_date=birth,
        sex=sex,
        id_kind="dni",
        id_number=dni,
        address="C/ Feria 3",
        municipality="Sevilla",
        province="Sevilla",
        referring_centre_id=centre,
    )


def script(y: Year) -> dict[date, list[Callable[[], object]]]:
    """What happens each day, in order (a day's events run before its checkpoint)."""
    s: dict[date, list[Callable[[], object]]] = {}

    def on(day: date, *events: Callable[[], object]) -> None:
        s.setdefault(day, []).extend(events)

    # January: six protocols received on four days (the list orders by that date), the
    # places assigned on 06/01 with admission planned a week or two later.
    on(d(2, 1), lambda: y.refer("Andrés"), lambda: y.refer("Lucía"))
    on(d(3, 1), lambda: y.refer("Benito"), lambda: y.refer("Marta"))
    on(d(4, 1), lambda: y.refer("Carlos"))
    on(d(5, 1), lambda: y.refer("Diego"))
    on(
        d(6, 1),
        *(lambda n=n: y.assign(n, d(12, 1)) for n in ("Andrés", "Benito", "Lucía", "Marta")),
    )
    on(d(6, 1), *(lambda n=n: y.assign(n, d(19, 1)) for n in ("Carlos", "Diego")))
    on(d(12, 1), *(lambda n=n: y.admit(n) for n in ("Andrés", "Benito", "Lucía", "Marta")))
    on(d(19, 1), lambda: y.admit("Carlos"), lambda: y.admit("Diego"))
    # February: Anexo III of January, the Anexos IV (Diego's two days late).
    on(d(2, 2), lambda: y.refer("Ernesto"))
    on(d(3, 2), lambda: y.anexo_iii("2026-01"), lambda: y.refer("Fermín"))
    on(
        d(11, 2),
        *(lambda n=n: y.report(n, "anexo-iv") for n in ("Andrés", "Benito", "Lucía", "Marta")),
    )
    on(d(18, 2), lambda: y.report("Carlos", "anexo-iv"))
    on(d(20, 2), lambda: y.report("Diego", "anexo-iv"))
    # March: Carlos leaves (voluntary); Ernesto gets the place at once but is not found.
    on(d(3, 3), lambda: y.anexo_iii("2026-02"))
    on(
        d(16, 3),
        lambda: y.discharge(
            "Carlos", "voluntaria", "Decide irse", abandonment_reason="Vuelve con su pareja"
        ),
        lambda: y.assign("Ernesto", d(18, 3), vacated_by="Carlos"),
    )
    on(d(17, 3), lambda: y.notice("Carlos"))
    on(d(19, 3), lambda: y.not_located("Ernesto", following="Fermín"))  # for 20/03
    on(d(20, 3), lambda: y.admit("Fermín"))
    on(d(26, 3), lambda: y.report("Carlos", "anexo-vi"))
    on(d(27, 3), lambda: y.outing("Benito", d(28, 3), d(4, 4)))  # over the end of March
    # April–May: Benito's planned discharge; Marta derived to hospital, Nuria takes her place.
    on(d(1, 4), lambda: y.plan("Benito", d(30, 6)))
    on(d(3, 4), lambda: y.anexo_iii("2026-03"))
    on(d(4, 4), lambda: y.control("Benito"))
    on(d(6, 4), lambda: y.refer("Nuria"))
    on(d(17, 4), lambda: y.report("Fermín", "anexo-iv"))
    on(d(28, 4), lambda: y.report("Benito", "anexo-v"))
    on(d(1, 5), lambda: y.outing("Benito", d(1, 5), d(11, 5)))
    on(d(3, 5), lambda: y.anexo_iii("2026-04"))
    on(
        d(4, 5),
        lambda: y.discharge("Marta", "derivada", "Ingreso hospitalario"),
        lambda: y.notice("Marta"),
        lambda: y.assign("Nuria", d(6, 5), vacated_by="Marta"),
    )
    on(d(6, 5), lambda: y.admit("Nuria"))
    on(d(12, 5), lambda: y.report("Marta", "anexo-vi"))
    on(d(20, 5), lambda: y.refer("Gonzalo"))
    # June: Benito's last outing and announced discharge; Marta back on the list, first.
    on(d(1, 6), lambda: y.refer("Olga"), lambda: y.outing("Benito", d(1, 6), d(14, 6)))
    on(d(3, 6), lambda: y.anexo_iii("2026-05"))
    on(d(4, 6), lambda: y.report("Nuria", "anexo-iv"))
    on(
        d(15, 6),
        lambda: y.notice("Benito"),
        lambda: y.assign("Gonzalo", d(30, 6), vacated_by="Benito"),
        lambda: y.refer("Marta"),  # a new protocol after the derived discharge of 04/05
    )
    on(
        d(30, 6),
        lambda: y.discharge("Benito", "terapeutica", "Objetivos cumplidos"),
        lambda: y.admit("Gonzalo"),
    )
    # July: Lucía's disciplinary discharge; Marta's priority takes the place before Olga.
    on(d(3, 7), lambda: y.anexo_iii("2026-06"))
    on(d(8, 7), lambda: y.report("Benito", "anexo-vi"))
    on(d(15, 7), lambda: y.control("Lucía", "positivo", after_outing=False))
    on(
        d(19, 7),
        lambda: y.stays.record_incident(
            y.admin, y.stay["Lucía"], d(19, 7), "Agresión a una compañera.", "grave"
        ),
    )
    on(
        d(20, 7),
        lambda: y.refused_discharge("Lucía", "disciplinaria", "cuatro criterios"),  # R-DIS-1
        lambda: y.discharge("Lucía", "disciplinaria", "Agresión", criterion="violencia"),
        lambda: y.refused_assign("Olga", d(22, 7), "Lucía", "prioridad de reingreso"),  # R-WL-4
        lambda: y.notice("Lucía"),
        lambda: y.assign("Marta", d(22, 7), vacated_by="Lucía"),
    )
    on(d(22, 7), lambda: y.admit("Marta"))
    on(d(28, 7), lambda: y.report("Lucía", "anexo-vi"), lambda: y.report("Gonzalo", "anexo-iv"))
    # August–October: Andrés's exceptional outing, August's Anexo III late, Diego planned.
    on(
        d(3, 8),
        lambda: y.anexo_iii("2026-07"),
        lambda: y.outing("Andrés", d(3, 8), d(8, 8), "excepcional"),
    )
    on(d(8, 8), lambda: y.control("Andrés"))
    on(d(20, 8), lambda: y.report("Marta", "anexo-iv"))
    on(d(1, 9), lambda: y.plan("Diego", d(18, 12), "Finaliza un curso de formación en diciembre."))
    on(d(8, 9), lambda: y.anexo_iii("2026-08"))
    on(d(10, 9), lambda: y.outing("Diego", d(10, 9), d(10, 10)))
    on(d(3, 10), lambda: y.anexo_iii("2026-09"))
    on(d(15, 10), lambda: y.report("Diego", "anexo-v"))
    on(d(20, 10), lambda: y.justify("Andrés"))
    # November–December: Diego announced and discharged; Hugo takes his place.
    on(d(2, 11), lambda: y.refer("Hugo"))
    on(d(3, 11), lambda: y.anexo_iii("2026-10"))
    on(
        d(3, 12),
        lambda: y.anexo_iii("2026-11"),
        lambda: y.notice("Diego"),
        lambda: y.assign("Hugo", d(18, 12), vacated_by="Diego"),
    )
    on(
        d(18, 12),
        lambda: y.discharge("Diego", "terapeutica", "Objetivos cumplidos"),
        lambda: y.admit("Hugo"),
    )
    on(d(22, 12), lambda: y.report("Diego", "anexo-vi"))
    return s


@dataclass(frozen=True)
class Expected:
    occupancy: tuple[int, int, int, int]  # occupied men, women; free men's, women's places
    pending: set[tuple[str, str, str, date]] = field(default_factory=set)


def row(rule_kind: tuple[str, str], who: str, due: date) -> tuple[str, str, str, date]:
    return (*rule_kind, who, due)


FULL = (4, 2, 0, 0)

# Worked by hand, at the end of each day (after its events).
CHECKPOINTS: dict[date, Expected] = {
    # Six assigned, none in yet: admission due on the planned dates (R-WL-5); assigned on
    # 06/01 for 12/01 or 19/01 = 6 or 13 days ahead (> 5), so no "no localizado" reminder.
    # No Anexo III for December 2025: nobody was in the vivienda. The six places are
    # reserved for them: none occupied, none free (as the waiting list counts them).
    d(10, 1): Expected(
        (0, 0, 0, 0),
        {row(ADMISSION, n, d(12, 1)) for n in ("Andrés", "Benito", "Lucía", "Marta")}
        | {row(ADMISSION, n, d(19, 1)) for n in ("Carlos", "Diego")},
    ),
    # Everyone in. Anexo IV: 12/01 + 30 = 11/02; 19/01 + 30 = 18/02, listed 15 days ahead,
    # from 27/01 and 03/02: nothing yet (with the 30-day horizon of before, all six were).
    d(20, 1): Expected(FULL, set()),
    # 27/01 + 15 = 11/02: the four admitted on 12/01 appear; Carlos's and Diego's not yet.
    d(27, 1): Expected(
        FULL, {row(IV, n, d(11, 2)) for n in ("Andrés", "Benito", "Lucía", "Marta")}
    ),
    # January is over: its Anexo III is due on 05/02, listed from the 1st (4 days ahead).
    d(1, 2): Expected(
        FULL,
        {row(IV, n, d(11, 2)) for n in ("Andrés", "Benito", "Lucía", "Marta")}
        | {row(III, "2026-01", d(5, 2))},
    ),
    # Anexo III of January made today; 03/02 + 15 = 18/02: Carlos's and Diego's appear.
    d(3, 2): Expected(
        FULL,
        {row(IV, n, d(11, 2)) for n in ("Andrés", "Benito", "Lucía", "Marta")}
        | {row(IV, n, d(18, 2)) for n in ("Carlos", "Diego")},
    ),
    # Anexo III of January made 03/02, Anexos IV 11/02 and 18/02; Diego's (due 18/02) is late.
    d(19, 2): Expected(FULL, {row(IV, "Diego", d(18, 2))}),
    # Carlos's voluntary discharge: Anexo VI 16/03 + 10 = 26/03, to the office too; the
    # notice is due at once (16/03). Ernesto assigned at once for 18/03: admission due
    # min(18/03, 16/03 + 5 = 21/03) = 18/03; "no localizado" 16/03 + 2 = 18/03.
    # Carlos's place is reserved for Ernesto: not free.
    d(16, 3): Expected(
        (3, 2, 0, 0),
        {
            row(VI, "Carlos", d(26, 3)),
            row(NOTICE, "Carlos", d(16, 3)),
            row(ADMISSION, "Ernesto", d(18, 3)),
            row(NOT_LOCATED, "Ernesto", d(18, 3)),
        },
    ),
    # Notice sent 17/03. 19/03 > 18/03: Ernesto loses his turn; Fermín assigned 19/03 for
    # max(18/03, 19/03 + 1) = 20/03: admission min(20/03, 21/03) = 20/03; 19/03 + 2 = 21/03.
    d(19, 3): Expected(
        (3, 2, 0, 0),  # the place passes to Fermín, still reserved
        {
            row(VI, "Carlos", d(26, 3)),
            row(ADMISSION, "Fermín", d(20, 3)),
            row(NOT_LOCATED, "Fermín", d(21, 3)),
        },
    ),
    # Fermín in since 20/03: Anexo IV 20/03 + 30 = 19/04. Benito planned for 30/06 today:
    # Anexo V 30/06 − 2 months = 30/04. Both beyond 01/04 + 15 = 16/04, so not yet (the
    # 30-day horizon of before listed them). March is over: Anexo III due 05/04.
    d(1, 4): Expected(FULL, {row(III, "2026-03", d(5, 4))}),
    # 15/04 + 15 = 30/04: Fermín's Anexo IV (since 04/04) and Benito's Anexo V (since today).
    d(15, 4): Expected(FULL, {row(IV, "Fermín", d(19, 4)), row(V, "Benito", d(30, 4))}),
    # Marta's derived discharge, noticed at once: Anexo VI 04/05 + 10 = 14/05. Nuria assigned
    # at once for 06/05: admission min(06/05, 09/05) = 06/05, "no localizado" 06/05.
    # Marta's place is reserved for Nuria.
    d(4, 5): Expected(
        (4, 1, 0, 0),
        {
            row(VI, "Marta", d(14, 5)),
            row(ADMISSION, "Nuria", d(6, 5)),
            row(NOT_LOCATED, "Nuria", d(6, 5)),
        },
    ),
    # Nuria in since 06/05: Anexo IV 05/06. Benito: notice 30/06 − 15 = 15/06 (≤ 01/06 + 15);
    # discharge within 30 days with 7 (28/03–04/04) + 10 (01/05–11/05) + 0 (01/06–14/06 has
    # just begun) = 17 < 30 ordinary outing days taken: R-STAY-1, due 30/06. May's Anexo III
    # due 05/06.
    d(1, 6): Expected(
        FULL,
        {
            row(III, "2026-05", d(5, 6)),
            row(IV, "Nuria", d(5, 6)),
            row(NOTICE, "Benito", d(15, 6)),
            row(FEW_OUTINGS, "Benito", d(30, 6)),
        },
    ),
    # Benito announced: notice settled; 7 + 10 + 13 = 30 outing days taken, R-STAY-1 met.
    # Gonzalo assigned his place ahead for 30/06 (15 days ahead: no "no localizado").
    d(15, 6): Expected(FULL, {row(ADMISSION, "Gonzalo", d(30, 6))}),
    # Benito's therapeutic discharge: Anexo VI 30/06 + 10 = 10/07 (centre only; notice given
    # on 15/06). Gonzalo in: Anexo IV 30/06 + 30 = 30/07, listed from 15/07 (was listed).
    d(30, 6): Expected(FULL, {row(VI, "Benito", d(10, 7))}),
    # Lucía's disciplinary discharge, noticed at once: Anexo VI 30/07. Marta (priority until
    # 04/05 + 4 months = 04/09) takes the place before Olga (received 01/06, Marta 15/06):
    # admission min(22/07, 25/07) = 22/07, "no localizado" 20/07 + 2 = 22/07. Lucía's place
    # is reserved for Marta.
    d(20, 7): Expected(
        (4, 1, 0, 0),
        {
            row(VI, "Lucía", d(30, 7)),
            row(ADMISSION, "Marta", d(22, 7)),
            row(NOT_LOCATED, "Marta", d(22, 7)),
            row(IV, "Gonzalo", d(30, 7)),
        },
    ),
    # Marta back since 22/07; her Anexo IV of this stay made 20/08 (the February one was of
    # the first stay). August's Anexo III, due 05/09, is late. Diego planned for 18/12 on
    # 01/09 with the justification (18/12 > 19/10, his 9 months): Anexo V 18/10 not yet in
    # range (listed from 03/10).
    d(7, 9): Expected(FULL, {row(III, "2026-08", d(5, 9))}),
    # R-STAY-2, Andrés: 12/01 + 9 months = 12/10, no justification and no planned discharge.
    # Listed 15 days ahead, from 27/09 (until issue 9: from 13/10, already overdue).
    d(26, 9): Expected(FULL, set()),
    d(27, 9): Expected(FULL, {row(NINE_MONTHS, "Andrés", d(12, 10))}),
    # Passed on 13/10, still without justification: overdue (red). Diego: Anexo V 18/10.
    d(13, 10): Expected(FULL, {row(NINE_MONTHS, "Andrés", d(12, 10)), row(V, "Diego", d(18, 10))}),
    # Anexo V made 15/10, justification written 20/10: nothing pending.
    d(20, 10): Expected(FULL, set()),
    # Diego's notice 18/12 − 15 = 03/12 (≤ 20/11 + 30 = 20/12). R-STAY-1 met: 30 days taken
    # (10/09–10/10). Fermín: 20/03 + 9 months = 20/12, not passed yet.
    d(20, 11): Expected(FULL, {row(NOTICE, "Diego", d(3, 12))}),
    # Diego announced, Hugo assigned ahead for 18/12. Fermín: 20/03 + 9 months = 20/12,
    # listed from 05/12.
    d(3, 12): Expected(FULL, {row(ADMISSION, "Hugo", d(18, 12))}),
    d(5, 12): Expected(
        FULL, {row(ADMISSION, "Hugo", d(18, 12)), row(NINE_MONTHS, "Fermín", d(20, 12))}
    ),
    # Diego's therapeutic discharge: Anexo VI 28/12. Hugo in: Anexo IV 18/12 + 30 =
    # 17/01/2027, listed from 02/01/2027 (was listed). Fermín's R-STAY-2 is due in 2 days
    # (until issue 9 it was first listed on 21/12, already overdue).
    d(18, 12): Expected(FULL, {row(VI, "Diego", d(28, 12)), row(NINE_MONTHS, "Fermín", d(20, 12))}),
    # Fermín passed 9 months on 20/12 with no justification: overdue. Hugo's Anexo IV is
    # beyond 31/12 + 15 = 15/01/2027. December is not over: no Anexo III yet.
    d(31, 12): Expected(FULL, {row(NINE_MONTHS, "Fermín", d(20, 12))}),
}


def test_R_STAY_3_R_WL_5_R_STAY_2_a_simulated_year_of_one_vivienda(workspace, admin, clock):  # type: ignore[no-untyped-def]
    year = Year(workspace, admin)
    events = script(year)
    assert min(events) >= START and max(events) <= END
    assert len(CHECKPOINTS) >= 12
    day = START
    while day <= END:
        assert year.today == day
        for event in events.get(day, []):
            event()
        expected = CHECKPOINTS.get(day)
        if expected is not None:
            assert year.occupancy() == expected.occupancy, f"occupancy board on {day}"
            got = year.pending()
            assert got == expected.pending, (
                f"Pendientes on {day}: missing {expected.pending - got}, unexpected {got - expected.pending}"
            )
        check_extra(year, day)
        clock.advance(days=1)
        day += timedelta(days=1)
    # Eleven Anexos III made (January–November), each once.
    assert len(year.forms.list_lines(year.admin, "anexo-iii")) == 11


def check_extra(year: Year, day: date) -> None:
    """The waiting list (R-WL-1, R-WL-4) and the Anexo III figures on some of the days."""
    if day == d(15, 6):
        # Gonzalo in admission first; then Marta with her readmission priority, then Olga,
        # received before her (01/06 < 15/06) but without priority.
        listing = year.list.waiting_list()
        names = {ref: who for who, ref in year.referral.items()}
        assert [(r.position, names[r.referral_id], r.priority) for r in listing.rows] == [
            (None, "Gonzalo", False),
            (1, "Marta", True),
            (2, "Olga", False),
        ], "R-WL-4: the derived discharge re-entered within 4 months goes first"
        (places,) = listing.free_places
        # 4 men in + Gonzalo's reserved place = 5 men for 4 places; Benito leaving (announced).
        assert (places.free_men, places.free_women, places.leaving) == (0, 0, 1)
    if day == d(5, 4):
        # March: Benito out 28/03–04/04 → 4 days in March (28, 29, 30, 31); Carlos's voluntary
        # discharge: 16/03 − 19/01 = 12 + 28 + 16 = 56 days, no outings. Fermín in from 20/03.
        users, discharges = year.anexo_iii_rows("2026-03")
        assert users == {
            "Andrés": (0, 0), "Benito": (4, 0), "Carlos": (0, 0), "Diego": (0, 0),
            "Lucía": (0, 0), "Marta": (0, 0), "Fermín": (0, 0),
        }  # fmt: skip
        assert discharges == {"Carlos": ("voluntaria", 56, 0)}
        # April: the rest of the outing, 01/04–04/04 → 3 days.
        users, _ = year.anexo_iii_rows("2026-04")
        assert users["Benito"] == (3, 0)
    if day == d(1, 7):
        # June: Benito out 01/06–14/06 = 13 days; discharged 30/06 after 19 + 28 + 31 + 30 +
        # 31 + 30 = 169 days with 7 + 10 + 13 = 30 outing days; Gonzalo in on 30/06.
        users, discharges = year.anexo_iii_rows("2026-06")
        assert users["Benito"] == (13, 0) and users["Gonzalo"] == (0, 0)
        assert discharges == {"Benito": ("terapeutica", 169, 30)}
    if day == d(1, 9):
        # August: Andrés's exceptional outing 03/08–08/08 = 5 days, apart from the ordinary ones.
        users, _ = year.anexo_iii_rows("2026-08")
        assert users["Andrés"] == (0, 5)
        # July: Lucía's disciplinary discharge (12/01 → 20/07 = 19 + 28 + 31 + 30 + 31 + 30
        # + 20 = 189 days); Marta is in for the stay that began on 22/07, Olga is not.
        users, discharges = year.anexo_iii_rows("2026-07")
        assert discharges == {"Lucía": ("disciplinaria", 189, 0)}
        assert "Marta" in users and "Olga" not in users


def test_R_STAY_3_R_WL_5_the_discharge_notice_settles_the_reminder_and_frees_the_place_ahead(
    workspace, admin
):  # type: ignore[no-untyped-def]
    """Until the notice is recorded the place of a planned therapeutic discharge cannot be
    assigned; once recorded, the reminder goes and the next protocol takes the place."""
    year = Year(workspace, admin)
    year.refer("Benito")
    year.assign("Benito", d(1, 1))
    year.admit("Benito")
    year.plan("Benito", d(16, 1))
    # Notice due 16/01 − 15 = 01/01; Anexo V 16/01 − 2 months = 16/11/2025; R-STAY-1 few
    # outings 16/01. The Anexo IV (31/01) is listed from 16/01 (was listed: 30-day horizon).
    assert year.pending() == {
        row(NOTICE, "Benito", d(1, 1)),
        row(V, "Benito", d(16, 11, 2025)),
        row(FEW_OUTINGS, "Benito", d(16, 1)),
    }
    year.refer("Gonzalo")
    year.refused_assign("Gonzalo", d(16, 1), "Benito", "no está anunciada")
    year.notice("Benito")
    assert row(NOTICE, "Benito", d(1, 1)) not in year.pending()
    year.assign("Gonzalo", d(16, 1), vacated_by="Benito")
    assert row(ADMISSION, "Gonzalo", d(16, 1)) in year.pending()
