"""The case-conference dialog (mesa técnica de casos): date, topic, who attended from which
entity, the decisions and the tasks agreed, each with an owner and a due date (R-FU-2).

An `ActionDialog` whose attendee and task fields are small editable tables with add and
remove buttons; rows left empty are dropped by the service, and what it refuses is shown
beside the table concerned. A task's done date rides with its row (item data), so editing
a conference keeps the tasks already done.
"""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.db.models import CaseConference
from reinsercion_desktop.domain.dates import DateInputError, format_date_es, parse_date_es
from reinsercion_desktop.domain.errors import ValidationError
from reinsercion_desktop.domain.follow_up_rules import Attendee, ConferenceDraft, ConferenceTask
from reinsercion_desktop.services.follow_up import attendees_of, tasks_of
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, long_text

DONE_ROLE = Qt.ItemDataRole.UserRole


class RowsEditor(QWidget):
    """An editable table of text columns with «Añadir» and «Quitar» buttons."""

    def __init__(self, columns: list[str], add_text: str, remove_text: str):
        super().__init__()
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(remove_text)
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, *texts: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(self.table.columnCount()):
            text = texts[column] if column < len(texts) else ""
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setCurrentCell(row, 0)
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""

    def rows(self) -> list[list[str]]:
        columns = range(self.table.columnCount())
        return [[self.cell(r, c) for c in columns] for r in range(self.table.rowCount())]


class ConferenceDialog(ActionDialog):
    """Nueva mesa de casos, or edit one."""

    def __init__(
        self,
        services: Services,
        session: Session,
        participant_id: str,
        parent: QWidget | None = None,
        conference: CaseConference | None = None,
    ):
        title = tr("Editar mesa de casos") if conference else tr("Nueva mesa técnica de casos")
        super().__init__(
            title,
            parent,
            intro=tr(
                "Quién asistió y de qué entidad, lo que se decidió y las tareas acordadas: "
                "cada tarea con su responsable y su fecha límite aparece en Pendientes "
                "hasta que se marque hecha."
            ),
            save_text=tr("Guardar mesa"),
            width=680,
        )
        self.services = services
        self.session = session
        self.participant_id = participant_id
        self.conference = conference
        today = session.today()
        self.add_date("on_date", tr("Fecha"), conference.on_date if conference else today)
        self.topic_edit = self.add(
            "topic", tr("Tema"), QLineEdit(conference.topic if conference else "")
        )
        self.attendees_editor = RowsEditor(
            [tr("Nombre"), tr("Entidad")], tr("Añadir asistente"), tr("Quitar asistente")
        )
        self.add("attendees", tr("Asistentes"), self.attendees_editor)
        self.decisions_edit = self.add(
            "decisions", tr("Decisiones"), long_text(conference.decisions if conference else "", 90)
        )
        self.tasks_editor = RowsEditor(
            [tr("Tarea"), tr("Responsable"), tr("Fecha límite")],
            tr("Añadir tarea"),
            tr("Quitar tarea"),
        )
        self.add("tasks", tr("Tareas"), self.tasks_editor)
        self._fill(conference)
        self.action = lambda _dialog: self.save()

    def _fill(self, conference: CaseConference | None) -> None:
        if conference is None:
            self.attendees_editor.add_row(self.session.actor.full_name, "")
            return
        for person in attendees_of(conference):
            self.attendees_editor.add_row(person.name, person.entity)
        for task in tasks_of(conference):
            row = self.tasks_editor.add_row(task.task, task.owner, format_date_es(task.due))
            done = task.done.isoformat() if task.done else ""
            self.tasks_editor.table.item(row, 0).setData(DONE_ROLE, done)
            if task.done:
                hint = tr("Hecha el {date}").format(date=format_date_es(task.done))
                for column in range(3):
                    self.tasks_editor.table.item(row, column).setToolTip(hint)

    # -- reading ---------------------------------------------------------------------------

    def attendees(self) -> list[Attendee]:
        return [Attendee(name, entity) for name, entity in self.attendees_editor.rows()]

    def tasks(self) -> list[ConferenceTask]:
        """The tasks typed; a due date that cannot be read is named with its row."""
        tasks, problems = [], []
        for row, (text, owner, due_text) in enumerate(self.tasks_editor.rows()):
            due: date | None = None
            if due_text.strip():
                try:
                    due = parse_date_es(due_text)
                except DateInputError as error:
                    problems.append(tr("Tarea {n}: {error}").format(n=row + 1, error=error))
            done_text = self.tasks_editor.table.item(row, 0).data(DONE_ROLE)
            done = date.fromisoformat(done_text) if done_text else None
            tasks.append(ConferenceTask(text, owner, due, done))
        if problems:
            raise ValidationError({"tasks": " ".join(problems)})
        return tasks

    def draft(self) -> ConferenceDraft:
        return ConferenceDraft(
            on_date=self.date("on_date", required=False),
            topic=self.text("topic"),
            attendees=tuple(self.attendees()),
            decisions=self.text("decisions"),
            tasks=tuple(self.tasks()),
        )

    def save(self) -> CaseConference:
        service, actor = self.services.follow_up, self.session.actor
        if self.conference is None:
            return service.add_conference(actor, self.participant_id, self.draft())
        return service.update_conference(actor, self.conference.id, self.draft())
