"""Anexo I, the referral protocol (seed 003_…, ANEXO I): its definition and its rules.

R-REF-2 (HIV-positive: TBC tests, three bacilloscopies, chest X-ray), R-REF-3 (women:
recent pregnancy test; STD screening recommended), the PTM dose and the annex.
"""

from datetime import date, timedelta

import pytest

from reinsercion_desktop.forms.engine import check_form, is_visible, prefill
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.forms.rules import PREGNANCY_TEST_WINDOW_DAYS
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.paths import forms_dir

PROTOCOL = date(2026, 5, 4)
TODAY = date(2026, 5, 15)


@pytest.fixture(scope="module")
def anexo_i() -> FormDefinition:
    return load_catalogue(forms_dir()).latest("anexo-i")


def iso(day: date) -> str:
    return day.isoformat()


def valid_data() -> dict:
    """A complete Anexo I of an HIV-negative man not in PTM: no errors, no warnings."""
    return {
        "nombre": "José",
        "apellidos": "Núñez García",
        "fecha_nacimiento": "1985-03-07",
        "direccion": "C/ Feria 12, 2.º B",
        "municipio": "Sevilla",
        "telefono": "600 000 001",
        "familiar_responsable": "Ángela García (madre)",
        "telefono_familiar": "600 000 002",
        "perfil": "Heroína/Cocaína",
        "ptm": False,
        "sexo": "H",
        "vih": "negativo",
        "procedencia_prision": False,
        "orden_judicial": False,
        "centro_derivador": "CTA Sevilla Este",
        "codigo_centro": "41-CTA-03",
        "terapeuta": "Lucía Peña",
        "fecha_protocolo": iso(PROTOCOL),
        "consenso_cta": "no_procede",
        "motivos_equipo": "Fase de reinserción tras la comunidad terapéutica.",
        "motivos_usuario": "Quiere buscar trabajo y vivir con autonomía.",
        "tratamientos_anteriores": [
            {"anio": 2019, "lugar": "Sevilla", "programa": "DXA", "salida": "AV"},
            {"anio": 2024, "lugar": "Los Palacios", "programa": "CT", "salida": "AT"},
        ],
        "historia_toxicologica": {
            "tabaco": {
                "inicio": 1999,
                "frecuencia_anio": "6",
                "frecuencia_mes": "6",
                "via": "fumada",
            },
            "heroina_cocaina": {
                "inicio": 2003,
                "frecuencia_anio": "1",
                "frecuencia_mes": "0",
                "via": "intravenosa",
            },
        },
        "area_sanitaria": "Sin patología orgánica aguda.",
        "pruebas": {
            "serologia": {"fecha": "2026-04-20", "resultado": "VHC positivo", "adjunto": True},
            "mantoux": {"fecha": "2026-04-20", "resultado": "Negativo", "adjunto": True},
        },
        "voluntariedad": True,
        "criterios_exclusion": [],
        "nombre_firmante": "Lucía Peña",
    }


def hiv_positive_data() -> dict:
    """R-REF-2 satisfied: Mantoux within 3 months, chest X-ray, three bacilloscopies."""
    data = valid_data()
    data["vih"] = "positivo"
    data["pruebas"] = {
        "serologia": {"fecha": "2026-04-20", "resultado": "VIH positivo"},
        "mantoux": {"fecha": iso(PROTOCOL - timedelta(days=60)), "resultado": "Negativo"},
        "radiografia_torax": {"fecha": "2026-04-22", "resultado": "Sin hallazgos"},
    }
    data["baciloscopias"] = {
        "primera": {"fecha": "2026-04-20", "resultado": "Negativa"},
        "segunda": {"fecha": "2026-04-21", "resultado": "Negativa"},
        "tercera": {"fecha": "2026-04-22", "resultado": "Negativa"},
    }
    return data


def woman_data(pregnancy_test: date | None) -> dict:
    data = valid_data()
    data["sexo"] = "M"
    if pregnancy_test is not None:
        data["pruebas"]["test_embarazo"] = {"fecha": iso(pregnancy_test), "resultado": "Negativo"}
    return data


def all_text(definition: FormDefinition) -> str:
    """Every printed word of a definition: titles, labels, help, rows, columns, options."""
    parts = [definition.title, definition.subtitle, definition.closing_text]
    for section in definition.sections:
        parts += [section.title, section.intro]
        for field in section.fields:
            parts += [field.label, field.help, field.text, field.unit, *field.signers]
            parts += [row.label for row in field.rows] + [field.row_header]
            options = [*field.options, *(o for c in field.columns for o in c.options)]
            parts += [column.label for column in field.columns]
            parts += [f"{option.code} {option.label}" for option in options]
    return "\n".join(part for part in parts if part)


