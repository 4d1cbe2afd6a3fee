"""Full-text search across agenda items, reports, minutes, decisions, actions and
documents, each kind read through its model's `visible_to(user)`.

On PostgreSQL the words are matched as `websearch_to_tsquery('english', q)`
against weighted vectors (the title weighs more than the text), stored in each
kind's table with a GIN index on them (migrations 0013 and 0034); elsewhere (the
SQLite default) every word must appear, case-insensitively, in one of the same
fields.

One page costs a fixed number of queries whatever the data: one for the page
of (kind, pk, rank, date) over a UNION of every kind, with the count of every
match beside each row, then one query per kind on the page for the objects and
their highlighted excerpts.
"""

import datetime
import html
import math
import re
import string
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVectorField,
)
from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Exists,
    Expression,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.db.models.lookups import IContains
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property

from meetings.models import (
    Action,
    AgendaItem,
    Document,
    Minute,
    Report,
    Resolution,
    ResolutionClause,
    TaggedBusiness,
)

# None: full-text search on PostgreSQL, the word-by-word fallback elsewhere.
# Tests force the fallback on PostgreSQL by setting it to False.
USE_FULL_TEXT = None
MAX_QUERY_LENGTH = 200
CONFIG = "english"
# Markers ts_headline puts round a match; no text a person writes has them.
START, STOP = "\x02", "\x03"
EXCERPT_WORDS = 30
TAG = re.compile("<[^>]*>")


@dataclass(frozen=True)
class Kind:
    label: str
    model: type
    title: str  # the field (path) a match in ranks first
    fields: tuple  # the other text fields searched
    dates: tuple  # the first of these that is set dates the row
    body: str  # the path to the row's body
    related: tuple  # select_related for the page


KINDS = {
    "agenda_item": Kind(
        "Agenda item",
        AgendaItem,
        "title",
        ("description", "presenter"),
        ("meeting__start",),
        "meeting__body",
        ("meeting__body",),
    ),
    "report": Kind(
        "Report",
        Report,
        "title",
        Report.TEXT_FIELDS,
        ("meeting__start", "created_at"),
        "body",
        ("body",),
    ),
    "minute": Kind(
        "Minute",
        Minute,
        "title",
        ("narrative",),
        ("meeting__start",),
        "meeting__body",
        ("meeting__body",),
    ),
    "resolution": Kind(
        "Decision",
        Resolution,
        "minute__title",
        ("preamble",),  # and the clauses' text: see _clauses_text
        ("minute__meeting__start",),
        "minute__meeting__body",
        ("minute__meeting__body",),
    ),
    "action": Kind(
        "Action",
        Action,
        "title",
        ("description", "due_text", "closing_note"),
        ("minute__meeting__start", "created_at"),
        "body",
        ("body",),
    ),
    "document": Kind(
        "Document",
        Document,
        "title",
        ("extracted_text",),
        ("report__meeting__start", "uploaded_at"),
        "report__body",
        ("report__body",),
    ),
}
KIND_CHOICES = [(key, kind.label) for key, kind in KINDS.items()]


@dataclass
class Hit:
    kind: str
    kind_label: str
    pk: int
    title: str
    url: str
    date: object
    body_name: str
    headline: str
    rank: float


@dataclass
class SearchResult:
    hits: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 20
    num_pages: int = 1
    # False when the words asked had nothing to search for: punctuation
    # alone, or (on PostgreSQL) only words too common to index ("the").
    searchable: bool = True


NOTHING_TO_SEARCH = (
    "There are no words to search for in that. Punctuation, and words as "
    "common as 'the' and 'and', are left out: add a word such as 'housing'."
)


