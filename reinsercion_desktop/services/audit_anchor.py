"""The audit chain's head, signed with the installation's key and kept outside the
database (ancla del registro de auditoría).

The chain alone proves that no entry was changed or removed *in the middle*: whoever can
write the database can still cut its tail, empty it, re-hash the whole of it after an
edit, or append entries with valid hashes. The anchor — the last entry's number and hash
and the count of entries, signed with the installation's Ed25519 key — lives in the key
file beside the database (and a copy beside every backup), so each of those is found by
`reinsercion check` (`services/audit_anchor_check.py`).

Why at every unit of work, and in two steps. An anchor written now and then (at logout,
every N entries) leaves entries after it that nothing vouches for: a forged entry
appended there, with a valid hash, looks like a newer genuine one. So every unit of work
that appends entries anchors its new head, and nothing may follow the anchored head.
The anchor is written *before* the commit, while the unit still holds the database's
write lock (so anchors follow the order of commits, also between the window and a
command run at the same time), as a `pending` head beside the confirmed one; once the
commit is done the pending head becomes the confirmed one. A crash between the two
leaves the database at the confirmed head (the commit did not happen) or at the pending
one (it did): both are accepted, nothing else is. The confirmation takes the write lock
again (nothing is written), so two writers never undo each other's anchor. The cost is
two atomic, fsynced writes of the 1.5 KB key file per unit of work (0.7 ms each here) and
a signature: opening a file went from 1.1–2.2 ms to 3.6–5.8 ms, creating one from 2.0–3.7
to 4.8–7.5 ms (medians of 140, same machine, same runs), nothing a person notices; the
demo's bulk writes are few large units (20,000 people: +8 % of CPU, mostly the records'
hashes).

A unit of work that finds the database no longer at the anchored head (its tail cut,
its entries rewritten) does not move the anchor: the evidence stays until someone
looks, and new entries are numbered above the anchored head, so no number is reused.

What it cannot do: the signing key is wrapped under the data key, so someone holding the
data key *and* willing to re-sign can forge anything here; a backup's `.ancla` and the
anchors carried by exchange bundles are the witnesses such a person must also reach.
The anchor is written to disk at once (fsync) while SQLite's WAL commits are durable at
the next checkpoint: after a power cut the database may be a few writes behind its
anchor, which `check` reports as a missing tail (it says so).
"""

import contextlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reinsercion_desktop.db.audit import ChainPoint
from reinsercion_desktop.db.audit_queries import chain_tail, hash_at
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.unit_of_work import UnitOfWork
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.domain.enums import AuditAction, Role
from reinsercion_desktop.domain.errors import PermissionDenied, UserError, describe_os_error
from reinsercion_desktop.security import signing
from reinsercion_desktop.security.keyfile import KeyFile, KeyFileError
from reinsercion_desktop.security.keys import DataKeys

log = logging.getLogger(__name__)

ANCHOR_FORMAT = 1


@dataclass(frozen=True)
class Anchor:
    """The signed head of the chain: the confirmed head, and the one a unit of work is
    committing (`pending`)."""

    head: ChainPoint
    pending: ChainPoint | None
    at: str
    key: str  # fingerprint of the public key that signs it

    def payload(self) -> dict[str, Any]:
        return {
            "format": ANCHOR_FORMAT,
            "head": _point_json(self.head),
            "pending": _point_json(self.pending) if self.pending else None,
            "at": self.at,
            "key": self.key,
        }

    @classmethod
    def of_payload(cls, payload: dict[str, Any]) -> "Anchor":
        pending = payload.get("pending")
        return cls(
            head=_point(payload["head"]),
            pending=_point(pending) if pending else None,
            at=str(payload.get("at", "")),
            key=str(payload.get("key", "")),
        )

    def newest(self) -> ChainPoint:
        return self.pending or self.head


def _point_json(point: ChainPoint) -> dict[str, Any]:
    return {"seq": point.seq, "hash": point.hash, "count": point.count}


def _point(data: dict[str, Any]) -> ChainPoint:
    count = data.get("count")
    return ChainPoint(int(data["seq"]), str(data["hash"]), None if count is None else int(count))


class AnchorError(UserError):
    pass


def signed_anchor(public: bytes | None, signed: dict[str, Any] | None) -> Anchor:
    """The anchor, if `signed` carries a valid signature of `public` (AnchorError if not)."""
    if public is None:
        raise AnchorError("no signing key")
    # A key file edited by hand (or a damaged copy's) can hold anything here: a list, a
    # string, true… (found by fuzzing: `"payload" in True` raised TypeError).
    if not isinstance(signed, dict) or "payload" not in signed or "signature" not in signed:
        raise AnchorError("no anchor")
    payload = signed["payload"]
    if not isinstance(payload, dict) or not signing.verify(
        public, signing.ANCHOR_PURPOSE, payload, str(signed["signature"])
    ):
        raise AnchorError("bad signature")
    try:
        return Anchor.of_payload(payload)
    except (KeyError, TypeError, ValueError) as error:
        raise AnchorError("bad anchor") from error


