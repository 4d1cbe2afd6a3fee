"""Search: every kind found by its words, only what the user may read, filtered,
ranked and highlighted; the same through the word-by-word fallback, and on the
SQLite default."""

import datetime
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import resolutions, search, services
from meetings.importers.pack import read_pack
from meetings.importers.source import lines_from_text
from meetings.models import (
    Document,
    Meeting,
    Minute,
    Report,
    Resolution,
    ResolutionClause,
)
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "meetings" / "demo" / "seeds"
SEES_CLOSED = {"officer", "chair", "member"}
CLOSED_TITLE = "Contract award: integrated substance misuse service"
# One word of closed text per kind, and the sentence it is in.
CLOSED = {
    "agenda_item": ("tenderers", "Evaluation of the three tenderers' bids"),
    "minute": ("moderation", "The Board considered the moderation of the scores"),
    "resolution": ("preferred", "The contract be awarded to the preferred bidder"),
    "action": ("unsuccessful", "Write to the unsuccessful bidders by Friday"),
    "document": ("scoresheet", "Appendix 2: the bidders' scoresheet, in confidence"),
}


@pytest.fixture(params=["full_text", "word_by_word"])
def engine(request, monkeypatch):
    """Each test in turn through PostgreSQL's full-text search and through the
    word-by-word fallback the SQLite default uses."""
    monkeypatch.setattr(search, "USE_FULL_TEXT", request.param == "full_text")
    return request.param


def _document(report, title, text, **kwargs):
    return Document.objects.create(
        report=report,
        title=title,
        file="documents/paper.pdf",
        file_type="pdf",
        size=1,
        checksum="0" * 64,
        extracted_text=text,
        **kwargs,
    )


@pytest.fixture
def content(hwb):
    """One row of each kind, each with a word no other row has."""
    meeting = factories.MeetingFactory(body=hwb)
    item = factories.AgendaItemFactory(
        meeting=meeting, description="Sightings of the kingfisher on the Sowe."
    )
    report = Report.objects.create(
        title="Rivers and wellbeing",
        body=hwb,
        meeting=meeting,
        agenda_item=item,
        background="Otter numbers have recovered along the river.",
    )
    minute = factories.MinuteFactory(
        meeting=meeting,
        agenda_item=item,
        narrative="<p>The Board heard that a <strong>heron</strong> nests there.</p>",
    )
    clause = factories.ClauseFactory(
        resolution__minute=minute, text="A badger survey be commissioned."
    )
    action = factories.ActionFactory(
        body=hwb, minute=minute, description="Count the curlew in the spring."
    )
    document = _document(report, "Appendix 1", "The lapwing returns each March.")
    return {
        "agenda_item": (item, "kingfisher"),
        "report": (report, "otter"),
        "minute": (minute, "heron"),
        "resolution": (clause.resolution, "badger"),
        "action": (action, "curlew"),
        "document": (document, "lapwing"),
    }


@pytest.fixture
def exempt(hwb):
    """Part 2 business: an exempt item, its report, paper, minute, decision and
    action, each with closed words."""
    meeting = factories.MeetingFactory(body=hwb)
    closed = {"is_exempt": True, "exempt_paragraph": 3}
    item = factories.AgendaItemFactory(
        meeting=meeting,
        title=CLOSED_TITLE,
        open_title="Contract award",
        description=CLOSED["agenda_item"][1],
        **closed,
    )
    minute = factories.MinuteFactory(
        meeting=meeting,
        agenda_item=item,
        title=CLOSED_TITLE,
        narrative=f"<p>{CLOSED['minute'][1]}.</p>",
        **closed,
    )
    factories.ClauseFactory(resolution__minute=minute, text=CLOSED["resolution"][1])
    factories.ActionFactory(
        body=hwb,
        minute=minute,
        title="Notify the bidders",
        description=CLOSED["action"][1],
    )
    report = Report.objects.create(
        title="Contract award", body=hwb, meeting=meeting, agenda_item=item, **closed
    )
    _document(report, "Appendix 2", CLOSED["document"][1], is_exempt=True)
    return meeting


