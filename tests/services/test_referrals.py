"""Referrals through the service: draft → complete → sent → received → waiting, incomplete → fixed.

R-ADM-2, R-ADM-4, R-REF-4 and R-REF-1 at completion, with the history and the audit log.
"""

from datetime import date

import pytest

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.models import FormInstance, Participant, Referral, Stay
from reinsercion_desktop.domain.enums import Consensus, ReferralStatus
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.catalogues import CatalogueService, ReferringCentreDraft
from reinsercion_desktop.services.referrals import ReferralDraft, ReferralService
from reinsercion_desktop.services.waiting_list import WaitingListService


@pytest.fixture
def referrals(workspace):  # type: ignore[no-untyped-def]
    return ReferralService(workspace.db)


@pytest.fixture
def centres(workspace, admin):  # type: ignore[no-untyped-def]
    catalogue = CatalogueService(workspace.db)
    return {
        kind: catalogue.save_referring_centre(
            admin, ReferringCentreDraft(kind, f"{kind} Sevilla")
        ).id
        for kind in ("CTA", "CT", "CPD", "EAIIPP", "otro")
    }


@pytest.fixture
def make_person(participants, admin, make_draft):  # type: ignore[no-untyped-def]
    count = iter(range(1, 100))

    def make(centre_id, **overrides):  # type: ignore[no-untyped-def]
        n = next(count)
        draft = make_draft(
            first_name=f"Persona{n}",
            surname1=f"Apellido{n}",
            birth_date=f"{n:02d}/02/1980",
            id_number="",
            referring_centre_id=centre_id,
            **overrides,
        )
        return participants.create(admin, draft, confirm_similar=True)

    return make


def stored(workspace, referral_id) -> Referral:  # type: ignore[no-untyped-def]
    with workspace.db.read() as session:
        return session.get(Referral, referral_id)


def statuses(referrals, referral_id) -> list[str]:  # type: ignore[no-untyped-def]
    return [event.status for event in referrals.history(referral_id)]


# -- the whole path ----------------------------------------------------------------------------


def test_referral_path_draft_complete_sent_received_waiting_assigned(
    workspace, admin, referrals, centres, make_person
):
    person = make_person(centres["CTA"])
    referral = referrals.create(admin, person.id, ReferralDraft(voluntary=True))
    assert referral.status == "draft" and referral.referring_centre_id == centres["CTA"]
    referrals.mark_complete(admin, referral.id)
    referrals.send(admin, referral.id)
    referrals.receive(admin, referral.id, received_date=date(2026, 1, 15))
    referrals.include(admin, referral.id)
    triana = next(
        v for v in CatalogueService(workspace.db).viviendas() if v.name.endswith("Triana")
    )
    WaitingListService(workspace.db).assign(
        admin, referral.id, triana.id, date(2026, 1, 20), consulted_note="CTA prefiere Triana"
    )
    saved = stored(workspace, referral.id)
    assert saved.status == "assigned"
    assert saved.received_date == saved.included_date == date(2026, 1, 15)
    assert saved.vivienda_id == triana.id and saved.planned_admission_date == date(2026, 1, 20)
    assert saved.centre_consulted_note == "CTA prefiere Triana"
    assert statuses(referrals, referral.id) == [
        "draft", "complete", "sent", "received", "waiting", "assigned",
    ]  # fmt: skip
    with workspace.db.read() as session:
        assert session.get(Participant, person.id).status == "en_espera"
        audited = [
            e for e in queries.audit_entries(session=session) if e.entity == "referral_event"
        ]
    assert len(audited) == 6


def test_prison_and_court_order_come_from_the_file_or_the_eaiipp(
    referrals, admin, centres, make_person
):
    from_prison = make_person(centres["CTA"], prison_origin=True, court_order=True)
    by_eaiipp = make_person(centres["EAIIPP"])
    plain = make_person(centres["CTA"])
    first = referrals.create(admin, from_prison.id)
    assert first.prison and first.court_order
    assert referrals.create(admin, by_eaiipp.id).prison
    assert not referrals.create(admin, plain.id).prison


def test_the_protocol_is_unique_while_open(referrals, admin, centres, make_person):
    person = make_person(centres["CTA"])
    first = referrals.create(admin, person.id)
    with pytest.raises(UserError, match="ya tiene un protocolo"):
        referrals.create(admin, person.id)
    referrals.withdraw(admin, first.id, "Duplicado por error")
    assert referrals.create(admin, person.id).status == "draft"


# -- R-ADM-2 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["CPD", "otro"])
def test_R_ADM_2_referral_from_a_cpd_or_other_centre_is_refused(
    workspace, referrals, admin, centres, make_person, kind
):
    referral = referrals.create(admin, make_person(centres[kind]).id)
    with pytest.raises(ValidationError) as refused:
        referrals.mark_complete(admin, referral.id)
    assert "CTA, una CT o el EAIIPP" in refused.value.problems["referring_centre"]
    assert stored(workspace, referral.id).status == "draft"
    assert statuses(referrals, referral.id) == ["draft"]  # nothing half-saved


