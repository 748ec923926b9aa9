"""The participant's data as a form: one widget per field, its message beside it.

Used by the "Nueva ficha" dialog and by the Datos tab. It only reads and writes a
`ParticipantDraft`; the rules that judge it live in `domain.participant`.
"""

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain import enums
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.participant import TEXT_LIMITS, ParticipantDraft
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str  # text, date, choice, combo (editable), bool, number, long, ref
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False


def _free(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in values)


GROUPS: tuple[tuple[str, tuple[FieldSpec, ...]], ...] = (
    (
        tr("Identificación"),
        (
            FieldSpec("first_name", tr("Nombre"), "text", required=True),
            FieldSpec("surname1", tr("Primer apellido"), "text", required=True),
            FieldSpec("surname2", tr("Segundo apellido"), "text"),
            FieldSpec("birth_date", tr("Fecha de nacimiento"), "date", required=True),
            FieldSpec(
                "sex",
                tr("Sexo"),
                "choice",
                (("", tr("— elija —")),) + tuple(enums.Sex.choices()),
                required=True,
            ),
            FieldSpec("gender_identity", tr("Identidad de género (opcional)"), "text"),
            FieldSpec("id_kind", tr("Tipo de documento"), "choice", tuple(enums.IdKind.choices())),
            FieldSpec("id_number", tr("Número de documento"), "text"),
        ),
    ),
    (
        tr("Domicilio y contacto"),
        (
            FieldSpec("address", tr("Dirección"), "text"),
            FieldSpec("municipality", tr("Municipio de residencia"), "text"),
            FieldSpec("province", tr("Provincia"), "combo", _free(("",) + enums.SPANISH_PROVINCES)),
            FieldSpec("phone", tr("Teléfono"), "text"),
            FieldSpec("family_contact", tr("Familiar responsable"), "text"),
            FieldSpec("family_phone", tr("Teléfono del familiar"), "text"),
        ),
    ),
    (
        tr("Perfil y situación"),
        (
            FieldSpec(
                "addiction_profile",
                tr("Perfil (sustancia principal)"),
                "combo",
                _free(("",) + enums.ADDICTION_PROFILES),
            ),
            FieldSpec("ptm", tr("En programa de tratamiento con metadona (PTM)"), "bool"),
            FieldSpec("methadone_dose_mg", tr("Dosis actual de metadona (mg/día)"), "number"),
            FieldSpec("hiv_status", tr("Estado VIH"), "choice", tuple(enums.HivStatus.choices())),
            FieldSpec("prison_origin", tr("Procede de prisión"), "bool"),
            FieldSpec("court_order", tr("Con orden judicial de ingreso"), "bool"),
            FieldSpec("pending_judicial", tr("Procedimientos judiciales pendientes"), "bool"),
            FieldSpec("alternative_sentence", tr("Cumple medida alternativa a prisión"), "bool"),
            FieldSpec(
                "education_level",
                tr("Nivel de estudios"),
                "combo",
                _free(("",) + enums.EDUCATION_LEVELS),
            ),
            FieldSpec(
                "employment_situation",
                tr("Situación laboral"),
                "combo",
                _free(("",) + enums.EMPLOYMENT_SITUATIONS),
            ),
        ),
    ),
    (
        tr("Circuito y gestión del caso"),
        (
            FieldSpec(
                "status", tr("Situación"), "choice", tuple(enums.ParticipantStatus.choices())
            ),
            FieldSpec("referring_centre_id", tr("Centro derivador"), "ref"),
            FieldSpec("case_manager_id", tr("Gestor/a de caso"), "ref"),
            FieldSpec("vivienda_id", tr("Vivienda"), "ref"),
            FieldSpec("notes", tr("Observaciones"), "long"),
        ),
    ),
)


