"""Claves de intercambio: this installation's public keys, and the centres and offices it
trusts (peers), each once its fingerprint was read by phone and typed here.

A peer's keys are never trusted from the file alone: whoever carried the file (an
e-mail, a USB stick) could have swapped it, so the person importing it types the
fingerprint the other installation reads aloud, and only a match is written. Keys that
change for an installation already trusted are refused, never silently replaced: the
peer is forgotten first, then its new keys confirmed like the first ones.

An installation made before issue 13 has no exchange key: it is made the first time it
is needed (shown, exported), saved in the key file and audited under whoever asked.

For the bundle service (whose own methods authorize): `exchange_secrets` (this
installation's age identity and signing key, unwrapped), `trusted_signer` (the
`signer_for` of `security.bundle_file.verify_bundle`), `trusted_peer_keys` (what a
bundle to a peer is encrypted to) and `trusted_peer_named` (`bundle export --to PEER`).
"""

import base64
import contextlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reinsercion_desktop.db import peer_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models_later import Peer
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import AuditAction, InstallationKind
from reinsercion_desktop.domain.errors import NotFoundError, UserError, describe_os_error
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.text_input import clean_text
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.security.exchange_keys import (
    PublicKeys,
    exchange_identity,
    exchange_recipient,
    new_exchange_identity,
    normal_fingerprint,
    public_file_bytes,
    read_public_file,
    same_fingerprint,
)
from reinsercion_desktop.security.keyfile import KeyFile
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.output_paths import checked_output

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from pyrage.x25519 import Identity

    from reinsercion_desktop.services.workspace import Workspace

A = PermissionAction
EXCHANGE_KEY_ENTITY = "exchange_key"  # the audit's name for the key file's key pairs
MAX_PEER_NAME = 120


@dataclass(frozen=True)
class OwnKeysView:
    """This installation as its peers see it."""

    name: str
    code: str
    kind: InstallationKind
    fingerprint: str
    recipient: str  # "age1…"


@dataclass(frozen=True)
class CandidateView:
    """A public key file read but not trusted: what the screen shows before the fingerprint
    is typed."""

    name: str
    code: str
    kind: InstallationKind
    fingerprint: str
    keys: PublicKeys


@dataclass(frozen=True)
class PeerView:
    id: str
    name: str
    kind: InstallationKind
    code: str
    fingerprint: str
    confirmed_at: datetime | None
    confirmed_by: str
    active: bool


@dataclass(frozen=True)
class TrustResult:
    peer: PeerView
    changed: bool  # False: the same keys were trusted already
    message: str


def _peer_view(peer: Peer) -> PeerView:
    return PeerView(
        id=peer.id,
        name=peer.name,
        kind=InstallationKind(peer.kind),
        code=peer.code,
        fingerprint=peer.fingerprint,
        confirmed_at=peer.confirmed_at,
        confirmed_by=peer.confirmed_by,
        active=peer.active,
    )


def _candidate(keys: PublicKeys) -> CandidateView:
    return CandidateView(keys.name, keys.code, InstallationKind(keys.kind), keys.fingerprint, keys)


