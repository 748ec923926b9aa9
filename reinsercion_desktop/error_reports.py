"""An unexpected error, told without personal data (SPEC §9, issue 10 part 6).

The person sees a Spanish message with a short reference, never the exception's text:
an IntegrityError carries the statement's parameters (a person's name, their HIV
status…). The log of the data folder keeps the traceback under the same reference, with
the parameters of any SQL statement in the chain hidden (the engines are also made with
`hide_parameters=True`, so the statement's values never reach the exception at all).

Used by the command line (`cli.main`) and by the window's last resort (`app`).
"""

import logging
import secrets

UNEXPECTED_MESSAGE = (
    "Error inesperado (referencia {reference}): no se ha completado lo que pedía. "
    "Los detalles están en el registro de la carpeta de datos; si se repite, "
    "comunique la referencia a quien le da soporte."
)


def new_reference() -> str:
    """8 hex characters: short to read out on the phone, enough to find the log entry."""
    return secrets.token_hex(4)


def hide_statement_parameters(error: BaseException) -> None:
    """Make every SQL error in the chain (SQLAlchemy's StatementError: its `__str__`
    appends `[parameters: …]`) print without the values it was executed with."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if hasattr(current, "hide_parameters") and hasattr(current, "params"):
            current.hide_parameters = True
        current = current.__cause__ or current.__context__


def log_unexpected(error: BaseException, logger: logging.Logger | None = None) -> str:
    """Write the traceback to the log under a new reference, and return the reference."""
    reference = new_reference()
    hide_statement_parameters(error)
    (logger or logging.getLogger("reinsercion")).error(
        "unexpected error, reference %s", reference, exc_info=error
    )
    return reference


def unexpected_message(reference: str) -> str:
    return UNEXPECTED_MESSAGE.format(reference=reference)