def search(
    user,
    q,
    *,
    body=None,
    since=None,
    until=None,
    pillar=None,
    priority=None,
    kinds=None,
    page=1,
    per_page=20,
):
    """A page of what `user` may read that matches `q`, best first."""
    engine = engine_for(q)
    if not engine.searchable:
        return SearchResult(page=1, per_page=per_page, searchable=False)
    filters = {"body": body, "since": since, "until": until}
    tags = {"pillar": pillar, "priority": priority}
    parts = [
        _matches(key, user, engine, filters, tags)
        for key in KINDS
        if kinds is None or key in kinds
    ]
    if not parts:
        return SearchResult(page=1, per_page=per_page)
    # UNION ALL: each part is one kind's rows, so none repeats another's, and
    # de-duplicating them would rank every match once more for nothing.
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    page = max(1, page)
    rows, total = _page(combined, page, per_page)
    if not rows and page > 1:  # past the end (rare): count, then the last page
        total = combined.count()
        page = max(1, math.ceil(total / per_page))
        rows, total = _page(combined, page, per_page)
    num_pages = max(1, math.ceil(total / per_page))
    hits = _hits(rows, engine)
    return SearchResult(hits, total, page, per_page, num_pages)


def _page(combined, page, per_page):
    """One page of the hits, best first, and how many there are in all, in one
    query: the count is a window over the same matches, not a second run of
    the union (which matches and ranks every row again). Past the end, no rows
    and a count of 0."""
    sql, params = combined.query.sql_with_params()
    with _matches_from_the_index(), connection.cursor() as cursor:
        cursor.execute(
            'SELECT "pk", "hit_kind", "rank", "when", COUNT(*) OVER () '
            f"FROM ({sql}) hits "
            'ORDER BY "rank" DESC, "when" DESC, "hit_kind", "pk" LIMIT %s OFFSET %s',
            [*params, per_page, (page - 1) * per_page],
        )
        found = cursor.fetchall()
    rows = [
        {"pk": pk, "hit_kind": kind, "rank": rank, "when": _moment(when)}
        for pk, kind, rank, when, _ in found
    ]
    return rows, found[0][4] if found else 0


@contextmanager
def _matches_from_the_index():
    """Within it, PostgreSQL reads each kind's matches from its GIN index
    rather than scanning the table. A table of papers or reports is few rows
    of long text, and the planner, which does not count reading each row's
    vector out of line (TOAST) to match it, finds a scan of every row cheaper
    than the index: on ten years' papers, 6,000 buffers a kind where the
    index reads the few hundred matches. The setting is local to the block's
    transaction (or savepoint) and turned back on at its end, so it touches
    nothing else the request runs."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
        yield
        # On an error, rolling the block back undoes the setting.
        cursor.execute("SELECT set_config('enable_seqscan', 'on', true)")


def _moment(value):
    """A date a hit is dated by, as the raw query hands it back: aware from
    PostgreSQL, text in UTC from SQLite."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def engine_for(q):
    """What a search for `q`, as a person typed it, runs on: full text on
    PostgreSQL, word by word elsewhere. Its `match(kind, rows)` narrows rows
    of a kind (already the reader's) to those the words find, as /search/
    finds them; a list's own word box uses it too (the decisions register)."""
    q = " ".join((q or "")[:MAX_QUERY_LENGTH].split())
    return FullText(q) if _full_text() else WordByWord(q)


def _full_text():
    if USE_FULL_TEXT is None:
        return connection.vendor == "postgresql"
    return USE_FULL_TEXT and connection.vendor == "postgresql"


def readable(key, user):
    """The rows of a kind the user may read in full: exempt agenda items and
    minutes the user may not see closed are left out, not shown by open title,
    or their closed words would match."""
    kind = KINDS[key]
    rows = kind.model.objects
    if key == "document":
        rows = rows.current()
    rows = rows.visible_to(user)
    if key in ("agenda_item", "minute"):
        rows = rows.readable()
    return rows


def _matches(key, user, engine, filters, tags):
    """The values (pk, hit_kind, rank, when) of one kind's matching rows."""
    kind = KINDS[key]
    rows = readable(key, user).annotate(
        when=Coalesce(*kind.dates) if len(kind.dates) > 1 else F(kind.dates[0])
    )
    rows = engine.match(key, rows)
    if filters["body"] is not None:
        rows = rows.filter(**{kind.body: filters["body"]})
    if filters["since"]:
        rows = rows.filter(when__date__gte=filters["since"])
    if filters["until"]:
        rows = rows.filter(when__date__lte=filters["until"])
    rows = _tagged(key, rows, user, **tags)
    return (
        rows.annotate(
            hit_kind=Value(key, output_field=CharField()), rank=engine.rank(key)
        )
        .values("pk", "hit_kind", "rank", "when")
        .order_by()
    )


