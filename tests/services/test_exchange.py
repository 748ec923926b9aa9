"""The exchange between a centre and its office (issue 13), through the services: the
circuit played across two installations, a bundle taken twice, a gap held, conflicts
kept and resolved, acknowledgements, what never leaves the centre.

Each test has a centre and an office in their own data folders, trusting each other
(tests/services/exchange_pair.py). Today is 15/01/2026.
"""

import json
from datetime import date

import pytest
from sqlmodel import select

from reinsercion_desktop.db.models import Participant, Referral, Stay
from reinsercion_desktop.db.models_later import ExchangeBundle, SyncConflict
from reinsercion_desktop.security.bundle_file import read_parts, verify_bundle
from reinsercion_desktop.services.catalogues import ReferringCentreDraft
from reinsercion_desktop.services.exchange_conflicts import (
    KEEP_LOCAL,
    TAKE_INCOMING,
    ConflictService,
)
from reinsercion_desktop.services.office import OfficeService
from reinsercion_desktop.services.peers import exchange_secrets, trusted_signer
from reinsercion_desktop.services.referrals import ReferralDraft, ReferralService
from reinsercion_desktop.services.stays import StayService
from tests.conftest import valid_draft
from tests.services.exchange_pair import Side, paired
from tests.services.test_stays import signed_consent


@pytest.fixture
def pair(tmp_path):  # type: ignore[no-untyped-def]
    yield from paired(tmp_path)


def cta(side: Side) -> str:
    """The centre's CTA (made the first time it is asked for)."""
    catalogue = side.services.catalogues
    found = [c.id for c in catalogue.referring_centres() if c.name == "CTA Sevilla Este"]
    if found:
        return found[0]
    draft = ReferringCentreDraft("CTA", "CTA Sevilla Este", province="Sevilla")
    return catalogue.save_referring_centre(side.admin, draft).id


def person(side: Side, **overrides):  # type: ignore[no-untyped-def]
    draft = valid_draft(
        address="C/ Feria 3", municipality="Sevilla", province="Sevilla", phone="600111222",
        notes="Nota interna del centro", referring_centre_id=cta(side), **overrides,
    )  # fmt: skip
    return side.services.participants.create(side.admin, draft, confirm_similar=True)


def sent_protocol(centre: Side, **overrides) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    who = person(centre, **overrides)
    referrals = ReferralService(centre.db)
    referral = referrals.create(
        centre.admin, who.id, ReferralDraft(protocol_date=date(2026, 1, 2), voluntary=True)
    )
    referrals.mark_complete(centre.admin, referral.id)
    referrals.send(centre.admin, referral.id)
    return who.id, referral.id


def stored(side: Side, model, record_id: str):  # type: ignore[no-untyped-def]
    with side.db.read() as session:
        return session.get(model, record_id)


def carried_events(side: Side, path) -> list[dict]:  # type: ignore[no-untyped-def]
    """The events of a bundle as its recipient (`side`) reads them."""
    secrets = exchange_secrets(side.workspace, side.admin)
    manifest = verify_bundle(
        path,
        identity=secrets.identity,
        signer_for=trusted_signer(side.db),
        own_installation_id=secrets.public.installation_id,
    )
    text = b"".join(b"".join(chunks) for _, chunks in read_parts(path, secrets.identity, manifest))
    return [json.loads(line) for line in text.splitlines()]