# -- the definition ---------------------------------------------------------------------


def test_anexo_i_loads_from_the_shipped_forms_folder(anexo_i):
    assert anexo_i.id == "anexo-i"
    assert anexo_i.version == 1
    assert anexo_i.title == (
        "Anexo I — Protocolo de derivación a viviendas de apoyo a la reinserción"
    )
    assert anexo_i.owner == "participant"
    assert anexo_i.rules == ["R-REF-2", "R-REF-3"]


def test_sections_follow_the_seed_order(anexo_i):
    titles = [section.title for section in anexo_i.sections]
    assert titles == [
        "Datos personales",
        "Origen de la derivación",
        "Motivos de la derivación",
        "Resumen de tratamientos y programas anteriores",
        "Historia toxicológica",
        "Área sanitaria",
        "Pruebas complementarias",
        "Área psicológica",
        "Área familiar",
        "Área socio-laboral",
        "Área educativa",
        "Área judicial",
        "Evolución en el tratamiento",
        "Pautas de intervención recomendadas",
        "Criterios de admisión",
        "Anexo: datos de derivación a VAR para usuarios/as en PTM",
        "Firma",
    ]


SEED_TEXTS = [
    # datos personales
    "Nombre",
    "Apellidos",
    "Fecha de nacimiento",
    "Dirección",
    "Municipio de residencia",
    "Teléfono",
    "Familiar responsable",
    "Perfil del usuario/a (Alcohol, Metadona, Heroína/Cocaína...)",
    "Programa de tratamiento con metadona",
    "Dosis actual de metadona",
    "mg/día",
    # origen
    "Centro derivador",
    "Código",
    "Terapeuta de referencia",
    "Fax",
    "Fecha de realización del protocolo",
    "Centro ambulatorio de procedencia",
    # motivos
    "Del equipo",
    "Del usuario/a",
    # tratamientos anteriores and their codes
    "Año",
    "Lugar",
    "Programa (*)",
    "Salida (**)",
    "DXA Desintox. ambulat.",
    "UDH Desintox. hospit.",
    "UDR Desintox. rápida",
    "PTM Prog. Metadona",
    "SMA Seguim. ambulat.",
    "CT Comunidad terap.",
    "CD Centro de día",
    "VAR V.A. Reinserción",
    "RA Red Artesanos",
    "PA Arquímedes",
    "AV Alta voluntaria",
    "AD Alta por derivación",
    "AT Alta terapéutica",
    "EX Expulsión",
    # historia toxicológica
    "Tipo de adicción (drogas)",
    "Tabaco",
    "Alcohol",
    "Cannabis",
    "Anfetamina",
    "Sedantes/hipnóticos",
    "Alucinógenos",
    "Heroína",
    "Cocaína",
    "Heroína/cocaína",
    "Otros opiáceos",
    "Inhalantes",
    "Año de inicio",
    "Frecuencia último año",
    "Frecuencia último mes",
    "Vía de consumo",
    "0: Ninguna",
    "1: Menos de 1 vez al mes",
    "4: 2-3 veces a la semana",
    "7: 4 o más veces al día",
    # área sanitaria, pruebas
    "Resumen de anamnesis, exploración, diagnóstico, medidas higiénico-sanitarias",
    "(anotar únicamente desviaciones de la normalidad y remitir copias)",
    "Hemograma completo",
    "Bioquímica",
    "Serología",
    "Orina",
    "Mantoux",
    "Baciloscopia",
    "Informe radiografía tórax",
    "Test de embarazo",
    "Revisión ginecológica",
    "Otras",
    "Fecha",
    "Resultado",
    # other areas
    "Rasgos de personalidad, diagnóstico D.S.M. IV, pruebas psicológicas practicadas",
    "antecedentes familiares de consumo y/o trastornos psiquiátricos",
    "Experiencia laboral, situación laboral actual, situación económica",
    "Nivel de estudios, formación, situación educativa actual",
    "Área judicial",
    "Evolución en el tratamiento",
    "Pautas de intervención recomendadas",
    # PTM annex and signature
    "Especificar la existencia de abuso o dependencia a sustancias no opioides",
    "Tratamientos previos en metadona",
    "Número",
    "Fecha de inclusión/reinicio",
    "Reinicio",
    "Fecha de salida",
    "Dosis",
    "Firma del/de la terapeuta",
]


