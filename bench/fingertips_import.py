"""Fingertips import speed against PostgreSQL's own COPY, in the same run.

Writes a Fingertips-shaped "all data" CSV (500,000 rows by default: 125
indicators x 160 areas x 5 periods x 5 sex and age breakdowns), then into a
fresh PostgreSQL database:

1. COPY of the file into a plain table of text columns (the floor: no parsing,
   no checks, no upsert);
2. `python manage.py import_fingertips`'s own code path (indicators.fingertips)
   into the real tables, from empty;
3. the same file again, when every row is found unchanged.

It prints rows per second and each time as a ratio of COPY's.

    make bench                                  # or:
    BENCH_ROWS=50000 .venv/bin/python bench/fingertips_import.py

BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hwbb_bench) is
dropped and created afresh.
"""

import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.throwaway import URL, recreate_database  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "500000"))
os.environ.update(DEBUG="1", DATABASE_URL=URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")

recreate_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from indicators import fingertips  # noqa: E402
from indicators.models import IndicatorValue  # noqa: E402

BREAKDOWNS = [
    ("Persons", "All ages"),
    ("Male", "All ages"),
    ("Female", "All ages"),
    ("Persons", "18-64 yrs"),
    ("Persons", "65+ yrs"),
]
PERIODS = [(f"{y} - {str(y + 2)[-2:]}", f"{y}0000") for y in range(2015, 2020)]


def _areas():
    yield ("", "", "E92000001", "England", "England")
    for r in range(1, 10):
        yield ("E92000001", "England", f"E120000{r:02d}", f"Region {r}", "Region")
    for a in range(1, 151):
        region = f"E120000{a % 9 + 1:02d}"
        yield (region, f"Region {a % 9 + 1}", f"E06{a:06d}", f"Area {a}", "UA")


def write_csv(path, rows):
    rng = random.Random(2019)
    areas = list(_areas())
    written = 0
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(fingertips.HEADER)
        indicator = 90000
        while written < rows:
            indicator += 1
            for parent_code, parent_name, code, name, area_type in areas:
                for sex, age in BREAKDOWNS:
                    for label, key in PERIODS:
                        value = round(rng.uniform(40, 80), 1)
                        half = round(rng.uniform(0.2, 3), 1)
                        writer.writerow(
                            [
                                indicator,
                                f"Indicator {indicator}",
                                parent_code,
                                parent_name,
                                code,
                                name,
                                area_type,
                                sex,
                                age,
                                "",
                                "",
                                label,
                                value,
                                round(value - half, 1),
                                round(value + half, 1),
                                round(value - half * 1.5, 1),
                                round(value + half * 1.5, 1),
                                rng.randint(100, 5000),
                                rng.randint(5000, 90000),
                                "",
                                "",
                                "Similar",
                                "Similar",
                                key,
                                "",
                                "",
                                "3y",
                            ]
                        )
                        written += 1
                        if written == rows:
                            return


def time_copy(path):
    columns = ", ".join(f"c{i} text" for i in range(len(fingertips.HEADER)))
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE UNLOGGED TABLE IF NOT EXISTS bench_copy ({columns})")
        cursor.execute("TRUNCATE bench_copy")
    start = time.perf_counter()
    with connection.cursor() as cursor, open(path, "rb") as data:
        with cursor.cursor.copy(
            "COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)"
        ) as copy:
            while chunk := data.read(1 << 20):
                copy.write(chunk)
    return time.perf_counter() - start


def time_import(path):
    start = time.perf_counter()
    with open(path, encoding="utf-8-sig", newline="") as stream:
        result = fingertips.import_csv(stream)
    return time.perf_counter() - start, result


def main():
    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fingertips.csv"
        write_csv(path, ROWS)
        size = path.stat().st_size / 1_048_576
        print(f"Fingertips import: {ROWS:,} rows ({size:.0f} MB), PostgreSQL")
        copy = time_copy(path)
        first, result = time_import(path)
        assert not result.errors and result.created == ROWS, result.summary
        assert IndicatorValue.objects.count() == ROWS
        again, result = time_import(path)
        assert result.unchanged == ROWS, result.summary
    print("| run | seconds | rows/s | against COPY |")
    print("|---|---|---|---|")
    for name, seconds in [
        ("COPY into a plain table (baseline)", copy),
        ("HWBB import, empty tables", first),
        ("HWBB import again, all unchanged", again),
    ]:
        print(
            f"| {name} | {seconds:.1f} | {ROWS / seconds:,.0f} | "
            f"{seconds / copy:.1f}x |"
        )


if __name__ == "__main__":
    main()
