"""Cells for the CSV files people open in a spreadsheet.

A spreadsheet runs a cell that begins with "=", "+", "-", "@", a tab or a
carriage return as a formula (OWASP, "CSV Injection"), so a title typed as
'=HYPERLINK(...)' must reach the reader as text. A number, negative ones
included, is left a number.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe_cell(value):
    """The value as a spreadsheet will show it, never run it: text that a
    spreadsheet would take for a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if not _is_number(value):
            return "'" + value
    return value