@pytest.mark.parametrize("text", SEED_TEXTS)
def test_every_seed_label_appears(anexo_i, text):
    assert text in all_text(anexo_i)


@pytest.mark.parametrize(
    "slip", ["ORIGÉN", "Re inserción", "ultimo", "diagnostico", "TORAX", "abuso ó", "Ambulat"]
)
def test_the_seed_ocr_slips_are_corrected(anexo_i, slip):
    assert slip not in all_text(anexo_i)


def test_code_lists_are_those_of_the_seed(anexo_i):
    columns = {c.id: c for c in anexo_i.field("tratamientos_anteriores").columns}
    assert [o.code for o in columns["programa"].options] == [
        "DXA", "UDH", "UDR", "PTM", "SMA", "CT", "CD", "VAR", "RA", "PA",
    ]  # fmt: skip
    assert [o.code for o in columns["salida"].options] == ["AV", "AD", "AT", "EX"]
    tox = anexo_i.field("historia_toxicologica")
    assert [row.id for row in tox.rows] == [
        "tabaco", "alcohol", "cannabis", "anfetamina", "sedantes", "alucinogenos",
        "heroina", "cocaina", "heroina_cocaina", "otros_opiaceos", "inhalantes",
    ]  # fmt: skip
    tox_columns = {c.id: c for c in tox.columns}
    for scale in ("frecuencia_anio", "frecuencia_mes"):
        assert [o.code for o in tox_columns[scale].options] == [str(n) for n in range(8)]
    assert [row.id for row in anexo_i.field("pruebas").rows] == [
        "hemograma", "bioquimica", "serologia", "orina", "mantoux", "baciloscopia",
        "radiografia_torax", "test_embarazo", "revision_ginecologica", "otras",
    ]  # fmt: skip
    assert [row.id for row in anexo_i.field("baciloscopias").rows] == [
        "primera", "segunda", "tercera",
    ]  # fmt: skip


def test_rule_fields_are_there_with_the_codes_the_rules_read(anexo_i):
    assert [o.code for o in anexo_i.field("sexo").options] == ["H", "M"]
    assert [o.code for o in anexo_i.field("vih").options] == [
        "negativo", "positivo", "desconocido",
    ]  # fmt: skip
    for field_id in ("sexo", "vih", "fecha_protocolo", "voluntariedad"):
        assert anexo_i.field(field_id).required, field_id
    assert anexo_i.field("procedencia_prision").kind == "yes_no"
    assert anexo_i.field("orden_judicial").kind == "yes_no"
    assert "R-REF-4" in anexo_i.field("consenso_cta").help
    assert "R-ADM-4" in anexo_i.field("justificacion_exclusion").help
    assert len(anexo_i.field("criterios_exclusion").options) == 5


# -- prefill ----------------------------------------------------------------------------

CONTEXT = {
    "participant": {
        "first_name": "María",
        "surnames": "Núñez García",
        "birth_date": date(1985, 3, 7),
        "address": "C/ Feria 12",
        "municipality": "Sevilla",
        "phone": "600 000 001",
        "family_contact": "Ángela García",
        "family_phone": "600 000 002",
        "addiction_profile": "Heroína/Cocaína",
        "ptm": True,
        "methadone_dose_mg": 60,
        "sex": "M",
        "hiv_status": "positivo",
        "prison_origin": False,
        "court_order": True,
    },
    "referring_centre": {
        "name": "CTA Sevilla Este",
        "code": "41-CTA-03",
        "phone": "954 000 000",
        "fax": "954 000 001",
    },
}


def test_prefill_fills_every_sourced_field_from_the_records(anexo_i):
    filled = prefill(anexo_i, CONTEXT)
    assert filled == {
        "nombre": "María",
        "apellidos": "Núñez García",
        "fecha_nacimiento": "1985-03-07",
        "direccion": "C/ Feria 12",
        "municipio": "Sevilla",
        "telefono": "600 000 001",
        "familiar_responsable": "Ángela García",
        "telefono_familiar": "600 000 002",
        "perfil": "Heroína/Cocaína",
        "ptm": True,
        "dosis_metadona": 60,
        "sexo": "M",
        "vih": "positivo",
        "procedencia_prision": False,
        "orden_judicial": True,
        "centro_derivador": "CTA Sevilla Este",
        "codigo_centro": "41-CTA-03",
        "telefono_centro": "954 000 000",
        "fax_centro": "954 000 001",
    }


