"""Claves de intercambio (issue 13): this installation's public keys, and the peers it
trusts once their fingerprint was confirmed by phone. Every refusal writes nothing."""

from dataclasses import replace
from pathlib import Path

import pytest
from pyrage import x25519
from sqlalchemy import func
from sqlmodel import select

from reinsercion_desktop.db.models import AuditEntry, Peer
from reinsercion_desktop.domain.enums import InstallationKind
from reinsercion_desktop.domain.errors import NotFoundError, UserError
from reinsercion_desktop.security import signing
from reinsercion_desktop.security.exchange_keys import (
    PublicKeys,
    exchange_identity,
    exchange_recipient,
    public_file_bytes,
    read_public_file,
)
from reinsercion_desktop.security.keyfile import EXCHANGE, KeyFile
from reinsercion_desktop.services.accounts import AccountService
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.peers import (
    PeerService,
    exchange_secrets,
    trusted_peer_keys,
    trusted_peer_named,
    trusted_signer,
)

OFFICE_ID = "0f1ce000-0000-4000-8000-0000000000aa"


def office_keys(installation_id: str = OFFICE_ID, name: str = "Oficina FADA") -> PublicKeys:
    return PublicKeys(
        installation_id=installation_id,
        name=name,
        code="FADA",
        kind="office",
        signing_public=signing.public_bytes(signing.new_private_key()),
        recipient=str(x25519.Identity.generate().to_public()),
    )


def write_keys(folder: Path, keys: PublicKeys, file_name: str = "fada.rdclave") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_bytes(public_file_bytes(keys))
    return path


@pytest.fixture
def peers(workspace, admin) -> PeerService:  # type: ignore[no-untyped-def]
    return PeerService(workspace)


@pytest.fixture
def office(tmp_path: Path) -> tuple[PublicKeys, Path]:
    keys = office_keys()
    return keys, write_keys(tmp_path / "correo", keys)


def audit_count(workspace) -> int:  # type: ignore[no-untyped-def]
    with workspace.db.read() as session:
        return session.exec(select(func.count()).select_from(AuditEntry)).one()


def peer_rows(workspace) -> list[tuple[str, bool, str]]:  # type: ignore[no-untyped-def]
    with workspace.db.read() as session:
        return [(p.name, p.active, p.fingerprint) for p in session.exec(select(Peer)).all()]


# -- this installation ------------------------------------------------------------------


def test_a_new_installation_has_its_exchange_key_from_init(workspace, admin, peers) -> None:  # type: ignore[no-untyped-def]
    key_file = KeyFile.load(workspace.paths.root)
    assert exchange_recipient(key_file) is not None
    own = peers.own_keys(admin)
    assert own.kind is InstallationKind.CENTRE and own.code and own.name
    assert own.recipient == exchange_recipient(key_file)
    assert str(exchange_identity(key_file, workspace.keys).to_public()) == own.recipient
    assert own.fingerprint == peers.own_keys(admin).fingerprint  # stable


