"""The forms engine on small definitions: schema refusals, loading, checks, prefill, texts."""

import json
import re
from datetime import date

import pytest
from pydantic import ValidationError

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.forms.engine import (
    REQUIRED_MESSAGE,
    FormCheck,
    check_form,
    fill_text,
    is_required,
    is_visible,
    prefill,
    resolve_source,
)
from reinsercion_desktop.forms.loader import DefinitionError, load_catalogue, load_definition
from reinsercion_desktop.forms.schema import FormDefinition

TODAY = date(2026, 1, 15)


def raw(
    *fields: dict, rules: list[str] | None = None, form_id: str = "prueba", version: int = 1
) -> dict:
    return {
        "id": form_id,
        "version": version,
        "title": "Formulario de prueba",
        "rules": rules or [],
        "sections": [{"id": "unica", "title": "Única", "fields": list(fields)}],
    }


def build(*fields: dict, rules: list[str] | None = None) -> FormDefinition:
    return FormDefinition.model_validate(raw(*fields, rules=rules))


def text(field_id: str, **extra) -> dict:
    return {"id": field_id, "kind": "text", "label": field_id.capitalize(), **extra}


SCALE_OPTIONS = [
    {"code": "a", "label": "Mucho", "score": 3},
    {"code": "b", "label": "Poco", "score": 1},
    {"code": "c", "label": "Algo", "score": 2},
]


# -- malformed definitions --------------------------------------------------------------

MALFORMED = [
    pytest.param(
        [{"id": "estado", "kind": "choice", "label": "Estado"}],
        None,
        "field 'estado' (choice) needs options",
        "sections.0.fields.0",
        id="choice-without-options",
    ),
    pytest.param(
        [
            {
                "id": "trato",
                "kind": "scale_item",
                "label": "Trato",
                "options": [
                    {"code": "a", "label": "Bueno", "score": 3},
                    {"code": "b", "label": "Regular", "score": 2},
                    {"code": "c", "label": "Malo", "score": 2},
                ],
            }
        ],
        None,
        "scale item 'trato' needs scores 1, 2 and 3 once each",
        "sections.0.fields.0",
        id="scale-scores-not-1-2-3",
    ),
    pytest.param(
        [
            {
                "id": "trato",
                "kind": "scale_item",
                "label": "Trato",
                "options": [
                    {"code": "a", "label": "Bueno"},
                    {"code": "b", "label": "Malo"},
                    {"code": "c", "label": "Regular"},
                ],
            }
        ],
        None,
        "scale item 'trato' needs scores 1, 2 and 3 once each",
        "sections.0.fields.0",
        id="scale-without-scores",
    ),
    pytest.param(
        [text("dosis", required_when={"field": "programa", "equals": True})],
        None,
        "field 'dosis': condition on unknown field 'programa'",
        "raíz",
        id="condition-on-unknown-field",
    ),
    pytest.param(
        [text("notas", visible_when={"field": "nada", "equals": 1})],
        None,
        "field 'notas': condition on unknown field 'nada'",
        "raíz",
        id="visibility-on-unknown-field",
    ),
    pytest.param(
        [text("nombre"), text("nombre")],
        None,
        "repeated field ids: ['nombre']",
        "raíz",
        id="repeated-ids",
    ),
    pytest.param(
        [text("nombre")],
        ["R-REF-9"],
        "unknown rules ['R-REF-9']",
        "raíz",
        id="unknown-rule",
    ),
    pytest.param(
        [
            {
                "id": "tabla",
                "kind": "fixed_table",
                "label": "Tabla",
                "columns": [{"id": "a", "label": "A"}],
            }
        ],
        None,
        "fixed table 'tabla' needs rows and columns",
        "sections.0.fields.0",
        id="fixed-table-without-rows",
    ),
    pytest.param(
        [
            {
                "id": "tabla",
                "kind": "free_table",
                "label": "Tabla",
                "columns": [
                    {"id": "via", "label": "Vía", "kind": "choice"},
                ],
            }
        ],
        None,
        "column 'via' of 'tabla' needs options",
        "sections.0.fields.0",
        id="choice-column-without-options",
    ),
    pytest.param(
        [
            {
                "id": "tabla",
                "kind": "fixed_table",
                "label": "Tabla",
                "rows": [{"id": "a", "label": "A"}],
                "columns": [{"id": "b", "label": "B"}],
                "required_rows": ["z"],
            }
        ],
        None,
        "field 'tabla': required_rows ['z'] are not rows",
        "sections.0.fields.0",
        id="required-row-that-is-not-a-row",
    ),
    pytest.param(
        [{"id": "firmas", "kind": "signatures"}],
        None,
        "signatures 'firmas' need signers",
        "sections.0.fields.0",
        id="signatures-without-signers",
    ),
    pytest.param(
        [{"id": "aviso", "kind": "static_text"}],
        None,
        "static text 'aviso' needs text",
        "sections.0.fields.0",
        id="static-text-without-text",
    ),
    pytest.param(
        [{"id": "nombre", "kind": "text"}],
        None,
        "field 'nombre' needs a label",
        "sections.0.fields.0",
        id="field-without-label",
    ),
    pytest.param(
        [text("nombre", requierd=True)],
        None,
        "Extra inputs are not permitted",
        "sections.0.fields.0.requierd",
        id="misspelt-key",
    ),
    pytest.param(
        [text("Nombre")],
        None,
        "String should match pattern",
        "sections.0.fields.0.id",
        id="id-not-lowercase",
    ),
    pytest.param(
        [{"id": "color", "kind": "colour", "label": "Color"}],
        None,
        "Input should be 'text'",
        "sections.0.fields.0.kind",
        id="unknown-kind",
    ),
]


