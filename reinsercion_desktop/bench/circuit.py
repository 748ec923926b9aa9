"""The circuit figures of `reinsercion bench`: refreshing the waiting list, the occupancy
board and Pendientes on an office-sized history, against the same rows read in raw SQL.

The demo does not make stays, so the data set is written here, straight into a fresh
workspace with bulk inserts (no unit of work, no audit: this is history being loaded,
not staff at work). At office scale: 100 viviendas (~700 places), 20,000 participants,
50,000 stays going back years, each with its admitted referral, ~1.4 outings and its
Anexos IV/V/VI, the monthly Anexos III, and a waiting list of ~1,700 protocols
(waiting, postponed, assigned) beside ~3,000 closed ones. Each figure is the median
and the 95th percentile of RUNS refreshes after one warm-up; the baseline is the same
rows fetched with plain sqlite3 in the same run (what any screen must at least pay).
"""

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

from sqlalchemy import insert

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.db.models import (
    FormInstance,
    Outing,
    Participant,
    Referral,
    ReferringCentre,
    Stay,
    new_id,
)
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.deadlines import (
    ANEXO_VI_DAYS,
    DEFAULT_LOOKBACK_DAYS,
    NEAR_DISCHARGE_DAYS,
    DeadlineKind,
    first_reported_month,
    listed_until,
    period_of,
)
from reinsercion_desktop.domain.enums import InstallationKind, ParticipantStatus, Role
from reinsercion_desktop.domain.identity import dni_letter
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.accounts import NewUser
from reinsercion_desktop.services.occupancy import occupancy_board
from reinsercion_desktop.services.pending import pending_items
from reinsercion_desktop.services.setup import InstallationSetup, ViviendaSetup, initialize
from reinsercion_desktop.services.waiting_list import WaitingListService
from reinsercion_desktop.services.workspace import Workspace

TODAY = date(2026, 11, 23)
RUNS = 20
# participants → (viviendas, stays): office scale is SPEC §10's 100 viviendas, 20,000
# participants and 50,000 stays; smaller scales keep the same proportions.
STAYS_PER_PARTICIPANT = 2.5
PARTICIPANTS_PER_VIVIENDA = 200
WAITING, POSTPONED, CLOSED_REFERRALS = 0.075, 0.0075, 0.15  # of the participants
DISCHARGE_TYPES = (
    ("terapeutica", 45),
    ("voluntaria", 25),
    ("disciplinaria", 15),
    ("derivada", 15),
)
CRITERIA = ("violencia", "drogas", "positivos_reiterados", "salida_sin_autorizacion")
SURNAMES = (
    "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
    "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
    "Romero", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Serrano", "Núñez",
)  # fmt: skip


def _at(day: date) -> datetime:
    return datetime.combine(day, day_time(10, 0), tzinfo=UTC)


class _Loader:
    """Rows for one table at a time, with the bookkeeping columns every record carries."""

    def __init__(self, workspace: Workspace, installation_id: str) -> None:
        self.db = workspace.db
        self.installation_id = installation_id

    def insert(self, model: type, rows: list[dict]) -> None:
        """One executemany per 5,000 rows; a key some rows lack takes the column's default."""
        stamp = _at(TODAY - timedelta(days=1))
        table = model.__table__  # type: ignore[attr-defined]
        keys = set().union(*rows)
        base = {
            column.name: column.default.arg
            if column.default is not None and column.default.is_scalar
            else None
            for column in table.c
            if column.name in keys
        } | {
            "created_at": stamp,
            "created_by": "carga",
            "updated_at": stamp,
            "updated_by": "carga",
            "version": 1,
            "installation_id": self.installation_id,
        }
        with self.db.engine.begin() as connection:
            for start in range(0, len(rows), 5000):
                batch = [base | row for row in rows[start : start + 5000]]
                connection.execute(insert(table), batch)


