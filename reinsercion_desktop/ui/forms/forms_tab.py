"""Tab "Formularios" of a participant's file: the forms filled for the person, and new ones.

The tab gets the form service and the session; the list is the shared rows table over
`FormSummary` views, and each form opens in its editor window, sized to the screen.
"""

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.domain.enums import FormStatus
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.forms import FormService, FormSummary
from reinsercion_desktop.ui.circuit.exchange_column import exchange_column, show_exchange_column
from reinsercion_desktop.ui.forms.form_editor import FormEditor
from reinsercion_desktop.ui.forms.pdf_names import blank_pdf_path, issued_pdf_path
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

EDITOR_SIZE = QSize(1000, 820)  # what a form wants; never more than the screen gives
WINDOW_FRAME = QSize(16, 48)  # room for the title bar and borders the system adds


def form_notes(summary: FormSummary) -> str:
    notes = []
    if summary.amends_id:
        notes.append(tr("rectificación"))
    if summary.superseded:
        notes.append(tr("rectificado por otro"))
    if summary.altered_after_signing:
        notes.append(tr("¡MODIFICADO DESPUÉS DE FIRMAR!"))
    return ", ".join(notes)


COL_EXCHANGE = 5


def form_columns() -> tuple[Column[FormSummary], ...]:
    # Built when a list is made, not at import: the headers are translated then.
    return (
        Column(tr("Formulario"), lambda s: f"{s.title} (v{s.version})", stretch=True),
        Column(tr("Estado"), lambda s: s.status.label),
        Column(
            tr("Última modificación"),
            lambda s: f"{format_datetime_es(s.updated_at)} · {s.updated_by}",
        ),
        Column(tr("Firmado por"), lambda s: s.signed_by_name),
        Column(tr("Notas"), form_notes),
        exchange_column(lambda s: s.exchange),  # hidden without a peer
    )


def forms_model(parent: QWidget | None = None) -> RowsTableModel[FormSummary]:
    """The list of a person's forms; a form changed after it was signed shows in red."""
    return RowsTableModel(
        form_columns(),
        parent,
        row_tone=lambda s: "alert" if s.altered_after_signing else None,
    )


