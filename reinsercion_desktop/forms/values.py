"""Reading and checking one field's value (dates stored ISO, typed dd/mm/aaaa)."""

import math
import re
from datetime import date
from typing import Any

from reinsercion_desktop.domain.dates import DateInputError, parse_date_es
from reinsercion_desktop.forms.schema import Column, FieldDef

DEFAULT_TEXT_LIMIT = 200
_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
DEFAULT_LONG_TEXT_LIMIT = 20_000


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return all(
            is_empty(item) for item in (value.values() if isinstance(value, dict) else value)
        )
    return False


def as_date(value: Any) -> date | None:
    """A stored or typed date, or None when empty or unreadable."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_date_es(value)
    except DateInputError:
        return None


def cell_problem(kind: str, value: Any, options: list | None = None) -> str | None:
    """A Spanish message when a single value cannot be of its kind (empty is fine here)."""
    if is_empty(value):
        return None
    if kind == "date":
        if isinstance(value, date):
            return None
        try:
            parse_date_es(str(value))
        except DateInputError as error:
            return str(error)
    elif kind == "number":
        if isinstance(value, bool) or number_of(value) is None:
            return f"«{value}» no es un número: escríbalo con cifras."
    elif kind == "choice" and options and value not in {option.code for option in options}:
        return "Elija una de las opciones de la lista."
    elif kind == "yes_no" and not isinstance(value, bool):
        return "Marque sí o no."
    return None


def number_of(value: Any) -> float | None:
    """A finite number from a stored or typed value ("12,5" too); None otherwise."""
    if is_empty(value) or isinstance(value, bool):
        return None
    text = str(value).strip().replace(" ", "")
    if "," in text:  # Spanish: "1.234,5" → 1234.5
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(text):  # "1.000" is a thousand, not one
        text = text.replace(".", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None  # "nan" and "inf" are not quantities


def field_problem(field: FieldDef, value: Any) -> str | None:
    """What is wrong with a field's value, ignoring whether it is required."""
    kind = field.kind
    if is_empty(value):
        return None
    if kind in ("text", "long_text"):
        limit = field.max_length or (
            DEFAULT_LONG_TEXT_LIMIT if kind == "long_text" else DEFAULT_TEXT_LIMIT
        )
        if not isinstance(value, str):
            return "Escriba un texto."
        if len(value) > limit:
            return f"Demasiado largo: {len(value)} caracteres, el máximo es {limit}."
        return None
    if kind == "number":
        problem = cell_problem("number", value)
        if problem:
            return problem
        number = number_of(value)
        assert number is not None
        if field.minimum is not None and number < field.minimum:
            return (
                f"El valor mínimo es {field.minimum:g}{(' ' + field.unit) if field.unit else ''}."
            )
        if field.maximum is not None and number > field.maximum:
            return (
                f"El valor máximo es {field.maximum:g}{(' ' + field.unit) if field.unit else ''}."
            )
        return None
    if kind in ("date", "choice", "yes_no"):
        return cell_problem(kind, value, field.options)
    if kind == "multi_choice":
        codes = {option.code for option in field.options}
        if not isinstance(value, list) or any(item not in codes for item in value):
            return "Marque solo opciones de la lista."
        return None
    if kind == "scale_item":
        if value not in {option.score for option in field.options}:
            return "Marque una de las tres respuestas."
        return None
    if kind == "fixed_table":
        return _table_problem(
            field.columns, list((value or {}).values()) if isinstance(value, dict) else None
        )
    if kind == "free_table":
        return _table_problem(field.columns, value if isinstance(value, list) else None)
    return None


def _table_problem(columns: list[Column], rows: list | None) -> str | None:
    if rows is None:
        return "La tabla no tiene el formato esperado."
    for row in rows:
        if not isinstance(row, dict):
            return "La tabla no tiene el formato esperado."
        for column in columns:
            problem = cell_problem(column.kind, row.get(column.id), column.options)
            if problem:
                return f"{column.label}: {problem}"
    return None


def display_value(field: FieldDef | Column, value: Any) -> str:
    """A value as printed and shown: dates dd/mm/aaaa, options by label, Sí/No."""
    if is_empty(value):
        return ""
    kind = field.kind
    if kind == "date":
        parsed = as_date(value)
        return parsed.strftime("%d/%m/%Y") if parsed else str(value)
    if kind == "yes_no":
        return "Sí" if value else "No"
    if kind == "choice":
        for option in field.options:
            if option.code == value:
                return option.label
    if kind == "multi_choice":
        labels = {option.code: option.label for option in field.options}
        return ", ".join(labels.get(code, code) for code in value)
    if kind == "scale_item":  # stored as the score, shown as the answer
        for option in field.options:
            if option.score == value:
                return option.label
    if kind == "number" and isinstance(field, FieldDef) and field.unit:
        return f"{value} {field.unit}"
    return str(value)
