"""Read a ModernGov web service (``mgWebService.asmx``) into HWBB's import shape.

Most English councils publish their committees through ModernGov. Its web
service answers, as plain XML over HTTP GET, the three calls this reader uses:

    GetCommittees?lDummy=0                                  -> <committees>
    GetMeetings?lCommitteeId=412&sFromDate=01/09/2024&sToDate=01/09/2026
                                                            -> <getmeetings>
    GetMeeting?lMeetingId=5002                              -> <meeting>

``read()`` turns them into a plain dict (its docstring gives the shape) and
touches no database. It never invents: a value the XML does not give stays
None, and whatever cannot be read is listed in ``problems`` with where it was,
and left out. Reading the same responses again gives the same dict, so an
import built on it can be repeated.

Two sources give the same responses. ``HttpSource`` asks a live service;
``FolderSource`` reads responses saved in one folder, named

    GetCommittees.xml
    GetMeetings-<committeeid>.xml
    GetMeeting-<meetingid>.xml

Element names are the service's own, checked against public saved responses
(tests/fixtures/moderngov/README.md says which).
"""

import datetime as dt
import html
import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.utils import timezone

SERVICE = "mgWebService.asmx"
# A meeting's XML is tens of kilobytes; a body past this is not a response.
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "HWBB ModernGov reader"
# With no --since/--until, a live service is asked for this many days either
# side of today (it needs both dates); a folder holds what was saved.
DEFAULT_WINDOW_DAYS = 366

ROOTS = {
    "GetCommittees": {"committees"},
    "GetMeetings": {"getmeetings", "getmeetingsbydate"},
    "GetMeeting": {"meeting"},
}
ID = re.compile(r"\d{1,10}")


class SourceError(Exception):
    """Nothing can be read from the source (no folder, no service, no list of
    committees): the reading stops."""


class ResponseError(Exception):
    """One response cannot be had or read: it is reported as a problem and the
    reading goes on without it."""


# Sources ---------------------------------------------------------------------


class FolderSource:
    """Responses saved in a folder, one file a call (see the module docstring).
    The file names carry no dates: the reader filters by date itself."""

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.is_dir():
            raise SourceError(f"There is no folder at {path}.")
        self.label = str(self.path)

    def where(self, op, key=None, since=None, until=None):
        return f"{op}-{key}.xml" if key else f"{op}.xml"

    def fetch(self, op, key=None, since=None, until=None):
        try:
            return (self.path / self.where(op, key)).read_bytes()
        except FileNotFoundError:
            raise ResponseError("no saved response in the folder") from None
        except OSError as exc:
            raise ResponseError(f"the file cannot be read ({exc.strerror})") from None


class HttpSource:
    """A live ModernGov web service. ``base_url`` is the council's ModernGov
    site or its ``mgWebService.asmx`` address."""

    def __init__(self, base_url, timeout=30):
        self.base = service_url(base_url)
        self.timeout = timeout
        self.label = self.base

    def where(self, op, key=None, since=None, until=None):
        params = _params(op, key, since, until)
        return f"{op}?{urllib.parse.urlencode(params, safe='/')}"

    def fetch(self, op, key=None, since=None, until=None):
        url = f"{self.base}/{self.where(op, key, since, until)}"
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise ResponseError(f"the service answered HTTP {exc.code}") from None
        except urllib.error.URLError as exc:
            raise SourceError(self._unreachable(exc.reason)) from None
        except (OSError, http.client.HTTPException) as exc:
            raise SourceError(self._unreachable(exc)) from None
        if len(data) > MAX_BYTES:
            raise ResponseError("the response is larger than 20 MB; not read")
        return data

    def _unreachable(self, reason):
        if isinstance(reason, TimeoutError):
            return f"{self.base} did not answer within {self.timeout:g} seconds."
        return f"Could not reach {self.base}: {reason}."


def service_url(base_url):
    """The ``.../mgWebService.asmx`` address for a site or service address."""
    url = (base_url or "").strip().rstrip("/")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceError(f"{base_url!r} is not the http(s) address of a site.")
    if parts.query or parts.fragment:
        raise SourceError(f"{base_url!r} has a query; give the site's address.")
    if not parts.path.lower().endswith("/" + SERVICE.lower()):
        url = f"{url}/{SERVICE}"
    return url