def test_prefilled_values_pass_the_checks_of_their_fields(anexo_i):
    filled = prefill(anexo_i, CONTEXT)
    result = check_form(anexo_i, filled, today=TODAY)
    # only the R-REF-2 tests, which no record holds, are missing for this HIV-positive woman
    assert set(filled) & set(result.errors) == set()
    assert {"pruebas", "baciloscopias"} <= set(result.errors)


def test_prefill_keeps_what_was_typed(anexo_i):
    filled = prefill(anexo_i, CONTEXT, {"nombre": "Mari", "ptm": False, "apellidos": " "})
    assert filled["nombre"] == "Mari"
    assert filled["ptm"] is False
    assert filled["apellidos"] == "Núñez García"


# -- the whole form ---------------------------------------------------------------------


def test_a_fully_valid_anexo_i_is_complete(anexo_i):
    result = check_form(anexo_i, valid_data(), today=TODAY)
    assert result.errors == {}
    assert result.warnings == {}
    assert result.complete
    assert result.summary() == "Formulario completo."


def test_an_empty_anexo_i_lists_its_required_fields_in_form_order(anexo_i):
    result = check_form(anexo_i, {}, today=TODAY)
    assert result.missing == [
        "nombre",
        "apellidos",
        "fecha_nacimiento",
        "ptm",
        "sexo",
        "vih",
        "centro_derivador",
        "fecha_protocolo",
        "consenso_cta",
        "motivos_equipo",
        "motivos_usuario",
        "voluntariedad",
        "nombre_firmante",
    ]
    assert result.summary() == "Faltan 13 campos obligatorios."


def test_protocol_date_in_the_future_is_refused(anexo_i):
    data = valid_data() | {"fecha_protocolo": iso(TODAY + timedelta(days=1))}
    assert "fecha_protocolo" in check_form(anexo_i, data, today=TODAY).errors


def test_bad_codes_in_the_tables_are_refused(anexo_i):
    data = valid_data()
    data["tratamientos_anteriores"][0]["programa"] = "XYZ"
    data["historia_toxicologica"]["tabaco"]["frecuencia_mes"] = "8"
    errors = check_form(anexo_i, data, today=TODAY).errors
    assert errors["tratamientos_anteriores"] == (
        "Programa (*): Elija una de las opciones de la lista."
    )
    assert errors["historia_toxicologica"] == (
        "Frecuencia último mes (*): Elija una de las opciones de la lista."
    )


# -- PTM: dose and annex ------------------------------------------------------------------


def test_methadone_dose_is_required_only_in_ptm(anexo_i):
    in_ptm = valid_data() | {"ptm": True}
    result = check_form(anexo_i, in_ptm, today=TODAY)
    assert result.errors == {"dosis_metadona": "Obligatorio. (PTM)"}
    assert result.missing == ["dosis_metadona"]
    assert check_form(anexo_i, in_ptm | {"dosis_metadona": 60}, today=TODAY).errors == {}
    not_in_ptm = check_form(anexo_i, valid_data(), today=TODAY)
    assert "dosis_metadona" not in not_in_ptm.errors


def test_methadone_dose_out_of_range_is_refused(anexo_i):
    data = valid_data() | {"ptm": True, "dosis_metadona": 1500}
    errors = check_form(anexo_i, data, today=TODAY).errors
    assert errors == {"dosis_metadona": "El valor máximo es 1000 mg/día."}


def test_ptm_annex_is_shown_and_checked_only_in_ptm(anexo_i):
    bad_table = [{"numero": 1, "fecha_inclusion": "ayer", "reinicio": False}]
    data = valid_data() | {"tratamientos_metadona": bad_table}
    for field_id in ("abuso_no_opioides", "tratamientos_metadona"):
        assert not is_visible(anexo_i, anexo_i.field(field_id), data)
    assert check_form(anexo_i, data, today=TODAY).errors == {}
    data |= {"ptm": True, "dosis_metadona": 60}
    assert is_visible(anexo_i, anexo_i.field("tratamientos_metadona"), data)
    errors = check_form(anexo_i, data, today=TODAY).errors
    assert errors["tratamientos_metadona"].startswith("Fecha de inclusión/reinicio: «ayer»")


# -- R-REF-2 ----------------------------------------------------------------------------


