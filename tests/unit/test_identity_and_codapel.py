"""DNI/NIE check letters, CURP shape, and the CODAPEL pseudonymous code."""

from datetime import date

import pytest

from reinsercion_desktop.domain.codapel import DEFAULT_RECIPE, codapel
from reinsercion_desktop.domain.enums import IdKind
from reinsercion_desktop.domain.identity import dni_letter, id_number_problem

# -- DNI ---------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["12345678Z", "12.345.678-z", " 12345678 z ", "00000000T"])
def test_valid_dni_has_no_problem(number):
    assert id_number_problem(IdKind.DNI, number) is None


def test_dni_with_wrong_letter_is_refused():
    problem = id_number_problem(IdKind.DNI, "12345678A")
    assert problem is not None
    assert "letra del DNI no corresponde" in problem


@pytest.mark.parametrize("number", ["1234567Z", "123456789Z", "12345678", "ABCDEFGHZ", "X1234567L"])
def test_dni_of_wrong_shape_is_refused_with_an_example(number):
    problem = id_number_problem(IdKind.DNI, number)
    assert problem is not None
    assert "8 cifras y una letra" in problem


def test_dni_letter_table():
    assert dni_letter(12345678) == "Z"
    assert dni_letter(0) == "T"
    assert dni_letter(22) == "E"
    assert dni_letter(23) == "T"


# -- NIE ---------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["X1234567L", "x-1234567-l", "Y1234567X", "Z1234567R"])
def test_valid_nie_has_no_problem(number):
    assert id_number_problem(IdKind.NIE, number) is None


def test_nie_prefix_counts_in_the_letter():
    # Same digits, the prefix X/Y/Z stands for 0/1/2 in the check.
    assert id_number_problem(IdKind.NIE, "Y1234567L") is not None
    assert id_number_problem(IdKind.NIE, "Z1234567L") is not None


def test_nie_with_wrong_letter_is_refused():
    problem = id_number_problem(IdKind.NIE, "X1234567A")
    assert problem is not None
    assert "letra del NIE no corresponde" in problem


@pytest.mark.parametrize("number", ["A1234567L", "X123456L", "12345678Z"])
def test_nie_of_wrong_shape_is_refused(number):
    problem = id_number_problem(IdKind.NIE, number)
    assert problem is not None
    assert "X, Y o Z" in problem


# -- CURP and others ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["GODE561231HDFRRN09", "MAPR050307MDFRRSA5", "gode561231hdfrrn09"]
)
def test_curp_of_right_shape_has_no_problem(number):
    assert id_number_problem(IdKind.CURP, number) is None


@pytest.mark.parametrize(
    "number",
    [
        "GODE561231XDFRRN09",  # sex must be H or M
        "GODE561231HDFRRN0",  # 17 characters
        "GODE561231HDFRRN099",  # 19 characters
        "G0DE561231HDFRRN09",  # digit among the first four letters
    ],
)
def test_curp_of_wrong_shape_is_refused(number):
    problem = id_number_problem(IdKind.CURP, number)
    assert problem is not None
    assert "CURP" in problem


@pytest.mark.parametrize("kind", [IdKind.PASSPORT, IdKind.OTHER, None])
def test_passport_other_and_unknown_kinds_are_not_checked(kind):
    assert id_number_problem(kind, "whatever 123") is None


@pytest.mark.parametrize("number", ["", None, "  "])
def test_empty_number_is_not_a_problem(number):
    assert id_number_problem(IdKind.DNI, number) is None


# -- CODAPEL -----------------------------------------------------------------------------


def test_codapel_default_recipe():
    assert codapel("Núñez", "García", date(1985, 3, 7), "H") == "NUGA070385H"


def test_codapel_lower_case_and_accents_fold_to_plain_capitals():
    assert codapel("ávila", "ÑANDÚ", date(1999, 12, 31), "M") == "AVNA311299M"


def test_codapel_missing_second_surname_is_padded_with_x():
    assert codapel("Núñez", "", date(1985, 3, 7), "H") == "NUXX070385H"
    assert codapel("Núñez", None, date(1985, 3, 7), "H") == "NUXX070385H"


def test_codapel_one_letter_surname_is_padded_with_x():
    assert codapel("O", "Li", date(2001, 1, 2), "M") == "OXLI020101M"


def test_codapel_skips_non_letters_in_surnames():
    assert codapel("D'Alessandro", "de la Peña", date(1970, 5, 1), "H") == "DADE010570H"


def test_codapel_custom_recipe_with_four_digit_year():
    recipe = "{SEXO}-{AP2}{AP1}-{DDMMAAAA}"
    assert codapel("Núñez", "García", date(1985, 3, 7), "H", recipe) == "H-GANU-07031985"


def test_default_recipe_is_the_documented_one():
    assert DEFAULT_RECIPE == "{AP1}{AP2}{DDMMAA}{SEXO}"
