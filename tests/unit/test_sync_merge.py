"""The field-by-field merge of an incoming record (domain/sync_merge.py, R-SYNC-1…5), and
the property issue 13 asks for: a centre and its office that edit at random and exchange
bundles in any interleaving converge, with nothing lost on the way."""

from dataclasses import dataclass, field
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reinsercion_desktop.domain.sync_merge import (
    Copy,
    Outcome,
    Stamp,
    merge,
    resolve,
    with_local_changes,
)


def edited(copy: Copy, **values: Any) -> Copy:
    return with_local_changes(copy, values, {**copy.values, **values})


NEW = Copy({"status": "waiting", "vivienda": None, "date": None}, {}, Stamp())


def sent(copy: Copy) -> Copy:
    """What the other side reads of a copy sent to it."""
    return copy.flipped()


def test_a_record_not_here_is_added() -> None:
    result = merge(None, sent(edited(NEW, status="assigned")))
    assert result.outcome == Outcome.ADDED
    assert result.copy.values["status"] == "assigned"


def test_r_sync_1_a_change_made_only_on_the_other_side_is_taken() -> None:
    office = edited(NEW, status="waiting")
    centre = merge(None, sent(office)).copy
    office = edited(office, vivienda="VAR Sevilla", status="assigned")
    result = merge(centre, sent(office))
    assert result.outcome == Outcome.CHANGED
    assert result.writes == {"vivienda": "VAR Sevilla", "status": "assigned"}


def test_r_sync_2_an_older_copy_changes_nothing_and_twice_is_the_same_as_once() -> None:
    office = edited(NEW, status="assigned")
    old = sent(office)
    centre = merge(None, old).copy
    centre = edited(centre, status="admitted")
    assert merge(centre, old).outcome == Outcome.UNCHANGED  # the same bundle again
    assert merge(centre, old).copy.values["status"] == "admitted"


def test_r_sync_3_the_same_field_changed_on_both_sides_is_a_conflict_and_both_are_kept() -> None:
    office = edited(NEW, status="waiting")
    centre = merge(None, sent(office)).copy
    centre = edited(centre, date="2026-12-01")
    office = edited(office, date="2026-12-03")
    result = merge(centre, sent(office))
    assert result.outcome == Outcome.CONFLICT
    assert result.copy.values["date"] == "2026-12-01"  # the local value stays…
    (conflict,) = result.conflicts
    assert (conflict.field, conflict.local, conflict.incoming) == (
        "date",
        "2026-12-01",
        "2026-12-03",
    )  # …and the incoming one is kept beside it


def test_r_sync_3_the_same_value_on_both_sides_is_no_conflict() -> None:
    office = edited(NEW, status="waiting")
    centre = merge(None, sent(office)).copy
    centre, office = edited(centre, status="resigned"), edited(office, status="resigned")
    assert merge(centre, sent(office)).outcome == Outcome.UNCHANGED


def test_r_sync_4_the_chosen_value_wins_on_both_sides() -> None:
    office = edited(NEW, status="waiting")
    centre = merge(None, sent(office)).copy
    centre, office = edited(centre, date="A"), edited(office, date="B")
    at_centre = merge(centre, sent(office))
    centre = resolve(at_centre.copy, {"date": "B"}, at_centre.conflicts)
    at_office = merge(office, sent(centre))
    assert at_office.outcome in (Outcome.CHANGED, Outcome.UNCHANGED)
    assert at_office.copy.values["date"] == "B" and not at_office.conflicts
    assert merge(centre, sent(at_office.copy)).outcome == Outcome.UNCHANGED


def test_r_sync_5_different_fields_changed_on_each_side_merge_and_say_so() -> None:
    office = edited(NEW, status="waiting")
    centre = merge(None, sent(office)).copy
    centre = edited(centre, date="2026-12-01")
    office = edited(office, vivienda="VAR Huelva")
    result = merge(centre, sent(office))
    assert result.outcome == Outcome.MERGED
    assert result.copy.values == {
        "status": "waiting",
        "vivienda": "VAR Huelva",
        "date": "2026-12-01",
    }


# -- the property: random edits, bundles in any interleaving ------------------------------

