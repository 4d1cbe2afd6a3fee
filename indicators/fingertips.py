"""Reading and writing Fingertips' "all data" CSV.

Columns are matched by name, never by position: newer files add columns at the
end, and the parent comparison column is named after the parent area type
("Compared to Region value or percentiles", "Compared to Counties & UAs ...").
Unknown columns are ignored. Each bad row is reported with its line number and
the reason, and the good rows are kept. Rows are upserted on their natural key,
so importing a file twice changes nothing.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from indicators.models import Area, Indicator, IndicatorValue

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
    (re.compile(r"^England$", re.I), Area.Type.COUNTRY),
    (re.compile(r"region", re.I), Area.Type.REGION),
    (re.compile(r"ward", re.I), Area.Type.WARD),
]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # (line number, reason)

    @property
    def summary(self):
        return (
            f"{self.created} values added, {self.updated} updated, "
            f"{len(self.errors)} rows refused"
        )


class RowError(ValueError):
    pass


def _number(row, column):
    text = (row.get(column) or "").strip()
    if text == "":
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise RowError(f'"{column}" is not a number: "{text}"') from exc


def _area_type(label):
    for pattern, area_type in AREA_TYPES:
        if pattern.search(label):
            return area_type
    return Area.Type.LOCAL_AUTHORITY


def _area(code, name, label, parent):
    if not GSS.match(code):
        raise RowError(f'"{code}" is not a GSS area code')
    area, _ = Area.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "area_type": _area_type(label),
            "type_label": label,
            "parent": parent,
        },
    )
    return area


def _parent(row):
    code = (row.get("Parent Code") or "").strip()
    if not code:
        return None
    area = Area.objects.filter(code=code).first()
    if area is None:
        name = (row.get("Parent Name") or code).strip()
        label = "England" if code == "E92000001" else "Region"
        area = _area(code, name, label, None)
    return area


def _indicator(row):
    text = row["Indicator ID"].strip()
    if not text.isdigit():
        raise RowError(f'"Indicator ID" is not a Fingertips indicator number: "{text}"')
    name = row["Indicator Name"].strip()
    indicator = Indicator.objects.filter(fingertips_id=int(text)).first()
    if indicator is None:
        indicator = Indicator.objects.create(
            fingertips_id=int(text),
            name=name,
            slug=slugify(f"{text}-{name}")[:100],
            source="Fingertips (OHID)",
        )
    return indicator


def _import_row(row, parent_column, result):
    missing = [c for c in REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise RowError(f"missing {', '.join(missing)}")
    values = {f: _number(row, c) for c, f in NUMBERS.items()}
    low, high, value = values["lower_ci_95"], values["upper_ci_95"], values["value"]
    if None not in (low, high, value) and not low <= value <= high:
        raise RowError("the value lies outside its 95% confidence interval")
    texts = {f: (row.get(c) or "").strip() for c, f in TEXTS.items()}
    texts["compared_to_parent"] = (row.get(parent_column) or "").strip()
    area = _area(
        row["Area Code"].strip(),
        row["Area Name"].strip(),
        row["Area Type"].strip(),
        _parent(row),
    )
    _, created = IndicatorValue.objects.update_or_create(
        indicator=_indicator(row),
        area=area,
        period_key=row["Time period Sortable"].strip(),
        sex=(row.get("Sex") or "Persons").strip(),
        age=(row.get("Age") or "All ages").strip(),
        category_type=(row.get("Category Type") or "").strip(),
        category=(row.get("Category") or "").strip(),
        defaults={
            "period_label": row["Time period"].strip(),
            "source": "Fingertips",
            "updated_at": timezone.now(),
            **values,
            **texts,
        },
    )
    if created:
        result.created += 1
    else:
        result.updated += 1


def import_csv(stream):
    """Import a Fingertips CSV (a text stream); returns an ImportResult."""
    reader = csv.DictReader(stream)
    result = ImportResult()
    columns = reader.fieldnames or []
    absent = [c for c in REQUIRED if c not in columns]
    if absent:
        result.errors.append((1, f"the header lacks {', '.join(absent)}"))
        return result
    parent_column = next((c for c in columns if PARENT_COMPARISON.match(c)), None)
    for row in reader:
        try:
            with transaction.atomic():
                _import_row(row, parent_column, result)
        except RowError as error:
            result.errors.append((reader.line_num, str(error)))
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
    writer.writerows(export_rows(values))
    return out.getvalue()
