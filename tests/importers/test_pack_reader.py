# ruff: noqa: E501  (the packs below are printed text, line for line)
"""The pack reader against the hand-checked answer keys, and on layouts the two
Coventry packs do not use. Reading touches no database."""

import importlib.util
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.importers.pack import parse_date, parse_time, read_pack
from meetings.importers.source import UnreadablePack, lines_from_text, read_lines

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "meetings" / "demo" / "seeds"
KEYS = ROOT / "tests" / "fixtures" / "importer"
PACKS = {
    "seed-000.json": SEEDS / "coventry-hwb-2019-07-08-pack.txt",
    "seed-004.json": SEEDS / "coventry-cabinet-2019-10-29-pack.txt",
}


def _scorer():
    spec = importlib.util.spec_from_file_location("score", KEYS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def overall_f1(pred, truth):
    score = _scorer()
    fields = {k: v for k, v in score.score(pred, truth, 0.9).items() if v.used}
    return sum(v.f1 for v in fields.values()) / len(fields), fields


@pytest.mark.parametrize("key", sorted(PACKS))
def test_import_pack_json_scores_at_least_095_against_the_key(key, tmp_path):
    out = tmp_path / "read.json"
    call_command("import_pack", str(PACKS[key]), json=str(out))
    pred = json.loads(out.read_text())
    truth = json.loads((KEYS / key).read_text())
    f1, fields = overall_f1(pred, truth)
    assert f1 >= 0.95, {k: round(v.f1, 3) for k, v in fields.items()}


def test_the_scorer_can_fail():
    """A reading with a wrong date and no minutes scores well under the bar."""
    truth = json.loads((KEYS / "seed-000.json").read_text())
    pred = read_pack(lines_from_text(PACKS["seed-000.json"].read_text()))
    pred["agenda"]["date"] = "2019-07-09"
    pred["minutes"] = []
    f1, _ = overall_f1(pred, truth)
    assert f1 < 0.5


def test_a_pdf_pack_reads_like_its_text(tmp_path):
    """The same pack printed to PDF (wrapped lines, no markdown) reads as well."""
    from weasyprint import HTML

    text = PACKS["seed-004.json"].read_text()
    body = "".join(
        f"<p>{line.replace('**', '').replace('&', '&amp;').replace('<', '&lt;')}</p>"
        for line in text.splitlines()[:275]
    )
    pdf = HTML(
        string=f"<style>p{{margin:0 0 6pt}} *{{font-variant-ligatures:none}}</style>{body}"
    ).write_pdf()
    pred = read_pack(read_lines(pdf, name="pack.pdf"))
    truth = json.loads((KEYS / "seed-004.json").read_text())
    f1, fields = overall_f1(pred, truth)
    assert f1 >= 0.95, {k: round(v.f1, 3) for k, v in fields.items()}
    assert all(line["page"] for line in pred["problems"])


OTHER_LAYOUT = """\
Public Document Pack

Anytown Health and Wellbeing Board

Date: Thursday 14 March 2024
Time: 10.00 am
Venue: Council Chamber, Civic Centre

AGENDA

Part 1

1 Apologies and Substitutions

2 Minutes (Pages 1 - 6)

3 Joint Local Health and Wellbeing Strategy (Pages 7 - 30)
Joint report of the Director of Public Health and the ICB Place Director

Part 2 (not open to the public)

4 Care Home Contract Award (Pages 31 - 40)
Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A

MINUTES of a meeting of the Anytown Health and Wellbeing Board held on Thursday, 11 January 2024 at 10.00 am

Present: Councillor A Jones (Chair), Councillor B Smith, Councillor C Patel and Dr D Evans (Deputy Chair)
Substitutes: Mr E Brown for Ms F Green
Also present: G White, Anytown Healthwatch
Officers: H Black (Democratic Services Officer)
Apologies: Councillors I Grey and J Red

12/24 Declarations of Interest
Councillor B Smith declared a personal interest in Minute 15/24 as a trustee of Anytown Carers.

13/24 Minutes
RESOLVED that the minutes of the meeting held on 9 November 2023 be confirmed as a correct record.

14/24 Better Care Fund
The Board considered the quarterly return, further to Minutes 8/23 and 9/23.
Resolved:
(a) That the return be approved.
(b) That the Director be asked to report back in June.

15/24 Carers Strategy
RESOLVED that the Board notes:
the progress made on the strategy.

The meeting ended at 11.45 am.
"""


def test_another_councils_layout():
    got = read_pack(lines_from_text(OTHER_LAYOUT))
    agenda = got["agenda"]
    assert (agenda["body"], agenda["date"], agenda["time"], agenda["place"]) == (
        "Anytown Health and Wellbeing Board",
        "2024-03-14",
        "10:00",
        "Council Chamber, Civic Centre",
    )
    rows = {(i["number"], i["sub"]): i for i in agenda["items"]}
    assert rows[("2", None)]["pages"] == [1, 6]
    assert rows[("3", None)]["presenter"].startswith("the Director of Public Health")
    assert rows[("4", None)]["exempt"] and rows[("4", None)]["exempt_paragraph"] == 3
    assert not rows[("3", None)]["exempt"]
    [minutes] = got["minutes"]
    assert (
        minutes["body"],
        minutes["date"],
        minutes["time"],
        minutes["closing_time"],
    ) == (
        "Anytown Health and Wellbeing Board",
        "2024-01-11",
        "10:00",
        "11:45",
    )
    att = minutes["attendance"]
    assert [p["name"] for p in att["present_members"]] == [
        "Councillor A Jones",
        "Councillor B Smith",
        "Councillor C Patel",
        "Dr D Evans",
    ]
    assert [p["role"] for p in att["present_members"]] == [
        "Chair",
        None,
        None,
        "Deputy Chair",
    ]
    assert [(s["name"], s["for"]) for s in att["substitutes"]] == [
        ("Mr E Brown", "Ms F Green")
    ]
    assert [p["name"] for p in att["other_representatives"]] == ["G White"]
    assert att["other_representatives"][0]["organisation"] == "Anytown Healthwatch"
    assert [(e["name"], e.get("post")) for e in att["employees"]] == [
        ("H Black", "Democratic Services Officer")
    ]
    assert att["apologies"] == ["Councillor I Grey", "Councillor J Red"]
    items = {i["number"]: i for i in minutes["items"]}
    assert list(items) == ["12/24", "13/24", "14/24", "15/24"]
    assert items["12/24"]["declarations"][0]["names"] == ["Councillor B Smith"]
    assert items["12/24"]["cites"] == ["15/24"]
    assert items["14/24"]["cites"] == ["8/23", "9/23"]
    assert [c["label"] for c in items["14/24"]["resolutions"]] == ["a", "b"]
    assert items["13/24"]["resolutions"][0]["label"] is None
    assert items["15/24"]["resolutions"] == [
        {
            "label": None,
            "text": "the progress made on the strategy.",
            "children": [],
            "line": 47,
            "raw": "the progress made on the strategy.",
        }
    ]


def test_what_it_cannot_place_is_reported_not_guessed():
    text = OTHER_LAYOUT.replace("Officers: H Black", "Wibble wobble: H Black").replace(
        "(b) That the Director", "**That the Director"
    )
    got = read_pack(lines_from_text(text))
    messages = " ".join(p["message"] for p in got["problems"])
    lines = [p["line"] for p in got["problems"]]
    att = got["minutes"][0]["attendance"]
    assert "H Black" not in json.dumps(att["employees"])
    assert any(lines), messages


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "x.pdf", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x.png", "neither a PDF nor text"),
        (b"hello", "x.pdf", "not a PDF"),
        (b"%PDF-1.4 garbage", "x.pdf", "not a readable PDF"),
    ],
)
def test_bad_files_get_a_clear_message(data, name, message):
    with pytest.raises(UnreadablePack, match=message):
        read_lines(data, name=name)


