"""The window half of `reinsercion bench`, run in its own process on a prepared data folder.

Prints one JSON line: keystroke and open-file timings, their plain-Python baselines,
and the process's peak memory; or, with `--pending`, the time a person waits for
Pendientes on the case-management stress set (the service's read and the dock showing
it), beside the read alone.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

QUERIES = ("garcia", "nunez", "maria lopez", "1234", "ROMO", "alvarez soto", "jose")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def _editor_timings(app, window, participant_ids):  # type: ignore[no-untyped-def]
    """Open a new Anexo I for each person: the form editor built, filled and painted."""
    from reinsercion_desktop.ui.forms.form_editor import FormEditor

    services, session = window.services, window.session
    times, bare = [], []
    for participant_id in participant_ids:
        instance = services.forms.create(session.actor, "anexo-i", participant_id)
        started = time.perf_counter()
        filled = services.forms.open(session.actor, instance.id)
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        filled = services.forms.open(session.actor, instance.id)
        editor = FormEditor(services.forms, session, filled)
        editor.resize(1000, 800)
        editor.show()
        app.processEvents()
        times.append(time.perf_counter() - started)
        editor.hide()
        editor.deleteLater()
    return times, bare


def pending_figures(data_dir: Path, today: date, runs: int) -> dict:
    """Pendientes read and shown (service + `PendingDock.set_items` + the paint), and read
    alone, RUNS times each after a warm-up, alternating; with the lead times of
    `domain/deadlines.KINDS`, and with every kind listed 30 days ahead (the list before
    issue 9, 46,000 items on the stress set)."""
    from datetime import UTC, datetime
    from datetime import time as day_time

    from reinsercion_desktop.bench.runner import BENCH_KEY
    from reinsercion_desktop.domain.clock import FakeClock
    from reinsercion_desktop.domain.deadlines import DeadlineKind
    from reinsercion_desktop.security.keys import DataKeys
    from reinsercion_desktop.services.pending import pending_items
    from reinsercion_desktop.services.workspace import Workspace
    from reinsercion_desktop.ui.circuit.pending_dock import PendingDock
    from reinsercion_desktop.ui.qt_setup import make_application

    app = make_application([sys.argv[0]])
    clock = FakeClock(datetime.combine(today, day_time(9, 0), tzinfo=UTC))
    keys = DataKeys(bytes.fromhex(os.environ[BENCH_KEY]))
    workspace = Workspace.open(data_dir, keys, clock=clock)
    dock = PendingDock()
    dock.resize(340, 700)  # the dock beside the file, on a 1366×768 screen
    dock.show()
    app.processEvents()
    figures: dict = {}
    for name, leads in (("", None), ("_30_days", dict.fromkeys(DeadlineKind, 30))):
        shown, read = [], []
        for run in range(runs + 1):
            started = time.perf_counter()
            items = pending_items(workspace.db, today, leads=leads)
            dock.set_items(items, today)
            app.processEvents()  # painted: what the person sees
            elapsed = time.perf_counter() - started
            started = time.perf_counter()
            pending_items(workspace.db, today, leads=leads)
            if run:  # the first run warms the caches
                shown.append(elapsed)
                read.append(time.perf_counter() - started)
        figures[f"shown{name}"] = (statistics.median(shown), p95(shown))
        figures[f"read{name}"] = (statistics.median(read), p95(read))
        figures[f"items{name}"] = len(dock.items)
    dock.hide()
    workspace.close()
    return figures


def backup_stall(data_dir: Path) -> dict[str, float]:
    """The longest gap between two turns of the event loop while the window's worker
    writes a copy off the UI thread, beside the same loop while a worker only sleeps.

    The loop is the real one (`app.exec()`), ticked by the worker's own timer every 5 ms:
    a loop of `processEvents()` calls would itself crash PySide6 6.12 on Python 3.11
    (each call of a method returning nothing drops a reference to None)."""
    from reinsercion_desktop.services.backups import BackupService
    from reinsercion_desktop.services.gate import Gate
    from reinsercion_desktop.ui.admin.backup_worker import BackupWorker
    from reinsercion_desktop.ui.qt_setup import make_application

    app = make_application([sys.argv[0]])
    user, password = os.environ["REINSERCION_USER"], os.environ["REINSERCION_PASSWORD"]
    opened = Gate(data_dir).login(user, password)
    service = BackupService(opened.workspace)  # type: ignore[arg-type]
    interval = 0.005

    def longest_gap(work) -> tuple[float, float]:  # type: ignore[no-untyped-def]
        ticks: list[float] = []
        worker = BackupWorker(
            work,
            on_done=lambda _worker: app.quit(),
            on_progress=lambda _value: ticks.append(time.perf_counter()),
        )
        worker.timer.setInterval(int(interval * 1000))
        started = time.perf_counter()
        worker.begin()
        app.exec()
        worker.wait()
        gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
        return max(gaps, default=0.0) - interval, time.perf_counter() - started

    bare, _seconds = longest_gap(lambda _progress: time.sleep(2.0))
    stall, seconds = longest_gap(
        lambda progress: service.create(opened.actor, progress=progress)  # type: ignore[attr-defined]
    )
    opened.workspace.close()  # type: ignore[attr-defined]
    return {"stall": stall, "stall_bare": bare, "backup": seconds}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--opens", type=int, default=40)
    parser.add_argument("--pending", action="store_true", help="Pendientes figures only")
    parser.add_argument("--today", type=date.fromisoformat, help="with --pending")
    parser.add_argument("--runs", type=int, default=10, help="with --pending")
    parser.add_argument("--backup-stall", action="store_true", help="bench/backup.py's stall")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.backup_stall:
        print(json.dumps(backup_stall(Path(args.data_dir))), flush=True)
        return
    if args.pending:
        figures = pending_figures(Path(args.data_dir), args.today or date.today(), args.runs)
        print(json.dumps(figures), flush=True)
        return

    from reinsercion_desktop.domain.participant_list import ListFilter, filter_rows
    from reinsercion_desktop.forms.loader import load_catalogue
    from reinsercion_desktop.paths import DataPaths, forms_dir
    from reinsercion_desktop.services.gate import Gate
    from reinsercion_desktop.ui.launcher import Launcher
    from reinsercion_desktop.ui.qt_setup import make_application

    app = make_application([sys.argv[0]])
    gate = Gate(Path(args.data_dir))
    login, password = os.environ["REINSERCION_USER"], os.environ["REINSERCION_PASSWORD"]
    launcher = Launcher(
        gate, DataPaths(Path(args.data_dir)).ui_state, catalogue=lambda: load_catalogue(forms_dir())
    )
    launcher.automatic_backups = False  # the day's copy would run under these timings
    launcher.ask_login()  # the dialog painted; the ORM, services and forms load meanwhile
    app.processEvents()
    started = time.perf_counter()
    gate.key_file.unlock(login, password)  # what the password costs (Argon2id), once
    unwrap = time.perf_counter() - started
    launcher.wait_until_prepared()  # the person has typed the password
    dialog = launcher.login_dialog
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    started = time.perf_counter()
    dialog.try_login()  # «Entrar»: the key unwrapped, the database opened, the window built
    # The window is shown, its list filled; offscreen, showing paints it at once. What it
    # does next (Pendientes, the search index) is work queued for after it is on screen.
    accepted_to_list = time.perf_counter() - started - unwrap
    window = launcher.window
    workspace = launcher.opened.workspace
    app.processEvents()
    time.sleep(0.4)  # a person looks at the window before typing: idle work gets done
    app.processEvents()
    search = window.list_dock.search_edit
    rows = window.list_dock.model.all_rows

    keystrokes, bare = [], []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            search.setText(query[:end])  # the slot filters; processEvents paints, once
            app.processEvents()
            keystrokes.append(time.perf_counter() - started)
            started = time.perf_counter()
            filter_rows(rows, ListFilter(text=query[:end]))
            bare.append(time.perf_counter() - started)
        search.clear()
        app.processEvents()

    ids = [row.id for row in random.Random(7).sample(rows, min(args.opens, len(rows)))]
    opens, bare_opens = [], []
    for participant_id in ids:
        started = time.perf_counter()
        window.file_view.open(participant_id)
        app.processEvents()
        opens.append(time.perf_counter() - started)
        started = time.perf_counter()
        with workspace.db.read() as session:
            from reinsercion_desktop.db.models import Participant

            session.get(Participant, participant_id)
        bare_opens.append(time.perf_counter() - started)

    editor_times, editor_bare = _editor_timings(app, window, ids[:10])

    import resource

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    window.hide()
    print(
        json.dumps(
            {
                "accepted_to_list": accepted_to_list,
                "unwrap": unwrap,
                "keystroke_p95": p95(keystrokes),
                "keystroke_bare_p95": p95(bare),
                "open_p95": p95(opens),
                "open_bare_p95": p95(bare_opens),
                "peak_mb": peak_kb / 1024,
                "rows": len(rows),
                "editor_p95": p95(editor_times),
                "editor_bare_p95": p95(editor_bare),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
