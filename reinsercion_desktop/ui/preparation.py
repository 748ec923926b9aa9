"""What the window needs once the password is accepted, loaded in a thread meanwhile.

Two steps, in this order, each waited for only where it is needed:

1. the ORM and the services (~0.5 s of imports, no Qt), then the form definitions —
   `catalogue()` waits for these: the database cannot be read without the ORM;
2. the main window's modules — `wait_for_window()` waits for these, and they are
   imported only once the QApplication exists (a module builds a QFont when loaded).

A person types the password meanwhile. An automated start (the benchmark, the
screenshots) begins step 1 before Qt loads, and reads the list of files while step 2
still runs: SQLCipher decrypts with Python's lock released, so the two overlap.

No Qt module is imported here, only the PySide6 package and its import hook (see
`start`): the automated start creates this before the QApplication.
"""

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from reinsercion_desktop.ui.qt_imports import lighten_import_hook


def import_login() -> None:
    """What the main thread uses before the database opens (the instance lock, the gate,
    the key file and its ciphers): imported by the main thread itself, before this thread
    starts, so the two never import one package at once."""
    import reinsercion_desktop.security.instance_lock  # noqa: F401
    import reinsercion_desktop.services.early_list  # noqa: F401  (the list read meanwhile)
    import reinsercion_desktop.services.gate  # noqa: F401
    from reinsercion_desktop.security.keyfile import load_ciphers

    load_ciphers()


def import_services() -> None:
    """What the login and the first list read need: the main thread opens the database
    with these while the window's modules load here, and it must import nothing itself
    meanwhile (two threads importing one package can fail with a «partially initialized
    module» ImportError)."""
    import reinsercion_desktop.services.accounts  # noqa: F401  (the login's actor)
    import reinsercion_desktop.services.catalogues  # noqa: F401
    import reinsercion_desktop.services.participants  # noqa: F401  (the list of files)
    import reinsercion_desktop.services.registry  # noqa: F401
    import reinsercion_desktop.services.setup  # noqa: F401  (the centre)
    import reinsercion_desktop.services.workspace  # noqa: F401  (the ORM, the engine)


def import_window() -> None:
    import reinsercion_desktop.ui.main_window  # noqa: F401


class Preparation(threading.Thread):
    def __init__(self, catalogue: Callable[[], Any] | Any) -> None:
        super().__init__(name="preload", daemon=True)
        self._load_catalogue = catalogue
        self._catalogue: Any = None
        self._error: BaseException | None = None
        self._services_ready = threading.Event()
        self.qt_ready = threading.Event()  # set by whoever made the QApplication

    def start(self) -> None:
        # PySide6's import hook in place, and cheap, before this thread imports anything:
        # installed half-way through pydantic's import it broke it (ui/qt_imports.py).
        lighten_import_hook()
        import_login()
        super().start()

    def run(self) -> None:
        try:
            import_services()
            load = self._load_catalogue
            self._catalogue = load() if callable(load) else load
        except BaseException as error:  # handed to the main thread by `catalogue()`
            self._error = error
        finally:
            self._services_ready.set()
        if self._error is None:
            self.qt_ready.wait()
            # A failure is said again, with its traceback, by the main thread's own import.
            with contextlib.suppress(BaseException):
                import_window()

    def services_ready(self) -> bool:
        return self._services_ready.is_set()

    def wait_for_services(self) -> None:
        """Until the first step has ended, whatever its outcome (a bad form definition is
        raised later, by `catalogue`). The login waits here before it opens the database,
        so two threads never import the ORM at once."""
        self._services_ready.wait()

    def catalogue(self) -> Any:
        """The form definitions once loaded (a bad one raises its DefinitionError)."""
        self._services_ready.wait()
        if self._error is not None:
            raise self._error
        return self._catalogue

    def wait_for_window(self) -> None:
        self.qt_ready.set()  # asked for the window: the QApplication exists by now
        self.join()
