"""The form figures of `reinsercion bench`: PDF rendering against bare ReportLab, in-process."""

import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table

from reinsercion_desktop.demo.forms import complete_data
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.forms.values import display_value
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.pdf.base import BODY, DocumentHeader, paragraph, register_fonts
from reinsercion_desktop.pdf.form_renderer import form_pdf_bytes, form_story, render_form

RUNS = 15
HEADER = DocumentHeader(
    centre_name="VAR de prueba", title="Formulario", version="bench v1", record_id="0" * 36
)


def _same_story_plain_document(definition: FormDefinition, data: dict) -> bytes:
    """Our flowables in a bare SimpleDocTemplate: no header band, footer, QR or page count."""
    import io

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(form_story(definition, data))
    return buffer.getvalue()


def _bare_platypus(definition: FormDefinition, data: dict) -> bytes:
    """The same labels, values and table cells as plain platypus flowables, no frame, no layout."""
    import io

    story = []
    for field in definition.fields():
        if field.kind in ("fixed_table", "free_table"):
            rows = [[column.label for column in field.columns]]
            value = data.get(field.id)
            cells = value.values() if isinstance(value, dict) else (value or [])
            rows += [
                [display_value(column, cell.get(column.id)) for column in field.columns]
                for cell in cells
            ]
            story.append(Table(rows))
        else:
            story.append(
                paragraph(
                    f"{field.label or field.text}: {display_value(field, data.get(field.id))}", BODY
                )
            )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def _median(function) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def form_figures() -> dict[str, float]:
    register_fonts()
    catalogue = load_catalogue(forms_dir())
    today = date(2026, 11, 23)
    anexo_i = catalogue.latest("anexo-i")
    data_i = complete_data(
        anexo_i, {"ptm": True, "sexo": "M", "vih": "positivo"}, random.Random(1), today
    )
    figures = {
        "anexo_i_pdf": _median(lambda: form_pdf_bytes(anexo_i, data_i, HEADER)),
        "anexo_i_same_story": _median(lambda: _same_story_plain_document(anexo_i, data_i)),
        "anexo_i_plain_text": _median(lambda: _bare_platypus(anexo_i, data_i)),
    }
    anexo_vi = catalogue.latest("anexo-vi")
    data_vi = complete_data(anexo_vi, {}, random.Random(2), today)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        for number in range(100):
            render_form(anexo_vi, data_vi, HEADER, Path(folder) / f"anexo-vi-{number}.pdf")
        figures["anexo_vi_100"] = time.perf_counter() - started
    return figures
