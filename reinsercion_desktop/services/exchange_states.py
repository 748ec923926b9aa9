"""Where shared records stand with the peers (issue 13: «each record shows sent, confirmed
or in conflict»), as the screens show it: the one place with these Spanish texts.

A record's state is its worst with any trusted peer (db/exchange_state_queries
record_states): «En conflicto» until a person chooses, «Pendiente de enviar» (written
here since it last went, or a conflict resolved by keeping this side's value: it goes in
the next bundle), «Enviado, sin confirmar» until the
peer's acknowledgement comes back, «Confirmado». A record never exchanged has no state
(""). Without a trusted peer there is nothing to show at all (None), and finding that
out costs one look at the peers' table.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reinsercion_desktop.db import exchange_state_queries as stamps
from reinsercion_desktop.db.exchange_state_queries import CONFIRMED, CONFLICT, PENDING, SENT

RECORD_STATE_LABELS = {
    PENDING: "Pendiente de enviar",
    SENT: "Enviado, sin confirmar",
    CONFIRMED: "Confirmado",
    CONFLICT: "En conflicto",
}
RECORD_STATE_MEANINGS = {
    PENDING: "Un cambio hecho aquí saldrá en el próximo paquete de intercambio.",
    SENT: (
        "Se envió en un paquete de intercambio; la confirmación llega con el siguiente "
        "paquete que se reciba."
    ),
    CONFIRMED: "La otra instalación recibió e importó el último cambio enviado.",
    CONFLICT: (
        "Aquí y en la otra instalación se cambió el mismo dato con valores distintos. "
        "Elija cuál queda en Administración → Intercambio → Conflictos."
    ),
}

CONFLICT_LABEL = RECORD_STATE_LABELS[CONFLICT]
_MEANING_OF_LABEL = {
    RECORD_STATE_LABELS[code]: text for code, text in RECORD_STATE_MEANINGS.items()
}


def meaning_of(label: str | None) -> str:
    """What a state shown in a list means (its tooltip); "" for no state."""
    return _MEANING_OF_LABEL.get(label or "", "")


@dataclass(frozen=True)
class RecordExchange:
    """How one record stands with the peers: `label` to show («Confirmado»), `meaning`
    for a tooltip, `conflict` when a person must choose (shown as a warning)."""

    label: str
    meaning: str
    conflict: bool = False


def state_codes(*, session: Any, ids: Iterable[str]) -> dict[str, str] | None:
    """{record id: state code} of the records exchanged; None without a trusted peer."""
    peer_ids = stamps.trusted_peer_ids(session=session)
    if not peer_ids:
        return None
    return stamps.record_states(session=session, ids=ids, peer_ids=peer_ids)


def state_labels(*, session: Any, ids: Iterable[str]) -> dict[str, str] | None:
    """{record id: Spanish state} for every id ("" if never exchanged); None without a
    trusted peer (a screen then shows no exchange column at all). One batched query."""
    wanted = list(ids)
    codes = state_codes(session=session, ids=wanted)
    if codes is None:
        return None
    return {
        record_id: RECORD_STATE_LABELS.get(codes.get(record_id, ""), "") for record_id in wanted
    }


def record_exchange(*, session: Any, record_id: str) -> RecordExchange | None:
    """The state of one record as a file's header shows it; None when there is nothing to
    show (no trusted peer, or the record never exchanged)."""
    codes = state_codes(session=session, ids=[record_id])
    code = (codes or {}).get(record_id, "")
    if code not in RECORD_STATE_LABELS:
        return None
    return RecordExchange(RECORD_STATE_LABELS[code], RECORD_STATE_MEANINGS[code], code == CONFLICT)
