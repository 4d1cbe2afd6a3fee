"""Cells for the CSV files people open in a spreadsheet.

A spreadsheet runs a cell that begins with "=", "+", "-", "@", a tab or a
carriage return as a formula (OWASP, "CSV Injection"), so a title typed as
'=HYPERLINK(...)' must reach the reader as text. A number, negative ones
included, is left a number.
"""

import csv
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe_cell(value):
    """The value as a spreadsheet will show it, never run it: text that a
    spreadsheet would take for a formula gets a leading apostrophe. Numbers
    and empty cells stay as they are; anything else (a person, an
    organisation) is written as its text, and guarded like any text."""
    if value is None or isinstance(value, (bool, int, float, Decimal)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def write_rows(stream, rows):
    """CSV rows, every cell through `safe_cell`."""
    writer = csv.writer(stream)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)


class _Line:
    """A file whose write hands back what is written, so csv.writer makes a
    line at a time."""

    def write(self, text):
        return text


def csv_lines(rows):
    """The CSV rows one line at a time, as `write_rows` writes them: for a
    download sent as it is made, never held whole."""
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])
