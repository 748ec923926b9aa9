"""Attachments (scans of signed papers, reports…) stored in the data folder with their SHA-256."""

import hashlib
import mimetypes
import shutil
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

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


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
    def __init__(self, db: Database, folder: Path):
        self.db = db
        self.folder = folder

    def list_for(self, participant_id: str) -> list[AttachmentView]:
        """The person's documents, newest first, each checked against its SHA-256."""
        with self.db.read() as session:
            records = list(queries.attachments_of(session=session, participant_id=participant_id))
        return [self._view(record, intact=self.verify(record)) for record in records]

    def path_of(self, attachment: StoredFile) -> Path:
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
        """Copy the file in, hash it, record it; a failed copy leaves no record and no file.

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
        partial = target.with_name(target.name + ".part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, partial)
            digest = sha256_of(partial)
            partial.replace(target)
        except OSError as error:
            partial.unlink(missing_ok=True)
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
                        size_bytes=size,
                        sha256=digest,
                    )
                )
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return self._view(record, intact=True)

    def open_path(self, actor: Actor, attachment_id: str) -> Path:
        """Where the stored file is, for opening it; the opening is audited as a read of
        the document, in the person's file."""
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
        return path

    def verify(self, attachment: StoredFile) -> bool:
        """True when the stored file is still byte for byte what was attached."""
        path = self.path_of(attachment)
        return path.is_file() and sha256_of(path) == attachment.sha256

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
