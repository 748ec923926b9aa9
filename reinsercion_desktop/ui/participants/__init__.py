"""The participant file, the list of files and the new-file dialog."""
