"""Tab "Seguimiento" of a participant's file: interviews, coordination with other services,
case conferences and employment, one sub-tab each, newest first.

The tab reads its records when shown (as the other file tabs do); every dialog saves
through the FollowUpService and, once saved, the tab re-reads and emits `changed` with the
participant's id (Pendientes and the caseload listen to it).
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.db.models import CaseConference, EmploymentPlacement
from reinsercion_desktop.domain.dates import format_date_es as d
from reinsercion_desktop.domain.enums import ContractType, InterviewKind, ServiceKind
from reinsercion_desktop.domain.follow_up_rules import ConferenceTask
from reinsercion_desktop.services.follow_up import attendees_of, tasks_of
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.circuit.parts import fill, make_table
from reinsercion_desktop.ui.follow_up import dialogs
from reinsercion_desktop.ui.follow_up.conference_dialog import ConferenceDialog
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog
from reinsercion_desktop.ui.widgets.lazy import LazyTab


def _label(vocabulary, value: str) -> str:  # type: ignore[no-untyped-def]
    return vocabulary(value).label if value in set(vocabulary) else value


def _yes(flag: bool) -> str:
    return tr("Sí") if flag else tr("No")


class Panel(QWidget):
    """One sub-tab: a read-only table of records and its buttons; some need a selection."""

    def __init__(self, tab: "FollowUpTab", columns: list[str], stretch: int, empty: str):
        super().__init__()
        self.tab = tab
        self.records: list[Any] = []
        self.table = make_table(columns, stretch, wrap=True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(empty)
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")
        self.buttons = QHBoxLayout()
        self._needs_selection: list[QPushButton] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.buttons)
        self.layout_.addWidget(self.empty_label)

    def add_button(
        self, text: str, slot: Callable[[], None], *, on_selected: bool = False
    ) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _=False: slot())
        self.buttons.addWidget(button)
        if on_selected:
            self._needs_selection.append(button)
        return button

    def show_records(self, records: list[Any], rows: list[tuple[str, ...]]) -> None:
        chosen = self.selected()
        self.records = records
        fill(self.table, rows)
        self.table.setVisible(bool(records))
        self.empty_label.setVisible(not records)
        ids = [r.id for r in records]
        row = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        if records:
            self.table.setCurrentCell(row, 0)
        self._selection_changed()

    def selected(self) -> Any:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _selection_changed(self) -> None:
        for button in self._needs_selection:
            button.setEnabled(self.selected() is not None)
        self.selection_changed()

    def selection_changed(self) -> None:
        """Panels with details of the selected record override this."""


class InterviewsPanel(Panel):
    def __init__(self, tab: "FollowUpTab"):
        columns = [tr("Fecha"), tr("Tipo"), tr("Profesional"), tr("Próxima cita"), tr("Notas")]
        super().__init__(tab, columns, 4, tr("Aún no hay entrevistas de seguimiento."))
        self.new_button = self.add_button(tr("Nueva entrevista"), self.ask_new)
        self.edit_button = self.add_button(tr("Editar"), self.ask_edit, on_selected=True)
        self.buttons.addStretch()
        self.layout_.addWidget(self.table)

    def refresh(self, participant_id: str) -> None:
        interviews = self.tab.services.follow_up.interviews_of(participant_id)
        rows = [
            (
                d(i.on_date),
                _label(InterviewKind, i.kind),
                i.staff_name,
                f"{d(i.next_appointment_date)} {i.next_appointment_time}".strip(),
                i.notes,
            )
            for i in interviews
        ]
        self.show_records(interviews, rows)

    def ask_new(self) -> None:
        self.tab.open_dialog(
            dialogs.interview_dialog(self.tab.services, self.tab.session, self.tab.pid, self)
        )

    def ask_edit(self) -> None:
        if self.selected() is not None:
            services, session, pid = self.tab.services, self.tab.session, self.tab.pid
            self.tab.open_dialog(
                dialogs.interview_dialog(services, session, pid, self, self.selected())
            )


class ContactsPanel(Panel):
    def __init__(self, tab: "FollowUpTab"):
        columns = [tr("Fecha"), tr("Servicio"), tr("Entidad"), tr("Contacto"), tr("Vía")]
        super().__init__(
            tab, columns + [tr("Notas")], 5, tr("Aún no hay contactos con otros servicios.")
        )
        self.new_button = self.add_button(tr("Nuevo contacto"), self.ask_new)
        self.edit_button = self.add_button(tr("Editar"), self.ask_edit, on_selected=True)
        self.buttons.addStretch()
        self.layout_.addWidget(self.table)

    def refresh(self, participant_id: str) -> None:
        contacts = self.tab.services.follow_up.contacts_of(participant_id)
        rows = [
            (
                d(c.on_date),
                _label(ServiceKind, c.service_kind),
                c.entity,
                c.contact_person,
                c.channel,
                c.notes,
            )
            for c in contacts
        ]
        self.show_records(contacts, rows)

    def ask_new(self) -> None:
        self.tab.open_dialog(
            dialogs.contact_dialog(self.tab.services, self.tab.session, self.tab.pid, self)
        )

    def ask_edit(self) -> None:
        if self.selected() is not None:
            services, session, pid = self.tab.services, self.tab.session, self.tab.pid
            self.tab.open_dialog(
                dialogs.contact_dialog(services, session, pid, self, self.selected())
            )


def _open_tasks_text(conference: CaseConference) -> str:
    open_tasks = [t for t in tasks_of(conference) if t.is_open]
    return "\n".join(f"{t.task} ({t.owner}, {d(t.due)})" for t in open_tasks)


class ConferencesPanel(Panel):
    def __init__(self, tab: "FollowUpTab"):
        columns = [tr("Fecha"), tr("Tema"), tr("Asistentes"), tr("Decisiones")]
        super().__init__(
            tab, columns + [tr("Tareas pendientes")], 3, tr("Aún no hay mesas de casos.")
        )
        self.tasks: list[ConferenceTask] = []
        self.new_button = self.add_button(tr("Nueva mesa"), self.ask_new)
        self.edit_button = self.add_button(tr("Editar"), self.ask_edit, on_selected=True)
        self.done_button = self.add_button(tr("Marcar tarea hecha"), self.ask_done)
        self.buttons.addStretch()
        self.tasks_table = make_table(
            [tr("Tarea"), tr("Responsable"), tr("Fecha límite"), tr("Hecha")], 0, wrap=True
        )
        self.tasks_table.itemSelectionChanged.connect(self._task_selection_changed)
        self.layout_.addWidget(_split(self.table, tr("Tareas de la mesa"), self.tasks_table))

    def refresh(self, participant_id: str) -> None:
        conferences = self.tab.services.follow_up.conferences_of(participant_id)
        rows = [
            (
                d(c.on_date),
                c.topic,
                ", ".join(f"{a.name} ({a.entity})" for a in attendees_of(c)),
                c.decisions,
                _open_tasks_text(c),
            )
            for c in conferences
        ]
        self.show_records(conferences, rows)

    def selection_changed(self) -> None:
        conference = self.selected()
        self.tasks = tasks_of(conference) if conference else []
        fill(
            self.tasks_table,
            [(t.task, t.owner, d(t.due), d(t.done) or tr("pendiente")) for t in self.tasks],
        )
        first_open = next((i for i, t in enumerate(self.tasks) if t.is_open), -1)
        if first_open >= 0:
            self.tasks_table.setCurrentCell(first_open, 0)
        self._task_selection_changed()

    def selected_task(self) -> tuple[int, ConferenceTask] | None:
        row = self.tasks_table.currentRow()
        return (row, self.tasks[row]) if 0 <= row < len(self.tasks) else None

    def _task_selection_changed(self) -> None:
        chosen = self.selected_task()
        self.done_button.setEnabled(chosen is not None and chosen[1].is_open)

    def ask_new(self) -> None:
        self.tab.open_dialog(
            ConferenceDialog(self.tab.services, self.tab.session, self.tab.pid, self)
        )

    def ask_edit(self) -> None:
        if self.selected() is not None:
            services, session, pid = self.tab.services, self.tab.session, self.tab.pid
            self.tab.open_dialog(ConferenceDialog(services, session, pid, self, self.selected()))

    def ask_done(self) -> None:
        chosen, conference = self.selected_task(), self.selected()
        if chosen is not None and conference is not None and chosen[1].is_open:
            index, task = chosen
            services, session = self.tab.services, self.tab.session
            self.tab.open_dialog(
                dialogs.task_done_dialog(services, session, conference, index, task, self)
            )


class EmploymentPanel(Panel):
    def __init__(self, tab: "FollowUpTab"):
        columns = [tr("Empresa"), tr("Empresa de inserción"), tr("Contrato"), tr("Inicio")]
        super().__init__(tab, columns + [tr("Fin")], 0, tr("Aún no hay inserciones laborales."))
        self.new_button = self.add_button(tr("Nueva inserción"), self.ask_new)
        self.edit_button = self.add_button(tr("Editar"), self.ask_edit, on_selected=True)
        self.end_button = self.add_button(tr("Finalizar…"), self.ask_end)
        self.follow_up_button = self.add_button(tr("Seguimiento del puesto…"), self.ask_follow_up)
        self.buttons.addStretch()
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        set_role(self.next_label, "hint")
        self.follow_ups_table = make_table(
            [tr("Fecha"), tr("Sigue en el puesto"), tr("Notas")], 2, wrap=True
        )
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.next_label)
        lower_layout.addWidget(self.follow_ups_table)
        self.layout_.addWidget(_split(self.table, tr("Seguimientos del puesto"), lower))

    def refresh(self, participant_id: str) -> None:
        placements = self.tab.services.follow_up.placements_of(participant_id)
        rows = [
            (
                p.employer,
                _yes(p.insertion_company),
                _label(ContractType, p.contract_type),
                d(p.start_date),
                f"{d(p.end_date)} ({p.end_reason})" if p.end_date else tr("en curso"),
            )
            for p in placements
        ]
        self.show_records(placements, rows)

    def selection_changed(self) -> None:
        placement: EmploymentPlacement | None = self.selected()
        is_open = placement is not None and placement.end_date is None
        self.end_button.setEnabled(is_open)
        self.follow_up_button.setEnabled(placement is not None)
        service = self.tab.services.follow_up
        follow_ups = service.job_follow_ups_of(placement.id) if placement else []
        fill(
            self.follow_ups_table,
            [(d(f.on_date), _yes(f.still_employed), f.notes) for f in follow_ups],
        )
        due = service.next_job_follow_ups([placement]).get(placement.id) if placement else None
        today = self.tab.session.today()
        text = ""
        if due is not None:
            late = tr(" (vencido)") if due < today else ""
            text = tr("Próximo seguimiento del puesto: {date}{late}.").format(
                date=d(due), late=late
            )
        self.next_label.setText(text)
        self.next_label.setVisible(bool(text))

    def _with_selected(self, build: Callable[[EmploymentPlacement], ActionDialog]) -> None:
        placement = self.selected()
        if placement is not None:
            self.tab.open_dialog(build(placement))

    def ask_new(self) -> None:
        self.tab.open_dialog(
            dialogs.placement_dialog(self.tab.services, self.tab.session, self.tab.pid, self)
        )

    def ask_edit(self) -> None:
        services, session, pid = self.tab.services, self.tab.session, self.tab.pid
        self._with_selected(lambda p: dialogs.placement_dialog(services, session, pid, self, p))

    def ask_end(self) -> None:
        self._with_selected(
            lambda p: dialogs.end_placement_dialog(self.tab.services, self.tab.session, p, self)
        )

    def ask_follow_up(self) -> None:
        self._with_selected(
            lambda p: dialogs.job_follow_up_dialog(self.tab.services, self.tab.session, p, self)
        )


def _split(top: QWidget, caption: str, bottom: QWidget) -> QSplitter:
    """The list above, the selected record's details (with their caption) below."""
    lower = QWidget()
    layout = QVBoxLayout(lower)
    layout.setContentsMargins(0, 0, 0, 0)
    title = QLabel(caption)
    font = title.font()
    font.setBold(True)  # a caption, smaller than the "title" role of a page
    title.setFont(font)
    layout.addWidget(title)
    layout.addWidget(bottom)
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(top)
    splitter.addWidget(lower)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes([220, 200])
    return splitter


