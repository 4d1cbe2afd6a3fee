"""Reading and writing Fingertips' "all data" CSV.

Columns are matched by name, never by position: newer files add columns at the
end, and the parent comparison column is named after the parent area type
("Compared to Region value or percentiles", "Compared to Counties & UAs ...").
Unknown columns are ignored. Each bad row is reported with its line number and
the reason, and the good rows are kept. Rows are upserted on their natural key,
so importing a file twice changes nothing.
"""

import csv
import functools
import io
import math
import operator
import re
from dataclasses import dataclass, field

import psycopg
from django.db import DatabaseError, DataError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from hwbb.spreadsheets import safe_cell
from indicators.models import ENGLAND, VALUE_KEY, Area, Indicator, IndicatorValue
from indicators.summary import data_changed, one_change

HEADER = [
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to Region value or percentiles",
    "Time period Sortable",
    "New data",
    "Compared to goal",
    "Time period range",
]
REQUIRED = [
    "Indicator ID",
    "Indicator Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Time period",
    "Time period Sortable",
]
NUMBERS = {
    "Value": "value",
    "Lower CI 95.0 limit": "lower_ci_95",
    "Upper CI 95.0 limit": "upper_ci_95",
    "Lower CI 99.8 limit": "lower_ci_998",
    "Upper CI 99.8 limit": "upper_ci_998",
    "Count": "count",
    "Denominator": "denominator",
}
TEXTS = {
    "Value note": "value_note",
    "Recent Trend": "recent_trend",
    "Compared to England value or percentiles": "compared_to_england",
    "New data": "new_data",
    "Compared to goal": "compared_to_goal",
    "Time period range": "period_range",
}
PARENT_COMPARISON = re.compile(r"^Compared to (?!England\b).+ value or percentiles$")
GSS = re.compile(r"^[EWSN]\d{8}$")
AREA_TYPES = [  # Fingertips' area type label -> ours
    (re.compile(r"^(England|Country|Nation)$", re.I), Area.Type.COUNTRY),
    (re.compile(r"region", re.I), Area.Type.REGION),
    (re.compile(r"ward", re.I), Area.Type.WARD),
]


BATCH_SIZE = 10_000  # rows read between writes and progress reports
USE_COPY = True  # on PostgreSQL; the ORM's bulk upsert elsewhere (SQLite)
KEY_FIELDS = VALUE_KEY
DATA_FIELDS = [
    "period_label",
    "source",
    *NUMBERS.values(),
    *TEXTS.values(),
    "compared_to_parent",
]
KEY_COLUMNS = ["indicator_id", "area_id", *KEY_FIELDS[2:]]
COLUMNS = [*KEY_COLUMNS, *DATA_FIELDS]  # a record, as read() makes it


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, reason)

    @property
    def summary(self):
        return (
            f"{self.created} values added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.errors)} rows refused"
        )


class RowError(ValueError):
    pass


@functools.cache
def _max_length(model, name):
    return model._meta.get_field(name).max_length


def _text(text, column, limit=None, default=""):
    text = text.strip() or default
    if limit and len(text) > limit:
        raise RowError(f'"{column}" is longer than {limit} characters')
    return text


def _number(text, column):
    text = text.strip()
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise RowError(f'"{column}" is not a number: "{text}"')
    return number


def _area_type(label, code=""):
    """The code's type where its GSS entity says (Area.TYPE_BY_ENTITY), or
    else the one Fingertips' label suggests."""
    if known := Area.type_of_code(code):
        return known
    for pattern, area_type in AREA_TYPES:
        if pattern.search(label):
            return area_type
    return Area.Type.LOCAL_AUTHORITY


def _texts(parent_column):
    """(column, field) of each text a value holds, in the order read() checks
    them: its notes, then its key, then its period's label. A record holds
    them as read() returns it: the key (from SEX), the label, the notes."""
    return [
        *TEXTS.items(),
        (parent_column, "compared_to_parent"),
        ("Time period Sortable", "period_key"),
        ("Sex", "sex"),
        ("Age", "age"),
        ("Category Type", "category_type"),
        ("Category", "category"),
        ("Time period", "period_label"),
    ]


