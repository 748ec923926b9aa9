"""The schema every form definition in `forms/` obeys (pydantic checks it at load time).

A definition is data: sections of fields of a few kinds. The editor, the validation
and the PDF are all generated from it, so a mistake here fails when the definition is
loaded (at start-up and in a test), never when someone prints.
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FieldKind = Literal[
    "text",  # one line
    "long_text",  # paragraphs that flow across pages
    "date",
    "number",  # with an optional unit ("mg/día")
    "choice",  # one of coded options
    "multi_choice",  # several coded options
    "yes_no",
    "fixed_table",  # fixed rows × typed columns (toxicological history, tests)
    "free_table",  # typed columns, rows added by hand (previous treatments)
    "scale_item",  # three-point item with scores, options printed in the given order
    "signatures",  # signature boxes for the named roles
    "static_text",  # fixed text, with {field} placeholders filled from the form
]
ColumnKind = Literal["text", "date", "number", "choice", "yes_no"]

_ID = r"^[a-z][a-z0-9_]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(Strict):
    """A test on another field's value; `rule` names the SPEC rule it serves (shown to users).

    One of: `filled` (true: has a value; false: is empty), `contains` (a multiple choice
    has this code ticked), `any_of` (the value is one of these), else `equals`.
    """

    field: str
    equals: Any = None
    any_of: list[Any] | None = None
    filled: bool | None = None
    contains: str | None = None
    rule: str = ""

    def holds(self, value: Any) -> bool:
        if self.filled is not None:
            has_value = value not in (None, "", [], {}) and not (
                isinstance(value, str) and not value.strip()
            )
            return has_value == self.filled
        if self.contains is not None:
            return isinstance(value, list) and self.contains in value
        if self.any_of is not None:
            return value in self.any_of
        return value == self.equals


class Option(Strict):
    code: str
    label: str
    score: int | None = None  # scale items: 1–3, 3 best
    # Offered only when this holds (the «Menor de 18» age group only outside a VAR, R-ADM-1).
    offered_when: Condition | None = None


class Column(Strict):
    id: str = Field(pattern=_ID)
    label: str
    kind: ColumnKind = "text"
    options: list[Option] = []
    width_mm: float | None = None


class Row(Strict):
    id: str = Field(pattern=_ID)
    label: str


class FieldDef(Strict):
    id: str = Field(pattern=_ID)
    kind: FieldKind
    label: str = ""
    help: str = ""
    required: bool = False
    required_when: Condition | None = None
    visible_when: Condition | None = None
    source: str = ""  # prefilled from the records: "participant.first_name", "installation.name"…
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    options: list[Option] = []
    rows: list[Row] = []
    row_header: str = ""  # fixed tables: title of the row-label column ("Prueba")
    columns: list[Column] = []
    required_rows: list[str] = []  # fixed tables: rows that must be filled (conditions apply)
    signers: list[str] = []
    text: str = ""
    width: Literal["full", "half"] = "full"
    allow_future: bool = False  # dates: planned dates may lie ahead; others may not
    not_before: str = ""  # dates: the id of a date this one cannot precede (alta ≥ ingreso)
    on_paper: bool = True  # false: edited on screen, printed only inside a static text

    @model_validator(mode="after")
    def _kind_has_what_it_needs(self) -> "FieldDef":
        kind = self.kind
        if kind in ("choice", "multi_choice", "scale_item") and not self.options:
            raise ValueError(f"field {self.id!r} ({kind}) needs options")
        if kind == "scale_item":
            scores = sorted(option.score or 0 for option in self.options)
            if scores != [1, 2, 3]:
                raise ValueError(f"scale item {self.id!r} needs scores 1, 2 and 3 once each")
        if kind == "fixed_table" and (not self.rows or not self.columns):
            raise ValueError(f"fixed table {self.id!r} needs rows and columns")
        if kind == "free_table" and not self.columns:
            raise ValueError(f"free table {self.id!r} needs columns")
        if kind == "signatures" and not self.signers:
            raise ValueError(f"signatures {self.id!r} need signers")
        if kind == "static_text" and not self.text:
            raise ValueError(f"static text {self.id!r} needs text")
        if kind not in ("static_text", "signatures") and not self.label:
            raise ValueError(f"field {self.id!r} needs a label")
        unknown_rows = set(self.required_rows) - {row.id for row in self.rows}
        if unknown_rows:
            raise ValueError(
                f"field {self.id!r}: required_rows {sorted(unknown_rows)} are not rows"
            )
        for column in self.columns:
            if column.kind == "choice" and not column.options:
                raise ValueError(f"column {column.id!r} of {self.id!r} needs options")
        return self

    @property
    def holds_data(self) -> bool:
        return self.kind not in ("static_text", "signatures")


class Section(Strict):
    id: str = Field(pattern=_ID)
    title: str
    intro: str = ""
    visible_when: Condition | None = None  # the whole section (an annex) may not apply
    fields: list[FieldDef]


class FormDefinition(Strict):
    """One form, one version. Filled forms keep the version they were filled with."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: int = Field(ge=1)
    title: str
    subtitle: str = ""
    owner: Literal["participant", "vivienda_month"] = "participant"
    rules: list[str] = []  # rule ids checked by forms.rules (R-REF-2…)
    sections: list[Section]
    closing_text: str = ""
    # The footer's notice: "personal" (health and justice data of a person, RGPD art. 9)
    # or "anonymous" (a questionnaire answered without a name, Anexo VII).
    confidentiality: Literal["personal", "anonymous"] = "personal"

    @model_validator(mode="after")
    def _ids_and_conditions_hold_together(self) -> "FormDefinition":
        ids = [field.id for section in self.sections for field in section.fields]
        duplicates = {fid for fid in ids if ids.count(fid) > 1}
        if duplicates:
            raise ValueError(f"repeated field ids: {sorted(duplicates)}")
        section_ids = [section.id for section in self.sections]
        if len(section_ids) != len(set(section_ids)):
            raise ValueError("repeated section ids")
        for section in self.sections:
            if section.visible_when is not None and section.visible_when.field not in ids:
                raise ValueError(
                    f"section {section.id!r}: condition on unknown field {section.visible_when.field!r}"
                )
        for field in self.fields():
            if field.not_before and (
                field.kind != "date" or field.not_before not in ids or field.not_before == field.id
            ):
                raise ValueError(f"field {field.id!r}: not_before needs another date field")
            option_conditions = [o.offered_when for o in field.options if o.offered_when]
            for condition in (field.required_when, field.visible_when, *option_conditions):
                if condition is not None and condition.field not in ids:
                    raise ValueError(
                        f"field {field.id!r}: condition on unknown field {condition.field!r}"
                    )
        from reinsercion_desktop.forms.rules import RULES

        unknown = set(self.rules) - set(RULES)
        if unknown:
            raise ValueError(f"unknown rules {sorted(unknown)}")
        return self

    def fields(self) -> list[FieldDef]:
        return [field for section in self.sections for field in section.fields]

    def section_of(self, field_id: str) -> Section:
        for section in self.sections:
            if any(field.id == field_id for field in section.fields):
                return section
        raise KeyError(field_id)

    def field(self, field_id: str) -> FieldDef:
        for field in self.fields():
            if field.id == field_id:
                return field
        raise KeyError(field_id)

    @property
    def label(self) -> str:
        return f"{self.title} (v{self.version})"
