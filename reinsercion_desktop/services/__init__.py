"""Use cases: what staff do, as plain Python the window and the command line call."""
