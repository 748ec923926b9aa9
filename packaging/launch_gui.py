"""Frozen entry point of the window (`reinsercion-desktop`): reinsercion_desktop.app:main."""

import sys

from reinsercion_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