def _results(client, **params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response.content.decode()


def _found(user, q, **filters):
    hits = search.search(user or AnonymousUser(), q, **filters).hits
    return {(h.kind, h.pk) for h in hits}


@pytest.mark.parametrize("kind", search.KINDS)
def test_each_kind_is_found_by_a_word_in_its_text(engine, content, kind):
    obj, word = content[kind]
    result = search.search(AnonymousUser(), word.capitalize())
    assert [(h.kind, h.pk) for h in result.hits] == [(kind, obj.pk)]
    hit = result.hits[0]
    assert f"<mark>{word}</mark>" in hit.headline.lower()
    assert hit.kind_label == search.KINDS[kind].label
    assert hit.body_name == "Coventry Health and Well-being Board"
    assert hit.date == datetime.date(2019, 7, 8)
    assert result.total == 1 and result.num_pages == 1


def test_a_paper_is_named_with_its_report(engine, content):
    """A paper called "Appendix 1" says whose appendix it is; one whose title
    already names its report is not named twice."""
    document, word = content["document"]
    report_title = document.report.title
    [hit] = search.search(AnonymousUser(), word).hits
    assert hit.title == f"{report_title}: Appendix 1"
    document.title = f"{report_title} (final)"
    document.save()
    [hit] = search.search(AnonymousUser(), word).hits
    assert hit.title == f"{report_title} (final)"


@pytest.mark.parametrize(
    "q, kinds",
    [
        ("kingfisher or otter", {"agenda_item", "report"}),
        ("kingfisher OR curlew or lapwing", {"agenda_item", "action", "document"}),
        ('"badger survey"', {"resolution"}),
        ('"survey badger"', set()),
        ("heron -otter", {"minute"}),
        ("heron -nests", set()),
        ('curlew -"the spring"', set()),
        ("heron or -curlew lapwing", {"minute", "document"}),
    ],
)
def test_phrases_words_left_out_and_or_on_either_engine(engine, content, q, kinds):
    """The search page's hint ("double quotes", -word) holds on the SQLite
    default as on PostgreSQL, and so does "or"."""
    assert {h.kind for h in search.search(AnonymousUser(), q).hits} == kinds


def test_the_page_shows_kind_title_body_date_and_excerpt(client, engine, content):
    html = _results(client, q="heron")
    assert "1 result" in html
    assert "Minute" in html and "Young People and Violence" in html
    assert "8 July 2019" in html
    assert "a <mark>heron</mark> nests there" in html
    assert "<strong>" not in html.split("result-count")[1]


def test_the_excerpt_is_cut_from_the_text_or_else_from_the_title(engine, hwb):
    meeting = factories.MeetingFactory(body=hwb)
    factories.MinuteFactory(
        meeting=meeting,
        title="Starlings",
        narrative="<p>Murmurations &amp; roosts.</p><p>Starlings counted.</p>",
    )
    factories.AgendaItemFactory(
        meeting=meeting, title="Starling roosts", description="Noted.", presenter=""
    )
    hits = {h.kind: h for h in search.search(AnonymousUser(), "roosts").hits}
    assert hits["minute"].headline.startswith(
        "Murmurations &amp; <mark>roosts</mark>. Starlings counted"
    )
    assert hits["agenda_item"].headline.startswith("Starling <mark>roosts</mark> Noted")


def test_excerpts_are_escaped(engine, hwb):
    factories.AgendaItemFactory(
        meeting=factories.MeetingFactory(body=hwb),
        description="Nightjar numbers < 5 & falling <script>x</script>",
    )
    [hit] = search.search(AnonymousUser(), "nightjar").hits
    assert "<script>" not in hit.headline
    assert "&lt; 5 &amp; falling" in hit.headline
    assert "<mark>nightjar</mark>" in hit.headline.lower()


@pytest.mark.parametrize("kind", CLOSED)
def test_exempt_content_is_found_only_by_members_and_officers(
    persona, client, engine, exempt, kind
):
    role, user = persona
    word, sentence = CLOSED[kind]
    kinds = {h.kind for h in search.search(user or AnonymousUser(), word).hits}
    html = _results(client, q=word)
    if role in SEES_CLOSED:
        assert kind in kinds
        assert word in html
    else:
        assert kinds == set()
        assert "0 results" in html
        for secret in (CLOSED_TITLE, *[s for _, s in CLOSED.values()]):
            assert secret not in html


def test_closed_titles_do_not_match_for_the_public(persona, client, engine, exempt):
    role, user = persona
    html = _results(client, q="substance misuse")
    assert (CLOSED_TITLE in html) == (role in SEES_CLOSED)


def test_draft_agendas_and_unpublished_minutes_are_not_found_by_the_public(
    client, engine, hwb, officer, outsider
):
    draft = factories.MeetingFactory(
        body=hwb,
        agenda_status=Meeting.AgendaStatus.DRAFT,
        minutes_status=Meeting.MinutesStatus.NONE,
    )
    factories.AgendaItemFactory(meeting=draft, description="The wryneck agenda.")
    unpublished = factories.MeetingFactory(
        body=hwb, minutes_status=Meeting.MinutesStatus.DRAFT
    )
    factories.MinuteFactory(meeting=unpublished, narrative="<p>A wryneck minute.</p>")
    assert _found(None, "wryneck") == set()
    assert _found(outsider, "wryneck") == set()
    assert {k for k, _ in _found(officer, "wryneck")} == {"agenda_item", "minute"}
    assert "0 results" in _results(client, q="wryneck")


def test_filters_narrow_the_results(engine, hwb):
    cabinet = factories.BodyFactory(slug="cabinet", name="Cabinet")
    pillar = factories.PillarFactory()
    priority = factories.PriorityFactory()
    april = factories.MeetingFactory(body=hwb, start=factories.london(2019, 4, 8, 14))
    july = factories.MeetingFactory(body=hwb, start=factories.london(2019, 7, 8, 14))
    elsewhere = factories.MeetingFactory(body=cabinet)
    tagged = factories.AgendaItemFactory(meeting=april, description="Swift boxes")
    tagged.primary_pillar = pillar
    tagged.save()
    tagged.priorities.add(priority)
    in_july = factories.AgendaItemFactory(meeting=july, description="Swift towers")
    factories.AgendaItemFactory(meeting=elsewhere, description="Swift bricks")
    minute = factories.MinuteFactory(
        meeting=april, agenda_item=tagged, narrative="<p>Swift boxes agreed.</p>"
    )
    action = factories.ActionFactory(minute=minute, description="Survey the swift")

    assert len(_found(None, "swift")) == 5
    assert len(_found(None, "swift", body=hwb)) == 4
    since, until = datetime.date(2019, 7, 1), datetime.date(2019, 7, 31)
    assert _found(None, "swift", since=since, until=until, body=hwb) == {
        ("agenda_item", in_july.pk)
    }
    # An action is dated by its minute's meeting.
    assert ("action", action.pk) in _found(
        None, "swift", until=datetime.date(2019, 4, 8)
    )
    expected = {("agenda_item", tagged.pk), ("minute", minute.pk)}
    assert _found(None, "swift", pillar=pillar) == expected
    assert _found(None, "swift", priority=priority) == expected
    assert _found(None, "swift", kinds=["action"]) == {("action", action.pk)}
    assert _found(None, "swift", kinds=["minute", "report"]) == {("minute", minute.pk)}


def test_filters_from_the_page(client, engine, hwb):
    factories.BodyFactory(slug="cabinet", name="Cabinet")
    factories.AgendaItemFactory(
        meeting=factories.MeetingFactory(body=hwb), description="Swift boxes"
    )
    assert "1 result" in _results(client, q="swift", body="hwb", type="agenda_item")
    assert "0 results" in _results(client, q="swift", body="cabinet")
    assert "0 results" in _results(client, q="swift", type="action")
    assert "0 results" in _results(client, q="swift", since="2019-07-09")
    assert "1 result" in _results(client, q="swift", until="2019-07-08")


def test_the_page_takes_a_priority_by_its_slug_as_the_api_does(client, engine, hwb):
    priority = factories.PriorityFactory(slug="healthy-places")
    tagged = factories.AgendaItemFactory(
        meeting=factories.MeetingFactory(body=hwb), description="Swift boxes"
    )
    tagged.priorities.add(priority)
    factories.AgendaItemFactory(
        meeting=factories.MeetingFactory(body=hwb), description="Swift towers"
    )
    html = _results(client, q="swift", priority="healthy-places")
    assert "1 result" in html
    assert '<option value="healthy-places" selected>' in html
    assert "Choose a priority from the list" in _results(
        client, q="swift", priority=str(priority.pk)
    )


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "swift", "since": "8th April"}, "Enter the date like 2019-04-08"),
        ({"q": "swift", "until": "2019-02-30"}, "Enter the date like 2019-07-08"),
        ({"q": "swift", "body": "no-such-board"}, "Choose a board or committee"),
        ({"q": "swift", "type": "everything"}, "Choose a type from the list"),
        ({"q": "swift", "pillar": "x"}, "Choose a pillar from the list"),
        ({"q": "swift " * 2000}, "Search for 200 characters or fewer"),
        (
            {"q": "swift", "since": "2019-07-09", "until": "2019-07-08"},
            "on or after the",
        ),
    ],
)
def test_invalid_filters_are_explained_not_a_500(client, hwb, params, message):
    factories.AgendaItemFactory(
        meeting=factories.MeetingFactory(body=hwb), description="Swift boxes"
    )
    html = _results(client, **params)
    assert "There is a problem" in html
    assert message in html
    assert "result-count" not in html