def _tagged(key, rows, user, pillar=None, priority=None):
    """Rows tagged to the pillar and the priority; a minute through its decision
    or its agenda item, a document through its report, each as the user sees
    them (an exempt item's tags only for those who may see it)."""
    for tag in ({"pillar": pillar}, {"priority": priority}):
        if None in tag.values():
            continue
        if key == "minute":
            rows = rows.filter(TaggedBusiness(user, **tag).minutes())
        elif key == "document":
            reports = Report.objects.visible_to(user).tagged(**tag)
            rows = rows.filter(report__in=reports.values("pk"))
        else:
            rows = rows.tagged(**tag)
    return rows


def _hits(rows, engine):
    """The page's rows as hits, in the page's order: one query per kind."""
    pks = {}
    for row in rows:
        pks.setdefault(row["hit_kind"], []).append(row["pk"])
    objects = {
        (key, obj.pk): obj
        for key, keys in pks.items()
        for obj in engine.page_objects(key, keys)
    }
    hits = []
    for row in rows:
        obj = objects.get((row["hit_kind"], row["pk"]))
        if obj is not None:  # deleted since the page was counted
            hits.append(_hit(row, obj))
    return hits


def _hit(row, obj):
    key = row["hit_kind"]
    return Hit(
        kind=key,
        kind_label=KINDS[key].label,
        pk=obj.pk,
        title=_title(key, obj),
        url=reverse("meetings:document", args=[obj.pk])
        if key == "document"
        else obj.get_absolute_url(),
        date=timezone.localdate(row["when"]) if row["when"] else None,
        body_name=_resolve(obj, KINDS[key].body).name,
        headline=obj.search_headline,
        rank=float(row["rank"]),
    )


def _title(key, obj):
    if key == "minute":
        return f"Minute {obj.reference}: {obj.title}"
    if key == "resolution":
        return f"Minute {obj.minute.reference}: {obj.minute.title}"
    if key == "document" and obj.report.title not in obj.title:
        # A paper is often called "Report" or "Appendix 2": say whose.
        return f"{obj.report.title}: {obj.title}"
    return obj.title


def _clauses_text():
    """A resolution's clauses as one text, in order."""
    clauses = (
        ResolutionClause.objects.filter(resolution=OuterRef("pk"))
        .values("resolution")
        .annotate(text=StringAgg("text", " ", order_by="order"))
        .values("text")
    )
    return Coalesce(Subquery(clauses), Value(""), output_field=TextField())