class PeerService:
    def __init__(self, workspace: "Workspace"):
        self.db = workspace.db
        self.root = workspace.paths.root
        self.keys = workspace.keys
        self.clock = workspace.clock

    # -- this installation -----------------------------------------------------------------

    def own_keys(self, actor: Actor) -> OwnKeysView:
        authorize(actor, A.EXCHANGE_KEYS_SHOW)
        public = own_public_keys(self.db, self.root, self.keys, actor)
        return OwnKeysView(
            public.name, public.code, InstallationKind(public.kind), public.fingerprint,
            public.recipient,
        )  # fmt: skip

    def export_public(self, actor: Actor, path: Path | str) -> Path:
        """Write this installation's public keys (never a private part) to `path`."""
        authorize(actor, A.EXCHANGE_KEYS_EXPORT)
        target = checked_output(path, data_root=self.root, what="la clave pública")
        data = public_file_bytes(own_public_keys(self.db, self.root, self.keys, actor))
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, target)
        except OSError as error:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise UserError(
                f"No se pudo guardar la clave pública en {target}: {describe_os_error(error)}. "
                "Elija otra carpeta."
            ) from None
        return target

    # -- other installations ---------------------------------------------------------------

    def read_candidate(self, path: Path | str) -> CandidateView:
        """A public key file's installation and fingerprint, trusting nothing yet."""
        return _candidate(read_public_file(Path(path).expanduser()))

    def peers(self, actor: Actor) -> list[PeerView]:
        authorize(actor, A.EXCHANGE_KEYS_SHOW)
        with self.db.read() as session:
            return [_peer_view(peer) for peer in peer_queries.peers(session=session)]

    def trust(
        self, actor: Actor, source: Path | str | CandidateView, name: str, typed_fingerprint: str
    ) -> TrustResult:
        """Trust a peer's keys once `typed_fingerprint` (read by phone) matches the file's."""
        authorize(actor, A.PEER_TRUST)
        candidate = source if isinstance(source, CandidateView) else self.read_candidate(source)
        public = candidate.keys
        name = " ".join(clean_text(name or "", multiline=False).split())
        if not name:
            raise UserError(
                f"Escriba cómo llama esta instalación a «{public.name}» (por ejemplo su nombre "
                "corto): no se ha confiado en la clave."
            )
        if len(name) > MAX_PEER_NAME:
            raise UserError(f"El nombre es demasiado largo (máx. {MAX_PEER_NAME}).")
        self._refuse_unconfirmed(candidate, typed_fingerprint)
        with self.db.read() as session:
            own = queries.local_installation(session=session)
            existing = peer_queries.peer_of_installation(
                session=session, installation_id=public.installation_id
            )
            others = [
                p for p in peer_queries.peers(session=session)
                if p.peer_installation_id != public.installation_id
            ]  # fmt: skip
        own_recipient = exchange_recipient(KeyFile.load(self.root))
        if (own is not None and own.id == public.installation_id) or (
            public.recipient == own_recipient
        ):
            raise UserError(
                "Ese archivo es la clave pública de esta misma instalación: importe la del "
                "otro centro u oficina."
            )
        if any(p.name.casefold() == name.casefold() for p in others):
            raise UserError(
                f"Ya hay otro centro u oficina de confianza llamado «{name}»: elija otro nombre."
            )
        if existing is not None and existing.active:
            if self._same_keys(existing, public):
                return TrustResult(
                    _peer_view(existing),
                    False,
                    f"Ya confiaba en «{existing.name}» con estas mismas claves: no se ha cambiado "
                    "nada.",
                )
            raise UserError(
                f"Las claves de «{existing.name}» han cambiado: la huella confirmada era "
                f"{existing.fingerprint} y la del archivo es {public.fingerprint}. No se ha "
                "cambiado nada. Si el cambio es legítimo (confírmelo por teléfono), olvide "
                "primero su clave y vuelva a importarla."
            )
        reason = f"Huella {public.fingerprint} confirmada"
        with self.db.unit_of_work(actor, reason=reason) as work:
            peer = work.get(Peer, existing.id) if existing is not None else None
            peer = peer or work.add(Peer(peer_installation_id=public.installation_id))
            peer.name = name
            peer.kind = public.kind
            peer.code = public.code
            peer.signing_public = _b64(public.signing_public)
            peer.age_recipient = public.recipient
            peer.fingerprint = public.fingerprint
            peer.confirmed_at = self.clock.now()
            peer.confirmed_by = actor.login
            peer.active = True
            work.add(peer)
            work.flush()
            view = _peer_view(peer)
        return TrustResult(view, True, f"Clave de «{name}» confirmada y guardada.")

    def forget(self, actor: Actor, peer_id: str) -> None:
        """Stop trusting a peer (kept, inactive, so what came from it keeps its name)."""
        authorize(actor, A.PEER_FORGET)
        with self.db.unit_of_work(actor, reason="Clave olvidada") as work:
            peer = work.get(Peer, peer_id)
            if peer is None:
                raise NotFoundError("Ese centro u oficina ya no está en la lista.")
            if peer.active:
                peer.active = False
                work.add(peer)

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _refuse_unconfirmed(candidate: CandidateView, typed: str) -> None:
        if normal_fingerprint(typed or "") is None:
            raise UserError(
                "Escriba la huella que le lean por teléfono: 16 letras y números en cuatro "
                "grupos, como «K7QD 2M4X PA9R T3WC». No se ha confiado en la clave."
            )
        if not same_fingerprint(typed, candidate.fingerprint):
            raise UserError(
                f"La huella escrita no coincide con la de «{candidate.name}» "
                f"({candidate.fingerprint}): no se ha confiado en la clave. Vuelva a "
                "comprobarla por teléfono con la otra instalación."
            )

    @staticmethod
    def _same_keys(peer: Peer, public: PublicKeys) -> bool:
        return (
            peer.signing_public == _b64(public.signing_public)
            and peer.age_recipient == public.recipient
        )


