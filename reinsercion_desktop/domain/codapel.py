"""CODAPEL: the pseudonymous code reports use instead of names (SPEC §2).

Default recipe: first two letters of each surname + birth date DDMMYY + sex.
The recipe is a setting of the office, written as a template of tokens.
"""

from datetime import date

from reinsercion_desktop.domain.text import fold

DEFAULT_RECIPE = "{AP1}{AP2}{DDMMAA}{SEXO}"
_FILLER = "X"


def _two_letters(surname: str | None) -> str:
    letters = [ch for ch in fold(surname).upper() if ch.isalpha()]
    return ("".join(letters) + _FILLER * 2)[:2]


def codapel(
    surname1: str | None,
    surname2: str | None,
    birth_date: date,
    sex: str,
    recipe: str = DEFAULT_RECIPE,
) -> str:
    """CODAPEL of a person: codapel("Núñez", "García", 7/3/1985, "H") → "NUGA070385H"."""
    return recipe.format(
        AP1=_two_letters(surname1),
        AP2=_two_letters(surname2),
        DDMMAA=birth_date.strftime("%d%m%y"),
        DDMMAAAA=birth_date.strftime("%d%m%Y"),
        SEXO=sex,
    )
