"""Files for people: the IKM chart (PNG), the processing spreadsheet (XLSX), QR posters (PNG/PDF)
and export rows (CSV, JSON lines). matplotlib and openpyxl are heavy, so each renderer imports
them when it is first called, not when the bot starts."""