def test_empty_or_blank_words_find_nothing(client, engine, content):
    for q in ("", "   ", None):
        assert search.search(AnonymousUser(), q).hits == []
    html = _results(client, q="   ")
    assert "result-count" not in html and "There is a problem" not in html
    assert search.search(AnonymousUser(), "heron " * 1000).total == 1


def test_a_title_match_ranks_above_a_match_in_long_text(hwb):
    meeting = factories.MeetingFactory(body=hwb)
    filler = "The Board noted the report and its appendices. " * 60
    in_text = factories.AgendaItemFactory(
        meeting=meeting, description=f"{filler} A lantern was lit. {filler}"
    )
    in_title = factories.AgendaItemFactory(
        meeting=meeting, title="Lantern festival", description=filler
    )
    hits = search.search(AnonymousUser(), "lantern").hits
    assert [h.pk for h in hits] == [in_title.pk, in_text.pk]
    assert hits[0].rank > hits[1].rank


def test_the_fallback_ranks_a_title_match_first_then_the_newest(monkeypatch, hwb):
    monkeypatch.setattr(search, "USE_FULL_TEXT", False)
    old = factories.MeetingFactory(body=hwb, start=factories.london(2018, 1, 8, 14))
    new = factories.MeetingFactory(body=hwb, start=factories.london(2019, 1, 8, 14))
    in_title = factories.AgendaItemFactory(meeting=old, title="Lantern festival")
    newer = factories.AgendaItemFactory(meeting=new, description="A lantern")
    older = factories.AgendaItemFactory(meeting=old, description="A lantern")
    hits = search.search(AnonymousUser(), "LANTERN").hits
    assert [h.pk for h in hits] == [in_title.pk, newer.pk, older.pk]


