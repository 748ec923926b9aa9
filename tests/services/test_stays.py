"""Stays through the service: admission → outings → planned discharge → discharge, and refusals
that save nothing (R-ADM-1, R-ADM-3, R-STAY-1, R-STAY-2, R-DIS-1, R-DIS-2, R-ECO-1)."""

from dataclasses import FrozenInstanceError, replace
from datetime import date, timedelta

import pytest

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.models import (
    FormInstance,
    Participant,
    Referral,
    Stay,
)
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.stay_rules import ContributionDraft
from reinsercion_desktop.forms.content import content_hash
from reinsercion_desktop.forms.loader import FormCatalogue, load_definition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.stays import StayService

TODAY = date(2026, 1, 15)  # the FakeClock's day


@pytest.fixture
def forms(workspace):  # type: ignore[no-untyped-def]
    catalogue = FormCatalogue()
    catalogue.add(load_definition(forms_dir() / "consentimiento.v1.json"))
    return FormService(workspace.db, catalogue, AttachmentService.of(workspace))


@pytest.fixture
def stays(workspace, forms):  # type: ignore[no-untyped-def]
    return StayService(workspace.db, forms)


@pytest.fixture
def viviendas(workspace, admin):  # type: ignore[no-untyped-def]
    """{name: id}: Triana (6 men, 2 women), Macarena (8 mixed)."""
    with workspace.db.read() as session:
        return {v.name: v.id for v in queries.viviendas(session=session)}


def person(participants, admin, make_draft, **overrides):  # type: ignore[no-untyped-def]
    return participants.create(admin, make_draft(**overrides), confirm_similar=True)


def referral(db, admin, participant_id, **overrides) -> Referral:  # type: ignore[no-untyped-def]
    values = {
        "participant_id": participant_id,
        "protocol_date": date(2025, 11, 1),
        "status": "assigned",
        "voluntary": True,
    }
    values.update(overrides)
    with db.unit_of_work(admin) as work:
        return work.add(Referral(**values))


def signed_consent(db, admin, participant_id) -> FormInstance:  # type: ignore[no-untyped-def]
    """A signed consent inserted directly (its hash as the form service records it)."""
    with db.unit_of_work(admin) as work:
        return work.add(
            FormInstance(
                form_id="consentimiento",
                definition_version=1,
                participant_id=participant_id,
                status="signed",
                data="{}",
                signed_at=db.clock.now(),
                signed_by=admin.login,
                signed_hash=content_hash("consentimiento", 1, {}),
            )
        )


@pytest.fixture
def jose(workspace, participants, admin, make_draft):  # type: ignore[no-untyped-def]
    """José, referred (assigned) and with his consent signed."""
    who = person(participants, admin, make_draft)
    ref = referral(workspace.db, admin, who.id)
    signed_consent(workspace.db, admin, who.id)
    return who, ref


def stored(db, model, record_id):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return session.get(model, record_id)


def test_admit_outings_planned_discharge_and_discharge(workspace, stays, admin, jose, viviendas):  # type: ignore[no-untyped-def]
    db, (who, ref) = workspace.db, jose
    stay = stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2025, 11, 10), "ptm")
    assert stay.programme == "ptm" and stay.referral_id == ref.id and stay.discharge_date is None
    assert stored(db, Referral, ref.id).status == "admitted"
    with db.read() as session:
        events = queries.referral_events(session=session, referral_id=ref.id)
    assert [(e.status, e.on_date) for e in events] == [("admitted", date(2025, 11, 10))]
    resident = stored(db, Participant, who.id)
    assert resident.status == "en_estancia" and resident.vivienda_id == viviendas["Vivienda Triana"]
    assert stays.open_stay_of(who.id).id == stay.id

    first = stays.record_outing(
        admin, stay.id, date(2025, 12, 5), date(2025, 12, 12), purpose="CTA"
    )
    assert first.warnings == []
    stays.record_outing(admin, stay.id, date(2025, 12, 24), date(2025, 12, 27), "excepcional")
    assert [o.kind for o in stays.outings_of(stay.id)] == ["ordinaria", "excepcional"]

    planned = stays.set_planned_discharge(admin, stay.id, date(2026, 2, 10))
    assert stored(db, Stay, stay.id).planned_discharge_date == date(2026, 2, 10)
    assert "solo se han disfrutado 7 días" in planned.warnings[0]  # R-STAY-1, exceptional apart
    assert stays.warnings_for(stay.id) == planned.warnings

    stays.record_tox_control(admin, stay.id, date(2025, 12, 12), "negativo", after_outing=True)
    stays.record_incident(admin, stay.id, date(2026, 1, 2), "Discusión en la cocina.")
    assert len(stays.tox_controls_of(stay.id)) == 1 and len(stays.incidents_of(stay.id)) == 1

    closed = stays.discharge(
        admin, stay.id, date(2026, 1, 14), "terapeutica", "Objetivos cumplidos."
    )
    assert closed.discharge_date == date(2026, 1, 14) and closed.discharge_type == "terapeutica"
    gone = stored(db, Participant, who.id)
    assert gone.status == "alta" and gone.vivienda_id is None
    entities = {line.entity for line in audit_lines(db, participant_id=who.id)}
    assert {"stay", "participant"} <= entities