NOTES = len(TEXTS) + 1  # in _texts(): the notes, then the key and the label
SEX, AGE = NOTES + 1, NOTES + 2  # the two with a default
AREA_COLUMNS = ["Area Code", "Area Name", "Area Type", "Parent Code", "Parent Name"]


class _Importer:
    """Reads rows into records (tuples in COLUMNS order), resolving areas and
    indicators from in-memory maps, and hands them to a writer.

    The columns are looked up by name once, from the header; a row is a plain
    list, padded with one empty cell that stands for any column the header
    lacks. An area or indicator is checked and written once per file for each
    spelling of it the file holds: a row that names one as an earlier good
    row did reuses what that row found."""

    def __init__(self, header, parent_column, result):
        self.result = result
        self.width = len(header)
        self.padding = [""] * (self.width + 1)
        index = {name: i for i, name in enumerate(header)}

        def cells(columns):
            return operator.itemgetter(*[index.get(c, self.width) for c in columns])

        self.required = cells(REQUIRED)
        self.numbers = cells(NUMBERS)
        texts = _texts(parent_column)
        self.texts = cells([column for column, _ in texts])
        self.text_checks = [
            (column, _max_length(IndicatorValue, name)) for column, name in texts
        ]
        self.limits = [limit for _, limit in self.text_checks]
        self.indicator_cells = cells(["Indicator ID", "Indicator Name"])
        self.area_cells = cells(AREA_COLUMNS)
        self.areas = {a.code: a for a in Area.objects.all()}
        self.indicators = {
            i.fingertips_id: i for i in Indicator.objects.exclude(fingertips_id=None)
        }
        self.indicator_ids = {}  # the cells that named an indicator -> its pk
        self.area_ids = {}  # the cells that named an area and its parent -> its pk
        self.refreshed = set()  # area codes whose name and parent this file set

    def read(self, row):
        """The row's record; RowError, with the first reason, for a bad row.

        Each check runs over the whole row at once and only a row that fails
        one is gone through cell by cell, for the reason: half a million rows
        pass through here."""
        if len(row) <= self.width:
            row.extend(self.padding[len(row) :])
        if "" in map(str.strip, self.required(row)):
            cells = self.required(row)
            missing = [
                c for c, cell in zip(REQUIRED, cells, strict=True) if not cell.strip()
            ]
            raise RowError(f"missing {', '.join(missing)}")
        numbers = self._numbers(self.numbers(row))
        value, low, high = numbers[:3]
        if None not in (low, high, value) and not low <= value <= high:
            raise RowError("the value lies outside its 95% confidence interval")
        texts = list(map(str.strip, self.texts(row)))
        texts[SEX] = texts[SEX] or "Persons"
        texts[AGE] = texts[AGE] or "All ages"
        if any(map(operator.gt, map(len, texts), self.limits)):
            for (column, limit), text in zip(self.text_checks, texts, strict=True):
                _text(text, column, limit)
        cells = self.indicator_cells(row)
        indicator = self.indicator_ids.get(cells) or self.indicator(*cells)
        cells = self.area_cells(row)
        area = self.area_ids.get(cells) or self.area_of(*cells)
        return (indicator, area, *texts[NOTES:], "Fingertips", *numbers, *texts[:NOTES])

    @staticmethod
    def _numbers(cells):
        try:
            numbers = [float(text) if text else None for text in cells]
        except ValueError:
            numbers = None
        # a sum is finite only if each is: checked one by one only if not
        if numbers is None or not math.isfinite(sum(filter(None, numbers))):
            numbers = [_number(t, c) for c, t in zip(NUMBERS, cells, strict=True)]
        return numbers

    def indicator(self, text, name):
        key = (text, name)
        text = text.strip()
        if not text.isdigit():
            raise RowError(
                f'"Indicator ID" is not a Fingertips indicator number: "{text}"'
            )
        number = int(text)
        if number not in self.indicators:
            name = _text(name, "Indicator Name", _max_length(Indicator, "name"))
            self.indicators[number] = Indicator.objects.create(
                fingertips_id=number,
                name=name,
                slug=slugify(f"{text}-{name}")[:100],
                source="Fingertips (OHID)",
            )
        pk = self.indicator_ids[key] = self.indicators[number].pk
        return pk

    def area_of(self, code, name, label, parent_code, parent_name):
        key = (code, name, label, parent_code, parent_name)
        parent = self.parent(parent_code.strip(), parent_name.strip())
        area = self.area(code.strip(), name.strip(), label.strip(), parent)
        pk = self.area_ids[key] = area.pk
        return pk

    def area(self, code, name, label, parent):
        if not GSS.match(code):
            raise RowError(f'"{code}" is not a GSS area code')
        if len(name) > _max_length(Area, "name"):
            raise RowError(f'"Area Name" is longer than {_max_length(Area, "name")}')
        wanted = {
            "name": name,
            "area_type": _area_type(label, code),
            "type_label": label[: _max_length(Area, "type_label")],
            "parent_id": parent.pk if parent else None,
        }
        area = self.areas.get(code)
        if area is None:
            area = self.areas[code] = Area.objects.create(code=code, **wanted)
        elif code not in self.refreshed and any(
            getattr(area, k) != v for k, v in wanted.items()
        ):
            for k, v in wanted.items():
                setattr(area, k, v)
            area.save()
        self.refreshed.add(code)
        return area

    def parent(self, code, name):
        if not code:
            return None
        if code in self.areas:
            return self.areas[code]
        label = "England" if code == ENGLAND else "Region"
        area = self.area(code, name or code, label, None)
        self.refreshed.discard(code)  # a row of its own may name it better
        return area


