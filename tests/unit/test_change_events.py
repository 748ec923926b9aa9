"""The change events of a bundle (domain/change_events.py): a record and its versions
travel as one line and come back the same; a line that is not a well-formed event, or
whose content does not match its hash, is refused."""

import contextlib
import hashlib
import json

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reinsercion_desktop.domain.change_events import (
    BadEvent,
    ChangeEvent,
    content_hash,
    decode,
    encode,
    make_event,
)
from reinsercion_desktop.domain.sync_merge import Copy, Stamp

ROW = {
    "id": "5a1e0c2e-0000-4000-8000-000000000001",
    "status": "assigned",
    "planned_admission_date": "2026-12-14",
    "prison": 1,
    "note": 'Línea con «comillas» y "escapes" \\ 𝄞',
    "vivienda_id": None,
}


def event() -> ChangeEvent:
    copy = Copy(ROW, {"status": Stamp(2, 1), "prison": Stamp(1, 0)}, Stamp(2, 1))
    return make_event(
        "referral", ROW, copy, origin="inst-1", changed_at="2026-12-08T10:00:00+00:00",
        changed_by="ana",
    )  # fmt: skip


def test_an_event_travels_as_one_line_and_comes_back_the_same() -> None:
    line = encode(event())
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    back = decode(line)
    assert back == event()
    assert back.fields["note"] == ROW["note"] and "id" not in back.fields
    assert back.stamps["vivienda_id"] == Stamp()  # a field never changed: (0, 0)
    assert (back.version, back.base_version) == (2, 1)


def test_a_record_sent_whole_carries_one_pair_for_all_its_fields() -> None:
    whole = Copy(ROW, {}, Stamp())
    from reinsercion_desktop.domain.sync_merge import with_local_changes

    fields = {name: value for name, value in ROW.items() if name != "id"}
    sent = make_event("referral", ROW, with_local_changes(whole, fields, fields), origin="i",
                      changed_at=None, changed_by="ana")  # fmt: skip
    document = json.loads(encode(sent))
    assert document["s"] == {"*": [1, 0]}
    back = decode(encode(sent))
    assert {name: back.stamps[name] for name in fields} == dict.fromkeys(fields, Stamp(1, 0))


def test_an_altered_value_no_longer_matches_its_hash() -> None:
    document = json.loads(encode(event()))
    document["f"]["status"] = "admitted"
    with pytest.raises(BadEvent):
        decode(json.dumps(document).encode())


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("hash"),
        lambda d: d.update(op="delete-everything"),
        lambda d: d.update(v=-1),
        lambda d: d.update(v=True),
        lambda d: d["f"].update(status={"nested": 1}),
        lambda d: d["s"].update(ghost=[1, 0]),  # the pair of a field the line lacks
        lambda d: d["s"].update(status=[1]),
        lambda d: d["s"].update(status=[1, True]),  # a pair already read as (1, 1) or not
        lambda d: d["s"].update(status=[True, 1]),
        lambda d: d["s"].update(status=[2, -1]),
        lambda d: d["s"].pop("*"),  # without the common pair every field must be named
        lambda d: d.update(t=7),
    ],
)
def test_a_malformed_event_is_refused(change) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(encode(event()))
    change(document)
    with pytest.raises(BadEvent):
        decode(json.dumps(document).encode())


@given(st.binary(max_size=200))
def test_any_bytes_are_an_event_or_refused_never_an_unexpected_error(data: bytes) -> None:
    with contextlib.suppress(BadEvent):
        decode(data)


# The canonical text the hash was defined on (docs/bundle-format.md): compact JSON, not
# ASCII-escaped, of [table, id, [[field, value]… by name]].
CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def canonical_hash(table: str, record_id: str, fields: dict) -> str:
    text = CANONICAL.encode([table, record_id, sorted(fields.items())])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


SCALARS = (
    st.text()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=False, allow_infinity=False)
)


@given(st.dictionaries(st.text(min_size=1, max_size=12), SCALARS, max_size=8), st.text())
def test_the_content_hash_is_the_canonical_one_whatever_the_values(fields, record_id) -> None:  # type: ignore[no-untyped-def]
    """The fast encoder (orjson) must give the canonical text byte for byte, or hand over to
    the canonical encoder (floats, integers past 64 bits): a bundle from an older version
    hashes the same. Surrogates cannot be UTF-8 at all and are left out."""
    texts = [record_id, *fields, *(v for v in fields.values() if isinstance(v, str))]
    assume(not any("\ud800" <= c <= "\udfff" for text in texts for c in text))
    assert content_hash("referral", record_id, fields) == canonical_hash(
        "referral", record_id, fields
    )