def _statements(db, read):  # type: ignore[no-untyped-def]
    """What `read()` returns, and how many SQL statements it ran."""
    from sqlalchemy import event

    ran: list[str] = []

    def count(*_args) -> None:  # type: ignore[no-untyped-def]
        ran.append("")

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        return read(), len(ran)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_stays_of_is_one_read_of_plain_views_whatever_the_number_of_stays(
    workspace, stays, admin, jose, viviendas
):  # type: ignore[no-untyped-def]
    """The Estancias tab makes one call per refresh: every stay with its outings, controls,
    incidents, contributions and warnings, as frozen views (never ORM rows), in a number of
    queries that does not grow with the stays."""
    db, (who, ref) = workspace.db, jose
    first = stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2025, 11, 10))
    stays.record_outing(admin, first.id, date(2025, 12, 1), date(2025, 12, 6), purpose="Familia")
    stays.record_tox_control(admin, first.id, date(2025, 12, 7), "positivo", substances="THC")
    stays.record_incident(admin, first.id, date(2026, 1, 2), "Discusión.", "grave")
    stays.set_planned_discharge(admin, first.id, date(2026, 2, 10))
    (one,), queries_for_one = _statements(db, lambda: stays.stays_of(who.id))
    assert type(one).__name__ == "StayView" and one.vivienda == "Vivienda Triana"
    assert [o.days for o in one.outings] == [5] and one.outings[0].purpose == "Familia"
    assert [(c.result, c.substances) for c in one.tox_controls] == [("positivo", "THC")]
    assert [i.severity for i in one.incidents] == ["grave"] and one.contributions == ()
    assert one.days == 66 and one.outing_days_taken == one.outing_days_planned == 5
    assert "solo se han disfrutado 5 días" in one.warnings[0]  # R-STAY-1, in the same read
    with pytest.raises(FrozenInstanceError):
        one.discharge_date = date(2026, 1, 1)  # type: ignore[misc]
    with db.unit_of_work(admin) as work:  # two earlier stays
        for day in (date(2024, 3, 1), date(2024, 9, 1)):
            work.add(Stay(participant_id=who.id, vivienda_id=viviendas["Vivienda Triana"],
                          admission_date=day, discharge_date=day + timedelta(days=20),
                          discharge_type="voluntaria"))  # fmt: skip
    three, queries_for_three = _statements(db, lambda: stays.stays_of(who.id))
    assert len(three) == 3 and queries_for_three == queries_for_one


# -- R-ADM-3, R-ADM-1 ---------------------------------------------------------------------------


def test_R_ADM_3_admission_without_signed_consent_is_refused(
    workspace, stays, participants, admin, make_draft, viviendas
):  # type: ignore[no-untyped-def]
    who = person(participants, admin, make_draft)
    ref = referral(workspace.db, admin, who.id)
    with pytest.raises(ValidationError) as refused:
        stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2026, 1, 10))
    assert "consentimiento informado firmado" in refused.value.problems["consent"]
    # Nothing half-saved.
    assert stays.stays_of(who.id) == []
    assert stored(workspace.db, Referral, ref.id).status == "assigned"
    assert stored(workspace.db, Participant, who.id).status == "derivado"


def test_R_ADM_3_a_consent_signed_through_the_forms_admits(
    workspace, stays, forms, participants, admin, make_draft, viviendas
):  # type: ignore[no-untyped-def]
    who = person(
        participants,
        admin,
        make_draft,
        address="C/ Feria 3",
        municipality="Sevilla",
        province="Sevilla",
    )
    ref = referral(workspace.db, admin, who.id)
    draft = stays.start_consent(admin, who.id)
    data = {**forms.open(admin, draft.id).data, "lugar": "Sevilla", "vivienda": "Vivienda Triana"}
    forms.save_draft(admin, draft.id, data, expected_version=draft.version)
    forms.finalize(admin, draft.id)
    forms.sign(admin, draft.id)
    assert stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2026, 1, 10)).id