def build_circuit(
    workspace: Workspace, *, viviendas: int, participants: int, stays: int, seed: int = 1
) -> dict[str, int]:
    """Writes the data set described above into an empty workspace; returns its counts."""
    rng = random.Random(seed)
    setup = InstallationSetup(
        kind=InstallationKind.OFFICE,
        name="Oficina coordinadora (bench)",
        code="bench",
        admin=NewUser("admin", "Administración", Role.ADMIN, "secreta123"),
        province="Sevilla",
        viviendas=[
            ViviendaSetup(
                f"VAR {number:03d}",
                municipality="Sevilla",
                places_men=rng.choice((4, 5, 6)),
                places_women=rng.choice((0, 1, 2)),
                places_mixed=rng.choice((0, 0, 1, 2)),
            )
            for number in range(1, viviendas + 1)
        ],
    )
    admin = initialize(workspace.db, setup)
    load = _Loader(workspace, admin.installation_id)
    with workspace.db.read() as session:
        houses = list(queries.viviendas(session=session))

    centres = [{"id": new_id(), "kind": ("CTA", "CT", "EAIIPP", "CTA")[n % 4],
                "name": f"Centro derivador {n:02d}", "province": "Sevilla"}
               for n in range(40)]  # fmt: skip
    load.insert(ReferringCentre, centres)
    centre_ids = [c["id"] for c in centres]

    people = []
    for n in range(participants):
        sex = "H" if rng.random() < 0.8 else "M"
        number = 20_000_000 + n
        people.append(
            {
                "id": new_id(),
                "first_name": f"Nombre{n}",
                "surname1": rng.choice(SURNAMES),
                "surname2": rng.choice(SURNAMES),
                "birth_date": date(1960, 1, 1) + timedelta(days=rng.randrange(15_000)),
                "sex": sex,
                "id_number": f"{number}{dni_letter(number)}",
                "codapel": f"B{n:07d}{sex}",
                "referring_centre_id": rng.choice(centre_ids),
                # 1 % lack their case manager: Pendientes lists them as incomplete files.
                "case_manager_id": admin.user_id if rng.random() < 0.99 else None,
                "status": ParticipantStatus.DISCHARGED.value,
            }
        )
    pool = {sex: [p for p in people if p["sex"] == sex] for sex in ("H", "M")}
    free_pool = {sex: rng.sample(group, len(group)) for sex, group in pool.items()}

    places = [
        (house.id, sex)
        for house in houses
        for sex in ["H"] * house.places_men
        + ["M"] * house.places_women
        + ["H" if rng.random() < 0.7 else "M" for _ in range(house.places_mixed)]
    ]
    stay_rows, referral_rows, outing_rows, form_rows = [], [], [], []
    free_places: list[str] = []
    per_place, extra = divmod(stays, len(places))
    for index, (house_id, sex) in enumerate(places):
        count = per_place + (index < extra)
        end: date | None = None  # the next stay's admission, going back in time
        for position in range(count):
            if position == 0 and rng.random() < 0.93:  # the current resident
                person = free_pool[sex].pop()
                person["status"] = ParticipantStatus.RESIDENT.value
                person["vivienda_id"] = house_id
                admission, discharge = TODAY - timedelta(days=rng.randint(1, 260)), None
            else:
                if position == 0:
                    discharge = TODAY - timedelta(days=rng.randint(0, 40))
                    free_places.append(house_id)
                else:
                    assert end is not None
                    discharge = end - timedelta(days=rng.randint(0, 10))
                admission = discharge - timedelta(days=rng.randint(10, 270))
                person = rng.choice(pool[sex])
            end = admission
            stay_rows.append(
                _stay(rng, person["id"], house_id, admission, discharge, referral_rows, centre_ids)
            )
            _outings_and_forms(rng, stay_rows[-1], person["id"], outing_rows, form_rows)

    for house in houses:  # the monthly Anexo III of the last three years (the latest may wait)
        month = add_months(TODAY.replace(day=1), -36)
        while month < TODAY.replace(day=1):
            latest = add_months(month, 1) >= TODAY.replace(day=1)
            if not latest or rng.random() < 0.7:
                form_rows.append({"id": new_id(), "form_id": "anexo-iii", "definition_version": 1,
                                  "vivienda_id": house.id, "period": period_of(month),
                                  "created_at": _at(add_months(month, 1) + timedelta(days=2))})  # fmt: skip
            month = add_months(month, 1)

    waiting_rows = _waiting_list(rng, free_pool, free_places, centre_ids, participants)
    load.insert(Participant, people)
    load.insert(Referral, referral_rows + waiting_rows)
    load.insert(Stay, stay_rows)
    load.insert(Outing, outing_rows)
    load.insert(FormInstance, form_rows)
    return {
        "viviendas": len(houses),
        "places": len(places),
        "participants": len(people),
        "stays": len(stay_rows),
        "open_stays": sum(1 for s in stay_rows if s["discharge_date"] is None),
        "outings": len(outing_rows),
        "forms": len(form_rows),
        "referrals": len(referral_rows) + len(waiting_rows),
        "in_list": sum(
            1 for r in waiting_rows if r["status"] in ("waiting", "postponed", "assigned")
        ),
    }