def test_one_query_finds_the_page_and_counts_every_match(engine, hwb):
    """The page and the count come from one run of the union of every kind,
    not one run each."""
    meeting = factories.MeetingFactory(body=hwb)
    for n in range(12):
        factories.AgendaItemFactory(meeting=meeting, description=f"Dunnock {n}")
    first = search.search(AnonymousUser(), "dunnock", per_page=5)
    with CaptureQueriesContext(connection) as queries:
        result = search.search(AnonymousUser(), "dunnock", per_page=5, page=2)
    unions = [q["sql"] for q in queries.captured_queries if "UNION" in q["sql"]]
    assert len(unions) == 1 and "COUNT(*) OVER ()" in unions[0]
    assert (result.total, result.page, len(result.hits)) == (12, 2, 5)
    assert {h.pk for h in result.hits}.isdisjoint(h.pk for h in first.hits)


def test_pages_of_results(client, engine, hwb):
    meeting = factories.MeetingFactory(body=hwb)
    for n in range(25):
        factories.AgendaItemFactory(meeting=meeting, description=f"Dunnock {n}")
    first = search.search(AnonymousUser(), "dunnock", per_page=10)
    last = search.search(AnonymousUser(), "dunnock", per_page=10, page=99)
    assert (first.total, first.num_pages, len(first.hits)) == (25, 3, 10)
    assert (last.page, len(last.hits)) == (3, 5)
    html = _results(client, q="dunnock", type="agenda_item", page="2")
    assert "25 results" in html and "Page 2 of 2" in html
    assert "?q=dunnock&amp;type=agenda_item&amp;page=1" in html