def test_R_ADM_3_a_consent_altered_after_signing_does_not_count(
    workspace, stays, participants, admin, make_draft, viviendas
):  # type: ignore[no-untyped-def]
    who = person(participants, admin, make_draft)
    ref = referral(workspace.db, admin, who.id)
    consent = signed_consent(workspace.db, admin, who.id)
    with workspace.db.unit_of_work(admin) as work:
        work.get(FormInstance, consent.id).data = '{"lugar": "otro"}'
    with pytest.raises(ValidationError, match="consentimiento"):
        stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2026, 1, 10))


def test_R_ADM_1_a_minor_is_refused_unless_the_installation_is_a_reintegration_programme(
    workspace, stays, participants, admin, make_draft, viviendas
):  # type: ignore[no-untyped-def]
    teen = person(participants, admin, make_draft, birth_date="01/06/2009", id_number="")
    ref = referral(workspace.db, admin, teen.id)
    signed_consent(workspace.db, admin, teen.id)
    with pytest.raises(ValidationError, match="mayores de edad"):
        stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2026, 1, 10))
    with workspace.db.unit_of_work(admin) as work:
        queries.local_installation(session=work.session).programme_kind = "reintegration"
    assert stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2026, 1, 10)).id


# -- admission refusals ---------------------------------------------------------------------------


def test_admission_to_a_full_vivienda_is_refused(
    workspace, stays, participants, admin, make_draft, viviendas
):  # type: ignore[no-untyped-def]
    triana = viviendas["Vivienda Triana"]  # 2 places for women, no mixed ones
    for n, name in enumerate(["Ana", "Berta", "Carmen"]):
        woman = person(
            participants,
            admin,
            make_draft,
            first_name=name,
            sex="M",
            id_number="",
            birth_date=f"0{n + 1}/01/1980",
        )
        ref = referral(workspace.db, admin, woman.id)
        signed_consent(workspace.db, admin, woman.id)
        if n < 2:
            stays.admit(admin, ref.id, triana, date(2026, 1, 5))
    with pytest.raises(ValidationError) as refused:
        stays.admit(admin, ref.id, triana, date(2026, 1, 10))
    assert "completa" in refused.value.problems["vivienda"]
    assert stays.stays_of(woman.id) == []
    assert stays.admit(admin, ref.id, viviendas["Vivienda Macarena"], date(2026, 1, 10)).id


def test_admission_of_a_person_with_an_active_stay_is_refused(
    workspace, stays, admin, jose, viviendas
):  # type: ignore[no-untyped-def]
    who, ref = jose
    stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2025, 12, 1))
    second = referral(workspace.db, admin, who.id, protocol_date=date(2025, 12, 10))
    with pytest.raises(ValidationError) as refused:
        stays.admit(admin, second.id, viviendas["Vivienda Macarena"], date(2026, 1, 10))
    assert (
        "ya tiene una estancia abierta en Vivienda Triana" in refused.value.problems["participant"]
    )
    assert len(stays.stays_of(who.id)) == 1


def test_admission_in_the_future_or_before_the_protocol_is_refused(stays, admin, jose, viviendas):  # type: ignore[no-untyped-def]
    _who, ref = jose
    with pytest.raises(ValidationError, match="posterior a hoy"):
        stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2026, 1, 16))
    with pytest.raises(ValidationError, match="anterior al protocolo"):
        stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2025, 10, 31))
    with pytest.raises(NotFoundError):
        stays.admit(admin, "no-such-referral", viviendas["Vivienda Triana"], TODAY)


# -- R-DIS-2 ------------------------------------------------------------------------------------


def test_R_DIS_2_after_a_voluntary_discharge_a_new_referral_is_needed(
    workspace, clock, stays, admin, jose, viviendas
):  # type: ignore[no-untyped-def]
    who, ref = jose
    stay = stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2025, 11, 10))
    stays.discharge(
        admin,
        stay.id,
        date(2025, 12, 20),
        "voluntaria",
        abandonment_reason="Quiere volver con su familia.",
    )
    with workspace.db.unit_of_work(
        admin
    ) as work:  # as if someone put the old protocol back on the list
        work.get(Referral, ref.id).status = "waiting"
    with pytest.raises(ValidationError) as refused:
        stays.admit(admin, ref.id, viviendas["Vivienda Triana"], TODAY)
    assert "protocolo de derivación nuevo" in refused.value.problems["referral"]

    new = referral(workspace.db, admin, who.id, protocol_date=date(2026, 1, 5))
    assert stays.admit(admin, new.id, viviendas["Vivienda Triana"], TODAY).id


