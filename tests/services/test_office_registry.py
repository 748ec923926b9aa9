"""Centros y viviendas (issue 13, Deliver 6): the office's registry of its centres, as
their bundles bring them — an office and two centres in their own data folders
(tests/services/office_trio.py). Today is 15/01/2026.
"""

from datetime import date

import pytest
from sqlmodel import select

from reinsercion_desktop.db.models_later import ExchangeBundle
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.services.office import OfficeService
from reinsercion_desktop.services.office_registry import FORGOTTEN, CentreEntry
from reinsercion_desktop.services.stays import StayService
from tests.services.office_trio import ALBORADA, NUEVA_VIDA, Trio, trio_of
from tests.services.test_exchange import sent_protocol
from tests.services.test_stays import signed_consent


@pytest.fixture
def trio(tmp_path):  # type: ignore[no-untyped-def]
    yield from trio_of(tmp_path)


def registry(trio: Trio) -> dict[str, CentreEntry]:
    office = trio.office
    return {entry.name: entry for entry in office.services.office_registry.centres(office.admin)}


def first_bundles(trio: Trio) -> None:
    for centre in trio.centres.values():
        assert trio.office.take(centre.export().path).state == "applied"


def test_no_centre_is_listed_before_its_first_bundle(trio) -> None:  # type: ignore[no-untyped-def]
    assert registry(trio) == {}  # the keys alone bring no centre


def test_both_centres_are_listed_with_their_viviendas_and_places(trio) -> None:  # type: ignore[no-untyped-def]
    first_bundles(trio)
    listed = registry(trio)
    assert list(listed) == [ALBORADA, NUEVA_VIDA]  # by name
    nueva, alborada = listed[NUEVA_VIDA], listed[ALBORADA]
    assert (nueva.code, nueva.province) == ("VAR-01", "Sevilla")
    assert (alborada.code, alborada.province) == ("VAR-02", "Málaga")
    assert [(v.name, v.places_men, v.places_women, v.places_mixed) for v in nueva.viviendas] == [
        ("Vivienda Macarena", 0, 0, 8),
        ("Vivienda Triana", 6, 2, 0),
    ]
    assert [(v.name, v.municipality, v.places) for v in alborada.viviendas] == [
        ("Vivienda Perchel", "Málaga", 5),
        ("Vivienda Trinidad", "Málaga", 6),
    ]
    assert (nueva.places, nueva.occupied, alborada.places, alborada.occupied) == (16, 0, 11, 0)
    for name, entry in listed.items():
        assert entry.peer_id == trio.office_peer[name] and entry.trusted
        assert entry.last_in is not None and entry.last_in.sequence == 1
        assert entry.last_out is None and entry.conflicts == 0
        assert not entry.flagged and not entry.audit_flagged
    # The office's own installation is not a centre of the registry.
    assert "Oficina FADA" not in listed


def test_an_admission_that_travels_fills_its_place_and_moves_the_bundles_on(trio) -> None:  # type: ignore[no-untyped-def]
    office, nueva = trio.office, trio.centres[NUEVA_VIDA]
    who, referral_id = sent_protocol(nueva)
    first_bundles(trio)
    office_circuit = OfficeService(office.db)
    office_circuit.receive_protocol(office.admin, referral_id, date(2026, 1, 8), include=True)
    triana = next(v.id for v in registry(trio)[NUEVA_VIDA].viviendas if v.name == "Vivienda Triana")
    office_circuit.assign_vacancy(
        office.admin, triana, "H", date(2026, 1, 20), consulted_note="CTA: prefiere Triana"
    )
    assert nueva.take(trio.to_centre(NUEVA_VIDA).path).state == "applied"
    signed_consent(nueva.db, nueva.admin, who)
    nueva.workspace.clock.advance(days=5)  # one clock for the three: 20/01/2026
    StayService(nueva.db).admit(nueva.admin, referral_id, triana, date(2026, 1, 20))
    assert office.take(nueva.export().path).state == "applied"

    listed = registry(trio)
    entry = listed[NUEVA_VIDA]
    assert (entry.places, entry.occupied) == (16, 1)
    assert {v.name: v.staying for v in entry.viviendas} == {
        "Vivienda Macarena": 0,
        "Vivienda Triana": 1,
    }
    assert entry.last_in is not None and entry.last_out is not None
    assert (entry.last_in.sequence, entry.last_out.sequence) == (2, 1)
    assert entry.last_in.at.date() == date(2026, 1, 20)  # when it came in here
    other = listed[ALBORADA]  # untouched by the other centre's circuit
    assert (other.occupied, other.last_in.sequence, other.last_out) == (0, 1, None)  # type: ignore[union-attr]


def test_a_forgotten_key_and_a_backward_audit_head_are_flagged(trio) -> None:  # type: ignore[no-untyped-def]
    office, nueva = trio.office, trio.centres[NUEVA_VIDA]
    first_bundles(trio)
    office.services.peers.forget(office.admin, trio.office_peer[ALBORADA])
    with office.db.unit_of_work(office.admin) as work:  # as if its head had been further on
        row = work.session.exec(
            select(ExchangeBundle).where(ExchangeBundle.peer_id == trio.office_peer[NUEVA_VIDA])
        ).one()
        row.sender_audit_seq = 10_000
        work.session.add(row)
    sent_protocol(nueva)
    assert office.take(nueva.export().path).state == "applied"

    listed = registry(trio)
    flagged = listed[NUEVA_VIDA]
    assert flagged.audit_flagged and flagged.trusted
    (alert,) = flagged.alerts
    assert "ha retrocedido" in alert
    assert flagged.warning == "Registro de auditoría a revisar"
    forgotten = listed[ALBORADA]
    assert not forgotten.trusted and not forgotten.audit_flagged
    assert (forgotten.warning, forgotten.alerts) == ("Clave olvidada", (FORGOTTEN,))
    assert forgotten.peer_id == trio.office_peer[ALBORADA]  # its history keeps its peer


def test_every_member_of_the_office_may_read_it(trio) -> None:  # type: ignore[no-untyped-def]
    first_bundles(trio)
    office = trio.office
    tecnico = issue_actor(
        "00000000-0000-0000-0000-000000000001", "tecnico", "Toni Técnico", Role.TECNICO,
        office.admin.installation_id,
    )  # fmt: skip
    assert len(office.services.office_registry.centres(tecnico)) == 2


def test_the_office_sends_to_both_centres_and_its_history_shows_both(trio) -> None:  # type: ignore[no-untyped-def]
    first_bundles(trio)
    office = trio.office
    exchange = office.services.exchange
    assert {peer.name for peer in exchange.peers(office.admin)} == {NUEVA_VIDA, ALBORADA}
    for name in (NUEVA_VIDA, ALBORADA):
        assert trio.centres[name].take(trio.to_centre(name).path).state == "applied"
    seen = {(bundle.peer, bundle.direction) for bundle in exchange.history(office.admin)}
    assert seen == {
        (NUEVA_VIDA, "Recibido"),
        (ALBORADA, "Recibido"),
        (NUEVA_VIDA, "Enviado"),
        (ALBORADA, "Enviado"),
    }
    assert all(entry.last_out is not None for entry in registry(trio).values())
