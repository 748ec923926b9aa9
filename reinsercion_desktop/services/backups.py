"""Copias de seguridad: made by hand, at the first start of each day and when the window
closes; listed, checked and pruned (grandfather-father-son). The file format and its
checks are in `services/backup_files.py`; restoring in `services/backup_restore.py`.

Which automatic kind a copy is: the first of a month is `mensual`, else the first of an
ISO week `semanal`, else `diaria`. Pruning keeps, of each automatic kind, the newest
copy of each of the last N days / weeks / months that have one (the installation's
settings, 7, 4, 12 unless an administrator changed them). Copies made by hand, before a
migration or before a restore are never pruned.
"""

import base64
import contextlib
import json
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.backup_copy import examine
from reinsercion_desktop.db.engine import WrongKeyError
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.errors import NotFoundError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.audit_anchor import AnchorError, signed_anchor
from reinsercion_desktop.services.backup_files import (
    BackupError,
    CopySource,
    Progress,
    verify_copy,
    write_copy,
)
from reinsercion_desktop.services.backup_views import (
    AUTOMATIC,
    LEGACY_SUFFIX,
    PARTIAL_PREFIX,
    SETTING_RANGES,
    SUFFIX,
    BackupContents,
    BackupKind,
    BackupSettings,
    BackupView,
    RotationPolicy,
    parse_name,
)

if TYPE_CHECKING:
    from reinsercion_desktop.services.backup_restore import RestoreResult
    from reinsercion_desktop.services.workspace import Workspace

_LABELS = {  # as the Ajustes part of the dialog names them
    "keep_daily": "Copias diarias guardadas",
    "keep_weekly": "Copias semanales guardadas",
    "keep_monthly": "Copias mensuales guardadas",
    "reminder_days": "Días de aviso del segundo lugar",
}
ANCHOR_SUFFIX = ".ancla"  # beside a legacy copy (db/migrate.py)
PARTIAL_ABANDONED_AFTER = 6 * 3600  # seconds: a copy onto a slow USB stick takes minutes


def _quiet(_done: int, _total: int) -> None:
    return None


