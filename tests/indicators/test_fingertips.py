"""Fingertips' "all data" CSV: import by column name, bad rows reported with
their line numbers, idempotent upsert, and export in the same shape."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators import fingertips, summary
from indicators.models import Area, ImportJob, Indicator, IndicatorValue
from tests import files
from tests.helpers import FINGERTIPS_ROWS, fingertips_csv


@pytest.mark.django_db
def test_import_by_name_with_an_unknown_column_and_twice_changes_nothing():
    result = fingertips.import_csv(
        fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS, extra_column=True)
    )
    assert (result.created, result.updated, result.errors) == (3, 0, [])
    stamped = IndicatorValue.objects.get(area__code="E08000026").updated_at
    again = fingertips.import_csv(fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert IndicatorValue.objects.count() == 3
    # An unchanged value is not rewritten: it is not "new since the last meeting".
    assert IndicatorValue.objects.get(area__code="E08000026").updated_at == stamped
    coventry = IndicatorValue.objects.get(area__code="E08000026")
    assert (coventry.value, coventry.lower_ci_95, coventry.sex) == (
        61.0,
        58.9,
        "Female",
    )
    assert coventry.compared_to_parent == "Similar"
    assert coventry.area.parent.code == "E12000005"
    assert Indicator.objects.get().fingertips_id == 90362


@pytest.mark.django_db
def test_columns_in_another_order_and_a_parent_column_named_after_its_type():
    header = list(reversed(fingertips.HEADER))
    header[header.index("Compared to Region value or percentiles")] = (
        "Compared to Counties & UAs (from Apr 2023) value or percentiles"
    )
    rows = [list(reversed(r)) for r in FINGERTIPS_ROWS]
    result = fingertips.import_csv(fingertips_csv(header, rows))
    assert result.errors == [] and result.created == 3
    assert IndicatorValue.objects.get(area__code="E08000026").compared_to_parent == (
        "Similar"
    )


@pytest.mark.django_db
def test_bad_rows_are_reported_with_line_numbers_and_good_rows_kept():
    bad = [list(r) for r in FINGERTIPS_ROWS]
    bad[0][12] = "sixty"  # value not a number
    bad[1][4] = "W. Midlands"  # not a GSS code
    bad[2][12], bad[2][13], bad[2][14] = "70", "58.9", "63.1"  # outside its CI
    rows = [
        *bad,
        FINGERTIPS_ROWS[0][:0] + ["", *FINGERTIPS_ROWS[0][1:]],
        FINGERTIPS_ROWS[0],
    ]
    result = fingertips.import_csv(fingertips_csv(fingertips.HEADER, rows))
    assert result.errors == [
        (2, '"Value" is not a number: "sixty"'),
        (3, '"W. Midlands" is not a GSS area code'),
        (4, "the value lies outside its 95% confidence interval"),
        (5, "missing Indicator ID"),
    ]
    assert result.created == 1


@pytest.mark.django_db
def test_a_file_without_the_needed_columns_is_refused():
    result = fingertips.import_csv(io.StringIO("Area,Value\nCoventry,61\n"))
    assert (
        result.errors[0][0] == 1
        and "the header lacks Indicator ID" in result.errors[0][1]
    )


@pytest.mark.django_db
def test_import_then_export_gives_the_same_rows(client):
    fingertips.import_csv(fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS))
    response = client.get(reverse("indicators:export", args=["csv"]))
    exported = list(csv.reader(io.StringIO(response.content.decode())))
    assert exported[0] == fingertips.HEADER
    assert sorted(exported[1:]) == sorted(FINGERTIPS_ROWS)
    as_json = client.get(reverse("indicators:export", args=["json"])).json()
    assert len(as_json["values"]) == 3


@pytest.mark.django_db
def test_export_keeps_negative_numbers_and_defuses_formulas(client):
    """A name a spreadsheet would run comes out as text; a negative figure
    (a gap or a slope can be below nought) stays a number."""
    row = list(FINGERTIPS_ROWS[0])
    row[1] = "=1+1"
    row[12:15] = ["-0.5", "-1.2", "0.2"]
    result = fingertips.import_csv(fingertips_csv(fingertips.HEADER, [row]))
    assert not result.errors
    response = client.get(reverse("indicators:export", args=["csv"]))
    [exported] = list(csv.reader(io.StringIO(response.content.decode())))[1:]
    assert exported[1] == "'=1+1"
    assert exported[12:15] == ["-0.5", "-1.2", "0.2"]


@pytest.mark.django_db
def test_management_command(tmp_path, capsys):
    path = tmp_path / "hle.csv"
    path.write_text(
        fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS).getvalue(), encoding="utf-8"
    )
    call_command("import_fingertips", str(path))
    assert (
        "3 values added, 0 updated, 0 unchanged, 0 rows refused"
        in capsys.readouterr().out
    )
    assert Area.objects.filter(code="E08000026").exists()


def test_upload_page_refuses_a_binary_file(client, officer):
    client.force_login(officer)
    upload = files.upload("hle.csv", files.pdf_bytes()[:10] + b"\x00\x01binary")
    html = client.post(reverse("indicators:import"), {"file": upload}).content.decode()
    assert "The file is not a CSV: it is not text" in html


def test_upload_page_reports_the_result(
    client, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    data = fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS).getvalue().encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("indicators:import"), {"file": files.upload("hle.csv", data)}
        )
    job = ImportJob.objects.get()
    assert response.url == reverse("indicators:import_job", args=[job.pk])
    # Celery is eager here: the import has run by the time the page is shown.
    html = client.get(response.url).content.decode()
    assert "3 values added, 0 updated, 0 unchanged, 0 rows refused" in html
    assert (job.original_name, job.uploaded_by) == ("hle.csv", officer)
    status = client.get(response.url, {"format": "json"}).json()
    assert (status["finished"], status["rows_read"], status["percent"]) == (
        True,
        3,
        100,
    )


@pytest.mark.django_db
def test_a_changed_value_is_updated_and_a_repeated_row_counts_once():
    fingertips.import_csv(fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS))
    changed = [list(r) for r in FINGERTIPS_ROWS]
    changed[2][12] = "61.5"  # Coventry's value revised
    result = fingertips.import_csv(
        fingertips_csv(fingertips.HEADER, [*changed, changed[2]])
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert IndicatorValue.objects.get(area__code="E08000026").value == 61.5


@pytest.mark.django_db
@pytest.mark.parametrize("use_copy", [True, False], ids=["copy", "orm-upsert"])
def test_the_last_row_for_a_key_wins_across_batches(monkeypatch, use_copy):
    monkeypatch.setattr(fingertips, "USE_COPY", use_copy)
    monkeypatch.setattr(fingertips, "BATCH_SIZE", 2)
    first, second = [list(r) for r in FINGERTIPS_ROWS[2:]], [list(FINGERTIPS_ROWS[2])]
    second[0][12] = "61.5"
    result = fingertips.import_csv(
        fingertips_csv(fingertips.HEADER, [*FINGERTIPS_ROWS, *first, *second])
    )
    assert result.errors == [] and IndicatorValue.objects.count() == 3
    assert IndicatorValue.objects.get(area__code="E08000026").value == 61.5


@pytest.mark.django_db
def test_rows_too_long_or_not_finite_are_refused_with_their_line():
    bad = [list(r) for r in FINGERTIPS_ROWS]
    bad[0][7] = "x" * 30  # Sex: longer than the column holds
    bad[1][12] = "NaN"
    result = fingertips.import_csv(fingertips_csv(fingertips.HEADER, bad))
    assert result.errors == [
        (2, '"Sex" is longer than 20 characters'),
        (3, '"Value" is not a number: "NaN"'),
    ]
    assert result.created == 1


@pytest.mark.django_db
def test_more_rows_than_a_batch_all_arrive_with_progress(monkeypatch):
    monkeypatch.setattr(fingertips, "SET_AT_A_TIME", False)  # read row by row
    monkeypatch.setattr(fingertips, "BATCH_SIZE", 2)
    rows = []
    for year in range(2010, 2015):
        for row in FINGERTIPS_ROWS:
            row = list(row)
            row[11], row[23] = str(year), f"{year}0000"
            rows.append(row)
    seen = []
    result = fingertips.import_csv(
        fingertips_csv(fingertips.HEADER, rows), progress=seen.append
    )
    assert result.created == 15 and IndicatorValue.objects.count() == 15
    assert seen[-1] == 15 and seen == sorted(seen) and len(seen) > 2


def test_upload_refuses_a_csv_that_is_not_from_fingertips(client, officer):
    client.force_login(officer)
    upload = files.upload("areas.csv", b"Area,Value\nCoventry,61\n")
    html = client.post(reverse("indicators:import"), {"file": upload}).content.decode()
    assert "The file is not a Fingertips CSV: its first line lacks the columns" in html
    assert not ImportJob.objects.exists()


def test_the_same_file_sent_twice_while_importing_goes_to_the_one_import(
    client, officer, monkeypatch, django_capture_on_commit_callbacks
):
    from indicators import tasks

    queued = []
    monkeypatch.setattr(
        tasks.run_import, "apply_async", lambda args, **kw: queued.append(args)
    )
    client.force_login(officer)
    data = fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS).getvalue().encode()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            reverse("indicators:import"), {"file": files.upload("a.csv", data)}
        )
        second = client.post(
            reverse("indicators:import"), {"file": files.upload("a.csv", data)}
        )
    assert first.url == second.url and ImportJob.objects.count() == 1
    assert len(queued) == 1
    assert (
        "This file is already being imported" in client.get(second.url).content.decode()
    )
    # The page polls while the job waits, and says so in words.
    html = client.get(first.url).content.decode()
    assert "Waiting to start" in html and "import-progress.js" in html


@pytest.mark.django_db
@pytest.mark.parametrize("use_copy", [True, False], ids=["copy", "orm-upsert"])
def test_both_writers_add_update_and_keep(monkeypatch, use_copy):
    """PostgreSQL writes through COPY; SQLite (the embedded default) through the
    ORM's bulk upsert. Both give the same rows."""
    monkeypatch.setattr(fingertips, "USE_COPY", use_copy)
    fingertips.import_csv(fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS))
    changed = [list(r) for r in FINGERTIPS_ROWS]
    changed[1][12] = "62.7"
    result = fingertips.import_csv(fingertips_csv(fingertips.HEADER, changed))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    region = IndicatorValue.objects.get(area__code="E12000005")
    assert (region.value, region.lower_ci_95, region.compared_to_england) == (
        62.7,
        62.1,
        "Worse",
    )