# -- for the bundle service (its methods authorize; these take no decision) --------------


def own_public_keys(db: Database, root: Path, keys: DataKeys, actor: Actor) -> PublicKeys:
    """This installation's public keys; its exchange key made first if it has none yet (an
    installation made before issue 13), saved in the key file and audited under `actor`."""
    with db.read() as session:
        installation = queries.local_installation(session=session)
    if installation is None:
        raise UserError("Esta carpeta de datos aún no tiene una instalación configurada.")
    key_file = KeyFile.load(root)
    made = []
    if exchange_recipient(key_file) is None:
        new_exchange_identity(key_file, keys)
        key_file.save()
        made.append("intercambio")
    if not key_file.has_signing_key():
        made.append("firma")  # the unit of work below makes it, as it anchors the log
    if made:
        with db.unit_of_work(actor, reason="Claves de intercambio preparadas") as work:
            work.record_event(
                AuditAction.CREATE, EXCHANGE_KEY_ENTITY, installation.id, {"claves": made}
            )
        key_file = KeyFile.load(root)
    signing_public, recipient = key_file.public_key(), exchange_recipient(key_file)
    assert signing_public is not None and recipient is not None
    return PublicKeys(
        installation_id=installation.id,
        name=installation.name,
        code=installation.code,
        kind=installation.kind,
        signing_public=signing_public,
        recipient=recipient,
    )


@dataclass(frozen=True)
class ExchangeSecrets:
    """What a bundle is signed and opened with: held in memory, never shown nor logged."""

    public: PublicKeys
    identity: "Identity" = field(repr=False)  # age X25519: opens bundles sent here
    signing_key: "Ed25519PrivateKey" = field(repr=False)  # signs the bundles sent from here


def exchange_secrets(workspace: "Workspace", actor: Actor) -> ExchangeSecrets:
    """This installation's keys, unwrapped with the data key (made first if missing)."""
    public = own_public_keys(workspace.db, workspace.paths.root, workspace.keys, actor)
    key_file = KeyFile.load(workspace.paths.root)
    return ExchangeSecrets(
        public=public,
        identity=exchange_identity(key_file, workspace.keys),
        signing_key=key_file.signing_key(workspace.keys),
    )


def trusted_signer(db: Database) -> Callable[[str], bytes | None]:
    """`signer_for` of `security.bundle_file.verify_bundle`: the raw Ed25519 public key of
    an installation this one trusts now (confirmed, not forgotten), None for any other."""

    def signer_for(installation_id: str) -> bytes | None:
        with db.read() as session:
            peer = peer_queries.peer_of_installation(
                session=session, installation_id=installation_id
            )
        if peer is None or not peer.active or peer.confirmed_at is None:
            return None
        return base64.b64decode(peer.signing_public)

    return signer_for


def trusted_peer_keys(db: Database, peer_id: str) -> PublicKeys:
    """A trusted peer's public keys (what a bundle to it is encrypted to), or a Spanish
    refusal if it is not in the list or was forgotten."""
    with db.read() as session:
        peer = session.get(Peer, peer_id)
    if peer is None or not peer.active or peer.confirmed_at is None:
        raise NotFoundError(
            "Ese centro u oficina no está entre los de confianza: importe su clave y confirme "
            "su huella en Administración → Claves de intercambio."
        )
    return PublicKeys(
        installation_id=peer.peer_installation_id,
        name=peer.name,
        code=peer.code,
        kind=peer.kind,
        signing_public=base64.b64decode(peer.signing_public),
        recipient=peer.age_recipient,
    )


def trusted_peer_named(db: Database, name: str) -> PeerView:
    """The trusted peer called `name` here (case and spaces forgiven): what `bundle export
    --to PEER` names; a Spanish refusal listing the names there are."""
    wanted = " ".join(clean_text(name or "", multiline=False).split()).casefold()
    with db.read() as session:
        trusted = [_peer_view(peer) for peer in peer_queries.peers(session=session)]
    for peer in trusted:
        if peer.name.casefold() == wanted:
            return peer
    known = ", ".join(f"«{peer.name}»" for peer in trusted)
    raise NotFoundError(
        f"No hay ningún centro u oficina de confianza llamado «{name.strip()}»: "
        + (f"los de confianza son {known}." if known else "aún no se ha importado ninguna clave.")
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