def _strip_tags(expression):
    """The minutes' narrative is HTML: its tags are not words to show."""
    return Func(
        expression,
        Value(TAG.pattern),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


class _SQLiteStripTags(Func):
    function = "hwbb_strip_tags"
    output_field = TextField()


def _text_of_html(expression):
    """HTML's text without its tags, on either database: PostgreSQL's
    regexp_replace, or on SQLite a function of our own (registered on each
    connection as it opens, `hwbb_strip_tags`)."""
    if connection.vendor == "sqlite":
        return _SQLiteStripTags(expression)
    return _strip_tags(expression)


def _document_text(key, *, with_title):
    """The text a hit's excerpt is cut from, as an expression (PostgreSQL)."""
    kind = KINDS[key]
    parts = [kind.title, *kind.fields] if with_title else kind.fields
    texts = [
        _strip_tags(F(f)) if key == "minute" and f == "narrative" else F(f)
        for f in parts
    ]
    if key == "resolution":
        texts.append(_clauses_text())
    spaced = []
    for text in texts:
        spaced += [text, Value(" ")]
    return Concat(*spaced, output_field=TextField())


def _excerpt(key, in_text, in_all):
    """The excerpt from the text, which the title is shown above; from the
    title and the text when the words are in the title alone."""
    chosen = in_text if START in in_text else in_all
    if key == "minute":  # the narrative's entities, as "&amp;"
        chosen = html.unescape(chosen)
    return marked(" ".join(chosen.split()))


def marked(text):
    """Text with START/STOP markers as safe HTML: escaped, the marked words in
    <mark>; a stray marker is dropped, so the tags always pair."""
    escaped = html.escape(text, quote=False)
    pattern = f"{START}([^{START}{STOP}]*){STOP}"
    wrapped = re.sub(pattern, r"<mark>\1</mark>", escaped)
    return wrapped.replace(START, "").replace(STOP, "")


class FullText:
    """PostgreSQL: websearch syntax, stemming, ranking, ts_headline."""

    def __init__(self, q):
        self.q = q
        self.query = SearchQuery(q, search_type="websearch", config=CONFIG)

    @cached_property
    def searchable(self):
        """Whether there is a word to search for: not in punctuation alone,
        nor in stop words alone ("the"), as PostgreSQL parses the query."""
        if not self.q:
            return False
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT numnode(websearch_to_tsquery(%s::regconfig, %s))",
                [CONFIG, self.q],
            )
            return cursor.fetchone()[0] > 0

    def match(self, key, rows):
        # An alias, not an annotation: a list made distinct (the decisions
        # register) need not compare vectors.
        return rows.alias(search=StoredVector(KINDS[key].model)).filter(
            search=self.query
        )

    def rank(self, key):
        return SearchRank(F("search"), self.query)

    def page_objects(self, key, pks):
        rows = KINDS[key].model.objects.filter(pk__in=pks)
        rows = rows.select_related(*KINDS[key].related).annotate(
            in_text=self._headline(_document_text(key, with_title=False)),
            in_all=self._headline(_document_text(key, with_title=True)),
        )
        for obj in rows:
            obj.search_headline = _excerpt(key, obj.in_text, obj.in_all)
            yield obj

    def _headline(self, text):
        """The excerpt with every word of the query marked wherever it is:
        ts_headline given the query itself marks nothing when its words are
        further apart than one fragment (a long minute), so it is given the
        query's words joined by "or"."""
        return SearchHeadline(
            text,
            AnyWord(self.query),
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=EXCERPT_WORDS,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )


class AnyWord(Func):
    """The query's indexable words joined by OR (its lexemes, already stemmed)."""

    template = (
        "to_tsquery('simple', regexp_replace(querytree(%(expressions)s)::text, "
        "'<->|<[0-9]+>|&', '|', 'g'))"
    )
    output_field = SearchQueryField()


class StoredVector(Expression):
    """A table's `search_vector` column, which Django's model state does not
    know (it exists on PostgreSQL only), under the query's alias for it.

    Every kind's is a weighted vector (its title A, the rest B): a generated
    column for the kinds whose words are in their own row (migration 0013);
    for decisions, whose words are in the minute's title and the clauses, one
    that triggers keep up to date (0034)."""

    output_field = SearchVectorField()

    def __init__(self, model, alias=None):
        super().__init__()
        self.model = model
        self.alias = alias or model._meta.db_table

    def resolve_expression(self, query=None, *args, **kwargs):
        resolved = super().resolve_expression(query, *args, **kwargs)
        if query is not None and query.model is self.model:
            resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        return StoredVector(self.model, change_map.get(self.alias, self.alias))

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.search_vector", []


WEBSEARCH_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
PUNCTUATION = string.punctuation + "\u2018\u2019\u201c\u201d"


def _websearch_terms(q):
    """PostgreSQL's websearch syntax, read the same way for the fallback:
    groups joined by "or", each a list of (term, leave out) where a term is a
    word or a "quoted phrase" and a leading - leaves it out."""
    groups = [[]]
    for sign, phrase, word in WEBSEARCH_TERM.findall(q):
        if word.lower() == "or":
            groups.append([])
            continue
        if word.startswith("-"):
            sign, word = "-", word[1:]
        # As PostgreSQL's parser does, punctuation round a word is not part
        # of it: "!health", "(health" and "health:*" all look for health.
        term = " ".join((phrase or word).strip(PUNCTUATION).split())
        if term:
            groups[-1].append((term, sign == "-"))
    return [group for group in groups if group]