def _params(op, key, since, until):
    if op == "GetCommittees":
        # Some versions of the service declare this unused parameter; sent
        # always, as scrapers of it do (an extra query parameter is ignored).
        return {"lDummy": 0}
    if op == "GetMeeting":
        return {"lMeetingId": key}
    today = timezone.localdate()
    window = dt.timedelta(days=DEFAULT_WINDOW_DAYS)
    return {
        "lCommitteeId": key,
        "sFromDate": _uk_date(since or today - window),
        "sToDate": _uk_date(until or today + window),
    }


def _uk_date(day):
    return day.strftime("%d/%m/%Y")


# XML -------------------------------------------------------------------------


def parse(data, op):
    """The response's main element (``<committees>``, ``<getmeetings>`` or
    ``<meeting>``), with namespaces and any SOAP wrapping taken off and tag and
    attribute names lower-cased.

    The XML comes from outside, so defusedxml parses it: a response with a
    DTD, declared entities or external references (XXE, "billion laughs") is
    refused, not expanded. The service's responses have none of these."""
    root = _unwrap(_parse(data))
    if root.tag not in ROOTS[op]:
        raise ResponseError(f"not a {op} response: its root element is <{root.tag}>")
    return root


def _parse(data):
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise ResponseError(
            "refused: the XML has a DTD, declares entities or refers outside "
            "itself (an XXE or entity-expansion attack, or a broken service)"
        ) from None
    except ParseError as exc:
        raise ResponseError(f"not well-formed XML ({exc})") from None
    for element in root.iter():
        element.tag = _local(element.tag)
        element.attrib = {_local(k): v for k, v in element.attrib.items()}
    return root


def _local(name):
    return name.rsplit("}", 1)[-1].lower()


def _unwrap(element):
    """Step through a SOAP envelope (Envelope/Body/XResponse/XResult) and an
    ASMX ``<string>`` that carries the XML as escaped text."""
    while True:
        text = (element.text or "").strip()
        if element.tag == "string" and text.startswith("<"):
            element = _parse(text.encode("utf-8"))
        elif element.tag == "envelope" and element.find("body") is not None:
            element = element.find("body")
        elif _is_wrapper(element):
            element = element[0]
        else:
            return element


def _is_wrapper(element):
    wrapper = element.tag == "body" or element.tag.endswith(("response", "result"))
    return wrapper and len(element) == 1


def _text(element, name):
    """The trimmed value of an attribute (attendees carry theirs so) or else
    of a child element; "" when there is neither."""
    if name in element.attrib:
        return element.attrib[name].strip()
    child = element.find(name)
    return (child.text or "").strip() if child is not None else ""


def _flag(element, name):
    return _text(element, name).lower() == "true"


INLINE_TAG = re.compile(r"</?(?:a|b|strong|i|em|u|span|sup|sub|font)\b[^>]*>", re.I)
ANY_TAG = re.compile(r"</?[a-z!][^>]*>", re.I)


def clean(value):
    """Text as the council wrote it. ModernGov HTML-escapes some text before
    it XML-escapes it (``&amp;amp;``) and some titles carry markup: both are
    undone, and runs of whitespace become one space. Nothing else changes."""
    value = html.unescape(value)
    value = ANY_TAG.sub(" ", INLINE_TAG.sub("", value))
    return " ".join(value.split())


def _problem(where, message):
    return {"where": where, "message": message}


# Values ----------------------------------------------------------------------


UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def read_date(raw):
    """``13/03/2025`` (the service's form; a time after it is ignored) or an
    ISO date; None for anything else."""
    match = UK_DATE.fullmatch(raw)
    try:
        if match:
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


TIME = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|noon)?", re.I)


def read_time(raw):
    """``2.00 pm`` -> ``14:00``, ``10:00`` -> ``10:00``, ``12 noon`` -> ``12:00``;
    None for anything that is not a clock time (``TBC``, a bare number)."""
    match = TIME.fullmatch(raw)
    if not match or not (match[2] or match[3]):
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    suffix = (match[3] or "").lower().replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if suffix == "noon" and (hour, minute) != (12, 0):
        return None
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def read_status(raw, date, today):
    """cancelled when the service says Cancelled. Otherwise the date decides:
    scheduled from today on, held before today, but only for a Confirmed
    meeting: a past meeting still Provisional, or with no status or another
    word (Postponed, Moved), may not have taken place, so None (the caller
    reports it and leaves the meeting out). Text after a ';' is a note."""
    word = raw.split(";")[0].strip().lower()
    if word in ("cancelled", "canceled"):
        return "cancelled"
    if word in ("confirmed", "provisional", "") and date >= today:
        return "scheduled"
    if word == "confirmed":
        return "held"
    return None


