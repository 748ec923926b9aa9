"""Anexo VII (questionnaire), the informed consent and the ficha de valoración inicial.

The seed texts are copied here (not read from the seeds) so the test stands on its own:
`003_…` ANEXO VII and II. CONSENTIMIENTO INFORMADO, `000_…` obstacles, SPEC §6 areas.
"""

from datetime import date

import pytest

from reinsercion_desktop.forms.engine import check_form, fill_text, prefill
from reinsercion_desktop.forms.loader import load_definition
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.paths import forms_dir

BLANK = "…………………"


def _load(name: str) -> FormDefinition:
    return load_definition(forms_dir() / name)


@pytest.fixture(scope="module")
def anexo_vii() -> FormDefinition:
    return _load("anexo-vii.v1.json")


@pytest.fixture(scope="module")
def consent() -> FormDefinition:
    return _load("consentimiento.v1.json")


@pytest.fixture(scope="module")
def valoracion() -> FormDefinition:
    return _load("valoracion-inicial.v1.json")


@pytest.mark.parametrize(
    ("name", "form_id"),
    [
        ("anexo-vii.v1.json", "anexo-vii"),
        ("consentimiento.v1.json", "consentimiento"),
        ("valoracion-inicial.v1.json", "valoracion-inicial"),
    ],
)
def test_each_definition_loads(name: str, form_id: str) -> None:
    definition = _load(name)
    assert definition.id == form_id
    assert definition.version == 1


# --- Anexo VII -------------------------------------------------------------------------

# Section title → its items (question, options as printed in the seed, with scores).
SEED_ANEXO_VII: dict[str, list[tuple[str, list[tuple[str, int]]]]] = {
    "1.- Instalaciones": [
        (
            "¿Cómo valora los espacios/zonas en los que está dividida la vivienda?",
            [("Bien", 3), ("Regular", 2), ("Mal", 1)],
        ),
        (
            "¿Cómo valora el equipamiento que tiene la vivienda?",
            [("Bien", 3), ("Regular", 2), ("Mal", 1)],
        ),
    ],
    "2.- Normas": [
        (
            "¿Cómo considera la información que ha recibido sobre la normativa de la vivienda?",
            [("Bien", 3), ("Regular", 2), ("Mal", 1)],
        ),
        (
            "Las normas de la vivienda ¿Las valora apropiadas/adecuadas?",
            [("Ninguna", 1), ("Algunas", 2), ("Todas", 3)],
        ),
        (
            "¿Cómo valora la aplicación de la normativa de forma individual?",
            [("Mal", 1), ("Regular", 2), ("Bien", 3)],
        ),
        (
            "¿Cómo considera que ha recibido la información sobre sus derechos?",
            [("Bien", 3), ("Regular", 2), ("Mal", 1)],
        ),
        (
            "¿Cómo considera que ha recibido la información sobre sus deberes?",
            [("Mal", 1), ("Regular", 2), ("Bien", 3)],
        ),
        (
            "¿Cómo considera el procedimiento/método para formular quejas-reclamaciones?",
            [("Mal", 1), ("Regular", 2), ("Bien", 3)],
        ),
        (
            "¿Ha tenido que realizar algún aporte económico para el tratamiento de sus "
            "ingresos, sin incluir sus gastos personales?",
            [("Siempre", 1), ("Algunas veces", 2), ("Nunca", 3)],
        ),
    ],
    "3.- Profesionales": [
        (
            "¿Cuál es su opinión sobre la atención que ha recibido por los profesionales de "
            "la vivienda?",
            [("Bien", 3), ("Regular", 2), ("Mal", 1)],
        ),
        (
            "¿Cómo considera el tiempo de presencia de los profesionales en la vivienda?",
            [("Mal", 1), ("Regular", 2), ("Bien", 3)],
        ),
        (
            "¿Cómo valora su relación con los profesionales?",
            [("Bien", 3), ("Regular", 2), ("Mal", 1)],
        ),
    ],
    "4.- Actividades": [
        (
            "¿Cuál es su opinión sobre las actividades que ha realizado en la vivienda?",
            [("Bien", 3), ("Regular", 2), ("Mal", 1)],
        ),
        (
            "¿Qué piensa sobre la utilidad de las actividades para su tratamiento?",
            [("Mala", 1), ("Regular", 2), ("Buena", 3)],
        ),
        (
            "¿Cómo considera el horario de la vivienda?",
            [("Bueno", 3), ("Regular", 2), ("Malo", 1)],
        ),
    ],
    "5.- Salidas": [
        (
            "¿Qué opina de la utilidad de las salidas durante su tratamiento?",
            [("Mala", 1), ("Regular", 2), ("Buena", 3)],
        ),
        (
            "¿Cómo valora la preparación previa de sus salidas?",
            [("Buena", 3), ("Regular", 2), ("Mala", 1)],
        ),
    ],
    "6.- Recursos externos": [
        (
            "¿Cómo valora el acceso/contacto que ha tenido a actividades externas a la vivienda?",
            [("Bien", 3), ("Regular", 2), ("Mal", 1)],
        ),
        (
            "¿Cómo valora el acceso/contacto que ha tenido a programas externos a la vivienda?",
            [("Bien", 3), ("Regular", 2), ("Mal", 1)],
        ),
        (
            "¿Cómo valora la información que los profesionales le han aportado sobre cursos, "
            "programas, actividades externas para facilitar su Incorporación Social?",
            [("Mal", 1), ("Regular", 2), ("Bien", 3)],
        ),
        (
            "¿Cómo valora la formación externa que ha recibido durante su tratamiento?",
            [("Mala", 1), ("Regular", 2), ("Buena", 3)],
        ),
    ],
}