class WordByWord:
    """Any other database: every word or "phrase" in one of the fields,
    case-insensitive, with -word and "or" as PostgreSQL's websearch reads
    them; a title match first, then the newest."""

    def __init__(self, q):
        self.groups = _websearch_terms(q)
        # The terms to find, to rank by and to mark in the excerpt.
        self.words = [
            t for group in self.groups for t, leave_out in group if not leave_out
        ]
        self.searchable = bool(self.groups)

    def _has(self, key, word):
        kind = KINDS[key]
        found = Q()
        for name in (kind.title, *kind.fields):
            if key == "minute" and name == "narrative":
                # The narrative is HTML: "li" is not a word of "<li>".
                found |= Q(IContains(_text_of_html(F(name)), word))
            else:
                found |= Q(**{f"{name}__icontains": word})
        if key == "resolution":
            clauses = ResolutionClause.objects.filter(
                resolution=OuterRef("pk"), text__icontains=word
            )
            found |= Q(Exists(clauses))
        return found

    def _any_group(self, term_condition):
        """Every term of one of the groups: term_condition(term, leave_out)
        gives a term's condition, or None to pass over it."""
        found = Q(pk__in=[])
        for group in self.groups:
            every = Q()
            for term, leave_out in group:
                condition = term_condition(term, leave_out)
                if condition is not None:
                    every &= condition
            found |= every
        return found

    def match(self, key, rows):
        """Rows with every term of one of the groups, and none of its words
        to leave out."""
        return rows.filter(
            self._any_group(
                lambda term, leave_out: (
                    ~self._has(key, term) if leave_out else self._has(key, term)
                )
            )
        )

    def rank(self, key):
        title = f"{KINDS[key].title}__icontains"
        in_title = self._any_group(
            lambda term, leave_out: None if leave_out else Q(**{title: term})
        )
        return Case(
            When(in_title, then=Value(2.0)),
            default=Value(1.0),
            output_field=FloatField(),
        )

    def page_objects(self, key, pks):
        rows = KINDS[key].model.objects.filter(pk__in=pks)
        rows = rows.select_related(*KINDS[key].related)
        if key == "resolution":
            rows = rows.prefetch_related("clauses")
        for obj in rows:
            text = _plain_text(key, obj)
            in_all = " ".join([_resolve(obj, KINDS[key].title), text])
            obj.search_headline = _excerpt(
                key, self.excerpt(text), self.excerpt(in_all)
            )
            yield obj

    def excerpt(self, text):
        """About 30 words round the first match, the matches marked."""
        words = text.split()
        if not self.words:  # only words to leave out: nothing to mark
            return " ".join(words[:EXCERPT_WORDS])
        lowered = [w.lower().split()[0] for w in self.words]
        first = next(
            (i for i, w in enumerate(words) if any(x in w.lower() for x in lowered)),
            0,
        )
        start = max(0, first - EXCERPT_WORDS // 3)
        chosen = " ".join(words[start : start + EXCERPT_WORDS])
        pattern = re.compile("|".join(re.escape(w) for w in self.words), re.I)
        text = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", chosen)
        before = "… " if start > 0 else ""
        after = " …" if start + EXCERPT_WORDS < len(words) else ""
        return f"{before}{text}{after}"


def _plain_text(key, obj):
    """The text of a row but its title, without tags (the fallback)."""
    kind = KINDS[key]
    parts = []
    for name in kind.fields:
        value = _resolve(obj, name) or ""
        parts.append(TAG.sub(" ", value) if name == "narrative" else value)
    if key == "resolution":
        parts += [c.text for c in obj.clauses.all()]
    return " ".join(p for p in parts if p)


def _resolve(obj, path):
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj
