"""Printouts that pass for the office's paper (issue 12, part 6): column widths, rows,
signature boxes kept with what precedes them, long tables that split instead of jumping."""

import io
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.platypus import KeepTogether, Table

from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.pdf.base import DocumentHeader
from reinsercion_desktop.pdf.form_blocks import FREE_TABLE_BLANK_ROWS
from reinsercion_desktop.pdf.form_renderer import form_pdf_bytes, form_story

CATALOGUE = load_catalogue(forms_dir())
LATEST = [CATALOGUE.latest(form_id) for form_id in CATALOGUE.ids()]


def header(definition: FormDefinition) -> DocumentHeader:
    return DocumentHeader(
        centre_name="VAR Triana",
        title=definition.title,
        version=f"{definition.id} v{definition.version}",
        record_id="1a2b3c4d-1111",
    )


def pages(definition: FormDefinition, data: dict | None, *, blank: bool = False) -> list[str]:
    pdf = form_pdf_bytes(definition, data, header(definition), blank=blank)
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


CENTRES = [
    "CTA Jaén",
    "EAIIPP Centro Penitenciario de Albolote",
    "Comunidad Terapéutica Cartaya",
    "CTA Jerez de la Frontera",
]


def anexo_iii_data(people: int) -> dict[str, Any]:
    rows = [
        {
            "codapel": f"MOVA3101{index:02d}H",
            "perfil": "Anfetaminas",
            "st": index % 7,
            "st_excepc": 0,
            "fecha_ingreso": f"2026-0{1 + index % 9}-14",
            "programa": "libre_drogas" if index % 2 else "ptm",
            "centro_derivador": CENTRES[index % len(CENTRES)],
            "centro_origen": "CTA Huelva" if index % 3 == 0 else "",
            "renuncia": False,
        }
        for index in range(people)
    ]
    return {
        "vivienda": "VAR Triana",
        "mes": "noviembre de 2026",
        "fecha_envio": "2026-12-02",
        "usuarios": rows,
        "altas": [
            {
                "codapel": "CADI131007H",
                "fecha_alta": "2026-11-24",
                "tipo_alta": "terapeutica",
                "estancia_total": 238,
                "salidas_terap": 40,
            }
        ],
        "nombre": "Antonio Ruiz Carmona",
    }


def tables_of(story: list) -> list[Table]:
    found: list[Table] = []
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            found += tables_of(flowable._content)
        elif isinstance(flowable, Table):
            found.append(flowable)
    return found


def users_table(story: list) -> Table:
    return next(t for t in tables_of(story) if "CODAPEL" in str(t._cellvalues[0][0].text))


def test_anexo_iii_prints_every_codapel_whole_on_one_line() -> None:
    definition = CATALOGUE.latest("anexo-iii")
    data = anexo_iii_data(8)
    text = "\n".join(pages(definition, data))
    for row in data["usuarios"]:
        assert row["codapel"] in text  # broken mid-code it read "MOVA310106\nH"


def test_anexo_iii_prints_exactly_its_people_and_the_blank_a_few_rows_to_write() -> None:
    definition = CATALOGUE.latest("anexo-iii")
    for people in (1, 8, 23):
        table = users_table(form_story(definition, anexo_iii_data(people)))
        assert len(table._cellvalues) == 1 + people
    blank = users_table(form_story(definition, {}, blank=True))
    assert len(blank._cellvalues) == 1 + FREE_TABLE_BLANK_ROWS


def signature_section(definition: FormDefinition):
    for section in definition.sections:
        for field in section.fields:
            if field.kind == "signatures":
                return section, field
    return None, None


OWN_WORDS = {"nombre", "fecha", "firma", "fdo."}
# Every form that has signature boxes (the rest have none to keep company).
SIGNED = [definition for definition in LATEST if signature_section(definition)[1] is not None]


@pytest.mark.parametrize("blank", [True, False], ids=["blank", "filled"])
@pytest.mark.parametrize("definition", SIGNED, ids=[d.id for d in SIGNED])
def test_signature_boxes_never_stand_alone_on_a_page(
    definition: FormDefinition, blank: bool
) -> None:
    section, signatures = signature_section(definition)
    assert signatures is not None
    data = anexo_iii_data(8) if definition.id == "anexo-iii" and not blank else {}
    texts = pages(definition, data, blank=blank)
    role = signatures.signers[0]
    page = next(t for t in reversed(texts) if role in t)
    others = (
        [
            field.label
            for other in definition.sections
            for field in other.fields
            if field.on_paper
            and field.kind not in ("signatures", "static_text")
            and len(field.label) > 6
            and field.label.casefold() not in OWN_WORDS
            and (other is not section or field.kind in ("long_text", "free_table", "fixed_table"))
        ]
        + [
            column.label  # a table's last rows came along, under its repeated header
            for field in definition.fields()
            for column in field.columns
            if field.on_paper and len(column.label) > 6
        ]
        + [
            field.text.split("\n")[0][:30]
            for field in definition.fields()
            if field.kind == "static_text" and field.on_paper
        ]
    )
    squeezed = " ".join(page.split())
    assert any(" ".join(label.split()[:4]) in squeezed for label in others), role


def test_anexo_i_blank_has_no_half_empty_page_before_the_toxicological_history() -> None:
    """The history's twelve-row table jumped whole to page 3 and left page 2 half empty."""
    definition = CATALOGUE.latest("anexo-i")
    texts = pages(definition, {}, blank=True)
    history = next(i for i, t in enumerate(texts) if "Historia toxicológica" in t)
    treatments = next(i for i, t in enumerate(texts) if "Resumen de tratamientos" in t)
    assert history == treatments  # on the same page: nothing pushed it over
