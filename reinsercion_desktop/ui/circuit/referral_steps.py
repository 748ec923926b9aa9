"""The small dialogs of a protocol's steps: incomplete, fix, receive, list and turn decisions.

Each function takes the one service its Save calls (referrals or waiting list), the
session and the protocol's view, and builds an `ActionDialog`; the tab or dock opens it
with open() and refreshes when it is accepted.
"""

from datetime import timedelta

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import Consensus, PostponementReason
from reinsercion_desktop.services.referral_views import ReferralView
from reinsercion_desktop.services.referrals import ReferralService
from reinsercion_desktop.services.waiting_list import WaitingListService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text

# Problems of the completion rules, shown above the buttons of the fix dialog.
_COMPLETION_KEYS = ("referring_centre", "exclusion_criteria", "form")


def incomplete_dialog(
    referrals: ReferralService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Protocolo incompleto"),
        parent,
        intro=tr(
            "El protocolo queda fuera de la lista de espera hasta que se subsane. La causa se "
            "informa cada seis meses por centro derivador."
        ),
        save_text=tr("Marcar incompleto"),
    )
    dialog.add("cause", tr("Qué falta o qué está mal"), long_text())
    dialog.action = lambda d: referrals.mark_incomplete(session.actor, referral.id, d.text("cause"))
    return dialog


