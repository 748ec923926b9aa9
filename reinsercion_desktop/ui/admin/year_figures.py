"""Administración → Datos anuales de las viviendas: each vivienda's budget and care-staff
hours for a year (§12 a.1 and the cost indicators), typed in one grid.

One row per vivienda in force that year; responsables and administrators edit, the
others read. Figures are typed the Spanish way («98.000», «37,5»); a row left without a
budget and hours is not saved (nothing recorded for it yet).
"""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.structure_data import (
    StructureDataService,
    YearFiguresDraft,
    YearFiguresView,
    parse_figure,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.grid import GridColumn, GridModel, GridView
from reinsercion_desktop.ui.widgets.inputs import SpinBox

FIGURE_COLUMNS = (
    GridColumn("places", tr("Plazas")),
    GridColumn("budget_planned", tr("Presupuesto anual (€)"), "number"),
    GridColumn("budget_actual", tr("Presupuesto real (€)"), "number", placeholder=tr("al cierre")),
    GridColumn("staff_weekly_hours", tr("Horas semanales asistenciales"), "number"),
    GridColumn("full_time_weekly_hours", tr("Horas de jornada completa"), "number"),
)
_FIELDS = ("budget_planned", "budget_actual", "staff_weekly_hours", "full_time_weekly_hours")


def _shown(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return text.removesuffix(",00")


class YearFiguresDialog(QDialog):
    def __init__(
        self, service: StructureDataService, session: Session, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("year_figures_dialog")
        self.setWindowTitle(tr("Datos anuales de las viviendas"))
        self.service = service
        self.session = session
        self.can_edit = session.can(Role.RESPONSABLE)
        self.rows: list[YearFiguresView] = []
        self.year_spin = SpinBox()
        self.year_spin.setObjectName("year_spin")
        self.year_spin.setRange(1900, 2100)
        self.year_spin.setValue(session.today().year)
        self.year_spin.valueChanged.connect(lambda _year: self.load())
        self.model = GridModel(FIGURE_COLUMNS, self, row_labels=())
        self.grid = GridView(self.model, "year_figures_grid")
        self.grid.set_read_only(not self.can_edit)
        self.message_label = QLabel()
        self.message_label.setObjectName("year_figures_message")
        self.message_label.setWordWrap(True)
        self.save_button = QPushButton(tr("Guardar"))
        self.save_button.setObjectName("save_year_figures_button")
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(self.can_edit)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Año")))
        top.addWidget(self.year_spin)
        top.addStretch()
        hint = QLabel(
            tr(
                "El presupuesto real se escribe al cerrar el año. Con estos datos se calculan "
                "los indicadores de estructura (horas por plaza) y de rentabilidad (coste por "
                "plaza y por alta terapéutica)."
                if self.can_edit
                else "Solo responsables y administradores pueden cambiar estos datos."
            )
        )
        hint.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(hint)
        column.addWidget(self.grid, 1)
        column.addLayout(buttons)
        self.resize(980, 460)
        self.load()

    def load(self) -> None:
        self.rows = self.service.year_figures(self.year_spin.value())
        self.model.row_labels = tuple(row.vivienda_name for row in self.rows)
        self.model.set_rows(
            [
                {
                    "places": str(row.places),
                    **{name: _shown(getattr(row, name)) for name in _FIELDS},
                }
                for row in self.rows
            ]
        )
        self.grid.verticalHeader().setVisible(True)
        self.message_label.clear()

    def save(self) -> None:
        year = self.year_spin.value()
        saved = 0
        try:
            for index, row in enumerate(self.rows):
                values = {}
                for name in _FIELDS:
                    text = str(self.model.value(index, name) or "")
                    try:
                        values[name] = parse_figure(text)
                    except ValueError:
                        raise UserError(
                            tr("{vivienda}: «{text}» no es un número.").format(
                                vivienda=row.vivienda_name, text=text
                            )
                        ) from None
                if values["budget_planned"] is None and values["staff_weekly_hours"] is None:
                    continue  # nothing typed for this vivienda
                draft = YearFiguresDraft(
                    budget_planned=values["budget_planned"] or 0.0,
                    staff_weekly_hours=values["staff_weekly_hours"] or 0.0,
                    budget_actual=values["budget_actual"],
                    full_time_weekly_hours=values["full_time_weekly_hours"] or 37.5,
                )
                if _unchanged(row, draft):
                    continue
                self.service.save_year_figures(
                    self.session.actor, row.vivienda_id, year, draft, expected_version=row.version
                )
                saved += 1
        except UserError as error:
            self.message_label.setText(str(error))
            return
        self.load()
        self.message_label.setText(
            tr("Guardados los datos de {n} vivienda(s).").format(n=saved)
            if saved
            else tr("No había cambios que guardar.")
        )


def _unchanged(row: YearFiguresView, draft: YearFiguresDraft) -> bool:
    return row.version is not None and all(
        getattr(row, name) == getattr(draft, name) for name in _FIELDS
    )
