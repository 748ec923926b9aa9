"""A centre and its office edit the same people at random and exchange bundles delivered
in any order — some late, some twice, some held behind a missing one — then resolve what
conflicts and exchange again: both end with the same values, and a value written on one
side only is never lost (issue 13, «Done when»; R-SYNC-1…5 through the real services,
databases and bundle files)."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reinsercion_desktop.db.models import Participant
from reinsercion_desktop.services.exchange_conflicts import (
    KEEP_LOCAL,
    TAKE_INCOMING,
    ConflictService,
)
from tests.services.exchange_pair import Side, make_pair
from tests.services.test_exchange import _edit, stored
from tests.services.test_exchange import _shared_person as shared_person

FIELDS = ("phone", "address")
VALUES = st.sampled_from(["600000001", "611111111", "C/ Sol 1", "C/ Luna 2", "Plaza 3"])
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.sampled_from(["centre", "office"]),
                  st.sampled_from(FIELDS), VALUES),
        st.tuples(st.just("export"), st.sampled_from(["centre", "office"])),
        st.tuples(st.just("deliver"), st.integers(0, 30)),
    ),
    min_size=4, max_size=18,
)  # fmt: skip


def _settle(centre: Side, office: Side, who: str, in_flight: list) -> None:
    """Everything in flight delivered, conflicts resolved on each side, and bundles
    exchanged until neither side has anything new."""
    for recipient, path in in_flight:
        recipient.take(path)
    for _ in range(4):
        for side, choice in ((centre, KEEP_LOCAL), (office, TAKE_INCOMING)):
            service = ConflictService(side.db)
            for conflict in service.open(side.admin):
                service.resolve(side.admin, conflict.id, choice)
        office.take(centre.export().path)
        centre.take(office.export().path)
        open_anywhere = ConflictService(centre.db).open(centre.admin) + ConflictService(
            office.db
        ).open(office.admin)
        if not open_anywhere and _values(centre, who) == _values(office, who):
            return
    raise AssertionError("no convergence after 4 rounds")


def _values(side: Side, who: str) -> dict:
    record = stored(side, Participant, who)
    return {name: getattr(record, name) for name in FIELDS}


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_centre_and_office_converge_with_nothing_lost(steps) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        centre, office = make_pair(Path(folder))
        try:
            sides = {"centre": centre, "office": office}
            who = shared_person((centre, office))
            written: dict[tuple[str, str], str] = {}  # (side, field) → the last value written
            in_flight: list[tuple[Side, Path]] = []
            for step in steps:
                if step[0] == "edit":
                    _, name, field, value = step
                    _edit(sides[name], who, **{field: value})
                    written[(name, field)] = value
                elif step[0] == "export":
                    sender = sides[step[1]]
                    other = office if sender is centre else centre
                    in_flight.append((other, sender.export().path))
                elif in_flight:
                    recipient, path = in_flight[step[1] % len(in_flight)]
                    recipient.take(path)  # delivered now, and maybe again later
            _settle(centre, office, who, in_flight)
            final = _values(centre, who)
            assert final == _values(office, who)
            for field in FIELDS:
                mine, theirs = written.get(("centre", field)), written.get(("office", field))
                if mine is not None and theirs is None:
                    assert final[field] == mine  # written at the centre only: kept
                if theirs is not None and mine is None:
                    assert final[field] == theirs  # written at the office only: kept
        finally:
            centre.workspace.close()
            office.workspace.close()
