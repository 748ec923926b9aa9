"""Anexo II, III, V, VI and the acuerdo de incorporación: the seed's forms, field by field.

Each definition loads against the schema, carries every label of the seed
(`003_…`, ANEXOS II–VI, and section 7 for the plan's areas), is prefilled from the
records it names, and is checked: required fields missing when empty, no errors when
filled.
"""

import re
from datetime import date
from typing import Any

import pytest

from reinsercion_desktop.forms.engine import REQUIRED_MESSAGE, check_form, fill_text, prefill
from reinsercion_desktop.forms.loader import load_definition
from reinsercion_desktop.forms.schema import FieldDef, FormDefinition
from reinsercion_desktop.paths import forms_dir

MY_FORMS = {
    "anexo-ii": ("vivienda_month", "Anexo II — Informe de seguimiento y lista de espera de VAR"),
    "anexo-iii": ("vivienda_month", "Anexo III — Informe usuarios/as de VAR"),
    "anexo-v": ("participant", "Anexo V — Informe de evolución de tratamiento"),
    "anexo-vi": ("participant", "Anexo VI — Informe de alta"),
    "acuerdo-incorporacion": (
        "participant",
        "Acuerdo de incorporación — Itinerario individual de reinserción",
    ),
}

# The source paths the service builds for prefill; a definition naming another is a typo.
AVAILABLE_SOURCES = {
    "participant.first_name",
    "participant.surname1",
    "participant.surname2",
    "participant.surnames",
    "participant.full_name",
    "participant.birth_date",
    "participant.age",
    "participant.sex",
    "participant.codapel",
    "participant.id_number",
    "participant.addiction_profile",
    "participant.ptm",
    "participant.methadone_dose_mg",
    "participant.hiv_status",
    "installation.name",
    "installation.code",
    "installation.entity",
    "installation.province",
    "installation.address",
    "installation.phone",
    "installation.fax",
    "vivienda.name",
    "vivienda.municipality",
    "vivienda.province",
    "referring_centre.name",
    "referring_centre.code",
    "referring_centre.kind",
    "case_manager.full_name",
    "responsible.full_name",
    "stay.admission_date",
    "stay.discharge_date",
    "stay.discharge_type",
    "stay.programme",
    "stay.referring_centre",
    "stay.origin_centre",
    "period.month_label",
    "period.year",
    "period.month",
    "today",
}

CONTEXT: dict[str, Any] = {
    "participant": {
        "first_name": "María José",
        "surname1": "Gómez",
        "surname2": "Núñez",
        "surnames": "Gómez Núñez",
        "full_name": "María José Gómez Núñez",
        "birth_date": date(1985, 3, 7),
        "age": 39,
        "sex": "M",
        "codapel": "GONU070385M",
        "id_number": "12345678Z",
        "addiction_profile": "heroína/cocaína",
        "ptm": True,
        "methadone_dose_mg": 40,
        "hiv_status": "negativo",
    },
    "installation": {
        "name": "Asociación Nueva Vida",
        "code": "var-01",
        "entity": "Asociación Nueva Vida",
        "province": "Sevilla",
        "address": "C/ Feria 12",
        "phone": "954 000 111",
        "fax": "954 000 112",
    },
    "vivienda": {"name": "VAR Triana", "municipality": "Sevilla", "province": "Sevilla"},
    "referring_centre": {"name": "CTA Sevilla Este", "code": "cta-se", "kind": "CTA"},
    "case_manager": {"full_name": "Lucía Peña Ortiz"},
    "responsible": {"full_name": "Andrés Muñoz Ruiz"},
    "stay": {
        "admission_date": date(2024, 1, 15),
        "discharge_date": date(2024, 5, 10),
        "discharge_type": "disciplinaria",
        "programme": "ptm",
        "referring_centre": "CTA Sevilla Este",
        "origin_centre": "CT Los Palacios",
    },
    "period": {"month_label": "mayo de 2024", "year": 2024, "month": 5},
    "today": date(2024, 5, 20),
}
TODAY = date(2024, 6, 1)