# -- R-STAY-1 -----------------------------------------------------------------------------------


@pytest.fixture
def open_stay(stays, admin, jose, viviendas):  # type: ignore[no-untyped-def]
    _who, ref = jose
    return stays.admit(admin, ref.id, viviendas["Vivienda Triana"], date(2025, 11, 10))


def test_R_STAY_1_overlapping_outings_are_refused(stays, admin, open_stay):  # type: ignore[no-untyped-def]
    stays.record_outing(admin, open_stay.id, date(2025, 12, 5), date(2025, 12, 12))
    with pytest.raises(ValidationError) as refused:
        stays.record_outing(admin, open_stay.id, date(2025, 12, 10), date(2025, 12, 14))
    assert (
        "Se solapa con la salida del 05/12/2025 al 12/12/2025" in refused.value.problems["overlap"]
    )
    stays.record_outing(admin, open_stay.id, date(2025, 12, 12), date(2025, 12, 14))  # back to back
    assert len(stays.outings_of(open_stay.id)) == 2


def test_R_STAY_1_outings_outside_the_stay_are_refused_and_over_40_days_warned(
    stays, admin, open_stay
):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="antes del ingreso"):
        stays.record_outing(admin, open_stay.id, date(2025, 11, 8), date(2025, 11, 12))
    stays.record_outing(admin, open_stay.id, date(2025, 11, 20), date(2025, 12, 20))
    planned = stays.record_outing(admin, open_stay.id, date(2026, 2, 1), date(2026, 2, 12))
    assert "suman 41 días" in planned.warnings[0]


def test_an_outing_called_off_is_removed_with_its_reason(workspace, stays, admin, open_stay):  # type: ignore[no-untyped-def]
    outing = stays.record_outing(admin, open_stay.id, date(2026, 2, 1), date(2026, 2, 3)).record
    with pytest.raises(ValidationError):
        stays.cancel_outing(admin, outing.id, " ")
    stays.cancel_outing(admin, outing.id, "La familia no puede recibirle.")
    assert stays.outings_of(open_stay.id) == []
    assert audit_lines(workspace.db)[-1].reason == "La familia no puede recibirle."


def test_controls_and_incidents_are_refused_outside_the_stay(stays, admin, open_stay):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="dentro de la estancia"):
        stays.record_tox_control(admin, open_stay.id, date(2025, 11, 1), "positivo")
    with pytest.raises(ValidationError, match="posterior a hoy"):
        stays.record_incident(admin, open_stay.id, date(2026, 1, 20), "Llega tarde.")
    with pytest.raises(ValidationError):
        stays.record_tox_control(admin, open_stay.id, TODAY, "dudoso")


# -- R-STAY-2 -----------------------------------------------------------------------------------


def test_R_STAY_2_a_planned_discharge_past_nine_months_needs_a_justification(
    workspace, stays, admin, open_stay
):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        stays.set_planned_discharge(admin, open_stay.id, date(2026, 8, 11))
    assert "límite el 10/08/2026" in refused.value.problems["justification"]
    assert stored(workspace.db, Stay, open_stay.id).planned_discharge_date is None
    stays.set_planned_discharge(admin, open_stay.id, date(2026, 8, 10))  # exactly nine months
    stays.set_planned_discharge(
        admin, open_stay.id, date(2026, 9, 1), "Juicio pendiente; acordado con el CTA."
    )
    kept = stored(workspace.db, Stay, open_stay.id)
    assert kept.planned_discharge_date == date(2026, 9, 1)
    assert kept.over_9_months_justification == "Juicio pendiente; acordado con el CTA."


def test_R_STAY_2_a_stay_past_nine_months_is_discharged_only_with_the_justification(
    workspace, clock, stays, admin, open_stay
):  # type: ignore[no-untyped-def]
    clock.advance(days=300)  # 11/11/2026
    assert "falta la justificación" in stays.warnings_for(open_stay.id)[-1]
    with pytest.raises(ValidationError, match="justificación"):
        stays.discharge(admin, open_stay.id, date(2026, 11, 1), "terapeutica")
    stays.justify_long_stay(admin, open_stay.id, "Pendiente de plaza en recurso de empleo.")
    assert stays.discharge(admin, open_stay.id, date(2026, 11, 1), "terapeutica").discharge_date


