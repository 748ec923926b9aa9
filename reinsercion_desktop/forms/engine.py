"""What a filled form is worth: visible and required fields, problems, completeness, prefill."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reinsercion_desktop.forms.rules import RULES, RuleFindings
from reinsercion_desktop.forms.schema import FieldDef, FormDefinition
from reinsercion_desktop.forms.values import as_date, field_problem, is_empty

REQUIRED_MESSAGE = "Obligatorio."


@dataclass
class FormCheck:
    """Field id → Spanish message. `missing` are required fields left empty, in form order."""

    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """ "faltan 3 campos obligatorios", the line the editor shows."""
        if not self.errors:
            return "Formulario completo." + (
                f" {len(self.warnings)} aviso(s)." if self.warnings else ""
            )
        parts = []
        if self.missing:
            parts.append(
                "falta 1 campo obligatorio"
                if len(self.missing) == 1
                else f"faltan {len(self.missing)} campos obligatorios"
            )
        others = len(self.errors) - len(self.missing)
        if others:
            parts.append("1 campo por corregir" if others == 1 else f"{others} campos por corregir")
        return ", ".join(parts).capitalize() + "."


def is_visible(definition: FormDefinition, field_def: FieldDef, data: dict) -> bool:
    """A field shows when its own condition and its section's condition hold."""
    for condition in (definition.section_of(field_def.id).visible_when, field_def.visible_when):
        if condition is not None and not condition.holds(data.get(condition.field)):
            return False
    return True


def is_required(field_def: FieldDef, data: dict) -> bool:
    if field_def.required:
        return True
    condition = field_def.required_when
    return condition is not None and condition.holds(data.get(condition.field))


def check_form(definition: FormDefinition, data: dict, *, today: date | None = None) -> FormCheck:
    """Every problem of a filled form: bad values, empty required fields, the form's rules."""
    result = FormCheck()
    for field_def in definition.fields():
        if not field_def.holds_data or not is_visible(definition, field_def, data):
            continue
        value = data.get(field_def.id)
        problem = field_problem(field_def, value)
        if problem:
            result.errors[field_def.id] = problem
            continue
        if (
            field_def.kind == "date"
            and not field_def.allow_future
            and today
            and (parsed := as_date(value))
            and parsed > today
        ):
            result.errors[field_def.id] = "La fecha no puede ser posterior a hoy."
            continue
        order = _date_order_problem(definition, field_def, data)
        if order:
            result.errors[field_def.id] = order
            continue
        refused = _option_not_offered(field_def, value, data)
        if refused:
            result.errors[field_def.id] = refused
            continue
        required = is_required(field_def, data)
        if required and _is_missing(field_def, value):
            condition = field_def.required_when
            why = f" ({condition.rule})" if condition and condition.rule else ""
            result.errors[field_def.id] = REQUIRED_MESSAGE + why
            result.missing.append(field_def.id)
    findings = RuleFindings()
    for rule_id in definition.rules:
        RULES[rule_id](data, findings)
    for field_id, message in findings.errors.items():
        result.errors.setdefault(field_id, message)
    result.warnings.update(findings.warnings)
    return result


def offered_options(field_def: FieldDef, data: dict) -> list:
    """The options this form offers: those without a condition or whose condition holds."""
    return [
        option
        for option in field_def.options
        if option.offered_when is None
        or option.offered_when.holds(data.get(option.offered_when.field))
    ]


def _option_not_offered(field_def: FieldDef, value: Any, data: dict) -> str:
    chosen = value if isinstance(value, list) else [value]
    for option in field_def.options:
        if option.code in chosen and option not in offered_options(field_def, data):
            rule = option.offered_when.rule if option.offered_when else ""
            why = f" ({rule})" if rule else ""
            return f"«{option.label}» no se admite en este programa{why}."
    return ""


def _date_order_problem(definition: FormDefinition, field_def: FieldDef, data: dict) -> str:
    """A date declared `not_before` another cannot precede it (the discharge, the admission)."""
    if not field_def.not_before:
        return ""
    this, other = as_date(data.get(field_def.id)), as_date(data.get(field_def.not_before))
    if this is None or other is None or this >= other:
        return ""
    earlier = definition.field(field_def.not_before).label.lower()
    return f"{field_def.label} no puede ser anterior a la {earlier}: corrija una de las dos."


def _is_missing(field_def: FieldDef, value: Any) -> bool:
    if field_def.kind == "fixed_table" and field_def.required_rows:
        rows = value if isinstance(value, dict) else {}
        return any(is_empty(rows.get(row_id)) for row_id in field_def.required_rows)
    if field_def.kind == "yes_no":
        return value is None
    return is_empty(value)


def resolve_source(context: dict, path: str) -> Any:
    """ "participant.first_name" → context["participant"]["first_name"] (None if absent)."""
    current: Any = context
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def prefill(definition: FormDefinition, context: dict, data: dict | None = None) -> dict:
    """Fill the fields that come from the records, keeping anything already typed."""
    filled = dict(data or {})
    for field_def in definition.fields():
        if field_def.source and is_empty(filled.get(field_def.id)):
            value = resolve_source(context, field_def.source)
            if isinstance(value, date):
                value = value.isoformat()
            if value is not None:
                filled[field_def.id] = value
    return filled


BLANK_IN_TEXT = "…………………"


class _Shown(str):
    """A value as shown, that also answers a choice spec by its code:
    `{sexo:H=D.|M=D.ª|D./D.ª}` gives «D.» for H, «D.ª» for M, the last text otherwise."""

    code: Any = None

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        *pairs, default = spec.split("|")
        for pair in pairs:
            code, _, text = pair.partition("=")
            if code == str(self.code):
                return text
        return default


def fill_text(
    template: str, data: dict, definition: FormDefinition, *, blank: str = BLANK_IN_TEXT
) -> str:
    """A static text with its {field} placeholders replaced by the shown values (`blank`
    when empty). `**bold**` marks are for paper (pdf/form_blocks) and dropped here."""
    from reinsercion_desktop.forms.values import display_value

    class Values(dict):
        def __missing__(self, key: str) -> str:
            try:
                field_def = definition.field(key)
            except KeyError:
                return "{" + key + "}"
            shown = _Shown(display_value(field_def, data.get(key)) or blank)
            shown.code = data.get(key)
            return shown

    return template.replace("**", "").format_map(Values())


def section_means(definition: FormDefinition, data: dict) -> dict[str, float]:
    """Mean score of the answered scale items of each scored section (Anexo VII), 3 best.

    Unanswered items are left out; a section with no answer has no mean.
    """
    means: dict[str, float] = {}
    for section in definition.sections:
        scores = [
            data[field.id]
            for field in section.fields
            if field.kind == "scale_item" and isinstance(data.get(field.id), int)
        ]
        if scores:
            means[section.id] = sum(scores) / len(scores)
    return means
