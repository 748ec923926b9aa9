"""Taking a bundle from a peer (issue 13): verified whole first, then applied whole or not
at all, in one unit of work.

- Everything is checked before anything is read into the database
  (security/bundle_file.verify_bundle): the signature, a known and confirmed sender, this
  installation as recipient, the format, every part's hash.
- The same bundle twice (or an older one) changes nothing.
- A bundle that follows one not yet taken (a gap in the sequence) is held: kept, still
  encrypted, in the data folder, until the missing one comes; then both are applied, in
  order. A full bundle (it carries every record from the start) never waits.
- The preview is the import itself, rolled back at the end: its counts are exact.
- The acknowledgement it carries confirms our bundles (and their records) it names.
- The sender's signed audit head is kept; one that goes backwards (a log cut after it was
  reported) is flagged.
"""

import base64
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reinsercion_desktop.db import exchange_queries, exchange_state_queries, peer_queries, queries
from reinsercion_desktop.db.exchange_state_queries import APPLIED, HELD, IN, OUT, REPLACED
from reinsercion_desktop.db.models_later import ExchangeBundle, Peer
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import AuditAction
from reinsercion_desktop.domain.errors import UserError, describe_os_error
from reinsercion_desktop.domain.exchange_policy import Direction
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.security.bundle_file import SUFFIX, Manifest, read_parts, verify_bundle
from reinsercion_desktop.services.audit_anchor import AnchorError, signed_anchor
from reinsercion_desktop.services.exchange_apply import Applier, BadPayload, Outcomes, event_lines
from reinsercion_desktop.services.exchange_records import (
    EVENTS_PART,
    direction_between,
    tables_of,
)
from reinsercion_desktop.services.peers import exchange_secrets, trusted_signer

if TYPE_CHECKING:
    from reinsercion_desktop.services.peers import ExchangeSecrets
    from reinsercion_desktop.services.workspace import Workspace

APPLIED_NOW, HELD_NOW, ALREADY, PREVIEW = "applied", "held", "already", "preview"


@dataclass(frozen=True)
class ImportResult:
    state: str  # applied | held | already | preview
    peer_name: str
    sequence: int
    records: int  # events the bundle carries
    outcomes: Outcomes = field(default_factory=Outcomes)
    waiting_for: int | None = None  # held: the first sequence missing
    warnings: tuple[str, ...] = ()
    then_applied: tuple[int, ...] = ()  # held bundles applied after this one
    confirmed: int = 0  # bundles of ours its acknowledgement confirmed

    def count(self, outcome: str) -> int:
        return self.outcomes.get(outcome)


class _Preview(Exception):
    """Raised inside the unit of work to roll a preview back."""


