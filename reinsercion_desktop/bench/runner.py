"""`reinsercion bench`: the speed and memory figures the issues set targets for.

Everything runs on a fresh demo data folder at the chosen scale. Window timings come
from separate processes (a cold start is what a person waits for); each figure is
shown beside a baseline measured in the same run, and the ratio between them.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# The data key of a bench folder, handed to its measuring processes (never a real one).
BENCH_KEY = "REINSERCION_BENCH_KEY"
SCALES = {"small": 2_000, "office": 20_000}
RAW_SQL = "mismas filas, SQL crudo"
STARTUP_RUNS = 7
BARE_WINDOW = (
    "import time; t=time.perf_counter();"
    "from PySide6.QtWidgets import QApplication, QMainWindow;"
    "app=QApplication([]); w=QMainWindow(); w.resize(1440, 860); w.show(); app.processEvents();"
    "import resource; print('READY', time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)"
)
# The window's start-up (`--bench-startup`: login, the list loaded, READY), then how many
# modules of the demo and of the benchmark it had imported by then: none is asked for.
STARTUP_MODULES = (
    "import sys; from reinsercion_desktop.app import main; code = main(['--bench-startup']);"
    "parts = [name.split('.') for name in sys.modules if name.startswith('reinsercion_desktop.')];"
    "print('MODULES', sum(p[1] == 'demo' for p in parts), sum(p[1] == 'bench' for p in parts), flush=True);"
    "sys.exit(code)"
)
# The same start-up with the demo imported first, as the launcher did before issue 9.
STARTUP_WITH_DEMO = (
    "import sys; import reinsercion_desktop.demo.builder; from reinsercion_desktop.app import main;"
    "sys.exit(main(['--bench-startup']))"
)


@dataclass
class Row:
    measure: str
    value: float
    unit: str
    target: float
    baseline: float | None = None
    baseline_name: str = ""
    ratio_target: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    @property
    def ok(self) -> bool:
        within = self.value <= self.target
        if self.ratio_target is not None and self.ratio is not None:
            within = within and self.ratio <= self.ratio_target
        return within


def _env(data_dir: Path) -> dict[str, str]:
    from reinsercion_desktop.services.setup import DEMO_LOGIN, DEMO_PASSWORD

    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        REINSERCION_USER=DEMO_LOGIN,
        REINSERCION_PASSWORD=DEMO_PASSWORD,
        REINSERCION_DATA_DIR=str(data_dir),
    )
    return env


def _timed_start(command: list[str], env: dict[str, str], marker: str = "READY") -> float:
    """Wall time from launching a process to its READY line (the window is up and filled),
    or another marker (LOGIN: the login dialog painted)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(marker):
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"{command} did not get ready")
    process.wait(timeout=60)
    return elapsed


def _median_starts(
    starts: dict[str, tuple[list[str], str]], env: dict[str, str]
) -> dict[str, float]:
    """The median wall time of each start ({name: (command, marker)}), the commands taken
    in turn, run after run: a ratio between two of them then compares like with like on
    a machine whose speed drifts (a virtual one, a laptop on battery)."""
    times: dict[str, list[float]] = {name: [] for name in starts}
    for _ in range(STARTUP_RUNS):
        for name, (command, marker) in starts.items():
            times[name].append(_timed_start(command, env, marker))
    return {name: statistics.median(values) for name, values in times.items()}


def _startup_modules(python: str, script: str, env: dict[str, str]) -> tuple[int, int]:
    """(demo modules, bench modules) imported by the window's start-up when READY."""
    completed = subprocess.run(
        [python, "-c", script], env=env, capture_output=True, text=True, timeout=300, check=True
    )
    line = next(x for x in completed.stdout.splitlines() if x.startswith("MODULES"))
    _, demo, bench = line.split()
    return int(demo), int(bench)


