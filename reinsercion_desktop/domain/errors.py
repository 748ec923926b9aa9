"""Errors whose message is written for the user, in Spanish."""


class UserError(Exception):
    """Something the user can fix; `str(error)` says what and how."""


class ValidationError(UserError):
    """Field-by-field problems: {field name: Spanish message}."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class NotFoundError(UserError):
    pass


class PermissionDenied(UserError):
    pass


class StaleRecordError(UserError):
    """Someone else saved the record after it was opened here."""


# The operating system's own texts (`strerror`) are English on most machines.
_OS_ERRORS_ES = {
    "ENOENT": "no existe ese archivo o carpeta",
    "EACCES": "no tiene permiso",
    "EPERM": "la operación no está permitida",
    "ENOSPC": "no queda espacio en el disco",
    "EDQUOT": "se ha llenado la cuota de disco",
    "EROFS": "el disco es de solo lectura",
    "EISDIR": "es una carpeta, no un archivo",
    "ENOTDIR": "una parte de la ruta no es una carpeta",
    "EEXIST": "ya existe",
    "EBUSY": "está en uso por otro programa",
    "ENAMETOOLONG": "el nombre es demasiado largo",
    "EIO": "error de lectura o escritura del disco",
    "ENODEV": "el dispositivo no está disponible",
    "ENXIO": "el dispositivo no está disponible",
    "EINVAL": "el nombre o la ruta no son válidos",
    "ETXTBSY": "está en uso por otro programa",
    "EMFILE": "hay demasiados archivos abiertos",
}


def describe_os_error(error: OSError) -> str:
    """What went wrong with a file, in Spanish (never the system's English `strerror`)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    return _OS_ERRORS_ES.get(name, "no se pudo leer o escribir el archivo")
