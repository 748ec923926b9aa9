"""Dialogs of a stay's life: admission, outings, toxicology controls and incidents.

Each builds an `ActionDialog` whose Save calls one StayService method; what is refused
(no signed consent, overlapping outings, a date outside the stay…) comes back from the
service and is shown beside the field it concerns.
"""

from datetime import date

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from reinsercion_desktop.db.models import Outing, Referral, Stay
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import (
    DischargeType,
    FormStatus,
    OutingKind,
    Programme,
    ReferralStatus,
)
from reinsercion_desktop.domain.stay_rules import (
    ADMITTABLE,
    ADMITTABLE_BY_COURT_ORDER,
    SEVERITIES,
    TOX_RESULTS,
    outing_days,
)
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.services.stays import CONSENT_FORM_ID
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text


def admissible_referrals(referrals: list[Referral], stays: list[Stay]) -> list[Referral]:
    """The protocols an admission may be recorded for: in the list or in admission process
    (any open one with a court order), or re-entry after a derived discharge."""
    derived = {s.referral_id for s in stays if s.discharge_type == DischargeType.DERIVED}
    return [
        r
        for r in referrals
        if r.status in (ADMITTABLE_BY_COURT_ORDER if r.court_order else ADMITTABLE)
        or (r.status == ReferralStatus.ADMITTED and r.id in derived)
    ]


def referral_label(referral: Referral) -> str:
    return tr("Protocolo del {date} · {status}").format(
        date=format_date_es(referral.protocol_date), status=ReferralStatus(referral.status).label
    )


def admission_dialog(
    services: Services,
    session: Session,
    participant_id: str,
    referrals: list[Referral],
    parent: QWidget,
) -> ActionDialog:
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
    first = referrals[0] if referrals else None
    dialog.add(
        "referral",
        tr("Protocolo de derivación"),
        combo([(r.id, referral_label(r)) for r in referrals]),
    )
    viviendas = services.catalogues.viviendas()
    dialog.add(
        "vivienda",
        tr("Vivienda"),
        combo([(v.id, v.name) for v in viviendas], first.vivienda_id if first else None),
    )
    planned = first.planned_admission_date if first else None
    dialog.add_date(
        "admission_date",
        tr("Fecha de ingreso"),
        planned if planned and planned <= today else today,
    )
    dialog.add("programme", tr("Programa"), combo(Programme.choices()))
    signed = [
        s
        for s in services.forms.list_for(participant_id)
        if s.form_id == CONSENT_FORM_ID and s.status is FormStatus.SIGNED
    ]
    consent = QLineEdit(
        tr("Firmado por {who}").format(who=signed[-1].signed_by_name)
        if signed
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
    dialog.action = lambda d: services.stays.admit(
        session.actor,
        d.value("referral"),
        d.value("vivienda"),
        d.date("admission_date"),
        d.value("programme"),
    )
    return dialog


def outing_dialog(
    services: Services, session: Session, stay: Stay, parent: QWidget
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
    dialog.action = lambda d: services.stays.record_outing(
        session.actor,
        stay.id,
        d.date("start_date"),
        d.date("end_date"),
        d.value("kind"),
        d.text("purpose"),
    )
    return dialog


def outing_label(outing: Outing) -> str:
    return tr("{start} – {end} · {kind} · {days} días").format(
        start=format_date_es(outing.start_date),
        end=format_date_es(outing.end_date),
        kind=OutingKind(outing.kind).label if outing.kind in set(OutingKind) else outing.kind,
        days=outing_days(outing),
    )


def cancel_outing_dialog(
    services: Services,
    session: Session,
    outings: list[Outing],
    chosen: Outing | None,
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
    dialog.action = lambda d: services.stays.cancel_outing(
        session.actor, d.value("outing"), d.text("reason")
    )
    return dialog


def _today_in(stay: Stay, today: date) -> date:
    return min(today, stay.discharge_date or today)


def tox_dialog(services: Services, session: Session, stay: Stay, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(tr("Control toxicológico"), parent, save_text=tr("Guardar control"))
    dialog.add_date("on_date", tr("Fecha"), _today_in(stay, session.today()))
    dialog.add("result", tr("Resultado"), combo(TOX_RESULTS.items()))
    dialog.add("substances", tr("Sustancias (si positivo)"), QLineEdit())
    dialog.add("after_outing", tr("Tras una salida"), QCheckBox(tr("Control tras una salida")))
    dialog.action = lambda d: services.stays.record_tox_control(
        session.actor,
        stay.id,
        d.date("on_date"),
        d.value("result"),
        substances=d.text("substances"),
        after_outing=d.value("after_outing"),
    )
    return dialog


def incident_dialog(
    services: Services, session: Session, stay: Stay, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(tr("Incidencia"), parent, save_text=tr("Guardar incidencia"))
    dialog.add_date("on_date", tr("Fecha"), _today_in(stay, session.today()))
    dialog.add("severity", tr("Gravedad"), combo(SEVERITIES.items()))
    dialog.add("description", tr("Qué ocurrió"), long_text(height=90))
    dialog.action = lambda d: services.stays.record_incident(
        session.actor, stay.id, d.date("on_date"), d.text("description"), d.value("severity")
    )
    return dialog
