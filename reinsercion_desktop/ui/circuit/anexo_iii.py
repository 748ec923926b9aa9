"""Anexo III del mes: choose a vivienda and a finished month, generate it from the records,
then open it in the form editor to review, sign and print (preview as for any form).

The report is built by `MonthlyReportService` (CODAPEL only, R-CONF-1); refusals (month
not over, already made) are its Spanish messages, shown in the dialog, whose result is
the draft created (a `FormInstanceView`).
"""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.deadlines import month_label, period_of
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.forms import FormInstanceView
from reinsercion_desktop.services.monthly_report import MonthlyReportService
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.inputs import ComboBox

MONTHS_OFFERED = 12


def finished_months(today: date, count: int = MONTHS_OFFERED) -> list[str]:
    """The last `count` months that are over, newest first (YYYY-MM)."""
    first = today.replace(day=1)
    return [period_of(add_months(first, -n)) for n in range(1, count + 1)]


class AnexoIIIDialog(ResultDialog[FormInstanceView]):
    """Vivienda + month → a draft Anexo III; the result (`created`) is the new form."""

    def __init__(
        self,
        monthly_report: MonthlyReportService,
        session: Session,
        parent: QWidget | None = None,
        *,
        vivienda_id: str | None = None,
        period: str | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.service = monthly_report
        self.setObjectName("anexo_iii_dialog")
        self.setWindowTitle(tr("Anexo III del mes"))
        self.setMinimumWidth(460)

        intro = QLabel(
            tr(
                "Informe mensual de usuarios/as de una vivienda, generado de los ingresos, "
                "salidas, altas y renuncias registrados (solo CODAPEL). Se crea como borrador "
                "para revisarlo, firmarlo e imprimirlo; se envía antes del día 5 del mes siguiente."
            )
        )
        intro.setWordWrap(True)
        set_role(intro, "hint")
        self.vivienda_combo = ComboBox()
        self.vivienda_combo.setObjectName("vivienda_combo")
        for vivienda in monthly_report.viviendas():
            self.vivienda_combo.addItem(vivienda.name, vivienda.id)
        self.month_combo = ComboBox()
        self.month_combo.setObjectName("month_combo")
        months = finished_months(session.today())
        if period and period not in months:
            months = sorted([*months, period], reverse=True)
        for month in months:
            self.month_combo.addItem(month_label(month), month)
        self._choose(self.vivienda_combo, vivienda_id)
        self._choose(self.month_combo, period)

        self.preview_label = QLabel()
        self.preview_label.setObjectName("anexo_preview")
        self.preview_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "error")
        self.message_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(tr("Generar y abrir"))
        set_role(self.create_button, "primary")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Vivienda"), self.vivienda_combo)
        form.addRow(tr("Mes"), self.month_combo)
        form.addRow("", self.preview_label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addStretch()
        layout.addWidget(self.buttons)

        self.vivienda_combo.currentIndexChanged.connect(self._update_preview)
        self.month_combo.currentIndexChanged.connect(self._update_preview)
        self._update_preview()

    @staticmethod
    def _choose(combo: QComboBox, value: str | None) -> None:
        index = combo.findData(value) if value else -1
        if index >= 0:
            combo.setCurrentIndex(index)

    def _update_preview(self) -> None:
        self.message_label.hide()
        vivienda_id, month = self.vivienda_combo.currentData(), self.month_combo.currentData()
        if not vivienda_id or not month:
            self.preview_label.setText(tr("Dé de alta antes una vivienda."))
            self.create_button.setEnabled(False)
            return
        try:
            values = self.service.anexo_iii(vivienda_id, month)
        except UserError as error:
            self.preview_label.setText(str(error))
            self.create_button.setEnabled(False)
            return
        users = values["usuarios"]
        resigned = sum(1 for user in users if user.get("renuncia"))
        self.preview_label.setText(
            tr("{month}: {users} usuarios/as · {altas} altas · {resigned} renuncias.").format(
                users=len(users) - resigned,
                altas=len(values["altas"]),
                resigned=resigned,
                month=values["mes"].capitalize(),
            )
        )
        self.create_button.setEnabled(True)

    @property
    def created(self) -> FormInstanceView | None:
        return self.outcome

    def create(self) -> None:
        try:
            created = self.service.create_anexo_iii(
                self.session.actor,
                self.vivienda_combo.currentData(),
                self.month_combo.currentData(),
            )
        except UserError as error:
            self.message_label.setText(str(error))
            self.message_label.show()
            return
        self.finish(created)


# -- a vivienda's form in the editor -------------------------------------------------------


def open_form_window(
    services: Services, session: Session, instance_id: str, parent: QWidget
) -> QDialog | None:
    """The form editor in its own window (closing saves the draft); print → preview."""
    from reinsercion_desktop.ui.forms.form_editor import FormEditor
    from reinsercion_desktop.ui.forms.forms_tab import FormEditorDialog

    try:
        filled = services.forms.open(session.actor, instance_id)
    except UserError as error:
        QMessageBox.warning(parent, tr("No se puede abrir"), str(error))
        return None
    editor = FormEditor(services.forms, session, filled)
    dialog = FormEditorDialog(editor, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.print_requested.connect(lambda form_id: preview_form(services, session, form_id, dialog))
    dialog.show()
    return dialog


def preview_form(
    services: Services, session: Session, instance_id: str, parent: QWidget
) -> QDialog | None:
    """Issue the PDF in memory and show it (nothing personal written to disk in clear)."""
    from reinsercion_desktop.ui.forms.pdf_names import issued_pdf_path
    from reinsercion_desktop.ui.forms.pdf_preview import PdfPreviewDialog

    try:
        data = services.forms.issue_pdf_bytes(session.actor, instance_id)
    except UserError as error:
        QMessageBox.warning(parent, tr("No se pudo preparar el PDF"), str(error))
        return None
    dialog = PdfPreviewDialog(
        data,
        tr("Vista previa"),
        parent,
        suggested=issued_pdf_path(services.forms, instance_id, session.today()),
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
