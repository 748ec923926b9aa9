"""The case-management figures of `reinsercion bench`: Pendientes with case deadlines, the
busiest case manager's caseload and one person's timeline, at office scale.

Pendientes is timed as a person waits for it: the service's read and the dock showing
the items, painted, in a window process of its own (`bench/window.py --pending`),
beside the read alone; with the lead times of each kind, and with every kind listed 30
days ahead (the list of before issue 9: 46,000 items on this set at office scale).

The circuit's data set of `bench_circuit` (20,000 participants, 50,000 stays) gets, through
the audited bulk writer (`db/bulk.py`): ~130 case managers (about 150 files each, some
busier), one plan per person with 3 objectives, 5 interviews per person with their notes
(100,000 at office scale; see NOTES_PER_PARTICIPANT), a case conference for a third of
the people, placements for 15 % with monthly job follow-ups. Each figure is the median and 95th percentile of RUNS
runs after a warm-up, beside a baseline measured in the same run.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

from reinsercion_desktop.bench.circuit import (
    PARTICIPANTS_PER_VIVIENDA,
    STAYS_PER_PARTICIPANT,
    TODAY,
    _timed,
    build_circuit,
)
from reinsercion_desktop.bench.runner import BENCH_KEY, Row
from reinsercion_desktop.db import case_queries
from reinsercion_desktop.db.bulk import bulk_create
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.db.models import (
    CaseConference,
    EmploymentPlacement,
    Interview,
    JobFollowUp,
    PlanObjective,
    ReintegrationPlan,
    UserAccount,
    new_id,
)
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.caseload import busiest_case_manager, caseload
from reinsercion_desktop.services.pending import pending_items
from reinsercion_desktop.services.timeline import timeline_of
from reinsercion_desktop.services.workspace import Workspace

# SPEC §10's 500,000 notes took 85 s to bulk-load here (over the 60 s allowed for the
# set-up), so the bench loads 100,000: 5 per participant.
NOTES_PER_PARTICIPANT = 5
FILES_PER_MANAGER = 150
NOTE = (
    "Entrevista de seguimiento: revisamos los objetivos del plan, la búsqueda de empleo y la "
    "relación con la familia. Mantiene la abstinencia; acordamos la próxima cita."
)
AREAS = ("sanitaria", "formativo_laboral", "legal", "familiar", "relaciones_sociales")


def _load_case_rows(workspace: Workspace, rng: random.Random, notes: int) -> dict[str, int]:
    """Case managers, plans, objectives, interviews, conferences, placements, follow-ups."""
    db = workspace.db
    with db.read() as session:
        connection = session.connection().connection.driver_connection  # type: ignore[union-attr]
        people = [row[0] for row in connection.execute("SELECT id FROM participant").fetchall()]
        admin_id, installation = connection.execute(
            "SELECT id, installation_id FROM user_account WHERE login = 'admin'"
        ).fetchone()
    actor = issue_actor(admin_id, "admin", "Administración", Role.ADMIN, installation)
    at = datetime.combine(TODAY - timedelta(days=1), day_time(10), tzinfo=UTC)
    managers = [
        {"id": new_id(), "login": f"gestor{n:03d}", "full_name": f"Gestor/a {n:03d}",
         "role": "tecnico", "password_hash": "!"}
        for n in range(max(1, len(people) // FILES_PER_MANAGER))
    ]  # fmt: skip
    weights = [3 if n < 3 else 1 for n in range(len(managers))]  # a few busier ones
    owner = {person: rng.choices(managers, weights)[0]["id"] for person in people}
    plans, objectives, interviews, conferences, placements, follow_ups = [], [], [], [], [], []
    for person in people:
        start = TODAY - timedelta(days=rng.randint(30, 700))
        status = rng.choices(("vigente", "borrador", "cerrado"), (70, 15, 15))[0]
        plan_id = new_id()
        plans.append({"id": plan_id, "participant_id": person, "start_date": start,
                      "status": status, "current_version": rng.randint(1, 4),
                      "next_review_date": TODAY + timedelta(days=rng.randint(-60, 120))})  # fmt: skip
        for position in range(3):
            objectives.append({"id": new_id(), "plan_id": plan_id, "participant_id": person,
                               "area": rng.choice(AREAS), "title": f"Objetivo {position + 1}",
                               "deadline": TODAY + timedelta(days=rng.randint(-120, 240)),
                               "status": rng.choices(("pendiente", "en_curso", "conseguido"),
                                                     (40, 40, 20))[0],
                               "position": position})  # fmt: skip
        if rng.random() < 0.33:
            tasks = [{"task": "Coordinar con el SAE", "owner": "Lucía",
                      "due": (TODAY + timedelta(days=rng.randint(-30, 60))).isoformat(),
                      "done": "" if rng.random() < 0.5 else TODAY.isoformat()}]  # fmt: skip
            conferences.append({"id": new_id(), "participant_id": person, "topic": "Empleo",
                                "on_date": TODAY - timedelta(days=rng.randint(0, 200)),
                                "tasks": json.dumps(tasks)})  # fmt: skip
        if rng.random() < 0.15:
            job_id, job_start = new_id(), TODAY - timedelta(days=rng.randint(10, 400))
            placements.append({"id": job_id, "participant_id": person, "employer": "Empresa",
                               "contract_type": "temporal", "start_date": job_start,
                               "end_date": None if rng.random() < 0.5 else TODAY})  # fmt: skip
            for k in range(rng.randint(0, 3)):
                follow_ups.append({"id": new_id(), "placement_id": job_id, "participant_id": person,
                                   "on_date": job_start + timedelta(days=30 * (k + 1))})  # fmt: skip
    per_person, extra = divmod(notes, len(people))
    for index, person in enumerate(people):
        day = TODAY - timedelta(days=rng.randint(0, 20))
        for _ in range(per_person + (index < extra)):
            interviews.append({"id": new_id(), "participant_id": person, "on_date": day,
                               "notes": NOTE, "staff_name": "Ana",
                               "next_appointment_date": day + timedelta(days=rng.randint(7, 28)),
                               "next_appointment_time": "10:30"})  # fmt: skip
            day -= timedelta(days=rng.randint(14, 35))
    with db.unit_of_work(actor) as work:
        session = work.session
        for model, rows in (
            (UserAccount, managers),
            (ReintegrationPlan, plans),
            (PlanObjective, objectives),
            (Interview, interviews),
            (CaseConference, conferences),
            (EmploymentPlacement, placements),
            (JobFollowUp, follow_ups),
        ):
            owners = [row.get("participant_id", "") for row in rows]
            bulk_create(session=session, model=model, rows=rows, owners=owners, actor=actor, at=at)
        # History being loaded, not staff at work: the case managers are set in place.
        session.connection().connection.driver_connection.executemany(  # type: ignore[union-attr]
            "UPDATE participant SET case_manager_id = ? WHERE id = ?",
            [(manager, person) for person, manager in owner.items()],
        )
    return {"managers": len(managers), "plans": len(plans), "objectives": len(objectives),
            "interviews": len(interviews), "conferences": len(conferences),
            "placements": len(placements), "follow_ups": len(follow_ups)}  # fmt: skip


def _raw_timeline(path: Path, cipher_key: str, participant_id: str) -> Callable[[], int]:
    connection = connect(path, cipher_key)

    def read() -> int:
        return sum(
            len(connection.execute(sql, (participant_id,)).fetchall())
            for sql in case_queries.TIMELINE_SQL.values()
        )

    return read


def _pending_in_window(data_dir: Path, keys: DataKeys) -> dict:
    """`bench/window.py --pending` on the data set: Pendientes read and shown, and read."""
    completed = subprocess.run(
        [
            sys.executable, "-m", "reinsercion_desktop.bench.window", "--pending",
            "--data-dir", str(data_dir), "--today", TODAY.isoformat(),
        ],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", BENCH_KEY: keys.master.hex()},
        capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    return json.loads(completed.stdout.strip().splitlines()[-1])


def case_figures(participants: int, *, progress: Callable[[str], None] = print) -> dict:
    """Timings (seconds) of Pendientes, the caseload and a timeline, and the data set's counts."""
    viviendas = max(1, participants // PARTICIPANTS_PER_VIVIENDA)
    stays = int(participants * STAYS_PER_PARTICIPANT)
    notes = participants * NOTES_PER_PARTICIPANT
    rng = random.Random(5)
    with tempfile.TemporaryDirectory(prefix="reinsercion-bench-case-") as scratch:
        clock = FakeClock(datetime.combine(TODAY, day_time(9, 0), tzinfo=UTC))
        workspace = Workspace.open(Path(scratch) / "datos", DataKeys.generate(), clock=clock)
        try:
            progress(f"Cargando el circuito y {notes} notas de entrevista…")
            build_circuit(workspace, viviendas=viviendas, participants=participants, stays=stays)
            started = time.perf_counter()
            counts = _load_case_rows(workspace, rng, notes)
            counts["load_seconds"] = time.perf_counter() - started
            db = workspace.db
            manager = busiest_case_manager(db)
            assert manager is not None
            person = caseload(db, manager, TODAY)[0].participant_id
            figures: dict = {"counts": counts}
            figures["pending"] = _pending_in_window(workspace.paths.root, workspace.keys)
            figures["caseload"] = _timed(lambda: caseload(db, manager, TODAY))
            figures["timeline"] = _timed(lambda: timeline_of(db, person, TODAY))
            figures["timeline_bare"] = _timed(
                _raw_timeline(workspace.paths.database, workspace.keys.sqlcipher, person)
            )
            counts["caseload_rows"] = len(caseload(db, manager, TODAY))
            counts["pending"] = len(pending_items(db, TODAY))
            counts["pending_30_days"] = figures["pending"]["items_30_days"]
            return figures
        finally:
            workspace.close()


def case_rows(participants: int) -> list[Row]:
    """The rows `reinsercion bench` prints for case management."""
    figures = case_figures(participants)
    counts = figures["counts"]
    pending = figures["pending"]
    (shown, shown_p95), (read, read_p95) = pending["shown"], pending["read"]
    (wide, _), (wide_read, _) = pending["shown_30_days"], pending["read_30_days"]
    ms = 1000
    rows = [
        Row(f"Pendientes con seguimiento de casos ({counts['pending']} elementos, mediana)", shown * ms, "ms", 500,
            read * ms, "solo leer, sin mostrar"),
        Row("  Pendientes con seguimiento de casos (p95)", shown_p95 * ms, "ms", 750,
            read_p95 * ms, "solo leer, sin mostrar"),
        Row(f"  todo a 30 días vista ({counts['pending_30_days']} elementos, mediana)",
            wide * ms, "ms", 500, wide_read * ms, "solo leer, sin mostrar"),
        Row(f"cartera del gestor/a más cargado/a ({counts['caseload_rows']} personas)",
            figures["caseload"][0] * ms, "ms", 500),
        Row("línea de tiempo de una persona (mediana)", figures["timeline"][0] * ms, "ms", 200,
            figures["timeline_bare"][0] * ms, "mismas filas, SQL crudo"),
    ]  # fmt: skip
    print(
        f"\nSeguimiento de casos: {counts['managers']} gestores/as, {counts['plans']} planes, "
        f"{counts['objectives']} objetivos, {counts['interviews']} entrevistas con notas, "
        f"{counts['conferences']} mesas de casos, {counts['placements']} inserciones, "
        f"{counts['follow_ups']} seguimientos laborales, {counts['pending']} pendientes "
        f"({counts['pending_30_days']} todo a 30 días vista); "
        f"cargados en {counts['load_seconds']:.1f} s."
    )
    return rows