FIXTURE = Path(__file__).parent.parent / "fixtures" / "fingertips" / "all-data.csv"


@pytest.mark.django_db
@pytest.mark.parametrize("use_copy", [True, False])
def test_a_fingertips_file_imported_and_exported_is_the_same_file(
    client, monkeypatch, use_copy
):
    """Fingertips' own shape: CRLF line endings, and the newer "Time period
    range" column, read on import and written back on export."""
    monkeypatch.setattr(fingertips, "USE_COPY", use_copy)
    data = FIXTURE.read_bytes()
    assert b"\r\n" in data and b"Time period range" in data
    with FIXTURE.open(encoding="utf-8", newline="") as stream:
        result = fingertips.import_csv(stream)
    assert not result.errors and result.created == 5
    assert IndicatorValue.objects.filter(period_range="3y").count() == 4
    response = client.get(reverse("indicators:export", args=["csv"]))
    assert response.content == data


def _foreign_keys():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), convalidated, condeferred "
            "FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f' "
            "ORDER BY conname",
            [IndicatorValue._meta.db_table],
        )
        return cursor.fetchall()


def _indexes():
    """The values' indexes and what their constraints say of them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(i.indexrelid), c.conname, c.contype, "
            "c.condeferrable FROM pg_index i LEFT JOIN pg_constraint c "
            "ON c.conindid = i.indexrelid WHERE i.indrelid = %s::regclass "
            "ORDER BY 1",
            [IndicatorValue._meta.db_table],
        )
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_a_large_load_checks_its_foreign_keys_as_a_set(monkeypatch):
    """A load that at least doubles the table drops the values' foreign keys
    and indexes (but the primary key's) and puts them back, the keys
    validated, as they were."""
    before, indexes = _foreign_keys(), _indexes()
    assert len(before) == 2 and all(v and d for _, _, v, d in before)
    assert len(indexes) == 3 and {"p", "u"} <= {kind for *_, kind, _ in indexes}
    monkeypatch.setattr(fingertips, "SET_CHECK_ROWS", 3)
    with CaptureQueriesContext(connection) as queries:
        result = fingertips.import_csv(
            fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS)
        )
    statements = [q["sql"] for q in queries]
    assert (result.created, result.errors) == (3, [])
    assert sum("VALIDATE CONSTRAINT" in s for s in statements) == 2
    assert sum("DROP INDEX" in s for s in statements) == 1
    assert _foreign_keys() == before and _indexes() == indexes
    # Too few new values to be worth locking the readers out: row by row.
    IndicatorValue.objects.all().delete()
    monkeypatch.setattr(fingertips, "SET_CHECK_ROWS", 4)
    with CaptureQueriesContext(connection) as queries:
        fingertips.import_csv(fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS))
    assert not any("CONSTRAINT" in q["sql"] for q in queries)
    assert _foreign_keys() == before and _indexes() == indexes


@pytest.mark.django_db(transaction=True)
def test_a_large_load_refused_by_its_foreign_keys_writes_nothing(monkeypatch):
    """As the checks row by row at the commit do: all or nothing."""
    monkeypatch.setattr(fingertips, "SET_CHECK_ROWS", 3)
    monkeypatch.setattr(fingertips, "SET_AT_A_TIME", False)  # rows through add()
    add = fingertips._CopyWriter.add

    def lost_area(self, line, record):  # as if the area went meanwhile
        add(self, line, (record[0], 0, *record[2:]) if line == 3 else record)

    monkeypatch.setattr(fingertips._CopyWriter, "add", lost_area)
    with pytest.raises(IntegrityError):
        fingertips.import_csv(fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS))
    assert not IndicatorValue.objects.exists()
    assert len(_foreign_keys()) == 2 and len(_indexes()) == 3


@pytest.mark.django_db
def test_the_values_index_indicator_id_only_through_their_key():
    """Every write pays for each index: indicator_id leads the key's."""
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(
            cursor, IndicatorValue._meta.db_table
        )
    columns = [c["columns"] for c in indexes.values() if c["index"] or c["unique"]]
    assert ["indicator_id"] not in columns and fingertips.KEY_COLUMNS in columns


# -- A file loaded as a set (fingertips._load_clean) reads as row by row -----------


def _row(**cells):
    """FINGERTIPS_ROWS[2] (Coventry) with some cells changed, by position."""
    row = list(FINGERTIPS_ROWS[2])
    for position, text in cells.items():
        row[int(position[1:])] = text
    return row


# A second file after FINGERTIPS_ROWS: a value changed, one the same, a new
# period, a key twice (the later row wins), Sex and Age left empty, Coventry
# renamed, a new area under a region no row names, a figure with an exponent,
# and a note over two lines.
CLEAN = [
    _row(c12="61.5"),
    list(FINGERTIPS_ROWS[0]),
    _row(c11="2016 - 18", c23="20160000", c12="60.9"),
    _row(c11="2017 - 19", c23="20170000", c12="60.0"),
    _row(c11="2017 - 19", c23="20170000", c12="60.2"),
    _row(c7="", c8="", c12="6.05e1", c13="5.9E1", c19="Aggregated\nfrom wards"),
    _row(c5="Coventry City", c11="2018 - 20", c23="20180000"),
    _row(c2="E12000004", c3="East Midlands", c4="E06000015", c5="Derby"),
]
# Each a file no set can show good: read row by row, as if never tried.
UNCLEAN = {
    "a number that is not one": [*CLEAN, _row(c12="sixty")],
    "a figure too big to hold": [*CLEAN, _row(c12="1e999")],
    "an area name of spaces": [*CLEAN, _row(c5="  ")],
    "a note with spaces round it": [*CLEAN, _row(c19=" Provisional ")],
    "a value outside its interval": [*CLEAN, _row(c12="70")],
    "an indicator id with a letter": [*CLEAN, _row(c0="9036a")],
    "a row too short": [*CLEAN, FINGERTIPS_ROWS[1][:20]],
    "a row too long": [*CLEAN, [*FINGERTIPS_ROWS[1], "extra"]],
    "a blank line": [*CLEAN[:2], [], *CLEAN[2:]],
    "a line that would end a COPY": [*CLEAN[:2], ["\\."], *CLEAN[2:]],
}


def _snapshot():
    return (
        sorted(
            IndicatorValue.objects.values_list(
                "indicator__fingertips_id", "area__code", *fingertips.COLUMNS[2:]
            )
        ),
        sorted(
            Area.objects.values_list(
                "code", "name", "area_type", "type_label", "parent__code"
            )
        ),
        sorted(Indicator.objects.values_list("fingertips_id", "name", "slug")),
    )


def _read_both_ways(rows, monkeypatch):
    """{as a set?: (staged as a set, the result, the tables after)} for the
    file read after FINGERTIPS_ROWS, each way from the same start."""
    fingertips.import_csv(fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS))
    seen = {}
    for as_set in (True, False):
        monkeypatch.setattr(fingertips, "SET_AT_A_TIME", as_set)
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                result = fingertips.import_csv(fingertips_csv(fingertips.HEADER, rows))
            staged = any(
                q["sql"].startswith(f"DROP TABLE {fingertips.RAW}") for q in queries
            )
            seen[as_set] = (
                staged,
                (result.created, result.updated, result.unchanged, result.errors),
                _snapshot(),
            )
            transaction.set_rollback(True)
    return seen