def _stay(
    rng: random.Random,
    person_id: str,
    house_id: str,
    admission: date,
    discharge: date | None,
    referral_rows: list[dict],
    centre_ids: list[str],
) -> dict:
    protocol = admission - timedelta(days=rng.randint(20, 120))
    referral = {
        "id": new_id(),
        "participant_id": person_id,
        "referring_centre_id": rng.choice(centre_ids),
        "protocol_date": protocol,
        "received_date": protocol + timedelta(days=rng.randint(0, 10)),
        "included_date": protocol + timedelta(days=rng.randint(10, 15)),
        "status": "admitted",
        "voluntary": True,
        "vivienda_id": house_id,
        "assigned_date": admission - timedelta(days=rng.randint(1, 10)),
        "planned_admission_date": admission,
    }
    referral_rows.append(referral)
    stay: dict = {
        "id": new_id(),
        "participant_id": person_id,
        "referral_id": referral["id"],
        "vivienda_id": house_id,
        "admission_date": admission,
        "discharge_date": discharge,
        "prison": rng.random() < 0.1,
        "programme": "ptm" if rng.random() < 0.2 else "libre_drogas",
    }
    nine_months = add_months(admission, 9)
    if discharge is None:
        if rng.random() < 0.4:
            planned = admission + timedelta(days=rng.randint(120, 300))
            if planned > TODAY:
                stay["planned_discharge_date"] = planned
                if (planned - TODAY).days <= 15 and rng.random() < 0.5:
                    stay["discharge_notice_date"] = planned - timedelta(days=15)
        long = max(TODAY, stay.get("planned_discharge_date") or TODAY) > nine_months
        if long and rng.random() < 0.7:
            stay["over_9_months_justification"] = "Coordinado con el CTA."
        return stay
    kind = rng.choices([k for k, _ in DISCHARGE_TYPES], [w for _, w in DISCHARGE_TYPES])[0]
    stay.update(
        discharge_type=kind,
        discharge_reason="Alta",
        disciplinary_criterion=rng.choice(CRITERIA) if kind == "disciplinaria" else "",
        over_9_months_justification="Coordinado con el CTA." if discharge > nine_months else "",
    )
    if kind == "terapeutica":
        stay["planned_discharge_date"] = discharge
    if rng.random() < 0.9:
        stay["discharge_notice_date"] = (
            discharge - timedelta(days=15) if kind == "terapeutica" else discharge
        )
    return stay


def _outings_and_forms(
    rng: random.Random, stay: dict, person_id: str, outing_rows: list, form_rows: list
) -> None:
    admission, discharge = stay["admission_date"], stay["discharge_date"]
    last = discharge or stay.get("planned_discharge_date") or TODAY + timedelta(days=60)
    start = admission + timedelta(days=20)
    for _ in range(rng.randint(0, 3)):
        start += timedelta(days=rng.randint(0, 30))
        end = start + timedelta(days=rng.randint(2, 10))
        if end > last:
            break
        outing_rows.append({"id": new_id(), "stay_id": stay["id"], "start_date": start,
                            "end_date": end, "purpose": "Visita familiar",
                            "kind": "excepcional" if rng.random() < 0.1 else "ordinaria"})  # fmt: skip
        start = end

    def form(form_id: str, made: date, chance: float) -> None:
        if made <= TODAY and rng.random() < chance:
            form_rows.append({"id": new_id(), "form_id": form_id, "definition_version": 1,
                              "participant_id": person_id, "status": "final",
                              "created_at": _at(made)})  # fmt: skip

    form("anexo-iv", admission + timedelta(days=rng.randint(25, 40)), 0.85)
    if discharge is not None and discharge - admission >= timedelta(days=30):
        if stay.get("discharge_type") == "terapeutica":
            form("anexo-v", add_months(discharge, -2), 0.8)
        form("anexo-vi", discharge + timedelta(days=rng.randint(1, 15)), 0.9)
    elif stay.get("planned_discharge_date"):
        form("anexo-v", add_months(stay["planned_discharge_date"], -2), 0.7)


