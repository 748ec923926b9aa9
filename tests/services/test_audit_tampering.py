"""Issue 10, part 5: every tampering of the audit trail and the records, made as an attacker
holding the database key would (`sqlite3` with the key, SHA-256 re-hashing), is refused by
the triggers or found by `check_workspace` and `reinsercion check` (exit 1), in Spanish.

The attacker has the data folder and the database key; the signed anchor in the key file
(`services/audit_anchor.py`) is what they do not re-sign.
"""

from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlcipher3

from reinsercion_desktop import cli
from reinsercion_desktop.db.audit import HASHED_FIELDS, entry_hash
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.security.keyfile import KeyFile
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.registry import build_services
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD

REPORT = {
    "integracion": "Se ha integrado bien en la dinámica de la vivienda.",
    "objetivos_generales": "Laborales y familiares.",
    "actividades_iniciadas": "Taller de empleo.",
    "fecha_ingreso": "2025-12-01",
    "vivienda": "Vivienda Triana",
}


@pytest.fixture
def story(workspace, admin, make_draft, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A centre at work: a file (HIV status and all), read twice, a signed Anexo IV and an
    attachment; the command line logs in as its administrator."""
    monkeypatch.setenv(cli.USER_ENV, ADMIN_LOGIN)
    monkeypatch.setenv(cli.PASSWORD_ENV, ADMIN_PASSWORD)
    services = build_services(workspace)
    person = services.participants.create(admin, make_draft(hiv_status="negativo"))
    services.participants.open(admin, person.id)
    form = services.forms.create(admin, "anexo-iv", person.id)
    data = {**services.forms.open(admin, form.id).data, **REPORT}
    services.forms.save_draft(admin, form.id, data, expected_version=form.version)
    services.forms.finalize(admin, form.id)
    services.forms.sign(admin, form.id)
    scan = tmp_path / "consentimiento.pdf"
    scan.write_bytes(b"%PDF-1.4 consentimiento firmado")
    attachment = services.attachments.add(admin, person.id, scan)
    services.participants.open(admin, person.id)
    assert check_workspace(workspace).problems == []
    return _Story(workspace, services, admin, person.id, form.id, attachment)


class _Story:
    def __init__(self, workspace, services, admin, person_id, form_id, attachment):  # type: ignore[no-untyped-def]
        self.workspace, self.services, self.admin = workspace, services, admin
        self.person_id, self.form_id, self.attachment = person_id, form_id, attachment

    @property
    def root(self) -> Path:
        return self.workspace.paths.root

    def problems(self) -> list[str]:
        return check_workspace(self.workspace).problems

    def seqs(self) -> list[int]:
        with sql(self) as connection:
            return [row[0] for row in connection.execute("SELECT seq FROM audit_log ORDER BY seq")]

    def anchored_seq(self) -> int:
        return KeyFile.load(self.root).anchor()["payload"]["head"]["seq"]  # type: ignore[index]


class sql:  # noqa: N801 - used as `with sql(story) as connection`
    """The attacker's `sqlite3` with the key: statements committed on leaving."""

    def __init__(self, story: _Story):
        self.connection = connect(story.workspace.paths.database, story.workspace.keys.sqlcipher)

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self.connection

    def __exit__(self, *exc: object) -> None:
        with closing(self.connection):
            if exc[0] is None:
                self.connection.commit()


def drop_triggers(connection) -> None:  # type: ignore[no-untyped-def]
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("DROP TRIGGER audit_log_no_delete")


def rehash(connection) -> None:  # type: ignore[no-untyped-def]
    """Recompute every entry's link and hash, as anyone reading db/audit.py can."""
    columns = ", ".join(("seq", *HASHED_FIELDS))
    rows = connection.execute(f"SELECT {columns} FROM audit_log ORDER BY seq").fetchall()
    previous = "0" * 64
    for seq, *values in rows:
        fields = dict(zip(HASHED_FIELDS, values, strict=True))
        fields["at"] = datetime.fromisoformat(fields["at"]).replace(tzinfo=UTC)
        digest = entry_hash(previous, fields)
        connection.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (previous, digest, seq)
        )
        previous = digest