class _OrmWriter:
    """The embedded default (SQLite): a batch at a time, one query to see
    which values already exist and whether they changed, one bulk upsert of
    the new and the changed. A later row for the same key in a batch wins."""

    def __init__(self, result, now):
        self.result, self.now, self.pending = result, now, {}

    def add(self, line, record):
        self.pending[record[: len(KEY_COLUMNS)]] = record

    def flush(self):
        rows, self.pending = self.pending, {}
        if not rows:
            return
        existing = {
            row[: len(KEY_COLUMNS)]: row[len(KEY_COLUMNS) :]
            for row in IndicatorValue.objects.filter(
                indicator_id__in={k[0] for k in rows},
                area_id__in={k[1] for k in rows},
                period_key__in={k[2] for k in rows},
            ).values_list(*COLUMNS)
        }
        write = []
        for key, record in rows.items():
            old = existing.get(key)
            if old is None:
                self.result.created += 1
            elif old != record[len(KEY_COLUMNS) :]:
                self.result.updated += 1
            else:
                self.result.unchanged += 1
                continue
            write.append(
                IndicatorValue(
                    **dict(zip(COLUMNS, record, strict=True)), updated_at=self.now
                )
            )
        IndicatorValue.objects.bulk_create(
            write,
            update_conflicts=True,
            unique_fields=KEY_FIELDS,
            update_fields=[*DATA_FIELDS, "updated_at"],
        )

    def finish(self):
        self.flush()

    def close(self):
        pass


STAGE = "hwbb_value_stage"
LATEST = "hwbb_value_latest"
# New values from which the foreign keys are checked once, as a set, rather
# than row by row (_CopyWriter._unchecked).
SET_CHECK_ROWS = 50_000