class AnchorKeeper:
    """Anchors the chain's head in the key file at every unit of work (`ChainWitness`)."""

    SAVE_ATTEMPTS = 5  # an antivirus may hold the fresh key file for a moment (Windows)

    def __init__(self, folder: Path, keys: DataKeys, clock: Clock):
        self.folder = folder
        self.keys = keys
        self.clock = clock
        self._private: Ed25519PrivateKey | None = None
        self._floor = 0
        if KeyFile.exists_in(folder):
            # An unusable anchor is reported by `check`; a unit of work will not move it.
            with contextlib.suppress(AnchorError, KeyFileError):
                self._note_floor(self._anchor_of(KeyFile.load(folder)))

    # -- ChainWitness ------------------------------------------------------------------

    def floor(self) -> int:
        return self._floor

    def before_commit(self, work: UnitOfWork) -> None:
        if not KeyFile.exists_in(self.folder):
            return  # an installation being set up: its key file comes at the end
        key_file = KeyFile.load(self.folder)
        if work.restart_anchor or (not key_file.has_signing_key() and key_file.anchor() is None):
            self._start(work, key_file)
            return
        try:
            anchor = self._anchor_of(key_file)
        except AnchorError as error:
            log.warning("audit anchor not moved: the key file's anchor is unusable (%s)", error)
            return
        head = anchor.head
        if anchor.pending is not None and (
            hash_at(session=work.session, seq=anchor.pending.seq) == anchor.pending.hash
        ):
            head = anchor.pending  # the last unit committed but could not confirm it
        if not head.same_entry(work.base):
            log.warning(
                "audit anchor not moved: the log no longer ends at the anchored entry %s",
                head.seq,
            )
            return
        assert work.head is not None
        count = None if head.count is None else head.count + work.appended
        pending = ChainPoint(work.head.seq, work.head.hash, count)
        try:
            self._save(key_file, head, pending)
        except KeyFileError as error:  # its signing key unusable: `check` says so
            log.warning("audit anchor not moved: %s", error)
            return
        work.anchored = pending

    def after_commit(self, work: UnitOfWork) -> None:
        self._settle(work, committed=True)

    def after_rollback(self, work: UnitOfWork) -> None:
        self._settle(work, committed=False)

    # -- internals ---------------------------------------------------------------------

    def _start(self, work: UnitOfWork, key_file: KeyFile) -> None:
        """The first anchor of an installation (a new key file), or one started again by an
        administrator: whatever the log holds is where it starts; a new signing key if the
        key file has none that works."""
        try:
            self._private = key_file.signing_key(self.keys)
        except KeyFileError:
            self._private = key_file.new_signing_key(self.keys)
        assert work.head is not None and work.base is not None
        total = chain_tail(session=work.session).count or 0
        base = work.base
        pending = ChainPoint(work.head.seq, work.head.hash, total)
        self._save(key_file, ChainPoint(base.seq, base.hash, total - work.appended), pending)
        work.anchored = pending

    def _settle(self, work: UnitOfWork, *, committed: bool) -> None:
        """After the commit, the pending head becomes the confirmed one; after a rollback
        it is dropped. Only if the anchor is still the one this unit wrote."""
        pending, work.anchored = work.anchored, None
        if pending is None:
            return
        key_file = KeyFile.load(self.folder)
        # Its own anchor of a moment ago: read, not verified again (a millisecond saved).
        anchor = Anchor.of_payload((key_file.anchor() or {})["payload"])
        if anchor.pending is None or not anchor.pending.same_entry(pending):
            return  # settled already (by the next unit of work)
        self._save(key_file, pending if committed else anchor.head, None)

    def _anchor_of(self, key_file: KeyFile) -> Anchor:
        anchor = signed_anchor(key_file.public_key(), key_file.anchor())
        self._note_floor(anchor)
        return anchor

    def _note_floor(self, anchor: Anchor) -> None:
        self._floor = max(self._floor, anchor.head.seq, anchor.newest().seq)

    def _save(self, key_file: KeyFile, head: ChainPoint, pending: ChainPoint | None) -> None:
        public = key_file.public_key()
        assert public is not None
        if self._private is None or signing.public_bytes(self._private) != public:
            self._private = key_file.signing_key(self.keys)
        anchor = Anchor(head, pending, self.clock.now().isoformat(), signing.fingerprint(public))
        payload = anchor.payload()
        key_file.set_anchor(
            {
                "payload": payload,
                "signature": signing.sign(self._private, signing.ANCHOR_PURPOSE, payload),
            }
        )
        for attempt in range(self.SAVE_ATTEMPTS):
            try:
                key_file.save()
                break
            except OSError as error:
                if isinstance(error, PermissionError) and attempt < self.SAVE_ATTEMPTS - 1:
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise AnchorError(
                    "No se pudo firmar el registro de auditoría en el archivo de claves: "
                    f"{describe_os_error(error)}. No se ha guardado nada; compruebe el disco y "
                    "vuelva a intentarlo."
                ) from error
        self._note_floor(anchor)


def restart_anchor(db: Database, actor: Actor, reason: str) -> None:
    """Volver a firmar el registro de auditoría: once an administrator has looked into what
    `check` said of the anchor (a backup put back by hand, a power cut), the anchor starts
    again from the log as it is. The unit of work that does it records in the log itself
    the head the old anchor named and why: the evidence stays, where it can be read."""
    if actor.role is not Role.ADMIN:
        raise PermissionDenied("Solo un administrador/a puede volver a firmar el registro.")
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise UserError(
            "Escriba por qué se vuelve a firmar el registro de auditoría (por ejemplo, «se "
            "restauró la copia de seguridad del 3 de febrero»)."
        )
    witness = db.audit_witness
    if not isinstance(witness, AnchorKeeper) or not KeyFile.exists_in(witness.folder):
        raise UserError("Esta carpeta de datos aún no tiene un registro de auditoría firmado.")
    before: dict[str, Any] = {}
    with contextlib.suppress(KeyError, TypeError, ValueError):
        head = Anchor.of_payload(KeyFile.load(witness.folder).anchor()["payload"]).head  # type: ignore[index]
        before = {"seq": head.seq, "hash": head.hash}
    with db.unit_of_work(actor, reason=reason[:400]) as work:
        work.record_event(AuditAction.UPDATE, "audit_log", "ancla", {"ancla_anterior": before})
        work.restart_anchor = True