@pytest.mark.django_db
def test_a_clean_file_is_loaded_as_a_set_and_reads_as_row_by_row(monkeypatch):
    seen = _read_both_ways(CLEAN, monkeypatch)
    assert seen[True][0] and not seen[False][0]
    assert seen[True][1:] == seen[False][1:]
    (created, updated, unchanged, errors), (values, areas, _) = seen[True][1:]
    assert (created, updated, unchanged, errors) == (5, 1, 1, [])
    assert ("E06000015", "Derby", "E12000004") in {(a[0], a[1], a[4]) for a in areas}
    assert ("E12000004", "East Midlands", "region") in {a[:3] for a in areas}
    # The first row naming Coventry names it: "Coventry City" comes later.
    assert ("E08000026", "Coventry") in {a[:2] for a in areas}
    value, note = (fingertips.COLUMNS.index(c) for c in ("value", "value_note"))
    coventry = [(v[2], v[3], v[value], v[note]) for v in values if v[1] == "E08000026"]
    assert coventry == [
        ("20150000", "Female", 61.5, ""),
        ("20150000", "Persons", 60.5, "Aggregated\nfrom wards"),
        ("20160000", "Female", 60.9, ""),
        ("20170000", "Female", 60.2, ""),  # the later of the two rows
        ("20180000", "Female", 61.0, ""),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", UNCLEAN)
def test_a_file_with_a_row_no_set_shows_good_is_read_row_by_row(name, monkeypatch):
    seen = _read_both_ways(UNCLEAN[name], monkeypatch)
    assert not seen[True][0], "staged as a set"
    assert seen[True][1:] == seen[False][1:]


@pytest.mark.django_db
@pytest.mark.parametrize("as_set", [True, False])
def test_an_import_renews_the_data_version_once(
    monkeypatch, as_set, django_capture_on_commit_callbacks
):
    """Each area and indicator saved would renew the versions (four cache
    writes each); an import renews them once, even when it adds an indicator
    and no value (the row's area is refused)."""
    monkeypatch.setattr(fingertips, "SET_AT_A_TIME", as_set)
    writes = []
    set_ = summary.cache.set
    monkeypatch.setattr(
        summary.cache,
        "set",
        lambda key, *args, **kw: (writes.append(key), set_(key, *args, **kw))[1],
    )
    before = summary.data_version()
    with django_capture_on_commit_callbacks(execute=True):  # and commits
        result = fingertips.import_csv(
            fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS)
        )
    assert result.created == 3 and Area.objects.count() == 3
    assert writes.count(summary.VERSION_KEY) == 2  # now, and at the commit
    assert summary.data_version() != before
    writes.clear()
    before = summary.data_version()
    with django_capture_on_commit_callbacks(execute=True):
        fingertips.import_csv(fingertips_csv(fingertips.HEADER, [_row(c0="1", c4="x")]))
    assert Indicator.objects.filter(fingertips_id=1).exists()
    assert writes.count(summary.VERSION_KEY) == 2
    assert summary.data_version() != before


@pytest.mark.django_db
def test_a_table_never_analysed_is_counted_before_its_keys_are_dropped(monkeypatch):
    """PostgreSQL's estimate of a table never analysed (after a restore) is
    -1 rows: its values are counted, and a load that would not double them
    keeps its keys and indexes."""
    rows = []
    for year in range(2010, 2015):
        row = list(FINGERTIPS_ROWS[2])
        row[11], row[23] = str(year), f"{year}0000"
        rows.append(row)
    fingertips.import_csv(fingertips_csv(fingertips.HEADER, rows))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pg_class SET reltuples = -1 WHERE oid = %s::regclass",
            [IndicatorValue._meta.db_table],
        )
    monkeypatch.setattr(fingertips, "SET_CHECK_ROWS", 3)
    other = [list(row) for row in FINGERTIPS_ROWS]
    for row in other:
        row[0] = "90363"  # another indicator: three new values against five
    with CaptureQueriesContext(connection) as queries:
        result = fingertips.import_csv(fingertips_csv(fingertips.HEADER, other))
    assert result.created == 3
    assert not any("DROP" in q["sql"] and "CONSTRAINT" in q["sql"] for q in queries)