def test_R_ADM_2_referral_without_a_centre_is_refused(referrals, admin, make_person):
    referral = referrals.create(admin, make_person(None).id)
    with pytest.raises(ValidationError, match="no tiene centro derivador"):
        referrals.mark_complete(admin, referral.id)


def test_R_ADM_2_eaiipp_referral_completes(referrals, admin, centres, make_person):
    referral = referrals.create(admin, make_person(centres["EAIIPP"]).id)
    assert referrals.mark_complete(admin, referral.id).status == "complete"


# -- R-ADM-4 -------------------------------------------------------------------------------------


def test_R_ADM_4_ticked_exclusion_blocks_completion_until_justified(
    referrals, admin, centres, make_person
):
    draft = ReferralDraft(exclusion_criteria=("alta_disciplinaria_ct",))
    referral = referrals.create(admin, make_person(centres["CTA"]).id, draft)
    with pytest.raises(ValidationError, match="criterios de exclusión marcados"):
        referrals.mark_complete(admin, referral.id)
    draft.exclusion_override = "Alta disciplinaria de 2019; nuevo proceso completo desde entonces"
    referrals.update(admin, referral.id, draft)
    assert referrals.mark_complete(admin, referral.id).status == "complete"


# -- R-REF-4 -------------------------------------------------------------------------------------


def test_R_REF_4_ct_referral_with_cta_consensus_completes(referrals, admin, centres, make_person):
    draft = ReferralDraft(consensus=Consensus.AGREED)
    referral = referrals.create(admin, make_person(centres["CT"]).id, draft)
    assert referrals.mark_complete(admin, referral.id).status == "complete"


def test_R_REF_4_ct_referral_without_consensus_answer_is_refused(
    referrals, admin, centres, make_person
):
    referral = referrals.create(admin, make_person(centres["CT"]).id)
    with pytest.raises(ValidationError, match="consenso con el CTA"):
        referrals.mark_complete(admin, referral.id)


def test_R_REF_4_consensus_is_not_for_a_cta_referral(referrals, admin, centres, make_person):
    draft = ReferralDraft(consensus=Consensus.AGREED)
    referral = referrals.create(admin, make_person(centres["CTA"]).id, draft)
    with pytest.raises(ValidationError, match="No procede"):
        referrals.mark_complete(admin, referral.id)


def test_R_REF_4_discrepancy_is_escalated_and_kept_out_of_the_list(
    workspace, referrals, admin, centres, make_person
):
    draft = ReferralDraft(consensus=Consensus.DISCREPANCY)
    referral = referrals.create(admin, make_person(centres["CT"]).id, draft)
    escalated = referrals.mark_complete(admin, referral.id)
    assert escalated.status == "incomplete"
    assert "Comisionado" in escalated.incomplete_cause
    assert "Comisionado" in referrals.history(referral.id)[-1].note
    with pytest.raises(UserError, match="incompleto"):
        referrals.include(admin, referral.id)
    with pytest.raises(ValidationError, match="discrepancia"):
        referrals.record_fix(admin, referral.id, "Sin respuesta aún")
    fixed = referrals.record_fix(
        admin, referral.id, "El Comisionado valida la derivación", consensus=Consensus.AGREED
    )
    assert fixed.status == "complete" and fixed.consensus == "consensuado"
    assert stored(workspace, referral.id).incomplete_cause == escalated.incomplete_cause


# -- R-REF-1 -------------------------------------------------------------------------------------


def test_R_REF_1_incomplete_protocol_stays_out_until_fixed(
    workspace, clock, referrals, admin, centres, make_person
):
    person = make_person(centres["CTA"])
    referral = referrals.create(admin, person.id)
    referrals.mark_complete(admin, referral.id)
    referrals.send(admin, referral.id)
    referrals.receive(admin, referral.id)
    with pytest.raises(ValidationError, match="qué falta"):
        referrals.mark_incomplete(admin, referral.id, "  ")
    referrals.mark_incomplete(admin, referral.id, "Falta la radiografía de tórax")
    with pytest.raises(UserError, match="registre la subsanación"):
        referrals.include(admin, referral.id)
    with pytest.raises(UserError, match="registre la subsanación"):
        referrals.mark_complete(admin, referral.id)
    with pytest.raises(UserError, match="anote antes su subsanación"):
        referrals.receive(admin, referral.id)  # not back into the circuit without the fix
    clock.advance(days=6)
    fixed = referrals.record_fix(admin, referral.id, "Aportada la radiografía")
    assert fixed.status == "received"
    assert referrals.include(admin, referral.id).status == "waiting"
    saved = stored(workspace, referral.id)
    assert saved.incomplete_cause == "Falta la radiografía de tórax"
    assert (saved.fixed_date, saved.fix_note) == (date(2026, 1, 21), "Aportada la radiografía")
    report = referrals.incomplete_protocols(date(2026, 1, 1), date(2026, 6, 30))
    assert len(report) == 1
    line = report[0]
    assert (line.centre, line.codapel, line.marked_on) == (
        "CTA Sevilla",
        person.codapel,
        date(2026, 1, 15),
    )
    assert (line.cause, line.fixed_date) == ("Falta la radiografía de tórax", date(2026, 1, 21))
    assert statuses(referrals, referral.id)[-3:] == ["incomplete", "received", "waiting"]


