"""The participant's data as a form: one widget per field, its message beside it.

Used by the "Nueva ficha" dialog and by the Datos tab. It only reads and writes a
`ParticipantDraft`; the rules that judge it live in `domain.participant`.
"""

from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain import enums
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.participant import TEXT_LIMITS, ParticipantDraft
from reinsercion_desktop.services.field_labels import PARTICIPANT_LABELS
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


def _spec(
    name: str, kind: str, options: tuple[tuple[str, str], ...] = (), *, required: bool = False
) -> FieldSpec:
    """A field labelled as the service layer names it (the audit viewer says the same)."""
    return FieldSpec(name, tr(PARTICIPANT_LABELS[name]), kind, options, required)


def _free(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in values)


GROUPS: tuple[tuple[str, tuple[FieldSpec, ...]], ...] = (
    (
        tr("Identificación"),
        (
            _spec("first_name", "text", required=True),
            _spec("surname1", "text", required=True),
            _spec("surname2", "text"),
            _spec("birth_date", "date", required=True),
            _spec(
                "sex",
                "choice",
                (("", tr("— elija —")),) + tuple(enums.Sex.choices()),
                required=True,
            ),
            _spec("gender_identity", "text"),
            _spec("id_kind", "choice", tuple(enums.IdKind.choices())),
            _spec("id_number", "text"),
        ),
    ),
    (
        tr("Domicilio y contacto"),
        (
            _spec("address", "text"),
            _spec("municipality", "text"),
            _spec("province", "combo", _free(("",) + enums.SPANISH_PROVINCES)),
            _spec("phone", "text"),
            _spec("family_contact", "text"),
            _spec("family_phone", "text"),
        ),
    ),
    (
        tr("Perfil y situación"),
        (
            _spec("addiction_profile", "combo", _free(("",) + enums.ADDICTION_PROFILES)),
            _spec("ptm", "bool"),
            _spec("methadone_dose_mg", "number"),
            _spec("hiv_status", "choice", tuple(enums.HivStatus.choices())),
            _spec("prison_origin", "bool"),
            _spec("court_order", "bool"),
            _spec("pending_judicial", "bool"),
            _spec("alternative_sentence", "bool"),
            _spec("education_level", "combo", _free(("",) + enums.EDUCATION_LEVELS)),
            _spec("employment_situation", "combo", _free(("",) + enums.EMPLOYMENT_SITUATIONS)),
        ),
    ),
    (
        tr("Circuito y gestión del caso"),
        (
            _spec("status", "choice", tuple(enums.ParticipantStatus.choices())),
            _spec("referring_centre_id", "ref"),
            _spec("case_manager_id", "ref"),
            _spec("vivienda_id", "ref"),
            _spec("notes", "long"),
        ),
    ),
)
# A field whose message depends on another's value: editing that one clears it too.
_JUDGED_WITH = {"ptm": ("methadone_dose_mg",), "id_kind": ("id_number",)}
LABELS = {spec.name: spec.label for _title, specs in GROUPS for spec in specs}


def problem_summary(intro: str, problems: dict[str, str]) -> str:
    """«{intro}: Nombre, Fecha de nacimiento» with each field a link to it (rich text)."""
    in_form_order = [name for name in LABELS if name in problems]
    in_form_order += [name for name in problems if name not in LABELS]
    links = ", ".join(
        f'<a href="{name}">{escape(LABELS.get(name, name))}</a>' for name in in_form_order
    )
    return f"{escape(intro)} {links}"