class _CopyWriter:
    """PostgreSQL: each batch of good rows is COPYed into a temporary table
    (between batches the reader may add areas and indicators), and written
    from there at the end (finish)."""

    def __init__(self, result, now):
        self.result, self.now, self.pending = result, now, []
        self.keys = set()  # hashes of the keys staged, to see whether any repeats
        self.repeats = False
        self.distinct = None  # keys staged, when _load_clean staged them
        columns = ", ".join(COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {STAGE} AS SELECT 0 AS line, {columns} "
                f"FROM {IndicatorValue._meta.db_table} WITH NO DATA"
            )

    def add(self, line, record):
        key = hash(record[: len(KEY_COLUMNS)])
        self.repeats = self.repeats or key in self.keys
        self.keys.add(key)
        self.pending.append((line, *record))

    def flush(self):
        rows, self.pending = self.pending, []
        if not rows:
            return
        with connection.cursor() as cursor:
            with cursor.cursor.copy(
                f"COPY {STAGE} (line, {', '.join(COLUMNS)}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)

    def finish(self):
        """Write what was staged, in one transaction: the last row of the file
        for each key (sorted out only if a key repeats), its changes as one
        UPDATE and its new values as one INSERT (a plain insert writes half
        again as fast as ON CONFLICT's)."""
        self.flush()
        table = IndicatorValue._meta.db_table
        key = ", ".join(KEY_COLUMNS)
        same_key = " AND ".join(f"{table}.{c} = s.{c}" for c in KEY_COLUMNS)
        with transaction.atomic(), connection.cursor() as cursor:
            # Another import cannot add the same key between the two; readers
            # are not held up.
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
            latest = STAGE
            distinct = len(self.keys) if self.distinct is None else self.distinct
            if self.repeats:  # (or two keys share a hash: sorted out all the same)
                latest = LATEST
                cursor.execute("SET LOCAL work_mem = '64MB'")  # sort in memory
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {LATEST} AS SELECT DISTINCT ON ({key}) "
                    f"* FROM {STAGE} ORDER BY {key}, line DESC"
                )
                distinct = cursor.rowcount
            cursor.execute(f"ANALYZE {latest}")
            cursor.execute(
                f"SELECT count(*) FROM {table} "
                f"WHERE indicator_id IN (SELECT indicator_id FROM {latest})"
            )
            existing = cursor.fetchone()[0]  # values of the file's indicators
            updated = self._update(cursor, table, latest, same_key) if existing else 0
            restore = self._unchecked(cursor, table, distinct - existing)
            columns = ", ".join(COLUMNS)
            cursor.execute(
                f"INSERT INTO {table} ({columns}, updated_at) "
                f"SELECT {columns}, %s FROM {latest} s "
                f"WHERE NOT EXISTS (SELECT FROM {table} WHERE {same_key})",
                [self.now],
            )
            created = cursor.rowcount
            for statement in restore:
                cursor.execute(statement)
        self.result.created += created
        self.result.updated += updated
        self.result.unchanged += distinct - created - updated

    def _update(self, cursor, table, latest, same_key):
        """Write the staged values that differ from those held: how many."""
        # Each staged value looked up by the key's index: the planner would
        # rather sort both sides by the key's seven columns, which costs twice
        # as much when the file is the table's size (a refresh).
        cursor.execute("SELECT set_config('enable_mergejoin', 'off', true)")
        cursor.execute("SELECT set_config('enable_hashjoin', 'off', true)")
        cursor.execute(
            f"UPDATE {table} SET updated_at = %s, "
            + ", ".join(f"{c} = s.{c}" for c in DATA_FIELDS)
            + f" FROM {latest} s WHERE {same_key} AND ("
            + ", ".join(f"{table}.{c}" for c in DATA_FIELDS)
            + ") IS DISTINCT FROM ("
            + ", ".join(f"s.{c}" for c in DATA_FIELDS)
            + ")",
            [self.now],
        )
        updated = cursor.rowcount
        cursor.execute("SELECT set_config('enable_mergejoin', 'on', true)")
        cursor.execute("SELECT set_config('enable_hashjoin', 'on', true)")
        return updated

    @staticmethod
    def _unchecked(cursor, table, new):
        """For a load of many new values, drop the table's foreign keys and
        its indexes but the primary key's: the statements that put them back
        once the values are in, or [] to leave them. An index built from the
        rows at once, sorted, costs a fraction of one kept up a row at a time,
        and a foreign key added back is validated with one anti-join rather
        than two checks a row at the commit (PostgreSQL's "Populating a
        Database"). A key that no longer holds refuses the whole load.

        Dropping them locks the values, areas and indicators against readers
        too until the commit, some seconds for half a million rows, so only a
        load of at least SET_CHECK_ROWS that at least doubles the table does,
        and only if the lock is had within a second (else, or if this
        transaction has checks pending on the table, the rows are checked and
        indexed one by one as ever)."""
        if new < SET_CHECK_ROWS:
            return []
        cursor.execute(
            "SELECT reltuples, current_setting('lock_timeout') FROM pg_class "
            "WHERE oid = %s::regclass",
            [table],
        )
        rows, lock_timeout = cursor.fetchone()
        if rows < 0:  # never analysed (as just after a restore): counted
            cursor.execute(f"SELECT count(*) FROM {table}")
            rows = cursor.fetchone()[0]
        if new < rows:
            return []
        quote = connection.ops.quote_name
        cursor.execute(
            "SELECT contype, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') "
            "ORDER BY contype DESC, conname",
            [table],
        )
        constraints = [(kind, quote(name), made) for kind, name, made in cursor]
        cursor.execute(
            "SELECT quote_ident(c.relname), pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS "
            "(SELECT FROM pg_constraint WHERE conindid = i.indexrelid) "
            "ORDER BY c.relname",
            [table],
        )
        indexes = cursor.fetchall()
        try:
            with transaction.atomic():
                cursor.execute("SELECT set_config('lock_timeout', '1s', true)")
                cursor.execute(
                    f"ALTER TABLE {table} "
                    + ", ".join(f"DROP CONSTRAINT {name}" for _, name, _ in constraints)
                )
                for name, _ in indexes:
                    cursor.execute(f"DROP INDEX {name}")
                cursor.execute(
                    "SELECT set_config('lock_timeout', %s, true)", [lock_timeout]
                )
        except DatabaseError:
            return []
        return [
            # the sorts of the index builds, in memory
            "SET LOCAL maintenance_work_mem = '256MB'",
            *(made for _, made in indexes),
            *(
                f"ALTER TABLE {table} ADD CONSTRAINT {name} {made}"
                + (" NOT VALID" if kind == "f" else "")
                for kind, name, made in constraints
            ),
            *(
                f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}"
                for kind, name, _ in constraints
                if kind == "f"
            ),
        ]

    def close(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}, {LATEST}, {RAW}")


