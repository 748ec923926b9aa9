"""The names a form's PDF is offered under when it is saved or printed to a file.

In the user's Documents folder (ui/widgets/files.py), by the form's short name:
«Anexo I - GAMA070385H - 2026-12-07.pdf» for a person's form (CODAPEL, never the
name: SPEC §9), «Anexo I - en blanco - 2026-12-07.pdf» for the paper to fill by hand, and
«Anexo III - Vivienda Triana - 2026-11.pdf» for a vivienda's monthly report (its month, no person).
"""

from datetime import date
from pathlib import Path

from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.services.forms import FormInstanceView, FormService
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.files import documents_dir, safe_file_name, suggested_pdf


def short_title(definition: FormDefinition) -> str:
    """«Anexo I» of «Anexo I — Protocolo de derivación…»: the name a form is known by."""
    return definition.title.split(" — ")[0].strip() or definition.id


def form_pdf_path(definition: FormDefinition, form: FormInstanceView, today: date) -> Path:
    if form.period and not form.participant_id:  # a vivienda's month: named by both
        parts = (short_title(definition), form.vivienda_name, form.period)
        name = " - ".join(safe_file_name(part) for part in parts if part)
        return documents_dir() / f"{name}.pdf"
    return suggested_pdf(short_title(definition), form.codapel, today)


def blank_pdf_path(definition: FormDefinition, today: date) -> Path:
    return suggested_pdf(short_title(definition), tr("en blanco"), today)


def issued_pdf_path(forms: FormService, instance_id: str, today: date) -> Path:
    """The suggested path of a filled form's PDF, read from its record."""
    form = forms.view(instance_id)
    return form_pdf_path(forms.definition_of(form), form, today)
