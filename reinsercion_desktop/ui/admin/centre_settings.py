"""Dialog "Datos del centro": the centre's own data (administrators) and its viviendas.

The viviendas are a list (the shared rows table) and the form of the one selected below
it: a vivienda has ten fields, too many to type in the cells of a grid.
"""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.services.catalogues import ViviendaView
from reinsercion_desktop.services.centre_settings import (
    IDLE_LOCK_MAX_MINUTES,
    RETENTION_YEARS_RANGE,
    SMALL_COUNT_RANGE,
    CentreDraft,
    CentreSettingsService,
    ViviendaDraft,
)
from reinsercion_desktop.ui.admin.form_parts import (
    READ_ONLY_STYLE,
    attempt,
    hint,
    line_edit,
    make_read_only,
    province_combo,
    row,
    say,
    show_problems,
    with_error,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import DoubleSpinBox, SpinBox
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

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

VIVIENDA_COLUMNS = (
    Column[ViviendaView](tr("Nombre"), lambda v: v.name, stretch=True),
    Column[ViviendaView](tr("Municipio"), lambda v: v.municipality, max_width=160),
    Column[ViviendaView](
        tr("Hombres"), lambda v: str(v.places_men), sort_key=lambda v: v.places_men, align="right"
    ),
    Column[ViviendaView](
        tr("Mujeres"),
        lambda v: str(v.places_women),
        sort_key=lambda v: v.places_women,
        align="right",
    ),
    Column[ViviendaView](
        tr("Mixtas"),
        lambda v: str(v.places_mixed),
        sort_key=lambda v: v.places_mixed,
        align="right",
    ),
    Column[ViviendaView](
        tr("Desde"),
        lambda v: format_date_es(v.valid_from),
        sort_key=lambda v: (v.valid_from is not None, v.valid_from),
    ),
    Column[ViviendaView](
        tr("Hasta"),
        lambda v: format_date_es(v.valid_to),
        sort_key=lambda v: (v.valid_to is not None, v.valid_to),
    ),
)


class CentreSettingsDialog(QDialog):
    """Datos del centro y viviendas; open with `open()`, the caller refreshes on `finished`."""

    def __init__(
        self,
        centre_settings: CentreSettingsService,
        session: Session,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.service = centre_settings
        self.can_edit_centre = session.actor.can(Role.ADMIN)
        self.can_edit_viviendas = session.actor.can(Role.RESPONSABLE)
        self.setWindowTitle(tr("Datos del centro"))
        self.setStyleSheet(READ_ONLY_STYLE)
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
        self._editing: ViviendaView | None = None
        self.load_centre()
        self.load_viviendas()
        self.new_vivienda()

    # -- building ------------------------------------------------------------------------

    def _centre_tab(self) -> QWidget:
        self.centre_errors: dict[str, QLabel] = {}
        self.code_edit = line_edit()
        self.code_edit.setReadOnly(True)
        self.centre_edits = {name: line_edit(limit) for name, _label, limit in _CENTRE_TEXTS}
        self.centre_province_combo = province_combo()
        self.idle_spin = SpinBox()
        self.idle_spin.setRange(0, IDLE_LOCK_MAX_MINUTES)
        self.idle_spin.setSuffix(tr(" min"))
        self.idle_spin.setSpecialValueText(tr("Nunca"))
        self.adaptation_spin = SpinBox()
        self.adaptation_spin.setRange(7, 120)
        self.adaptation_spin.setSuffix(tr(" días"))
        self.retention_spin = SpinBox()
        self.retention_spin.setObjectName("retention_years_spin")
        self.retention_spin.setRange(*RETENTION_YEARS_RANGE)
        self.retention_spin.setSuffix(tr(" años"))
        self.retention_spin.setToolTip(
            tr(
                "Pasados estos años desde el archivo o la última alta, la ficha cerrada "
                "aparece en Administración → Conservación de fichas para revisarla y, si "
                "procede, anonimizarla. La Ley 41/2002 (art. 17) pide conservar la "
                "documentación clínica al menos cinco años desde cada alta."
            )
        )
        self.threshold_spin = SpinBox()
        self.threshold_spin.setObjectName("small_count_threshold_spin")
        self.threshold_spin.setRange(*SMALL_COUNT_RANGE)
        self.threshold_spin.setToolTip(
            tr(
                "En los informes que salen del centro (PDF, CSV, XLSX), los recuentos "
                "menores que este número se imprimen «<5» para que nadie pueda ser "
                "identificado; en pantalla se ven las cifras exactas."
            )
        )
        self.cost_spin = DoubleSpinBox()
        self.cost_spin.setRange(0, 1000)
        self.cost_spin.setDecimals(2)
        self.cost_spin.setSuffix(" €")
        # SPEC §9: a técnico/a opening a file of someone else's caseload says why (audited).
        self.reason_check = QCheckBox(
            tr("Pedir el motivo a un técnico/a que abre una ficha que no es de su cartera")
        )
        self.reason_check.setObjectName("reason_outside_caseload_check")
        self.reason_check.setToolTip(
            tr(
                "El motivo queda en el registro de auditoría junto a la consulta. "
                "A responsables y administradores no se les pide."
            )
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        code_hint = hint(tr("Asignado por la oficina; no se cambia."))
        form.addRow(tr("Código"), row(self.code_edit, code_hint))
        for name, label, _limit in _CENTRE_TEXTS[:2]:
            form.addRow(label, with_error(self.centre_edits[name], self.centre_errors, name))
        form.addRow(
            tr("Provincia"),
            with_error(self.centre_province_combo, self.centre_errors, "province"),
        )
        for name, label, _limit in _CENTRE_TEXTS[2:]:
            form.addRow(label, with_error(self.centre_edits[name], self.centre_errors, name))
        form.addRow(
            tr("Bloqueo por inactividad (minutos, 0 = nunca)"),
            with_error(row(self.idle_spin), self.centre_errors, "idle_lock_minutes"),
        )
        form.addRow(
            tr("Período de adaptación (Anexo IV tras él)"),
            with_error(row(self.adaptation_spin), self.centre_errors, "adaptation_days"),
        )
        form.addRow(
            tr("Coste por plaza y día (límite de aportaciones: 20 %)"),
            with_error(row(self.cost_spin), self.centre_errors, "cost_per_place_day"),
        )
        form.addRow(
            tr("Años de conservación de las fichas cerradas"),
            with_error(
                row(
                    self.retention_spin,
                    hint(tr("Al menos 5 para la documentación clínica (Ley 41/2002, art. 17).")),
                ),
                self.centre_errors,
                "retention_years",
            ),
        )
        form.addRow(
            tr("Recuentos ocultos en los informes (menores que)"),
            with_error(row(self.threshold_spin), self.centre_errors, "small_count_threshold"),
        )
        form.addRow(
            tr("Fichas de otra cartera"),
            with_error(self.reason_check, self.centre_errors, "reason_outside_caseload"),
        )
        self.centre_hint_label = hint(
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
            make_read_only(
                *self.centre_edits.values(),
                self.centre_province_combo,
                self.idle_spin,
                self.adaptation_spin,
                self.cost_spin,
                self.retention_spin,
                self.threshold_spin,
                self.reason_check,
            )
            self.save_centre_button.hide()
        scroll = QScrollArea()  # the page scrolls rather than make the dialog taller
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _viviendas_tab(self) -> QWidget:
        self.model = RowsTableModel(VIVIENDA_COLUMNS, self)
        self.table = RowsTableView(self.model, "viviendas_table", sortable=True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by name
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._vivienda_selected())

        self.vivienda_errors: dict[str, QLabel] = {}
        self.vivienda_edits = {name: line_edit(limit) for name, _label, limit in _VIVIENDA_TEXTS}
        for name, _label in _DATES:
            self.vivienda_edits[name] = line_edit(placeholder=tr("dd/mm/aaaa"))
        self.vivienda_province_combo = province_combo()
        self.place_spins: dict[str, QSpinBox] = {}
        for name, _label in _PLACES:
            self.place_spins[name] = SpinBox()
            self.place_spins[name].setRange(0, 999)
        places_holder = row(
            *(w for name, label in _PLACES for w in (QLabel(label), self.place_spins[name]))
        )

        left = QFormLayout()
        right = QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name, label, _limit in _VIVIENDA_TEXTS[:3]:
            left.addRow(label, with_error(self.vivienda_edits[name], self.vivienda_errors, name))
        left.addRow(
            tr("Provincia"),
            with_error(self.vivienda_province_combo, self.vivienda_errors, "province"),
        )
        right.addRow(
            tr("Dirección"),
            with_error(self.vivienda_edits["address"], self.vivienda_errors, "address"),
        )
        right.addRow(tr("Plazas"), with_error(places_holder, self.vivienda_errors, "places"))
        for name, label in _DATES:
            right.addRow(label, with_error(self.vivienda_edits[name], self.vivienda_errors, name))
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
                hint(tr("Solo responsables y administradores pueden cambiar las viviendas."))
            )
            make_read_only(
                *self.vivienda_edits.values(),
                *self.place_spins.values(),
                self.vivienda_province_combo,
            )
            for button in (self.new_vivienda_button, self.save_vivienda_button):
                button.hide()
        return page

    # -- centre --------------------------------------------------------------------------

    def load_centre(self) -> None:
        centre = self.service.centre()
        self._centre_version = centre.version
        self.code_edit.setText(centre.code)
        draft = CentreDraft.of(centre)
        for name, edit in self.centre_edits.items():
            edit.setText(getattr(draft, name))
        self.centre_province_combo.setCurrentText(draft.province)
        self.idle_spin.setValue(draft.idle_lock_minutes)
        self.adaptation_spin.setValue(draft.adaptation_days)
        self.cost_spin.setValue(draft.cost_per_place_day)
        self.retention_spin.setValue(draft.retention_years)
        self.threshold_spin.setValue(draft.small_count_threshold)
        self.reason_check.setChecked(draft.reason_outside_caseload)

    def centre_draft(self) -> CentreDraft:
        return CentreDraft(
            province=self.centre_province_combo.currentText(),
            idle_lock_minutes=self.idle_spin.value(),
            adaptation_days=self.adaptation_spin.value(),
            cost_per_place_day=self.cost_spin.value(),
            reason_outside_caseload=self.reason_check.isChecked(),
            retention_years=self.retention_spin.value(),
            small_count_threshold=self.threshold_spin.value(),
            **{name: edit.text() for name, edit in self.centre_edits.items()},
        )

    def save_centre(self) -> None:
        saved = attempt(
            lambda: self.service.update_centre(
                self.session.actor, self.centre_draft(), expected_version=self._centre_version
            ),
            self.centre_errors,
            self.centre_message_label,
        )
        if saved is None:
            return
        self.session.set_centre(saved)  # the window follows its `changed`
        self.load_centre()
        say(self.centre_message_label, tr("Datos del centro guardados."), error=False)

    # -- viviendas -----------------------------------------------------------------------

    def load_viviendas(self, select_id: str | None = None) -> None:
        self.table.blockSignals(True)
        self.model.set_rows(self.service.viviendas())
        self.table.blockSignals(False)
        if select_id is not None:
            self.table.select_where(lambda vivienda: vivienda.id == select_id)

    def _vivienda_selected(self) -> None:
        vivienda = self.table.current_row()
        if vivienda is None:
            return
        self._editing = vivienda
        self.vivienda_box.setTitle(tr("Vivienda «{name}»").format(name=vivienda.name))
        for name, _label, _limit in _VIVIENDA_TEXTS:
            self.vivienda_edits[name].setText(getattr(vivienda, name))
        for name, _label in _DATES:
            self.vivienda_edits[name].setText(format_date_es(getattr(vivienda, name)))
        self.vivienda_province_combo.setCurrentText(vivienda.province)
        for name, spin in self.place_spins.items():
            spin.setValue(getattr(vivienda, name))
        show_problems(self.vivienda_errors, {})
        self.vivienda_message_label.clear()

    def new_vivienda(self) -> None:
        """Empty the form for a new vivienda (in the centre's province)."""
        self._editing = None
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.vivienda_box.setTitle(tr("Nueva vivienda"))
        for edit in self.vivienda_edits.values():
            edit.clear()
        self.vivienda_province_combo.setCurrentText(self.session.centre.province)
        for spin in self.place_spins.values():
            spin.setValue(0)
        show_problems(self.vivienda_errors, {})
        self.vivienda_message_label.clear()

    def vivienda_draft(self) -> ViviendaDraft:
        return ViviendaDraft(
            province=self.vivienda_province_combo.currentText(),
            **{name: edit.text() for name, edit in self.vivienda_edits.items()},
            **{name: spin.value() for name, spin in self.place_spins.items()},
        )

    def save_vivienda(self) -> None:
        editing = self._editing
        saved = attempt(
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
        say(self.vivienda_message_label, tr("Vivienda guardada."), error=False)