def _waiting_list(
    rng: random.Random,
    free_pool: dict[str, list[dict]],
    free_places: list[str],
    centre_ids: list[str],
    participants: int,
) -> list[dict]:
    """Protocols in the list (waiting, postponed, assigned to the free places) and closed ones."""
    rows = []

    def protocol(person: dict, status: str, **fields: object) -> None:
        received = TODAY - timedelta(days=rng.randint(1, 400))
        person["status"] = ParticipantStatus.WAITING.value
        rows.append({"id": new_id(), "participant_id": person["id"],
                     "referring_centre_id": rng.choice(centre_ids), "voluntary": True,
                     "protocol_date": received - timedelta(days=rng.randint(0, 10)),
                     "received_date": received, "included_date": received,
                     "prison": rng.random() < 0.1, "status": status} | fields)  # fmt: skip

    def someone() -> dict:
        return free_pool["H" if rng.random() < 0.8 or not free_pool["M"] else "M"].pop()

    for house_id in free_places:
        assigned = TODAY - timedelta(days=rng.randint(0, 4))
        protocol(someone(), "assigned", vivienda_id=house_id, assigned_date=assigned,
                 planned_admission_date=assigned + timedelta(days=rng.randint(1, 5)))  # fmt: skip
    for _ in range(int(participants * WAITING)):
        protocol(someone(), "waiting")
    for _ in range(int(participants * POSTPONED)):
        protocol(someone(), "postponed", postponed_reason="familiar",
                 postponed_until=TODAY + timedelta(days=rng.randint(1, 60)))  # fmt: skip
    for _ in range(int(participants * CLOSED_REFERRALS)):
        status = rng.choice(("resigned", "not_located", "withdrawn"))
        protocol(someone(), status, closed_date=TODAY - timedelta(days=rng.randint(1, 900)))
    return rows


# -- baselines: the same rows in plain sqlite3 ---------------------------------------------------

_WAITING_LIST_SQL = (
    "SELECT r.*, p.codapel, p.sex, c.name FROM referral r"
    " JOIN participant p ON p.id = r.participant_id"
    " LEFT JOIN referring_centre c ON c.id = r.referring_centre_id"
    " WHERE r.status IN ('waiting', 'postponed', 'assigned')",
    "SELECT s.id, s.vivienda_id, p.sex, s.prison, s.discharge_notice_date,"
    " s.planned_discharge_date FROM stay s JOIN participant p ON p.id = s.participant_id"
    " WHERE s.discharge_date IS NULL",
    "SELECT * FROM vivienda ORDER BY name",
)
_OCCUPYING = "+s.admission_date <= :day AND (s.discharge_date IS NULL OR s.discharge_date > :day)"
_OCCUPANCY_SQL = (
    "SELECT * FROM vivienda ORDER BY name",
    "SELECT s.id, s.vivienda_id, s.participant_id, p.codapel, p.sex, s.admission_date,"
    " s.planned_discharge_date, s.prison FROM stay s JOIN participant p"
    f" ON p.id = s.participant_id WHERE {_OCCUPYING} ORDER BY +s.admission_date",
    "SELECT o.stay_id, o.start_date, o.end_date, o.kind FROM outing o"
    f" JOIN stay s ON s.id = o.stay_id WHERE {_OCCUPYING}",
)
# What `services/pending.py` reads (`db/pending_queries.py`), in plain SQL: the names once,
# then one query per kind of record, bounded by what the list shows today.
_PENDING_SQL = (
    "SELECT id, first_name, surname1, codapel, archived_at IS NOT NULL,"
    " case_manager_id IS NULL, referring_centre_id IS NULL, id_number = '' FROM participant",
    "SELECT adaptation_days FROM installation WHERE is_local = 1",
    "SELECT id, participant_id, vivienda_id, admission_date, planned_discharge_date,"
    " discharge_date, discharge_type, discharge_notice_date, over_9_months_justification"
    " FROM stay WHERE discharge_date IS NULL OR discharge_date >= :since",
    "SELECT f.participant_id, f.form_id, max(f.created_at) FROM form_instance f"
    " WHERE +f.form_id IN ('anexo-iv', 'anexo-v', 'anexo-vi') AND f.participant_id IN"
    " (SELECT participant_id FROM stay WHERE discharge_date IS NULL OR discharge_date >= :since)"
    " GROUP BY f.participant_id, f.form_id",
    "SELECT o.stay_id, o.start_date, o.end_date, o.kind FROM outing o"
    " JOIN stay s ON s.id = o.stay_id WHERE s.discharge_date IS NULL"
    " AND s.planned_discharge_date >= :day AND s.planned_discharge_date <= :near",
    "SELECT r.id, r.participant_id, r.assigned_date, r.planned_admission_date,"
    " coalesce(r.vivienda_id, ''), coalesce(v.name, '') FROM referral r"
    " LEFT JOIN vivienda v ON v.id = r.vivienda_id WHERE r.status = 'assigned'",
    "SELECT id, name, valid_from, valid_to FROM vivienda ORDER BY name",
    "SELECT vivienda_id, period FROM form_instance WHERE form_id = 'anexo-iii'"
    " AND period >= :period AND vivienda_id IS NOT NULL",
    "SELECT count(*) FROM interview WHERE next_appointment_date BETWEEN :earliest AND :week",
    "SELECT participant_id, on_date, next_appointment_date, next_appointment_time, made"
    " FROM (SELECT participant_id, on_date, next_appointment_date, next_appointment_time,"
    " coalesce(created_at, '') AS made, max(on_date || coalesce(created_at, ''))"
    " FROM interview GROUP BY participant_id)"
    " WHERE next_appointment_date BETWEEN :earliest AND :week",
    "SELECT o.id, o.participant_id, o.title, o.deadline, o.status FROM plan_objective o"
    " WHERE +o.status IN ('en_curso', 'pendiente') AND +o.deadline <= :fortnight"
    " AND o.plan_id NOT IN (SELECT id FROM reintegration_plan WHERE status = 'cerrado')",
    "SELECT id, participant_id, status, current_version, next_review_date"
    " FROM reintegration_plan WHERE status != 'cerrado' AND next_review_date <= :fortnight",
    "SELECT c.id, c.participant_id, c.on_date, c.tasks FROM case_conference c"
    " WHERE CASE WHEN json_valid(c.tasks) THEN EXISTS (SELECT 1 FROM json_each(c.tasks) t"
    " WHERE coalesce(json_extract(t.value, '$.done'), '') = '') ELSE 0 END",
    "SELECT e.id, e.participant_id, e.employer, e.start_date,"
    " (SELECT max(f.on_date) FROM job_follow_up f WHERE f.placement_id = e.id)"
    " FROM employment_placement e WHERE e.end_date IS NULL",
)