# The first option the seed prints for each of the 21 items, in order.
SEED_FIRST_OPTIONS = [
    "Bien", "Bien",
    "Bien", "Ninguna", "Mal", "Bien", "Mal", "Mal", "Siempre",
    "Bien", "Mal", "Bien",
    "Bien", "Mala", "Bueno",
    "Mala", "Buena",
    "Bien", "Bien", "Mal", "Mala",
]  # fmt: skip


def _scale_items(definition: FormDefinition):
    return [field for field in definition.fields() if field.kind == "scale_item"]


def test_anexo_vii_has_21_items_in_six_sections(anexo_vii: FormDefinition) -> None:
    items = _scale_items(anexo_vii)
    assert len(items) == 21
    sections = [s for s in anexo_vii.sections if any(f.kind == "scale_item" for f in s.fields)]
    assert [s.title for s in sections] == list(SEED_ANEXO_VII)
    for section in sections:
        assert all(field.kind == "scale_item" for field in section.fields), section.id
    assert [field.id.split("_")[0] for field in items] == [f"i{n}" for n in range(1, 22)]
    for field in items:
        assert {option.score for option in field.options} == {1, 2, 3}, field.id
        assert not field.required, field.id


def test_anexo_vii_prints_the_options_in_the_seeds_order(anexo_vii: FormDefinition) -> None:
    items = _scale_items(anexo_vii)
    assert [field.options[0].label for field in items] == SEED_FIRST_OPTIONS
    by_section = {
        section.title: [
            (field.label, [(option.label, option.score) for option in field.options])
            for field in section.fields
        ]
        for section in anexo_vii.sections
        if section.title in SEED_ANEXO_VII
    }
    assert by_section == SEED_ANEXO_VII


def test_anexo_vii_item_questions_are_the_seeds(anexo_vii: FormDefinition) -> None:
    questions = [question for items in SEED_ANEXO_VII.values() for question, _ in items]
    assert [field.label for field in _scale_items(anexo_vii)] == questions


def test_anexo_vii_header_instructions_and_closing(anexo_vii: FormDefinition) -> None:
    header = [field.id for field in anexo_vii.sections[0].fields]
    assert header == [
        "ref", "fecha_ingreso", "vivienda", "fecha_alta", "tipo_alta", "edad", "sexo", "programa",
    ]  # fmt: skip
    assert [o.label for o in anexo_vii.field("tipo_alta").options] == [
        "Terapéutica", "Derivada", "Voluntaria", "Disciplinaria",
    ]  # fmt: skip
    texts = " ".join(f.text for f in anexo_vii.fields() if f.kind == "static_text")
    assert "introdúzcalo en el sobre suministrado" in texts
    assert "Por favor, lea estas instrucciones antes de completar el cuestionario." in texts
    assert "¡Muchas gracias por su ayuda!" in texts
    open_questions = [f for f in anexo_vii.fields() if f.kind == "long_text"]
    assert len(open_questions) == 2
    assert anexo_vii.field("firma").signers == ["Fdo."]


def test_anexo_vii_is_anonymous(anexo_vii: FormDefinition) -> None:
    identifying = (
        "participant.first_name",
        "participant.surname",
        "participant.full_name",
        "participant.id_number",
        "participant.codapel",
    )
    sources = [field.source for field in anexo_vii.fields() if field.source]
    assert sources, "the header is prefilled from the stay"
    assert not [source for source in sources if source.startswith(identifying)]