class BackupService:
    def __init__(self, workspace: "Workspace", policy: RotationPolicy | None = None):
        self.workspace = workspace
        self._policy = policy  # a test's own; else the installation's settings

    @property
    def policy(self) -> RotationPolicy:
        return self._policy or self.settings().policy

    # -- settings ----------------------------------------------------------------------

    def settings(self) -> BackupSettings:
        """Ajustes de las copias as stored (the defaults before the centre is set up)."""
        with self.workspace.db.read() as session:
            installation = queries.local_installation(session=session)
        if installation is None:
            return BackupSettings()
        return BackupSettings(
            installation.backup_keep_daily,
            installation.backup_keep_weekly,
            installation.backup_keep_monthly,
            installation.backup_reminder_days,
        )

    def save_settings(self, actor: Actor, settings: BackupSettings) -> BackupSettings:
        """Store the rotation and the reminder (administrators; audited)."""
        authorize(actor, PermissionAction.BACKUP_SETTINGS)
        problems = {
            name: f"{_LABELS[name]} va de {low} a {high}: {value} no sirve."
            for name, (low, high) in SETTING_RANGES.items()
            for value in [getattr(settings, name)]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high
        }
        if problems:
            raise ValidationError(problems)
        with self.workspace.db.unit_of_work(actor) as work:
            installation = queries.local_installation(session=work.session)
            if installation is None:
                raise NotFoundError("Esta carpeta de datos todavía no tiene un centro configurado.")
            installation.backup_keep_daily = settings.keep_daily
            installation.backup_keep_weekly = settings.keep_weekly
            installation.backup_keep_monthly = settings.keep_monthly
            installation.backup_reminder_days = settings.reminder_days
        return self.settings()

    @property
    def folder(self) -> Path:
        return self.workspace.paths.backups

    def _source(self) -> CopySource:
        workspace = self.workspace
        return CopySource(workspace.paths, workspace.keys, workspace.clock)

    # -- making ------------------------------------------------------------------------

    def create(
        self,
        actor: Actor,
        *,
        to: Path | None = None,
        kind: BackupKind = BackupKind.MANUAL,
        progress: Progress = _quiet,
    ) -> Path:
        """A copy in `copias/` (or `to`, e.g. a USB stick); its path."""
        authorize(actor, PermissionAction.BACKUP_MAKE)
        if to is not None and to.exists() and not to.is_dir():
            raise BackupError(f"{to} no es una carpeta: elija una carpeta para la copia.")
        return write_copy(self._source(), kind, to, progress)

    def automatic(
        self, actor: Actor, progress: Progress = _quiet, *, also_to: Path | None = None
    ) -> list[Path]:
        """The copy made at the first start of a day or when the window closes: its kind
        by the calendar, then older automatic copies pruned. `also_to`: the second place
        (a USB stick), written too when it is there (a second verified copy, pruned the
        same way); the paths written."""
        authorize(actor, PermissionAction.BACKUP_MAKE)
        now = self.workspace.clock.now().astimezone().replace(tzinfo=None)
        kind = self._kind_for(now)
        made = [write_copy(self._source(), kind, None, progress)]
        self.prune()
        if also_to is not None and also_to.is_dir():
            made.append(write_copy(self._source(), kind, also_to, progress))
            self.prune(also_to)
        return made

    def due_today(self) -> bool:
        """No automatic copy made today yet (the first start of the day makes one)."""
        today = self.workspace.clock.now().astimezone().date()
        return not any(
            view.created is not None and view.created.date() == today and view.kind in AUTOMATIC
            for view in _views(self.folder)
        )

    def _kind_for(self, now: datetime) -> BackupKind:
        automatic = [view for view in _views(self.folder) if view.kind in AUTOMATIC]
        if not any(
            view.kind is BackupKind.MONTHLY and _month(view.created) == _month(now)
            for view in automatic
        ):
            return BackupKind.MONTHLY
        if not any(
            view.kind in (BackupKind.WEEKLY, BackupKind.MONTHLY)
            and _week(view.created) == _week(now)
            for view in automatic
        ):
            return BackupKind.WEEKLY
        return BackupKind.DAILY

    def prune(self, folder: Path | None = None) -> list[Path]:
        """Delete the automatic copies the policy no longer keeps, and partial files a
        killed copy left (hidden, never mistaken for a copy) once surely abandoned; the
        copies deleted."""
        folder = folder or self.folder
        abandoned = time.time() - PARTIAL_ABANDONED_AFTER
        for partial in folder.glob(f"{PARTIAL_PREFIX}*") if folder.is_dir() else []:
            with contextlib.suppress(OSError):
                if partial.stat().st_mtime < abandoned:
                    partial.unlink()
        removed = []
        policy = self.policy  # read once: the stored settings
        for path in doomed(_views(folder), policy):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
        return removed

    # -- looking -----------------------------------------------------------------------

    def list(self, actor: Actor, folder: Path | None = None) -> list[BackupView]:
        """The copies in `copias/` (or `folder`), newest first."""
        authorize(actor, PermissionAction.BACKUP_CHECK)
        if folder is not None and not folder.is_dir():  # not "no copies" for a wrong place
            raise BackupError(f"{folder} no es una carpeta: elija la carpeta de las copias.")
        return _views(folder or self.folder)

    def verify(self, actor: Actor, path: Path, progress: Progress = _quiet) -> BackupContents:
        """Check a copy through and through; what it holds (BackupError: what is wrong)."""
        authorize(actor, PermissionAction.BACKUP_CHECK)
        workspace = self.workspace
        if path.suffix == LEGACY_SUFFIX:
            return verify_legacy(workspace.keys.sqlcipher, path)
        return verify_copy(workspace.paths.root, workspace.keys, path, progress)

    # -- restoring ---------------------------------------------------------------------

    def inspect(self, actor: Actor, path: Path, progress: Progress = _quiet) -> BackupContents:
        """What a copy holds (verified), shown before a restore replaces anything."""
        authorize(actor, PermissionAction.BACKUP_RESTORE)
        self._restorable(path)
        return verify_copy(self.workspace.paths.root, self.workspace.keys, path, progress)

    def restore(self, actor: Actor, path: Path, progress: Progress = _quiet) -> "RestoreResult":
        """Replace the data folder's database, documents and key file by the copy's, after a
        copy of the current state (services/backup_restore.py). The workspace is closed:
        the folder must be opened again."""
        authorize(actor, PermissionAction.BACKUP_RESTORE)
        self._restorable(path)
        from reinsercion_desktop.services.backup_restore import restore_copy

        return restore_copy(self.workspace, actor, path, progress)

    @staticmethod
    def _restorable(path: Path) -> None:
        if path.suffix == LEGACY_SUFFIX:
            raise BackupError(
                "Una copia de formato antiguo (.sqlite) no lleva los documentos ni el archivo "
                "de claves: no se restaura desde aquí. Avise al soporte."
            )