# What each definition prefills from CONTEXT, field by field.
EXPECTED_PREFILL = {
    "anexo-ii": {"periodo": "mayo de 2024", "firmante": "Andrés Muñoz Ruiz"},
    "anexo-iii": {
        "vivienda": "VAR Triana",
        "mes": "mayo de 2024",
        "nombre": "Andrés Muñoz Ruiz",
    },
    "anexo-v": {
        "apellidos": "Gómez Núñez",
        "nombre": "María José",
        "responsable": "Andrés Muñoz Ruiz",
        "vivienda": "VAR Triana",
        "telefono": "954 000 111",
        "fax": "954 000 112",
        "firmante": "Andrés Muñoz Ruiz",
    },
    "anexo-vi": {
        "apellidos": "Gómez Núñez",
        "nombre": "María José",
        "fecha_ingreso": "2024-01-15",
        "fecha_alta": "2024-05-10",
        "tipo_alta": "disciplinaria",
        "responsable": "Andrés Muñoz Ruiz",
        "vivienda": "VAR Triana",
        "telefono": "954 000 111",
        "fax": "954 000 112",
        "firmante": "Andrés Muñoz Ruiz",
    },
    "acuerdo-incorporacion": {
        "nombre": "María José Gómez Núñez",
        "codapel": "GONU070385M",
        "vivienda": "VAR Triana",
        "fecha": "2024-05-20",
        "gestor_caso": "Lucía Peña Ortiz",
    },
}

# Required fields, in form order: what an empty form reports as missing.
EXPECTED_MISSING = {
    "anexo-ii": ["periodo", "fecha_envio", "firmante"],
    "anexo-iii": ["vivienda", "mes", "fecha_envio", "nombre"],
    "anexo-v": [
        "apellidos",
        "nombre",
        "responsable",
        "vivienda",
        "objetivos_especificos",
        "actividades_desarrolladas",
        "evolucion",
        "firmante",
    ],
    "anexo-vi": [
        "apellidos",
        "nombre",
        "fecha_ingreso",
        "fecha_alta",
        "tipo_alta",
        "responsable",
        "vivienda",
        "diagnostico",
        "anamnesis_familiar",
        "anamnesis_personal",
        "situacion_actual",
        "evolucion",
        "propuesta_terapeutica",
        "firmante",
    ],
    "acuerdo-incorporacion": ["nombre", "fecha", "gestor_caso", "objetivos", "compromisos"],
}

CLOSING = (
    "Estimados/as compañeros/as, si necesitáis alguna aclaración o más información, "
    "rogamos os pongáis en contacto con nosotros."
)

# The seed's wording (003_…, ANEXOS II–VI; section 7 for the areas), OCR slips fixed.
SEED_LABELS = {
    "anexo-ii": [
        "Informe de seguimiento y lista de espera de VAR",
        "Mensualmente",
        "A CTAs",
        "C.P.D.s",
        "Informe completo de seguimiento y lista de espera actualizados",
        "Índice de ocupación por VAR",
        "Tipología de alta por VAR",
        "Tiempo de espera del último ingreso, excepto los procedentes de IIPP",
        "Al resto de C.T.A.s y C.T.s",
        "Informe de seguimiento y lista de espera de los/as usuarios/as derivados/as",
        "Cada tres meses",
        "A C.P.D.s",
        "Tipología de altas por provincias",
        "Demandas sin ingreso por provincias",
        "Tipologías de altas por centro derivador",
        "Cada seis meses",
        "Demandas sin ingreso por centro derivador",
        "Renuncias",
        "No localización",
        "Protocolos incompletos por centro derivador",
        "Causa",
        "Subsanación",
        "Nombre",
        "Responsable de VAR",
    ],
    "anexo-iii": [
        "Informe usuarios/as de VAR",
        "Vivienda",
        "Fecha de envío",
        "CODAPEL",
        "Perfil",
        "ST",
        "ST excepc.",
        "Fecha ingreso",
        "Programa",
        "Centro derivador",
        "Centro origen",
        "Renuncia",
        "Fecha alta",
        "Tipo alta",
        "Estancia total",
        "Salidas terap.",
        "Motivo abandono (si procede)",
        "Observaciones",
        "Nombre",
        "Responsable de VAR",
        "días de salida terapéutica en el mes",
    ],
    "anexo-v": [
        "Informe de evolución de tratamiento",
        "Datos personales",
        "Apellidos",
        "Nombre",
        "Responsable",
        "Vivienda",
        "Teléfono",
        "Fax",
        "1.- Objetivos específicos de su proceso de tratamiento (social, familiar, personal, laboral, tiempo libre...).",
        "2.- Actividades desarrolladas.",
        "3.- Evolución en el tratamiento.",
        "4.- Datos de interés a destacar.",
        "5.- Observaciones",
        CLOSING,
        "Un saludo",
        "Responsable de VAR",
    ],
    "anexo-vi": [
        "Informe de alta",
        "Datos personales",
        "Apellidos",
        "Nombre",
        "Fecha de ingreso",
        "Fecha de alta",
        "Responsable",
        "Vivienda",
        "Teléfono",
        "Fax",
        "1.- Diagnóstico a su alta según DSM IV (Tipo de alta y motivo en altas disciplinarias, voluntarias y derivadas).",
        "2.- Anamnesis familiar (biopsicosocial).",
        "3.- Anamnesis personal. Historia toxicológica.",
        "4.- Situación actual.",
        "5.- Evolución en el tratamiento (Objetivos)",
        "6.- Propuesta terapéutica",
        "7.- Observaciones",
        CLOSING,
        "Un saludo",
        "Responsable de VAR",
    ],
    "acuerdo-incorporacion": [
        "Nombre y apellidos",
        "CODAPEL",
        "Fecha",
        "Gestor/a de caso",
        "Área",
        "Sanitaria",
        "Formativa-laboral",
        "Legal",
        "Familiar",
        "Relaciones sociales",
        "Ocio y tiempo libre",
        "Desarrollo personal",
        "Objetivo",
        "Indicador",
        "Meta",
        "Plazo",
        "Compromisos",
        "Me comprometo a participar en el itinerario acordado",
        "Participante",
    ],
}