def _many(hwb, n):
    """n more rows of every kind, all matching."""
    for i in range(n):
        meeting = factories.MeetingFactory(body=hwb)
        item = factories.AgendaItemFactory(meeting=meeting, title=f"Wren {i}")
        report = Report.objects.create(
            title=f"Wren {i}", body=hwb, meeting=meeting, agenda_item=item
        )
        minute = factories.MinuteFactory(meeting=meeting, title=f"Wren {i}")
        factories.ClauseFactory(resolution__minute=minute, text="Wren")
        factories.ActionFactory(body=hwb, minute=minute, title=f"Wren {i}")
        _document(report, f"Wren {i}", "wren")


def test_the_page_costs_the_same_queries_however_many_results(
    client, engine, hwb, member, django_assert_max_num_queries
):
    client.force_login(member)
    _many(hwb, 1)
    with django_assert_max_num_queries(20) as few:
        html = _results(client, q="wren")
    assert "6 results" in html
    _many(hwb, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = _results(client, q="wren", page="2")
    assert "66 results" in html


@pytest.mark.parametrize(
    "kind, index",
    [
        ("agenda_item", "agendaitem_search"),
        ("report", "report_search"),
        ("minute", "minute_search"),
        ("resolution", "resolution_search"),
        ("action", "action_search"),
        ("document", "document_search"),
    ],
)
def test_postgresql_uses_the_gin_index(content, kind, index):
    """The match the search makes (FullText.match, on the kind's own table) is
    one the GIN index serves: the stored column, not a vector recomputed."""
    model = search.KINDS[kind].model
    rows = search.FullText("lapwing").match(kind, model.objects.order_by())
    # Without sequential and plain index scans, only an index that the match
    # itself can use (a bitmap scan of the GIN index) keeps the plan off a
    # table scan; the tables are too small for the planner to choose it else.
    switches = ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan")
    with connection.cursor() as cursor:
        for switch in switches:
            cursor.execute(f"SET {switch} = off")
        try:
            plan = rows.values("pk").explain()
        finally:
            for switch in switches:
                cursor.execute(f"RESET {switch}")
    assert index in plan, plan


def _page_plan(user, q):
    """The plan of the query that finds a page of hits, as the search runs it
    (in its own transaction, with its own settings)."""
    plans = []

    def explain(execute, sql, params, many, context):
        if "COUNT(*) OVER ()" in sql:
            raw = context["cursor"].cursor  # not through this wrapper again
            raw.execute(f"EXPLAIN {sql}", params)
            plans.append("\n".join(row[0] for row in raw.fetchall()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain):
        search.search(user or AnonymousUser(), q)
    [plan] = plans
    return plan


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_the_page_reads_each_kind_through_its_gin_index(request, content, reader):
    """Papers and reports are few rows of long text: the planner, which does
    not count reading each row's vector out of line (TOAST), would scan the
    whole table and match every vector rather than read the few matches
    from the index."""
    user = request.getfixturevalue(reader)
    plan = _page_plan(user, "lapwing")
    for kind in search.KINDS.values():
        table = kind.model._meta.db_table
        assert f"Seq Scan on {table} " not in plan, plan
    assert "document_search" in plan and "report_search" in plan, plan
    with connection.cursor() as cursor:  # and nothing else is planned so
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_what_a_reader_may_read_is_checked_on_the_hits_alone(request, content, reader):
    """Whether a reader may read a hit is checked across the hit's own joins
    (its item, its minute, its meeting), not by building the set of every
    agenda item or minute the reader may read: those grow with the years."""
    user = request.getfixturevalue(reader)
    with CaptureQueriesContext(connection) as queries:
        search.search(user or AnonymousUser(), "lapwing")
    [sql] = [q["sql"] for q in queries.captured_queries if "OVER ()" in q["sql"]]
    every = re.compile(
        r'IN \(SELECT [A-Z]\d\."id" (AS "\w+" )?FROM "meetings_(agendaitem|minute)"'
    )
    assert not every.search(sql), sql


def test_search_works_on_the_sqlite_default(tmp_path):
    """The embedded default: migrations (the GIN indexes skipped) and the
    fallback search, in a process of its own on a SQLite file."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "EMAIL_HOST")
    }
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stderr
    script = (
        "from django.contrib.auth.models import AnonymousUser\n"
        "from django.utils import timezone\n"
        "from meetings.models import AgendaItem, Body, Meeting\n"
        "from meetings.search import search\n"
        "body = Body.objects.create(name='Board', slug='board')\n"
        "meeting = Meeting.objects.create(body=body, start=timezone.now(),"
        " agenda_status='published')\n"
        "AgendaItem.objects.create(meeting=meeting, number=1,"
        " title='Air quality', description='Nitrogen dioxide near schools')\n"
        "result = search(AnonymousUser(), 'DIOXIDE schools')\n"
        "print(result.total, [h.title for h in result.hits], result.hits[0].headline)\n"
        "from meetings.models import Minute\n"
        "Meeting.objects.filter(pk=meeting.pk).update(minutes_status='approved')\n"
        "Minute.objects.create(meeting=meeting, number=44, municipal_year=2018,"
        " title='Air', narrative='<ul><li>Clean <em>air</em> zone</li></ul>')\n"
        "print('markup', search(AnonymousUser(), 'ul').total,"
        " search(AnonymousUser(), 'em').total, search(AnonymousUser(), 'zone').total)\n"
    )
    shell = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.startswith("1 ['Air quality']"), shell.stdout
    assert "<mark>dioxide</mark> near <mark>schools</mark>" in shell.stdout
    # The minute's tags are not its words: "ul" and "em" find nothing.
    assert "markup 0 0 1" in shell.stdout


@pytest.mark.parametrize("kind", [k for k in search.KINDS if k != "resolution"])
def test_an_edit_is_found_at_once_and_the_old_words_are_not(engine, content, kind):
    """PostgreSQL keeps the stored vectors (migration 0013) up to date on every
    update: nothing to rebuild, nothing stale."""
    obj, word = content[kind]
    text_field = {"minute": "narrative", "document": "extracted_text"}.get(
        kind, "title"
    )
    type(obj).objects.filter(pk=obj.pk).update(**{text_field: "Nightjar survey."})
    assert search.search(AnonymousUser(), "nightjar").total == 1
    if text_field != "title":
        assert search.search(AnonymousUser(), word).total == 0


@pytest.mark.parametrize(
    "q",
    [
        "wildflower meadows",  # one word in the minute's title, one in a clause
        '"meadows be planted"',  # a phrase within a clause
        "hedgerow",  # the preamble alone
        "zebra or verges",  # "or": any one word
        "-otter",  # negations alone: no word for an index to find
    ],
)
def test_decisions_are_found_whichever_part_holds_the_words(hwb, q):
    clause = factories.ClauseFactory(
        resolution__minute__title="Wildflower verges",
        resolution__preamble="subject to the hedgerow survey",
        text="Meadows be planted on the ring road verges.",
    )
    factories.ClauseFactory(text="Nothing of the kind.")
    search.USE_FULL_TEXT = True
    try:
        found = search.search(AnonymousUser(), q, kinds=["resolution"])
    finally:
        search.USE_FULL_TEXT = None
    assert clause.resolution.pk in [h.pk for h in found.hits]
    if not q.startswith("-"):
        assert found.total == 1


def test_a_decision_without_every_word_is_not_found(hwb):
    factories.ClauseFactory(
        resolution__minute__title="Wildflower verges", text="Meadows be planted."
    )
    search.USE_FULL_TEXT = True
    try:
        found = search.search(AnonymousUser(), "wildflower zebra", kinds=["resolution"])
    finally:
        search.USE_FULL_TEXT = None
    assert found.total == 0


def test_words_far_apart_in_a_long_minute_are_marked(engine, db):
    """Minute 47/18 of 8 April 2019 (the strategy refresh, 998 words) has
    "care", "fund" and "better" hundreds of words apart: ts_headline given the
    query itself marked none of them, leaving an excerpt with no match shown.
    The excerpt is cut round words found, marked."""
    from meetings import demo

    demo.load(papers=False)
    hits = search.search(AnonymousUser(), "Better Care Fund").hits
    [refresh] = [h for h in hits if h.title.startswith("Minute 47/18")]
    assert "<mark>" in refresh.headline, refresh.headline


@pytest.mark.parametrize("q", ["!heron", "(heron", "heron:*", "heron."])
def test_punctuation_round_a_word_is_not_part_of_it(engine, content, q):
    """As PostgreSQL's parser reads it, so does the fallback."""
    assert {h.kind for h in search.search(AnonymousUser(), q).hits} == {"minute"}


@pytest.mark.parametrize("q", ["!!!", "'", "- -", '""'])
def test_punctuation_alone_has_nothing_to_search_for(engine, content, q):
    result = search.search(AnonymousUser(), q)
    assert not result.searchable and result.total == 0


def test_stop_words_alone_have_nothing_to_search_for_on_postgresql(content):
    assert not search.FullText("the and of").searchable
    assert search.FullText("the heron").searchable


def test_the_page_says_when_there_is_nothing_to_search_for(client, engine, content):
    html = _results(client, q="!!!")
    assert "There are no words to search for in that" in html
    assert "<title>Error: Search" in html
    assert "result-count" not in html


def test_the_page_asks_for_words_when_given_only_filters(client, content):
    html = _results(client, q="", since="2019-01-01")
    assert "Enter the words to find" in html
    assert "<title>Error: Search" in html


@pytest.mark.parametrize(
    "params, field",
    [
        ({"q": "!!!"}, "q"),
        ({"q": "heron", "since": "2019-07-08", "until": "2019-04-08"}, "until"),
    ],
)
def test_the_api_says_what_is_wrong_with_a_search(client, content, params, field):
    response = client.get(reverse("api:search"), params)
    assert response.status_code == 400
    assert response.json()[field][0]


# -- A decision's stored vector (migration 0034) ----------------------------------


def _decision_vectors_out_of_date():
    """Decisions whose stored vector is not the one their words make now:
    the minute's title (A), the preamble and the clauses in order (B)."""
    clauses = (
        ResolutionClause.objects.filter(resolution=OuterRef("pk"))
        .values("resolution")
        .annotate(text=StringAgg("text", " ", order_by="order"))
        .values("text")
    )
    made = SearchVector("minute__title", weight="A", config="english") + SearchVector(
        "preamble",
        Coalesce(Subquery(clauses), Value(""), output_field=TextField()),
        weight="B",
        config="english",
    )
    rows = Resolution.objects.annotate(
        made=made, stored=search.StoredVector(Resolution)
    )
    return [pk for pk, m, s in rows.values_list("pk", "made", "stored") if m != s]


def _decisions_found(q):
    found = search.search(AnonymousUser(), q, kinds=["resolution"])
    return [h.pk for h in found.hits]


def _clause_saved(clause):
    clause.text = "A nightjar survey be commissioned."
    clause.save()


def _clauses_updated(clause):
    ResolutionClause.objects.filter(pk=clause.pk).update(text="Nightjar survey.")


def _clause_added_in_bulk(clause):
    clause.text = "Nothing of the kind."
    clause.save()
    ResolutionClause.objects.bulk_create(
        [ResolutionClause(resolution=clause.resolution, label="9", text="Nightjar.")]
    )


def _preamble_saved(clause):
    clause.resolution.preamble = "subject to the nightjar survey"
    clause.resolution.save()


def _preamble_updated(clause):
    Resolution.objects.filter(pk=clause.resolution_id).update(preamble="nightjar")


def _minute_retitled(clause):
    Minute.objects.filter(pk=clause.resolution.minute_id).update(title="Nightjars")


def _resolution_saved_through_the_service(clause):
    """As the minutes editor and the importers save one, clause by clause."""
    meeting = clause.resolution.minute.meeting
    published = meeting.minutes_status
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status="draft")
    services.resolution_save(
        minute=Minute.objects.get(pk=clause.resolution.minute_id),
        preamble="",
        clauses=resolutions.parse("(1) A nightjar survey be commissioned."),
        user=None,
    )
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=published)


