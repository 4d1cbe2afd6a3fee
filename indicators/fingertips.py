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
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from hwbb.spreadsheets import safe_cell
from indicators.models import ENGLAND, VALUE_KEY, Area, Indicator, IndicatorValue
from indicators.summary import data_changed

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
}
PARENT_COMPARISON = re.compile(r"^Compared to (?!England\b).+ value or percentiles$")
GSS = re.compile(r"^[EWSN]\d{8}$")
AREA_TYPES = [  # Fingertips' area type label -> ours
    (re.compile(r"^(England|Country|Nation)$", re.I), Area.Type.COUNTRY),
    (re.compile(r"region", re.I), Area.Type.REGION),
    (re.compile(r"ward", re.I), Area.Type.WARD),
]


BATCH_SIZE = 2000
USE_COPY = True  # on PostgreSQL; the ORM's bulk upsert elsewhere (SQLite)
KEY_FIELDS = VALUE_KEY
DATA_FIELDS = [
    "period_label",
    "source",
    *NUMBERS.values(),
    *TEXTS.values(),
    "compared_to_parent",
]


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


def _text(row, column, model=IndicatorValue, name=None, default=""):
    text = (row.get(column) or "").strip() or default
    limit = _max_length(model, name) if name else None
    if limit and len(text) > limit:
        raise RowError(f'"{column}" is longer than {limit} characters')
    return text


def _number(row, column):
    text = (row.get(column) or "").strip()
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError as exc:
        raise RowError(f'"{column}" is not a number: "{text}"') from exc
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


class _Importer:
    """Reads rows into unsaved values, resolving areas and indicators from
    in-memory maps, and writes them a batch at a time: one query to see which
    already exist and whether they changed, one bulk upsert of the new and the
    changed. A value whose figures have not changed is not written, so its
    `updated_at` (and "new data since the last meeting") stays as it was."""

    def __init__(self, parent_column, result):
        self.parent_column = parent_column
        self.result = result
        self.areas = {a.code: a for a in Area.objects.all()}
        self.indicators = {
            i.fingertips_id: i for i in Indicator.objects.exclude(fingertips_id=None)
        }
        self.refreshed = set()  # area codes whose name and parent this file set
        self.pending = {}
        self.now = timezone.now()

    def area(self, code, name, label, parent):
        if not GSS.match(code):
            raise RowError(f'"{code}" is not a GSS area code')
        if len(name) > _max_length(Area, "name"):
            raise RowError(f'"Area Name" is longer than {_max_length(Area, "name")}')
        wanted = {
            "name": name,
            "area_type": _area_type(label, code),
            "type_label": label[: _max_length(Area, "type_label")],
            "parent": parent,
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

    def parent(self, row):
        code = _text(row, "Parent Code")
        if not code:
            return None
        if code in self.areas:
            return self.areas[code]
        name = _text(row, "Parent Name") or code
        label = "England" if code == ENGLAND else "Region"
        area = self.area(code, name, label, None)
        self.refreshed.discard(code)  # a row of its own may name it better
        return area

    def indicator(self, row):
        text = _text(row, "Indicator ID")
        if not text.isdigit():
            raise RowError(
                f'"Indicator ID" is not a Fingertips indicator number: "{text}"'
            )
        number = int(text)
        if number not in self.indicators:
            name = _text(row, "Indicator Name", Indicator, "name")
            self.indicators[number] = Indicator.objects.create(
                fingertips_id=number,
                name=name,
                slug=slugify(f"{text}-{name}")[:100],
                source="Fingertips (OHID)",
            )
        return self.indicators[number]

    def read(self, row):
        missing = [c for c in REQUIRED if not (row.get(c) or "").strip()]
        if missing:
            raise RowError(f"missing {', '.join(missing)}")
        numbers = {f: _number(row, c) for c, f in NUMBERS.items()}
        low, high = numbers["lower_ci_95"], numbers["upper_ci_95"]
        value = numbers["value"]
        if None not in (low, high, value) and not low <= value <= high:
            raise RowError("the value lies outside its 95% confidence interval")
        texts = {f: _text(row, c, name=f) for c, f in TEXTS.items()}
        texts["compared_to_parent"] = _text(
            row, self.parent_column, name="compared_to_parent"
        )
        key = {
            "period_key": _text(row, "Time period Sortable", name="period_key"),
            "sex": _text(row, "Sex", name="sex", default="Persons"),
            "age": _text(row, "Age", name="age", default="All ages"),
            "category_type": _text(row, "Category Type", name="category_type"),
            "category": _text(row, "Category", name="category"),
        }
        period_label = _text(row, "Time period", name="period_label")
        indicator = self.indicator(row)
        area = self.area(
            _text(row, "Area Code"),
            _text(row, "Area Name"),
            _text(row, "Area Type"),
            self.parent(row),
        )
        record = {
            "indicator_id": indicator.pk,
            "area_id": area.pk,
            **key,
            "period_label": period_label,
            "source": "Fingertips",
            **numbers,
            **texts,
        }
        # A later row for the same key wins.
        self.pending[tuple(record[c] for c in KEY_COLUMNS)] = record
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

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
            ).values_list(*KEY_COLUMNS, *DATA_FIELDS)
        }
        write = []
        for key, record in rows.items():
            old = existing.get(key)
            if old is None:
                self.result.created += 1
            elif old != tuple(record[f] for f in DATA_FIELDS):
                self.result.updated += 1
            else:
                self.result.unchanged += 1
                continue
            record["updated_at"] = self.now
            write.append(record)
        if not write:
            return
        with transaction.atomic():
            if USE_COPY and connection.vendor == "postgresql":
                _upsert_with_copy(write)
            else:
                IndicatorValue.objects.bulk_create(
                    [IndicatorValue(**record) for record in write],
                    update_conflicts=True,
                    unique_fields=KEY_FIELDS,
                    update_fields=[*DATA_FIELDS, "updated_at"],
                )


