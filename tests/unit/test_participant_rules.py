"""Rules of a participant's file: the draft check, look-alikes and the list filter."""

from datetime import date

import pytest

from reinsercion_desktop.domain.codapel import codapel
from reinsercion_desktop.domain.participant import (
    MAX_METHADONE_MG,
    REQUIRED,
    TEXT_LIMITS,
    ParticipantDraft,
    PersonKey,
    check_draft,
    is_similar_person,
    search_key,
)
from reinsercion_desktop.domain.participant_list import ListFilter, ParticipantRow, filter_rows

TODAY = date(2026, 1, 15)


def draft(**overrides) -> ParticipantDraft:
    values = {
        "first_name": "José",
        "surname1": "Núñez",
        "surname2": "García",
        "birth_date": "07/03/1985",
        "sex": "H",
        "id_kind": "dni",
        "id_number": "12345678Z",
    }
    values.update(overrides)
    return ParticipantDraft(**values)


# -- check_draft -------------------------------------------------------------------------


def test_valid_draft_has_no_problems_and_reads_the_birth_date():
    birth, problems = check_draft(draft(), TODAY)
    assert problems == {}
    assert birth == date(1985, 3, 7)


def test_birth_date_may_come_as_a_date_object():
    birth, problems = check_draft(draft(birth_date=date(1985, 3, 7)), TODAY)
    assert problems == {}
    assert birth == date(1985, 3, 7)


def test_empty_draft_gets_one_message_per_required_field():
    birth, problems = check_draft(ParticipantDraft(), TODAY)
    assert birth is None
    assert problems == REQUIRED
    assert set(problems) == {"first_name", "surname1", "birth_date", "sex"}


@pytest.mark.parametrize("name", ["first_name", "surname1"])
def test_blank_required_text_is_reported(name):
    _, problems = check_draft(draft(**{name: "   "}), TODAY)
    assert problems == {name: REQUIRED[name]}


def test_blank_sex_is_reported():
    _, problems = check_draft(draft(sex=""), TODAY)
    assert problems == {"sex": REQUIRED["sex"]}
    _, problems = check_draft(draft(sex=" "), TODAY)
    assert set(problems) == {"sex"}


def test_blank_birth_date_is_reported():
    birth, problems = check_draft(draft(birth_date="  "), TODAY)
    assert birth is None
    assert problems == {"birth_date": REQUIRED["birth_date"]}


def test_second_surname_is_optional():
    _, problems = check_draft(draft(surname2=""), TODAY)
    assert problems == {}


def test_future_birth_date_is_refused():
    _, problems = check_draft(draft(birth_date="16/01/2026"), TODAY)
    assert "posterior a hoy" in problems["birth_date"]


def test_birth_date_today_is_refused_as_too_young():
    _, problems = check_draft(draft(birth_date=TODAY), TODAY)
    assert "menos de 12 años" in problems["birth_date"]


def test_birth_before_1900_is_refused():
    _, problems = check_draft(draft(birth_date="31/12/1899"), TODAY)
    assert "anterior a 1900" in problems["birth_date"]


def test_birth_on_first_day_of_1900_is_accepted():
    _, problems = check_draft(draft(birth_date="01/01/1900"), TODAY)
    assert "birth_date" not in problems


def test_impossible_birth_date_text_is_explained():
    birth, problems = check_draft(draft(birth_date="31/02/1990"), TODAY)
    assert birth is None
    assert "no existe" in problems["birth_date"]


def test_unreadable_birth_date_text_is_explained():
    birth, problems = check_draft(draft(birth_date="el año pasado"), TODAY)
    assert birth is None
    assert "dd/mm/aaaa" in problems["birth_date"]


@pytest.mark.parametrize(("name", "limit"), sorted(TEXT_LIMITS.items()))
def test_text_longer_than_its_limit_is_refused(name, limit):
    ok = draft(**{name: "a" * limit}) if name != "id_number" else None
    if ok is not None:
        _, problems = check_draft(ok, TODAY)
        assert name not in problems
    _, problems = check_draft(draft(**{name: "a" * (limit + 1)}), TODAY)
    assert name in problems
    assert f"máximo es {limit}" in problems[name]


def test_text_limits_match_the_database_columns():
    from reinsercion_desktop.db.models import Participant

    columns = Participant.__table__.columns  # type: ignore[attr-defined]
    for name, limit in TEXT_LIMITS.items():
        assert columns[name].type.length == limit, name