@pytest.mark.parametrize(("fields", "rules", "message", "where"), MALFORMED)
def test_malformed_definition_is_refused_by_the_model(fields, rules, message, where):
    with pytest.raises(ValidationError, match=re.escape(message)):
        FormDefinition.model_validate(raw(*fields, rules=rules))


@pytest.mark.parametrize(("fields", "rules", "message", "where"), MALFORMED)
def test_malformed_definition_file_names_file_place_and_problem(
    tmp_path, fields, rules, message, where
):
    path = tmp_path / "prueba.v1.json"
    path.write_text(json.dumps(raw(*fields, rules=rules)), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    shown = str(caught.value)
    assert shown.startswith(f"prueba.v1.json: definición incorrecta en {where}: ")
    assert SPANISH.get(message, message) in shown  # pydantic's English, said in Spanish
    assert isinstance(caught.value, UserError)


SPANISH = {
    "Extra inputs are not permitted": "este dato no existe en las definiciones",
    "String should match pattern": "tiene caracteres no admitidos",
    "Input should be 'text'": "no es uno de los valores admitidos: 'text', 'long_text'",
}


def test_repeated_section_ids_are_refused():
    data = raw(text("a"))
    data["sections"].append({"id": "unica", "title": "Otra", "fields": [text("b")]})
    with pytest.raises(ValidationError, match="repeated section ids"):
        FormDefinition.model_validate(data)


def test_bad_json_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "roto.v1.json"
    path.write_text('{\n  "id": "roto",\n  "version": 1,,\n  "title": "x"\n}\n', encoding="utf-8")
    with pytest.raises(
        DefinitionError,
        match=r"^roto\.v1\.json: no es JSON válido \(línea 3, columna 16\)\. Corrija ese archivo",
    ):
        load_definition(path)


def test_missing_file_is_a_definition_error(tmp_path):
    with pytest.raises(DefinitionError, match=r"^nada\.json: no se puede leer"):
        load_definition(tmp_path / "nada.json")


def test_catalogue_refuses_the_same_version_twice_and_serves_the_latest(tmp_path):
    for name, version in (("a.v1.json", 1), ("a.v2.json", 2)):
        (tmp_path / name).write_text(
            json.dumps(raw(text("x"), form_id="a", version=version)), encoding="utf-8"
        )
    catalogue = load_catalogue(tmp_path)
    assert catalogue.latest("a").version == 2
    assert catalogue.get("a", 1).version == 1
    with pytest.raises(UserError, match="Falta la definición a v3"):
        catalogue.get("a", 3)
    with pytest.raises(UserError, match="No existe el formulario «b»"):
        catalogue.latest("b")
    (tmp_path / "a.copia.json").write_text(
        json.dumps(raw(text("x"), form_id="a", version=2)), encoding="utf-8"
    )
    with pytest.raises(DefinitionError, match="a v2 está definido dos veces"):
        load_catalogue(tmp_path)


def test_fixed_table_can_title_its_row_label_column():
    definition = build({
        "id": "pruebas", "kind": "fixed_table", "label": "Pruebas", "row_header": "Prueba",
        "rows": [{"id": "orina", "label": "Orina"}], "columns": [{"id": "fecha", "label": "Fecha", "kind": "date"}],
    })  # fmt: skip
    assert definition.field("pruebas").row_header == "Prueba"


# -- visibility and requirement ---------------------------------------------------------

HIJOS = [
    {"id": "tiene_hijos", "kind": "yes_no", "label": "Tiene hijos"},
    {"id": "numero_hijos", "kind": "number", "label": "Número de hijos", "minimum": 1, "required": True,
     "visible_when": {"field": "tiene_hijos", "equals": True}},
]  # fmt: skip


def test_hidden_field_is_neither_required_nor_checked():
    definition = build(*HIJOS)
    for data in ({"tiene_hijos": False}, {"tiene_hijos": False, "numero_hijos": "muchos"}, {}):
        assert not is_visible(definition, definition.field("numero_hijos"), data)
        assert check_form(definition, data).errors == {}


def test_visible_field_is_required_and_checked():
    definition = build(*HIJOS)
    assert check_form(definition, {"tiene_hijos": True}).errors == {
        "numero_hijos": REQUIRED_MESSAGE
    }
    errors = check_form(definition, {"tiene_hijos": True, "numero_hijos": "muchos"}).errors
    assert errors == {"numero_hijos": "«muchos» no es un número: escríbalo con cifras."}
    assert check_form(definition, {"tiene_hijos": True, "numero_hijos": 2}).errors == {}


def test_required_when_names_its_rule_in_the_message():
    definition = build(
        {"id": "ptm", "kind": "yes_no", "label": "PTM"},
        {"id": "dosis", "kind": "number", "label": "Dosis", "required_when": {"field": "ptm", "equals": True, "rule": "PTM"}},
    )  # fmt: skip
    result = check_form(definition, {"ptm": True})
    assert result.errors == {"dosis": "Obligatorio. (PTM)"}
    assert result.missing == ["dosis"]
    assert check_form(definition, {"ptm": False}).errors == {}
    assert check_form(definition, {}).errors == {}
    assert check_form(definition, {"ptm": True, "dosis": 0}).errors == {}


def test_required_when_any_of():
    definition = build(
        {"id": "salida", "kind": "choice", "label": "Salida", "options": [
            {"code": "AV", "label": "Alta voluntaria"}, {"code": "AT", "label": "Alta terapéutica"},
            {"code": "EX", "label": "Expulsión"},
        ]},
        text("motivo", required_when={"field": "salida", "any_of": ["AV", "EX"]}),
    )  # fmt: skip
    field = definition.field("motivo")
    assert is_required(field, {"salida": "EX"})
    assert is_required(field, {"salida": "AV"})
    assert not is_required(field, {"salida": "AT"})
    assert not is_required(field, {})


def test_required_yes_no_answered_no_is_not_missing():
    definition = build({"id": "acepta", "kind": "yes_no", "label": "Acepta", "required": True})
    assert check_form(definition, {"acepta": False}).errors == {}
    assert check_form(definition, {}).missing == ["acepta"]
    assert check_form(definition, {"acepta": "sí"}).errors == {"acepta": "Marque sí o no."}


def test_required_rows_of_a_fixed_table():
    definition = build({
        "id": "pruebas", "kind": "fixed_table", "label": "Pruebas", "required": True, "required_rows": ["orina"],
        "rows": [{"id": "orina", "label": "Orina"}, {"id": "otras", "label": "Otras"}],
        "columns": [{"id": "resultado", "label": "Resultado"}],
    })  # fmt: skip
    assert check_form(definition, {"pruebas": {"otras": {"resultado": "x"}}}).missing == ["pruebas"]
    assert check_form(definition, {"pruebas": {"orina": {"resultado": "normal"}}}).errors == {}


# -- value checks -----------------------------------------------------------------------


def test_text_too_long_is_refused():
    definition = build(
        text("codigo", max_length=10),
        text("nombre"),
        {"id": "notas", "kind": "long_text", "label": "Notas"},
    )
    result = check_form(
        definition, {"codigo": "x" * 11, "nombre": "y" * 201, "notas": "z" * 20_000}
    )
    assert result.errors == {
        "codigo": "Demasiado largo: 11 caracteres, el máximo es 10.",
        "nombre": "Demasiado largo: 201 caracteres, el máximo es 200.",
    }
    assert check_form(definition, {"codigo": "x" * 10, "nombre": "y" * 200}).errors == {}


def test_text_that_is_not_text_is_refused():
    definition = build(text("nombre"))
    assert check_form(definition, {"nombre": 12}).errors == {"nombre": "Escriba un texto."}


def test_date_in_the_future_is_refused_when_today_is_given():
    definition = build({"id": "fecha", "kind": "date", "label": "Fecha"})
    future = {"fecha": "16/01/2026"}
    assert check_form(definition, future, today=TODAY).errors == {
        "fecha": "La fecha no puede ser posterior a hoy."
    }
    assert check_form(definition, future).errors == {}
    assert check_form(definition, {"fecha": "15/01/2026"}, today=TODAY).errors == {}
    assert check_form(definition, {"fecha": date(2026, 1, 16)}, today=TODAY).errors


def test_impossible_or_unreadable_dates_are_refused():
    definition = build({"id": "fecha", "kind": "date", "label": "Fecha"})
    assert check_form(definition, {"fecha": "31/02/2025"}).errors == {
        "fecha": "La fecha 31/02/2025 no existe en el calendario."
    }
    assert check_form(definition, {"fecha": "ayer"}).errors == {
        "fecha": "«ayer» no es una fecha: escríbala como dd/mm/aaaa."
    }
    assert check_form(definition, {"fecha": "2025-02-28"}).errors == {}


def test_number_out_of_range_is_refused():
    definition = build(
        {
            "id": "dosis",
            "kind": "number",
            "label": "Dosis",
            "unit": "mg/día",
            "minimum": 0,
            "maximum": 1000,
        }
    )
    assert check_form(definition, {"dosis": 1001}).errors == {
        "dosis": "El valor máximo es 1000 mg/día."
    }
    assert check_form(definition, {"dosis": -1}).errors == {"dosis": "El valor mínimo es 0 mg/día."}
    assert check_form(definition, {"dosis": "dos"}).errors == {
        "dosis": "«dos» no es un número: escríbalo con cifras."
    }
    assert check_form(definition, {"dosis": True}).errors
    for fine in (0, 1000, "62,5", "62.5", 80.0):
        assert check_form(definition, {"dosis": fine}).errors == {}, fine


@pytest.mark.parametrize("typed", ["nan", "inf", "-Infinity"])
def test_number_refuses_nan_and_infinity(typed):
    definition = build({"id": "dosis", "kind": "number", "label": "Dosis"})
    assert check_form(definition, {"dosis": typed}).errors


def test_choice_and_multi_choice_refuse_unknown_codes():
    options = [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]
    definition = build(
        {"id": "una", "kind": "choice", "label": "Una", "options": options},
        {"id": "varias", "kind": "multi_choice", "label": "Varias", "options": options},
    )
    assert check_form(definition, {"una": "a", "varias": ["a", "b"]}).errors == {}
    assert check_form(definition, {"una": "c", "varias": ["a", "c"]}).errors == {
        "una": "Elija una de las opciones de la lista.",
        "varias": "Marque solo opciones de la lista.",
    }
    assert check_form(definition, {"varias": "a"}).errors == {
        "varias": "Marque solo opciones de la lista."
    }


def test_scale_item_stores_the_score():
    definition = build(
        {"id": "trato", "kind": "scale_item", "label": "Trato", "options": SCALE_OPTIONS}
    )
    assert check_form(definition, {"trato": 2}).errors == {}
    assert check_form(definition, {"trato": "a"}).errors == {
        "trato": "Marque una de las tres respuestas."
    }


def test_free_table_cell_that_is_not_a_date_is_refused():
    definition = build({
        "id": "tratamientos", "kind": "free_table", "label": "Tratamientos",
        "columns": [{"id": "numero", "label": "Número", "kind": "number"},
                    {"id": "inclusion", "label": "Fecha de inclusión", "kind": "date"},
                    {"id": "reinicio", "label": "Reinicio", "kind": "yes_no"}],
    })  # fmt: skip
    good = [{"numero": 1, "inclusion": "03/02/2020", "reinicio": False}, {"numero": 2}]
    assert check_form(definition, {"tratamientos": good}).errors == {}
    bad = [*good, {"numero": 3, "inclusion": "el año pasado"}]
    assert check_form(definition, {"tratamientos": bad}).errors == {
        "tratamientos": "Fecha de inclusión: «el año pasado» no es una fecha: escríbala como dd/mm/aaaa."
    }
    assert check_form(definition, {"tratamientos": [{"reinicio": "quizá"}]}).errors == {
        "tratamientos": "Reinicio: Marque sí o no."
    }
    assert check_form(definition, {"tratamientos": {"numero": 1}}).errors == {
        "tratamientos": "La tabla no tiene el formato esperado."
    }


def test_fixed_table_cells_are_checked_by_column():
    definition = build({
        "id": "consumo", "kind": "fixed_table", "label": "Consumo",
        "rows": [{"id": "tabaco", "label": "Tabaco"}],
        "columns": [{"id": "inicio", "label": "Año de inicio", "kind": "number"},
                    {"id": "via", "label": "Vía", "kind": "choice", "options": [{"code": "oral", "label": "Oral"}]}],
    })  # fmt: skip
    assert (
        check_form(definition, {"consumo": {"tabaco": {"inicio": 1999, "via": "oral"}}}).errors
        == {}
    )
    assert check_form(definition, {"consumo": {"tabaco": {"via": "nasal"}}}).errors == {
        "consumo": "Vía: Elija una de las opciones de la lista."
    }


def test_static_text_and_signatures_hold_no_data():
    definition = build(
        {"id": "aviso", "kind": "static_text", "text": "Lea esto.", "required": True},
        {"id": "firmas", "kind": "signatures", "signers": ["Usuario/a"], "required": True},
    )
    assert check_form(definition, {}).errors == {}


# -- summary ----------------------------------------------------------------------------


def test_summary_counts_missing_fields_plural_and_singular():
    definition = build(*(text(name, required=True) for name in ("a", "b", "c")))
    result = check_form(definition, {})
    assert result.missing == ["a", "b", "c"]
    assert result.summary() == "Faltan 3 campos obligatorios."
    assert check_form(definition, {"a": "x", "b": "y"}).summary() == "Falta 1 campo obligatorio."
    assert (
        check_form(definition, {"a": "x", "b": "y", "c": "z"}).summary() == "Formulario completo."
    )


def test_summary_counts_fields_to_correct_apart_from_missing_ones():
    definition = build(
        text("a", required=True),
        text("b", required=True),
        text("c", max_length=1),
        {"id": "d", "kind": "number", "label": "D", "maximum": 1},
    )
    assert check_form(definition, {"c": "xx"}).summary() == (
        "Faltan 2 campos obligatorios, 1 campo por corregir."
    )
    assert (
        check_form(definition, {"a": "x", "b": "y", "c": "xx", "d": 5}).summary()
        == "2 campos por corregir."
    )


def test_summary_mentions_warnings_of_a_complete_form():
    assert FormCheck(warnings={"pruebas": "…"}).summary() == "Formulario completo. 1 aviso(s)."
    assert FormCheck(warnings={"pruebas": "…"}).complete


# -- prefill ----------------------------------------------------------------------------

PREFILL_FIELDS = [
    text("nombre", source="participant.first_name"),
    {"id": "nacimiento", "kind": "date", "label": "Nacimiento", "source": "participant.birth_date"},
    {"id": "ptm", "kind": "yes_no", "label": "PTM", "source": "participant.ptm"},
    text("vivienda", source="vivienda.name"),
    text("sin_dato", source="participant.nothing"),
    text("libre"),
]
CONTEXT = {
    "participant": {"first_name": "José", "birth_date": date(1985, 3, 7), "ptm": False},
    "vivienda": {"name": "VAR Triana"},
}


def test_prefill_fills_from_the_records_and_keeps_typed_values():
    definition = build(*PREFILL_FIELDS)
    assert prefill(definition, CONTEXT) == {
        "nombre": "José",
        "nacimiento": "1985-03-07",
        "ptm": False,
        "vivienda": "VAR Triana",
    }
    typed = {"nombre": "Pepe", "ptm": True, "vivienda": "  ", "libre": "nota"}
    filled = prefill(definition, CONTEXT, typed)
    assert filled == {
        "nombre": "Pepe",
        "nacimiento": "1985-03-07",
        "ptm": True,
        "vivienda": "VAR Triana",
        "libre": "nota",
    }
    assert typed["vivienda"] == "  "  # the caller's dict is not changed


def test_resolve_source_follows_dotted_paths():
    assert resolve_source(CONTEXT, "vivienda.name") == "VAR Triana"
    assert resolve_source(CONTEXT, "vivienda.name.more") is None
    assert resolve_source(CONTEXT, "installation.name") is None


# -- fill_text --------------------------------------------------------------------------


def test_fill_text_replaces_placeholders_with_shown_values():
    definition = build(
        text("nombre"),
        {"id": "nacimiento", "kind": "date", "label": "Nacimiento"},
        {"id": "acepta", "kind": "yes_no", "label": "Acepta"},
        {"id": "sexo", "kind": "choice", "label": "Sexo", "options": [{"code": "M", "label": "Mujer"}]},
        {"id": "dosis", "kind": "number", "label": "Dosis", "unit": "mg/día"},
        text("centro"),
        {"id": "consentimiento", "kind": "static_text",
         "text": "Yo, {nombre}, nacida el {nacimiento} ({sexo}), acepto: {acepta}; dosis {dosis}; en {centro}; {otro}."},
    )  # fmt: skip
    data = {"nombre": "Ana", "nacimiento": "1990-12-01", "acepta": True, "sexo": "M", "dosis": 60}
    template = definition.field("consentimiento").text
    assert fill_text(template, data, definition) == (
        "Yo, Ana, nacida el 01/12/1990 (Mujer), acepto: Sí; dosis 60 mg/día; en …………………; {otro}."
    )
    assert "acepto: No;" in fill_text(template, data | {"acepta": False}, definition)


def test_a_definition_round_trips_through_its_json_file(tmp_path):
    definition = build(*PREFILL_FIELDS)
    path = tmp_path / "prueba.v1.json"
    path.write_text(definition.model_dump_json(), encoding="utf-8")
    assert load_definition(path) == definition