def test_a_pdf_without_text_needs_ocr():
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    from io import BytesIO

    buf = BytesIO()
    writer.write(buf)
    with pytest.raises(UnreadablePack, match="needs OCR"):
        read_lines(buf.getvalue(), name="scan.pdf")


def test_an_encrypted_pdf_is_refused():
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buf = BytesIO()
    writer.write(buf)
    with pytest.raises(UnreadablePack, match="encrypted"):
        read_lines(buf.getvalue(), name="locked.pdf")


@pytest.mark.parametrize(
    "text, date, time",
    [
        ("2.00 pm on Monday, 8th July, 2019", "2019-07-08", "14:00"),
        ("Tuesday 29 October 2019 at 10am", "2019-10-29", "10:00"),
        ("12.30 p.m. on 1st Feb 2024", "2024-02-01", "12:30"),
        ("Wednesday, 31 February 2024, 14:00", None, "14:00"),
    ],
)
def test_dates_and_times(text, date, time):
    assert (parse_date(text), parse_time(text)) == (date, time)


MINUTES_ONLY = """\
Borsetshire Council

HEALTH AND WELLBEING BOARD

MINUTES of the meeting held on Wednesday, 21 June 2023 at 2.00 pm in the Council Chamber, Town Hall

PRESENT: Councillor A Smith (Chair)
Councillors B Jones, C Brown and D White

Also Present: Dr E Green (ICB), F Black (Healthwatch Borsetshire)

Officers: G Grey (Director of Public Health), H Blue (Democratic Services)

HWB 1. APOLOGIES FOR ABSENCE

Apologies for absence were received from Councillor I Pink.

HWB 2. MINUTES OF THE PREVIOUS MEETING

RESOLVED – That the minutes of the meeting held on 15 March 2023 be approved as a correct record.

HWB 3. BETTER CARE FUND PLAN 2023-25

The Board received a report on the plan (Minute HWB 2 refers to the last one).

RESOLVED:

(1) That the plan be approved.

(2) That authority be delegated to the Director of Public Health to make
any final changes.

The meeting closed at 3.45 pm

CHAIR
"""


