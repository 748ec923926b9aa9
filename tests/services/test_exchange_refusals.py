"""Bundles the import refuses or holds, each with its Spanish line and no change to the
database (issue 13, «Done when»): tampered, truncated, foreign, from an unconfirmed
sender, for another installation, of a newer format, replayed and out of order; a
cancel in the middle and a payload that breaks the policy or references leave nothing.
"""

import base64

import pyrage
import pytest
from sqlmodel import func, select

from reinsercion_desktop.db.models import AuditEntry, Participant
from reinsercion_desktop.db.models_later import ExchangeBundle, SyncStamp
from reinsercion_desktop.domain.change_events import encode, make_event
from reinsercion_desktop.domain.enums import InstallationKind
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.sync_merge import Copy, Stamp
from reinsercion_desktop.security import bundle_frames as frames
from reinsercion_desktop.security.bundle_file import BundleHeader
from reinsercion_desktop.security.bundle_writer import Plaintext
from reinsercion_desktop.services.exchange_export import ExchangeCancelled
from reinsercion_desktop.services.exchange_import import import_bundle
from reinsercion_desktop.services.peers import PeerService, exchange_secrets
from tests.services.exchange_pair import Side, make_side, paired, trust_each_other
from tests.services.test_exchange import sent_protocol


@pytest.fixture
def pair(tmp_path):  # type: ignore[no-untyped-def]
    yield from paired(tmp_path)


def state_of(side: Side) -> tuple:
    """What must not move when a bundle is refused: records, stamps, bundles, the log."""
    with side.db.read() as session:
        return (
            session.exec(select(func.count()).select_from(Participant)).one(),
            session.exec(select(func.count()).select_from(SyncStamp)).one(),
            session.exec(select(func.count()).select_from(ExchangeBundle)).one(),
            session.exec(select(func.max(AuditEntry.seq))).one(),
        )


def refused(side: Side, path, expected: str) -> None:  # type: ignore[no-untyped-def]
    before = state_of(side)
    with pytest.raises(UserError) as caught:
        side.take(path)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value) and "Traceback" not in str(caught.value)
    assert state_of(side) == before


@pytest.fixture
def bundle(pair):  # type: ignore[no-untyped-def]
    centre, _ = pair
    sent_protocol(centre)
    return centre.export().path


def test_a_tampered_bundle_is_refused(pair, bundle) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    bundle.write_bytes(bytes(data))
    refused(pair[1], bundle, "se modificó después de crearlo")


def test_a_truncated_bundle_is_refused(pair, bundle) -> None:  # type: ignore[no-untyped-def]
    bundle.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    refused(pair[1], bundle, "incompleto")


def test_a_foreign_file_is_refused(pair, tmp_path) -> None:  # type: ignore[no-untyped-def]
    letter = tmp_path / "carta.rdpaquete"
    letter.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    refused(pair[1], letter, "no es un paquete de intercambio")


def test_a_bundle_from_a_forgotten_peer_is_refused(pair, bundle) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    PeerService(office.workspace).forget(office.admin, office.peer_id)
    refused(office, bundle, "no está entre las de confianza")


def test_a_bundle_for_another_office_is_refused(pair, bundle, tmp_path) -> None:  # type: ignore[no-untyped-def]
    centre, _ = pair
    other = make_side(tmp_path / "otra", InstallationKind.OFFICE, centre.workspace.clock)
    trust_each_other(centre, other, tmp_path / "otra", office_name="Oficina de Málaga")
    try:
        refused(other, bundle, "no está cifrado para esta instalación")
    finally:
        other.workspace.close()


def _bundle_from(centre: Side, office: Side, tmp_path, *, version=frames.FORMAT_VERSION, lines=()):  # type: ignore[no-untyped-def]
    """A bundle signed with the centre's real keys, built by hand (a newer format, or a
    payload the export would never write)."""
    secrets = exchange_secrets(centre.workspace, centre.admin)
    office_keys = PeerService(office.workspace).own_keys(office.admin)
    head = BundleHeader(
        sender=secrets.public.installation_id,
        recipient=office.admin.installation_id,
        sequence=1,
        first_change=1,
        last_change=1,
        acknowledged_up_to=0,
        counts={"participant": len(lines)},
    )
    plain = b"".join(
        Plaintext(head, [("events", list(lines))], secrets.signing_key, version).chunks()
    )
    path = tmp_path / "hecho-a-mano.rdpaquete"
    path.write_bytes(
        pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(office_keys.recipient)])
    )
    return path


def test_a_newer_format_asks_to_update(pair, tmp_path) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    path = _bundle_from(centre, office, tmp_path, version=(frames.FORMAT_VERSION[0] + 1, 0))
    refused(office, path, "versión más nueva del programa")


def _event(table: str, record_id: str, fields: dict, origin: str) -> bytes:
    values = dict(fields)
    copy = Copy(values, {name: Stamp(1, 0) for name in values}, Stamp(1, 0))
    return encode(
        make_event(
            table, {"id": record_id, **values}, copy, origin=origin, changed_at=None, changed_by="x"
        )
    )


def test_a_field_the_policy_does_not_let_travel_is_refused(pair, tmp_path) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    line = _event("participant", "p-1", {"first_name": "Ana", "id_number": "12345678Z"}, "c")
    path = _bundle_from(centre, office, tmp_path, lines=[line])
    refused(office, path, "datos que no le corresponde enviar")


def test_a_record_pointing_at_nothing_is_refused_whole(pair, tmp_path) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    origin = centre.admin.installation_id
    good = _event(
        "participant", "p-1",
        {"first_name": "Ana", "surname1": "Gil", "birth_date": "1980-01-01", "sex": "M",
         "codapel": "GI010180M"}, origin,
    )  # fmt: skip
    dangling = _event(
        "referral", "r-1",
        {"participant_id": "p-1", "protocol_date": "2026-01-02", "status": "sent",
         "referring_centre_id": "no-existe"}, origin,
    )  # fmt: skip
    path = _bundle_from(centre, office, tmp_path, lines=[good, dangling])
    refused(office, path, "remiten a otros que no trae")


def test_a_cancelled_import_changes_nothing(pair, bundle) -> None:  # type: ignore[no-untyped-def]
    _, office = pair
    before = state_of(office)
    with pytest.raises(ExchangeCancelled):
        import_bundle(office.workspace, office.admin, bundle, cancelled=lambda: True)
    assert state_of(office) == before


def test_the_senders_audit_head_going_backwards_is_flagged(pair, tmp_path) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    office.take(centre.export().path)
    with office.db.unit_of_work(office.admin) as work:  # as if the last head was further on
        (row,) = work.session.exec(select(ExchangeBundle)).all()
        row.sender_audit_seq = 10_000
        work.session.add(row)
    sent_protocol(centre)
    taken = office.take(centre.export().path)
    assert taken.state == "applied"
    (warning,) = taken.warnings
    assert "ha retrocedido" in warning and "10000" in warning


def test_a_bundle_without_a_valid_audit_head_is_flagged(pair, tmp_path) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    path = _bundle_from(centre, office, tmp_path)
    taken = office.take(path)
    assert taken.state == "applied"
    assert any("no trae la firma de su registro" in warning for warning in taken.warnings)
    assert base64  # imported for the helpers' readers


def test_an_empty_destination_is_refused_not_taken_for_the_current_folder(pair) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.exchange_export import export_bundle

    centre, _ = pair
    with pytest.raises(UserError, match="Falta dónde guardar el paquete"):
        export_bundle(centre.workspace, centre.admin, centre.peer_id, "  ")
