"""Identity numbers and phone numbers of the demo people, valid for their country.

Spain: DNI (8 digits and the check letter) and NIE (X/Y/Z, 7 digits, check letter);
Mexico: the CURP, built as RENAPO does from the names, birth date, sex and state of birth,
with its check digit (the 18th character). The checker recomputes both.
"""

import random
import unicodedata
from datetime import date

from reinsercion_desktop.domain.identity import dni_letter

_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
_VOWELS = "AEIOU"
# First names RENAPO skips when a compound name starts with them (José Luis → L).
_SKIPPED_NAMES = {"JOSE", "J", "J.", "MARIA", "MA", "MA.", "M", "M."}
# Four-letter words RENAPO does not print: the second letter becomes an X.
_INCONVENIENT = {
    "BACA", "BAKA", "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO", "COGE",
    "COJA", "COJE", "COJI", "COJO", "CULO", "FETO", "GUEY", "JOTO", "KACA", "KACO", "KAGA",
    "KAGO", "KOGE", "KOJO", "KAKA", "KULO", "MAME", "MAMO", "MEAR", "MEAS", "MEON", "MION",
    "MOCO", "MULA", "PEDA", "PEDO", "PENE", "PUTA", "PUTO", "QULO", "RATA", "RUIN",
}  # fmt: skip
# States of birth (RENAPO codes) of people in a Mexico City programme: mostly the city.
BIRTH_STATES = ("DF",) * 12 + ("MC", "MC", "GR", "HG", "PL", "OC", "VZ", "MN", "GT")


def _plain(text: str) -> str:
    """Upper case without accents; Ñ is kept (RENAPO turns it into X where it matters)."""
    text = text.upper().replace("Ñ", "\0")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.replace("\0", "Ñ")


def _x(letter: str) -> str:
    return "X" if letter in ("Ñ", "") else letter


def _inner(word: str, wanted: str) -> str:
    """The first letter of `wanted` after the word's first letter, else X."""
    return next((c for c in word[1:] if c in wanted), "X")


def _consonants() -> str:
    return "BCDFGHJKLMNÑPQRSTVWXYZ"


def curp_check_digit(first17: str) -> str:
    """The 18th character: weighted sum of the first 17 (weights 18 … 2), modulo 10."""
    total = sum(_CURP_ALPHABET.index(c) * (18 - i) for i, c in enumerate(first17))
    return str((10 - total % 10) % 10)


def curp(first_name: str, surname1: str, surname2: str, birth: date, sex: str, state: str) -> str:
    """The CURP of a person (the homonymy character is 0 before 2000 and A after)."""
    names = _plain(first_name).split()
    given = names[1] if len(names) > 1 and names[0] in _SKIPPED_NAMES else names[0]
    paternal, maternal = _plain(surname1).split()[-1], _plain(surname2 or "").split()
    maternal_word = maternal[-1] if maternal else ""
    head = _x(paternal[0]) + _inner(paternal, _VOWELS) + _x(maternal_word[:1]) + _x(given[0])
    if head in _INCONVENIENT:
        head = head[0] + "X" + head[2:]
    consonants = _consonants()
    body = (
        f"{head}{birth:%y%m%d}{sex}{state}"
        + _x(_inner(paternal, consonants))
        + _x(_inner(maternal_word, consonants) if maternal_word else "X")
        + _x(_inner(given, consonants))
        + ("0" if birth.year < 2000 else "A")
    )
    return body + curp_check_digit(body)


def curp_problem(value: str) -> str | None:
    """Why a CURP cannot be right (format or check digit), or None."""
    if len(value) != 18 or any(c not in _CURP_ALPHABET for c in value):
        return "la CURP no tiene 18 caracteres válidos"
    if curp_check_digit(value[:17]) != value[17]:
        return "el dígito verificador de la CURP no corresponde"
    return None


def dni(number: int) -> str:
    digits = f"{10_000_000 + number * 7919 % 89_999_999:08d}"
    return digits + dni_letter(int(digits))


def nie(number: int) -> str:
    """X, Y or Z and 7 digits; the letter counts as 0, 1 or 2 for the check letter."""
    prefix = "XYZ"[number % 3]
    digits = f"{(number * 104_729) % 10_000_000:07d}"
    return f"{prefix}{digits}{dni_letter(int(str('XYZ'.index(prefix)) + digits))}"


# -- phones ------------------------------------------------------------------------------------

ANDALUSIAN_PREFIXES = {  # province → landline prefixes
    "Almería": ("950",),
    "Cádiz": ("956",),
    "Córdoba": ("957",),
    "Granada": ("958",),
    "Huelva": ("959",),
    "Jaén": ("953",),
    "Málaga": ("952", "951"),
    "Sevilla": ("954", "955"),
}


def spanish_phone(rng: random.Random, province: str = "", *, fixed: bool = False) -> str:
    """A landline of the province (954 12 34 56) or a mobile (612 345 678)."""
    if fixed:
        prefix = rng.choice(ANDALUSIAN_PREFIXES.get(province, ("954",)))
        return f"{prefix} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    first = rng.choice(("6", "6", "6", "7"))
    return f"{first}{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"


def mexico_city_phone(rng: random.Random, province: str = "", *, fixed: bool = False) -> str:
    """Ten digits with the city's area code: 55 5276 6700 (landline) or 55 3412 8890."""
    second = rng.choice("5") if fixed else rng.choice("123456789")
    return f"55 {second}{rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def phone_digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())
