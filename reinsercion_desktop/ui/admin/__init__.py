"""Administration: first run, login, users, centre settings, referring centres, audit, idle lock."""
