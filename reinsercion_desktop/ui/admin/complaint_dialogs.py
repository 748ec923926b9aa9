"""The two steps of a complaint: «Nueva queja…» (whoever receives it) and «Contestar…»
(a responsable, who answers in the centre's name).

Both are `ActionDialog`s: the service checks what was typed and its messages show beside
the fields; only a success closes the dialog, with the stored complaint as its result.
The person is chosen by name from the files (a completer over the list), stored by id;
left empty, the complaint is anonymous.
"""

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ComplaintKind
from reinsercion_desktop.domain.errors import ValidationError
from reinsercion_desktop.domain.participant_list import ParticipantRow
from reinsercion_desktop.services.structure_data import (
    ComplaintDraft,
    ComplaintView,
    StructureDataService,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text


def person_label(row: ParticipantRow) -> str:
    """How a person reads in the chooser: the name to find them by, the code to tell
    namesakes apart."""
    return f"{row.full_name} — {row.codapel}"


class NewComplaintDialog(ActionDialog):
    """Nueva queja o reclamación: day received, vivienda, kind, who (or anonymous), what."""

    def __init__(
        self,
        service: StructureDataService,
        session: Session,
        viviendas: Sequence[tuple[str, str]],  # (id, name)
        people: Sequence[ParticipantRow],
        parent: QWidget | None = None,
        *,
        vivienda_id: str | None = None,
    ):
        super().__init__(
            tr("Nueva queja o reclamación"),
            parent,
            intro=tr(
                "Anote la queja como la recibió. Deje la persona en blanco si es anónima; "
                "en la lista se verá su CODAPEL, nunca su nombre."
            ),
            save_text=tr("Registrar"),
            width=620,
        )
        self.setObjectName("new_complaint_dialog")
        self.service, self.session = service, session
        self.people = {person_label(row): row.id for row in people if not row.archived}
        today = session.today()
        self.received_edit = self.add_date("received_on", tr("Fecha de recepción"), today)
        self.vivienda_combo = self.add("vivienda_id", tr("Vivienda"), combo(viviendas, vivienda_id))
        self.kind_combo = self.add("kind", tr("Tipo"), combo(ComplaintKind.choices()))
        self.person_edit = QLineEdit()
        self.person_edit.setObjectName("complaint_person_edit")
        self.person_edit.setPlaceholderText(tr("Anónima (escriba un nombre para elegir)"))
        completer = QCompleter(QStringListModel(sorted(self.people), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.person_edit.setCompleter(completer)
        self.add("participant_id", tr("Persona"), self.person_edit)
        self.description_edit = self.add("description", tr("Descripción"), long_text(height=110))
        self.action = self._record

    def participant_id(self) -> str | None:
        """The chosen person's id; None when left blank (anonymous)."""
        text = self.person_edit.text().strip()
        if not text:
            return None
        if text not in self.people:
            raise ValidationError(
                {
                    "participant_id": tr(
                        "Elija la persona de la lista que aparece al escribir su nombre, "
                        "o deje el campo vacío si la queja es anónima."
                    )
                }
            )
        return self.people[text]

    def _record(self, _dialog: ActionDialog) -> ComplaintView:
        draft = ComplaintDraft(
            received_on=self.text("received_on").strip(),
            vivienda_id=self.value("vivienda_id") or "",
            kind=self.value("kind") or "",
            description=self.text("description"),
            participant_id=self.participant_id(),
        )
        return self.service.record_complaint(self.session.actor, draft)


class AnswerComplaintDialog(ActionDialog):
    """Contestar una queja: the answer given and its date (or a correction of both)."""

    def __init__(
        self,
        service: StructureDataService,
        session: Session,
        complaint: ComplaintView,
        parent: QWidget | None = None,
    ):
        received = format_date_es(complaint.received_on)
        super().__init__(
            tr("Contestar la queja"),
            parent,
            intro=tr("Queja del {day} ({kind}): {text}").format(
                day=received, kind=complaint.kind.label, text=complaint.description
            ),
            save_text=tr("Guardar la respuesta"),
            width=620,
        )
        self.setObjectName("answer_complaint_dialog")
        self.service, self.session, self.complaint = service, session, complaint
        answered: date = complaint.answered_on or session.today()
        self.answered_edit = self.add_date("answered_on", tr("Fecha de la respuesta"), answered)
        self.answer_edit = self.add(
            "answer", tr("Respuesta"), long_text(complaint.answer, height=110)
        )
        self.action = self._answer

    def _answer(self, _dialog: ActionDialog) -> ComplaintView:
        return self.service.answer_complaint(
            self.session.actor,
            self.complaint.id,
            self.text("answer"),
            self.text("answered_on").strip(),
            expected_version=self.complaint.version,
        )
