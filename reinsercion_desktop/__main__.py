"""`python -m reinsercion_desktop` opens the window."""

import sys

from reinsercion_desktop.app import main

sys.exit(main())