def fix_dialog(
    referrals: ReferralService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    today = session.today()
    dialog = ActionDialog(
        tr("Subsanar el protocolo"),
        parent,
        intro=tr("Causa registrada: {cause}").format(cause=referral.incomplete_cause),
        save_text=tr("Registrar subsanación"),
    )
    dialog.add("fix_note", tr("Qué se ha subsanado"), long_text())
    dialog.add_date("fixed_date", tr("Fecha de la subsanación"), today)
    dialog.add(
        "consensus",
        tr("Resolución del consenso"),
        combo([(None, tr("— sin cambios —")), *Consensus.choices()]),
    )
    dialog.action = lambda d: referrals.record_fix(
        session.actor,
        referral.id,
        d.text("fix_note"),
        fixed_date=d.date("fixed_date"),
        consensus=d.value("consensus"),
    )
    return dialog


def receive_dialog(
    referrals: ReferralService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Protocolo recibido"),
        parent,
        intro=tr("La fecha de recepción ordena la lista de espera."),
        save_text=tr("Registrar recepción"),
    )
    dialog.add_date("received_date", tr("Fecha de recepción"), session.today())
    dialog.action = lambda d: referrals.receive(session.actor, referral.id, d.date("received_date"))
    return dialog


def include_dialog(
    referrals: ReferralService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(tr("Incluir en la lista de espera"), parent, save_text=tr("Incluir"))
    dialog.add_date("included_date", tr("Fecha de inclusión"), session.today())
    dialog.action = lambda d: referrals.include(session.actor, referral.id, d.date("included_date"))
    return dialog


def assign_dialog(
    waiting_list: WaitingListService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Asignar plaza"),
        parent,
        intro=tr(
            "La persona pasa a «proceso de admisión» con una fecha prevista de ingreso. Con "
            "varias plazas libres para ella, anote la consulta al centro derivador."
        ),
        save_text=tr("Asignar plaza"),
        width=600,
    )
    # The viviendas in service, each with what is free (places reserved for others are not).
    items = [
        (
            place.vivienda_id,
            place.name
            + tr(" — libres: {men} H · {women} M · {mixed} mixtas").format(
                men=place.free_men, women=place.free_women, mixed=place.free_mixed
            ),
        )
        for place in waiting_list.free_places()
    ]
    dialog.add("vivienda", tr("Vivienda"), combo(items), keys=("vacated_by_stay_id",))
    tomorrow = session.today() + timedelta(days=1)
    dialog.add_date("planned_admission_date", tr("Ingreso previsto"), tomorrow)
    dialog.add("centre_consulted_note", tr("Consulta al centro derivador"), long_text(height=46))
    dialog.add(
        "court_order_note",
        tr("Nota al Juzgado (orden judicial)"),
        long_text(referral.court_order_note, 46),
    )
    dialog.action = lambda d: waiting_list.assign(
        session.actor,
        referral.id,
        d.value("vivienda"),
        d.date("planned_admission_date"),
        consulted_note=d.text("centre_consulted_note"),
        court_order_note=d.text("court_order_note"),
    )
    return dialog


def postpone_dialog(
    waiting_list: WaitingListService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Aplazar el ingreso"),
        parent,
        intro=tr(
            "Por motivos familiares, sanitarios o de prisión, como mucho 3 meses desde la "
            "inclusión en lista."
        ),
        save_text=tr("Aplazar"),
    )
    dialog.add(
        "reason",
        tr("Motivo"),
        combo([(None, tr("— elija —")), *PostponementReason.choices()]),
    )
    dialog.add_date("until", tr("Aplazado hasta"))
    dialog.add("note", tr("Observaciones"), QLineEdit())
    dialog.action = lambda d: waiting_list.postpone(
        session.actor, referral.id, d.value("reason") or "", d.date("until"), d.text("note")
    )
    return dialog


def decide_dialog(
    waiting_list: WaitingListService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Decidir tras 3 meses de aplazamiento"),
        parent,
        intro=tr(
            "Aplazado desde la inclusión del {included} hasta el {until}. Mantenga el "
            "protocolo (con su motivo) o retírelo."
        ).format(
            included=format_date_es(referral.included_date),
            until=format_date_es(referral.postponed_until),
        ),
        save_text=tr("Registrar decisión"),
    )
    choice = QWidget()
    row = QHBoxLayout(choice)
    row.setContentsMargins(0, 0, 0, 0)
    keep_radio = QRadioButton(tr("Mantener en lista"))
    withdraw_radio = QRadioButton(tr("Retirar el protocolo"))
    keep_radio.setChecked(True)
    group = QButtonGroup(choice)
    for radio in (keep_radio, withdraw_radio):
        group.addButton(radio)
        row.addWidget(radio)
    row.addStretch()
    dialog.add("decision", tr("Decisión"), choice)
    dialog.keep_radio, dialog.withdraw_radio = keep_radio, withdraw_radio  # type: ignore[attr-defined]
    dialog.add("reason", tr("Motivo"), long_text(height=56))
    dialog.add_date("until", tr("Sigue aplazado hasta (opcional)"))
    withdraw_radio.toggled.connect(lambda on: dialog.set_row_visible("until", not on))
    dialog.action = lambda d: waiting_list.decide_after_postponement(
        session.actor,
        referral.id,
        keep=keep_radio.isChecked(),
        reason=d.text("reason"),
        until=d.date("until", required=False) if keep_radio.isChecked() else None,
    )
    return dialog


def reason_dialog(
    title: str, intro: str, save_text: str, label: str, action, parent: QWidget
) -> ActionDialog:  # type: ignore[no-untyped-def]
    """One reason and one call: resign, withdraw, not located."""
    dialog = ActionDialog(title, parent, intro=intro, save_text=save_text)
    dialog.add("reason", label, long_text(height=56), keys=("note",))
    dialog.action = lambda d: action(d.text("reason"))
    return dialog


def resign_dialog(
    waiting_list: WaitingListService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    return reason_dialog(
        tr("Renuncia"),
        tr("La persona renuncia a la plaza o a la lista: el protocolo se cierra."),
        tr("Registrar renuncia"),
        tr("Motivo de la renuncia"),
        lambda reason: waiting_list.resign(session.actor, referral.id, reason),
        parent,
    )


def withdraw_dialog(
    referrals: ReferralService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    return reason_dialog(
        tr("Retirar el protocolo"),
        tr("El protocolo se cierra; un nuevo ingreso necesitará una derivación nueva."),
        tr("Retirar"),
        tr("Motivo"),
        lambda reason: referrals.withdraw(session.actor, referral.id, reason),
        parent,
    )


def not_located_dialog(
    waiting_list: WaitingListService, session: Session, referral: ReferralView, parent: QWidget
) -> ActionDialog:
    return reason_dialog(
        tr("No localizado/a"),
        tr(
            "Pasados 2 días desde la asignación sin localizar a la persona, pierde el turno y "
            "la plaza pasa al siguiente protocolo de la lista."
        ),
        tr("Registrar"),
        tr("Intentos de localización (opcional)"),
        lambda note: waiting_list.mark_not_located(session.actor, referral.id, note),
        parent,
    )