# The numbered sections as the seed numbers them (Anexo IV is the one that jumps).
SEED_NUMBERING = {"anexo-v": [1, 2, 3, 4, 5], "anexo-vi": [1, 2, 3, 4, 5, 6, 7]}

# Anexo III's two header rows, column by column, in the seed's order.
ANEXO_III_COLUMNS = {
    "usuarios": [
        "CODAPEL",
        "PERFIL",
        "ST",
        "ST EXCEPC.",
        "FECHA INGRESO",
        "PROGRAMA",
        "CENTRO DERIVADOR",
        "CENTRO ORIGEN",
        "RENUNCIA",
    ],
    "altas": [
        "FECHA ALTA",
        "TIPO ALTA",
        "ESTANCIA TOTAL",
        "SALIDAS TERAP.",
        "MOTIVO ABANDONO (si procede)",
    ],
}

DISCHARGE_TYPES = {
    "terapeutica": "Terapéutica",
    "derivada": "Derivada",
    "voluntaria": "Voluntaria",
    "disciplinaria": "Disciplinaria",
}


def definition(form_id: str) -> FormDefinition:
    return load_definition(forms_dir() / f"{form_id}.v1.json")


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def says(text: str, label: str) -> bool:
    """`label` is in `text` as whole words ("ST" is not the "st" of "estancia")."""
    return re.search(rf"(?<!\w){re.escape(normal(label))}(?!\w)", text) is not None


def texts_of(form: FormDefinition) -> list[str]:
    """Every printed text of a definition: titles, labels, columns, rows, options, signers."""
    texts = [form.title, form.subtitle, form.closing_text]
    for section in form.sections:
        texts += [section.title, section.intro]
        for field_def in section.fields:
            texts += [field_def.label, field_def.text, *field_def.signers]
            texts += [option.label for option in field_def.options]
            texts += [row.label for row in field_def.rows]
            for column in field_def.columns:
                texts += [column.label, *(option.label for option in column.options)]
    return [normal(text) for text in texts if text]


def sample_cell(kind: str, options: list) -> Any:
    return {
        "text": "Texto de prueba",
        "date": "2024-05-02",
        "number": 3,
        "choice": options[0].code if options else None,
        "yes_no": False,
    }[kind]


def sample_value(field_def: FieldDef) -> Any:
    """A valid value of any data field: tables get two rows with every column filled."""
    kind = field_def.kind
    if kind == "free_table":
        return [
            {column.id: sample_cell(column.kind, column.options) for column in field_def.columns}
            for _ in range(2)
        ]
    if kind == "fixed_table":
        return {
            row.id: {c.id: sample_cell(c.kind, c.options) for c in field_def.columns}
            for row in field_def.rows
        }
    if kind == "long_text":
        return "Párrafo de prueba con acentos: evolución, situación, compañía."
    if kind == "multi_choice":
        return [field_def.options[0].code]
    if kind == "scale_item":
        return 3
    if kind == "yes_no":
        return True
    return sample_cell(kind, field_def.options)


