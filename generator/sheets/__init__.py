"""Sheets: the City's follow-up as a spreadsheet, out and back in."""
