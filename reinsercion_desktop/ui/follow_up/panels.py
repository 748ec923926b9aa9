"""The sub-tabs of Seguimiento: a list of one kind of record with its buttons, and the
details of the selected one below when it has them (a conference's tasks, a placement's
job follow-ups).

Each list is the shared `RowsTableModel` over the service's views; the buttons sit in an
`ActionBar`, so a narrow window moves the last ones into «Más acciones».
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es as d
from reinsercion_desktop.domain.enums import InterviewKind, ServiceKind
from reinsercion_desktop.services.follow_up_views import ContactView, InterviewView
from reinsercion_desktop.ui.follow_up import dialogs
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_bar import ActionBar, BarButton
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

if TYPE_CHECKING:
    from reinsercion_desktop.ui.follow_up.follow_up_tab import FollowUpTab


def label(vocabulary, value: str) -> str:  # type: ignore[no-untyped-def]
    return vocabulary(value).label if value in set(vocabulary) else value


def yes(flag: bool) -> str:
    return tr("Sí") if flag else tr("No")


def one_line(text: str) -> str:
    """Notes in a list: one line, elided, the whole text in the tooltip. (Wrapped, a long
    note in a narrow window made rows a word wide and a screen tall.)"""
    return " ".join(text.split())


def day_column(header: str, get: Callable[[Any], Any], **extra: Any) -> Column:
    """A date shown dd/mm/aaaa and sorted as a date."""
    return Column(header, lambda r: d(get(r)), sort_key=lambda r: str(get(r) or ""), **extra)


class Panel(QWidget):
    """One sub-tab: a read-only list of records and its buttons; some need a selection."""

    def __init__(self, tab: "FollowUpTab", columns: Sequence[Column], empty: str, name: str):
        super().__init__()
        self.tab = tab
        self.model: RowsTableModel = RowsTableModel(columns)
        self.table = RowsTableView(self.model, name)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(empty)
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")
        self.bar = ActionBar()
        self._needs_selection: list[BarButton] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.bar)
        self.layout_.addWidget(self.empty_label)

    @property
    def records(self) -> list[Any]:
        return self.model.rows

    def add_button(
        self, text: str, slot: Callable[[], None], *, on_selected: bool = False
    ) -> BarButton:
        button = self.bar.add_button(text, slot)
        if on_selected:
            self._needs_selection.append(button)
        return button

    def show_records(self, records: Sequence[Any]) -> None:
        """The records, newest first; the one selected stays selected (else the first)."""
        chosen = self.selected()
        self.model.set_rows(records)
        self.table.setVisible(bool(records))
        self.empty_label.setVisible(not records)
        if not (chosen is not None and self.table.select_where(lambda r: r.id == chosen.id)):
            self.table.select_index(0)
        self._selection_changed()

    def selected(self) -> Any:
        return self.table.current_row()

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        for button in self._needs_selection:
            button.action.setEnabled(chosen)
        self.selection_changed()

    def selection_changed(self) -> None:
        """Panels with details of the selected record override this."""


def split(top: QWidget, caption: str, bottom: QWidget) -> QSplitter:
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


INTERVIEW_COLUMNS = (
    day_column(tr("Fecha"), lambda i: i.on_date),
    Column[InterviewView](tr("Tipo"), lambda i: label(InterviewKind, i.kind)),
    Column[InterviewView](tr("Profesional"), lambda i: i.staff_name, max_width=160),
    Column[InterviewView](
        tr("Próxima cita"),
        lambda i: f"{d(i.next_appointment_date)} {i.next_appointment_time}".strip(),
    ),
    Column[InterviewView](tr("Notas"), lambda i: one_line(i.notes), stretch=True),
)


class InterviewsPanel(Panel):
    def __init__(self, tab: "FollowUpTab"):
        empty = tr("Aún no hay entrevistas de seguimiento.")
        super().__init__(tab, INTERVIEW_COLUMNS, empty, "interviews_table")
        self.new_button = self.add_button(tr("Nueva entrevista"), self.ask_new)
        self.edit_button = self.add_button(tr("Editar"), self.ask_edit, on_selected=True)
        self.table.row_activated.connect(lambda _row: self.ask_edit())
        self.layout_.addWidget(self.table, 1)

    def refresh(self, participant_id: str) -> None:
        self.show_records(self.tab.follow_up.interviews_of(participant_id))

    def ask_new(self) -> None:
        tab = self.tab
        tab.open_dialog(dialogs.interview_dialog(tab.follow_up, tab.session, tab.pid, self))

    def ask_edit(self) -> None:
        tab, chosen = self.tab, self.selected()
        if chosen is not None:
            tab.open_dialog(
                dialogs.interview_dialog(tab.follow_up, tab.session, tab.pid, self, chosen)
            )


CONTACT_COLUMNS = (
    day_column(tr("Fecha"), lambda c: c.on_date),
    Column[ContactView](tr("Servicio"), lambda c: label(ServiceKind, c.service_kind)),
    Column[ContactView](tr("Entidad"), lambda c: c.entity, max_width=200),
    Column[ContactView](tr("Contacto"), lambda c: c.contact_person, max_width=160),
    Column[ContactView](tr("Vía"), lambda c: c.channel, max_width=120),
    Column[ContactView](tr("Notas"), lambda c: one_line(c.notes), stretch=True),
)


class ContactsPanel(Panel):
    def __init__(self, tab: "FollowUpTab"):
        empty = tr("Aún no hay contactos con otros servicios.")
        super().__init__(tab, CONTACT_COLUMNS, empty, "contacts_table")
        self.new_button = self.add_button(tr("Nuevo contacto"), self.ask_new)
        self.edit_button = self.add_button(tr("Editar"), self.ask_edit, on_selected=True)
        self.table.row_activated.connect(lambda _row: self.ask_edit())
        self.layout_.addWidget(self.table, 1)

    def refresh(self, participant_id: str) -> None:
        self.show_records(self.tab.follow_up.contacts_of(participant_id))

    def ask_new(self) -> None:
        tab = self.tab
        tab.open_dialog(dialogs.contact_dialog(tab.follow_up, tab.session, tab.pid, self))

    def ask_edit(self) -> None:
        tab, chosen = self.tab, self.selected()
        if chosen is not None:
            tab.open_dialog(
                dialogs.contact_dialog(tab.follow_up, tab.session, tab.pid, self, chosen)
            )
