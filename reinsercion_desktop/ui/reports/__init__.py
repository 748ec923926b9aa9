"""The Informes dock: reports and quality indicators on screen, and saved as PDF/CSV/XLSX."""
