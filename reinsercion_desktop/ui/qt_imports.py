"""PySide6's import hook, made cheap and safe before the start-up imports begin.

Importing PySide6 replaces Python's `__import__` with shiboken's, which asks of every
module imported afterwards whether it uses PySide (for `from __feature__ import …`, per
module): `_mod_uses_pyside` reads the module's whole source with `inspect.getsource`.
Two costs, both measured here:

- ~0.2 s of the window's start-up: the ORM, the services and their libraries are ~300
  modules, each read again from disk;
- a race: `getsource` probes attributes of the module, and pydantic answers a missing
  one by importing more of itself; while pydantic is half-imported in the start-up's
  background thread, that import fails (a circular ImportError, one automated start
  in 25).

This application never uses `__feature__`, so the answer is known from the module's
name: the window's own modules use PySide, nothing else needs switching. The check is
replaced only where PySide6 still has it (it is pinned below 6.12, see pyproject).
"""

from types import ModuleType

OWN_QT_MODULES = ("reinsercion_desktop.ui", "PySide6")


def _uses_pyside(module: ModuleType) -> bool:
    return getattr(module, "__name__", "").startswith(OWN_QT_MODULES)


def lighten_import_hook() -> bool:
    """Import PySide6 and make its per-import check a name test; True if it was replaced."""
    import PySide6  # noqa: F401  (installs shiboken's import hook)

    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside
    return True
