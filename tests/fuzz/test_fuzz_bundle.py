"""Any single changed byte, any cut, of an exchange bundle is refused (issue 13): never
accepted, never a traceback of pyrage or cryptography, always a `BundleRefused`."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reinsercion_desktop.security.bundle_file import verify_bundle
from reinsercion_desktop.security.bundle_refusals import BundleRefused
from tests.security.bundle_helpers import CENTRE, OFFICE, Installation, bundle_bytes

CENTRE_KEYS, OFFICE_KEYS = Installation.new(CENTRE), Installation.new(OFFICE)
SMALL = bundle_bytes(CENTRE_KEYS, OFFICE_KEYS, parts=[("events", [b'{"op":"insert"}\n'])])
LARGE = bundle_bytes(CENTRE_KEYS, OFFICE_KEYS)  # three of age's chunks


def verify(tmp_path, content: bytes) -> None:
    path = tmp_path / "paquete.rdpaquete"
    path.write_bytes(content)
    verify_bundle(
        path,
        identity=OFFICE_KEYS.identity,
        signer_for={CENTRE: CENTRE_KEYS.public}.get,
        own_installation_id=OFFICE,
    )


def test_the_unchanged_bundles_are_accepted(tmp_path):
    verify(tmp_path, SMALL)
    verify(tmp_path, LARGE)


def test_every_byte_of_a_small_bundle_flipped(tmp_path):
    """Each bit of age's header, its MAC (the spare bits of its last base64 character
    too) and the payload: exhaustive for one bit per byte."""
    for offset in range(len(SMALL)):
        for mask in (0x01, 0x80):
            altered = bytearray(SMALL)
            altered[offset] ^= mask
            with pytest.raises(BundleRefused):
                verify(tmp_path, bytes(altered))


@given(data=st.data(), large=st.booleans())
def test_any_byte_changed_is_refused(tmp_path_factory, data, large):
    good = LARGE if large else SMALL
    offset = data.draw(st.integers(0, len(good) - 1), label="offset")
    mask = data.draw(st.integers(1, 255), label="mask")
    altered = bytearray(good)
    altered[offset] ^= mask
    with pytest.raises(BundleRefused):
        verify(tmp_path_factory.mktemp("flip"), bytes(altered))


@given(data=st.data(), large=st.booleans())
def test_any_cut_is_refused(tmp_path_factory, data, large):
    good = LARGE if large else SMALL
    length = data.draw(st.integers(0, len(good) - 1), label="length")
    with pytest.raises(BundleRefused):
        verify(tmp_path_factory.mktemp("cut"), good[:length])


@given(extra=st.binary(min_size=1, max_size=200))
def test_bytes_added_at_the_end_are_refused(tmp_path_factory, extra):
    with pytest.raises(BundleRefused):
        verify(tmp_path_factory.mktemp("tail"), SMALL + extra)
