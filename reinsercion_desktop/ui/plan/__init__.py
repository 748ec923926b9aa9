"""The reintegration plan tab of a participant's file and its dialogs."""