def count_rows(stream):
    """The number of CSV records after the header (for progress); rewinds."""
    count = sum(1 for _ in csv.reader(stream)) - 1
    stream.seek(0)
    return max(count, 0)


def import_csv(stream, progress=None):
    """Import a Fingertips CSV (a text stream); returns an ImportResult.

    `progress(rows_read)` is called after each batch is written. On
    PostgreSQL a file is first loaded as a set (_load_clean); one that cannot
    be shown good that way is read row by row, each bad row reported."""
    reader = csv.reader(stream)
    result = ImportResult()
    header = next(reader, [])
    absent = [c for c in REQUIRED if c not in header]
    if absent:
        result.errors.append((1, f"the header lacks {', '.join(absent)}"))
        return result
    parent_column = next((c for c in header if PARENT_COMPARISON.match(c)), None)
    copy = USE_COPY and connection.vendor == "postgresql"
    writer = (_CopyWriter if copy else _OrmWriter)(result, timezone.now())
    with one_change():
        try:
            loaded = (
                copy
                and SET_AT_A_TIME
                and _load_clean(stream, reader, header, parent_column, writer)
            )
            if loaded is None:  # tried, and not shown good: from the top, row by row
                stream.seek(0)
                reader = csv.reader(stream)
                next(reader)
            if loaded:
                if progress:
                    progress(loaded)
            else:
                importer = _Importer(header, parent_column, result)
                _read(reader, importer, writer, progress)
            writer.finish()
        finally:
            writer.close()
        if result.created or result.updated:
            data_changed()
    return result


# A file loaded as a set: PostgreSQL parses it (COPY) and checks its cells as
# sets, rather than Python a row at a time, when every row can be shown good.
SET_AT_A_TIME = True
RAW = "hwbb_value_raw"
RESOLVED = "hwbb_value_resolved"
END_OF_COPY = re.compile(r"(?:^|\n)\\\.\r?(?:\n|$)")  # a line "\." ends a COPY