def filled(form: FormDefinition) -> dict:
    data = prefill(form, CONTEXT)
    for field_def in form.fields():
        if field_def.holds_data and field_def.id not in data:
            data[field_def.id] = sample_value(field_def)
    return data


@pytest.mark.parametrize("form_id", sorted(MY_FORMS))
def test_definition_loads_with_its_id_version_owner_and_title(form_id: str) -> None:
    form = definition(form_id)
    owner, title = MY_FORMS[form_id]
    assert (form.id, form.version, form.owner, form.title) == (form_id, 1, owner, title)
    assert form.fields()[-1].kind == "signatures"


@pytest.mark.parametrize("form_id", sorted(MY_FORMS))
def test_every_seed_label_is_in_the_definition(form_id: str) -> None:
    texts = texts_of(definition(form_id))
    absent = [label for label in SEED_LABELS[form_id] if not any(says(t, label) for t in texts)]
    assert absent == []


@pytest.mark.parametrize("form_id", sorted(SEED_NUMBERING))
def test_numbered_sections_keep_the_seed_numbering(form_id: str) -> None:
    form = definition(form_id)
    numbers = [
        int(match.group(1))
        for field_def in form.fields()
        if (match := re.match(r"^(\d+)\.- \S", field_def.label))
    ]
    assert numbers == SEED_NUMBERING[form_id]
    numbered = [f for f in form.fields() if re.match(r"^\d+\.-", f.label)]
    assert {f.kind for f in numbered} == {"long_text"}


def test_anexo_iii_columns_follow_the_seed_in_order() -> None:
    form = definition("anexo-iii")
    for table, headers in ANEXO_III_COLUMNS.items():
        labels = [column.label for column in form.field(table).columns]
        seed_part = (
            [label for label in labels if label != "CODAPEL"] if table == "altas" else labels
        )
        assert len(seed_part) == len(headers), table
        for label, header in zip(seed_part, headers, strict=True):
            assert normal(label).startswith(normal(header)), (label, header)
    usuarios = {column.id: column for column in form.field("usuarios").columns}
    assert usuarios["st"].kind == usuarios["st_excepc"].kind == "number"
    assert usuarios["fecha_ingreso"].kind == "date"
    assert usuarios["renuncia"].kind == "yes_no"
    assert {o.code: o.label for o in usuarios["programa"].options} == {
        "libre_drogas": "Libre de drogas",
        "ptm": "PTM",
    }
    altas = {column.id: column for column in form.field("altas").columns}
    assert {o.code: o.label for o in altas["tipo_alta"].options} == DISCHARGE_TYPES
    assert altas["estancia_total"].label == "Estancia total (días)"
    assert altas["salidas_terap"].label == "Salidas terap. (días)"
    assert altas["estancia_total"].kind == altas["salidas_terap"].kind == "number"
    assert form.field("leyenda").kind == "static_text"


def test_anexo_ii_has_a_typed_table_per_report_under_its_period() -> None:
    form = definition("anexo-ii")
    tables = {
        section.id: [f.id for f in section.fields if f.kind == "free_table"]
        for section in form.sections
    }
    assert tables == {
        "datos_informe": [],
        "mensualmente": [
            "seguimiento_lista_espera",
            "ocupacion",
            "tipologia_altas_var",
            "tiempo_espera",
            "seguimiento_derivados",
        ],
        "cada_tres_meses": [
            "tipologia_altas_provincia",
            "demandas_provincia",
            "tipologia_altas_centro",
        ],
        "cada_seis_meses": ["demandas_centro", "protocolos_incompletos"],
        "cierre": [],
    }
    kinds = {
        table: {column.id: column.kind for column in form.field(table).columns}
        for table in ("ocupacion", "tipologia_altas_var", "tiempo_espera", "demandas_centro")
    }
    assert kinds["ocupacion"]["indice"] == kinds["ocupacion"]["plazas_dia_ocupadas"] == "number"
    assert all(kinds["tipologia_altas_var"][f"{code}s"] == "number" for code in DISCHARGE_TYPES)
    assert kinds["tiempo_espera"]["fecha_protocolo"] == "date"
    assert kinds["tiempo_espera"]["dias"] == "number"
    assert kinds["demandas_centro"]["renuncias"] == kinds["demandas_centro"]["no_localizados"]
    incompletos = [c.label for c in form.field("protocolos_incompletos").columns]
    assert "Causa" in incompletos and "Subsanación" in incompletos
    assert form.field("periodo").source == "period.month_label"
    assert form.field("firmas").signers == ["Responsable de VAR"]


