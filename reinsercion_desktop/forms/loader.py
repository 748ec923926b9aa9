"""Loading the definitions in `forms/`: every file checked against the schema, by id and version."""

import json
from dataclasses import dataclass, field
from pathlib import Path

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
            f"{path.name}: definición incorrecta en {where}: {first['msg']}. {FIX}"
        ) from error


def load_catalogue(folder: Path) -> FormCatalogue:
    """All `*.json` definitions of a folder; the first bad one stops the load, loudly."""
    catalogue = FormCatalogue()
    for path in sorted(folder.glob("*.json")):
        catalogue.add(load_definition(path))
    return catalogue
