"""Dialog "Datos del centro": the centre's own data (administrators) and its viviendas."""

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.db.models import Vivienda
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import SPANISH_PROVINCES, Role
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.centre_settings import (
    IDLE_LOCK_MAX_MINUTES,
    CentreDraft,
    ViviendaDraft,
)
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.services.setup import centre_view
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox, DoubleSpinBox, SpinBox

T = TypeVar("T")

# (field, label, column length of db/models.py)
_CENTRE_TEXTS = (
    ("name", tr("Nombre *"), 120),
    ("entity", tr("Entidad titular"), 120),
    ("address", tr("Dirección"), 150),
    ("phone", tr("Teléfono"), 20),
    ("fax", tr("Fax"), 20),
)
_VIVIENDA_TEXTS = (
    ("name", tr("Nombre *"), 120),
    ("code", tr("Código"), 20),
    ("municipality", tr("Municipio"), 80),
    ("address", tr("Dirección"), 150),
)
_PLACES = (
    ("places_men", tr("Hombres")),
    ("places_women", tr("Mujeres")),
    ("places_mixed", tr("Mixtas")),
)
_DATES = (("valid_from", tr("Vigente desde")), ("valid_to", tr("Vigente hasta")))
_COLUMNS = (  # (header, tooltip) of the viviendas table
    (tr("Nombre"), ""),
    (tr("Municipio"), ""),
    (tr("H"), tr("Plazas para hombres")),
    (tr("M"), tr("Plazas para mujeres")),
    (tr("Mixtas"), tr("Plazas mixtas")),
    (tr("Desde"), tr("Vigente desde")),
    (tr("Hasta"), tr("Vigente hasta")),
)


