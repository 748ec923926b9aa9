"""Attachments (scans of signed papers, reports…) stored in the data folder with their SHA-256."""

import hashlib
import mimetypes
import shutil
from pathlib import Path

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Attachment, Participant, new_id
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.errors import NotFoundError, UserError

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class AttachmentService:
    def __init__(self, db: Database, folder: Path):
        self.db = db
        self.folder = folder

    def list_for(self, participant_id: str) -> list[Attachment]:
        with self.db.read() as session:
            return list(queries.attachments_of(session=session, participant_id=participant_id))

    def path_of(self, attachment: Attachment) -> Path:
        return self.folder / attachment.participant_id / attachment.stored_name

    def add(
        self, actor: Actor, participant_id: str, source: Path, description: str = ""
    ) -> Attachment:
        """Copy the file in, hash it, record it; a failed copy leaves no record and no file."""
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
                f"No se pudo guardar {source.name}: {error.strerror}. "
                "Compruebe que hay espacio en el disco."
            ) from error
        try:
            with self.db.unit_of_work(actor) as work:
                if work.get(Participant, participant_id) is None:
                    raise NotFoundError("La ficha ya no existe.")
                return work.add(
                    Attachment(
                        id=record_id,
                        participant_id=participant_id,
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

    def verify(self, attachment: Attachment) -> bool:
        """True when the stored file is still byte for byte what was attached."""
        path = self.path_of(attachment)
        return path.is_file() and sha256_of(path) == attachment.sha256
