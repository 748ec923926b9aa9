"""Every way a bundle is refused (issue 13, deliverable 3): one Spanish line that says
what is wrong and what to do, never a message of pyrage or cryptography."""

import pyrage
import pytest

from reinsercion_desktop.security import bundle_frames as frames
from reinsercion_desktop.security.bundle_file import verify_bundle
from reinsercion_desktop.security.bundle_refusals import (
    BadSignature,
    BundleDamaged,
    BundleForAnotherInstallation,
    BundleRefused,
    BundleTruncated,
    BundleUnreadable,
    NewerBundleFormat,
    NotABundle,
    UnknownSender,
)
from reinsercion_desktop.security.bundle_writer import Plaintext
from tests.security.bundle_helpers import (
    CENTRE,
    OFFICE,
    SAMPLE_PARTS,
    Installation,
    bundle_bytes,
    header,
    saved,
)

ENGLISH = ("error", "header", "mac", "decrypt", "key", "invalid", "buffer", "signature")


@pytest.fixture(scope="module")
def centre() -> Installation:
    return Installation.new(CENTRE)


@pytest.fixture(scope="module")
def office() -> Installation:
    return Installation.new(OFFICE)


@pytest.fixture(scope="module")
def good(centre, office) -> bytes:
    return bundle_bytes(centre, office)  # ~150 KB: three of age's 64 KiB chunks


def refusal(tmp_path, content: bytes, centre, office, **options) -> BundleRefused:
    options.setdefault("signer_for", {centre.id: centre.public}.get)
    with pytest.raises(BundleRefused) as caught:
        verify_bundle(
            saved(tmp_path, content),
            identity=options.pop("identity", office.identity),
            own_installation_id=office.id,
            **options,
        )
    text = str(caught.value)
    assert text and "\n" not in text and text.endswith(".")
    assert not any(word in text.lower().split() for word in ENGLISH), text
    # No pyrage or cryptography error chained to it (a traceback would show it).
    error = caught.value
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    return caught.value


def plaintext(centre, parts=SAMPLE_PARTS, version=frames.FORMAT_VERSION, **changes) -> bytes:
    return b"".join(Plaintext(header(**changes), parts, centre.signing_key, version).chunks())


def encrypted(office: Installation, content: bytes) -> bytes:
    return pyrage.encrypt(content, [office.identity.to_public()])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"Hola, esto es una carta.\n",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        bytes(range(256)) * 40,
        b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n",
    ],
    ids=["empty", "text", "pdf", "binary", "armored"],
)
def test_any_other_file_is_not_a_bundle(tmp_path, centre, office, content):
    error = refusal(tmp_path, content, centre, office)
    assert type(error) is NotABundle
    assert "no es un paquete de intercambio" in str(error)


def test_an_age_file_that_is_not_a_bundle_inside(tmp_path, centre, office):
    for content in (b"hola", b"reinsercion-desktop/bundle uno\n", b"x" * 100_000):
        assert type(refusal(tmp_path, encrypted(office, content), centre, office)) is NotABundle


def test_a_missing_file_is_said_in_spanish(tmp_path, centre, office):
    with pytest.raises(BundleUnreadable, match="no existe ese archivo"):
        verify_bundle(
            tmp_path / "no-esta.rdpaquete",
            identity=office.identity,
            signer_for=lambda _sender: None,
            own_installation_id=office.id,
        )


def test_cut_short_anywhere(tmp_path, centre, office, good):
    header_end = good.index(b"\n", good.index(b"\n--- ") + 1) + 1
    lengths = [1, 10, 21, 60, header_end - 1, header_end, header_end + 8, header_end + 16]
    lengths += [header_end + 30, 70_000, 131_088 + header_end + 16, len(good) - 17, len(good) - 1]
    for length in lengths:
        error = refusal(tmp_path, good[:length], centre, office)
        assert isinstance(error, BundleTruncated | BundleDamaged), length
        assert "cortó" in str(error), (length, str(error))
    # Where the length alone proves it, the message says only that it was cut.
    for length in (10, 60, header_end, header_end + 16, header_end + 30):
        assert type(refusal(tmp_path, good[:length], centre, office)) is BundleTruncated


def test_a_changed_byte_anywhere(tmp_path, centre, office, good):
    header_end = good.index(b"\n", good.index(b"\n--- ") + 1) + 1
    for offset in (0, 19, 30, 80, header_end - 3, header_end + 2, header_end + 40, 66_000):
        altered = bytearray(good)
        altered[offset] ^= 0x20
        error = refusal(tmp_path, bytes(altered), centre, office)
        assert isinstance(
            error, BundleDamaged | NotABundle | BundleForAnotherInstallation | NewerBundleFormat
        ), offset
    # In the payload, before age's last chunk, it can only be a change.
    for offset in (header_end + 40, 66_000, 100_000):
        altered = bytearray(good)
        altered[offset] ^= 1
        error = refusal(tmp_path, bytes(altered), centre, office)
        assert type(error) is BundleDamaged
        assert str(error) == BundleDamaged.message