def test_an_installation_made_before_gets_its_key_on_first_need_audited(
    workspace, admin, peers
) -> None:  # type: ignore[no-untyped-def]
    key_file = KeyFile.load(workspace.paths.root)
    key_file.set_section(EXCHANGE, {})  # this object's change: not taken back from disk
    key_file.content.pop(EXCHANGE)  # as an installation made before issue 13
    key_file.save()
    assert exchange_recipient(KeyFile.load(workspace.paths.root)) is None
    before = audit_count(workspace)
    own = peers.own_keys(admin)
    assert exchange_recipient(KeyFile.load(workspace.paths.root)) == own.recipient
    assert audit_count(workspace) == before + 1
    with workspace.db.read() as session:
        last = session.exec(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()  # type: ignore[union-attr]
    assert last is not None and last.entity == "exchange_key" and "AGE" not in last.changes
    assert peers.own_keys(admin) == own  # made once
    assert audit_count(workspace) == before + 1
    assert check_workspace(workspace).problems == []


def test_the_exchange_key_survives_a_password_change(workspace, admin, peers) -> None:  # type: ignore[no-untyped-def]
    own = peers.own_keys(admin)
    accounts = AccountService(workspace.db, workspace.paths.root, workspace.keys)
    accounts.change_password(admin, admin.user_id, "otra-clave-larga-9", "otra-clave-larga-9")
    key_file = KeyFile.load(workspace.paths.root)
    assert exchange_recipient(key_file) == own.recipient
    assert str(exchange_identity(key_file, workspace.keys).to_public()) == own.recipient
    assert peers.own_keys(admin).fingerprint == own.fingerprint


def test_export_writes_the_public_keys_only(workspace, admin, peers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = peers.export_public(admin, tmp_path / "mi-clave.rdclave")
    text = path.read_text(encoding="utf-8")
    assert "SECRET" not in text.upper() and "wrapped" not in text
    read = read_public_file(path)
    own = peers.own_keys(admin)
    assert read.fingerprint == own.fingerprint and read.recipient == own.recipient
    assert read.installation_id == admin.installation_id
    with pytest.raises(UserError, match="dentro de la carpeta de datos"):
        peers.export_public(admin, workspace.paths.root / "clave.rdclave")


# -- trusting a peer -----------------------------------------------------------------------


def test_trust_with_the_right_fingerprint_keeps_the_peer_and_check_stays_correct(
    workspace, admin, peers, office
) -> None:  # type: ignore[no-untyped-def]
    keys, path = office
    candidate = peers.read_candidate(path)
    assert (candidate.name, candidate.kind) == ("Oficina FADA", InstallationKind.OFFICE)
    typed = candidate.fingerprint.lower().replace(" ", "-")
    result = peers.trust(admin, path, "  FADA  Sevilla ", typed)
    assert result.changed and "FADA Sevilla" in result.message
    [view] = peers.peers(admin)
    assert view.name == "FADA Sevilla" and view.fingerprint == keys.fingerprint
    assert view.confirmed_by == admin.login and view.confirmed_at is not None
    with workspace.db.read() as session:
        last = session.exec(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()  # type: ignore[union-attr]
    assert last is not None and last.entity == "peer" and keys.fingerprint in last.reason
    assert keys.recipient not in last.changes and keys.recipient not in last.reason
    assert check_workspace(workspace).problems == []


def test_the_same_keys_again_change_nothing(workspace, admin, peers, office) -> None:  # type: ignore[no-untyped-def]
    keys, path = office
    peers.trust(admin, path, "FADA", keys.fingerprint)
    before = audit_count(workspace)
    again = peers.trust(admin, path, "Otro nombre", keys.fingerprint)
    assert not again.changed and "no se ha cambiado nada" in again.message
    assert audit_count(workspace) == before
    assert [p.name for p in peers.peers(admin)] == ["FADA"]


def _refused(workspace, call, message: str) -> None:  # type: ignore[no-untyped-def]
    before = (audit_count(workspace), peer_rows(workspace))
    with pytest.raises(UserError) as refused:
        call()
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
    assert (audit_count(workspace), peer_rows(workspace)) == before


def test_a_fingerprint_that_does_not_match_is_refused(workspace, admin, peers, office) -> None:  # type: ignore[no-untyped-def]
    keys, path = office
    wrong = office_keys().fingerprint
    _refused(workspace, lambda: peers.trust(admin, path, "FADA", wrong), "no coincide")
    _refused(workspace, lambda: peers.trust(admin, path, "FADA", "1234"), "16 letras y números")
    _refused(workspace, lambda: peers.trust(admin, path, "FADA", ""), "16 letras y números")


def test_an_empty_or_invisible_name_is_refused(workspace, admin, peers, office) -> None:  # type: ignore[no-untyped-def]
    keys, path = office
    for name in ("", "   ", "\u200b\u202e"):
        _refused(
            workspace, lambda n=name: peers.trust(admin, path, n, keys.fingerprint), "Escriba cómo"
        )
    _refused(
        workspace, lambda: peers.trust(admin, path, "x" * 121, keys.fingerprint), "demasiado largo"
    )


def test_our_own_key_file_is_refused(workspace, admin, peers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = peers.export_public(admin, tmp_path / "propia.rdclave")
    own = peers.own_keys(admin)
    _refused(workspace, lambda: peers.trust(admin, path, "Yo", own.fingerprint), "esta misma")


def test_changed_keys_of_a_trusted_peer_are_refused_never_replaced(
    workspace, admin, peers, office, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    keys, path = office
    peers.trust(admin, path, "FADA", keys.fingerprint)
    changed = office_keys()  # same installation, new keys
    other = write_keys(tmp_path / "usb", changed)
    _refused(
        workspace,
        lambda: peers.trust(admin, other, "FADA", changed.fingerprint),
        "Las claves de «FADA» han cambiado",
    )
    [view] = peers.peers(admin)
    assert view.fingerprint == keys.fingerprint


def test_a_second_peer_with_the_same_name_is_refused(
    workspace, admin, peers, office, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    keys, path = office
    peers.trust(admin, path, "FADA", keys.fingerprint)
    centre = office_keys("c0000000-0000-4000-8000-0000000000bb", "VAR Triana")
    other = write_keys(tmp_path / "usb", centre)
    _refused(
        workspace, lambda: peers.trust(admin, other, "fada", centre.fingerprint), "Ya hay otro"
    )


def test_a_file_that_is_not_a_key_is_refused(workspace, admin, peers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "foto.rdclave"
    path.write_bytes(b"\x89PNG\r\n")
    _refused(workspace, lambda: peers.trust(admin, path, "FADA", "K7QD 2M4X PA9R T3WC"), "no es")


# -- forgetting a peer ----------------------------------------------------------------------


def test_forget_deactivates_and_new_keys_can_then_be_confirmed(
    workspace, admin, peers, office, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    keys, path = office
    peer = peers.trust(admin, path, "FADA", keys.fingerprint).peer
    peers.forget(admin, peer.id)
    assert peers.peers(admin) == []
    assert peer_rows(workspace) == [("FADA", False, keys.fingerprint)]
    before = audit_count(workspace)
    peers.forget(admin, peer.id)  # already forgotten: nothing written
    assert audit_count(workspace) == before
    changed = office_keys()
    result = peers.trust(
        admin, write_keys(tmp_path / "usb", changed), "FADA nueva", changed.fingerprint
    )
    assert result.changed and result.peer.id == peer.id
    assert peer_rows(workspace) == [("FADA nueva", True, changed.fingerprint)]
    with pytest.raises(NotFoundError):
        peers.forget(admin, "00000000-0000-0000-0000-00000000dead")
    assert check_workspace(workspace).problems == []


# -- what the bundle service uses ------------------------------------------------------------


def test_the_secrets_open_what_is_sent_here_and_sign_as_this_installation(
    workspace, admin, peers
) -> None:  # type: ignore[no-untyped-def]
    import io

    import pyrage

    secrets = exchange_secrets(workspace, admin)
    own = peers.own_keys(admin)
    assert secrets.public.recipient == own.recipient
    assert secrets.public.fingerprint == own.fingerprint
    assert signing.public_bytes(secrets.signing_key) == secrets.public.signing_public
    assert "AGE-SECRET" not in repr(secrets) and "identity" not in repr(secrets)
    sealed = io.BytesIO()
    recipient = x25519.Recipient.from_str(own.recipient)
    pyrage.encrypt_io(io.BytesIO(b"paquete"), sealed, [recipient])
    opened = io.BytesIO()
    pyrage.decrypt_io(io.BytesIO(sealed.getvalue()), opened, [secrets.identity])
    assert opened.getvalue() == b"paquete"


def test_only_a_trusted_peer_signs_and_is_sent_to(workspace, admin, peers, office) -> None:  # type: ignore[no-untyped-def]
    keys, path = office
    signer_for = trusted_signer(workspace.db)
    assert signer_for(keys.installation_id) is None  # not trusted yet
    peer = peers.trust(admin, path, "FADA", keys.fingerprint).peer
    assert signer_for(keys.installation_id) == keys.signing_public
    assert signer_for("another-installation") is None
    assert trusted_peer_keys(workspace.db, peer.id) == replace(keys, name="FADA")
    peers.forget(admin, peer.id)
    assert signer_for(keys.installation_id) is None
    with pytest.raises(NotFoundError, match="no está entre los de confianza"):
        trusted_peer_keys(workspace.db, peer.id)
    with pytest.raises(NotFoundError):
        trusted_peer_keys(workspace.db, "00000000-0000-0000-0000-00000000dead")


def test_a_peer_is_found_by_the_name_given_here(workspace, admin, peers, office) -> None:  # type: ignore[no-untyped-def]
    keys, path = office
    with pytest.raises(NotFoundError, match="aún no se ha importado ninguna clave"):
        trusted_peer_named(workspace.db, "FADA")
    peer = peers.trust(admin, path, "Oficina FADA Sevilla", keys.fingerprint).peer
    assert trusted_peer_named(workspace.db, "  oficina  fada sevilla ") == peer
    with pytest.raises(NotFoundError, match="los de confianza son «Oficina FADA Sevilla»"):
        trusted_peer_named(workspace.db, "FADA")
    peers.forget(admin, peer.id)
    with pytest.raises(NotFoundError):
        trusted_peer_named(workspace.db, "Oficina FADA Sevilla")