def test_R_REF_2_hiv_positive_with_recent_mantoux_xray_and_three_bacilloscopies_passes(anexo_i):
    result = check_form(anexo_i, hiv_positive_data(), today=TODAY)
    assert result.errors == {}
    assert result.summary() == "Formulario completo."


def test_R_REF_2_bacilloscopies_table_shows_only_for_hiv_positive(anexo_i):
    field = anexo_i.field("baciloscopias")
    assert field.visible_when.rule == "R-REF-2"
    assert is_visible(anexo_i, field, hiv_positive_data())
    for status in ("negativo", "desconocido", None):
        assert not is_visible(anexo_i, field, valid_data() | {"vih": status})


def test_R_REF_2_mantoux_exactly_on_the_protocol_date_passes(anexo_i):
    data = hiv_positive_data()
    data["pruebas"]["mantoux"]["fecha"] = iso(PROTOCOL)
    assert check_form(anexo_i, data, today=TODAY).errors == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda d: d["pruebas"]["mantoux"].update(fecha="2026-01-04"),
            "R-REF-2: la prueba de tuberculosis debe ser de los 3 meses anteriores al protocolo.",
            id="mantoux-4-months-old",
        ),
        pytest.param(
            lambda d: d["pruebas"]["mantoux"].update(fecha="2026-05-06"),
            "R-REF-2: la prueba de tuberculosis debe ser de los 3 meses anteriores al protocolo.",
            id="mantoux-after-the-protocol",
        ),
        pytest.param(
            lambda d: d["pruebas"].pop("mantoux"),
            "R-REF-2: con VIH positivo hace falta la prueba de tuberculosis (Mantoux) con fecha y resultado.",
            id="mantoux-missing",
        ),
        pytest.param(
            lambda d: d["pruebas"]["mantoux"].update(resultado=""),
            "R-REF-2: con VIH positivo hace falta la prueba de tuberculosis (Mantoux) con fecha y resultado.",
            id="mantoux-without-result",
        ),
        pytest.param(
            lambda d: d["pruebas"].pop("radiografia_torax"),
            "R-REF-2: con VIH positivo hace falta el informe de radiografía de tórax.",
            id="xray-missing",
        ),
        pytest.param(
            lambda d: d["pruebas"]["radiografia_torax"].update(fecha=""),
            "R-REF-2: con VIH positivo hace falta el informe de radiografía de tórax.",
            id="xray-without-date",
        ),
    ],
)
def test_R_REF_2_hiv_positive_tbc_tests_refused(anexo_i, change, message):
    data = hiv_positive_data()
    change(data)
    result = check_form(anexo_i, data, today=TODAY)
    assert result.errors == {"pruebas": message}
    assert not result.complete


def test_R_REF_2_hiv_positive_needs_three_bacilloscopies(anexo_i):
    data = hiv_positive_data()
    data["baciloscopias"]["tercera"] = {"fecha": "2026-04-22", "resultado": ""}
    result = check_form(anexo_i, data, today=TODAY)
    assert result.errors == {
        "baciloscopias": "R-REF-2: con VIH positivo hacen falta los resultados de tres baciloscopias (hay 2)."
    }
    del data["baciloscopias"]
    assert "(hay 0)" in check_form(anexo_i, data, today=TODAY).errors["baciloscopias"]


def test_R_REF_2_does_not_apply_to_hiv_negative_or_unknown(anexo_i):
    for status in ("negativo", "desconocido"):
        data = valid_data() | {"vih": status}
        data["pruebas"].pop("mantoux")
        assert check_form(anexo_i, data, today=TODAY).errors == {}


def test_R_REF_2_three_months_are_calendar_months(anexo_i):
    data = hiv_positive_data() | {"fecha_protocolo": "2026-05-01"}
    data["pruebas"]["mantoux"]["fecha"] = "2026-02-01"  # exactly 3 months: accepted
    assert check_form(anexo_i, data, today=TODAY).errors == {}
    data["pruebas"]["mantoux"]["fecha"] = "2026-01-31"  # 3 months and 1 day: refused
    assert "pruebas" in check_form(anexo_i, data, today=TODAY).errors


def test_R_REF_2_malformed_tables_are_reported_not_a_crash(anexo_i):
    data = hiv_positive_data() | {"baciloscopias": [{"resultado": "Negativa"}] * 3}
    errors = check_form(anexo_i, data, today=TODAY).errors
    assert errors["baciloscopias"] == "La tabla no tiene el formato esperado."


