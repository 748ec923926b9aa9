"""PyInstaller runtime hook, run before the program starts (TECH-NOTES trap 10).

matplotlib (if a later version uses it) writes its font cache to MPLCONFIGDIR; inside a
frozen app the default may be unwritable or rebuilt at every start, so point it at the
user's cache folder unless someone chose one already.
"""

import os


def _point_matplotlib_at_a_cache_dir() -> None:
    if os.environ.get("MPLCONFIGDIR"):
        return
    try:
        import platformdirs

        cache = platformdirs.user_cache_dir("ReinsercionDesktop", "Reinsercion")
    except Exception:  # never stop the program for a cache folder
        import tempfile

        cache = tempfile.gettempdir()
    os.environ["MPLCONFIGDIR"] = os.path.join(cache, "matplotlib")


_point_matplotlib_at_a_cache_dir()