class FormEditorDialog(QDialog):
    """A form open for editing, in its own window; closing saves the draft.

    It opens as large as a form wants but never larger than the screen's free area: on a
    1366×768 laptop the form scrolls inside it instead of running off the screen.
    """

    def __init__(self, editor: FormEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.setWindowTitle(editor.definition.title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setSizeGripEnabled(True)
        layout = QVBoxLayout(self)
        layout.addWidget(editor)
        self.resize(self.fitted_size())

    def fitted_size(self) -> QSize:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return EDITOR_SIZE
        room = screen.availableGeometry().size() - WINDOW_FRAME
        return EDITOR_SIZE.boundedTo(room)

    def done(self, result: int) -> None:  # noqa: D401 (Qt override)
        self.editor.save_now()
        super().done(result)


class FormsTab(QWidget):
    def __init__(self, forms: FormService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.forms = forms
        self.session = session
        self.participant_id: str | None = None
        self.open_dialogs: list[FormEditorDialog] = []

        self.new_button = QToolButton()
        self.new_button.setText(tr("Nuevo formulario"))
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        new_menu = QMenu(self.new_button)
        blank_menu = QMenu(tr("Imprimir en blanco"), self)
        catalogue = forms.catalogue
        for form_id in catalogue.ids():
            definition = catalogue.latest(form_id)
            if definition.owner == "participant":
                action = QAction(definition.title, new_menu)
                action.triggered.connect(lambda _=False, f=form_id: self.create(f))
                new_menu.addAction(action)
            blank = QAction(definition.title, blank_menu)
            blank.triggered.connect(lambda _=False, f=form_id: self.print_blank(f))
            blank_menu.addAction(blank)
        self.new_button.setMenu(new_menu)
        # Less frequent actions share one menu, so the tab fits beside the docks.
        self.more_button = QToolButton()
        self.more_button.setText(tr("Más"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more_menu = QMenu(self.more_button)
        more_menu.addMenu(blank_menu)
        check_action = more_menu.addAction(tr("Comprobar un PDF impreso…"))
        check_action.triggered.connect(self.check_paper)
        self.more_button.setMenu(more_menu)
        self.open_button = QPushButton(tr("Abrir"))
        self.scan_button = QPushButton(tr("Adjuntar firmado…"))
        self.scan_button.setToolTip(tr("Adjuntar el escaneo de la copia en papel firmada"))
        self.questionnaire_button = QPushButton(tr("Cuestionario…"))
        self.questionnaire_button.setToolTip(
            tr("El participante rellena el Anexo VII en pantalla completa")
        )
        self.open_button.clicked.connect(self.open_selected)
        self.scan_button.clicked.connect(self.attach_scan)
        self.questionnaire_button.clicked.connect(self.questionnaire)

        self.model = forms_model(self)
        self.table = RowsTableView(self.model, "forms_table")
        self.table.row_activated.connect(lambda _summary: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        buttons = QHBoxLayout()
        for widget in (
            self.new_button,
            self.open_button,
            self.scan_button,
            self.questionnaire_button,
        ):
            buttons.addWidget(widget)
        buttons.addStretch()
        buttons.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self._selection_changed()

    # -- list ------------------------------------------------------------------------------

    def load(self, participant_id: str) -> None:
        self.participant_id = participant_id
        self.refresh()

    @property
    def summaries(self) -> list[FormSummary]:
        return self.model.rows

    def refresh(self) -> None:
        """Read the list again, keeping the form that was selected."""
        if not self.participant_id:
            return
        chosen = self.selected()
        self.model.set_rows(self.forms.list_for(self.participant_id))
        show_exchange_column(self.table, COL_EXCHANGE, (s.exchange for s in self.summaries))
        if chosen is not None:
            self.table.select_where(lambda summary: summary.id == chosen.id)
        self._selection_changed()

    def selected(self) -> FormSummary | None:
        return self.table.current_row()

    def _selection_changed(self) -> None:
        summary = self.selected()
        self.open_button.setEnabled(summary is not None)
        self.scan_button.setEnabled(summary is not None and summary.status is FormStatus.SIGNED)
        self.questionnaire_button.setEnabled(
            summary is not None
            and summary.form_id == "anexo-vii"
            and summary.status is FormStatus.DRAFT
        )

    # -- actions ---------------------------------------------------------------------------

    def create(self, form_id: str) -> FormEditorDialog | None:
        assert self.participant_id
        try:
            instance = self.forms.create(self.session.actor, form_id, self.participant_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha creado"), str(error))
            return None
        self.refresh()
        return self.open_form(instance.id)

    def open_selected(self) -> None:
        summary = self.selected()
        if summary is not None:
            self.open_form(summary.id)

    def open_form(self, instance_id: str) -> FormEditorDialog | None:
        try:
            filled = self.forms.open(self.session.actor, instance_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se puede abrir"), str(error))
            return None
        editor = FormEditor(self.forms, self.session, filled)
        dialog = FormEditorDialog(editor, self)
        editor.changed_state.connect(self.refresh)
        editor.changed_state.connect(lambda: self._follow_amendment(editor, dialog))
        editor.print_requested.connect(self.preview)
        dialog.finished.connect(
            lambda _r: self.open_dialogs.remove(dialog) if dialog in self.open_dialogs else None
        )
        self.open_dialogs.append(dialog)
        dialog.show()
        return dialog

    def _follow_amendment(self, editor: FormEditor, dialog: FormEditorDialog) -> None:
        amended = getattr(editor, "amended_id", None)
        if amended:
            editor.amended_id = None
            dialog.close()
            self.open_form(amended)

    def _show_pdf(self, data: bytes, title: str, suggested: Path) -> None:
        # Shown from memory: a preview of personal data never touches the disk in clear.
        from reinsercion_desktop.ui.forms.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(data, title, self, suggested=suggested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # its page images go with it
        dialog.open()

    def preview(self, instance_id: str) -> None:
        try:
            data = self.forms.issue_pdf_bytes(self.session.actor, instance_id)
            suggested = issued_pdf_path(self.forms, instance_id, self.session.today())
        except UserError as error:
            QMessageBox.warning(self, tr("No se pudo preparar el PDF"), str(error))
            return
        self.refresh()
        self._show_pdf(data, tr("Vista previa"), suggested)

    def print_blank(self, form_id: str) -> None:
        try:
            data = self.forms.blank_pdf_bytes(form_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se pudo preparar el PDF"), str(error))
            return
        definition = self.forms.catalogue.latest(form_id)
        self._show_pdf(
            data, tr("Formulario en blanco"), blank_pdf_path(definition, self.session.today())
        )

    def attach_scan(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Copia firmada escaneada"),
            str(Path.home()),
            tr("Escaneos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Todos (*)"),
        )
        if path:
            try:
                self.forms.attach_scan(self.session.actor, summary.id, Path(path))
            except UserError as error:
                QMessageBox.warning(self, tr("No se pudo adjuntar"), str(error))
                return
            QMessageBox.information(
                self, tr("Copia adjuntada"), tr("La copia firmada se guardó en Documentos.")
            )

    def questionnaire(self) -> None:
        from reinsercion_desktop.ui.forms.questionnaire import QuestionnaireDialog

        summary = self.selected()
        if summary is None:
            return
        try:
            filled = self.forms.open(self.session.actor, summary.id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se puede abrir"), str(error))
            return
        dialog = QuestionnaireDialog(filled.definition, filled.data, self)
        dialog.finished.connect(lambda _r: self._save_answers(summary.id, dialog))
        dialog.open()
        dialog.showFullScreen()

    def _save_answers(self, instance_id: str, dialog) -> None:  # type: ignore[no-untyped-def]
        try:
            filled = self.forms.open(self.session.actor, instance_id)
            data = {**filled.data, **dialog.answers()}
            self.forms.save_draft(
                self.session.actor, instance_id, data, expected_version=filled.instance.version
            )
        except UserError as error:
            QMessageBox.warning(self, tr("No se han guardado las respuestas"), str(error))
        self.refresh()

    def check_paper(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Comprobar un PDF"), str(Path.home()), tr("PDF (*.pdf)")
        )
        if path:
            try:
                result = self.forms.check_paper(Path(path))
            except UserError as error:
                QMessageBox.warning(self, tr("No se pudo comprobar"), str(error))
                return
            box = QMessageBox.information if result.genuine else QMessageBox.warning
            box(self, tr("Comprobación del PDF"), result.message)
