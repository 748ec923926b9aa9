"""Protocol rules without a database: R-ADM-2, R-ADM-4, R-REF-4, R-REF-1 and the status steps."""

from datetime import date

import pytest

from reinsercion_desktop.domain.enums import Consensus, ReferralStatus
from reinsercion_desktop.domain.referral_rules import (
    ReferralFacts,
    completion_problems,
    consensus_problem,
    exclusion_problem,
    fix_problem,
    form_problem,
    is_escalated,
    list_date,
    referring_centre_problem,
    transition_problem,
)

CTA = ReferralFacts(centre_kind="CTA", centre_name="CTA Sevilla")


# -- R-ADM-2 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["CTA", "CT", "EAIIPP"])
def test_R_ADM_2_cta_ct_and_eaiipp_may_refer(kind):
    assert referring_centre_problem(kind, "Centro") is None


@pytest.mark.parametrize("kind", ["CPD", "otro"])
def test_R_ADM_2_cpd_and_other_centres_are_refused(kind):
    message = referring_centre_problem(kind, "CPD Huelva")
    assert message is not None
    assert "CPD Huelva" in message and "CTA, una CT o el EAIIPP" in message


def test_R_ADM_2_no_centre_or_an_inactive_one_is_refused():
    assert "no tiene centro derivador" in referring_centre_problem(None)
    assert "dado de baja" in referring_centre_problem("CTA", "CTA Triana", active=False)


# -- R-ADM-4 ---------------------------------------------------------------------------------


def test_R_ADM_4_no_ticked_criteria_passes():
    assert exclusion_problem((), "") is None


def test_R_ADM_4_ticked_criterion_blocks_without_a_reason():
    message = exclusion_problem(("alta_voluntaria_ct",), "  ")
    assert "alta voluntaria de la ct de origen" in message
    assert "justificación" in message


def test_R_ADM_4_ticked_criterion_passes_with_a_written_override():
    assert exclusion_problem(("discapacidad_fisica",), "Autonomía valorada por el CTA") is None


def test_R_ADM_4_unknown_criterion_is_refused():
    assert "desconocido" in exclusion_problem(("inventado",), "motivo")


# -- R-REF-4 ---------------------------------------------------------------------------------


def test_R_REF_4_ct_referral_with_consensus_passes():
    assert consensus_problem("CT", Consensus.AGREED) is None
    assert not is_escalated("CT", Consensus.AGREED)


def test_R_REF_4_ct_referral_without_consensus_answer_is_refused():
    assert "comunidad terapéutica" in consensus_problem("CT", Consensus.NOT_NEEDED)


def test_R_REF_4_ct_discrepancy_is_escalated_not_a_problem():
    assert consensus_problem("CT", Consensus.DISCREPANCY) is None
    assert is_escalated("CT", Consensus.DISCREPANCY)


def test_R_REF_4_no_procede_only_for_non_ct_centres():
    assert consensus_problem("CTA", Consensus.NOT_NEEDED) is None
    assert "No procede" in consensus_problem("CTA", Consensus.AGREED)
    assert "No procede" in consensus_problem("EAIIPP", Consensus.DISCREPANCY)
    assert not is_escalated("CTA", Consensus.DISCREPANCY)


# -- completion as a whole -------------------------------------------------------------------


def test_R_REF_1_complete_protocol_has_no_problems():
    assert completion_problems(CTA) == {}
    assert completion_problems(ReferralFacts("CT", consensus=Consensus.AGREED)) == {}


def test_R_REF_1_every_problem_is_named_by_field():
    facts = ReferralFacts(
        centre_kind="CPD",
        consensus=Consensus.AGREED,
        exclusion_criteria=("enfermedad_psiquiatrica_aguda",),
        form_status="draft",
    )
    assert set(completion_problems(facts)) == {
        "referring_centre",
        "exclusion_criteria",
        "consensus",
        "form",
    }


def test_linked_anexo_i_must_be_final_or_signed():
    assert form_problem(None) is None
    assert form_problem("final") is None
    assert form_problem("signed") is None
    assert "borrador" in form_problem("draft")


# -- R-REF-1: fix and the list date -------------------------------------------------------------


def test_R_REF_1_fix_needs_a_note_and_a_sensible_date():
    today = date(2026, 1, 15)
    assert fix_problem(date(2026, 1, 14), "Aportada radiografía", date(2026, 1, 10), today) is None
    assert "qué se ha subsanado" in fix_problem(today, " ", None, today)
    assert "futura" in fix_problem(date(2026, 1, 16), "nota", None, today)
    assert "anterior" in fix_problem(date(2026, 1, 9), "nota", date(2026, 1, 10), today)


def test_R_REF_1_fixed_after_receipt_is_listed_from_the_fix():
    assert list_date(date(2026, 1, 10), date(2026, 1, 20)) == date(2026, 1, 20)
    assert list_date(date(2026, 1, 10), date(2026, 1, 5)) == date(2026, 1, 10)
    assert list_date(date(2026, 1, 10), None) == date(2026, 1, 10)
    assert list_date(None, None) is None


# -- status steps --------------------------------------------------------------------------------


def test_status_steps_follow_the_circuit():
    path = ["draft", "complete", "sent", "received", "waiting", "assigned", "admitted"]
    for current, target in zip(path, path[1:], strict=False):
        assert transition_problem(current, ReferralStatus(target)) is None


def test_status_steps_refuse_shortcuts_and_closed_protocols():
    assert "no puede pasar" in transition_problem("draft", ReferralStatus.WAITING)
    assert "no puede pasar" in transition_problem("incomplete", ReferralStatus.WAITING)
    assert "derivación nueva" in transition_problem("resigned", ReferralStatus.WAITING)
