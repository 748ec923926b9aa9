"""Dialog "Nueva derivación" / "Modificar protocolo": the rule-bearing part of an Anexo I.

The protocol's date, who refers and from where, the CTA's consensus (R-REF-4), the
exclusion checklist with its written override (R-ADM-4), voluntariness (R-ADM-3), the
court-order note and the person's Anexo I form it goes with. The referral service
offers the choices (`ReferralService.choices`) and judges what is saved; its messages
land beside each field.
"""

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.domain.enums import Consensus, FormStatus
from reinsercion_desktop.domain.referral_rules import EXCLUSION_CRITERIA
from reinsercion_desktop.services.referral_views import AnexoChoice, ReferralView
from reinsercion_desktop.services.referrals import ReferralDraft, ReferralService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text


def anexo_label(anexo: AnexoChoice) -> str:
    status = FormStatus(anexo.status).label if anexo.status in set(FormStatus) else anexo.status
    return tr("Anexo I · {status} · {when}").format(
        status=status, when=format_datetime_es(anexo.updated_at)
    )


class ReferralDialog(ActionDialog):
    """New protocol for a person (`referral` None) or the edit of a draft/incomplete one."""

    def __init__(
        self,
        referrals: ReferralService,
        session: Session,
        participant_id: str,
        referral: ReferralView | None = None,
        parent: QWidget | None = None,
    ):
        title = tr("Nueva derivación") if referral is None else tr("Modificar protocolo")
        super().__init__(
            title,
            parent,
            intro=tr(
                "Lo que decide si el protocolo puede darse por completo. El resto del Anexo I "
                "se rellena en la pestaña Formularios y se vincula aquí."
            ),
            save_text=tr("Crear protocolo") if referral is None else tr("Guardar protocolo"),
            width=600,
        )
        self.referrals = referrals
        self.session = session
        self.participant_id = participant_id
        self.referral = referral
        today = session.today()
        current_centre = referral.referring_centre_id if referral else None
        choices = referrals.choices(participant_id, current_centre)
        labelled = [(c.id, c.label) for c in choices.centres]

        self.add_date(
            "protocol_date",
            tr("Fecha del protocolo"),
            referral.protocol_date if referral else today,
        )
        self.centre_combo = self.add(
            "referring_centre",
            tr("Centro derivador"),
            combo([(None, tr("— el que figura en la ficha —")), *labelled], current_centre),
        )
        self.origin_combo = self.add(
            "origin_centre",
            tr("Centro de procedencia"),
            combo(
                [(None, tr("— ninguno —")), *labelled],
                referral.origin_centre_id if referral else None,
            ),
        )
        self.consensus_combo = self.add(
            "consensus",
            tr("Consenso con el CTA"),
            combo(Consensus.choices(), referral.consensus if referral else Consensus.NOT_NEEDED),
        )
        ticked = set(referral.exclusion_criteria) if referral else set()
        criteria = QWidget()
        column = QVBoxLayout(criteria)
        column.setContentsMargins(0, 0, 0, 0)
        self.criteria_checks: dict[str, QCheckBox] = {}
        for code, label in EXCLUSION_CRITERIA.items():
            check = QCheckBox(label)
            check.setChecked(code in ticked)
            check.toggled.connect(self._criteria_toggled)
            self.criteria_checks[code] = check
            column.addWidget(check)
        self.add("exclusion_criteria", tr("Criterios de exclusión"), criteria)
        self.override_edit = self.add(
            "exclusion_override",
            tr("Justificación si hay criterios"),
            long_text(referral.exclusion_override if referral else "", 56),
        )
        self.voluntary_check = self.add(
            "voluntary",
            tr("Voluntariedad"),
            QCheckBox(tr("La persona manifiesta su voluntariedad")),
        )
        self.voluntary_check.setChecked(bool(referral and referral.voluntary))
        self.court_note_edit = self.add(
            "court_order_note",
            tr("Orden judicial (nota)"),
            long_text(referral.court_order_note if referral else "", 46),
        )
        anexos = choices.anexos
        self.form_combo = self.add(
            "form",
            tr("Anexo I vinculado"),
            combo(
                [(None, tr("— sin vincular —")), *((a.id, anexo_label(a)) for a in anexos)],
                referral.form_instance_id if referral else (anexos[-1].id if anexos else None),
            ),
        )
        self.form_combo.setEnabled(bool(anexos))
        if not anexos:
            self.form_combo.setToolTip(
                tr("Esta persona aún no tiene un Anexo I: créelo en la pestaña Formularios.")
            )
        self._criteria_toggled()
        self.action = ReferralDialog._save

    def _criteria_toggled(self) -> None:
        self.override_edit.setEnabled(any(c.isChecked() for c in self.criteria_checks.values()))

    def draft(self) -> ReferralDraft:
        return ReferralDraft(
            protocol_date=self.date("protocol_date"),
            referring_centre_id=self.centre_combo.currentData(),
            origin_centre_id=self.origin_combo.currentData(),
            form_instance_id=self.form_combo.currentData(),
            consensus=self.consensus_combo.currentData(),
            exclusion_criteria=tuple(
                code for code, check in self.criteria_checks.items() if check.isChecked()
            ),
            exclusion_override=self.override_edit.toPlainText()
            if self.override_edit.isEnabled()
            else "",
            voluntary=self.voluntary_check.isChecked(),
            court_order_note=self.court_note_edit.toPlainText(),
        )

    def _save(self) -> ReferralView:
        referrals, actor = self.referrals, self.session.actor
        if self.referral is None:
            return referrals.create(actor, self.participant_id, self.draft())
        return referrals.update(actor, self.referral.id, self.draft())