class FollowUpTab(LazyTab):
    """Seguimiento: entrevistas, coordinación, mesas de casos y empleo of one person."""

    changed = Signal(str)  # the participant's id, after anything was saved

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.dialog: ActionDialog | None = None
        self.interviews = InterviewsPanel(self)
        self.contacts = ContactsPanel(self)
        self.conferences = ConferencesPanel(self)
        self.employment = EmploymentPanel(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("follow_up_tabs")
        self._titles = [tr("Entrevistas"), tr("Coordinación"), tr("Mesas de casos"), tr("Empleo")]
        for panel, title in zip(self.panels, self._titles, strict=True):
            self.tabs.addTab(panel, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def panels(self) -> tuple[Panel, ...]:
        return (self.interviews, self.contacts, self.conferences, self.employment)

    @property
    def pid(self) -> str:
        assert self.participant_id is not None, "load() a participant first"
        return self.participant_id

    def refresh(self) -> None:
        if not self.participant_id:
            return
        self.stale = False
        for index, panel in enumerate(self.panels):
            panel.refresh(self.participant_id)  # type: ignore[attr-defined]
            count = len(panel.records)
            title = self._titles[index]
            self.tabs.setTabText(index, f"{title} ({count})" if count else title)

    def open_dialog(self, dialog: ActionDialog) -> None:
        """Open without blocking (a modal exec() would hang tests); re-read once saved."""
        self.dialog = dialog
        dialog.accepted.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self) -> None:
        self.refresh()
        if self.participant_id:
            self.changed.emit(self.participant_id)