class _NotClean(Exception):
    """Some row of the file is not shown good as a set: read it row by row."""


def _load_clean(stream, reader, header, parent_column, writer):
    """Stage a whole file with set-at-a-time SQL: the number of rows staged;
    None if it was tried and undone (some row must be read one at a time, for
    its line and reason); 0 if not tried (a stream that cannot be read again).

    Every check _Importer.read() makes is made here over the whole file: the
    required cells, the numbers (cast by float8, finite, and a hexadecimal
    figure, which float() refuses, refused), the 95% interval, each distinct text
    against its column's limit and its own strip(), each distinct indicator
    and area (resolved by _Importer itself, in the order the file first names
    them, as row by row would). Only if all hold does it stage the rows; a
    file with any bad row is read row by row, as ever, so that each bad row is
    reported with its line. A clean file reads the same either way (tested)."""
    if reader.line_num != 1 or not stream.seekable():
        return 0
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            return _stage_clean(cursor, stream, header, parent_column, writer)
    except (_NotClean, RowError, DataError, psycopg.DataError):
        return None


def _stage_clean(cursor, stream, header, parent_column, writer):
    index = {name: i for i, name in enumerate(header)}
    raw = [f"c{i}" for i in range(len(header))]

    def cell(column):
        return f"r.c{index[column]}" if column in index else "''"

    cursor.execute(
        f"CREATE TEMPORARY TABLE {RAW} (line bigint GENERATED ALWAYS AS IDENTITY, "
        + ", ".join(f"{c} text" for c in raw)
        + ")"
    )
    columns = ", ".join(raw)
    copy_sql = (
        f"COPY {RAW} ({columns}) FROM STDIN (FORMAT csv, FORCE_NOT_NULL ({columns}))"
    )
    with cursor.cursor.copy(copy_sql) as copy:
        tail = ""
        while chunk := stream.read(1 << 20):
            if END_OF_COPY.search(tail + chunk):
                raise _NotClean  # COPY would stop there
            copy.write(chunk)
            tail = chunk[-4:]
    cursor.execute(f"SELECT count(*) FROM {RAW}")
    rows = cursor.fetchone()[0]
    texts = [
        (column, _max_length(IndicatorValue, name), column in REQUIRED)
        for column, name in _texts(parent_column)
        if column in index
    ]
    named = ", ".join(cell(column) for column, _, _ in texts)
    cursor.execute(f"SELECT DISTINCT {named} FROM {RAW} r")
    for found in cursor.fetchall():
        for (_, limit, required), text in zip(texts, found, strict=True):
            if text != text.strip() or len(text) > limit or required and not text:
                raise _NotClean
    importer = _Importer(header, parent_column, writer.result)
    resolved = []
    for kind, cells, resolve in (
        ("i", ["Indicator ID", "Indicator Name"], importer.indicator),
        ("a", AREA_COLUMNS, importer.area_of),
    ):
        named = ", ".join(cell(c) for c in cells)
        required = [i for i, c in enumerate(cells) if c in REQUIRED]
        cursor.execute(
            f"SELECT {named} FROM {RAW} r GROUP BY {named} ORDER BY min(r.line)"
        )
        for found in cursor.fetchall():
            if not all(found[i].strip() for i in required):
                raise _NotClean
            resolved.append((kind, *found, resolve(*found)))
    width = len(AREA_COLUMNS)
    cursor.execute(
        f"CREATE TEMPORARY TABLE {RESOLVED} (kind text, "
        + ", ".join(f"k{i} text" for i in range(width))
        + ", pk bigint)"
    )
    with cursor.cursor.copy(f"COPY {RESOLVED} FROM STDIN") as copy:
        for kind, *found, pk in resolved:
            copy.write_row([kind, *found, *[""] * (width - len(found)), pk])
    cursor.execute(f"ANALYZE {RESOLVED}")  # else the joins below are planned blind
    by_field = {
        field_name: column
        for column, field_name in [*_texts(parent_column), *NUMBERS.items()]
    }
    select = []
    for name in COLUMNS:
        if name in ("indicator_id", "area_id"):
            select.append(f"{name[0]}.pk")
        elif name == "source":
            select.append("'Fingertips'")
        elif name in NUMBERS.values():
            # float8 reads a C hexadecimal figure, as float() does not
            text = cell(by_field[name])
            select.append(
                f"CASE WHEN strpos({text}, 'x') + strpos({text}, 'X') > 0 "
                f"THEN 'NaN' ELSE NULLIF({text}, '')::float8 END"
            )
        elif name in ("sex", "age"):
            default = "Persons" if name == "sex" else "All ages"
            select.append(f"coalesce(NULLIF({cell(by_field[name])}, ''), '{default}')")
        else:
            select.append(cell(by_field[name]))

    def joined(kind, cells):
        return " AND ".join(f"{kind}.k{i} = {cell(c)}" for i, c in enumerate(cells))

    cursor.execute(
        f"INSERT INTO {STAGE} (line, {', '.join(COLUMNS)}) "
        f"SELECT r.line + 1, {', '.join(select)} FROM {RAW} r "
        f"JOIN {RESOLVED} i ON i.kind = 'i' AND "
        + joined("i", ["Indicator ID", "Indicator Name"])
        + f" JOIN {RESOLVED} a ON a.kind = 'a' AND "
        + joined("a", AREA_COLUMNS)
    )
    if cursor.rowcount != rows:
        raise _NotClean
    figures = list(NUMBERS.values())
    value, low, high = figures[:3]
    cursor.execute(
        f"SELECT EXISTS (SELECT FROM {STAGE} WHERE "
        + " + ".join(f"coalesce({f}, 0)" for f in figures)
        + f" IN ('NaN', 'Infinity', '-Infinity') "
        f"OR {value} NOT BETWEEN {low} AND {high})"
    )
    if cursor.fetchone()[0]:  # a figure not finite, or a value outside its CI
        raise _NotClean
    key = ", ".join(KEY_COLUMNS)
    cursor.execute(f"SELECT count(*) FROM (SELECT DISTINCT {key} FROM {STAGE}) d")
    writer.distinct = cursor.fetchone()[0]
    writer.repeats = writer.distinct < rows
    cursor.execute(f"DROP TABLE {RAW}, {RESOLVED}")
    return rows


