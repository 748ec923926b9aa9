"""Dialogs of a stay's life: admission, outings, toxicology controls and incidents.

Each takes the stay service, the session and the stay's view, and builds an
`ActionDialog` whose Save calls one StayService method; what is refused (no signed
consent, overlapping outings, a date outside the stay…) comes back from the service and
is shown beside the field it concerns.
"""

from datetime import date

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import OutingKind, Programme, ReferralStatus
from reinsercion_desktop.domain.stay_rules import SEVERITIES, TOX_RESULTS
from reinsercion_desktop.services.referral_views import ReferralView
from reinsercion_desktop.services.stay_views import AdmissionOptions, OutingView, StayView
from reinsercion_desktop.services.stays import StayService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text


def referral_label(referral: ReferralView) -> str:
    return tr("Protocolo del {date} · {status}").format(
        date=format_date_es(referral.protocol_date), status=ReferralStatus(referral.status).label
    )


def admission_dialog(
    stays: StayService, session: Session, options: AdmissionOptions, parent: QWidget
) -> ActionDialog:
    """`options`: the admissible protocols, the viviendas and the consent (one read)."""
    today = session.today()
    dialog = ActionDialog(
        tr("Ingreso en la vivienda"),
        parent,
        intro=tr(
            "Se registra la estancia y el protocolo pasa a «Ingresado/a». Hace falta la "
            "voluntariedad en el protocolo y el consentimiento informado firmado."
        ),
        save_text=tr("Registrar ingreso"),
        width=560,
    )
    referrals = options.referrals
    first = referrals[0] if referrals else None
    dialog.add(
        "referral",
        tr("Protocolo de derivación"),
        combo([(r.id, referral_label(r)) for r in referrals]),
    )
    dialog.add(
        "vivienda",
        tr("Vivienda"),
        combo([(v.id, v.name) for v in options.viviendas], first.vivienda_id if first else None),
    )
    planned = first.planned_admission_date if first else None
    dialog.add_date(
        "admission_date",
        tr("Fecha de ingreso"),
        planned if planned and planned <= today else today,
    )
    dialog.add("programme", tr("Programa"), combo(Programme.choices()))
    consent = QLineEdit(
        tr("Firmado por {who}").format(who=options.consent_signed_by)
        if options.consent_signed_by
        else tr("No hay consentimiento firmado (pestaña Formularios)")
    )
    consent.setReadOnly(True)
    dialog.add("consent", tr("Consentimiento informado"), consent)
    by_id = {r.id: r for r in referrals}
    referral_combo, vivienda_combo = dialog.fields["referral"], dialog.fields["vivienda"]

    def follow_referral() -> None:  # the place assigned to the chosen protocol, if any
        chosen = by_id.get(referral_combo.currentData())
        index = vivienda_combo.findData(chosen.vivienda_id if chosen else None)
        if index >= 0:
            vivienda_combo.setCurrentIndex(index)

    referral_combo.currentIndexChanged.connect(follow_referral)
    dialog.action = lambda d: stays.admit(
        session.actor,
        d.value("referral"),
        d.value("vivienda"),
        d.date("admission_date"),
        d.value("programme"),
    )
    return dialog


def outing_dialog(
    stays: StayService, session: Session, stay: StayView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Salida terapéutica"),
        parent,
        intro=tr(
            "Prevista o disfrutada. Las salidas ordinarias suman entre 30 y 40 días por "
            "estancia; las excepcionales se cuentan aparte."
        ),
        save_text=tr("Guardar salida"),
    )
    dialog.add_date("start_date", tr("Salida"), keys=("dates", "overlap"))
    dialog.add_date("end_date", tr("Regreso"))
    dialog.add("kind", tr("Tipo"), combo(OutingKind.choices()))
    dialog.add("purpose", tr("Objeto de la salida"), QLineEdit())
    dialog.action = lambda d: stays.record_outing(
        session.actor,
        stay.id,
        d.date("start_date"),
        d.date("end_date"),
        d.value("kind"),
        d.text("purpose"),
    )
    return dialog


def outing_label(outing: OutingView) -> str:
    return tr("{start} – {end} · {kind} · {days} días").format(
        start=format_date_es(outing.start_date),
        end=format_date_es(outing.end_date),
        kind=OutingKind(outing.kind).label if outing.kind in set(OutingKind) else outing.kind,
        days=outing.days,
    )


def cancel_outing_dialog(
    stays: StayService,
    session: Session,
    outings: list[OutingView],
    chosen: OutingView | None,
    parent: QWidget,
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Anular salida"),
        parent,
        intro=tr("La salida se borra; el motivo queda en el registro de auditoría."),
        save_text=tr("Anular salida"),
    )
    dialog.add(
        "outing",
        tr("Salida"),
        combo([(o.id, outing_label(o)) for o in outings], chosen.id if chosen else None),
    )
    dialog.add("reason", tr("Motivo"), QLineEdit())
    dialog.action = lambda d: stays.cancel_outing(
        session.actor, d.value("outing"), d.text("reason")
    )
    return dialog


def _today_in(stay: StayView, today: date) -> date:
    return min(today, stay.discharge_date or today)


def tox_dialog(
    stays: StayService, session: Session, stay: StayView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(tr("Control toxicológico"), parent, save_text=tr("Guardar control"))
    dialog.add_date("on_date", tr("Fecha"), _today_in(stay, session.today()))
    dialog.add("result", tr("Resultado"), combo(TOX_RESULTS.items()))
    dialog.add("substances", tr("Sustancias (si positivo)"), QLineEdit())
    dialog.add("after_outing", tr("Tras una salida"), QCheckBox(tr("Control tras una salida")))
    dialog.action = lambda d: stays.record_tox_control(
        session.actor,
        stay.id,
        d.date("on_date"),
        d.value("result"),
        substances=d.text("substances"),
        after_outing=d.value("after_outing"),
    )
    return dialog


def incident_dialog(
    stays: StayService, session: Session, stay: StayView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(tr("Incidencia"), parent, save_text=tr("Guardar incidencia"))
    dialog.add_date("on_date", tr("Fecha"), _today_in(stay, session.today()))
    dialog.add("severity", tr("Gravedad"), combo(SEVERITIES.items()))
    dialog.add("description", tr("Qué ocurrió"), long_text(height=90))
    dialog.action = lambda d: stays.record_incident(
        session.actor, stay.id, d.date("on_date"), d.text("description"), d.value("severity")
    )
    return dialog
