"""The participant file in the centre of the window: a header and the tabs of the file."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import age_on, format_date_es, format_datetime_es
from reinsercion_desktop.domain.enums import ParticipantStatus
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.participants import (
    ParticipantService,
    ParticipantView,
    ReasonRequired,
    draft_of,
)
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.participants.data_tab import DataTab
from reinsercion_desktop.ui.participants.documents_tab import DocumentsTab
from reinsercion_desktop.ui.participants.welcome import WelcomePage
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.tabs import ScrollingTabs


class ParticipantFileView(QWidget):
    """Empty state until a file is opened; then header + tabs. Emits `saved` after a write."""

    saved = Signal(str)
    # A write on the plan or follow-up tabs: Pendientes and the caseload change, the file not.
    case_changed = Signal(str)

    def __init__(
        self,
        participants: ParticipantService,
        attachments: AttachmentService,
        services: Services,
        session: Session,
        parent: QWidget | None = None,
    ):
        """`services`: only to build the other features' tabs, until each takes its own."""
        super().__init__(parent)
        self.participants = participants
        self.attachments = attachments
        self.services = services
        self.session = session
        self.participant: ParticipantView | None = None
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()

        self.stack.addWidget(self.welcome)  # a scroll area: it never sets the window's size
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.stack)
        self.dirty = False
        self._open_reason = ""  # why the file in view was opened, when a reason was asked
        self.reason_dialog = None  # the reason dialog last opened (tests answer it)
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
        header.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignTop)
        # The person's rights (issue 11), on a line of their own so the header stays narrow:
        # no consent for treatment in force; their data on request.
        self.consent_warning = QLabel(tr("Sin consentimiento vigente para el tratamiento"))
        set_role(self.consent_warning, "chip-archived")
        self.consent_warning.setWordWrap(True)  # never what widens the window
        self.consent_warning.hide()
        self.access_button = QPushButton(tr("Exportar sus datos (derecho de acceso)…"))
        self.access_button.setObjectName("access_export_action")
        self.access_button.setVisible(
            self.session.actor.may(PermissionAction.SUBJECT_ACCESS_EXPORT)
        )
        self.access_button.clicked.connect(self.ask_access_export)
        self.access_dialog = None  # the export dialog last opened (tests drive it)
        rights = QHBoxLayout()
        rights.addWidget(self.consent_warning)
        rights.addWidget(self.access_button)
        from reinsercion_desktop.ui.participants.exchange_line import ExchangeStateLine

        self.exchange_line = ExchangeStateLine(self.services.exchange)  # with a peer only
        rights.addWidget(self.exchange_line)
        rights.addStretch()
        titles.addLayout(rights)

        self.data_tab = DataTab()
        self.form = self.data_tab.form
        self.save_button = self.data_tab.save_button
        self.discard_button = self.data_tab.discard_button
        self.archive_button = self.data_tab.archive_button
        self.message_label = self.data_tab.message_label
        self.form.changed.connect(self._edited)
        self.form.problems_changed.connect(self._problems_left)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.reload)
        self.archive_button.clicked.connect(self.ask_archive)

        self.documents_tab = DocumentsTab(self.attachments, self.session)
        self.tabs = ScrollingTabs()
        self.tabs.setObjectName("file_tabs")
        self.tabs.setUsesScrollButtons(True)  # eight tabs in a ~760 px centre: they scroll
        # Built with the file page, not at start-up.
        from reinsercion_desktop.ui.circuit.referrals_tab import ReferralsTab
        from reinsercion_desktop.ui.circuit.stays_tab import StaysTab
        from reinsercion_desktop.ui.follow_up.follow_up_tab import FollowUpTab
        from reinsercion_desktop.ui.follow_up.timeline_tab import TimelineTab
        from reinsercion_desktop.ui.forms.forms_tab import FormsTab
        from reinsercion_desktop.ui.plan.plan_tab import PlanTab
        from reinsercion_desktop.ui.resources.referrals_panel import ResourceReferralsPanel

        self.forms_tab = FormsTab(self.services.forms, self.session)
        self.referrals_tab = ReferralsTab(
            self.services.referrals, self.services.waiting_list, self.session
        )
        self.stays_tab = StaysTab(self.services.stays, self.session)
        self.plan_tab = PlanTab(self.services.plans, self.services.forms, self.session)
        self.resources_panel = ResourceReferralsPanel(self.services.resources, self.session)
        self.plan_tab.lower_tabs.addTab(self.resources_panel, tr("Recursos"))
        self.follow_up_tab = FollowUpTab(self.services.follow_up, self.session)
        self.timeline_tab = TimelineTab(self.services.timeline, self.session)
        from reinsercion_desktop.ui.participants.consents_tab import ConsentsTab

        self.consents_tab = ConsentsTab(self.services.consents, self.session)
        self.consents_tab.changed.connect(lambda _pid: self._show_consent_warning())
        # The person's resources are read when their tab under the plan is shown.
        self.plan_tab.lower_tabs.currentChanged.connect(lambda _index: self._load_resources())
        for tab in (self.plan_tab, self.resources_panel, self.follow_up_tab):
            tab.changed.connect(self._case_written)
        # Each tab refreshes itself after a step; the other one follows (an admission
        # moves the protocol, a new protocol may become admissible).
        self.referrals_tab.changed.connect(lambda: self._circuit_changed(self.stays_tab))
        self.stays_tab.changed.connect(lambda: self._circuit_changed(self.referrals_tab))
        self.tabs.addTab(self.data_tab, tr("Datos"))
        self.tabs.addTab(self.referrals_tab, tr("Derivaciones"))
        self.tabs.addTab(self.stays_tab, tr("Estancias"))
        self.tabs.addTab(self.forms_tab, tr("Formularios"))
        self.tabs.addTab(self.plan_tab, tr("Plan"))
        self.tabs.addTab(self.follow_up_tab, tr("Seguimiento"))
        self.tabs.addTab(self.timeline_tab, tr("Línea de tiempo"))
        self.tabs.addTab(self.documents_tab, tr("Documentos"))
        self.tabs.addTab(self.consents_tab, tr("Consentimientos"))

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
        """Open a file (audited as a read), unless unsaved edits would be lost. A file of
        someone else's caseload may need a reason first: the service says so, a small
        dialog asks it and opens the file with it."""
        if self.participant and self.participant.id == participant_id:
            return
        if not self.confirm_leave():
            return
        try:
            participant = self.participants.open(self.session.actor, participant_id)
        except ReasonRequired:
            self.ask_reason(participant_id)
            return
        except UserError as error:
            QMessageBox.warning(self, tr("No se puede abrir"), str(error))
            return
        self._opened(participant, reason="")

    def ask_reason(self, participant_id: str) -> None:
        """The reason dialog (window-modal, not blocking); the file opens when it is given."""
        from reinsercion_desktop.ui.participants.open_reason import OpenReasonDialog  # rare

        self.reason_dialog = OpenReasonDialog(self.participants, self.session, participant_id, self)
        dialog = self.reason_dialog
        dialog.produced.connect(lambda participant: self._opened(participant, dialog.reason))
        dialog.open()

    def _opened(self, participant: ParticipantView, reason: str) -> None:
        """Show a file the service opened; `reason`: why, when one was asked (reloads of
        the same file give it again, each read being audited)."""
        self._open_reason = reason
        self._show(participant)
        self.documents_tab.load(participant.id)
        self.forms_tab.load(participant.id)
        self.referrals_tab.load(participant.id)
        self.stays_tab.load(participant.id)
        # Each case tab reads when in sight (LazyTab); opening a file stays one quick read.
        for tab in (self.plan_tab, self.follow_up_tab, self.timeline_tab, self.consents_tab):
            tab.load(participant.id)
        self._load_resources()
        self._show_consent_warning()

    def _show_consent_warning(self) -> None:
        if self.participant:
            summary = self.services.consents.summary(self.session.actor, self.participant.id)
            self.consent_warning.setVisible(summary.treatment_missing)

    def ask_access_export(self) -> None:
        from reinsercion_desktop.ui.participants.access_export import AccessExportDialog

        if self.participant:
            self.access_dialog = AccessExportDialog.ask(
                self.services.subject_access, self.session, self.participant.id, self
            )

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
            self._show(
                self.participants.open(
                    self.session.actor, self.participant.id, reason=self._open_reason
                )
            )

    def records_came_in(self) -> None:
        """A bundle made or taken: every tab reads again with its records' exchange states
        (Datos too, unless it holds unsaved edits: then only the header's state)."""
        if self.participant is None:
            return
        if self.dirty:
            self.exchange_line.load(self.participant.id)
        else:
            self.reload()
        for tab in (self.referrals_tab, self.stays_tab, self.forms_tab, self.timeline_tab):
            tab.load(self.participant.id)

    def _show(self, participant: ParticipantView) -> None:
        self._build()
        self.participant = participant
        self.form.set_draft(draft_of(participant))
        self.title_label.setText(participant.full_name)
        self.exchange_line.load(participant.id)
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
        archived = participant.archived
        self.status_chip.setText(
            tr("Archivada") if archived else ParticipantStatus(participant.status).label
        )
        set_role(self.status_chip, "chip-archived" if archived else "chip")
        self.archive_button.setText(tr("Recuperar ficha") if archived else tr("Archivar ficha…"))
        may = self.session.actor.may(
            PermissionAction.PARTICIPANT_RESTORE
            if archived
            else PermissionAction.PARTICIPANT_ARCHIVE
        )
        self.archive_button.setEnabled(may)
        self.archive_button.setToolTip(
            ""
            if may
            else tr("Solo responsables y administradores pueden archivar o recuperar una ficha.")
        )
        self.form.set_read_only(archived)
        self.data_tab.say(
            tr("Ficha archivada el {when}: {reason}").format(
                when=format_datetime_es(participant.archived_at), reason=participant.archive_reason
            )
            if archived
            else ""
        )
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
            participant = self.participants.update(
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
        self.data_tab.say(tr("Cambios guardados."))
        self.saved.emit(participant.id)
        return True

    def _problems(self, problems: dict[str, str]) -> None:
        self.form.show_problems(problems)  # the summary follows through problems_changed

    def _problems_left(self, problems: dict[str, str]) -> None:
        """The summary lists the fields still to correct; it goes once all are corrected."""
        self.data_tab.say_problems(problems)

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
        if self.participant.archived:
            try:
                self.participants.restore(self.session.actor, self.participant.id)
            except UserError as error:
                QMessageBox.warning(self, tr("No se ha recuperado"), str(error))
                return
        else:
            reason, ok = QInputDialog.getText(
                self,
                tr("Archivar ficha"),
                tr("Motivo del archivo (p. ej. «Baja en el programa», «Traslado»):"),
            )
            if not ok:
                return
            try:
                self.participants.archive(self.session.actor, self.participant.id, reason)
            except UserError as error:
                QMessageBox.warning(self, tr("No se ha archivado"), str(error))
                return
        participant_id = self.participant.id
        self.participant = None
        self.open(participant_id)
        self.saved.emit(participant_id)
