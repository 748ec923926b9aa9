"""Consentimientos (domain/consents.py, services/consents.py): rules R-CON-1 … R-CON-4.

R-CON-1 a revocation is dated on or after the grant and not after today, with a note.
R-CON-2 a revoked record stays, shown «Revocado el dd/mm/aaaa»; nothing is deleted.
R-CON-3 a scope is vigente when a record holding it is granted and not revoked.
R-CON-4 signing the `consentimiento` form records the treatment and health-data
        consents, linked to the form, once.
"""

import json
from datetime import date

import pytest

from reinsercion_desktop.db.models import ConsentRecord, FormInstance
from reinsercion_desktop.domain.consents import (
    CONSENT_SCOPES,
    check_revocation,
    checked_scope,
    consent_state,
    parse_scope,
    vigente_scopes,
)
from reinsercion_desktop.domain.errors import NotFoundError, UserError
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.consents import ConsentService, record_signed_form_consent
from reinsercion_desktop.services.forms import FormService

TODAY = date(2026, 1, 15)  # the tests' clock


@pytest.fixture
def consents(workspace) -> ConsentService:  # type: ignore[no-untyped-def]
    return ConsentService(workspace.db)


@pytest.fixture
def person(participants, admin, make_draft) -> str:  # type: ignore[no-untyped-def]
    return participants.create(admin, make_draft()).id


# -- the rules, without a database ----------------------------------------------------


def test_scopes_are_the_codes_of_one_table_in_a_stable_order() -> None:
    assert checked_scope(["imagen", "tratamiento"]) == "tratamiento,imagen"
    assert parse_scope("imagen,tratamiento") == ("tratamiento", "imagen")
    with pytest.raises(UserError, match="desconocido"):
        checked_scope(["publicidad"])
    with pytest.raises(UserError, match="al menos un"):
        checked_scope([])
    assert len(",".join(CONSENT_SCOPES)) <= 200  # every code fits the column at once


def test_r_con_1_revocation_between_grant_and_today_with_a_note() -> None:
    granted = date(2026, 1, 5)
    assert check_revocation(granted, date(2026, 1, 5), TODAY, "  Lo pidió  por escrito ") == (
        "Lo pidió por escrito"
    )
    with pytest.raises(UserError, match="anterior al consentimiento"):
        check_revocation(granted, date(2026, 1, 4), TODAY, "nota")
    with pytest.raises(UserError, match="posterior a hoy"):
        check_revocation(granted, date(2026, 1, 16), TODAY, "nota")
    with pytest.raises(UserError, match="nota"):
        check_revocation(granted, TODAY, TODAY, " \u200b\u202e ")  # invisible only
    with pytest.raises(UserError, match="400"):
        check_revocation(granted, TODAY, TODAY, "x" * 401)


def test_r_con_2_a_revoked_scope_reads_revoked() -> None:
    assert consent_state(None) == "Vigente"
    assert consent_state(date(2026, 1, 9)) == "Revocado el 09/01/2026"


def test_r_con_3_vigente_scopes() -> None:
    records = [
        ("tratamiento,datos-salud", date(2026, 1, 2), None),
        ("comunicacion-oficina", date(2026, 1, 2), date(2026, 1, 9)),
        ("imagen", date(2026, 2, 1), None),  # not yet
    ]
    assert vigente_scopes(records, TODAY) == {"tratamiento", "datos-salud"}


# -- the service ----------------------------------------------------------------------


def test_record_and_summary(consents, admin, person) -> None:  # type: ignore[no-untyped-def]
    assert consents.summary(admin, person).treatment_missing
    view = consents.record(admin, person, ["tratamiento", "imagen"], date(2026, 1, 10))
    assert view.state == "Vigente" and view.scope == ("tratamiento", "imagen")
    summary = consents.summary(admin, person)
    assert not summary.treatment_missing and summary.vigente == {"tratamiento", "imagen"}
    with pytest.raises(UserError, match="posterior a hoy"):
        consents.record(admin, person, ["imagen"], date(2026, 1, 16))
    with pytest.raises(NotFoundError):
        consents.record(admin, "nadie", ["imagen"], TODAY)