@pytest.mark.parametrize(
    "write",
    [
        _clause_saved,
        _clauses_updated,
        _clause_added_in_bulk,
        _preamble_saved,
        _preamble_updated,
        _minute_retitled,
        _resolution_saved_through_the_service,
    ],
)
def test_a_decision_is_found_by_its_new_words_however_they_were_written(
    hwb, content, write
):
    resolution, old_word = content["resolution"]
    clause = resolution.clauses.get()
    write(clause)
    assert _decision_vectors_out_of_date() == []
    assert _decisions_found("nightjar") == [resolution.pk]
    if write not in (_preamble_saved, _preamble_updated, _minute_retitled):
        assert _decisions_found(old_word) == []


def test_a_deleted_clause_takes_its_words_with_it(content):
    resolution, word = content["resolution"]
    factories.ClauseFactory(resolution=resolution, label="2", text="Nightjar.")
    assert _decisions_found(word) == [resolution.pk]
    resolution.clauses.filter(text__contains="badger").delete()
    assert _decision_vectors_out_of_date() == []
    assert _decisions_found(word) == [] and _decisions_found("nightjar")


def test_decisions_made_in_bulk_are_found(hwb):
    """bulk_create, as a generator or a one-off load writes them: the vector is
    the database's to keep, not a save() method's."""
    minutes = [factories.MinuteFactory(title=f"Heathland {n}") for n in range(3)]
    decisions = Resolution.objects.bulk_create(Resolution(minute=m) for m in minutes)
    ResolutionClause.objects.bulk_create(
        ResolutionClause(resolution=r, label=str(n), order=n, text=f"Stonechat {n}.")
        for r in decisions
        for n in (1, 2)
    )
    assert _decision_vectors_out_of_date() == []
    assert sorted(_decisions_found("stonechat heathland")) == [r.pk for r in decisions]


def test_an_imported_pack_s_decisions_are_found(db):
    pack = SEEDS / "coventry-hwb-2019-07-08-pack.txt"
    services.import_commit(read_pack(lines_from_text(pack.read_text())), by=None)
    assert Resolution.objects.count() > 5
    assert _decision_vectors_out_of_date() == []


def test_the_migration_fills_the_vectors_of_decisions_already_recorded(content):
    resolution, word = content["resolution"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE meetings_resolution SET search_vector = NULL")
    assert _decision_vectors_out_of_date() == [resolution.pk]
    assert _decisions_found(word) == []
    migration = importlib.import_module(
        "meetings.migrations.0034_decision_search_vector"
    )
    with connection.schema_editor() as editor:
        migration.fill(None, editor)
    assert _decision_vectors_out_of_date() == []
    assert _decisions_found(word) == [resolution.pk]