def _month(moment: datetime | None) -> tuple[int, int] | None:
    return (moment.year, moment.month) if moment else None


def _week(moment: datetime | None) -> tuple[int, int] | None:
    return tuple(moment.isocalendar())[:2] if moment else None  # type: ignore[return-value]


_PERIODS = {
    BackupKind.DAILY: lambda moment: moment.date(),
    BackupKind.WEEKLY: _week,
    BackupKind.MONTHLY: _month,
}


def doomed(views: Iterable[BackupView], policy: RotationPolicy) -> list[Path]:
    """The automatic copies past the policy: of each kind, all but the newest of each of
    its N most recent periods."""
    doomed_paths = []
    for kind in AUTOMATIC:
        own = sorted(
            (view for view in views if view.kind is kind and view.created is not None),
            key=lambda view: view.created,  # type: ignore[arg-type,return-value]
            reverse=True,
        )
        periods: list[object] = []
        for view in own:
            period = _PERIODS[kind](view.created)
            if period not in periods and len(periods) < policy.keep(kind):
                periods.append(period)
                continue
            doomed_paths.append(view.path)
    return doomed_paths


def _views(folder: Path) -> list[BackupView]:
    if not folder.is_dir():
        return []
    views = []
    for path in folder.iterdir():
        try:
            if path.suffix == SUFFIX and not path.name.startswith("."):
                parsed = parse_name(path)
                if parsed:
                    views.append(BackupView(path, parsed[0], parsed[1], path.stat().st_size))
            elif path.suffix == LEGACY_SUFFIX:
                stat = path.stat()
                created = datetime.fromtimestamp(stat.st_mtime)
                views.append(BackupView(path, created, BackupKind.LEGACY, stat.st_size, True))
        except OSError:
            continue  # removed meanwhile
    return sorted(views, key=lambda view: view.created or datetime.min, reverse=True)


def verify_legacy(cipher_key: str, path: Path) -> BackupContents:
    """A `.sqlite` copy of an older version (db/migrate.backup_database) with its `.ancla`:
    opened with the key, integrity, the chain, and its head against the anchor."""
    from reinsercion_desktop.services.backup_files import _require_sound

    try:
        facts = examine(path, cipher_key)
    except WrongKeyError as error:
        raise BackupError(
            "La copia es de otra instalación o está dañada: la clave de esta carpeta no la abre."
        ) from error
    except OSError as error:
        raise BackupError(f"No se pudo leer la copia {path.name}.") from error
    _require_sound(facts)
    anchor_path = path.with_suffix(ANCHOR_SUFFIX)
    if anchor_path.exists():
        try:
            witness = json.loads(anchor_path.read_text(encoding="utf-8"))
            public = base64.b64decode(witness["public"]) if witness.get("public") else None
            anchor = signed_anchor(public, witness.get("anchor"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, AnchorError) as error:
            raise BackupError(f"El ancla de la copia {path.name} no es válida.") from error
        if not any(
            p is not None and p.same_entry(facts.tail) for p in (anchor.head, anchor.pending)
        ):
            raise BackupError(
                f"El registro de auditoría de la copia {path.name} no termina donde dice su ancla."
            )
    return BackupContents(
        path=path,
        created=datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds"),
        kind=BackupKind.LEGACY.value,
        schema=facts.revision,
        app_version="",
        counts=facts.counts,
        size=path.stat().st_size,
        legacy=True,
    )