def test_a_minutes_document_of_another_layout():
    got = read_pack(lines_from_text(MINUTES_ONLY))
    assert got["agenda"] is None and got["problems"] == []
    [minutes] = got["minutes"]
    assert (
        minutes["body"],
        minutes["date"],
        minutes["time"],
        minutes["closing_time"],
    ) == (
        "HEALTH AND WELLBEING BOARD",
        "2023-06-21",
        "14:00",
        "15:45",
    )
    assert minutes["place"] == "the Council Chamber, Town Hall"
    att = minutes["attendance"]
    assert [p["name"] for p in att["present_members"]] == [
        "Councillor A Smith",
        "Councillor B Jones",
        "Councillor C Brown",
        "Councillor D White",
    ]
    assert [(p["name"], p["organisation"]) for p in att["other_representatives"]] == [
        ("Dr E Green", "ICB"),
        ("F Black", "Healthwatch Borsetshire"),
    ]
    assert [(e["name"], e["post"]) for e in att["employees"]] == [
        ("G Grey", "Director of Public Health"),
        ("H Blue", "Democratic Services"),
    ]
    items = minutes["items"]
    assert [(i["number"], i["title"]) for i in items] == [
        ("1", "APOLOGIES FOR ABSENCE"),
        ("2", "MINUTES OF THE PREVIOUS MEETING"),
        ("3", "BETTER CARE FUND PLAN 2023-25"),
    ]
    assert items[1]["resolutions"][0]["label"] is None
    assert [c["label"] for c in items[2]["resolutions"]] == ["1", "2"]
    # a hard-wrapped line of a text conversion continues its clause
    assert items[2]["resolutions"][1]["text"] == (
        "That authority be delegated to the Director of Public Health to make "
        "any final changes."
    )
    assert items[2]["cites"] == []  # "Minute HWB 2" names no number this reader trusts


EARLY_IN_THE_YEAR = """\
Minutes of the Meeting of Cabinet held at 10.00 am on Tuesday, 4 June 2024

Present:

Members: Councillor A Jones (Chair)

1. Appointments

RESOLVED that the Cabinet:

1. Appoint the members of its panels.

2. Note the calendar of meetings.

2. Budget Monitoring

RESOLVED that the report be noted.

**5. Any Other Business**

There was none.

(Meeting closed at 11.00 am)
"""


def test_numbered_clauses_early_in_the_year_are_not_minutes():
    got = read_pack(lines_from_text(EARLY_IN_THE_YEAR))
    [minutes] = got["minutes"]
    items = {i["number"]: i for i in minutes["items"]}
    assert list(items) == ["1", "2", "5"]
    assert [c["label"] for c in items["1"]["resolutions"]] == ["1", "2"]
    assert items["2"]["title"] == "Budget Monitoring"
    # a marked-up heading that skips numbers is read, and the gap reported
    [problem] = got["problems"]
    assert problem["line"] == 19
    assert problem["message"] == (
        "Minutes 3 to 4 are not in the document: the minutes go on at 5."
    )


def test_a_header_that_names_its_board_before_a_comma():
    text = (
        "Minutes of the Meeting of Anytown Health and Wellbeing Board, "
        "Monday 8 April 2019, 2.00 pm\n\nPresent: Councillor A Jones\n\n"
        "1. Apologies\n\nNone.\n\n(Meeting closed at 3.00 pm)\n"
    )
    [minutes] = read_pack(lines_from_text(text))["minutes"]
    assert (minutes["body"], minutes["date"], minutes["time"]) == (
        "Anytown Health and Wellbeing Board",
        "2019-04-08",
        "14:00",
    )


def test_a_pdf_whose_reports_are_set_more_loosely_than_its_minutes():
    """Line spacing is read page by page: a report set at 1.8 lines after the
    minutes does not make the minutes' paragraphs look like wrapped lines."""
    from weasyprint import HTML

    lines = PACKS["seed-000.json"].read_text().splitlines()

    def paras(rows):
        return "".join(
            f"<p>{r.replace('**', '').replace('&', '&amp;').replace('<', '&lt;')}</p>"
            for r in rows
        )

    report = "<div style='line-height:1.8'>" + paras(lines[480:1400]) + "</div>"
    pdf = HTML(
        string="<style>p{margin:0 0 6pt} *{font-variant-ligatures:none}</style>"
        + paras(lines[:466])
        + report
    ).write_pdf()
    got = read_pack(read_lines(pdf, name="pack.pdf"))
    [minutes] = got["minutes"]
    assert [i["number"] for i in minutes["items"]] == [str(n) for n in range(40, 54)]