# -- R-REF-3 ----------------------------------------------------------------------------

PREGNANCY_REFUSED = (
    "R-REF-3: en mujeres hace falta un test de embarazo reciente con fecha y resultado."
)
PREGNANCY_OLD = (
    f"R-REF-3: el test de embarazo debe ser de los {PREGNANCY_TEST_WINDOW_DAYS} días "
    "anteriores al protocolo."
)


def test_R_REF_3_woman_without_pregnancy_test_is_refused(anexo_i):
    result = check_form(anexo_i, woman_data(None), today=TODAY)
    assert result.errors == {"pruebas": PREGNANCY_REFUSED}


def test_R_REF_3_woman_with_pregnancy_test_10_days_before_is_accepted(anexo_i):
    data = woman_data(PROTOCOL - timedelta(days=10))
    assert check_form(anexo_i, data, today=TODAY).errors == {}


def test_R_REF_3_woman_with_pregnancy_test_45_days_before_is_refused(anexo_i):
    result = check_form(anexo_i, woman_data(PROTOCOL - timedelta(days=45)), today=TODAY)
    assert result.errors == {"pruebas": PREGNANCY_OLD}


def test_R_REF_3_pregnancy_test_after_the_protocol_is_refused(anexo_i):
    result = check_form(anexo_i, woman_data(PROTOCOL + timedelta(days=2)), today=TODAY)
    assert result.errors == {"pruebas": PREGNANCY_OLD}


def test_R_REF_3_pregnancy_test_without_result_is_refused(anexo_i):
    data = woman_data(PROTOCOL - timedelta(days=10))
    data["pruebas"]["test_embarazo"]["resultado"] = ""
    assert check_form(anexo_i, data, today=TODAY).errors == {"pruebas": PREGNANCY_REFUSED}


def test_R_REF_3_a_man_needs_no_pregnancy_test(anexo_i):
    data = valid_data()
    assert "test_embarazo" not in data["pruebas"]
    assert check_form(anexo_i, data, today=TODAY).errors == {}


def test_R_REF_3_std_screening_is_a_warning_that_does_not_block(anexo_i):
    data = valid_data()
    data["pruebas"].pop("serologia")
    result = check_form(anexo_i, data, today=TODAY)
    assert result.errors == {}
    assert result.warnings == {
        "pruebas": "R-REF-3: se recomienda el cribado de enfermedades de transmisión sexual (serología)."
    }
    assert result.complete
    assert result.summary() == "Formulario completo. 1 aviso(s)."


def test_R_REF_2_and_R_REF_3_together_for_an_hiv_positive_woman(anexo_i):
    data = hiv_positive_data() | {"sexo": "M"}
    assert check_form(anexo_i, data, today=TODAY).errors == {"pruebas": PREGNANCY_REFUSED}
    data["pruebas"]["test_embarazo"] = {"fecha": "2026-04-30", "resultado": "Negativo"}
    assert check_form(anexo_i, data, today=TODAY).errors == {}


# -- R-ADM-3 / R-ADM-4 ------------------------------------------------------------------


def test_R_ADM_3_voluntariness_must_be_answered(anexo_i):
    data = valid_data()
    del data["voluntariedad"]
    result = check_form(anexo_i, data, today=TODAY)
    assert result.missing == ["voluntariedad"]
    assert result.summary() == "Falta 1 campo obligatorio."


def test_R_ADM_4_unknown_exclusion_criterion_is_refused(anexo_i):
    data = valid_data() | {"criterios_exclusion": ["resfriado"]}
    errors = check_form(anexo_i, data, today=TODAY).errors
    assert errors["criterios_exclusion"] == "Marque solo opciones de la lista."


def test_R_ADM_4_ticked_criterion_with_written_reason_is_complete(anexo_i):
    data = valid_data() | {
        "criterios_exclusion": ["alta_voluntaria_ct"],
        "justificacion_exclusion": "El CTA de referencia reinicia el procedimiento y propone el ingreso.",
    }
    assert check_form(anexo_i, data, today=TODAY).errors == {}


def test_R_ADM_4_ticked_criterion_without_written_reason_blocks_complete(anexo_i):
    data = valid_data() | {"criterios_exclusion": ["enfermedad_psiquiatrica_aguda"]}
    result = check_form(anexo_i, data, today=TODAY)
    assert "justificacion_exclusion" in result.errors
    assert not result.complete