def run_bench(*, scale: str = "office", data_dir: Path | None = None) -> int:
    from reinsercion_desktop.demo.builder import make_demo
    from reinsercion_desktop.security.keys import DataKeys
    from reinsercion_desktop.services.workspace import Workspace

    participants = SCALES[scale]
    with tempfile.TemporaryDirectory(prefix="reinsercion-bench-") as scratch:
        folder = data_dir or Path(scratch) / "datos"
        if folder.exists() and any(folder.iterdir()):
            raise SystemExit("reinsercion: bench necesita una carpeta vacía.")
        print(f"Preparando {participants} participantes en {folder}…", flush=True)
        keys = DataKeys.generate()
        workspace = Workspace.open(folder, keys)
        started = time.perf_counter()
        make_demo(workspace, participants=participants, seed=1)
        demo_seconds = time.perf_counter() - started
        workspace.close()
        env = _env(folder)
        python = sys.executable

        app = [python, "-m", "reinsercion_desktop"]
        starts = _median_starts(
            {
                "bare": ([python, "-c", BARE_WINDOW], "READY"),
                "app": ([*app, "--bench-startup"], "READY"),
                "login": ([*app, "--stop-at", "login"], "LOGIN"),
                "with_demo": ([python, "-c", STARTUP_WITH_DEMO], "READY"),
            },
            env,
        )
        bare, app_start, login_painted = starts["bare"], starts["app"], starts["login"]
        with_demo = starts["with_demo"]
        from reinsercion_desktop.bench.encryption import encryption_figures

        encryption = encryption_figures(folder, keys)
        demo_modules, bench_modules = _startup_modules(python, STARTUP_MODULES, env)
        demo_before, _ = _startup_modules(
            python, "import reinsercion_desktop.demo.builder;" + STARTUP_MODULES, env
        )
        ui = subprocess.run(
            [python, "-m", "reinsercion_desktop.bench.window", "--data-dir", str(folder)],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        figures = json.loads(ui.stdout.strip().splitlines()[-1])
        bare_memory = subprocess.run(
            [python, "-c", BARE_WINDOW], env=env, capture_output=True, text=True, check=True
        )
        bare_mb = int(bare_memory.stdout.split()[2]) / 1024
        from reinsercion_desktop.bench.backup import backup_figures, backup_rows

        backup = backup_figures(folder, keys, env)
        from reinsercion_desktop.bench.reports import anexo_ii_figures

        reports = anexo_ii_figures(folder, keys)
        from reinsercion_desktop.bench.indicators import indicator_figures

        indicators = indicator_figures(folder, keys)
        from reinsercion_desktop.bench.exchange import exchange_figures, exchange_rows

        exchange = exchange_figures(folder, keys, env)
    from reinsercion_desktop.bench.forms import form_figures

    forms = form_figures()

    rows = [
        Row(f"demo --participants {participants}", demo_seconds, "s", 60.0),
        # Issue 10's target, ≤ 1.0 s; the ≤ 3× of an empty window set before the data were
        # encrypted (issue 8) is out of reach of any start that imports SQLAlchemy (0.2 s
        # alone), so the ratio is shown for information only.
        Row(
            "arranque hasta la lista cargada (con login)",
            app_start,
            "s",
            1.0,
            bare,
            "QMainWindow vacía",
        ),
        Row(
            "  arranque → diálogo de inicio pintado",
            login_painted,
            "s",
            2 * bare,
            bare,
            "QMainWindow vacía",
            2.0,
        ),
        Row("  contraseña aceptada → lista mostrada", figures["accepted_to_list"], "s", 0.4),
        Row("  la contraseña (Argon2id, informativo)", figures["unwrap"], "s", 1.0),
        Row(
            "cargar la lista de fichas (cifrada)",
            encryption["list_encrypted"] * 1000,
            "ms",
            1000,
            encryption["list_plain"] * 1000,
            "copia SQLite sin cifrar",
            1.3,
        ),
        Row(
            "buscar a la persona en la base (cifrada, p95)",
            encryption["search_encrypted"] * 1000,
            "ms",
            100,
            encryption["search_plain"] * 1000,
            "copia SQLite sin cifrar",
            1.3,
        ),
        Row(
            "abrir una ficha, servicio (cifrada, p95)",
            encryption["open_encrypted"] * 1000,
            "ms",
            100,
            encryption["open_plain"] * 1000,
            "copia SQLite sin cifrar",
            1.3,
        ),
        Row(
            "  arranque: módulos de la demo importados",
            demo_modules,
            "",
            0,
            demo_before,
            "importando la demo (antes)",
        ),
        Row(
            "  arranque: módulos del bench importados",
            bench_modules,
            "",
            0,
        ),
        Row(
            "  arranque sin importar la demo",
            app_start,
            "s",
            1.5,
            with_demo,
            "importando la demo (antes)",
        ),
        Row(
            "búsqueda por tecla (p95)",
            figures["keystroke_p95"] * 1000,
            "ms",
            30.0,
            figures["keystroke_bare_p95"] * 1000,
            "filtro sin Qt",
        ),
        Row(
            "abrir una ficha (p95)",
            figures["open_p95"] * 1000,
            "ms",
            100.0,
            figures["open_bare_p95"] * 1000,
            "session.get sin ventana",
        ),
        Row(
            "memoria máxima (ventana, búsquedas, fichas)",
            figures["peak_mb"],
            "MB",
            300.0,
            bare_mb,
            "QMainWindow vacía",
        ),
    ]
    rows += [
        Row(
            "PDF de un Anexo I relleno",
            forms["anexo_i_pdf"] * 1000,
            "ms",
            200.0,
            forms["anexo_i_same_story"] * 1000,
            "mismos flowables, doc. simple",
            1.5,
        ),
        Row(
            "  (informativo) frente a texto plano",
            forms["anexo_i_pdf"] * 1000,
            "ms",
            200.0,
            forms["anexo_i_plain_text"] * 1000,
            "etiquetas y valores sueltos",
        ),
        Row("100 PDF de Anexo VI", forms["anexo_vi_100"], "s", 10.0),
        Row(
            "abrir el editor de un Anexo I (p95)",
            figures["editor_p95"] * 1000,
            "ms",
            150.0,
            figures["editor_bare_p95"] * 1000,
            "leer el formulario sin ventana",
        ),
    ]
    from reinsercion_desktop.bench.circuit import circuit_figures

    circuit = circuit_figures(participants)
    for name, label in (
        ("waiting_list", "refrescar la lista de espera"),
        ("occupancy", "refrescar el tablero de ocupación"),
        ("pending", "refrescar Pendientes"),
    ):
        (median, p95), (bare_median, bare_p95) = circuit[name], circuit[f"{name}_bare"]
        rows += [
            Row(f"{label} (mediana)", median * 1000, "ms", 200.0, bare_median * 1000, RAW_SQL),
            Row(f"  {label} (p95)", p95 * 1000, "ms", 200.0, bare_p95 * 1000, RAW_SQL),
        ]
    from reinsercion_desktop.bench.case import case_rows

    rows += case_rows(participants)
    rows += backup_rows(backup)
    rows.append(
        Row(
            "informe Anexo II mensual",
            reports["anexo_ii_monthly"],
            "s",
            0.5,
            reports["anexo_ii_monthly_sql"],
            "mismas cifras, SQL escrito a mano",
            3.0,
        )
    )
    rows.append(
        Row(
            f"indicadores de un año, todos los desgloses ({indicators['tables']:.0f} tablas)",
            indicators["indicators_year"],
            "s",
            1.5,
        )
    )
    rows.append(
        Row("  el PDF de los indicadores, con gráficos", indicators["indicators_pdf"], "s", 3.0)
    )
    rows += exchange_rows(exchange)
    print(format_table(rows, scale, participants))
    counts = circuit["counts"]
    print(
        f"\nCircuito: {counts['viviendas']} viviendas ({counts['places']} plazas), "
        f"{counts['participants']} participantes, {counts['stays']} estancias "
        f"({counts['open_stays']} abiertas), {counts['outings']} salidas, {counts['forms']} "
        f"formularios, {counts['in_list']} protocolos en lista, {counts['pending']} pendientes; "
        f"cargados en {counts['load_seconds']:.1f} s."
    )
    return 0 if all(row.ok for row in rows) else 1


def format_table(rows: list[Row], scale: str, participants: int) -> str:
    lines = [
        f"Reinserción Desktop — bench (escala {scale}: {participants} participantes)",
        "",
        f"| {'medida':<46} | {'valor':>10} | {'objetivo':>9} | {'referencia':>10} | {'ratio':>6} | {'referencia es':<24} | ok |",
        f"|{'-' * 48}|{'-' * 12}|{'-' * 11}|{'-' * 12}|{'-' * 8}|{'-' * 26}|----|",
    ]
    for row in rows:
        baseline = f"{row.baseline:.3g} {row.unit}" if row.baseline is not None else "—"
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        target = f"≤{row.target:g} {row.unit}" + (
            f", ≤{row.ratio_target:g}×" if row.ratio_target else ""
        )
        lines.append(
            f"| {row.measure:<46} | {row.value:>7.3g} {row.unit:<2} | {target:>9} | {baseline:>10} | "
            f"{ratio:>6} | {row.baseline_name:<24} | {'sí' if row.ok else 'NO':<2} |"
        )
    return "\n".join(lines)