def test_r_con_2_revoking_keeps_the_record(consents, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    view = consents.record(admin, person, ["tratamiento"], date(2026, 1, 2))
    revoked = consents.revoke(admin, view.id, date(2026, 1, 12), "Lo pidió por escrito")
    assert revoked.id == view.id and revoked.state == "Revocado el 12/01/2026"
    [kept] = consents.summary(admin, person).records
    assert kept.revocation_note == "Lo pidió por escrito"
    assert consents.summary(admin, person).treatment_missing
    with pytest.raises(UserError, match="ya está revocado"):
        consents.revoke(admin, view.id, TODAY, "otra vez")


def test_r_con_1_through_the_service_changes_nothing(consents, admin, person) -> None:  # type: ignore[no-untyped-def]
    view = consents.record(admin, person, ["tratamiento"], date(2026, 1, 10))
    with pytest.raises(UserError, match="anterior"):
        consents.revoke(admin, view.id, date(2026, 1, 9), "nota")
    assert consents.summary(admin, person).records[0].state == "Vigente"


def test_revoking_part_of_a_scope_splits_the_record(consents, admin, person) -> None:  # type: ignore[no-untyped-def]
    scope = ["tratamiento", "datos-salud", "comunicacion-oficina"]
    view = consents.record(admin, person, scope, date(2026, 1, 2))
    revoked = consents.revoke(
        admin,
        view.id,
        date(2026, 1, 9),
        "No quiere que se comuniquen",
        scope=["comunicacion-oficina"],
    )
    assert revoked.scope == ("comunicacion-oficina",) and revoked.granted_on == date(2026, 1, 2)
    records = {r.id: r for r in consents.summary(admin, person).records}
    assert records[view.id].scope == ("tratamiento", "datos-salud")
    assert records[view.id].state == "Vigente"
    assert consents.summary(admin, person).vigente == {"tratamiento", "datos-salud"}
    with pytest.raises(UserError, match="qué parte"):
        consents.revoke(admin, view.id, TODAY, "nota", scope=["imagen"])


def test_writes_are_audited(consents, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.audit_log import audit_lines

    view = consents.record(admin, person, ["imagen"], TODAY)
    consents.revoke(admin, view.id, TODAY, "Cambió de opinión")
    entries = [
        line
        for line in audit_lines(workspace.db, participant_id=person)
        if line.entity == "consent_record"
    ]
    assert [line.action for line in entries] == ["create", "update"]


def _final_consent_form(workspace, admin, person, on: str) -> str:  # type: ignore[no-untyped-def]
    with workspace.db.unit_of_work(admin) as work:
        form = work.add(
            FormInstance(
                form_id="consentimiento",
                definition_version=1,
                participant_id=person,
                status="final",
                data=json.dumps({"fecha": on}),
            )
        )
        return form.id


def test_r_con_4_signing_the_consent_form_records_the_consent_once(
    workspace, consents, admin, person
) -> None:  # type: ignore[no-untyped-def]
    forms = FormService(workspace.db, load_catalogue(forms_dir()), AttachmentService.of(workspace))
    form_id = _final_consent_form(workspace, admin, person, "2026-01-05")
    forms.sign(admin, form_id)
    [view] = consents.summary(admin, person).records
    assert view.scope == ("tratamiento", "datos-salud")
    assert view.granted_on == date(2026, 1, 5) and view.form_instance_id == form_id
    assert view.form_label.startswith("Consentimiento firmado")
    with workspace.db.unit_of_work(admin) as work:  # once: a second call adds nothing
        record_signed_form_consent(work, work.get(FormInstance, form_id), TODAY)
    assert len(consents.summary(admin, person).records) == 1


def test_r_con_4_other_forms_record_nothing(workspace, admin, person) -> None:  # type: ignore[no-untyped-def]
    with workspace.db.unit_of_work(admin) as work:
        form = work.add(
            FormInstance(form_id="anexo-iv", definition_version=1, participant_id=person)
        )
        record_signed_form_consent(work, form, TODAY)
    with workspace.db.read() as session:
        assert session.get(ConsentRecord, form.id) is None
        from reinsercion_desktop.db.subject_access_queries import consents_of

        assert consents_of(session=session, participant_id=person) == []


def test_the_demo_residents_have_consents_and_a_few_revoked_the_office(tmp_path) -> None:
    from datetime import UTC, datetime

    from reinsercion_desktop.db import demo_queries
    from reinsercion_desktop.demo.builder import make_demo
    from reinsercion_desktop.demo.check_consents import check_consents
    from reinsercion_desktop.demo.checker import DemoFacts
    from reinsercion_desktop.domain.clock import FakeClock
    from reinsercion_desktop.services.workspace import Workspace
    from tests.conftest import TEST_KEYS

    workspace = Workspace.open(
        tmp_path / "data", TEST_KEYS, clock=FakeClock(datetime(2026, 1, 15, 9, 0, tzinfo=UTC))
    )
    try:
        make_demo(workspace, participants=300, seed=1)
        with workspace.db.read() as session:
            tables = demo_queries.demo_facts(session=session)
        records = tables["consent_record"]
        assert records and all(r.form_instance_id for r in records)
        revoked = [r for r in records if r.revoked_on]
        assert revoked and all(
            r.scope == "comunicacion-oficina" and r.revocation_note for r in revoked
        )
        assert check_consents(DemoFacts(workspace.clock.today(), tables)) == []
    finally:
        workspace.close()
