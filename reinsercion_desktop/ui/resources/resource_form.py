"""The editor of one catalogue resource: every field, its enrolment periods, and the
service's Spanish messages beside the field each one concerns."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.db.models import Resource
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ResourceCategory
from reinsercion_desktop.domain.resource_rules import LIMITS, ResourceDraft, periods_from_json
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import long_text
from reinsercion_desktop.ui.widgets.inputs import ComboBox

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
        self.periods_table = QTableWidget(0, 2)
        self.periods_table.setObjectName("periods_table")
        self.periods_table.setHorizontalHeaderLabels([tr("Inicio"), tr("Fin")])
        self.periods_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.periods_table.verticalHeader().hide()
        self.periods_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.periods_table.setFixedHeight(128)
        self.add_period_button = QPushButton(tr("Añadir periodo"))
        self.add_period_button.clicked.connect(lambda: self.add_period("", ""))
        self.remove_period_button = QPushButton(tr("Quitar periodo"))
        self.remove_period_button.clicked.connect(self.remove_period)
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.periods_table, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_period_button)
        buttons.addWidget(self.remove_period_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        return box

    # -- periods ---------------------------------------------------------------------------

    def add_period(self, start: str, end: str) -> None:
        row = self.periods_table.rowCount()
        self.periods_table.insertRow(row)
        self.periods_table.setItem(row, 0, QTableWidgetItem(start))
        self.periods_table.setItem(row, 1, QTableWidgetItem(end))
        if not start:
            self.periods_table.setCurrentCell(row, 0)
            self.periods_table.editItem(self.periods_table.item(row, 0))

    def remove_period(self) -> None:
        row = self.periods_table.currentRow()
        if row >= 0:
            self.periods_table.removeRow(row)

    def periods(self) -> list[tuple[str, str]]:
        """The rows as typed; a wholly empty row is ignored."""
        rows = []
        for row in range(self.periods_table.rowCount()):
            cells = [self.periods_table.item(row, c) for c in (0, 1)]
            start, end = (cell.text().strip() if cell else "" for cell in cells)
            if start or end:
                rows.append((start, end))
        return rows

    def _open_all_year_toggled(self, checked: bool) -> None:
        for widget in (self.periods_table, self.add_period_button, self.remove_period_button):
            widget.setEnabled(not checked)

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

    def show_resource(self, resource: Resource | None, category: str | None = None) -> None:
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
        self.periods_table.setRowCount(0)
        for period in periods_from_json(resource.enrolment_periods if resource else "[]"):
            self.add_period(format_date_es(period.start), format_date_es(period.end))
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