def test_addressed_to_another_installation(tmp_path, centre, office, good):
    stranger = Installation.new("otra-9c9c")
    error = refusal(tmp_path, good, centre, office, identity=stranger.identity)
    assert type(error) is BundleForAnotherInstallation
    assert "no está cifrado para esta instalación" in str(error)
    # Encrypted with our key, but the signed manifest names another recipient.
    inside = plaintext(centre, recipient=stranger.id)
    error = refusal(tmp_path, encrypted(office, inside), centre, office)
    assert str(error) == BundleForAnotherInstallation.message
    assert "va dirigido a otra instalación" in str(error)


def test_from_an_unknown_or_unconfirmed_sender(tmp_path, centre, office, good):
    error = refusal(tmp_path, good, centre, office, signer_for=lambda _sender: None)
    assert type(error) is UnknownSender
    assert "confirme la huella" in str(error)


def test_signed_by_someone_else(tmp_path, centre, office):
    impostor = Installation.new(CENTRE)  # claims to be the centre, with its own key
    error = refusal(tmp_path, bundle_bytes(impostor, office), centre, office)
    assert type(error) is BadSignature
    assert "no es de la instalación que dice enviarlo" in str(error)


def test_the_manifest_edited_and_encrypted_again(tmp_path, centre, office, good):
    inside = pyrage.decrypt(good, [office.identity])
    edited = inside.replace(b'"sequence":3', b'"sequence":4')
    assert edited != inside
    error = refusal(tmp_path, encrypted(office, edited), centre, office)
    assert type(error) is BadSignature


def test_parts_swapped_or_changed_under_a_good_signature(tmp_path, centre, office):
    good_inside = plaintext(centre)
    # The signed trailer (manifest, signature, end) of a genuine bundle…
    trailer_start = good_inside.index(frames.MANIFEST + b"\x00")
    genuine_trailer = good_inside[trailer_start:]
    # …after the same parts in another order, or a part with other bytes.
    swapped = plaintext(centre, parts=[SAMPLE_PARTS[2], SAMPLE_PARTS[0], SAMPLE_PARTS[1]])
    changed = plaintext(centre, parts=[("events", [b"otra cosa"]), *SAMPLE_PARTS[1:]])
    for forged in (swapped, changed):
        content = forged[: forged.index(frames.MANIFEST + b"\x00")] + genuine_trailer
        error = refusal(tmp_path, encrypted(office, content), centre, office)
        assert type(error) is BundleDamaged


def test_a_newer_format_asks_to_update(tmp_path, centre, office, good):
    inner = encrypted(office, plaintext(centre, version=(2, 0)))
    outer = b"age-encryption.org/v2\n" + good[len(b"age-encryption.org/v1\n") :]
    for content in (inner, outer):
        error = refusal(tmp_path, content, centre, office)
        assert type(error) is NewerBundleFormat
        assert "versión más nueva del programa: actualice" in str(error)
    # A newer minor version of the same major is read.
    manifest = verify_bundle(
        saved(tmp_path, encrypted(office, plaintext(centre, version=(1, 7)))),
        identity=office.identity,
        signer_for={centre.id: centre.public}.get,
        own_installation_id=office.id,
    )
    assert manifest.format == (1, 7)
    # What this program reads can be set lower (the import service's own limit).
    error = refusal(tmp_path, good, centre, office, supported_format=0)
    assert type(error) is NewerBundleFormat


def test_the_format_document_gives_every_message():
    from pathlib import Path

    document = (Path(__file__).parents[2] / "docs" / "bundle-format.md").read_text("utf-8")
    messages = [
        kind.message
        for kind in (
            NotABundle,
            BundleTruncated,
            BundleDamaged,
            BundleForAnotherInstallation,
            UnknownSender,
            BadSignature,
            NewerBundleFormat,
        )
    ]
    messages += [str(BundleDamaged.cut_or_altered())]
    messages += [str(BundleForAnotherInstallation.not_encrypted_for_us())]
    for message in messages:
        assert message in document
    assert frames.header_line() == b"reinsercion-desktop/bundle 1.0\n"
    assert "`reinsercion-desktop/bundle 1.0\\n` (31 bytes)" in document
    assert len(frames.header_line()) == 31
