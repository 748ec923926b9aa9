"""Dialogs of a stay's end and length: planned discharge, long-stay justification, discharge,
and the economic contribution (R-ECO-1).

The justification box of R-STAY-2 stays hidden until the service asks for it (a stay
past 9 months), or is shown when the stay already has one.
"""

from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QWidget

from reinsercion_desktop.domain.enums import DischargeType, DisciplinaryCriterion
from reinsercion_desktop.domain.stay_rules import ContributionDraft
from reinsercion_desktop.services.stay_views import StayView
from reinsercion_desktop.services.stays import StayService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text
from reinsercion_desktop.ui.widgets.inputs import DoubleSpinBox, SpinBox


def _justification(dialog: ActionDialog, stay: StayView) -> None:
    dialog.add(
        "justification",
        tr("Justificación de más de 9 meses"),
        long_text(stay.over_9_months_justification, 80),
        until_needed=not stay.over_9_months_justification,
    )


def planned_discharge_dialog(
    stays: StayService, session: Session, stay: StayView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Alta prevista"),
        parent,
        intro=tr(
            "Una estancia no debería pasar de 9 meses: más allá, hace falta una justificación "
            "por escrito, coordinada con el CTA, que se remite a la oficina."
        ),
        save_text=tr("Guardar alta prevista"),
    )
    dialog.add_date(
        "planned_discharge_date", tr("Alta prevista"), stay.planned_discharge_date, keys=("stay",)
    )
    _justification(dialog, stay)
    dialog.action = lambda d: stays.set_planned_discharge(
        session.actor,
        stay.id,
        d.date("planned_discharge_date"),
        d.text("justification") if d.row_visible("justification") else "",
    )
    return dialog


def justify_dialog(
    stays: StayService, session: Session, stay: StayView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Justificar estancia larga"),
        parent,
        intro=tr("Los motivos, coordinados con el CTA, de una estancia de más de 9 meses."),
        save_text=tr("Guardar justificación"),
    )
    dialog.add(
        "justification", tr("Justificación"), long_text(stay.over_9_months_justification, 120)
    )
    dialog.action = lambda d: stays.justify_long_stay(
        session.actor, stay.id, d.text("justification")
    )
    return dialog


def notice_dialog(
    stays: StayService, session: Session, stay: StayView, parent: QWidget
) -> ActionDialog:
    """R-STAY-3: the discharge announced to the office (15 days ahead if therapeutic)."""
    dialog = ActionDialog(
        tr("Aviso de alta a la oficina"),
        parent,
        intro=tr(
            "Anote el día en que se avisó a la oficina del alta: 15 días antes de un alta "
            "terapéutica prevista, en el momento para las demás. La oficina podrá asignar la plaza."
        ),
        save_text=tr("Anotar aviso"),
    )
    dialog.add_date("notice_date", tr("Fecha del aviso"), session.today())
    dialog.action = lambda d: stays.record_discharge_notice(
        session.actor, stay.id, d.date("notice_date")
    )
    return dialog


def discharge_dialog(
    stays: StayService, session: Session, stay: StayView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Alta"),
        parent,
        intro=tr(
            "Cierra la estancia. Un alta disciplinaria indica su criterio; tras un alta "
            "voluntaria o disciplinaria, un nuevo ingreso necesita una derivación nueva."
        ),
        save_text=tr("Registrar alta"),
        width=580,
    )
    dialog.add_date("discharge_date", tr("Fecha del alta"), session.today(), keys=("stay",))
    kind = dialog.add(
        "discharge_type",
        tr("Tipo de alta"),
        combo([(None, tr("— elija —")), *DischargeType.choices()]),
    )
    criterion = dialog.add(
        "criterion",
        tr("Criterio disciplinario"),
        combo([(None, tr("— elija —")), *DisciplinaryCriterion.choices()]),
    )
    dialog.add("reason", tr("Motivo"), long_text(height=56))
    dialog.add("abandonment_reason", tr("Motivo del abandono"), QLineEdit())
    _justification(dialog, stay)

    def type_changed() -> None:
        disciplinary = kind.currentData() == DischargeType.DISCIPLINARY
        criterion.setEnabled(disciplinary)
        if not disciplinary:
            criterion.setCurrentIndex(0)

    kind.currentIndexChanged.connect(type_changed)
    type_changed()
    dialog.action = lambda d: stays.discharge(
        session.actor,
        stay.id,
        d.date("discharge_date"),
        d.value("discharge_type") or "",
        d.text("reason"),
        d.value("criterion") or "",
        d.text("abandonment_reason"),
        justification=d.text("justification") if d.row_visible("justification") else "",
    )
    return dialog


def _money(maximum: float) -> QDoubleSpinBox:
    spin = DoubleSpinBox()
    spin.setRange(0, maximum)
    spin.setDecimals(2)
    spin.setSuffix(" €")
    spin.setMaximumWidth(160)
    return spin


def contribution_dialog(
    stays: StayService, session: Session, stay: StayView, parent: QWidget
) -> ActionDialog:
    today = session.today()
    dialog = ActionDialog(
        tr("Aportación económica"),
        parent,
        intro=tr(
            "Con ingresos propios, la persona puede aportar hasta el 20 % del coste por plaza "
            "y día, solo con autorización previa y documentando sus ingresos."
        ),
        save_text=tr("Guardar aportación"),
        width=580,
    )
    dialog.add("monthly_income", tr("Ingreso mensual"), _money(100000))
    dialog.add("income_origin", tr("Origen de los ingresos"), QLineEdit())
    months = SpinBox()
    months.setRange(0, 120)
    months.setValue(1)
    months.setMaximumWidth(160)
    dialog.add("duration_months", tr("Duración de los ingresos (meses)"), months)
    dialog.add("family_circumstances", tr("Circunstancias familiares"), long_text(height=56))
    dialog.add("daily_amount", tr("Aportación diaria"), _money(1000))
    dialog.add("authorised_by", tr("Autorizada por"), QLineEdit(), keys=("authorisation",))
    dialog.add_date("authorised_date", tr("Fecha de la autorización"))
    dialog.add_date("start_date", tr("Inicio de la aportación"), max(today, stay.admission_date))

    def draft(d: ActionDialog) -> ContributionDraft:
        return ContributionDraft(
            start_date=d.date("start_date"),  # type: ignore[arg-type]
            daily_amount=d.fields["daily_amount"].value(),  # type: ignore[attr-defined]
            monthly_income=d.fields["monthly_income"].value(),  # type: ignore[attr-defined]
            income_origin=d.text("income_origin"),
            duration_months=months.value(),
            family_circumstances=d.text("family_circumstances"),
            authorised_by=d.text("authorised_by"),
            authorised_date=d.date("authorised_date", required=False),
        )

    dialog.action = lambda d: stays.add_contribution(session.actor, stay.id, draft(d))
    return dialog