class ParticipantForm(QWidget):
    """Emits `changed` on every edit; `draft()` reads, `show_problems()` marks fields.

    A field's message goes as soon as the field is edited (a corrected date no longer
    says it is wrong); `problems_changed` then carries the problems still shown, so
    the summary above the form follows."""

    changed = Signal()
    problems_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None, *, columns: int = 1):
        """`columns`: how many group boxes side by side (2 in the wide "Nueva ficha" dialog)."""
        super().__init__(parent)
        self.inputs: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._holders: dict[str, QWidget] = {}
        self._problems: dict[str, str] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, (title, specs) in enumerate(GROUPS):
            box = QGroupBox(title)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            # In a narrow tab a long label goes above its field instead of widening the page.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for spec in specs:
                label = QLabel(spec.label + (" *" if spec.required else ""))
                label.setWordWrap(True)
                form.addRow(label, self._field(spec))
            grid.addWidget(box, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        self._ptm_toggled()

    @property
    def problems(self) -> dict[str, str]:
        """The problems still shown beside their fields."""
        return dict(self._problems)

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
        self._holders[spec.name] = holder
        return holder

    def _input(self, spec: FieldSpec) -> QWidget:
        def edited(*_args: object) -> None:
            self._edited(spec.name)

        if spec.kind in ("text", "date", "number"):
            edit = QLineEdit()
            if spec.name in TEXT_LIMITS:
                # One character over the limit is allowed so the message can explain it.
                edit.setMaxLength(TEXT_LIMITS[spec.name] + 1)
            if spec.kind == "date":
                edit.setPlaceholderText(tr("dd/mm/aaaa"))
            if spec.kind == "number":
                edit.setPlaceholderText(tr("mg/día"))
            edit.textChanged.connect(edited)
            return edit
        if spec.kind in ("choice", "combo", "ref"):
            combo = ComboBox()
            combo.setEditable(spec.kind == "combo")
            for value, label in spec.options:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(edited)
            if combo.isEditable():
                combo.editTextChanged.connect(edited)
            return combo
        if spec.kind == "bool":
            check = QCheckBox()
            check.toggled.connect(edited)
            if spec.name == "ptm":
                check.toggled.connect(self._ptm_toggled)
            return check
        edit_long = QPlainTextEdit()
        edit_long.setFixedHeight(70)
        edit_long.textChanged.connect(edited)
        return edit_long

    def _edited(self, name: str) -> None:
        if self.signalsBlocked():  # set_draft filling the form: not an edit
            return
        cleared = [
            field for field in (name, *_JUDGED_WITH.get(name, ())) if field in self._problems
        ]
        for field in cleared:
            del self._problems[field]
            self.error_labels[field].clear()
            self.error_labels[field].hide()
        if cleared:
            self.problems_changed.emit(dict(self._problems))
        self.changed.emit()

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
                if widget.isEditable() and index < 0:
                    widget.setCurrentText(value or "")  # typed by hand, not in the list
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
        """Show each message beside its field; bring the first such field into view."""
        self._problems = {name: message for name, message in problems.items() if message}
        for name, label in self.error_labels.items():
            message = self._problems.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
        first = next((name for name in self.inputs if name in self._problems), None)
        if first is not None:
            self.focus_field(first)
        self.problems_changed.emit(dict(self._problems))

    def focus_field(self, name: str) -> None:
        """Put the cursor in a field and scroll the page around the form to show it."""
        if name not in self.inputs:
            return
        self.inputs[name].setFocus()
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(self._holders[name])

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.inputs.values():
            widget.setEnabled(not read_only)
        if not read_only:
            self._ptm_toggled()


class FormScrollArea(QScrollArea):
    """A scroll area that gives a reflowing form its full height at the width it has.

    A form whose long labels go above their fields (and whose messages wrap) is taller
    the narrower it is; QScrollArea only knows the minimum height, so without this the
    bottom of the form was cut off instead of scrolled to."""

    def __init__(self, form: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setWidget(form)
        form.installEventFilter(self)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LayoutRequest:  # a message shown or hidden
            self.fit_height()
        return False

    def fit_height(self) -> None:
        form = self.widget()
        if form is not None and form.hasHeightForWidth():
            needed = form.heightForWidth(self.viewport().width())
            if needed > 0 and needed != form.minimumHeight():
                form.setMinimumHeight(needed)
