"""The participant file in the centre of the window: a header and the tabs of the file."""

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.db.models import Participant
from reinsercion_desktop.domain.dates import age_on, format_date_es, format_datetime_es
from reinsercion_desktop.domain.enums import ParticipantStatus
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.participants import draft_of
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.participants.participant_form import ParticipantForm
from reinsercion_desktop.ui.participants.welcome import WelcomePage
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr


class DocumentsTab(QWidget):
    """Attached documents: add a scan, open it, and see whether it is still intact."""

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.participant_id: str | None = None
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("documents_table")
        self.table.setHorizontalHeaderLabels(
            [tr("Documento"), tr("Descripción"), tr("Añadido"), tr("Integridad")]
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton(tr("Añadir documento…"))
        self.open_button = QPushButton(tr("Abrir"))
        self.add_button.clicked.connect(self.choose_and_add)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self._attachments: list = []

    def load(self, participant_id: str) -> None:
        self.participant_id = participant_id
        self._attachments = self.services.attachments.list_for(participant_id)
        self.table.setRowCount(len(self._attachments))
        for row, item in enumerate(self._attachments):
            intact = self.services.attachments.verify(item)
            cells = (
                item.original_name,
                item.description,
                f"{format_datetime_es(item.created_at)} · {item.created_by}",
                tr("Correcto (SHA-256)") if intact else tr("¡Alterado o ausente!"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def choose_and_add(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Añadir documento"),
            str(Path.home()),
            tr("Documentos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.odt *.docx *.txt);;Todos (*)"),
        )
        if path:
            description, ok = QInputDialog.getText(
                self, tr("Descripción"), tr("¿Qué documento es? (p. ej. «Consentimiento firmado»)")
            )
            if ok:
                self.add(Path(path), description)

    def add(self, path: Path, description: str) -> None:
        assert self.participant_id
        try:
            self.services.attachments.add(
                self.session.actor, self.participant_id, path, description
            )
        except UserError as error:
            QMessageBox.warning(self, tr("No se pudo añadir"), str(error))
        self.load(self.participant_id)

    def open_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._attachments):
            QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(self.services.attachments.path_of(self._attachments[row])))
            )