def _read(reader, importer, writer, progress):
    rows_read = 0
    for row in reader:
        if not row:  # a blank line is no record
            continue
        rows_read += 1
        try:
            writer.add(reader.line_num, importer.read(row))
        except RowError as error:
            importer.result.errors.append((reader.line_num, str(error)))
        if rows_read % BATCH_SIZE == 0:
            writer.flush()
            if progress:
                progress(rows_read)
    if progress:
        progress(rows_read)


def _number_text(value):
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def export_rows(values):
    """Rows (dicts keyed by HEADER) in Fingertips' shape."""
    for v in values:
        parent = v.area.parent
        yield {
            "Indicator ID": v.indicator.fingertips_id or "",
            "Indicator Name": v.indicator.name,
            "Parent Code": parent.code if parent else "",
            "Parent Name": parent.name if parent else "",
            "Area Code": v.area.code,
            "Area Name": v.area.name,
            "Area Type": v.area.type_label or v.area.get_area_type_display(),
            "Sex": v.sex,
            "Age": v.age,
            "Category Type": v.category_type,
            "Category": v.category,
            "Time period": v.period_label,
            **{c: _number_text(getattr(v, f)) for c, f in NUMBERS.items()},
            **{c: getattr(v, f) for c, f in TEXTS.items()},
            "Compared to Region value or percentiles": v.compared_to_parent,
            "Time period Sortable": v.period_key,
        }


def export_csv(values):
    """The values as Fingertips writes them: its columns in its order, each
    line ended with CRLF, so a file imported and exported comes back as it
    was (RFC 4180's line ending, which the csv module writes by default)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(
        {k: safe_cell(v) for k, v in row.items()} for row in export_rows(values)
    )
    return out.getvalue()
