"""The exchange keys (issue 13): the fingerprint read by phone, the key file's "exchange"
section, and the public key file (.rdclave)."""

import json
from pathlib import Path

import pytest
from pyrage import x25519

from reinsercion_desktop.security import signing
from reinsercion_desktop.security.exchange_keys import (
    FINGERPRINT_ALPHABET,
    PUBLIC_VERSION,
    PublicKeyFileError,
    PublicKeys,
    exchange_identity,
    exchange_recipient,
    fingerprint,
    new_exchange_identity,
    normal_fingerprint,
    public_file_bytes,
    read_public_file,
    same_fingerprint,
)
from reinsercion_desktop.security.keyfile import EXCHANGE, KeyFile, KeyFileError
from reinsercion_desktop.security.keys import DataKeys

INSTALLATION = "5b0c8a3e-4c57-4a53-9a0d-1f2e3d4c5b6a"
SIGNING = bytes(range(32))
RECIPIENT = str(x25519.Identity.generate().to_public())


def sample_keys(**changes: object) -> PublicKeys:
    values: dict[str, object] = {
        "installation_id": INSTALLATION,
        "name": "Oficina FADA Sevilla",
        "code": "FADA-SE",
        "kind": "office",
        "signing_public": signing.public_bytes(signing.new_private_key()),
        "recipient": RECIPIENT,
    }
    values.update(changes)
    return PublicKeys(**values)  # type: ignore[arg-type]


# -- the fingerprint ------------------------------------------------------------------------


def test_the_fingerprint_is_four_groups_of_four_from_the_alphabet_and_stable() -> None:
    printed = fingerprint(INSTALLATION, SIGNING, RECIPIENT)
    groups = printed.split(" ")
    assert [len(group) for group in groups] == [4, 4, 4, 4]
    assert set("".join(groups)) <= set(FINGERPRINT_ALPHABET)
    assert fingerprint(INSTALLATION, SIGNING, RECIPIENT) == printed
    # A fixed vector: the format is what two installations compare, it must never drift.
    assert fingerprint("x", bytes(32), "age1zero") == "6A9K 2FM9 NJVG MMSJ"


def test_the_alphabet_has_no_look_alikes() -> None:
    assert len(FINGERPRINT_ALPHABET) == 32
    assert not set("BILO") & set(FINGERPRINT_ALPHABET)


def test_the_fingerprint_changes_with_either_key_or_the_installation() -> None:
    other_recipient = str(x25519.Identity.generate().to_public())
    base = fingerprint(INSTALLATION, SIGNING, RECIPIENT)
    assert fingerprint(INSTALLATION, bytes(32), RECIPIENT) != base
    assert fingerprint(INSTALLATION, SIGNING, other_recipient) != base
    assert fingerprint(INSTALLATION.replace("5", "6"), SIGNING, RECIPIENT) != base


@pytest.mark.parametrize(
    "typed",
    [
        "{fp}",
        "{lower}",
        "{nospace}",
        "{dashes}",
        "  {fp}  ",
    ],
)
def test_a_typed_fingerprint_forgives_case_spaces_and_dashes(typed: str) -> None:
    printed = fingerprint(INSTALLATION, SIGNING, RECIPIENT)
    text = typed.format(
        fp=printed,
        lower=printed.lower(),
        nospace=printed.replace(" ", ""),
        dashes=printed.replace(" ", "-"),
    )
    assert same_fingerprint(text, printed)


def test_a_typed_look_alike_is_read_as_the_digit() -> None:
    printed = "K7Q0 2M4X PA9R T18C"
    assert same_fingerprint("k7qo 2m4x pa9r ti8c", printed)
    assert same_fingerprint("K7QO-2M4X-PA9R-TLBC", printed)
    assert normal_fingerprint("K7QO 2M4X PA9R TLBC") == "K7Q02M4XPA9RT18C"


@pytest.mark.parametrize(
    "typed",
    ["", "K7QD 2M4X PA9R", "K7QD 2M4X PA9R T3WCX", "K7QD 2M4X PA9R T3W!", "ÑÑÑÑ 2M4X PA9R T3WC"],
)
def test_what_cannot_be_a_fingerprint_is_not_one(typed: str) -> None:
    assert normal_fingerprint(typed) is None
    assert not same_fingerprint(typed, "K7QD 2M4X PA9R T3WC")


def test_one_symbol_wrong_is_not_the_fingerprint() -> None:
    assert not same_fingerprint("K7QD 2M4X PA9R T3WD", "K7QD 2M4X PA9R T3WC")


# -- the key file's exchange section ---------------------------------------------------------


@pytest.fixture
def key_file(tmp_path: Path) -> KeyFile:
    made = KeyFile.create(tmp_path, name="Casa", code="V-1")
    made.save()
    return KeyFile.load(tmp_path)


def test_the_identity_is_wrapped_and_its_recipient_in_clear(key_file: KeyFile) -> None:
    keys = DataKeys.generate()
    assert exchange_recipient(key_file) is None
    identity = new_exchange_identity(key_file, keys)
    key_file.save()
    text = key_file.path.read_text(encoding="utf-8")
    assert str(identity) not in text and "AGE-SECRET-KEY" not in text
    again = KeyFile.load(key_file.path.parent)
    assert exchange_recipient(again) == str(identity.to_public())
    assert str(exchange_identity(again, keys)) == str(identity)