NUMBER_FORMS = (
    (re.compile(r"(\d+)"), False),
    (re.compile(r"(\d+)\s*\(?([a-z])\)?", re.I), True),  # 3a, 3(a), 3 (a)
    (re.compile(r"(\d+)\.(\d{1,2})"), True),  # 3.1
)


def read_number(raw):
    """(number, sub) from the printed number (``fulldisplaynumberformat``):
    ``3.`` -> ("3", None), ``3a.`` -> ("3", "a"), ``3.1`` -> ("3", "1"). A
    form not recognised is kept whole as the number; none gives (None, None)."""
    printed = raw.strip().rstrip(".").strip()
    for pattern, has_sub in NUMBER_FORMS:
        match = pattern.fullmatch(printed)
        if match:
            return match[1], (match[2] if has_sub else None)
    return (printed or None), None


PARAGRAPHS = re.compile(
    r"\bparagraphs?\s+(\d+(?!\.\d)(?:\s*(?:,|and|&)\s*\d+(?!\.\d))*)", re.I
)


def read_paragraphs(text):
    """The paragraphs of Schedule 12A that a text cites, when it cites the
    Schedule at all."""
    if "12a" not in text.lower():
        return []
    found = (re.findall(r"\d+", m[1]) for m in PARAGRAPHS.finditer(text))
    return sorted({int(n) for numbers in found for n in numbers})


# Attendance kinds as the service writes them (compared without punctuation),
# and where each goes. "Expected" is a meeting whose attendance is not yet
# recorded: it says nothing, so nothing is recorded.
ATTENDANCE = {
    "present": "present",
    "present virtual": "present",
    "present as substitute": "substitute",
    "present as substitute virtual": "substitute",
    "in attendance": "attending",
    "in attendance virtual": "attending",
    "apologies": "apologies",
    "apologies sent substitute": "apologies_substitute",
    "absent": "absent",
    "expected": "expected",
}


def attendance_kind(raw):
    return ATTENDANCE.get(" ".join(re.sub(r"[^a-z]+", " ", raw.lower()).split()))


# Reading ---------------------------------------------------------------------


def read(source, *, committees=None, since=None, until=None, today=None):
    """Read the source into HWBB's import shape:

    {"source": label,
     "bodies": [{"name", "external_id"}],
     "meetings": [{"body", "external_id", "date", "time", "place", "status",
                   "agenda": {"body", "date", "time", "place", "items": [...]},
                   "attendance": {...}, "problems": [...]}],
     "problems": [{"where", "message"}]}

    ``committees``: committee ids to read (all that are neither deleted nor
    expired when None). ``since``/``until``: dates, inclusive. ``today``
    decides scheduled against held (the local date when None).

    Problems that leave a whole meeting or committee out are at the top;
    those inside a meeting that is kept are in that meeting's ``problems``.
    Raises SourceError when nothing can be read."""
    today = today or timezone.localdate()
    problems = []
    bodies = _bodies(source, committees, problems)
    meetings = []
    for body in bodies:
        meetings += _body_meetings(source, body, (since, until, today), problems)
    meetings.sort(
        key=lambda m: (m["date"], m["time"] or "", m["body"], m["external_id"])
    )
    return {
        "source": source.label,
        "bodies": bodies,
        "meetings": meetings,
        "problems": problems,
    }


def _bodies(source, wanted, problems):
    where = source.where("GetCommittees")
    try:
        root = parse(source.fetch("GetCommittees"), "GetCommittees")
    except ResponseError as exc:
        raise SourceError(f"{where}: {exc}") from None
    known = _committees(root, where, problems)
    if wanted is None:
        return [_body(cid, title) for cid, (title, gone) in known.items() if not gone]
    chosen = []
    for cid in dict.fromkeys(str(c).strip() for c in wanted):
        if cid in known:
            chosen.append(_body(cid, known[cid][0]))
        else:
            problems.append(_problem(where, f"committee {cid} is not listed; left out"))
    return chosen