def _raw(  # type: ignore[no-untyped-def]
    connection, statements: tuple[str, ...], values: dict[str, str]
) -> Callable[[], int]:
    def read() -> int:
        return sum(len(connection.execute(sql, values).fetchall()) for sql in statements)

    return read


def _timed(function: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """(median, 95th percentile) in seconds, after one warm-up run."""
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), statistics.quantiles(times, n=20, method="inclusive")[-1]


def circuit_figures(participants: int, *, progress: Callable[[str], None] = print) -> dict:
    """The three refresh times and their baselines (seconds), and the data set's counts."""
    viviendas = max(1, participants // PARTICIPANTS_PER_VIVIENDA)
    stays = int(participants * STAYS_PER_PARTICIPANT)
    with tempfile.TemporaryDirectory(prefix="reinsercion-bench-circuit-") as scratch:
        clock = FakeClock(datetime.combine(TODAY, day_time(9, 0), tzinfo=UTC))
        workspace = Workspace.open(Path(scratch) / "datos", DataKeys.generate(), clock=clock)
        try:
            progress(
                f"Cargando {viviendas} viviendas, {participants} participantes, {stays} estancias…"
            )
            started = time.perf_counter()
            counts = build_circuit(
                workspace, viviendas=viviendas, participants=participants, stays=stays
            )
            counts["load_seconds"] = time.perf_counter() - started
            since = min(
                TODAY - timedelta(days=DEFAULT_LOOKBACK_DAYS + ANEXO_VI_DAYS),
                first_reported_month(TODAY, DEFAULT_LOOKBACK_DAYS),
            )
            until = listed_until(TODAY)
            values = {
                "day": TODAY.isoformat(),
                "since": since.isoformat(),
                "near": (TODAY + timedelta(days=NEAR_DISCHARGE_DAYS)).isoformat(),
                "period": period_of(since),
                "earliest": (TODAY - timedelta(days=DEFAULT_LOOKBACK_DAYS)).isoformat(),
                "week": until[DeadlineKind.APPOINTMENT].isoformat(),
                "fortnight": until[DeadlineKind.OBJECTIVE_DEADLINE].isoformat(),
            }
            raw = connect(workspace.paths.database, workspace.keys.sqlcipher)
            waiting_list = WaitingListService(workspace.db)
            figures = {"counts": counts}
            for name, service, sql in (
                ("waiting_list", waiting_list.waiting_list, _WAITING_LIST_SQL),
                ("occupancy", lambda: occupancy_board(workspace.db), _OCCUPANCY_SQL),
                ("pending", lambda: pending_items(workspace.db), _PENDING_SQL),
            ):
                figures[name] = _timed(service)
                figures[f"{name}_bare"] = _timed(_raw(raw, sql, values))
            raw.close()
            counts["listed"] = len(waiting_list.waiting_list().rows)
            counts["pending"] = len(pending_items(workspace.db))
            return figures
        finally:
            workspace.close()
