"""Attachments (scans of signed papers, reports…) stored encrypted in the data folder,
recorded with the SHA-256 of what was attached.

A file is encrypted on its way in (`security/files.py`: chunked AES-GCM under the data
key's `files` key): no plain copy is ever written, not even for a moment. Opening one
decrypts it into this process's private folder (`<data>/tmp/…`, 0600), which is wiped
when the window closes and, after a crash, at the next start.

`verify` checks both the encryption's tags (every chunk, its order, the end of the
file) and the SHA-256 of the plain content against the record. The hash kept is the
plain content's, not the stored bytes': it is what the paper trail names (the scan the
office holds hashes the same), it stays true if the files are ever re-encrypted under
another key, and the audit log and `reinsercion check` can compare it without knowing
the file format.
"""

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Attachment, Participant, new_id
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.errors import NotFoundError, UserError, describe_os_error
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.security.files import (
    ScratchFolder,
    TamperedFile,
    decrypt_file,
    encrypt_file,
)

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
_ALTERED = (
    "El archivo guardado de «{name}» se ha modificado en la carpeta de datos y no se abre: "
    "vuelva a adjuntar el original."
)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class StoredFile(Protocol):
    """What locating and checking a stored file needs (a view or a stored record)."""

    @property
    def participant_id(self) -> str: ...
    @property
    def stored_name(self) -> str: ...
    @property
    def sha256(self) -> str: ...


@dataclass(frozen=True)
class AttachmentView:
    """Documento adjunto as the Documentos tab shows it; `intact` says whether the file in
    the data folder is still byte for byte what was attached (checked when read)."""

    id: str
    participant_id: str
    form_instance_id: str | None
    original_name: str
    stored_name: str
    description: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: datetime | None
    created_by: str
    version: int
    intact: bool


class AttachmentService:
    """`key`: the data key's `files` key; `scratch`: where opened files are decrypted."""

    def __init__(self, db: Database, folder: Path, key: bytes, scratch: ScratchFolder):
        self.db = db
        self.folder = folder
        self._key = key
        self.scratch = scratch

    @classmethod
    def of(cls, workspace) -> "AttachmentService":  # type: ignore[no-untyped-def]
        """The attachments of an open data folder (services.workspace.Workspace)."""
        return cls(
            workspace.db, workspace.paths.attachments, workspace.keys.files, workspace.scratch
        )

    def list_for(self, participant_id: str) -> list[AttachmentView]:
        """The person's documents, newest first, each checked against its SHA-256."""
        with self.db.read() as session:
            records = list(queries.attachments_of(session=session, participant_id=participant_id))
        return [self._view(record, intact=self.verify(record)) for record in records]

    def path_of(self, attachment: StoredFile) -> Path:
        """Where the encrypted file is stored (to open it, use `open_path`)."""
        return self.folder / attachment.participant_id / attachment.stored_name

    def add(
        self,
        actor: Actor,
        participant_id: str,
        source: Path,
        description: str = "",
        *,
        form_instance_id: str | None = None,
    ) -> AttachmentView:
        """Encrypt the file in, hash it, record it; a failed copy leaves no record and no file.

        `form_instance_id`: the signed paper form this file is the scan of."""
        authorize(actor, PermissionAction.ATTACHMENT_ADD)
        if not source.is_file():
            raise UserError(f"No se encuentra el archivo {source.name}.")
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise UserError(f"{source.name} ocupa más de 200 MB: escanéelo a menor resolución.")
        if len(description) > 200:
            raise UserError("La descripción es demasiado larga (máx. 200 caracteres).")
        with self.db.read() as session:  # before touching the disk: the id names a folder
            if session.get(Participant, participant_id) is None:
                raise NotFoundError("La ficha ya no existe.")
        record_id = new_id()
        stored_name = f"{record_id}{source.suffix.lower()}"
        target = self.folder / participant_id / stored_name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            plain = encrypt_file(self._key, source, target)
        except OSError as error:
            raise UserError(
                f"No se pudo guardar {source.name}: {describe_os_error(error)}. "
                "Compruebe que hay espacio en el disco."
            ) from error
        try:
            with self.db.unit_of_work(actor) as work:
                if work.get(Participant, participant_id) is None:
                    raise NotFoundError("La ficha ya no existe.")
                record = work.add(
                    Attachment(
                        id=record_id,
                        participant_id=participant_id,
                        form_instance_id=form_instance_id,
                        original_name=source.name[:255],
                        stored_name=stored_name,
                        description=description.strip(),
                        content_type=mimetypes.guess_type(source.name)[0] or "",
                        size_bytes=plain.size,
                        sha256=plain.sha256,
                    )
                )
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return self._view(record, intact=True)

    def open_path(self, actor: Actor, attachment_id: str) -> Path:
        """The document decrypted into a private file (0600, in `<data>/tmp/`) for the
        system's viewer, wiped when the window closes; the opening is audited as a read of
        the document, in the person's file. A file altered in the data folder is refused."""
        authorize(actor, PermissionAction.ATTACHMENT_OPEN)
        with self.db.unit_of_work(actor) as work:
            record = work.get(Attachment, attachment_id)
            if record is None:
                raise NotFoundError("El documento ya no existe.")
            path = self.path_of(record)
            if not path.is_file():
                raise UserError(
                    f"El archivo de «{record.original_name}» ya no está en la carpeta de datos: "
                    "vuelva a adjuntar el original."
                )
            work.record_read("attachment", record.id, participant_id=record.participant_id)
            name, expected = record.original_name, record.sha256
        try:
            opened, handle = self.scratch.new_file(name)
        except OSError as error:
            raise UserError(
                f"No se pudo preparar «{name}» para abrirlo: {describe_os_error(error)}."
            ) from error
        try:
            with handle:
                plain = decrypt_file(self._key, path, handle)
        except (TamperedFile, OSError) as error:
            self.scratch.discard(opened)
            if isinstance(error, OSError):
                raise UserError(
                    f"No se pudo abrir «{name}»: {describe_os_error(error)}."
                ) from error
            raise UserError(_ALTERED.format(name=name)) from error
        if plain.sha256 != expected:
            self.scratch.discard(opened)
            raise UserError(_ALTERED.format(name=name))
        return opened

    def verify(self, attachment: StoredFile) -> bool:
        """True when the stored file decrypts (every chunk authentic, none missing or
        added) to exactly what was attached (its SHA-256)."""
        path = self.path_of(attachment)
        try:
            return path.is_file() and decrypt_file(self._key, path).sha256 == attachment.sha256
        except (TamperedFile, OSError):
            return False

    @staticmethod
    def _view(record: Attachment, *, intact: bool) -> AttachmentView:
        return AttachmentView(
            id=record.id,
            participant_id=record.participant_id,
            form_instance_id=record.form_instance_id,
            original_name=record.original_name,
            stored_name=record.stored_name,
            description=record.description,
            content_type=record.content_type,
            size_bytes=record.size_bytes,
            sha256=record.sha256,
            created_at=record.created_at,
            created_by=record.created_by,
            version=record.version,
            intact=intact,
        )
