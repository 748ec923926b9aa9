"""Tab "Seguimiento" of a participant's file: interviews, coordination with other services,
case conferences and employment, one sub-tab each, newest first.

The tab reads its records when shown (as the other file tabs do), as views from the
`FollowUpService`; every dialog saves through it and, once saved, the tab re-reads and
emits `changed` with the participant's id (Pendientes and the caseload listen to it).
"""

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es as d
from reinsercion_desktop.domain.enums import ContractType
from reinsercion_desktop.domain.follow_up_rules import ConferenceTask
from reinsercion_desktop.services.follow_up import FollowUpService
from reinsercion_desktop.services.follow_up_views import (
    ConferenceView,
    JobFollowUpView,
    PlacementView,
)
from reinsercion_desktop.ui.follow_up import dialogs
from reinsercion_desktop.ui.follow_up.conference_dialog import ConferenceDialog
from reinsercion_desktop.ui.follow_up.panels import (
    ContactsPanel,
    InterviewsPanel,
    Panel,
    day_column,
    label,
    one_line,
    split,
    yes,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog
from reinsercion_desktop.ui.widgets.lazy import LazyTab
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView


class TaskLine(NamedTuple):
    """A task of the selected conference, with its place in the conference's list."""

    index: int
    task: ConferenceTask


def _open_tasks_text(conference: ConferenceView) -> str:
    return "; ".join(f"{t.task} ({t.owner}, {d(t.due)})" for t in conference.open_tasks)


CONFERENCE_COLUMNS = (
    day_column(tr("Fecha"), lambda c: c.on_date),
    Column[ConferenceView](tr("Tema"), lambda c: c.topic, max_width=200),
    Column[ConferenceView](
        tr("Asistentes"),
        lambda c: ", ".join(f"{a.name} ({a.entity})" for a in c.attendees),
        max_width=220,
    ),
    Column[ConferenceView](tr("Decisiones"), lambda c: one_line(c.decisions), stretch=True),
    Column[ConferenceView](tr("Tareas pendientes"), _open_tasks_text, max_width=240),
)
TASK_COLUMNS = (
    Column[TaskLine](tr("Tarea"), lambda t: t.task.task, stretch=True),
    Column[TaskLine](tr("Responsable"), lambda t: t.task.owner, max_width=180),
    day_column(tr("Fecha límite"), lambda t: t.task.due),
    Column[TaskLine](
        tr("Hecha"),
        lambda t: d(t.task.done) or tr("pendiente"),
        tone=lambda t: "warning" if t.task.is_open else None,
    ),
)


class ConferencesPanel(Panel):
    def __init__(self, tab: "FollowUpTab"):
        empty = tr("Aún no hay mesas de casos.")
        super().__init__(tab, CONFERENCE_COLUMNS, empty, "conferences_table")
        self.new_button = self.add_button(tr("Nueva mesa"), self.ask_new)
        self.edit_button = self.add_button(tr("Editar"), self.ask_edit, on_selected=True)
        self.done_button = self.add_button(tr("Marcar tarea hecha"), self.ask_done)
        self.table.row_activated.connect(lambda _row: self.ask_edit())
        self.tasks_model: RowsTableModel[TaskLine] = RowsTableModel(TASK_COLUMNS)
        self.tasks_table = RowsTableView(self.tasks_model, "conference_tasks")
        self.tasks_table.selectionModel().selectionChanged.connect(self._task_selection_changed)
        self.layout_.addWidget(split(self.table, tr("Tareas de la mesa"), self.tasks_table), 1)

    def refresh(self, participant_id: str) -> None:
        self.show_records(self.tab.follow_up.conferences_of(participant_id))

    def selection_changed(self) -> None:
        conference: ConferenceView | None = self.selected()
        tasks = conference.tasks if conference else ()
        self.tasks_model.set_rows(TaskLine(i, task) for i, task in enumerate(tasks))
        self.tasks_table.select_where(lambda line: line.task.is_open)
        self._task_selection_changed()

    def selected_task(self) -> TaskLine | None:
        return self.tasks_table.current_row()

    def _task_selection_changed(self) -> None:
        chosen = self.selected_task()
        self.done_button.action.setEnabled(chosen is not None and chosen.task.is_open)

    def ask_new(self) -> None:
        tab = self.tab
        tab.open_dialog(ConferenceDialog(tab.follow_up, tab.session, tab.pid, self))

    def ask_edit(self) -> None:
        tab, chosen = self.tab, self.selected()
        if chosen is not None:
            tab.open_dialog(ConferenceDialog(tab.follow_up, tab.session, tab.pid, self, chosen))

    def ask_done(self) -> None:
        line, conference = self.selected_task(), self.selected()
        if line is not None and conference is not None and line.task.is_open:
            tab = self.tab
            tab.open_dialog(
                dialogs.task_done_dialog(
                    tab.follow_up, tab.session, conference, line.index, line.task, self
                )
            )


PLACEMENT_COLUMNS = (
    Column[PlacementView](tr("Empresa"), lambda p: p.employer, max_width=240),
    Column[PlacementView](tr("Empresa de inserción"), lambda p: yes(p.insertion_company)),
    Column[PlacementView](tr("Contrato"), lambda p: label(ContractType, p.contract_type)),
    day_column(tr("Inicio"), lambda p: p.start_date),
    Column[PlacementView](
        tr("Fin"),
        lambda p: f"{d(p.end_date)} ({p.end_reason})" if p.end_date else tr("en curso"),
        stretch=True,
    ),
)
FOLLOW_UP_COLUMNS = (
    day_column(tr("Fecha"), lambda f: f.on_date),
    Column[JobFollowUpView](
        tr("Sigue en el puesto"),
        lambda f: yes(f.still_employed),
        tone=lambda f: None if f.still_employed else "alert",
    ),
    Column[JobFollowUpView](tr("Notas"), lambda f: one_line(f.notes), stretch=True),
)


class EmploymentPanel(Panel):
    def __init__(self, tab: "FollowUpTab"):
        empty = tr("Aún no hay inserciones laborales.")
        super().__init__(tab, PLACEMENT_COLUMNS, empty, "placements_table")
        self.new_button = self.add_button(tr("Nueva inserción"), self.ask_new)
        self.edit_button = self.add_button(tr("Editar"), self.ask_edit, on_selected=True)
        self.end_button = self.add_button(tr("Finalizar…"), self.ask_end)
        self.follow_up_button = self.add_button(tr("Seguimiento del puesto…"), self.ask_follow_up)
        self.table.row_activated.connect(lambda _row: self.ask_edit())
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        set_role(self.next_label, "hint")
        self.follow_ups_model: RowsTableModel[JobFollowUpView] = RowsTableModel(FOLLOW_UP_COLUMNS)
        self.follow_ups_table = RowsTableView(self.follow_ups_model, "job_follow_ups")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.next_label)
        lower_layout.addWidget(self.follow_ups_table)
        self.layout_.addWidget(split(self.table, tr("Seguimientos del puesto"), lower), 1)

    def refresh(self, participant_id: str) -> None:
        self.show_records(self.tab.follow_up.placements_of(participant_id))

    def selection_changed(self) -> None:
        placement: PlacementView | None = self.selected()
        self.end_button.action.setEnabled(placement is not None and placement.is_open)
        self.follow_up_button.action.setEnabled(placement is not None)
        self.follow_ups_model.set_rows(placement.follow_ups if placement else ())
        due = placement.next_follow_up if placement else None
        text, overdue = "", due is not None and due < self.tab.session.today()
        if due is not None:
            late = tr(" (vencido)") if overdue else ""
            text = tr("Próximo seguimiento del puesto: {date}{late}.").format(
                date=d(due), late=late
            )
        set_role(self.next_label, "error" if overdue else "hint")  # overdue: in red
        self.next_label.setText(text)
        self.next_label.setVisible(bool(text))

    def _with_selected(self, build: Callable[[PlacementView], ActionDialog]) -> None:
        placement = self.selected()
        if placement is not None:
            self.tab.open_dialog(build(placement))

    def ask_new(self) -> None:
        tab = self.tab
        tab.open_dialog(dialogs.placement_dialog(tab.follow_up, tab.session, tab.pid, self))

    def ask_edit(self) -> None:
        tab = self.tab
        self._with_selected(
            lambda p: dialogs.placement_dialog(tab.follow_up, tab.session, tab.pid, self, p)
        )

    def ask_end(self) -> None:
        tab = self.tab
        self._with_selected(
            lambda p: dialogs.end_placement_dialog(tab.follow_up, tab.session, p, self)
        )

    def ask_follow_up(self) -> None:
        tab = self.tab
        self._with_selected(
            lambda p: dialogs.job_follow_up_dialog(tab.follow_up, tab.session, p, self)
        )


class FollowUpTab(LazyTab):
    """Seguimiento: entrevistas, coordinación, mesas de casos y empleo of one person."""

    changed = Signal(str)  # the participant's id, after anything was saved

    def __init__(self, follow_up: FollowUpService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.follow_up = follow_up
        self.session = session
        self.dialog: ActionDialog | None = None
        self.interviews = InterviewsPanel(self)
        self.contacts = ContactsPanel(self)
        self.conferences = ConferencesPanel(self)
        self.employment = EmploymentPanel(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("follow_up_tabs")
        self.tabs.setUsesScrollButtons(True)
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
