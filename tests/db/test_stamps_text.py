"""The stamps of a record as `sync_stamp` keeps them (db/exchange_state_queries): the
shortcut for a record whose fields share one pair writes what the general form writes,
and reads back the same."""

from reinsercion_desktop.db.exchange_state_queries import stamps_of_text, stamps_text
from reinsercion_desktop.domain.change_events import compact_stamps
from reinsercion_desktop.domain.sync_merge import Stamp, Stamps

FIELDS = ("status", "note", "vivienda_id")


def test_one_pair_for_every_field_is_written_as_the_general_form_writes_it() -> None:
    for pair in (Stamp(0, 1), Stamp(3, 2), Stamp(0, 1)):  # the second (0, 1) from the cache
        stamps = Stamps(FIELDS, pair)
        text = stamps_text(stamps)
        assert text == f'{{"*":[{pair.mine},{pair.theirs}]}}'
        assert dict(stamps_of_text(text, FIELDS)) == dict(stamps)


def test_fields_apart_and_plain_mappings_keep_the_general_form() -> None:
    apart = Stamps(FIELDS, Stamp(1, 1), {"note": Stamp(2, 1)})
    assert stamps_text(apart) == '{"*":[1,1],"note":[2,1]}'
    plain = {"status": Stamp(1, 0), "note": Stamp(1, 0), "vivienda_id": Stamp(2, 0)}
    assert stamps_text(plain) == '{"*":[1,0],"vivienda_id":[2,0]}'
    assert compact_stamps(plain) == {"*": [1, 0], "vivienda_id": [2, 0]}
    assert stamps_text({}) == "{}"


def test_a_record_taken_new_is_stamped_as_its_copy_flipped_would_be() -> None:
    from reinsercion_desktop.db.exchange_state_queries import StampRow, received_params
    from reinsercion_desktop.domain.sync_merge import Copy

    for stamps in (
        Stamps(FIELDS, Stamp(3, 1)),
        Stamps(FIELDS, Stamp(3, 1), {"note": Stamp(4, 2)}),
        {"status": Stamp(1, 0), "note": Stamp(2, 0), "vivienda_id": Stamp(1, 0)},
    ):
        described = Copy({}, stamps, Stamp(4, 2))  # as the peer counts it
        expected = StampRow("r", "referral", described.flipped(), None, "confirmed", 7)
        assert received_params(
            "peer", "r", "referral", 4, 2, stamps, "confirmed", 7
        ) == expected.as_params("peer")