class ParticipantForm(QWidget):
    """Emits `changed` on every edit; `draft()` reads, `show_problems()` marks fields."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, columns: int = 1):
        """`columns`: how many group boxes side by side (2 in the wide "Nueva ficha" dialog)."""
        super().__init__(parent)
        self.inputs: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, (title, specs) in enumerate(GROUPS):
            box = QGroupBox(title)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for spec in specs:
                label = spec.label + (" *" if spec.required else "")
                form.addRow(label, self._field(spec))
            grid.addWidget(box, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        self._ptm_toggled()

    # -- building ------------------------------------------------------------------------

    def _field(self, spec: FieldSpec) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        widget = self._input(spec)
        widget.setObjectName(f"{spec.name}_input")
        error = QLabel()
        set_role(error, "error")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(widget)
        column.addWidget(error)
        self.inputs[spec.name] = widget
        self.error_labels[spec.name] = error
        return holder

    def _input(self, spec: FieldSpec) -> QWidget:
        if spec.kind in ("text", "date", "number"):
            edit = QLineEdit()
            if spec.name in TEXT_LIMITS:
                # One character over the limit is allowed so the message can explain it.
                edit.setMaxLength(TEXT_LIMITS[spec.name] + 1)
            if spec.kind == "date":
                edit.setPlaceholderText(tr("dd/mm/aaaa"))
            if spec.kind == "number":
                edit.setPlaceholderText(tr("mg/día"))
            edit.textChanged.connect(self.changed)
            return edit
        if spec.kind in ("choice", "combo", "ref"):
            combo = ComboBox()
            combo.setEditable(spec.kind == "combo")
            for value, label in spec.options:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(self.changed)
            if combo.isEditable():
                combo.editTextChanged.connect(self.changed)
            return combo
        if spec.kind == "bool":
            check = QCheckBox()
            check.toggled.connect(self.changed)
            if spec.name == "ptm":
                check.toggled.connect(self._ptm_toggled)
            return check
        edit_long = QPlainTextEdit()
        edit_long.setFixedHeight(70)
        edit_long.textChanged.connect(self.changed)
        return edit_long

    def set_references(
        self,
        *,
        referring_centres: list[tuple[str, str]],
        case_managers: list[tuple[str, str]],
        viviendas: list[tuple[str, str]],
    ) -> None:
        """Fill the three catalogue lists: (id, label) pairs."""
        for name, items, empty in (
            ("referring_centre_id", referring_centres, tr("— sin centro derivador —")),
            ("case_manager_id", case_managers, tr("— sin asignar —")),
            ("vivienda_id", viviendas, tr("— ninguna —")),
        ):
            combo = self.inputs[name]
            assert isinstance(combo, QComboBox)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(empty, None)
            for record_id, label in items:
                combo.addItem(label, record_id)
            combo.blockSignals(False)

    def _ptm_toggled(self) -> None:
        ptm = self.inputs["ptm"]
        assert isinstance(ptm, QCheckBox)
        self.inputs["methadone_dose_mg"].setEnabled(ptm.isChecked())

    # -- reading and writing -----------------------------------------------------------

    def draft(self) -> tuple[ParticipantDraft, dict[str, str]]:
        """The draft as typed, and the problems found just reading it (e.g. a dose that is no number)."""
        values: dict[str, object] = {}
        problems: dict[str, str] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QLineEdit):
                text = widget.text()
                if name == "methadone_dose_mg":
                    text = text.strip()
                    if not text:
                        values[name] = None
                    elif text.isdigit():
                        values[name] = int(text)
                    else:
                        problems[name] = tr("Escriba la dosis en mg/día con cifras, sin decimales.")
                        values[name] = None
                else:
                    values[name] = text
            elif isinstance(widget, QComboBox):
                if widget.isEditable():
                    values[name] = widget.currentText()
                else:
                    values[name] = (
                        widget.currentData()
                        if widget.currentData() is not None
                        else (None if name.endswith("_id") else "")
                    )
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
        return ParticipantDraft(**values), problems  # type: ignore[arg-type]

    def set_draft(self, draft: ParticipantDraft) -> None:
        self.blockSignals(True)
        for name, widget in self.inputs.items():
            value = getattr(draft, name)
            if isinstance(widget, QLineEdit):
                if isinstance(value, date):
                    value = format_date_es(value)
                widget.setText("" if value is None else str(value))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                if widget.isEditable():
                    widget.setCurrentText(value or "")
                else:
                    widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
        self.blockSignals(False)
        self._ptm_toggled()
        self.show_problems({})

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show each message beside its field; focus the first field with a problem."""
        first = None
        for name, label in self.error_labels.items():
            message = problems.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            if message and first is None:
                first = self.inputs[name]
        if first is not None:
            first.setFocus()

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.inputs.values():
            widget.setEnabled(not read_only)
        if not read_only:
            self._ptm_toggled()
