"""Frozen entry point of the command line (`reinsercion`): reinsercion_desktop.cli:main."""

import sys

from reinsercion_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
