"""The editor of one catalogue resource: every field, its enrolment periods (an editable
grid of start and end dates), and the service's Spanish messages beside the field each
one concerns."""

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ResourceCategory
from reinsercion_desktop.domain.resource_rules import LIMITS, ResourceDraft
from reinsercion_desktop.services.resource_views import ResourceView
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import long_text
from reinsercion_desktop.ui.widgets.grid import GridColumn
from reinsercion_desktop.ui.widgets.grid_editor import GridEditor
from reinsercion_desktop.ui.widgets.inputs import ComboBox

PERIOD_COLUMNS = [
    GridColumn("start", tr("Inicio"), "date", placeholder=tr("dd/mm/aaaa")),
    GridColumn("end", tr("Fin"), "date", placeholder=tr("dd/mm/aaaa")),
]

LINE_FIELDS = (
    ("name", tr("Nombre *")),
    ("provider", tr("Entidad / proveedor")),
    ("duration", tr("Duración")),
    ("schedule", tr("Horario")),
    ("cost", tr("Coste")),
    ("contact", tr("Contacto")),
)
TEXT_FIELDS = (
    ("requirements", tr("Requisitos")),
    ("description", tr("Descripción")),
)


class ResourceForm(QWidget):
    """All fields of a resource; `draft()` reads them, `show_problems` puts messages beside."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(0, 0, 0, 0)

        self.category_combo = ComboBox()
        for value, label in ResourceCategory.choices():
            self.category_combo.addItem(label, value)
        self._row(form, "category", tr("Categoría *"), self.category_combo)
        for name, label in LINE_FIELDS:
            edit = QLineEdit()
            edit.setMaxLength(LIMITS[name])
            self._row(form, name, label, edit)
        for name, label in TEXT_FIELDS:
            self._row(form, name, label, long_text(height=54))

        self.open_all_year_check = QCheckBox(
            tr("Abierto todo el año (sin periodos de inscripción)")
        )
        self.open_all_year_check.toggled.connect(self._open_all_year_toggled)
        self._row(form, "open_all_year", tr("Inscripción"), self.open_all_year_check)
        self._row(
            form,
            "enrolment_periods",
            tr("Periodos de inscripción\n(dd/mm/aaaa)"),
            self._periods_box(),
        )
        course = QWidget()
        course_row = QHBoxLayout(course)
        course_row.setContentsMargins(0, 0, 0, 0)
        self.starts_edit = self._date_edit()
        self.ends_edit = self._date_edit()
        course_row.addWidget(self.starts_edit)
        course_row.addWidget(QLabel(tr("al")))
        course_row.addWidget(self.ends_edit)
        course_row.addStretch()
        self._row(form, "starts_on", tr("Curso: del"), course, keys=("ends_on",))
        self.fields["starts_on"], self.fields["ends_on"] = self.starts_edit, self.ends_edit

    # -- building --------------------------------------------------------------------------

    def _row(
        self, form: QFormLayout, name: str, label: str, widget: QWidget, keys: tuple = ()
    ) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"{name}_error")
        error.setWordWrap(True)
        set_role(error, "error")
        error.hide()
        column.addWidget(error)
        form.addRow(QLabel(label), holder)
        self.fields[name] = widget
        for key in (name, *keys):
            self.error_labels[key] = error

    @staticmethod
    def _date_edit() -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(tr("dd/mm/aaaa"))
        edit.setMaxLength(10)
        edit.setMaximumWidth(120)
        return edit

    def _periods_box(self) -> QWidget:
        self.periods_editor = GridEditor(
            PERIOD_COLUMNS, tr("Añadir periodo"), tr("Quitar periodo"), name="periods_grid"
        )
        self.periods_grid = self.periods_editor.grid
        self.add_period_button = self.periods_editor.add_button
        self.remove_period_button = self.periods_editor.remove_button
        return self.periods_editor

    # -- periods ---------------------------------------------------------------------------

    def add_period(self, start: str, end: str) -> int:
        values = {"start": start, "end": end} if start or end else None
        return self.periods_editor.add_row(values)

    def periods(self) -> list[tuple[str, str]]:
        """The rows as typed; a wholly empty row is ignored."""
        rows = []
        for row in self.periods_grid.rows():
            start, end = (str(row.get(key) or "").strip() for key in ("start", "end"))
            if start or end:
                rows.append((start, end))
        return rows

    def _open_all_year_toggled(self, checked: bool) -> None:
        self.periods_editor.setEnabled(not checked)

    # -- reading and showing ---------------------------------------------------------------

    def _text(self, name: str) -> str:
        widget = self.fields[name]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def draft(self) -> ResourceDraft:
        names = [name for name, _ in (*LINE_FIELDS, *TEXT_FIELDS)]
        return ResourceDraft(
            category=self.category_combo.currentData(),
            open_all_year=self.open_all_year_check.isChecked(),
            # Periods are ignored when open all year (the table is disabled then).
            enrolment_periods=[] if self.open_all_year_check.isChecked() else self.periods(),
            starts_on=self.starts_edit.text(),
            ends_on=self.ends_edit.text(),
            **{name: self._text(name) for name in names},
        )

    def show_resource(self, resource: ResourceView | None, category: str | None = None) -> None:
        """Fill the form with a stored resource, or empty it for a new one."""
        self.show_problems({})
        chosen = resource.category if resource else category or ResourceCategory.ACADEMIC.value
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(chosen)))
        for name, _label in (*LINE_FIELDS, *TEXT_FIELDS):
            widget = self.fields[name]
            value = getattr(resource, name) if resource else ""
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(value)
        self.open_all_year_check.setChecked(bool(resource and resource.open_all_year))
        self.periods_grid.set_rows(
            [
                {"start": format_date_es(p.start), "end": format_date_es(p.end)}
                for p in (resource.periods if resource else ())
            ]
        )
        self.starts_edit.setText(format_date_es(resource.starts_on) if resource else "")
        self.ends_edit.setText(format_date_es(resource.ends_on) if resource else "")

    def show_problems(self, problems: dict[str, str]) -> list[str]:
        """Each message beside its field; returns those no field owns."""
        beside: dict[int, list[str]] = {}
        labels = {id(label): label for label in self.error_labels.values()}
        unowned = []
        for key, message in problems.items():
            label = self.error_labels.get(key)
            if label is None:
                unowned.append(message)
            else:
                beside.setdefault(id(label), []).append(message)
        for key, label in labels.items():
            label.setText(" ".join(beside.get(key, [])))
            label.setVisible(key in beside)
        first = next((n for n, lab in self.error_labels.items() if id(lab) in beside), None)
        if first is not None:
            self.fields[first].setFocus()
        return unowned

    def error_text(self, name: str) -> str:
        label = self.error_labels[name]
        return label.text() if not label.isHidden() else ""