FIELDS = ("a", "b", "c")
RECORDS = ("r1", "r2")


@dataclass
class Replica:
    name: str
    copies: dict[str, Copy] = field(default_factory=dict)
    conflicts: dict[tuple[str, str], Any] = field(default_factory=dict)
    # Ground truth, independent of the stamps: the edits this side knows of, and for each
    # field the edit its value came from.
    known: set[int] = field(default_factory=set)
    origin: dict[tuple[str, str], int] = field(default_factory=dict)
    outbox: list[tuple[dict[str, Copy], frozenset[int], dict]] = field(default_factory=list)

    def edit(self, record: str, name: str, value: int, edit_id: int) -> None:
        copy = self.copies.get(record, Copy({}, {}, Stamp()))
        self.copies[record] = with_local_changes(copy, [name], {**copy.values, name: value})
        self.known.add(edit_id)
        self.origin[(record, name)] = edit_id
        self._close_conflicts(record)

    def send(self) -> None:
        self.outbox.append((dict(self.copies), frozenset(self.known), dict(self.origin)))

    def receive(self, bundle: tuple[dict[str, Copy], frozenset[int], dict]) -> None:
        copies, sender_knew, sender_origin = bundle
        for record, copy in copies.items():
            result = merge(self.copies.get(record), copy.flipped())
            for name in result.taken:
                overwritten = self.origin.get((record, name))
                # Nothing lost: a value is replaced only by a sender who knew the edit
                # that made it.
                assert overwritten is None or overwritten in sender_knew, (record, name)
                self.origin[(record, name)] = sender_origin[(record, name)]
            for conflict in result.conflicts:
                self.conflicts[(record, conflict.field)] = conflict
            self.copies[record] = result.copy
            self._close_conflicts(record)
        self.known |= sender_knew

    def resolve_all(self) -> None:
        """People choose, the same way on both sides: the larger value."""
        for (record, name), conflict in list(self.conflicts.items()):
            chosen = max(conflict.local, conflict.incoming)
            self.copies[record] = resolve(self.copies[record], {name: chosen}, [conflict])
        self.conflicts.clear()

    def _close_conflicts(self, record: str) -> None:
        """A conflict ends once the field's value includes both sides' changes."""
        stamps = self.copies[record].stamps
        for key, conflict in list(self.conflicts.items()):
            if key[0] == record and stamps[key[1]].includes(conflict.incoming_stamp):
                del self.conflicts[key]


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(
            st.just("edit"),
            st.sampled_from("CO"),
            st.sampled_from(RECORDS),
            st.sampled_from(FIELDS),
            st.integers(0, 3),
        ),
        st.tuples(st.sampled_from(["send", "deliver", "resolve"]), st.sampled_from("CO")),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(OPERATIONS)
def test_a_centre_and_its_office_converge_with_nothing_lost(operations) -> None:  # type: ignore[no-untyped-def]
    sides = {"C": Replica("centre"), "O": Replica("office")}
    other = {"C": "O", "O": "C"}
    inbox: dict[str, list] = {"C": [], "O": []}
    for number, operation in enumerate(operations):
        kind, side = operation[0], operation[1]
        replica = sides[side]
        if kind == "edit":
            _, _, record, name, value = operation
            replica.edit(record, name, value, edit_id=number)
        elif kind == "send":
            replica.send()
            inbox[other[side]].append(replica.outbox[-1])
        elif kind == "deliver" and inbox[side]:
            replica.receive(inbox[side].pop(0))  # bundles arrive in order (held until then)
        elif kind == "resolve":
            replica.resolve_all()
    # Then everything in flight arrives, people resolve what is in conflict, and the two
    # sides exchange until nothing changes.
    for side in "CO":
        while inbox[side]:
            sides[side].receive(inbox[side].pop(0))
    for _round in range(4):
        for side in "CO":
            sides[side].resolve_all()
            sides[side].send()
            sides[other[side]].receive(sides[side].outbox[-1])
    centre, office = sides["C"], sides["O"]
    assert not centre.conflicts and not office.conflicts
    assert {r: dict(c.values) for r, c in centre.copies.items()} == {
        r: dict(c.values) for r, c in office.copies.items()
    }