def _line_edit(limit: int | None = None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    if limit is not None:
        edit.setMaxLength(limit + 1)  # one over, so the message can explain the limit
    edit.setPlaceholderText(placeholder)
    return edit


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    set_role(label, "hint")
    label.setWordWrap(True)
    return label


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch()
    return holder


def _province_combo() -> QComboBox:
    combo = ComboBox()
    combo.setEditable(True)
    combo.addItems(["", *SPANISH_PROVINCES])
    return combo


def _with_error(widget: QWidget, errors: dict[str, QLabel], name: str) -> QWidget:
    """The field with its message right below it (hidden while there is none)."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    label = QLabel()
    set_role(label, "error")
    label.setWordWrap(True)
    label.hide()
    column.addWidget(widget)
    column.addWidget(label)
    errors[name] = label
    return holder


def _show_problems(errors: dict[str, QLabel], problems: dict[str, str]) -> list[str]:
    """Put each message beside its field; return the ones that have no field here."""
    shown: dict[str, list[str]] = {}
    rest = []
    for name, message in problems.items():
        key = "places" if name.startswith("places_") else name
        if key in errors:
            shown.setdefault(key, []).append(message)
        else:
            rest.append(message)
    for name, label in errors.items():
        label.setText(" ".join(dict.fromkeys(shown.get(name, []))))
        label.setVisible(name in shown)
    return rest


def _make_read_only(*widgets: QWidget) -> None:
    for widget in widgets:
        if isinstance(widget, QLineEdit | QSpinBox | QDoubleSpinBox):
            widget.setReadOnly(True)
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText("")
        else:
            widget.setEnabled(False)


# Read-only fields look it (the code always; everything for those who may not edit).
_STYLE = 'QLineEdit[readOnly="true"], QSpinBox[readOnly="true"], QDoubleSpinBox[readOnly="true"] { background: #eef1f5; }'


def _say(label: QLabel, text: str, *, error: bool) -> None:
    set_role(label, "error" if error else "hint")
    label.setText(text)


def _attempt(save: Callable[[], T], errors: dict[str, QLabel], message: QLabel) -> T | None:
    """Run a service call; on refusal show why (beside the fields) and return None."""
    try:
        result = save()
    except ValidationError as error:
        rest = _show_problems(errors, error.problems)
        _say(message, " ".join([tr("Revise los campos marcados."), *rest]), error=True)
        return None
    except UserError as error:
        _show_problems(errors, {})
        _say(message, str(error), error=True)
        return None
    _show_problems(errors, {})
    return result


class CentreSettingsDialog(QDialog):
    """Datos del centro y viviendas; open with `open()`, the caller refreshes on `finished`."""

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.service = services.centre_settings
        self.can_edit_centre = session.actor.can(Role.ADMIN)
        self.can_edit_viviendas = session.actor.can(Role.RESPONSABLE)
        self.setWindowTitle(tr("Datos del centro"))
        self.setStyleSheet(_STYLE)
        self.resize(860, 640)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._centre_tab(), tr("Centro"))
        self.tabs.addTab(self._viviendas_tab(), tr("Viviendas"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self._centre_version = 0
        self._viviendas: list[Vivienda] = []
        self._editing: Vivienda | None = None
        self.load_centre()
        self.load_viviendas()
        self.new_vivienda()

    # -- building ------------------------------------------------------------------------

    def _centre_tab(self) -> QWidget:
        self.centre_errors: dict[str, QLabel] = {}
        self.code_edit = _line_edit()
        self.code_edit.setReadOnly(True)
        self.centre_edits = {name: _line_edit(limit) for name, _label, limit in _CENTRE_TEXTS}
        self.centre_province_combo = _province_combo()
        self.idle_spin = SpinBox()
        self.idle_spin.setRange(0, IDLE_LOCK_MAX_MINUTES)
        self.idle_spin.setSuffix(tr(" min"))
        self.idle_spin.setSpecialValueText(tr("Nunca"))
        self.adaptation_spin = SpinBox()
        self.adaptation_spin.setRange(7, 120)
        self.adaptation_spin.setSuffix(tr(" días"))
        self.cost_spin = DoubleSpinBox()
        self.cost_spin.setRange(0, 1000)
        self.cost_spin.setDecimals(2)
        self.cost_spin.setSuffix(" €")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        code_hint = _hint(tr("Asignado por la oficina; no se cambia."))
        form.addRow(tr("Código"), _row(self.code_edit, code_hint))
        for name, label, _limit in _CENTRE_TEXTS[:2]:
            form.addRow(label, _with_error(self.centre_edits[name], self.centre_errors, name))
        form.addRow(
            tr("Provincia"),
            _with_error(self.centre_province_combo, self.centre_errors, "province"),
        )
        for name, label, _limit in _CENTRE_TEXTS[2:]:
            form.addRow(label, _with_error(self.centre_edits[name], self.centre_errors, name))
        form.addRow(
            tr("Bloqueo por inactividad (minutos, 0 = nunca)"),
            _with_error(_row(self.idle_spin), self.centre_errors, "idle_lock_minutes"),
        )
        form.addRow(
            tr("Período de adaptación (Anexo IV tras él)"),
            _with_error(_row(self.adaptation_spin), self.centre_errors, "adaptation_days"),
        )
        form.addRow(
            tr("Coste por plaza y día (límite de aportaciones: 20 %)"),
            _with_error(_row(self.cost_spin), self.centre_errors, "cost_per_place_day"),
        )
        self.centre_hint_label = _hint(
            tr("Solo un administrador puede cambiar los datos del centro.")
        )
        self.centre_hint_label.setVisible(not self.can_edit_centre)
        self.save_centre_button = QPushButton(tr("Guardar"))
        set_role(self.save_centre_button, "primary")
        self.save_centre_button.clicked.connect(self.save_centre)
        self.centre_message_label = QLabel()
        self.centre_message_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_centre_button)
        buttons.addWidget(self.centre_message_label, 1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(form)
        column.addWidget(self.centre_hint_label)
        column.addLayout(buttons)
        column.addStretch()
        if not self.can_edit_centre:
            _make_read_only(
                *self.centre_edits.values(),
                self.centre_province_combo,
                self.idle_spin,
                self.adaptation_spin,
                self.cost_spin,
            )
            self.save_centre_button.hide()
        return page

    def _viviendas_tab(self) -> QWidget:
        self.table = QTableWidget(0, len(_COLUMNS))
        for column, (title, tip) in enumerate(_COLUMNS):
            item = QTableWidgetItem(title)
            item.setToolTip(tip)
            self.table.setHorizontalHeaderItem(column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.currentCellChanged.connect(lambda *_: self._vivienda_selected())

        self.vivienda_errors: dict[str, QLabel] = {}
        self.vivienda_edits = {name: _line_edit(limit) for name, _label, limit in _VIVIENDA_TEXTS}
        for name, _label in _DATES:
            self.vivienda_edits[name] = _line_edit(placeholder=tr("dd/mm/aaaa"))
        self.vivienda_province_combo = _province_combo()
        self.place_spins: dict[str, QSpinBox] = {}
        for name, _label in _PLACES:
            self.place_spins[name] = SpinBox()
            self.place_spins[name].setRange(0, 999)
        places_holder = _row(
            *(w for name, label in _PLACES for w in (QLabel(label), self.place_spins[name]))
        )

        left = QFormLayout()
        right = QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, _limit in _VIVIENDA_TEXTS[:3]:
            left.addRow(label, _with_error(self.vivienda_edits[name], self.vivienda_errors, name))
        left.addRow(
            tr("Provincia"),
            _with_error(self.vivienda_province_combo, self.vivienda_errors, "province"),
        )
        right.addRow(
            tr("Dirección"),
            _with_error(self.vivienda_edits["address"], self.vivienda_errors, "address"),
        )
        right.addRow(tr("Plazas"), _with_error(places_holder, self.vivienda_errors, "places"))
        for name, label in _DATES:
            right.addRow(label, _with_error(self.vivienda_edits[name], self.vivienda_errors, name))
        self.vivienda_box = QGroupBox()
        columns = QHBoxLayout(self.vivienda_box)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.new_vivienda_button = QPushButton(tr("Nueva vivienda"))
        self.save_vivienda_button = QPushButton(tr("Guardar vivienda"))
        set_role(self.save_vivienda_button, "primary")
        self.new_vivienda_button.clicked.connect(self.new_vivienda)
        self.save_vivienda_button.clicked.connect(self.save_vivienda)
        self.vivienda_message_label = QLabel()
        self.vivienda_message_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_vivienda_button)
        buttons.addWidget(self.save_vivienda_button)
        buttons.addWidget(self.vivienda_message_label, 1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.table, 1)
        column.addWidget(self.vivienda_box)
        if self.can_edit_viviendas:
            column.addLayout(buttons)
        else:
            column.addWidget(
                _hint(tr("Solo responsables y administradores pueden cambiar las viviendas."))
            )
            _make_read_only(
                *self.vivienda_edits.values(),
                *self.place_spins.values(),
                self.vivienda_province_combo,
            )
            for button in (self.new_vivienda_button, self.save_vivienda_button):
                button.hide()
        return page

    # -- centre --------------------------------------------------------------------------

    def load_centre(self) -> None:
        installation = self.service.centre()
        self._centre_version = installation.version
        self.code_edit.setText(installation.code)
        draft = CentreDraft.of(installation)
        for name, edit in self.centre_edits.items():
            edit.setText(getattr(draft, name))
        self.centre_province_combo.setCurrentText(draft.province)
        self.idle_spin.setValue(draft.idle_lock_minutes)
        self.adaptation_spin.setValue(draft.adaptation_days)
        self.cost_spin.setValue(draft.cost_per_place_day)

    def centre_draft(self) -> CentreDraft:
        return CentreDraft(
            province=self.centre_province_combo.currentText(),
            idle_lock_minutes=self.idle_spin.value(),
            adaptation_days=self.adaptation_spin.value(),
            cost_per_place_day=self.cost_spin.value(),
            **{name: edit.text() for name, edit in self.centre_edits.items()},
        )

    def save_centre(self) -> None:
        saved = _attempt(
            lambda: self.service.update_centre(
                self.session.actor, self.centre_draft(), expected_version=self._centre_version
            ),
            self.centre_errors,
            self.centre_message_label,
        )
        if saved is None:
            return
        self.session.set_centre(centre_view(saved))  # the window follows its `changed`
        self.load_centre()
        _say(self.centre_message_label, tr("Datos del centro guardados."), error=False)

    # -- viviendas -----------------------------------------------------------------------

    def load_viviendas(self, select_id: str | None = None) -> None:
        self._viviendas = self.service.viviendas()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._viviendas))
        for row, vivienda in enumerate(self._viviendas):
            cells = (
                vivienda.name,
                vivienda.municipality,
                str(vivienda.places_men),
                str(vivienda.places_women),
                str(vivienda.places_mixed),
                format_date_es(vivienda.valid_from),
                format_date_es(vivienda.valid_to),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= column <= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.table.setCurrentCell(-1, -1)
        self.table.blockSignals(False)
        rows = [row for row, v in enumerate(self._viviendas) if v.id == select_id]
        if rows:
            self.table.selectRow(rows[0])

    def _vivienda_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._viviendas):
            return
        vivienda = self._viviendas[row]
        self._editing = vivienda
        self.vivienda_box.setTitle(tr("Vivienda «{name}»").format(name=vivienda.name))
        for name, _label, _limit in _VIVIENDA_TEXTS:
            self.vivienda_edits[name].setText(getattr(vivienda, name))
        for name, _label in _DATES:
            self.vivienda_edits[name].setText(format_date_es(getattr(vivienda, name)))
        self.vivienda_province_combo.setCurrentText(vivienda.province)
        for name, spin in self.place_spins.items():
            spin.setValue(getattr(vivienda, name))
        _show_problems(self.vivienda_errors, {})
        self.vivienda_message_label.clear()

    def new_vivienda(self) -> None:
        """Empty the form for a new vivienda (in the centre's province)."""
        self._editing = None
        self.table.setCurrentCell(-1, -1)
        self.vivienda_box.setTitle(tr("Nueva vivienda"))
        for edit in self.vivienda_edits.values():
            edit.clear()
        self.vivienda_province_combo.setCurrentText(self.session.centre.province)
        for spin in self.place_spins.values():
            spin.setValue(0)
        _show_problems(self.vivienda_errors, {})
        self.vivienda_message_label.clear()

    def vivienda_draft(self) -> ViviendaDraft:
        return ViviendaDraft(
            province=self.vivienda_province_combo.currentText(),
            **{name: edit.text() for name, edit in self.vivienda_edits.items()},
            **{name: spin.value() for name, spin in self.place_spins.items()},
        )

    def save_vivienda(self) -> None:
        editing = self._editing
        saved = _attempt(
            lambda: self.service.save_vivienda(
                self.session.actor,
                self.vivienda_draft(),
                editing.id if editing else None,
                expected_version=editing.version if editing else None,
            ),
            self.vivienda_errors,
            self.vivienda_message_label,
        )
        if saved is None:
            return
        self.load_viviendas(select_id=saved.id)
        _say(self.vivienda_message_label, tr("Vivienda guardada."), error=False)
