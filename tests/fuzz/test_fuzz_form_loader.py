"""Fuzzing the form-definition loader (forms/loader.py) with mutated copies of the real
definitions: a valid catalogue, or a DefinitionError (a UserError) of one Spanish line
that names the file; never another exception."""

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reinsercion_desktop.forms.loader import DefinitionError, load_catalogue, load_definition
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.paths import forms_dir

SHIPPED = sorted(forms_dir().glob("*.json"))
ORIGINALS = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in SHIPPED}
BAD_NAME = "zz-mutado.v1.json"

json_leaf = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**40, max_value=10**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "x" * 100_000, "ñ\u202e\x00", "text", "choice", "anexo-i", "R-REF-2"])
)
json_value = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


def _containers(node: Any, path: tuple = ()) -> list[tuple]:
    """The path of every dict and list in the tree."""
    found = [path] if isinstance(node, (dict, list)) else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += _containers(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _containers(child, (*path, index))
    return found


def _at(node: Any, path: tuple) -> Any:
    for step in path:
        node = node[step]
    return node


@st.composite
def mutated_tree(draw: st.DrawFn) -> Any:
    tree = json.loads(json.dumps(ORIGINALS[draw(st.sampled_from(sorted(ORIGINALS)))]))
    for _ in range(draw(st.integers(1, 4))):
        containers = _containers(tree)
        container = _at(tree, draw(st.sampled_from(containers)))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        action = draw(st.sampled_from(["drop", "replace", "add", "duplicate", "rename"]))
        if not keys or action == "add":
            if isinstance(container, dict):
                container[draw(st.text(max_size=12) | st.sampled_from(["id", "kind", "x"]))] = draw(
                    json_value
                )
            else:
                container.append(draw(json_value))
            continue
        key = draw(st.sampled_from(keys))
        if action == "drop":
            del container[key]
        elif action == "replace":
            container[key] = draw(json_value)
        elif action == "duplicate":
            if isinstance(container, list):
                container.append(json.loads(json.dumps(container[key])))
            else:
                container[str(key) + "_"] = json.loads(json.dumps(container[key]))
        elif isinstance(container, dict):  # rename
            container[draw(st.text(max_size=12))] = container.pop(key)
    return tree


def _encode(tree: Any, how: str) -> bytes:
    text = json.dumps(tree, ensure_ascii=False, indent=1)
    if how == "latin-1":
        return text.encode("latin-1", errors="replace")
    if how == "utf-16":
        return text.encode("utf-16")
    return text.encode("utf-8")


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    data = SHIPPED[draw(st.integers(0, len(SHIPPED) - 1))].read_bytes()
    action = draw(st.sampled_from(["truncate", "flip", "insert", "nest", "utf-16", "latin-1"]))
    offset = draw(st.integers(0, len(data) - 1))
    if action == "truncate":
        return data[:offset]
    if action == "flip":
        return (
            data[:offset] + bytes([data[offset] ^ draw(st.integers(1, 255))]) + data[offset + 1 :]
        )
    if action == "insert":
        return data[:offset] + draw(st.binary(min_size=1, max_size=8)) + data[offset:]
    if action == "nest":
        depth = draw(st.integers(10, 50_000))
        return data[:offset] + b"[" * depth + b"1" + b"]" * depth + data[offset:]
    text = data.decode("utf-8")
    return text.encode("utf-16" if action == "utf-16" else "latin-1", errors="replace")


def _assert_clear(error: DefinitionError, name: str) -> None:
    message = str(error)
    assert message.startswith(f"{name}: "), message
    assert "\n" not in message and "Traceback" not in message, message


def _load_one(data: bytes) -> FormDefinition | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / BAD_NAME
        path.write_bytes(data)
        try:
            return load_definition(path)
        except DefinitionError as error:
            _assert_clear(error, BAD_NAME)
            return None


@given(mutated_tree(), st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16"]))
def test_a_mutated_definition_loads_or_is_named(tree: Any, encoding: str) -> None:
    _load_one(_encode(tree, encoding))


@given(mutated_bytes())
def test_damaged_bytes_load_or_are_named(data: bytes) -> None:
    _load_one(data)


@given(mutated_tree())
def test_a_catalogue_with_one_mutated_file_loads_or_names_it(tree: Any) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for path in SHIPPED:
            (folder / path.name).write_bytes(path.read_bytes())
        (folder / BAD_NAME).write_bytes(_encode(tree, "utf-8"))
        try:
            catalogue = load_catalogue(folder)
        except DefinitionError as error:
            message = str(error)
            # a bad file is named; a good one may repeat an id and version already loaded
            assert message.startswith(f"{BAD_NAME}: ") or "definido dos veces" in message, message
            assert "\n" not in message
        else:
            assert set(catalogue.versions) >= {json.loads(p.read_text())["id"] for p in SHIPPED}
