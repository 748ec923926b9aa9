"""Dialog "Nueva ficha": fill the form, get told what is missing, warned of look-alikes."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.db.models import Participant
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.participant import ParticipantDraft
from reinsercion_desktop.services.participants import SimilarPeopleFound
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.participants.participant_form import ParticipantForm
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr


class NewParticipantDialog(QDialog):
    def __init__(
        self, services: Services, session: Session, references: dict, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.created: Participant | None = None
        self.setWindowTitle(tr("Nueva ficha de participante"))
        self.resize(980, 680)
        self.form = ParticipantForm(columns=2)
        self.form.set_references(**references)
        self.form.set_draft(ParticipantDraft(case_manager_id=session.actor.user_id))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        note = QLabel(tr("Los campos con * son obligatorios. El CODAPEL se calcula solo."))
        set_role(note, "hint")
        self.message_label = QLabel()
        set_role(self.message_label, "error")
        self.message_label.setWordWrap(True)
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

    def save(self, *, confirm_similar: bool = False) -> None:
        draft, problems = self.form.draft()
        if problems:
            self._show(problems)
            return
        try:
            self.created = self.services.participants.create(
                self.session.actor, draft, confirm_similar=confirm_similar
            )
        except SimilarPeopleFound as similar:
            if self.confirm_similar(similar):
                self.save(confirm_similar=True)
            return
        except ValidationError as error:
            self._show(error.problems)
            return
        except UserError as error:
            self.message_label.setText(str(error))
            self.message_label.show()
            return
        self.accept()

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

    def _show(self, problems: dict[str, str]) -> None:
        self.form.show_problems(problems)
        count = len(problems)
        self.message_label.setText(
            tr("Hay {n} campo(s) por corregir; el mensaje está junto a cada uno.").format(n=count)
        )
        self.message_label.show()
