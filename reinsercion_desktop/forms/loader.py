"""Loading the definitions in `forms/`: every file checked against the schema, by id and version."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reinsercion_desktop.domain.errors import UserError, describe_os_error
from reinsercion_desktop.forms.schema import FormDefinition

FORM_IDS = (
    "anexo-i",
    "anexo-ii",
    "anexo-iii",
    "anexo-iv",
    "anexo-v",
    "anexo-vi",
    "anexo-vii",
    "consentimiento",
    "valoracion-inicial",
    "acuerdo-incorporacion",
)


class DefinitionError(UserError):
    """A definition file that does not follow the schema: the message names file and place."""


@dataclass
class FormCatalogue:
    """Every version of every form; the newest is used for new forms."""

    versions: dict[str, dict[int, FormDefinition]] = field(default_factory=dict)

    def add(self, definition: FormDefinition) -> None:
        by_version = self.versions.setdefault(definition.id, {})
        if definition.version in by_version:
            raise DefinitionError(f"{definition.id} v{definition.version} está definido dos veces.")
        by_version[definition.version] = definition

    def latest(self, form_id: str) -> FormDefinition:
        if form_id not in self.versions:
            raise UserError(
                f"No existe el formulario «{form_id}». Formularios: {', '.join(sorted(self.versions))}."
            )
        by_version = self.versions[form_id]
        return by_version[max(by_version)]

    def get(self, form_id: str, version: int) -> FormDefinition:
        try:
            return self.versions[form_id][version]
        except KeyError:
            raise UserError(
                f"Falta la definición {form_id} v{version} con la que se rellenó este formulario."
            ) from None

    def ids(self) -> list[str]:
        return [form_id for form_id in FORM_IDS if form_id in self.versions] + sorted(
            set(self.versions) - set(FORM_IDS)
        )


FIX = "Corrija ese archivo de la carpeta de formularios o reinstale el programa."


def load_definition(path: Path) -> FormDefinition:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DefinitionError(
            f"{path.name}: no se puede leer ({describe_os_error(error)}). {FIX}"
        ) from error
    try:
        text = data.decode("utf-8-sig")  # a BOM (Notepad's UTF-8) is harmless
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DefinitionError(
            f"{path.name}: no está en UTF-8 (línea {line}; ¿se guardó como Latin-1 o ANSI?). "
            "Guárdelo de nuevo como UTF-8 o reinstale el programa."
        ) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise DefinitionError(
            f"{path.name}: no es JSON válido (línea {error.lineno}, columna {error.colno}). {FIX}"
        ) from error
    except (ValueError, RecursionError) as error:  # a number too long, nesting too deep
        raise DefinitionError(
            f"{path.name}: no es JSON válido ({type(error).__name__}). {FIX}"
        ) from None
    try:
        return FormDefinition.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "raíz"
        raise DefinitionError(
            _one_line(f"{path.name}: definición incorrecta en {where}: {_problem_es(first)}. {FIX}")
        ) from error


# pydantic's messages are English: the usual ones said in Spanish (found by fuzzing).
_PROBLEMS_ES = {
    "missing": "falta este dato",
    "extra_forbidden": "este dato no existe en las definiciones",
    "string_type": "tiene que ser un texto",
    "int_type": "tiene que ser un número entero",
    "int_parsing": "tiene que ser un número entero",
    "int_from_float": "tiene que ser un número entero",
    "float_type": "tiene que ser un número",
    "bool_type": "tiene que ser true o false",
    "bool_parsing": "tiene que ser true o false",
    "list_type": "tiene que ser una lista",
    "dict_type": "tiene que ser un objeto",
    "model_type": "tiene que ser un objeto",
    "model_attributes_type": "tiene que ser un objeto",
    "literal_error": "no es uno de los valores admitidos",
    "string_pattern_mismatch": "tiene caracteres no admitidos (minúsculas, cifras y guiones)",
    "greater_than_equal": "es demasiado pequeño",
    "greater_than": "es demasiado pequeño",
    "less_than_equal": "es demasiado grande",
    "less_than": "es demasiado grande",
}


def _problem_es(error: Any) -> str:
    if error["type"] == "value_error":  # the schema's own checks (forms/schema.py)
        return str(error.get("ctx", {}).get("error", error["msg"]))
    problem = _PROBLEMS_ES.get(error["type"], f"no es válido ({error['type']})")
    expected = error.get("ctx", {}).get("expected")
    if error["type"] == "literal_error" and expected:
        problem += f": {str(expected).replace(' or ', ' o ')}"
    return problem


def _one_line(text: str) -> str:
    """A key or value holding a line break must not break the message in two; nor can a
    100,000-character key fill the screen."""
    line = " ".join(text.split())
    return line if len(line) <= 600 else f"{line[:300]}…{line[-200:]}"


def load_catalogue(folder: Path) -> FormCatalogue:
    """All `*.json` definitions of a folder; the first bad one stops the load, loudly."""
    catalogue = FormCatalogue()
    for path in sorted(folder.glob("*.json")):
        catalogue.add(load_definition(path))
    return catalogue
