"""Small dialogs of the follow-up: interview, coordination contact, placement (new, edit,
end), job follow-up and marking a conference task done.

Each is an `ActionDialog` whose Save calls one FollowUpService method; the refusals
(R-FU-1 appointment before the interview, a follow-up outside the placement…) come back
from the service and are shown beside their field. Empty required dates are left for
the service to name, so every missing field is reported at once.
"""

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from reinsercion_desktop.domain.enums import ContractType, InterviewKind, ServiceKind
from reinsercion_desktop.domain.errors import ValidationError
from reinsercion_desktop.domain.follow_up_rules import (
    ConferenceTask,
    ContactDraft,
    InterviewDraft,
    JobFollowUpDraft,
    PlacementDraft,
)
from reinsercion_desktop.services.follow_up import FollowUpService
from reinsercion_desktop.services.follow_up_views import (
    ConferenceView,
    ContactView,
    InterviewView,
    PlacementView,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text


def _line(text: str = "", placeholder: str = "", width: int = 0) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    if width:
        edit.setMaximumWidth(width)
    return edit


def interview_dialog(
    follow_up: FollowUpService,
    session: Session,
    participant_id: str,
    parent: QWidget,
    interview: InterviewView | None = None,
) -> ActionDialog:
    """Nueva entrevista, or edit one; the professional defaults to whoever is logged in."""
    today = session.today()
    title = tr("Editar entrevista") if interview else tr("Nueva entrevista de seguimiento")
    dialog = ActionDialog(
        title,
        parent,
        intro=tr("La próxima cita aparecerá en Pendientes hasta la siguiente entrevista."),
        save_text=tr("Guardar entrevista"),
        width=560,
    )
    dialog.add_date("on_date", tr("Fecha"), interview.on_date if interview else today)
    current_kind = interview.kind if interview else InterviewKind.INDIVIDUAL.value
    dialog.add("kind", tr("Tipo"), combo(InterviewKind.choices(), current_kind))
    staff = interview.staff_name if interview else session.actor.full_name
    dialog.add("staff_name", tr("Profesional"), _line(staff))
    dialog.add("notes", tr("Notas"), long_text(interview.notes if interview else "", 120))
    dialog.add_date(
        "next_appointment_date",
        tr("Próxima cita"),
        interview.next_appointment_date if interview else None,
    )
    time = interview.next_appointment_time if interview else ""
    dialog.add("next_appointment_time", tr("Hora de la cita"), _line(time, tr("10:30"), 80))

    def save(d: ActionDialog) -> InterviewView:
        draft = InterviewDraft(
            on_date=d.date("on_date", required=False),
            kind=d.value("kind"),
            staff_name=d.text("staff_name"),
            notes=d.text("notes"),
            next_appointment_date=d.date("next_appointment_date", required=False),
            next_appointment_time=d.text("next_appointment_time"),
        )
        if interview is None:
            return follow_up.add_interview(session.actor, participant_id, draft)
        return follow_up.update_interview(session.actor, interview.id, draft)

    dialog.action = save
    return dialog


def contact_dialog(
    follow_up: FollowUpService,
    session: Session,
    participant_id: str,
    parent: QWidget,
    contact: ContactView | None = None,
) -> ActionDialog:
    today = session.today()
    title = tr("Editar contacto") if contact else tr("Nuevo contacto de coordinación")
    dialog = ActionDialog(title, parent, save_text=tr("Guardar contacto"), width=560)
    dialog.add_date("on_date", tr("Fecha"), contact.on_date if contact else today)
    kind = contact.service_kind if contact else None
    dialog.add("service_kind", tr("Servicio"), combo(ServiceKind.choices(), kind))
    dialog.add("entity", tr("Entidad"), _line(contact.entity if contact else ""))
    person = contact.contact_person if contact else ""
    dialog.add("contact_person", tr("Persona de contacto"), _line(person))
    channel = contact.channel if contact else ""
    dialog.add("channel", tr("Vía"), _line(channel, tr("teléfono, reunión, correo…")))
    dialog.add("notes", tr("Notas"), long_text(contact.notes if contact else "", 100))

    def save(d: ActionDialog) -> ContactView:
        draft = ContactDraft(
            on_date=d.date("on_date", required=False),
            service_kind=d.value("service_kind"),
            entity=d.text("entity"),
            contact_person=d.text("contact_person"),
            channel=d.text("channel"),
            notes=d.text("notes"),
        )
        if contact is None:
            return follow_up.add_contact(session.actor, participant_id, draft)
        return follow_up.update_contact(session.actor, contact.id, draft)

    dialog.action = save
    return dialog


def _hours(text: str) -> int | None:
    if not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationError(
            {"hours_per_week": tr("Escriba las horas semanales como un número entero.")}
        ) from None


def placement_dialog(
    follow_up: FollowUpService,
    session: Session,
    participant_id: str,
    parent: QWidget,
    placement: PlacementView | None = None,
) -> ActionDialog:
    """Nueva inserción laboral, or edit one (its end is recorded with «Finalizar…»)."""
    title = tr("Editar inserción laboral") if placement else tr("Nueva inserción laboral")
    dialog = ActionDialog(title, parent, save_text=tr("Guardar inserción"), width=560)
    dialog.add("employer", tr("Empresa"), _line(placement.employer if placement else ""))
    insertion = QCheckBox(tr("Es una empresa de inserción"))
    insertion.setChecked(bool(placement and placement.insertion_company))
    dialog.add("insertion_company", "", insertion)
    dialog.add("position", tr("Puesto"), _line(placement.position if placement else ""))
    contract = placement.contract_type if placement else ContractType.TEMPORARY.value
    dialog.add("contract_type", tr("Contrato"), combo(ContractType.choices(), contract))
    hours = placement.hours_per_week if placement else None
    dialog.add("hours_per_week", tr("Horas semanales"), _line(str(hours or ""), "", 80))
    dialog.add_date("start_date", tr("Inicio"), placement.start_date if placement else None)
    dialog.add("notes", tr("Notas"), long_text(placement.notes if placement else "", 80))

    def save(d: ActionDialog) -> PlacementView:
        draft = PlacementDraft(
            employer=d.text("employer"),
            contract_type=d.value("contract_type"),
            start_date=d.date("start_date", required=False),
            insertion_company=d.value("insertion_company"),
            position=d.text("position"),
            hours_per_week=_hours(d.text("hours_per_week")),
            end_date=placement.end_date if placement else None,
            end_reason=placement.end_reason if placement else "",
            notes=d.text("notes"),
        )
        if placement is None:
            return follow_up.add_placement(session.actor, participant_id, draft)
        return follow_up.update_placement(session.actor, placement.id, draft)

    dialog.action = save
    return dialog


def end_placement_dialog(
    follow_up: FollowUpService, session: Session, placement: PlacementView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Finalizar inserción en {employer}").format(employer=placement.employer),
        parent,
        intro=tr("Al finalizarla deja de pedirse el seguimiento mensual del puesto."),
        save_text=tr("Finalizar"),
    )
    dialog.add_date("end_date", tr("Fecha de fin"), session.today())
    dialog.add("end_reason", tr("Motivo"), long_text("", 70))
    dialog.action = lambda d: follow_up.end_placement(
        session.actor, placement.id, d.date("end_date", required=False), d.text("end_reason")
    )
    return dialog


def job_follow_up_dialog(
    follow_up: FollowUpService, session: Session, placement: PlacementView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Seguimiento del puesto en {employer}").format(employer=placement.employer),
        parent,
        intro=tr("Mantenimiento del puesto de trabajo: un seguimiento al mes mientras dure."),
        save_text=tr("Guardar seguimiento"),
    )
    dialog.add_date("on_date", tr("Fecha"), session.today())
    employed = QCheckBox(tr("Sigue en el puesto"))
    employed.setChecked(True)
    dialog.add("still_employed", "", employed)
    dialog.add("notes", tr("Notas"), long_text("", 100))
    dialog.action = lambda d: follow_up.add_job_follow_up(
        session.actor,
        placement.id,
        JobFollowUpDraft(
            on_date=d.date("on_date", required=False),
            still_employed=d.value("still_employed"),
            notes=d.text("notes"),
        ),
    )
    return dialog


def task_done_dialog(
    follow_up: FollowUpService,
    session: Session,
    conference: ConferenceView,
    index: int,
    task: ConferenceTask,
    parent: QWidget,
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Marcar tarea hecha"),
        parent,
        intro=tr("«{task}» (responsable: {owner}).").format(task=task.task, owner=task.owner),
        save_text=tr("Marcar hecha"),
    )
    dialog.add_date("done", tr("Hecha el"), session.today())
    dialog.action = lambda d: follow_up.complete_task(
        session.actor, conference.id, index, d.date("done")
    )
    return dialog