@pytest.mark.parametrize("dose", [-1, MAX_METHADONE_MG + 1])
def test_methadone_dose_out_of_range_is_refused(dose):
    _, problems = check_draft(draft(ptm=True, methadone_dose_mg=dose), TODAY)
    assert "methadone_dose_mg" in problems
    assert str(MAX_METHADONE_MG) in problems["methadone_dose_mg"]


@pytest.mark.parametrize("dose", [0, 80, MAX_METHADONE_MG, None])
def test_methadone_dose_in_range_is_accepted(dose):
    _, problems = check_draft(draft(ptm=True, methadone_dose_mg=dose), TODAY)
    assert problems == {}


def test_unknown_sex_is_refused():
    _, problems = check_draft(draft(sex="X"), TODAY)
    assert problems == {"sex": "Elija Hombre o Mujer."}


def test_wrong_dni_letter_is_reported_on_id_number():
    _, problems = check_draft(draft(id_number="12345678A"), TODAY)
    assert set(problems) == {"id_number"}


def test_unknown_id_kind_is_refused():
    _, problems = check_draft(draft(id_kind="carnet"), TODAY)
    assert "id_kind" in problems


def test_passport_numbers_are_not_checked():
    _, problems = check_draft(draft(id_kind="pasaporte", id_number="AB123"), TODAY)
    assert problems == {}


@pytest.mark.parametrize(("name", "value"), [("hiv_status", "quizá"), ("status", "perdido")])
def test_values_outside_their_lists_are_refused(name, value):
    _, problems = check_draft(draft(**{name: value}), TODAY)
    assert name in problems


def test_several_problems_are_reported_together():
    _, problems = check_draft(
        draft(first_name="", birth_date="31/02/1990", sex="Q", id_number="1"), TODAY
    )
    assert set(problems) == {"first_name", "birth_date", "sex", "id_number"}


# -- look-alikes -------------------------------------------------------------------------

OTHER = PersonKey("p-1", "José Núñez García", date(1985, 3, 7), "12345678Z")


def test_same_id_number_is_similar_whatever_the_name_and_date():
    why = is_similar_person("Pedro Gómez", date(1990, 1, 1), "12.345.678-z", OTHER)
    assert why == "mismo número de documento"


def test_same_birth_date_and_accentless_name_is_similar():
    why = is_similar_person("jose nunez garcia", date(1985, 3, 7), "", OTHER)
    assert why == "misma fecha de nacimiento y nombre parecido"


def test_same_birth_date_and_slightly_misspelt_name_is_similar():
    why = is_similar_person("Jose Nuñes Garcia", date(1985, 3, 7), "", OTHER)
    assert why == "misma fecha de nacimiento y nombre parecido"


def test_similar_name_but_other_birth_date_is_not_similar():
    assert is_similar_person("José Núñez García", date(1985, 3, 8), "", OTHER) == ""


def test_same_birth_date_but_different_name_is_not_similar():
    assert is_similar_person("María Peña Ibáñez", date(1985, 3, 7), "", OTHER) == ""


def test_different_person_with_different_id_is_not_similar():
    assert is_similar_person("María Peña Ibáñez", date(1990, 1, 1), "X1234567L", OTHER) == ""


def test_no_id_number_on_either_side_is_not_a_match():
    no_id = PersonKey("p-2", "Pedro Gómez", date(1990, 1, 1), "")
    assert is_similar_person("María Peña", date(1990, 1, 1), "", no_id) == ""


def test_blank_id_number_does_not_match_a_person_without_id():
    # A form field left with a space (or " - ") is no document at all: a different
    # person born the same day without a document must not be "the same document".
    no_id = PersonKey("p-2", "Pedro Gómez", date(1990, 1, 1), "")
    assert is_similar_person("María Peña", date(1990, 1, 1), " ", no_id) == ""


# -- search key --------------------------------------------------------------------------


def test_search_key_is_folded_and_holds_names_id_and_codapel():
    key = search_key("José", "Núñez", "García", "12.345.678-Z", "NUGA070385H")
    assert key == "nunez garcia jose 12345678z nuga070385h"  # surnames first: it sorts the list


def test_search_key_without_second_surname_or_id_has_single_spaces():
    assert search_key("Ana", "Ruiz", "", "", "RUXX010190M") == "ruiz ana ruxx010190m"


# -- the list filter ---------------------------------------------------------------------