def cli_check(story: _Story, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["--data-dir", str(story.root), "check"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out


def assert_found(story: _Story, capsys, *fragments: str, cli: tuple[str, ...] = ()) -> list[str]:  # type: ignore[no-untyped-def]
    """Every fragment is in one problem of check_workspace, and `reinsercion check` exits 1
    printing it (or `cli`: what it prints once its own login was recorded)."""
    problems = story.problems()
    for fragment in fragments:
        assert any(fragment in problem for problem in problems), (fragment, problems)
    code, out = cli_check(story, capsys)
    assert code == 1, out
    assert "integridad: CON PROBLEMAS" in out
    for fragment in cli or fragments:
        assert fragment in out, (fragment, out)
    return problems


# -- the triggers ----------------------------------------------------------------------


def test_updating_or_deleting_an_audit_row_is_refused(story, capsys):  # type: ignore[no-untyped-def]
    with (
        pytest.raises(sqlcipher3.IntegrityError, match="append-only"),
        sql(story) as connection,
    ):
        connection.execute("UPDATE audit_log SET actor_login = 'otra' WHERE seq = 2")
    with (
        pytest.raises(sqlcipher3.IntegrityError, match="append-only"),
        sql(story) as connection,
    ):
        connection.execute("DELETE FROM audit_log WHERE seq = 2")
    assert story.problems() == []
    assert cli_check(story, capsys)[0] == 0


def test_triggers_left_dropped_are_found(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        drop_triggers(connection)
    problems = assert_found(story, capsys, "Faltan los disparadores", "audit_log_no_update")
    assert len(problems) == 1


def test_a_trigger_that_no_longer_refuses_is_found(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END"
        )
    assert_found(story, capsys, "audit_log_no_delete")


# -- the chain: edits and removals in the middle -----------------------------------------


def test_a_middle_row_edited_with_the_triggers_dropped_breaks_the_chain(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        drop_triggers(connection)
        connection.execute("UPDATE audit_log SET actor_login = 'otra' WHERE seq = 3")
    assert_found(story, capsys, "alterado a partir de la entrada 3", "Faltan los disparadores")


def test_a_middle_row_deleted_with_the_triggers_dropped_breaks_the_chain(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        drop_triggers(connection)
        connection.execute("DELETE FROM audit_log WHERE seq = 3")
    assert_found(story, capsys, "alterado a partir de la entrada 4", "se han borrado o añadido")


# -- the anchor: the tail, the whole log, re-hashing, forged entries ----------------------


@pytest.fixture
def long_story(story):  # type: ignore[no-untyped-def]
    for _ in range(60):  # more than 50 entries
        story.services.participants.open(story.admin, story.person_id)
    return story


def test_the_last_50_rows_deleted_are_found(long_story, capsys):  # type: ignore[no-untyped-def]
    story = long_story
    last = story.seqs()[-1]
    assert story.anchored_seq() == last
    with sql(story) as connection:
        drop_triggers(connection)
        connection.execute("DELETE FROM audit_log WHERE seq > ?", (last - 50,))
    assert_found(story, capsys, f"Falta la entrada {last} del registro", "se ha cortado su final")


def test_every_row_deleted_is_found(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        drop_triggers(connection)
        connection.execute("DELETE FROM audit_log")
    anchored = story.anchored_seq()
    assert_found(
        story,
        capsys,
        "El registro de auditoría está vacío",
        "se ha vaciado",
        # the command's own login is the log's only entry by then
        cli=(f"Falta la entrada {anchored} del registro",),
    )


def test_the_tail_deleted_and_the_app_used_again_is_found_and_no_number_reused(story, capsys):  # type: ignore[no-untyped-def]
    seqs = story.seqs()
    anchored = story.anchored_seq()
    with sql(story) as connection:
        drop_triggers(connection)
        connection.execute("DELETE FROM audit_log WHERE seq > ?", (seqs[-4],))
    # The app goes on: a file opened, a new one created.
    story.services.participants.open(story.admin, story.person_id)
    story.services.participants.create(story.admin, _other_person())
    assert story.anchored_seq() == anchored  # the evidence is kept: the anchor did not move
    new = [seq for seq in story.seqs() if seq > seqs[-4]]
    assert new and min(new) > anchored  # numbers above the anchored head: none given twice
    assert_found(story, capsys, f"Falta la entrada {anchored} del registro")


def test_a_read_entry_erased_and_the_chain_rehashed_is_found(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        drop_triggers(connection)
        connection.execute(
            "DELETE FROM audit_log WHERE seq = (SELECT min(seq) FROM audit_log WHERE action = 'read')"
        )
        rehash(connection)
    assert story.services.audit.broken_links(story.admin) == []  # the chain itself holds again
    problems = assert_found(story, capsys, "no es la que se firmó: el registro se ha reescrito")
    assert not any("alterado a partir" in problem for problem in problems)


def test_who_acted_changed_and_the_chain_rehashed_is_found(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        drop_triggers(connection)
        connection.execute("UPDATE audit_log SET actor_login = 'otra' WHERE action = 'read'")
        rehash(connection)
    assert story.services.audit.broken_links(story.admin) == []
    assert_found(story, capsys, "el registro se ha reescrito")


def test_a_forged_entry_appended_with_a_valid_hash_is_found(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        seq, last_hash = connection.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        at = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
        fields = {
            "at": at,
            "actor_id": story.admin.user_id,
            "actor_login": "admin",
            "installation_id": story.admin.installation_id,
            "action": "read",
            "entity": "participant",
            "record_id": story.person_id,
            "participant_id": story.person_id,
            "changes": "",
            "reason": "",
        }
        connection.execute(
            f"INSERT INTO audit_log (seq, {', '.join(HASHED_FIELDS)}, prev_hash, hash) "
            f"VALUES ({', '.join('?' * (len(HASHED_FIELDS) + 3))})",
            (
                seq + 1,
                "2026-01-15 10:00:00.000000",
                *list(fields.values())[1:],
                last_hash,
                entry_hash(last_hash, fields),
            ),
        )
    assert (
        story.services.audit.broken_links(story.admin) == []
    )  # a valid link: only the anchor tells
    assert_found(
        story,
        capsys,
        "Hay 1 entrada en el registro de auditoría después de la última",
        cli=("Hay 2 entradas en el registro",),  # the forged one and the command's login
    )


# -- the records, forms and files ----------------------------------------------------------


def test_hiv_status_edited_in_its_table_is_found(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        connection.execute(
            "UPDATE participant SET hiv_status = 'positivo' WHERE id = ?", (story.person_id,)
        )
    problems = assert_found(
        story, capsys, f"Ficha {story.person_id[:8]} no coincide con lo que registró la auditoría"
    )
    assert len(problems) == 1
    assert not any("positivo" in problem or "Núñez" in problem for problem in problems)


def test_a_record_added_or_removed_outside_the_app_is_found(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DELETE FROM attachment")
        connection.execute(
            "INSERT INTO vivienda (id, created_by, updated_by, version, installation_id, name, "
            "code, municipality, province, address, places_men, places_women, places_mixed) "
            "VALUES ('fuera-de-la-app', '', '', 1, '', 'Fantasma', '', '', '', '', 1, 0, 0)"
        )
    assert_found(
        story,
        capsys,
        f"Documento adjunto {story.attachment.id[:8]} falta, y el registro de auditoría no",
        "Vivienda fuera-de no tiene ninguna entrada en el registro de auditoría",
    )


def test_a_signed_forms_data_changed_is_found(story, capsys):  # type: ignore[no-untyped-def]
    with sql(story) as connection:
        (data,) = connection.execute(
            "SELECT data FROM form_instance WHERE id = ?", (story.form_id,)
        ).fetchone()
        connection.execute(
            "UPDATE form_instance SET data = ? WHERE id = ?",
            (data.replace("Taller de empleo.", "Nada."), story.form_id),
        )
    assert_found(
        story,
        capsys,
        f"El formulario firmado {story.form_id[:8]} (anexo-iv) ya no coincide con su firma",
        f"Formulario {story.form_id[:8]} no coincide con lo que registró la auditoría",
    )


@pytest.mark.parametrize("how", ["replaced", "deleted"])
def test_an_attachment_file_replaced_or_deleted_is_found(story, capsys, how):  # type: ignore[no-untyped-def]
    stored = story.services.attachments.path_of(story.attachment)
    if how == "replaced":
        stored.write_bytes(b"%PDF-1.4 otro documento")
    else:
        stored.unlink()
    assert_found(
        story, capsys, f"El archivo del documento adjunto {story.attachment.id[:8]} falta o no es"
    )


# -- the anchor itself ------------------------------------------------------------------


def test_an_anchor_edited_in_the_key_file_is_found(story, capsys):  # type: ignore[no-untyped-def]
    key_file = KeyFile.load(story.root)
    anchor = key_file.anchor()
    assert anchor is not None
    anchor["payload"]["head"]["seq"] -= 1
    key_file.set_anchor(anchor)
    key_file.save()
    assert_found(story, capsys, "su firma no es válida")


def _other_person():  # type: ignore[no-untyped-def]
    from tests.conftest import valid_draft

    return valid_draft(first_name="María", surname1="Ruiz", id_number="87654321X")


@pytest.fixture(autouse=True)
def _no_logging_handlers() -> Iterator[None]:
    """cli.main configures file logging in the data folder; leave the root logger as found."""
    import logging

    root = logging.getLogger()
    handlers = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()


def test_the_log_as_people_read_it_names_fields_never_values(story, capsys):  # type: ignore[no-untyped-def]
    """`reinsercion audit` and the viewer: which fields changed, by their labels."""
    from reinsercion_desktop.services.participants import draft_of

    people = story.services.participants
    opened = people.open(story.admin, story.person_id)
    draft = draft_of(opened)
    draft.phone = "600 111 222"
    draft.hiv_status = "positivo"
    people.update(story.admin, story.person_id, draft, expected_version=opened.version)
    capsys.readouterr()
    assert cli.main(["--data-dir", str(story.root), "audit"]) == 0
    out = capsys.readouterr().out
    assert "campos: Estado VIH, Teléfono" in out or "campos: Teléfono, Estado VIH" in out, out
    lines = story.services.audit.lines(story.admin, participant_id=story.person_id)
    viewed = next(line for line in lines if line.action == "update")  # newest: reading the log
    assert set(viewed.fields) >= {"Teléfono"}
    for value in ("600 111 222", "positivo", "Núñez", "12345678Z"):
        assert value not in out
        assert value not in str(viewed)