KEY_COLUMNS = ["indicator_id", "area_id", *KEY_FIELDS[2:]]
COLUMNS = [*KEY_COLUMNS, *DATA_FIELDS, "updated_at"]


def _upsert_with_copy(records):
    """PostgreSQL: COPY the batch into a temporary table, then one INSERT ...
    ON CONFLICT DO UPDATE from it (several times faster than a multi-row
    INSERT built by the ORM)."""
    table = IndicatorValue._meta.db_table
    columns = ", ".join(COLUMNS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in [*DATA_FIELDS, "updated_at"])
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS hwbb_value_stage AS "
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        cursor.execute("TRUNCATE hwbb_value_stage")
        with cursor.cursor.copy(
            f"COPY hwbb_value_stage ({columns}) FROM STDIN"
        ) as copy:
            for record in records:
                copy.write_row([record[c] for c in COLUMNS])
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM hwbb_value_stage "
            f"ON CONFLICT ({', '.join(KEY_COLUMNS)}) DO UPDATE SET {updates}"
        )
        cursor.execute("TRUNCATE hwbb_value_stage")


def count_rows(stream):
    """The number of CSV records after the header (for progress); rewinds."""
    count = sum(1 for _ in csv.reader(stream)) - 1
    stream.seek(0)
    return max(count, 0)


def import_csv(stream, progress=None):
    """Import a Fingertips CSV (a text stream); returns an ImportResult.

    `progress(rows_read)` is called after each batch is written."""
    reader = csv.DictReader(stream)
    result = ImportResult()
    columns = reader.fieldnames or []
    absent = [c for c in REQUIRED if c not in columns]
    if absent:
        result.errors.append((1, f"the header lacks {', '.join(absent)}"))
        return result
    parent_column = next((c for c in columns if PARENT_COMPARISON.match(c)), None)
    importer = _Importer(parent_column, result)
    rows_read = 0
    for row in reader:
        rows_read += 1
        try:
            importer.read(row)
        except RowError as error:
            result.errors.append((reader.line_num, str(error)))
        if progress and rows_read % BATCH_SIZE == 0:
            progress(rows_read)
    importer.flush()
    if progress:
        progress(rows_read)
    if result.created or result.updated:
        data_changed()
    return result


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
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {k: safe_cell(v) for k, v in row.items()} for row in export_rows(values)
    )
    return out.getvalue()
