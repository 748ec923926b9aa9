"""Dialog "Nueva ficha": fill the form, get told what is missing, warned of look-alikes."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.participant import ParticipantDraft
from reinsercion_desktop.services.participants import (
    ParticipantService,
    ParticipantView,
    SimilarPeopleFound,
)
from reinsercion_desktop.ui.participants.participant_form import (
    FormScrollArea,
    ParticipantForm,
    problem_summary,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog


class NewParticipantDialog(ResultDialog[ParticipantView]):
    """`outcome` (and `created`) is the new file once it is saved."""

    def __init__(
        self,
        participants: ParticipantService,
        session: Session,
        references: dict,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.participants = participants
        self.session = session
        self.setWindowTitle(tr("Nueva ficha de participante"))
        self.resize(980, 680)
        self.form = ParticipantForm(columns=2)
        self.form.set_references(**references)
        self.form.set_draft(ParticipantDraft(case_manager_id=session.actor.user_id))
        self.form.problems_changed.connect(self._summarise)
        scroll = FormScrollArea(self.form)
        note = QLabel(tr("Los campos con * son obligatorios. El CODAPEL se calcula solo."))
        set_role(note, "hint")
        self.message_label = QLabel()
        self.message_label.setObjectName("problems_label")
        set_role(self.message_label, "error")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.RichText)
        self.message_label.linkActivated.connect(self.form.focus_field)
        self.message_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Crear ficha"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(note)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

    @property
    def created(self) -> ParticipantView | None:
        return self.outcome

    def save(self, *, confirm_similar: bool = False) -> None:
        draft, problems = self.form.draft()
        if problems:
            self.form.show_problems(problems)
            return
        try:
            created = self.participants.create(
                self.session.actor, draft, confirm_similar=confirm_similar
            )
        except SimilarPeopleFound as similar:
            if self.confirm_similar(similar):
                self.save(confirm_similar=True)
            return
        except ValidationError as error:
            self.form.show_problems(error.problems)
            return
        except UserError as error:
            self.message_label.setText(escape(str(error)))
            self.message_label.show()
            return
        self.finish(created)

    def confirm_similar(self, similar: SimilarPeopleFound) -> bool:
        lines = "\n".join(
            f"• {person.full_name} — {person.codapel} ({person.why})" for person in similar.similar
        )
        answer = QMessageBox.question(
            self,
            tr("¿Es la misma persona?"),
            tr(
                "Ya hay fichas parecidas:\n\n{lines}\n\n¿Crear una ficha nueva de todos modos?"
            ).format(lines=lines),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _summarise(self, problems: dict[str, str]) -> None:
        """The fields still to correct, each a link to it; gone once all are corrected."""
        if not problems:
            self.message_label.clear()
            self.message_label.hide()
            return
        self.message_label.setText(
            problem_summary(
                tr("Hay {n} campo(s) por corregir (pulse uno para ir a él):").format(
                    n=len(problems)
                ),
                problems,
            )
        )
        self.message_label.show()