def test_R_REF_1_a_draft_cannot_enter_the_list_directly(referrals, admin, centres, make_person):
    referral = referrals.create(admin, make_person(centres["CTA"]).id)
    with pytest.raises(UserError, match="no puede pasar"):
        referrals.include(admin, referral.id)


def test_received_date_cannot_be_future_or_before_the_protocol(
    referrals, admin, centres, make_person
):
    draft = ReferralDraft(protocol_date=date(2026, 1, 10))
    referral = referrals.create(admin, make_person(centres["CTA"]).id, draft)
    referrals.mark_complete(admin, referral.id)
    with pytest.raises(ValidationError, match="futura"):
        referrals.receive(admin, referral.id, received_date=date(2026, 1, 16))
    with pytest.raises(ValidationError, match="anterior a la del protocolo"):
        referrals.receive(admin, referral.id, received_date=date(2026, 1, 9))


# -- the linked Anexo I --------------------------------------------------------------------------


def test_linked_anexo_i_in_draft_blocks_completion(
    workspace, referrals, admin, centres, make_person
):
    person = make_person(centres["CTA"])
    with workspace.db.unit_of_work(admin) as work:
        form = work.add(
            FormInstance(form_id="anexo-i", definition_version=1, participant_id=person.id)
        )
    referral = referrals.create(admin, person.id, ReferralDraft(form_instance_id=form.id))
    with pytest.raises(ValidationError, match="Anexo I"):
        referrals.mark_complete(admin, referral.id)
    with workspace.db.unit_of_work(admin) as work:
        work.get(FormInstance, form.id).status = "final"
    assert referrals.mark_complete(admin, referral.id).status == "complete"


def test_only_an_anexo_i_of_the_same_person_can_be_linked(
    workspace, referrals, admin, centres, make_person
):
    person = make_person(centres["CTA"])
    with workspace.db.unit_of_work(admin) as work:
        form = work.add(
            FormInstance(form_id="anexo-iv", definition_version=1, participant_id=person.id)
        )
    with pytest.raises(ValidationError, match="no es un Anexo I"):
        referrals.create(admin, person.id, ReferralDraft(form_instance_id=form.id))


# -- R-WL-4 at inclusion -------------------------------------------------------------------------


def test_R_WL_4_derived_discharge_gives_priority_when_included(
    workspace, referrals, admin, centres, make_person
):
    person = make_person(centres["CTA"])
    vivienda = CatalogueService(workspace.db).viviendas()[0]
    with workspace.db.unit_of_work(admin) as work:
        work.add(Stay(participant_id=person.id, vivienda_id=vivienda.id,
                      admission_date=date(2025, 6, 1), discharge_date=date(2025, 11, 20),
                      discharge_type="derivada"))  # fmt: skip
    referral = referrals.create(admin, person.id)
    for step in (referrals.mark_complete, referrals.send, referrals.receive, referrals.include):
        step(admin, referral.id)
    saved = stored(workspace, referral.id)
    assert (saved.priority_until, saved.priority_vivienda_id) == (date(2026, 3, 20), vivienda.id)


def test_R_WL_4_voluntary_discharge_gives_no_priority(
    workspace, referrals, admin, centres, make_person
):
    person = make_person(centres["CTA"])
    vivienda = CatalogueService(workspace.db).viviendas()[0]
    with workspace.db.unit_of_work(admin) as work:
        work.add(Stay(participant_id=person.id, vivienda_id=vivienda.id,
                      admission_date=date(2025, 6, 1), discharge_date=date(2025, 12, 20),
                      discharge_type="voluntaria"))  # fmt: skip
    referral = referrals.create(admin, person.id)
    for step in (referrals.mark_complete, referrals.send, referrals.receive, referrals.include):
        step(admin, referral.id)
    assert stored(workspace, referral.id).priority_until is None


def test_withdraw_needs_a_reason_and_closes(workspace, referrals, admin, centres, make_person):
    referral = referrals.create(admin, make_person(centres["CTA"]).id)
    with pytest.raises(ValidationError):
        referrals.withdraw(admin, referral.id, "")
    referrals.withdraw(admin, referral.id, "La persona ya no desea el recurso")
    saved = stored(workspace, referral.id)
    assert saved.status == ReferralStatus.WITHDRAWN and saved.closed_date == date(2026, 1, 15)
    with pytest.raises(UserError, match="cerrado"):
        referrals.mark_complete(admin, referral.id)