def _committees(root, where, problems):
    """{id: (title, deleted or expired)} in the service's order."""
    known = {}
    for element in root.iter("committee"):
        cid = _text(element, "committeeid")
        title = clean(_text(element, "committeetitle"))
        if not ID.fullmatch(cid) or not title:
            problems.append(
                _problem(where, f"a committee without id or title ({cid!r}); left out")
            )
            continue
        gone = _flag(element, "committeedeleted") or _flag(element, "committeeexpired")
        known.setdefault(cid, (title, gone))
    return known


def _body(cid, title):
    return {"name": title, "external_id": cid}


def _body_meetings(source, body, dates, problems):
    since, until, _today = dates
    cid = body["external_id"]
    where = source.where("GetMeetings", cid, since, until)
    try:
        root = parse(source.fetch("GetMeetings", cid, since, until), "GetMeetings")
    except ResponseError as exc:
        message = f"{exc}; the meetings of {body['name']} are left out"
        problems.append(_problem(where, message))
        return []
    meetings = []
    for stub in _stubs(root, where, problems):
        if not _outside(read_date(stub["date"]), since, until):
            meeting = _read_meeting(source, body, stub, dates, problems)
            meetings += [meeting] if meeting else []
    return meetings


def _stubs(root, where, problems):
    """The meetings a GetMeetings response lists, once each."""
    seen = set()
    for element in root.iter("meeting"):
        mid = _text(element, "meetingid")
        if not ID.fullmatch(mid):
            problems.append(_problem(where, f"a meeting with id {mid!r}; left out"))
            continue
        if mid not in seen:
            seen.add(mid)
            yield {
                "id": mid,
                "date": _text(element, "meetingdate"),
                "time": _text(element, "meetingtime"),
                "status": _text(element, "meetingstatus"),
            }


def _outside(date, since, until):
    return date is not None and (
        (since is not None and date < since) or (until is not None and date > until)
    )


def _read_meeting(source, body, stub, dates, problems):
    mid = stub["id"]
    where = source.where("GetMeeting", mid)
    try:
        element = parse(source.fetch("GetMeeting", mid), "GetMeeting")
    except ResponseError as exc:
        problems.append(_problem(where, f"{exc}; meeting {mid} is left out"))
        return None
    answered = _text(element, "meetingid")
    if answered not in ("", mid):
        message = f"answers for meeting {answered}, not {mid}; left out"
        problems.append(_problem(where, message))
        return None
    return _meeting(body, stub, element, where, dates, problems)


def _meeting(body, stub, element, where, dates, problems):
    since, until, today = dates
    mid = stub["id"]
    raw_date = _text(element, "meetingdate") or stub["date"]
    date = read_date(raw_date)
    if date is None:
        said = (
            f"a meeting date {raw_date!r} that is not a date" if raw_date else "no date"
        )
        problems.append(_problem(where, f"meeting {mid} has {said}; left out"))
        return None
    if _outside(date, since, until):
        return None
    raw_status = _text(element, "meetingstatus") or stub["status"]
    status = read_status(raw_status, date, today)
    if status is None:
        message = (
            f"meeting {mid} of {date.isoformat()} has status {raw_status!r}, "
            "which does not say whether it took place; left out"
        )
        problems.append(_problem(where, message))
        return None
    notes = []
    if status == "held":
        _unrecorded(element, where, notes)
    time = _meeting_time(_text(element, "meetingtime") or stub["time"], where, notes)
    place = clean(_text(element, "meetinglocation")) or None
    items = _items(element, where, notes)
    when = {
        "body": body["name"],
        "date": date.isoformat(),
        "time": time,
        "place": place,
    }
    return {
        "body": body["name"],
        "external_id": mid,
        "date": when["date"],
        "time": time,
        "place": place,
        "status": status,
        "agenda": {**when, "items": items},
        "attendance": _attendance(element, where, notes),
        "problems": notes,
    }


def _unrecorded(meeting, where, notes):
    """A held meeting whose attendees are still Expected: the council has
    not recorded who came, so the reading cannot say."""
    kinds = [attendance_kind(_text(a, "attendance")) for a in meeting.iter("attendee")]
    waiting = kinds.count("expected")
    if waiting:
        message = f"held, but {waiting} attendee(s) still 'Expected': not recorded"
        notes.append(_problem(where, message))


