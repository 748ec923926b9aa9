"""How one record's incoming change meets the local copy (SPEC §8, issue 13): field by
field, with a version pair per field, so a change made on both sides is *detected* and
kept for a person to resolve instead of the last writer winning (Primero's flaw).

A record is shared by two installations (a centre and its office). Each side counts the
changes it made to the record (`mine`) and the other side's changes it has taken in
(`theirs`); each field remembers the pair at which it was last written (its `Stamp`). A
change event carries the sender's pairs, which the receiver reads the other way round.

For each field of an incoming record:
- the same stamp: nothing happened to it on either side;
- the incoming stamp includes the local one (R-SYNC-1): only the sender changed it since
  they last agreed — the incoming value is taken;
- the local stamp includes the incoming one (R-SYNC-2): only this side changed it, or the
  event is older than what was already taken — the local value stays;
- neither includes the other (R-SYNC-3): both changed it. Equal values merge; different
  values are a conflict: the local value stays, the incoming one is kept beside it, and
  the record is flagged until a person chooses. Choosing writes the chosen value as a new
  local change, whose stamp includes both, so it wins on the other side too (R-SYNC-4).

Local changes not yet sent are folded in first (`with_local_changes`): they get a stamp
of their own, so an incoming change can never overwrite them unseen. Different fields
changed on each side merge, and the record says so (R-SYNC-5).
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True, order=True)
class Stamp:
    """The changes of each side that a field's value includes: (this side's, the other's)."""

    mine: int = 0
    theirs: int = 0

    def flipped(self) -> "Stamp":
        """The same pair as the other side counts it."""
        return Stamp(self.theirs, self.mine)

    def includes(self, other: "Stamp") -> bool:
        return self.mine >= other.mine and self.theirs >= other.theirs

    def joined(self, other: "Stamp") -> "Stamp":
        return Stamp(max(self.mine, other.mine), max(self.theirs, other.theirs))


class Stamps(Mapping[str, "Stamp"]):
    """Each field's stamp, kept as the pair most fields share and the few apart: a record
    sent whole has every field at one pair, and 300,000 records carry (and store) one
    pair each instead of one per field."""

    __slots__ = ("apart", "common", "names")

    def __init__(
        self, names: Iterable[str], common: Stamp, apart: Mapping[str, Stamp] | None = None
    ):
        self.names = names if isinstance(names, frozenset) else frozenset(names)
        self.common = common
        self.apart = dict(apart or {})

    def __getitem__(self, name: str) -> Stamp:
        found = self.apart.get(name)
        if found is not None:
            return found
        if name in self.names:
            return self.common
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def flipped(self) -> "Stamps":
        apart = {name: stamp.flipped() for name, stamp in self.apart.items()}
        return Stamps(self.names, self.common.flipped(), apart)


@dataclass(frozen=True)
class Copy:
    """One side's copy of a record: its values, each field's stamp and the record's pair."""

    values: Mapping[str, Any]
    stamps: Mapping[str, Stamp]
    counts: Stamp = Stamp()

    def flipped(self) -> "Copy":
        """As the receiver reads a copy the sender described."""
        if isinstance(self.stamps, Stamps):
            return Copy(self.values, self.stamps.flipped(), self.counts.flipped())
        return Copy(
            self.values,
            {name: stamp.flipped() for name, stamp in self.stamps.items()},
            self.counts.flipped(),
        )


@dataclass(frozen=True)
class Conflict:
    field: str
    local: Any
    incoming: Any
    incoming_stamp: Stamp


class Outcome:
    ADDED = "added"  # the record was not here
    CHANGED = "changed"  # incoming changes taken, nothing local in the way
    MERGED = "merged"  # incoming changes taken beside local changes to other fields
    CONFLICT = "conflict"  # a field changed on both sides to different values
    UNCHANGED = "unchanged"  # nothing new (a bundle applied twice, an old event)


@dataclass(frozen=True)
class Merge:
    outcome: str
    copy: Copy  # the local copy after the merge
    taken: frozenset[str] = frozenset()  # fields whose incoming value was written
    conflicts: tuple[Conflict, ...] = field(default=())

    @property
    def writes(self) -> dict[str, Any]:
        """The values to write into the local record."""
        return {name: self.copy.values[name] for name in self.taken}


def with_local_changes(copy: Copy, changed: Iterable[str], current: Mapping[str, Any]) -> Copy:
    """The copy after this side changed `changed` (to the values in `current`) since the
    copy was last stamped: one more change of ours, stamped on those fields."""
    names = [name for name in changed if name in current]
    if not names:
        return copy
    counts = Stamp(copy.counts.mine + 1, copy.counts.theirs)
    if not copy.stamps and len(names) == len(current):  # a record new to the peer, whole
        return Copy(dict(current), Stamps(current, counts), counts)
    values = dict(copy.values)
    stamps = dict(copy.stamps)
    for name in names:
        values[name] = current[name]
        stamps[name] = counts
    return Copy(values, stamps, counts)


def merge(local: Copy | None, incoming: Copy) -> Merge:
    """Meet an incoming copy (already `flipped` to this side's counting) with the local one."""
    if local is None:
        return Merge(Outcome.ADDED, incoming, frozenset(incoming.values))
    values = dict(local.values)
    stamps = dict(local.stamps)
    taken: set[str] = set()
    conflicts: list[Conflict] = []
    local_changes = False
    for name, value in incoming.values.items():
        theirs = incoming.stamps.get(name, Stamp())
        ours = local.stamps.get(name, Stamp())
        if ours == theirs:
            continue
        if theirs.includes(ours):  # R-SYNC-1
            if values.get(name) != value or name not in values:
                taken.add(name)
            values[name] = value
            stamps[name] = theirs
        elif ours.includes(theirs):  # R-SYNC-2
            local_changes = local_changes or ours.mine > theirs.mine
        elif values.get(name) == value:  # R-SYNC-3, the same value on both sides
            stamps[name] = ours.joined(theirs)
        else:  # R-SYNC-3: both changed it
            conflicts.append(Conflict(name, values.get(name), value, theirs))
    counts = local.counts.joined(incoming.counts)
    merged = Copy(values, stamps, counts)
    if conflicts:
        outcome = Outcome.CONFLICT
    elif taken and local_changes:
        outcome = Outcome.MERGED  # R-SYNC-5
    elif taken:
        outcome = Outcome.CHANGED
    else:
        outcome = Outcome.UNCHANGED
    return Merge(outcome, merged, frozenset(taken), tuple(conflicts))


def resolve(copy: Copy, chosen: Mapping[str, Any], conflicts: Iterable[Conflict]) -> Copy:
    """A person chose a value for each conflicting field (R-SYNC-4): written as a new
    change of ours whose stamp includes the incoming one, so it wins on both sides."""
    counts = copy.counts
    for conflict in conflicts:
        counts = counts.joined(conflict.incoming_stamp)
    counts = replace(counts, mine=counts.mine + 1)
    values = dict(copy.values)
    stamps = dict(copy.stamps)
    for name, value in chosen.items():
        values[name] = value
        stamps[name] = counts
    return Copy(values, stamps, counts)
