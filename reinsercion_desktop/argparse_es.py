"""argparse in Spanish, for both commands (`reinsercion` and `reinsercion-desktop`).

argparse looks every message up through gettext when it is shown (`argparse._` and
`argparse.ngettext`, module globals). Python ships no Spanish catalogue for them, so
this module holds one — every message of Python 3.11's argparse a person can meet —
and `SpanishArgumentParser` installs it. «show program's version number and exit» is a
default argument, not a lookup: `add_version` gives it in Spanish.
"""

import argparse
import sys
from typing import NoReturn

ARGPARSE_ES = {
    "usage: ": "uso: ",
    "options": "opciones",
    "positional arguments": "argumentos",
    "show this help message and exit": "muestra esta ayuda y sale",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "opción no válida: %(value)r (elija entre %(choices)s)"
    ),
    "the following arguments are required: %s": "faltan estos argumentos: %s",
    "one of the arguments %s is required": "hace falta uno de estos argumentos: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "expected one argument": "falta el valor",
    "expected at most one argument": "se esperaba como mucho un valor",
    "expected at least one argument": "se esperaba al menos un valor",
    "invalid %(type)s value: %(value)r": "valor no válido: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "opción ambigua: %(option)s puede ser %(matches)s"
    ),
    "not allowed with argument %s": "no se puede usar junto con %s",
    "ignored explicit argument %r": "se ha ignorado el valor %r",
    "can't open '%(filename)s': %(error)s": "no se puede abrir «%(filename)s»: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "orden desconocida %(parser_name)r (elija entre %(choices)s)"
    ),
    "unexpected option string: %s": "opción inesperada: %s",
}
NGETTEXT_ES = {
    "expected %s argument": ("se esperaba %s valor", "se esperaban %s valores"),
    "conflicting option string: %s": ("opción repetida: %s", "opciones repetidas: %s"),
}


def _gettext(message: str) -> str:
    return ARGPARSE_ES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    forms = NGETTEXT_ES.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[0] if n == 1 else forms[1]


def install() -> None:
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


class SpanishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own messages are Spanish; wrong usage exits with 2."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        install()
        super().__init__(*args, **kwargs)

    def add_version(self, version: str) -> None:
        self.add_argument(
            "--version", action="version", version=version, help="muestra la versión y sale"
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: uso incorrecto: {message}\n")
