"""The report files in `reinsercion bench` (issue 12: the indicators PDF with charts
≤ 3 s): a large made-up report — 20 tables, 6 with a chart, 500 rows in all — written as
PDF, CSV and XLSX, protected first as an export is. Nothing here reads a data folder.
"""

import random
import time
from datetime import date

from reinsercion_desktop.domain.disclosure import protect
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.report_table import (
    ChartSpec,
    Column,
    ColumnKind,
    Report,
    ReportIssuer,
    ReportSection,
    ReportTable,
)

PDF_LIMIT_SECONDS = 3.0
PROVINCES = ("Almería", "Cádiz", "Córdoba", "Granada", "Huelva", "Jaén", "Málaga", "Sevilla")
MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")


def fake_report(tables: int = 20, charts: int = 6, rows: int = 500, seed: int = 3) -> Report:
    """`tables` tables holding `rows` rows between them; the first `charts` have a chart
    (trends over twelve months and bars by province, alternately)."""
    chance = random.Random(seed)
    columns = (
        Column("group", "Vivienda o grupo"),
        Column("men", "Hombres", ColumnKind.COUNT),
        Column("women", "Mujeres", ColumnKind.COUNT),
        Column("total", "Total", ColumnKind.COUNT),
        Column("share", "% del total", ColumnKind.PERCENT, of="total"),
        Column("days", "Media de días", ColumnKind.DAYS),
    )
    made: list[ReportTable] = []
    per_table = [rows // tables + (1 if n < rows % tables else 0) for n in range(tables)]
    for number, count in enumerate(per_table):
        trend = number < charts and number % 2 == 0
        if number < charts:
            labels = MONTHS if trend else PROVINCES
            count = len(labels)
        else:
            labels = tuple(
                f"VAR {number + 1:02d}-{row + 1:03d} Casa de acogida" for row in range(count)
            )
        lines = []
        for label in labels[:count]:
            men, women = chance.choice((0, 1, 3, 7, 12, 25)), chance.randint(0, 30)
            lines.append([label, men, women, men + women, 0.0, round(chance.uniform(20, 200), 1)])
        grand = sum(line[3] for line in lines) or 1
        for line in lines:
            line[4] = round(100 * line[3] / grand, 1)
        total = ("Total", *(sum(line[i] for line in lines) for i in (1, 2, 3)), 100.0, None)
        chart = None
        if number < charts:
            chart = ChartSpec(
                "trend" if trend else "bars", "group", ("men", "women"), unit="personas"
            )
        made.append(
            ReportTable(
                f"t{number}",
                f"Tabla {number + 1}: personas atendidas por grupo",
                columns,
                tuple(tuple(line) for line in lines),
                total,
                note="Personas distintas con una estancia abierta algún día del período.",
                chart=chart,
            )
        )
    sections = tuple(
        ReportSection(f"Sección {n // 5 + 1}", tuple(made[n : n + 5]))
        for n in range(0, len(made), 5)
    )
    issuer = ReportIssuer(
        "Fundación Andaluza de Atención a las Drogodependencias", "office", "FADA", "Sevilla",
        signer_role="Coordinación de FADA",
    )  # fmt: skip
    return Report(
        "indicadores", "Indicadores de calidad", Period.parse("2026"), issuer, sections,
        scope="Todas las viviendas", made_on=date(2027, 1, 15),
    )  # fmt: skip


def reports_pdf_figures(runs: int = 3) -> dict[str, float]:
    """Seconds (best of `runs`) to write the large report as PDF (with its charts), CSV and
    XLSX, the charts' share of the PDF, and its pages."""
    from reinsercion_desktop.reports.csv_file import csv_bytes
    from reinsercion_desktop.reports.pdf_file import PdfTimings, pdf_bytes
    from reinsercion_desktop.reports.xlsx_file import xlsx_bytes

    report = protect(fake_report())
    figures: dict[str, float] = {}
    for name, write in (("csv", csv_bytes), ("xlsx", xlsx_bytes)):
        best = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            write(report)
            best = min(best, time.perf_counter() - started)
        figures[f"{name}_s"] = best
    timings: list[PdfTimings] = []
    for _ in range(runs):
        pdf_bytes(report, timings=timings)
    best_pdf = min(timings, key=lambda t: t.layout)
    figures |= {
        "pdf_s": best_pdf.layout,
        "pdf_charts_s": best_pdf.charts,
        "pdf_pages": float(best_pdf.pages),
        "pdf_limit_s": PDF_LIMIT_SECONDS,
    }
    return figures