def test_anexo_vi_discharge_header_uses_the_discharge_types() -> None:
    form = definition("anexo-vi")
    tipo = form.field("tipo_alta")
    assert tipo.kind == "choice" and tipo.source == "stay.discharge_type"
    assert {o.code: o.label for o in tipo.options} == DISCHARGE_TYPES
    assert form.field("fecha_alta").source == "stay.discharge_date"
    assert form.field("despedida").text.startswith(CLOSING)


def test_acuerdo_lists_the_seven_areas_and_both_signers() -> None:
    form = definition("acuerdo-incorporacion")
    area = {c.id: c for c in form.field("objetivos").columns}["area"]
    assert [o.code for o in area.options] == [
        "sanitaria",
        "formativo_laboral",
        "legal",
        "familiar",
        "relaciones_sociales",
        "ocio_tiempo_libre",
        "desarrollo_personal",
    ]
    assert [c.id for c in form.field("objetivos").columns] == [
        "area",
        "objetivo",
        "indicador",
        "meta",
        "plazo",
    ]
    assert form.field("firmas").signers == ["Participante", "Gestor/a de caso"]
    assert form.field("gestor_caso").source == "case_manager.full_name"


@pytest.mark.parametrize("form_id", sorted(MY_FORMS))
def test_sources_are_ones_the_service_provides(form_id: str) -> None:
    sources = {f.source for f in definition(form_id).fields() if f.source}
    assert sources <= AVAILABLE_SOURCES


@pytest.mark.parametrize("form_id", sorted(MY_FORMS))
def test_prefill_fills_the_sourced_fields_and_keeps_typed_ones(form_id: str) -> None:
    form = definition(form_id)
    data = prefill(form, CONTEXT)
    assert data == EXPECTED_PREFILL[form_id]
    sourced = {f.id for f in form.fields() if f.source}
    assert sourced == set(EXPECTED_PREFILL[form_id])
    typed = {field_id: "escrito a mano" for field_id in sourced}
    assert prefill(form, CONTEXT, typed) == typed


@pytest.mark.parametrize("form_id", sorted(MY_FORMS))
def test_empty_form_lists_its_required_fields_as_missing(form_id: str) -> None:
    result = check_form(definition(form_id), {}, today=TODAY)
    assert result.missing == EXPECTED_MISSING[form_id]
    assert set(result.errors) == set(result.missing)
    assert set(result.errors.values()) == {REQUIRED_MESSAGE}
    assert not result.complete


@pytest.mark.parametrize("form_id", sorted(MY_FORMS))
def test_filled_form_has_no_errors(form_id: str) -> None:
    form = definition(form_id)
    result = check_form(form, filled(form), today=TODAY)
    assert result.errors == {}
    assert result.warnings == {}
    assert result.complete


@pytest.mark.parametrize("form_id", sorted(MY_FORMS))
def test_prefilled_form_still_misses_only_what_the_records_cannot_give(form_id: str) -> None:
    form = definition(form_id)
    result = check_form(form, prefill(form, CONTEXT), today=TODAY)
    assert result.missing == [
        field_id
        for field_id in EXPECTED_MISSING[form_id]
        if field_id not in EXPECTED_PREFILL[form_id]
    ]


def test_anexo_iii_rejects_bad_cells() -> None:
    form = definition("anexo-iii")
    data = filled(form)
    data["usuarios"] = [{"codapel": "GONU070385M", "st": "tres"}]
    data["altas"] = [{"codapel": "GONU070385M", "tipo_alta": "expulsion"}]
    result = check_form(form, data, today=TODAY)
    assert result.errors["usuarios"].startswith("ST:")
    assert result.errors["altas"].startswith("Tipo alta:")


def test_anexo_vi_rejects_an_unknown_discharge_type_and_a_future_date() -> None:
    form = definition("anexo-vi")
    data = filled(form) | {"tipo_alta": "expulsion", "fecha_alta": "2024-07-01"}
    result = check_form(form, data, today=TODAY)
    assert set(result.errors) == {"tipo_alta", "fecha_alta"}


def test_acuerdo_agreement_text_reads_as_plain_spanish() -> None:
    form = definition("acuerdo-incorporacion")
    text = fill_text(form.field("acuerdo").text, filled(form), form)
    assert text.startswith("Me comprometo a participar en el itinerario acordado")
    assert "{" not in text