class ParticipantFileView(QWidget):
    """Empty state until a file is opened; then header + tabs. Emits `saved` after a write."""

    saved = Signal(str)
    # A write on the plan or follow-up tabs: Pendientes and the caseload change, the file not.
    case_changed = Signal(str)

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.participant: Participant | None = None
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()

        self.stack.addWidget(self.welcome)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.stack)
        self.dirty = False
        self._references: dict = {}
        self._built = False

    def _build(self) -> None:
        """The file page is built on first use: start-up only needs the welcome page."""
        if self._built:
            return
        self._built = True
        self.title_label = QLabel()
        set_role(self.title_label, "title")
        self.subtitle_label = QLabel()
        self.subtitle_label.setWordWrap(True)  # a long line here would widen the whole window
        set_role(self.subtitle_label, "hint")
        self.status_chip = QLabel()
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        header.addLayout(titles)
        header.addStretch()
        header.addWidget(self.status_chip)

        self.form = ParticipantForm()
        self.form.changed.connect(self._edited)
        self.save_button = QPushButton(tr("Guardar cambios"))
        self.save_button.setObjectName("save_button")
        set_role(self.save_button, "primary")
        self.discard_button = QPushButton(tr("Descartar cambios"))
        self.archive_button = QPushButton(tr("Archivar ficha…"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.reload)
        self.archive_button.clicked.connect(self.ask_archive)
        data_buttons = QHBoxLayout()
        data_buttons.addWidget(self.save_button)
        data_buttons.addWidget(self.discard_button)
        data_buttons.addStretch()
        data_buttons.addWidget(self.archive_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        data_tab = QWidget()
        data_layout = QVBoxLayout(data_tab)
        data_layout.addLayout(data_buttons)
        data_layout.addWidget(self.message_label)
        data_layout.addWidget(scroll)

        self.documents_tab = DocumentsTab(self.services, self.session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("file_tabs")
        # Built with the file page, not at start-up.
        from reinsercion_desktop.ui.circuit.referrals_tab import ReferralsTab
        from reinsercion_desktop.ui.circuit.stays_tab import StaysTab
        from reinsercion_desktop.ui.follow_up.follow_up_tab import FollowUpTab
        from reinsercion_desktop.ui.follow_up.timeline_tab import TimelineTab
        from reinsercion_desktop.ui.forms.forms_tab import FormsTab
        from reinsercion_desktop.ui.plan.plan_tab import PlanTab
        from reinsercion_desktop.ui.resources.referrals_panel import ResourceReferralsPanel

        self.forms_tab = FormsTab(self.services, self.session)
        self.referrals_tab = ReferralsTab(self.services, self.session)
        self.stays_tab = StaysTab(self.services, self.session)
        self.plan_tab = PlanTab(self.services.plans, self.services.forms, self.session)
        self.resources_panel = ResourceReferralsPanel(self.services.resources, self.session)
        self.plan_tab.lower_tabs.addTab(self.resources_panel, tr("Recursos"))
        self.follow_up_tab = FollowUpTab(self.services.follow_up, self.session)
        self.timeline_tab = TimelineTab(self.services.timeline, self.session)
        # The person's resources are read when their tab under the plan is shown.
        self.plan_tab.lower_tabs.currentChanged.connect(lambda _index: self._load_resources())
        for tab in (self.plan_tab, self.resources_panel, self.follow_up_tab):
            tab.changed.connect(self._case_written)
        # Each tab refreshes itself after a step; the other one follows (an admission
        # moves the protocol, a new protocol may become admissible).
        self.referrals_tab.changed.connect(lambda: self._circuit_changed(self.stays_tab))
        self.stays_tab.changed.connect(lambda: self._circuit_changed(self.referrals_tab))
        self.tabs.addTab(data_tab, tr("Datos"))
        self.tabs.addTab(self.referrals_tab, tr("Derivaciones"))
        self.tabs.addTab(self.stays_tab, tr("Estancias"))
        self.tabs.addTab(self.forms_tab, tr("Formularios"))
        self.tabs.addTab(self.plan_tab, tr("Plan"))
        self.tabs.addTab(self.follow_up_tab, tr("Seguimiento"))
        self.tabs.addTab(self.timeline_tab, tr("Línea de tiempo"))
        self.tabs.addTab(self.documents_tab, tr("Documentos"))

        file_page = QWidget()
        file_layout = QVBoxLayout(file_page)
        file_layout.addLayout(header)
        file_layout.addWidget(self.tabs)
        self.stack.addWidget(file_page)
        self.form.set_references(**self._references)
        self._set_dirty(False)

    def set_references(self, references: dict) -> None:
        self._references = references
        if self._built:
            self.form.set_references(**references)

    # -- opening and showing -------------------------------------------------------------

    def open(self, participant_id: str) -> None:
        """Open a file (audited as a read), unless unsaved edits would be lost."""
        if self.participant and self.participant.id == participant_id:
            return
        if not self.confirm_leave():
            return
        try:
            participant = self.services.participants.open(self.session.actor, participant_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se puede abrir"), str(error))
            return
        self._show(participant)
        self.documents_tab.load(participant.id)
        self.forms_tab.load(participant.id)
        self.referrals_tab.load(participant.id)
        self.stays_tab.load(participant.id)
        # Each case tab reads when in sight (LazyTab); opening a file stays one quick read.
        for tab in (self.plan_tab, self.follow_up_tab, self.timeline_tab):
            tab.load(participant.id)
        self._load_resources()

    def _load_resources(self) -> None:
        panel = self.resources_panel
        shown = self.plan_tab.lower_tabs.currentWidget() is panel
        if self.participant and shown and panel.participant_id != self.participant.id:
            panel.load(self.participant.id)

    def _case_written(self, participant_id: str) -> None:
        """Objectives link to resources and both show on the timeline: the others follow."""
        if not self.participant or self.participant.id != participant_id:
            return
        sender = self.sender()
        if sender is self.plan_tab:
            self.resources_panel.load(participant_id)
        elif sender is self.resources_panel:
            self.plan_tab.load(participant_id)
        self.timeline_tab.load(participant_id)
        self.case_changed.emit(participant_id)

    def _circuit_changed(self, other_tab) -> None:  # type: ignore[no-untyped-def]
        """A referral or stay step may change the person's status (and the file's version):
        show it, unless unsaved edits are open (saving them is then refused as stale)."""
        if not self.participant:
            return
        if not self.dirty:
            self.reload()
        other_tab.load(self.participant.id)
        self.timeline_tab.load(self.participant.id)
        self.saved.emit(self.participant.id)

    def reload(self) -> None:
        if self.participant:
            self._show(self.services.participants.open(self.session.actor, self.participant.id))

    def _show(self, participant: Participant) -> None:
        self._build()
        self.participant = participant
        self.form.set_draft(draft_of(participant))
        self.title_label.setText(
            f"{participant.first_name} {participant.surname1} {participant.surname2}".strip()
        )
        age = age_on(participant.birth_date, self.session.today())
        self.subtitle_label.setText(
            tr(
                "CODAPEL {codapel} · {age} años · nacido/a el {birth} · versión {version}, guardada {when} por {who}"
            ).format(
                codapel=participant.codapel,
                age=age,
                birth=format_date_es(participant.birth_date),
                version=participant.version,
                when=format_datetime_es(participant.updated_at),
                who=participant.updated_by,
            )
        )
        archived = participant.archived_at is not None
        self.status_chip.setText(
            tr("Archivada") if archived else ParticipantStatus(participant.status).label
        )
        set_role(self.status_chip, "chip-archived" if archived else "chip")
        self.archive_button.setText(tr("Recuperar ficha") if archived else tr("Archivar ficha…"))
        self.form.set_read_only(archived)
        self.message_label.setText(
            tr("Ficha archivada el {when}: {reason}").format(
                when=format_datetime_es(participant.archived_at), reason=participant.archive_reason
            )
            if archived
            else ""
        )
        set_role(self.message_label, "hint")
        self._set_dirty(False)
        self.stack.setCurrentIndex(1)

    # -- editing ---------------------------------------------------------------------------

    def _edited(self) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)

    def save(self) -> bool:
        if not self.participant:
            return False
        draft, problems = self.form.draft()
        if problems:
            self._problems(problems)
            return False
        try:
            participant = self.services.participants.update(
                self.session.actor,
                self.participant.id,
                draft,
                expected_version=self.participant.version,
            )
        except ValidationError as error:
            self._problems(error.problems)
            return False
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha guardado"), str(error))
            return False
        self._show(participant)
        self.message_label.setText(tr("Cambios guardados."))
        self.saved.emit(participant.id)
        return True

    def _problems(self, problems: dict[str, str]) -> None:
        self.form.show_problems(problems)
        set_role(self.message_label, "error")
        self.message_label.setText(
            tr(
                "No se ha guardado: hay {n} campo(s) por corregir, con el mensaje junto a cada uno."
            ).format(n=len(problems))
        )

    def confirm_leave(self) -> bool:
        """Ask before unsaved edits are lost; True when it is fine to go on."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            tr("Cambios sin guardar"),
            tr("La ficha tiene cambios sin guardar. ¿Guardarlos antes de seguir?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def ask_archive(self) -> None:
        if not self.participant:
            return
        if self.participant.archived_at is not None:
            self.services.participants.restore(self.session.actor, self.participant.id)
        else:
            reason, ok = QInputDialog.getText(
                self,
                tr("Archivar ficha"),
                tr("Motivo del archivo (p. ej. «Baja en el programa», «Traslado»):"),
            )
            if not ok:
                return
            try:
                self.services.participants.archive(self.session.actor, self.participant.id, reason)
            except UserError as error:
                QMessageBox.warning(self, tr("No se ha archivado"), str(error))
                return
        participant_id = self.participant.id
        self.participant = None
        self.open(participant_id)
        self.saved.emit(participant_id)