def row(
    row_id: str,
    first: str,
    s1: str,
    s2: str,
    birth: date,
    sex: str,
    id_number: str = "",
    status: str = "derivado",
    vivienda_id: str | None = None,
    archived: bool = False,
) -> ParticipantRow:
    code = codapel(s1, s2, birth, sex)
    return ParticipantRow(
        id=row_id,
        surname1=s1,
        surname2=s2,
        first_name=first,
        codapel=code,
        id_number=id_number,
        birth_date=birth,
        sex=sex,
        status=status,
        vivienda_id=vivienda_id,
        vivienda_name="",
        archived=archived,
        search_key=search_key(first, s1, s2, id_number, code),
        case_manager="",
    )


ROWS = [
    row(
        "garcia",
        "Manuel",
        "García",
        "López",
        date(1980, 1, 2),
        "H",
        "12345678Z",
        status="en_estancia",
        vivienda_id="v1",
    ),
    row(
        "nunez",
        "Lucía",
        "Núñez",
        "Ortega",
        date(1975, 6, 30),
        "M",
        "X1234567L",
        status="en_espera",
        vivienda_id="v2",
    ),
    row(
        "pena",
        "José",
        "Peña",
        "García",
        date(1990, 11, 5),
        "H",
        "",
        status="en_estancia",
        vivienda_id="v2",
    ),
    row(
        "old",
        "Rocío",
        "Gómez",
        "",
        date(1969, 4, 4),
        "M",
        "00000000T",
        status="alta",
        archived=True,
    ),
]


def ids(rows):
    return [r.id for r in rows]


def test_empty_search_lists_every_active_row():
    assert ids(filter_rows(ROWS, ListFilter())) == ["garcia", "nunez", "pena"]


def test_search_without_accents_finds_accented_surname():
    assert ids(filter_rows(ROWS, ListFilter(text="garcia"))) == ["garcia", "pena"]
    assert ids(filter_rows(ROWS, ListFilter(text="nunez"))) == ["nunez"]


def test_search_with_accents_and_capitals_finds_the_same():
    assert ids(filter_rows(ROWS, ListFilter(text="NÚÑEZ"))) == ["nunez"]


def test_search_words_match_in_any_order():
    assert ids(filter_rows(ROWS, ListFilter(text="garcia jose"))) == ["pena"]
    assert ids(filter_rows(ROWS, ListFilter(text="jose garcia"))) == ["pena"]
    assert ids(filter_rows(ROWS, ListFilter(text="garcia lucia"))) == []


def test_search_by_prefix():
    assert ids(filter_rows(ROWS, ListFilter(text="luc"))) == ["nunez"]


def test_search_by_codapel():
    code = ROWS[0].codapel
    assert code == "GALO020180H"
    assert ids(filter_rows(ROWS, ListFilter(text=code))) == ["garcia"]
    assert ids(filter_rows(ROWS, ListFilter(text=code.lower()))) == ["garcia"]


def test_search_by_id_number_with_dots_and_dashes():
    assert ids(filter_rows(ROWS, ListFilter(text="12.345.678-z"))) == ["garcia"]
    assert ids(filter_rows(ROWS, ListFilter(text="x-1234567-l"))) == ["nunez"]
    assert ids(filter_rows(ROWS, ListFilter(text="12345678Z"))) == ["garcia"]


def test_status_filter():
    assert ids(filter_rows(ROWS, ListFilter(status="en_estancia"))) == ["garcia", "pena"]
    assert ids(filter_rows(ROWS, ListFilter(status="en_espera"))) == ["nunez"]


def test_sex_filter():
    assert ids(filter_rows(ROWS, ListFilter(sex="M"))) == ["nunez"]
    assert ids(filter_rows(ROWS, ListFilter(sex="H"))) == ["garcia", "pena"]


def test_vivienda_filter():
    assert ids(filter_rows(ROWS, ListFilter(vivienda_id="v2"))) == ["nunez", "pena"]


def test_filters_and_text_combine():
    wanted = ListFilter(text="garcia", status="en_estancia", vivienda_id="v2", sex="H")
    assert ids(filter_rows(ROWS, wanted)) == ["pena"]


def test_archived_rows_are_hidden_unless_asked_for():
    assert ids(filter_rows(ROWS, ListFilter(text="gomez"))) == []
    assert ids(filter_rows(ROWS, ListFilter(text="gomez", include_archived=True))) == ["old"]
    assert "old" in ids(filter_rows(ROWS, ListFilter(include_archived=True)))


def test_full_name_of_a_row():
    assert ROWS[0].full_name == "García López, Manuel"
    assert ROWS[3].full_name == "Gómez, Rocío"
