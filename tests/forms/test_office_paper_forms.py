"""Issue 12, part 6: the consent, Anexo VII and the initial assessment as the seed has them."""

import io

from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from reinsercion_desktop.forms.engine import check_form, offered_options
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.pdf.base import BODY, DEFAULT_CONFIDENTIALITY, FONT, DocumentHeader
from reinsercion_desktop.pdf.form_blocks import hand_blank, static_text_block
from reinsercion_desktop.pdf.form_renderer import form_pdf_bytes, form_story

CATALOGUE = load_catalogue(forms_dir())


def text_of(form_id: str, data: dict, **kwargs) -> str:
    definition = CATALOGUE.latest(form_id)
    header = DocumentHeader(centre_name="VAR Triana", title=definition.title, version="v")
    pdf = form_pdf_bytes(definition, data, header, **kwargs)
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_consent_names_the_person_by_sex_and_says_autorizo_declaro_as_the_seed() -> None:
    assert text_of("consentimiento", {"sexo": "H", "nombre_completo": "José Ruiz"}).count(
        "D. José Ruiz"
    )
    assert "D.ª Lucía Gómez" in text_of(
        "consentimiento", {"sexo": "M", "nombre_completo": "Lucía Gómez"}
    )
    unknown = text_of("consentimiento", {"nombre_completo": "Alex Sanz"})
    assert "D./D.ª Alex Sanz" in unknown
    assert "AUTORIZO/A a la Vivienda" in unknown and "DECLARO/A HABER SIDO INFORMADO/A" in unknown


def test_consent_prints_the_seeds_words_in_bold_and_clauses_with_a_hanging_indent() -> None:
    definition = CATALOGUE.latest("consentimiento")
    story = form_story(definition, {})
    markup = " ".join(getattr(f, "text", "") for f in _flat(story))
    for words in (
        "AUTORIZO/A",
        "DECLARO/A HABER SIDO INFORMADO/A Y ADVERTIDO/A:",
        "ME COMPROMETO A:",
    ):
        assert f"<b>{words}</b>" in markup
    clauses = [f for f in _flat(story) if getattr(f, "bulletText", None) == "•"]
    assert len(clauses) == 2 and all(c.style.leftIndent >= 4 * mm for c in clauses)


def test_consent_blanks_are_at_least_60_mm() -> None:
    assert stringWidth(hand_blank(), FONT, BODY.fontSize) >= 60 * mm
    assert hand_blank() in text_of("consentimiento", {}, blank=True)


def test_a_signed_form_prints_who_signed_and_when_in_the_signature_box() -> None:
    text = text_of("consentimiento", {}, signed=("Antonio Ruiz Carmona", "02/12/2026"))
    assert "Nombre: Antonio Ruiz Carmona" in text and "Fecha: 02/12/2026" in text
    assert "Antonio Ruiz" not in text_of(
        "consentimiento", {}, blank=True, signed=("Antonio Ruiz", "x")
    )


def test_the_footer_suits_the_document() -> None:
    personal = " ".join(DEFAULT_CONFIDENTIALITY.split())
    assert personal in text_of("consentimiento", {"nombre_completo": "José Ruiz"})
    assert "salud y de justicia" not in text_of("consentimiento", {}, blank=True)
    assert "salud y de justicia" not in text_of("anexo-vii", {"sexo": "H"})
    assert "Cuestionario anónimo" in text_of("anexo-vii", {})


def test_anexo_vii_closes_with_the_seeds_capitals() -> None:
    text = text_of("anexo-vii", {})
    assert "POR FAVOR, AHORA INTRODUZCA ESTE FORMULARIO EN EL SOBRE" in text
    assert text.rstrip().count("¡MUCHAS GRACIAS POR SU AYUDA!")


def test_anexo_vii_refuses_a_discharge_before_the_admission() -> None:
    definition = CATALOGUE.latest("anexo-vii")
    check = check_form(definition, {"fecha_ingreso": "2026-05-10", "fecha_alta": "2026-05-09"})
    assert check.errors["fecha_alta"] == (
        "Fecha de alta no puede ser anterior a la fecha de ingreso: corrija una de las dos."
    )
    fine = check_form(definition, {"fecha_ingreso": "2026-05-10", "fecha_alta": "2026-05-10"})
    assert "fecha_alta" not in fine.errors


def test_r_adm_1_the_initial_assessment_offers_no_under_18_group_in_a_var() -> None:
    """R-ADM-1: a VAR admits adults only; a reintegration programme may keep the group."""
    definition = CATALOGUE.latest("valoracion-inicial")
    field = definition.field("grupo_edad")
    in_var = [o.code for o in offered_options(field, {"tipo_programa": "var"})]
    assert "menor_18" not in in_var and "18_25" in in_var
    assert "menor_18" in [
        o.code for o in offered_options(field, {"tipo_programa": "reintegration"})
    ]
    check = check_form(definition, {"tipo_programa": "var", "grupo_edad": "menor_18"})
    assert "R-ADM-1" in check.errors["grupo_edad"]
    assert "Menor de 18" not in text_of("valoracion-inicial", {"tipo_programa": "var"}, blank=True)
    kept = text_of("valoracion-inicial", {"tipo_programa": "reintegration"}, blank=True)
    assert "Menor de 18" in kept


def _flat(story: list) -> list:
    out: list = []
    for flowable in story:
        inner = getattr(flowable, "_content", None)
        out += _flat(inner) if inner else [flowable]
    return out


def test_static_text_block_keeps_user_values_literal() -> None:
    definition = CATALOGUE.latest("consentimiento")
    from reinsercion_desktop.pdf.form_blocks import FormContext

    section = definition.sections[1]
    context = FormContext(definition, {"nombre_completo": "**<b>Ana</b>**"}, False, section)
    first = static_text_block(section.fields[0], context)[0]
    assert "&lt;b&gt;Ana" in first.text