def test_anexo_vii_prefills_the_header_and_checks_scores(anexo_vii: FormDefinition) -> None:
    context = {
        "participant": {"full_name": "Ana Ruiz Gil", "age": 41, "sex": "M", "id_number": "1X"},
        "vivienda": {"name": "VAR Los Olivos"},
        "stay": {
            "admission_date": date(2025, 3, 1),
            "discharge_date": date(2025, 11, 20),
            "discharge_type": "terapeutica",
            "programme": "ptm",
        },
    }
    data = prefill(anexo_vii, context)
    assert data == {
        "fecha_ingreso": "2025-03-01",
        "vivienda": "VAR Los Olivos",
        "fecha_alta": "2025-11-20",
        "tipo_alta": "terapeutica",
        "edad": 41,
        "sexo": "M",
        "programa": "ptm",
    }
    assert check_form(anexo_vii, data).complete  # every item may be left blank
    answered = data | {"i1_espacios": 3, "i9_aporte_economico": 1, "i21_formacion_externa": 4}
    assert list(check_form(anexo_vii, answered).errors) == ["i21_formacion_externa"]


# --- Consentimiento -----------------------------------------------------------------------


def test_consent_paragraph_is_filled_with_the_persons_and_centres_data(
    consent: FormDefinition,
) -> None:
    data = {
        "nombre_completo": "María López García",
        "edad": 34,
        "dni": "12345678Z",
        "domicilio": "C/ Real, 5",
        "municipio": "Dos Hermanas",
        "provincia": "Sevilla",
        "vivienda": "VAR Los Olivos",
        "entidad": "Asociación Alba",
        "lugar": "Sevilla",
        "fecha": "2026-01-15",
    }
    paragraph = fill_text(consent.field("autorizacion").text, data, consent)
    assert paragraph == (
        "D./D.ª María López García, de 34 años de edad, con D.N.I. 12345678Z y domicilio en "
        "C/ Real, 5, Dos Hermanas, provincia de Sevilla, por medio del presente documento, "
        "AUTORIZO a la Vivienda de Apoyo a la Reinserción VAR Los Olivos perteneciente a la "
        "Entidad Asociación Alba a someterme al tratamiento de mi adicción, en régimen "
        "residencial."
    )
    closing = fill_text(consent.field("conformidad").text, data, consent)
    assert "firman el presente CONSENTIMIENTO, en Sevilla, a 15/01/2026." in closing
    assert closing.endswith("Firmado y conformes.")


def test_consent_with_empty_data_prints_dotted_blanks(consent: FormDefinition) -> None:
    paragraph = fill_text(consent.field("autorizacion").text, {}, consent)
    assert paragraph.startswith(
        f"D./D.ª {BLANK}, de {BLANK} años de edad, con D.N.I. {BLANK} y domicilio en {BLANK}"
    )
    assert "{" not in paragraph
    closing = fill_text(consent.field("conformidad").text, {}, consent)
    assert f"en {BLANK}, a {BLANK}." in closing


def test_consent_text_is_the_seeds_with_the_ocr_slips_fixed(consent: FormDefinition) -> None:
    texts = "\n".join(f.text for f in consent.fields() if f.kind == "static_text")
    assert "Reincisión" not in texts
    assert texts.count("Vivienda de Apoyo a la Reinserción") == 2
    for passage in (
        "DECLARO HABER SIDO INFORMADO/A Y ADVERTIDO/A:",
        "Del Reglamento del Régimen Interior, de mis derechos y deberes, de las reglas de "
        "funcionamiento, del régimen de admisiones y bajas así como de horario del centro y "
        "de sus servicios, del régimen de visitas, salidas y de comunicación con el exterior.",
        "Para posibilitar el buen desarrollo del programa ME COMPROMETO A:",
        "Respetar, aceptar y cumplir las normas del centro, contempladas en el Reglamento de "
        "Régimen Interior, a los profesionales y sus indicaciones.",
        "El incumplimiento de este compromiso me puede llevar a la baja en la Vivienda de "
        "Apoyo a la Reinserción.",
        "Habiendo sido informados y aceptando los compromisos reseñados, firman el presente "
        "CONSENTIMIENTO",
    ):
        assert passage in texts, passage


def test_consent_prefills_and_requires_place_and_date(consent: FormDefinition) -> None:
    context = {
        "participant": {"full_name": "María López García", "age": 34, "id_number": "12345678Z"},
        "installation": {"entity": "Asociación Alba", "province": "Sevilla"},
        "vivienda": {"name": "VAR Los Olivos"},
        "today": date(2026, 1, 15),
    }
    data = prefill(consent, context)
    assert data["nombre_completo"] == "María López García"
    assert data["fecha"] == "2026-01-15"
    assert "lugar" not in data
    missing = check_form(consent, data).missing
    assert missing == ["domicilio", "municipio", "provincia", "lugar"]