# -- R-DIS-1 and the discharge refusals ------------------------------------------------------------


def test_R_DIS_1_disciplinary_discharge_without_criterion_is_refused(
    workspace, stays, admin, open_stay
):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        stays.discharge(admin, open_stay.id, TODAY, "disciplinaria", "Agresión a un compañero.")
    assert "cuatro criterios" in refused.value.problems["criterion"]
    assert stored(workspace.db, Stay, open_stay.id).discharge_date is None
    closed = stays.discharge(
        admin, open_stay.id, TODAY, "disciplinaria", "Agresión a un compañero.", "violencia"
    )
    assert closed.disciplinary_criterion == "violencia"


def test_discharge_before_admission_in_the_future_or_twice_is_refused(
    workspace, stays, admin, open_stay
):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="anterior al ingreso"):
        stays.discharge(admin, open_stay.id, date(2025, 11, 9), "voluntaria")
    with pytest.raises(ValidationError, match="posterior a hoy"):
        stays.discharge(admin, open_stay.id, date(2026, 1, 16), "voluntaria")
    assert stored(workspace.db, Participant, open_stay.participant_id).status == "en_estancia"
    stays.discharge(admin, open_stay.id, TODAY, "derivada", "Ingreso hospitalario.")
    with pytest.raises(ValidationError, match="ya tiene alta"):
        stays.discharge(admin, open_stay.id, TODAY, "voluntaria")


def test_discharge_refused_while_outings_run_past_it(stays, admin, open_stay):  # type: ignore[no-untyped-def]
    stays.record_outing(admin, open_stay.id, date(2026, 1, 14), date(2026, 1, 18))
    with pytest.raises(ValidationError, match="anúlelas o corríjalas"):
        stays.discharge(admin, open_stay.id, TODAY, "voluntaria")


# -- R-ECO-1 ------------------------------------------------------------------------------------

CONTRIBUTION = ContributionDraft(
    start_date=date(2026, 1, 1),
    daily_amount=9.0,
    monthly_income=480.0,
    income_origin="Pensión no contributiva",
    duration_months=12,
    family_circumstances="Vive solo; sin cargas familiares.",
    authorised_by="Comisionado para las Drogodependencias",
    authorised_date=date(2025, 12, 15),
)


def test_R_ECO_1_contribution_within_20_percent_with_prior_authorisation(
    workspace, stays, admin, open_stay
):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="coste por plaza y día"):
        stays.add_contribution(admin, open_stay.id, CONTRIBUTION)  # cost not set yet
    with workspace.db.unit_of_work(admin) as work:
        queries.local_installation(session=work.session).cost_per_place_day = 45.0
    with pytest.raises(ValidationError) as refused:
        stays.add_contribution(
            admin, open_stay.id, replace(CONTRIBUTION, daily_amount=9.5, authorised_by="")
        )
    assert "como máximo 9.00 €" in refused.value.problems["daily_amount"]
    assert "autorización previa" in refused.value.problems["authorisation"]
    saved = stays.add_contribution(admin, open_stay.id, CONTRIBUTION)
    assert saved.daily_amount == 9.0
    assert [c.id for c in stays.contributions_of(open_stay.id)] == [saved.id]


def test_unknown_stay_and_missing_forms_give_clear_errors(workspace, admin, stays):  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="La estancia ya no existe"):
        stays.record_incident(admin, "nope", TODAY, "x")
    with pytest.raises(UserError, match="formularios"):
        StayService(workspace.db).start_consent(admin, "anyone")


def test_outings_are_audited_under_the_person_they_belong_to(workspace, stays, admin, open_stay):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.audit_log import audit_lines

    stays.record_outing(admin, open_stay.id, date(2025, 12, 5), date(2025, 12, 12))
    entities = [
        line.entity for line in audit_lines(workspace.db, participant_id=open_stay.participant_id)
    ]
    assert "outing" in entities and "stay" in entities


def test_R_STAY_3_the_discharge_notice_needs_a_planned_date_and_no_future(
    stays, admin, open_stay, clock
):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="alta prevista"):
        stays.record_discharge_notice(admin, open_stay.id, clock.today())
    stays.set_planned_discharge(admin, open_stay.id, clock.today() + timedelta(days=15))
    with pytest.raises(ValidationError):
        stays.record_discharge_notice(admin, open_stay.id, clock.today() + timedelta(days=1))
    noticed = stays.record_discharge_notice(admin, open_stay.id, clock.today())
    assert noticed.discharge_notice_date == clock.today()
