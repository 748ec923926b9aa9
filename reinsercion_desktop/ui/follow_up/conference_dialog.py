"""The case-conference dialog (mesa técnica de casos): date, topic, who attended from which
entity, the decisions and the tasks agreed, each with an owner and a due date (R-FU-2).

An `ActionDialog` whose attendee and task fields are editable grids with add and remove
buttons; rows left empty are dropped by the service, and what it refuses is shown
beside the grid concerned. A task's done date rides with its row (a value no column
shows), so editing a conference keeps the tasks already done.
"""

from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLineEdit, QWidget

from reinsercion_desktop.domain.dates import DateInputError, format_date_es, parse_date_es
from reinsercion_desktop.domain.errors import ValidationError
from reinsercion_desktop.domain.follow_up_rules import Attendee, ConferenceDraft, ConferenceTask
from reinsercion_desktop.services.follow_up import FollowUpService
from reinsercion_desktop.services.follow_up_views import ConferenceView
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, long_text
from reinsercion_desktop.ui.widgets.grid import GridColumn
from reinsercion_desktop.ui.widgets.grid_editor import GridEditor

ATTENDEE_COLUMNS = [GridColumn("name", tr("Nombre")), GridColumn("entity", tr("Entidad"))]
TASK_COLUMNS = [
    GridColumn("task", tr("Tarea")),
    GridColumn("owner", tr("Responsable")),
    GridColumn("due", tr("Fecha límite"), "date", placeholder=tr("dd/mm/aaaa")),
]
DONE = "done"  # the ISO day a task was done: kept with its row, shown by no column
MAX_HEIGHT = 660


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


class ConferenceDialog(ActionDialog):
    """Nueva mesa de casos, or edit one."""

    def __init__(
        self,
        follow_up: FollowUpService,
        session: Session,
        participant_id: str,
        parent: QWidget | None = None,
        conference: ConferenceView | None = None,
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
        self.follow_up = follow_up
        self.session = session
        self.participant_id = participant_id
        self.conference = conference
        today = session.today()
        self.add_date("on_date", tr("Fecha"), conference.on_date if conference else today)
        self.topic_edit = self.add(
            "topic", tr("Tema"), QLineEdit(conference.topic if conference else "")
        )
        self.attendees_editor = GridEditor(
            ATTENDEE_COLUMNS, tr("Añadir asistente"), tr("Quitar asistente"), name="attendees"
        )
        self.add("attendees", tr("Asistentes"), self.attendees_editor)
        self.decisions_edit = self.add(
            "decisions", tr("Decisiones"), long_text(conference.decisions if conference else "", 90)
        )
        self.tasks_editor = GridEditor(
            TASK_COLUMNS, tr("Añadir tarea"), tr("Quitar tarea"), name="conference_tasks"
        )
        self.add("tasks", tr("Tareas"), self.tasks_editor)
        self._fill(conference)
        self.action = lambda _dialog: self.save()
        # Two grids and the decisions: opened no taller than a 1280 × 720 screen allows
        # (the grids scroll; the minimum is well under it).
        self.resize(self.sizeHint().boundedTo(QSize(1200, MAX_HEIGHT)))

    def _fill(self, conference: ConferenceView | None) -> None:
        if conference is None:
            self.attendees_editor.set_rows([{"name": self.session.actor.full_name}])
            return
        self.attendees_editor.set_rows(
            [{"name": person.name, "entity": person.entity} for person in conference.attendees]
        )
        self.tasks_editor.set_rows(
            [
                {
                    "task": task.task,
                    "owner": task.owner,
                    "due": format_date_es(task.due),
                    DONE: task.done.isoformat() if task.done else "",
                }
                for task in conference.tasks
            ]
        )

    # -- reading ---------------------------------------------------------------------------

    def attendees(self) -> list[Attendee]:
        return [
            Attendee(_text(row, "name"), _text(row, "entity"))
            for row in self.attendees_editor.grid.rows()
        ]

    def tasks(self) -> list[ConferenceTask]:
        """The tasks typed; a due date that cannot be read is named with its row."""
        tasks, problems = [], []
        for number, row in enumerate(self.tasks_editor.grid.rows()):
            due: date | None = None
            due_text = _text(row, "due").strip()
            if due_text:
                try:
                    due = parse_date_es(due_text)
                except DateInputError as error:
                    problems.append(tr("Tarea {n}: {error}").format(n=number + 1, error=error))
            done_text = _text(row, DONE)
            done = date.fromisoformat(done_text) if done_text else None
            tasks.append(ConferenceTask(_text(row, "task"), _text(row, "owner"), due, done))
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

    def save(self) -> ConferenceView:
        service, actor = self.follow_up, self.session.actor
        if self.conference is None:
            return service.add_conference(actor, self.participant_id, self.draft())
        return service.update_conference(actor, self.conference.id, self.draft())