def test_another_data_key_or_an_altered_entry_does_not_open_it(key_file: KeyFile) -> None:
    keys = DataKeys.generate()
    new_exchange_identity(key_file, keys)
    with pytest.raises(KeyFileError, match="clave de intercambio"):
        exchange_identity(key_file, DataKeys.generate())
    other = str(x25519.Identity.generate().to_public())
    key_file.content[EXCHANGE]["recipient"] = other  # swapped for another public key
    with pytest.raises(KeyFileError, match="clave de intercambio"):
        exchange_identity(key_file, keys)
    del key_file.content[EXCHANGE]
    with pytest.raises(KeyFileError, match="clave de intercambio"):
        exchange_identity(key_file, keys)


def test_a_stale_key_file_object_does_not_roll_the_exchange_key_back(key_file: KeyFile) -> None:
    stale = KeyFile.load(key_file.path.parent)
    keys = DataKeys.generate()
    identity = new_exchange_identity(key_file, keys)
    key_file.save()
    stale.content["throttle"] = {"x": {"failures": 1}}
    stale.save()  # a login's throttle, read before the key was made
    again = KeyFile.load(key_file.path.parent)
    assert exchange_recipient(again) == str(identity.to_public())
    assert again.content["throttle"] == {"x": {"failures": 1}}


# -- the public key file -------------------------------------------------------------------


def test_the_public_file_round_trips_and_holds_no_private_part(tmp_path: Path) -> None:
    keys = sample_keys()
    path = tmp_path / "fada.rdclave"
    path.write_bytes(public_file_bytes(keys))
    assert read_public_file(path) == keys
    content = json.loads(path.read_text(encoding="utf-8"))
    assert content["format"] == "reinsercion-desktop/clave-publica" and content["version"] == 1
    assert "SECRET" not in path.read_text(encoding="utf-8").upper()
    assert read_public_file(path).fingerprint == keys.fingerprint


def _raw(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _write_json(path: Path, **changes: object) -> Path:
    content = sample_keys().as_json()
    for key, value in changes.items():
        if value is None:
            content.pop(key)
        else:
            content[key] = value
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("what", "make", "message"),
    [
        ("binary", lambda p: _raw(p, b"\x00\xff" * 50), "no es un archivo de clave"),
        ("empty", lambda p: _raw(p, b""), "no es un archivo de clave"),
        (
            "a backup's manifest",
            lambda p: _raw(p, b'{"format": 1, "users": {}}'),
            "no es un archivo de clave",
        ),
        ("a JSON list", lambda p: _raw(p, b"[1, 2]"), "no es un archivo de clave"),
        ("huge", lambda p: _raw(p, b" " * 100_000), "no es un archivo de clave"),
        ("newer", lambda p: _write_json(p, version=PUBLIC_VERSION + 1), "versión más nueva"),
        ("version a word", lambda p: _write_json(p, version="dos"), "no es un archivo de clave"),
        ("bad age key", lambda p: _write_json(p, age_recipient="age1nada"), "incompleta o dañada"),
        (
            "short signing key",
            lambda p: _write_json(p, signing_public="AAAA"),
            "incompleta o dañada",
        ),
        (
            "signing not base64",
            lambda p: _write_json(p, signing_public="¡no!"),
            "incompleta o dañada",
        ),
        ("no recipient", lambda p: _write_json(p, age_recipient=None), "incompleta o dañada"),
        ("unknown kind", lambda p: _write_json(p, kind="castillo"), "incompleta o dañada"),
        ("empty name", lambda p: _write_json(p, name="  "), "incompleta o dañada"),
        ("a number as id", lambda p: _write_json(p, installation_id=7), "incompleta o dañada"),
    ],
)
def test_a_file_that_is_not_a_public_key_is_one_spanish_line(
    tmp_path: Path, what: str, make, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "clave.rdclave")
    with pytest.raises(PublicKeyFileError) as refused:
        read_public_file(path)
    assert message in str(refused.value), what
    assert "\n" not in str(refused.value)


def test_a_missing_file_or_a_folder(tmp_path: Path) -> None:
    with pytest.raises(PublicKeyFileError, match="No existe"):
        read_public_file(tmp_path / "nada.rdclave")
    with pytest.raises(PublicKeyFileError, match="es una carpeta"):
        read_public_file(tmp_path)


def test_a_fifo_or_a_device_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "tuberia")
    for path in (tmp_path / "tuberia", Path("/dev/zero")):
        with pytest.raises(PublicKeyFileError, match="no es un archivo de clave"):
            read_public_file(path)


@pytest.mark.parametrize("damaged", [None, [], "age1", {"recipient": 7}, {"nonce": "x"}])
def test_a_damaged_section_is_refused_never_replaced(key_file: KeyFile, damaged: object) -> None:
    """Its peers trust the key it held: a new one would silently change the fingerprint."""
    key_file.content[EXCHANGE] = damaged
    with pytest.raises(KeyFileError, match="clave de intercambio"):
        exchange_recipient(key_file)
    with pytest.raises(KeyFileError, match="clave de intercambio"):
        exchange_identity(key_file, DataKeys.generate())