def test_consent_has_the_three_signers_in_order(consent: FormDefinition) -> None:
    signatures = [field for field in consent.fields() if field.kind == "signatures"]
    assert [field.signers for field in signatures] == [
        ["Firma del usuario/a", "Firma del familiar responsable", "Firma del Responsable de la VAR"]
    ]


# --- Ficha de valoración inicial ---------------------------------------------------------

SEED_OBSTACLES = [
    "Preocupación de mantenerse en abstinencia",
    "Deterioro en el estado de salud",
    "Pérdida de habilidades sociales y cognitivas",
    "Deserción escolar o laboral",
    "Anomia familiar",
    "Pérdida de vínculo con las instituciones formales",
    "Pobreza",
    "Empobrecimiento de las redes sociales",
    "Exclusión y aislamiento",
    "Expectativas negativas sobre la reintegración",
    "Estrés asociado a la abstinencia",
    "Estigmatización",
    "Presión de usuarios",
    "Falta de redes de apoyo formales",
    "Conflictos de pareja y sexuales",
    "Dependencia económica",
    "Falta de alternativas para el tiempo libre",
]

SPEC_AREAS = [
    "Vivienda",
    "Empleo",
    "Formación académica",
    "Habilidades",
    "Ocio saludable",
    "Salud",
    "Jurídica",
    "Familiar",
    "Violencia",
    "Otros",
]


def test_valoracion_lists_the_17_obstacles_verbatim(valoracion: FormDefinition) -> None:
    obstacles = valoracion.field("obstaculos")
    assert obstacles.kind == "multi_choice"
    assert [option.label for option in obstacles.options] == SEED_OBSTACLES
    codes = [option.code for option in obstacles.options]
    assert len(set(codes)) == 17
    assert all(code == code.lower() and " " not in code for code in codes)


def test_valoracion_assesses_the_ten_areas(valoracion: FormDefinition) -> None:
    needs = valoracion.field("necesidades")
    assert needs.kind == "fixed_table"
    assert [row.label for row in needs.rows] == SPEC_AREAS
    assert needs.required_rows == [row.id for row in needs.rows]
    level = next(column for column in needs.columns if column.id == "nivel")
    assert [option.label for option in level.options] == [
        "Sin necesidad", "Leve", "Moderada", "Alta",
    ]  # fmt: skip


def test_valoracion_checks_and_signers(valoracion: FormDefinition) -> None:
    context = {
        "participant": {"full_name": "Ana Ruiz Gil", "codapel": "RUGIAN850101"},
        "case_manager": {"full_name": "Luis Pérez"},
        "today": date(2026, 1, 15),
    }
    data = prefill(valoracion, context)
    assert check_form(valoracion, data).missing == ["necesidades"]
    rows = {row.id: {"nivel": "sin_necesidad"} for row in valoracion.field("necesidades").rows}
    rows["empleo"] = {"nivel": "alta", "descripcion": "Sin empleo desde 2022"}
    data |= {"necesidades": rows, "obstaculos": ["pobreza", "estigmatizacion"]}
    assert check_form(valoracion, data).complete
    without_otros = {key: value for key, value in rows.items() if key != "otros"}
    assert check_form(valoracion, data | {"necesidades": without_otros}).missing == ["necesidades"]
    assert check_form(valoracion, data | {"obstaculos": ["no_existe"]}).errors == {
        "obstaculos": "Marque solo opciones de la lista."
    }
    assert [o.label for o in valoracion.field("grupo_edad").options] == [
        "Menor de 18", "18–25", "26–35", "36–50", "Mayor de 50",
    ]  # fmt: skip
    signatures = [field for field in valoracion.fields() if field.kind == "signatures"]
    assert [field.signers for field in signatures] == [["Profesional que valora", "Participante"]]


def test_section_means_of_anexo_vii_leave_out_unanswered_items():
    from reinsercion_desktop.forms.engine import section_means

    definition = load_definition(forms_dir() / "anexo-vii.v1.json")
    scored = [
        section
        for section in definition.sections
        if any(f.kind == "scale_item" for f in section.fields)
    ]
    first, second = scored[0], scored[1]
    items_first = [f.id for f in first.fields if f.kind == "scale_item"]
    items_second = [f.id for f in second.fields if f.kind == "scale_item"]
    data = {items_first[0]: 3, items_first[1]: 2, items_second[0]: 1}
    means = section_means(definition, data)
    assert means == {first.id: 2.5, second.id: 1.0}
    assert section_means(definition, {}) == {}
