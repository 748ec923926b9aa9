"""Form definitions that cannot be read (issue 11): one Spanish line naming the file, the
line when there is one, and what to do; never a traceback."""

import json
from pathlib import Path

import pytest

from reinsercion_desktop.forms.loader import DefinitionError, load_catalogue, load_definition
from reinsercion_desktop.paths import forms_dir

SHIPPED = forms_dir()


def a_shipped_definition() -> Path:
    return sorted(SHIPPED.glob("*.json"))[0]


def test_latin_1_bytes_name_the_file_and_the_line(tmp_path: Path) -> None:
    text = a_shipped_definition().read_text(encoding="utf-8")
    assert any(ord(c) > 127 for c in text)  # Spanish titles: accents to be mangled
    path = tmp_path / "anexo-x.v1.json"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    first_bad = next(i for i, c in enumerate(text) if ord(c) > 127)
    line = text[:first_bad].count("\n") + 1
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    assert str(caught.value) == (
        f"anexo-x.v1.json: no está en UTF-8 (línea {line}; ¿se guardó como Latin-1 o ANSI?). "
        "Guárdelo de nuevo como UTF-8 o reinstale el programa."
    )


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    source = a_shipped_definition()
    path = tmp_path / source.name
    path.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    assert load_definition(path) == load_definition(source)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "no es JSON válido (línea 1, columna 1)"),
        (b"[" * 100_000, "no es JSON válido (RecursionError)"),
        (b'{"id": ' + b"9" * 5000 + b"}", "no es JSON válido (ValueError)"),
        (b"[]", "definición incorrecta en raíz"),
        (json.dumps({"id": "x"}).encode(), "definición incorrecta en version"),
    ],
    ids=["empty", "deep", "long-number", "a-list", "incomplete"],
)
def test_malformed_files_are_one_clear_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "roto.json"
    path.write_bytes(content)
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    message = str(caught.value)
    assert message.startswith(f"roto.json: {expected}"), message
    assert "\n" not in message
    assert message.endswith("reinstale el programa.")


def test_the_catalogue_names_the_bad_file_among_good_ones(tmp_path: Path) -> None:
    for source in SHIPPED.glob("*.json"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "zz-roto.v1.json").write_bytes('{"título": "Ñ"}'.encode("latin-1"))
    with pytest.raises(DefinitionError, match=r"^zz-roto\.v1\.json: no está en UTF-8 \(línea 1;"):
        load_catalogue(tmp_path)


def test_a_key_with_a_line_break_still_gives_one_spanish_line(tmp_path: Path) -> None:
    # Found by tests/fuzz: the key was echoed as it was, line break and English included.
    tree = json.loads(a_shipped_definition().read_text(encoding="utf-8"))
    tree["a\nb"] = 1
    tree["sections"][0]["fields"][0]["kind"] = "x" * 5000
    path = tmp_path / "roto.json"
    path.write_text(json.dumps(tree), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    message = str(caught.value)
    assert message.startswith("roto.json: definición incorrecta en ")
    assert "\n" not in message and "Input should" not in message and "Extra inputs" not in message
    assert len(message) < 700