def _meeting_time(raw, where, notes):
    time = read_time(raw) if raw else None
    if raw and time is None:
        notes.append(_problem(where, f"meeting time {raw!r} is not a time; left empty"))
    return time


def _items(meeting, where, notes):
    items = (_item(element, where, notes) for element in meeting.iter("agendaitem"))
    return [item for item in items if item]


def _item(element, where, notes):
    external_id = _text(element, "agendaitemid") or None
    label = f"agenda item {external_id}" if external_id else "an agenda item"
    title = clean(_text(element, "agendaitemtitle"))
    if not title:
        notes.append(_problem(where, f"{label} has no title; left out"))
        return None
    if _text(element, "isdisplayallowed").lower() == "false":
        message = f"{label} is hidden on the council's site; left out"
        notes.append(_problem(where, message))
        return None
    number, sub = read_number(_text(element, "fulldisplaynumberformat"))
    exempt = _flag(element, "isrestricted")
    paragraph = _paragraph(element, where, label, notes) if exempt else None
    return {
        "number": number,
        "sub": sub,
        "title": title,
        "exempt": exempt,
        "exempt_paragraph": paragraph,
        "section": None,
        "documents": _documents(element, where, label, notes),
        "external_id": external_id,
    }


def _paragraph(element, where, label, notes):
    """The one paragraph of Schedule 12A the exempt item's own text cites;
    None (and a problem) when it cites none, several or one out of range."""
    text = clean(f"{_text(element, 'agendaitemtitle')} {_text(element, 'agendatext')}")
    cited = read_paragraphs(text)
    if len(cited) == 1 and 1 <= cited[0] <= 7:
        return cited[0]
    if cited:
        said = "paragraph(s) " + ", ".join(map(str, cited))
        message = f"{label} is exempt under {said}: not one paragraph of 1-7"
    else:
        message = f"{label} is exempt, but names no paragraph of Schedule 12A"
    notes.append(_problem(where, f"{message}; exempt_paragraph left empty"))
    return None


def _documents(element, where, label, notes):
    documents, seen = [], set()
    for doc in element.findall("linkeddocuments/linkeddoc"):
        title = clean(_text(doc, "title")) or None
        url = _text(doc, "url")
        if _flag(doc, "isrestricted"):
            notes.append(_problem(where, f"{label}: a restricted document left out"))
        elif urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            message = f"{label}: document {title!r} has no web address; left out"
            notes.append(_problem(where, message))
        elif url not in seen:
            seen.add(url)
            documents.append({"title": title, "url": url})
    return documents


def _attendance(meeting, where, notes):
    """Who came, by kind. The service does not say whom a substitute stood
    in for, nor tell officers from other attenders ("In attendance"), so
    ``for`` stays None and ``employees`` empty; "Absent" (absent without
    apologies) has a list of its own."""
    found = {
        "present_members": [],
        "apologies": [],
        "apologies_detail": [],
        "substitutes": [],
        "other_representatives": [],
        "employees": [],
        "absent": [],
    }
    for element in meeting.iter("attendee"):
        name = clean(_text(element, "name"))
        raw = _text(element, "attendance")
        kind = attendance_kind(raw)
        if not name:
            notes.append(_problem(where, "an attendee without a name; left out"))
        elif kind is None:
            message = f"attendance {raw!r} of {name} is not a kind HWBB knows; left out"
            notes.append(_problem(where, message))
        else:
            _record(found, kind, name, clean(_text(element, "roledescription")) or None)
    return found


def _record(found, kind, name, role):
    person = {"name": name, "role": role, "organisation": None}
    if kind == "present":
        found["present_members"].append(person)
    elif kind == "attending":
        found["other_representatives"].append(person)
    elif kind == "substitute":
        found["substitutes"].append({"name": name, "for": None, "role": role})
    elif kind in ("apologies", "apologies_substitute"):
        found["apologies"].append(name)
        sent = kind == "apologies_substitute"
        found["apologies_detail"].append(
            {"name": name, "role": role, "sent_substitute": sent}
        )
    elif kind == "absent":
        found["absent"].append(name)
