"""Each record shows how it stands with the peers (issue 13, Deliver 4): sent, confirmed,
in conflict, pending — through the services, on a centre and its office trusting each
other (tests/services/exchange_pair.py), and nothing at all without a peer.
"""

from datetime import date

import pytest

from reinsercion_desktop.db import exchange_state_queries
from reinsercion_desktop.db.sql_rows import driver_connection
from reinsercion_desktop.services.exchange_conflicts import KEEP_LOCAL, ConflictService
from reinsercion_desktop.services.referrals import ReferralDraft, ReferralService
from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.services.stays import StayService
from tests.services.exchange_pair import paired
from tests.services.test_exchange import (
    _edit,
    _shared_person,
    assigned_to_triana,
    sent_protocol,
)

SENT, CONFIRMED = "Enviado, sin confirmar", "Confirmado"
PENDING = "Pendiente de enviar"


@pytest.fixture
def pair(tmp_path):  # type: ignore[no-untyped-def]
    yield from paired(tmp_path)


def test_a_referral_goes_from_never_sent_to_sent_to_confirmed_and_sent_again(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    exchange = centre.services.exchange
    who, referral_id = sent_protocol(centre)
    referrals = ReferralService(centre.db)
    # Never exchanged: no state (the first bundle will carry it, but nothing stands yet).
    assert exchange.record_states([referral_id, who]) == {referral_id: "", who: ""}
    (view,) = referrals.of_participant(who)
    assert view.exchange == ""

    office.take(centre.export().path)
    assert exchange.record_states([referral_id, who]) == {referral_id: SENT, who: SENT}
    assert referrals.of_participant(who)[0].exchange == SENT
    shown = exchange.record_exchange(who)
    assert shown is not None and shown.label == SENT and not shown.conflict

    centre.take(office.export().path)  # the office's bundle carries its acknowledgement
    assert exchange.record_state(referral_id) == CONFIRMED
    assert referrals.of_participant(who)[0].exchange == CONFIRMED

    referrals.withdraw(centre.admin, referral_id, "Renuncia a la plaza")
    # Changed here since it was confirmed: the change is still to go.
    assert exchange.record_state(referral_id) == PENDING
    assert referrals.of_participant(who)[0].exchange == PENDING
    assert exchange.record_state(who) == CONFIRMED  # the person was not written
    centre.export()
    assert exchange.record_state(referral_id) == SENT


def test_what_an_import_wrote_is_not_pending(pair) -> None:  # type: ignore[no-untyped-def]
    """The office took the protocol and wrote it (the import's entries): confirmed there
    once its acknowledgement went back, never «pending» for the import's own writes."""
    centre, office = pair
    _who, referral_id = sent_protocol(centre)
    office.take(centre.export().path)
    assert office.services.exchange.record_state(referral_id) == CONFIRMED
    centre.take(office.export().path)
    assert office.services.exchange.record_state(referral_id) == CONFIRMED


def admitted(pair) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A protocol sent, assigned by the office to Triana, and the person admitted at the
    centre (nothing of the stay sent yet): (person id, stay id)."""
    from tests.services.test_stays import signed_consent

    centre, _office = pair
    who, referral_id, triana = assigned_to_triana(pair)
    signed_consent(centre.db, centre.admin, who)
    centre.workspace.clock.advance(days=5)
    stay = StayService(centre.db).admit(centre.admin, referral_id, triana, date(2026, 1, 20))
    return who, stay.id


def test_a_stay_shows_its_state_in_the_stays_list(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    who, _stay_id = admitted(pair)
    stays = StayService(centre.db)
    assert [s.exchange for s in stays.stays_of(who)] == [""]
    office.take(centre.export().path)
    assert [s.exchange for s in stays.stays_of(who)] == [SENT]
    centre.take(office.export().path)
    assert [s.exchange for s in stays.stays_of(who)] == [CONFIRMED]


def test_an_outing_shows_its_state_in_its_stay(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    _who, stay_id = admitted(pair)
    stays = StayService(centre.db)
    office.take(centre.export().path)
    centre.take(office.export().path)  # the stay confirmed; an outing comes after
    stays.record_outing(centre.admin, stay_id, date(2026, 1, 28), date(2026, 2, 1))
    assert [o.exchange for o in stays.outings_of(stay_id)] == [""]
    assert stays.stay(stay_id).exchange == CONFIRMED  # its stay was not written
    office.take(centre.export().path)
    assert [o.exchange for o in stays.outings_of(stay_id)] == [SENT]
    centre.take(office.export().path)
    assert [o.exchange for o in stays.outings_of(stay_id)] == [CONFIRMED]


def test_a_form_that_travels_shows_its_state_in_the_forms_list(pair) -> None:  # type: ignore[no-untyped-def]
    """Anexo I goes to the office with the protocol; the consent never travels (""),
    whatever happens to the other."""
    centre, office = pair
    who, _referral_id = sent_protocol(centre)
    forms = centre.services.forms
    anexo = forms.create(centre.admin, "anexo-i", who)
    consent = forms.create(centre.admin, "consentimiento", who)

    def states() -> dict[str, str | None]:
        return {summary.id: summary.exchange for summary in forms.list_for(who)}

    assert states() == {anexo.id: "", consent.id: ""}
    office.take(centre.export().path)
    assert states() == {anexo.id: SENT, consent.id: ""}
    centre.take(office.export().path)  # the office's answer acknowledges it
    assert states() == {anexo.id: CONFIRMED, consent.id: ""}
    draft = forms.open(centre.admin, anexo.id)
    forms.save_draft(
        centre.admin,
        anexo.id,
        {**draft.data, "municipio": "Dos Hermanas"},
        expected_version=draft.instance.version,
    )
    assert states() == {anexo.id: PENDING, consent.id: ""}
    centre.export()
    assert states()[anexo.id] == SENT


def test_a_conflict_shows_until_resolved_then_the_kept_value_is_pending(pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    who = _shared_person(pair)
    exchange = centre.services.exchange
    _edit(centre, who, phone="611000001")
    _edit(office, who, phone="622000002")
    assert centre.take(office.export().path).count("conflict") == 1
    shown = exchange.record_exchange(who)
    assert shown is not None and shown.label == "En conflicto" and shown.conflict
    assert "Administración → Intercambio → Conflictos" in shown.meaning
    assert exchange.record_states([who]) == {who: "En conflicto"}

    (conflict,) = ConflictService(centre.db).open(centre.admin)
    ConflictService(centre.db).resolve(centre.admin, conflict.id, KEEP_LOCAL)
    assert exchange.record_state(who) == "Pendiente de enviar"
    centre.export()
    assert exchange.record_state(who) == SENT


def test_without_a_peer_there_is_no_state_and_no_stamp_is_read(
    workspace, admin, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    services = build_services(workspace)

    def never(**_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("sync_stamp read without a peer")

    monkeypatch.setattr(exchange_state_queries, "record_states", never)
    who = services.participants.create(admin, _draft(), confirm_similar=True)
    referral = services.referrals.create(
        admin, who.id, ReferralDraft(protocol_date=date(2026, 1, 2), voluntary=True)
    )
    assert services.exchange.record_states([who.id, referral.id]) == {}
    assert services.exchange.record_state(who.id) == ""
    assert services.exchange.record_exchange(who.id) is None
    assert [r.exchange for r in services.referrals.of_participant(who.id)] == [None]
    services.forms.create(admin, "anexo-i", who.id)
    assert [f.exchange for f in services.forms.list_for(who.id)] == [None]


def _draft():  # type: ignore[no-untyped-def]
    from tests.conftest import valid_draft

    return valid_draft()


def test_the_states_are_looked_up_by_the_primary_key(pair) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    sent_protocol(centre)
    centre.export()
    ids = [f"id-{n}" for n in range(3)]
    with centre.db.read() as session:
        connection = driver_connection(session)
        for peers in ([centre.peer_id], None):
            sql, params = exchange_state_queries.states_query(peers, ids)
            plan = " ".join(
                row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            )
            assert "SCAN sync_stamp" not in plan
            assert "USING INDEX sqlite_autoindex_sync_stamp_1 (peer_id=? AND record_id=?)" in plan
