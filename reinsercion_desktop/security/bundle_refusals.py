"""Why an exchange bundle (paquete de intercambio) is refused, in one Spanish line each.

Every refusal says what is wrong and what to do, names no person, and never carries a
message of pyrage or cryptography (English, and meaningless to the staff). The import
refuses before anything is applied, so each message can also say that nothing changed.
"""

from reinsercion_desktop.domain.errors import UserError

_NOTHING_DONE = "No se ha importado nada"


class BundleRefused(UserError):
    """A bundle that cannot be imported; `str(error)` is the Spanish line to show."""

    message = "El paquete no se puede importar."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)


class NotABundle(BundleRefused):
    message = (
        "Este archivo no es un paquete de intercambio de Reinserción Desktop: "
        "elija el archivo .rdpaquete que le enviaron."
    )


class BundleTruncated(BundleRefused):
    message = (
        "El paquete está incompleto: el archivo se cortó al copiarlo o descargarlo. "
        f"{_NOTHING_DONE}: pida que se lo envíen de nuevo."
    )


class BundleDamaged(BundleRefused):
    """Altered after it was made (a changed byte, a part swapped, the manifest edited).

    age cannot always tell a file cut short from one whose last block was changed: both
    fail the same check. `cut_or_altered()` says so when it is the case."""

    message = (
        "El paquete está dañado o se modificó después de crearlo. "
        f"{_NOTHING_DONE}: pida que se lo envíen de nuevo."
    )

    @classmethod
    def cut_or_altered(cls) -> "BundleDamaged":
        return cls(
            "El paquete está incompleto o dañado: el archivo se cortó o se modificó después "
            f"de crearlo. {_NOTHING_DONE}: pida que se lo envíen de nuevo."
        )


class BundleForAnotherInstallation(BundleRefused):
    message = (
        "Este paquete va dirigido a otra instalación, no a esta. "
        "Compruebe con quien lo envió a qué instalación iba dirigido."
    )

    @classmethod
    def not_encrypted_for_us(cls) -> "BundleForAnotherInstallation":
        # age's "no matching key": another recipient, or a damaged recipient line.
        return cls(
            "Este paquete no está cifrado para esta instalación: va dirigido a otra (o su "
            "cabecera está dañada). Compruebe con quien lo envió a qué instalación iba dirigido."
        )


class UnknownSender(BundleRefused):
    message = (
        "El paquete viene de una instalación que no está entre las de confianza o cuya huella "
        "aún no se ha confirmado: importe sus claves y confirme la huella antes de importarlo."
    )


class BadSignature(BundleRefused):
    """The signature does not verify under the claimed sender's key: the manifest was
    edited, or someone else signed it (the two cannot be told apart, by design)."""

    message = (
        "La firma del paquete no es de la instalación que dice enviarlo: está alterado o "
        f"falsificado. {_NOTHING_DONE}: avise a quien lo envió."
    )


class NewerBundleFormat(BundleRefused):
    message = (
        "Este paquete lo creó una versión más nueva del programa: actualice Reinserción "
        "Desktop para poder importarlo."
    )


class BundleUnreadable(BundleRefused):
    """The file itself could not be read (missing, no permission, a disk error)."""