def import_bundle(
    workspace: "Workspace",
    actor: Actor,
    path: Path | str,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Verify and apply (or preview) a bundle; a Spanish UserError if it is refused."""
    authorize(actor, PermissionAction.BUNDLE_IMPORT)
    secrets = exchange_secrets(workspace, actor)
    source = Path(path).expanduser()
    manifest = verify_bundle(
        source,
        identity=secrets.identity,
        signer_for=trusted_signer(workspace.db),
        own_installation_id=secrets.public.installation_id,
    )
    with workspace.db.read() as session:
        peer = peer_queries.peer_of_installation(session=session, installation_id=manifest.sender)
        own = queries.local_installation(session=session)
        assert peer is not None and own is not None  # trusted_signer found it
        known = exchange_state_queries.bundle(session=session, bundle_id=manifest.bundle_id)
        same_sequence = exchange_state_queries.in_sequence_taken(
            session=session, peer_id=peer.id, sequence=manifest.sequence
        )
        last = exchange_state_queries.last_bundle(session=session, peer_id=peer.id, direction=IN)
    applied = last.sequence if last else 0
    records = sum(manifest.counts.values())
    if (known is not None and known.state != HELD) or manifest.sequence <= applied:
        return ImportResult(ALREADY, peer.name, manifest.sequence, records)
    if same_sequence is not None and same_sequence.state == HELD:
        return ImportResult(
            HELD_NOW, peer.name, manifest.sequence, records, waiting_for=applied + 1
        )
    if manifest.sequence != applied + 1 and manifest.first_change != 1:
        if not dry_run:
            _hold(workspace, actor, peer, manifest, source)
        return ImportResult(
            HELD_NOW, peer.name, manifest.sequence, records, waiting_for=applied + 1
        )
    direction = direction_between(own.kind, peer.kind, sending=False)
    result = _apply(
        workspace, actor, secrets, peer, direction, manifest, source, dry_run, progress, cancelled
    )
    if dry_run:
        return result
    then = _apply_held(workspace, actor, secrets, peer, direction)
    return replace(result, then_applied=tuple(then))


def _apply(
    workspace: "Workspace",
    actor: Actor,
    secrets: "ExchangeSecrets",
    peer: Peer,
    direction: Direction,
    manifest: Manifest,
    source: Path,
    dry_run: bool,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> ImportResult:
    total = sum(manifest.counts.values())
    reason = f"Paquete de intercambio n.º {manifest.sequence} de {peer.name}"
    result: ImportResult | None = None
    try:
        with (
            exchange_queries.references_checked(),
            workspace.db.unit_of_work(actor, reason=reason) as work,
        ):
            session = work.session
            last_out = exchange_state_queries.last_bundle(
                session=session, peer_id=peer.id, direction=OUT
            )
            # Changes of ours not yet sent matter only for records already exchanged (one
            # never exchanged counts whole as ours): since the last bundle to the peer, or
            # with none sent yet since the first taken from it; with neither, none.
            first_in = exchange_state_queries.first_bundle_in(session=session, peer_id=peer.id)
            local_changes: dict = {}
            if last_out is not None or first_in is not None:
                local_changes = exchange_queries.changed_since(
                    session,
                    after=last_out.audit_to if last_out else first_in.audit_from - 1,  # type: ignore[union-attr]
                    tables=[table for table, _ in tables_of(direction)],
                    skip=exchange_state_queries.import_ranges(session=session, peer_id=peer.id),
                )
            applier = Applier(
                work,
                peer=peer,
                direction=direction,
                sender=manifest.sender,
                bundle_id=manifest.bundle_id,
                local_changes=local_changes,
                progress=(lambda done: progress(done, total)) if progress else None,
                cancelled=cancelled,
                expected=total,
            )
            audit_from = work.chain_tail().seq + 1
            for name, chunks in read_parts(source, secrets.identity, manifest):
                if name == EVENTS_PART:
                    applier.apply(event_lines(chunks))
            session.flush()
            audit_to = work.chain_tail().seq
            outcome = applier.outcomes
            head_seq, warning = _sender_head(session, peer, manifest)
            confirmed = exchange_state_queries.confirm_out(
                session=session, peer_id=peer.id, up_to=manifest.acknowledged_up_to
            )
            _drop_held_row(session, manifest.bundle_id)
            session.add(
                ExchangeBundle(
                    id=manifest.bundle_id,
                    peer_id=peer.id,
                    direction=IN,
                    sequence=manifest.sequence,
                    audit_from=audit_from,
                    audit_to=audit_to,
                    acknowledged=manifest.acknowledged_up_to,
                    state=APPLIED,
                    counts=outcome.as_json(),
                    made_at=manifest.created_at,
                    applied_at=workspace.clock.now(),
                    file_name=source.name[:120],
                    sender_audit_seq=head_seq,
                    note=warning[:400],
                )
            )
            work.record_event(
                AuditAction.IMPORT,
                "exchange_bundle",
                manifest.bundle_id,
                {
                    "secuencia": manifest.sequence,
                    **{key: value for key, value in sorted(outcome.counts.items())},
                    "confirmados": confirmed,
                },
            )
            session.flush()
            result = ImportResult(
                PREVIEW if dry_run else APPLIED_NOW,
                peer.name,
                manifest.sequence,
                total,
                outcome,
                warnings=(warning,) if warning else (),
                confirmed=confirmed,
            )
            if dry_run:
                raise _Preview()
    except _Preview:
        pass
    except exchange_queries.MissingReferences:
        raise BadPayload("trae registros incompletos o que remiten a otros que no trae") from None
    assert result is not None
    return result


def _sender_head(session, peer: Peer, manifest: Manifest) -> tuple[int | None, str]:  # type: ignore[no-untyped-def]
    """The sender's signed audit head, and a warning if its log went backwards."""
    try:
        anchor = signed_anchor(base64.b64decode(peer.signing_public), manifest.audit_head)
    except AnchorError:
        return None, (
            f"El paquete de {peer.name} no trae la firma de su registro de auditoría: "
            "no se puede comprobar que su registro siga completo."
        )
    head = anchor.newest().seq
    previous = exchange_state_queries.last_sender_head(session=session, peer_id=peer.id)
    if head < previous:
        return head, (
            f"El registro de auditoría de {peer.name} ha retrocedido: llegaba hasta la entrada "
            f"{previous} y ahora hasta la {head}. Puede que se haya cortado después de "
            "enviarse; avise a su responsable y a quien coordine."
        )
    return head, ""


def _hold(
    workspace: "Workspace", actor: Actor, peer: Peer, manifest: Manifest, source: Path
) -> None:
    folder = workspace.paths.held_bundles
    kept = folder / f"{manifest.bundle_id}{SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, kept)
    except OSError as error:
        raise UserError(
            f"No se pudo guardar el paquete en espera: {describe_os_error(error)}. "
            "No se ha importado nada."
        ) from None
    with workspace.db.unit_of_work(actor) as work:
        work.session.add(
            ExchangeBundle(
                id=manifest.bundle_id,
                peer_id=peer.id,
                direction=IN,
                sequence=manifest.sequence,
                acknowledged=manifest.acknowledged_up_to,
                state=HELD,
                counts="{}",
                made_at=manifest.created_at,
                file_name=kept.name,
            )
        )
        work.record_event(
            AuditAction.IMPORT,
            "exchange_bundle",
            manifest.bundle_id,
            {"secuencia": manifest.sequence, "en_espera": True},
        )


def _drop_held_row(session, bundle_id: str) -> None:  # type: ignore[no-untyped-def]
    held = session.get(ExchangeBundle, bundle_id)
    if held is not None and held.state == HELD:
        session.delete(held)
        session.flush()


def _apply_held(
    workspace: "Workspace",
    actor: Actor,
    secrets: "ExchangeSecrets",
    peer: Peer,
    direction: Direction,
) -> list[int]:
    """The bundles held for this peer that can now be applied, in order."""
    applied_now: list[int] = []
    while True:
        with workspace.db.read() as session:
            waiting = exchange_state_queries.held(session=session, peer_id=peer.id)
            last = exchange_state_queries.last_bundle(
                session=session, peer_id=peer.id, direction=IN
            )
        applied = last.sequence if last else 0
        ready = next((b for b in waiting if b.sequence == applied + 1), None)
        for stale in (b for b in waiting if b.sequence <= applied):
            _replace_held(workspace, actor, stale)
        if ready is None:
            return applied_now
        kept = workspace.paths.held_bundles / ready.file_name
        manifest = verify_bundle(
            kept,
            identity=secrets.identity,
            signer_for=trusted_signer(workspace.db),
            own_installation_id=secrets.public.installation_id,
        )
        _apply(workspace, actor, secrets, peer, direction, manifest, kept, False, None, None)
        kept.unlink(missing_ok=True)
        applied_now.append(ready.sequence)


def _replace_held(workspace: "Workspace", actor: Actor, stale: ExchangeBundle) -> None:
    """A held bundle overtaken by a full one: nothing in it is newer than what came."""
    with workspace.db.unit_of_work(actor) as work:
        row = work.session.get(ExchangeBundle, stale.id)
        if row is not None:
            row.state = REPLACED
            work.session.add(row)
    (workspace.paths.held_bundles / stale.file_name).unlink(missing_ok=True)