def test_a_protocol_goes_to_the_office_and_comes_back_assigned_then_admitted(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    who, referral_id = sent_protocol(centre)

    first = centre.export()
    assert first.sequence == 1 and first.full  # the first bundle carries everything
    taken = office.take(first.path)
    assert taken.state == "applied" and taken.count("added") == first.records
    at_office = stored(office, Referral, referral_id)
    assert at_office.status == "sent" and at_office.installation_id == centre.admin.installation_id

    office_service = OfficeService(office.db)
    office.workspace.clock.advance(minutes=10)  # the steps of one day, one after the other
    office_service.receive_protocol(office.admin, referral_id, date(2026, 1, 8))
    office.workspace.clock.advance(minutes=10)
    ReferralService(office.db).include(office.admin, referral_id, date(2026, 1, 8))
    office.workspace.clock.advance(minutes=10)
    triana = next(v.id for v in office.services.catalogues.viviendas() if "Triana" in v.name)
    office_service.assign_vacancy(
        office.admin, triana, "H", date(2026, 1, 20), consulted_note="CTA: prefiere Triana"
    )
    back = office.export()
    assert back.counts["referral"] == 1 and back.counts["referral_event"] >= 2
    office.workspace.clock.advance(minutes=30)
    assert centre.take(back.path).state == "applied"
    at_centre = stored(centre, Referral, referral_id)
    assert (at_centre.status, at_centre.vivienda_id) == ("assigned", triana)
    assert at_centre.planned_admission_date == date(2026, 1, 20)
    assert at_centre.received_date == date(2026, 1, 8)
    # The history reads at the centre in the order its steps were taken at the office
    # (imported together, they keep the times they were written there).
    steps = [step.status for step in ReferralService(centre.db).history(referral_id)]
    assert steps[-4:] == ["sent", "received", "waiting", "assigned"]

    signed_consent(centre.db, centre.admin, who)
    centre.workspace.clock.advance(days=5)  # the same clock for both: 20/01/2026
    StayService(centre.db).admit(centre.admin, referral_id, triana, date(2026, 1, 20))
    monthly = centre.export()
    assert monthly.sequence == 2 and not monthly.full
    assert set(monthly.counts) == {"participant", "referral", "referral_event", "stay"}
    assert office.take(monthly.path).state == "applied"
    assert stored(office, Referral, referral_id).status == "admitted"
    with office.db.read() as session:
        (stay,) = session.exec(select(Stay)).all()
    assert (stay.vivienda_id, stay.admission_date) == (triana, date(2026, 1, 20))
    # The office's acknowledgement of the centre's two bundles travels back.
    ack = office.export()
    assert centre.take(ack.path).confirmed == 1  # the second; «Confirma que recibieron…»
    with centre.db.read() as session:
        states = {
            b.sequence: b.state
            for b in session.exec(select(ExchangeBundle)).all()
            if b.direction == "out"
        }
    assert states == {1: "confirmed", 2: "confirmed"}
    exchange = centre.services.exchange
    assert exchange.record_state(stay.id) == "Confirmado"  # the stay the office confirmed
    StayService(centre.db).set_planned_discharge(centre.admin, stay.id, date(2026, 7, 20))
    centre.export()
    assert exchange.record_state(stay.id) == "Enviado, sin confirmar"


def test_what_never_leaves_the_centre_is_not_in_the_bundle(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    who, _ = sent_protocol(centre)
    events = carried_events(office, centre.export().path)
    (person_event,) = [e for e in events if e["t"] == "participant"]
    assert person_event["f"]["first_name"] == "José" and person_event["f"]["phone"] == "600111222"
    for withheld in ("id_number", "notes", "gender_identity", "case_manager_id", "search_key"):
        assert withheld not in person_event["f"]
    raw = (centre.outbox).glob("*.rdpaquete")
    for path in raw:
        data = path.read_bytes()
        assert (
            b"12345678Z" not in data and "Núñez".encode() not in data and b"Nueva Vida" not in data
        )


def test_the_same_bundle_twice_changes_nothing(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    sent_protocol(centre)
    bundle = centre.export()
    office.take(bundle.path)
    with office.db.read() as session:
        before = [row for row in session.exec(select(Participant)).all()]
        audit = len(session.exec(select(ExchangeBundle)).all())
    again = office.take(bundle.path)
    assert again.state == "already" and again.count("added") == 0
    with office.db.read() as session:
        assert [p.version for p in session.exec(select(Participant)).all()] == [
            p.version for p in before
        ]
        assert len(session.exec(select(ExchangeBundle)).all()) == audit


def test_a_bundle_after_a_missing_one_is_held_then_applied_when_it_comes(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    office.take(centre.export().path)
    who_a, _ = sent_protocol(centre, first_name="Ana", sex="M", id_number="")
    second = centre.export()
    who_b, _ = sent_protocol(
        centre, first_name="Berta", sex="M", id_number="", birth_date="01/02/1990"
    )
    third = centre.export()

    held = office.take(third.path)
    assert held.state == "held" and held.waiting_for == 2
    assert stored(office, Participant, who_b) is None  # nothing of it applied yet
    assert list(office.workspace.paths.held_bundles.iterdir())  # kept, still encrypted
    assert office.take(third.path).state == "held"  # taken again while waiting: no change

    arrived = office.take(second.path)
    assert arrived.state == "applied" and arrived.then_applied == (3,)
    assert stored(office, Participant, who_a) is not None
    assert stored(office, Participant, who_b) is not None
    assert not list(office.workspace.paths.held_bundles.iterdir())


def test_a_full_bundle_does_not_wait_for_a_missing_one(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    office.take(centre.export().path)
    sent_protocol(centre)
    centre.export()  # lost on the way
    full = centre.export(full=True)
    assert office.take(full.path).state == "applied"


def test_the_preview_counts_exactly_and_changes_nothing(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    sent_protocol(centre)
    bundle = centre.export()
    preview = office.take(bundle.path, dry_run=True)
    assert preview.state == "preview" and preview.count("added") == bundle.records
    with office.db.read() as session:
        assert session.exec(select(Participant)).all() == []
        assert session.exec(select(ExchangeBundle)).all() == []
    assert office.take(bundle.path).count("added") == bundle.records


def assigned_to_triana(pair) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """A protocol sent by the centre, received and assigned by the office to Triana for
    20/01/2026, the assignment taken back at the centre: (person, referral, vivienda)."""
    centre, office = pair
    who, referral_id = sent_protocol(centre)
    office.take(centre.export().path)
    office_service = OfficeService(office.db)
    office_service.receive_protocol(office.admin, referral_id, date(2026, 1, 8), include=True)
    triana = next(v.id for v in office.services.catalogues.viviendas() if "Triana" in v.name)
    office_service.assign_vacancy(
        office.admin, triana, "H", date(2026, 1, 20), consulted_note="CTA: prefiere Triana"
    )
    centre.take(office.export().path)
    return who, referral_id, triana


def _shared_person(pair):  # type: ignore[no-untyped-def]
    """A person both sides hold (the protocol assigned to the centre's vivienda)."""
    centre, office = pair
    who, _referral_id, _triana = assigned_to_triana(pair)
    office.take(centre.export().path)
    return who


def _edit(side: Side, who: str, **values) -> None:  # type: ignore[no-untyped-def]
    with side.db.unit_of_work(side.admin) as work:
        record = work.get(Participant, who)
        for name, value in values.items():
            setattr(record, name, value)


def test_R_SYNC_5_different_fields_changed_on_each_side_merge(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    who = _shared_person(pair)
    _edit(centre, who, phone="611000001")
    _edit(office, who, address="C/ Nueva 9")
    from_office = office.export()
    result = centre.take(from_office.path)
    assert result.count("merged") == 1 and result.count("conflict") == 0
    merged = stored(centre, Participant, who)
    assert (merged.phone, merged.address) == ("611000001", "C/ Nueva 9")
    office.take(centre.export().path)
    there = stored(office, Participant, who)
    assert (there.phone, there.address) == ("611000001", "C/ Nueva 9")


def test_R_SYNC_3_R_SYNC_4_the_same_field_changed_on_both_sides_is_kept_and_resolved(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    who = _shared_person(pair)
    _edit(centre, who, phone="611000001")  # not yet sent: never overwritten unseen
    _edit(office, who, phone="622000002")
    result = centre.take(office.export().path)
    assert result.count("conflict") == 1
    assert stored(centre, Participant, who).phone == "611000001"
    conflicts = ConflictService(centre.db)
    (open_one,) = conflicts.open(centre.admin)
    assert (open_one.field, open_one.local, open_one.incoming) == (
        "Teléfono",
        "611000001",
        "622000002",
    )
    assert open_one.record == "José Núñez García"

    # The office gets the centre's value and sees the conflict on its side too.
    assert office.take(centre.export().path).count("conflict") == 1
    assert stored(office, Participant, who).phone == "622000002"

    conflicts.resolve(centre.admin, open_one.id, TAKE_INCOMING)
    assert stored(centre, Participant, who).phone == "622000002"
    assert conflicts.open(centre.admin) == []
    office.take(centre.export().path)
    (theirs,) = ConflictService(office.db).open(office.admin)
    ConflictService(office.db).resolve(office.admin, theirs.id, KEEP_LOCAL)
    centre.take(office.export().path)
    assert (
        stored(centre, Participant, who).phone
        == stored(office, Participant, who).phone
        == "622000002"
    )
    with centre.db.read() as session:
        assert all(c.resolved_at for c in session.exec(select(SyncConflict)).all())


def test_local_changes_not_yet_sent_are_never_overwritten(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    who = _shared_person(pair)
    _edit(centre, who, phone="611000001")
    _edit(office, who, address="C/ Nueva 9")
    centre.take(office.export().path)
    assert stored(centre, Participant, who).phone == "611000001"
    again = centre.export()
    events = carried_events(office, again.path)
    (mine,) = [e for e in events if e["t"] == "participant"]
    assert mine["f"]["phone"] == "611000001"
    office.take(again.path)
    assert stored(office, Participant, who).phone == "611000001"


def test_a_large_bundle_reads_the_ids_here_once_with_the_same_outcomes(pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Above LARGE records the import reads the ids already here once per table: the same
    merges and conflicts as batch by batch (here with LARGE at 0)."""
    from reinsercion_desktop.services import exchange_apply

    monkeypatch.setattr(exchange_apply, "LARGE", 0)
    centre, office = pair
    who = _shared_person(pair)
    _edit(centre, who, phone="611000001", address="C/ Aquí 1")
    _edit(office, who, address="C/ Nueva 9", family_phone="955000000")
    result = centre.take(office.export().path)
    assert (result.count("conflict"), result.count("merged")) == (1, 0)
    here = stored(centre, Participant, who)
    assert (here.phone, here.address, here.family_phone) == ("611000001", "C/ Aquí 1", "955000000")
