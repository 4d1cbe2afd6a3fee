"""Read an agenda pack: the agenda on its front sheet and the minutes printed inside.

`read_pack(lines)` returns what it read in the shape of the importer's answer keys
(agenda, minutes, and a list of problems). It never guesses: a line it cannot
place is reported with where it is and left out.

Layouts handled (from Coventry's packs and the common variants of other councils):
- front sheet labels "Time and Date" / "Date and Time" / "Date:" and "Place" /
  "Venue" / "Location", on their own line or with the value after a colon;
- agenda items "1. Title", "1 Title", "**Title**" with "(Pages 5 - 20)" or
  "(Page 5)", sub-items "(a) ..." or "a) ...", presenters "Report of" /
  "Report and presentation of" / "Joint report of" / "Presentation of" /
  "X will report", section headings in bold or named ("Public business",
  "Part 2", "... Items"), exempt items under Private / Part 2 / exempt headings
  with their Schedule 12A paragraph;
- membership on one line or in labelled groups, with a plural "Councillors"
  prefix, split on commas and "and";
- minutes headed "Minutes of the Meeting of X held at TIME on DATE" (or "on DATE
  at TIME"), over one to three lines;
- attendance labelled with or without colons ("Board Members:", "Deputy Cabinet
  Members Councillor ...", "Other representatives", "Employees (by Directorate)"
  with directorates, "Apologies", "Substitutes", "In attendance", "Also present"),
  one person per line or a comma list of councillors;
- minute headings numbered in sequence ("40. Title", "40 Title", "40/19 Title"),
  whatever their markup; Public / Private business parts;
- resolutions: numbered clauses after a "RESOLVED that ...:" opener (1, 1), (1),
  with (i)/(a) sub-clauses), a single inline "RESOLVED that ... ." sentence, and an
  un-numbered paragraph after an opener ending in a colon;
- declarations "X and Y declared ... interest ... Minute N", with the capacity
  ("As Directors of ...") and whether they withdrew;
- cross-references "Minute 47", "Minutes 45 and 46", "Minute 31/18";
- the closing line "(Meeting closed at 4.00 pm)" / "The meeting closed at ...".
"""

import datetime
import re

from .source import Line

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_DATE = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})", re.I
)
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:[.:](?P<min>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|\b(?P<h24>[01]?\d|2[0-3])[:.](?P<min24>\d{2})\b(?!\s*(?:a\.?m|p\.?m))",
    re.I,
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PAGES = re.compile(r"\s*\(\s*Pages?\s+(\d+)(?:\s*[-–]\s*(\d+))?\s*\)\s*$", re.I)
_PRESENTER = re.compile(
    r"^(?:Joint\s+)?(?:Report(?:s)?(?:\s+and\s+presentation)?|Presentation"
    r"|Verbal (?:report|update))\s+(?:of|by)\s+(?P<who>.+?)\.?$",
    re.I,
)
_WILL_REPORT = re.compile(
    r"^(?P<who>.+?)\s+will\s+(?:report|present|update|give)\b.*$", re.I
)
_HONORIFIC = (
    r"(?:Councillors?|Cllrs?\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Professor|Prof\.?"
    r"|Sir|Dame|Rev(?:erend)?)"
)
_ROLE = re.compile(r"\s*\((Chair|Deputy Chair|Vice[- ]Chair(?:man)?|Chairman)\)", re.I)
_PARAGRAPH = re.compile(r"paragraphs?\s+(\d)\b", re.I)
_RESOLVED = re.compile(r"^(?:it\s+was\s+)?resolved\b", re.I)
_CLAUSE = re.compile(
    r"^(?:\(\s*(?P<a>\d{1,2}|[ivx]{1,5}|[a-z])\s*\)|(?P<b>\d{1,2}|[ivx]{1,5}|[a-z])[.)])\s+(?P<text>\S.*)$"
)
_CITE = re.compile(
    r"\bMinutes?\s+((?:No\.?\s*)?\d{1,3}(?:/\d{2,4})?(?:\s*(?:,|and|&)\s*\d{1,3}(?:/\d{2,4})?)*)",
    re.I,
)
_CLOSING = re.compile(
    r"^\(?\s*(?:the\s+)?meeting\s+(?:closed|ended|finished|concluded)\s+at\s+(?P<t>.+?)\s*\)?\.?$",
    re.I,
)
_MINUTES_HEADER = re.compile(
    r"\bminutes\s+of\s+(?:the|a|an)\s+(?:\w+\s+)?meeting\b(?:\s+of\s+(?:the\s+)?)?",
    re.I,
)
_SECTION_WORDS = re.compile(
    r"^(?:part\s+(?:1|2|one|two|i{1,2}|a|b)\b.*|(?:public|private|exempt|confidential|open|closed)\s+(?:business|items?|session|reports?)\b.*|.*\bitems?)$",
    re.I,
)
_PRIVATE = re.compile(
    r"\b(?:private|exempt|confidential|closed)\b|^part\s+(?:2|two|ii|b)\b", re.I
)
ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
POST_WORDS = re.compile(
    r"\b(?:Director|Chief|Officer|Head|Manager|Executive|Consultant|Lead|Deputy|Solicitor|"
    r"Clerk|Adviser|Advisor|Coordinator|Co-ordinator|Commissioner|Secretary|Analyst|Strategist)\b"
)


class Problems(list):
    def add(self, line, message):
        self.append(
            {
                "line": line.no if isinstance(line, Line) else line,
                "page": line.page if isinstance(line, Line) else None,
                "message": message,
            }
        )


# -------------------------------------------------------------- small parsers
def parse_date(text):
    m = _DATE.search(text or "")
    if not m:
        return None
    month = MONTHS.get(m["m"].lower())
    if not month:
        return None
    try:
        return datetime.date(int(m["y"]), month, int(m["d"])).isoformat()
    except ValueError:
        return None


def parse_time(text):
    m = _TIME.search(text or "")
    if not m:
        if re.search(r"\bnoon\b", text or "", re.I):
            return "12:00"
        return None
    if m["h"] is not None:
        h, mi = int(m["h"]), int(m["min"] or 0)
        pm = m["ap"].lower().startswith("p")
        if h > 12 or mi > 59:
            return None
        if pm and h < 12:
            h += 12
        if not pm and h == 12:
            h = 0
        return f"{h:02d}:{mi:02d}"
    return f"{int(m['h24']):02d}:{m['min24']}"


def split_names(text):
    """Split a printed list on commas and 'and' outside brackets."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        p = p.strip()
        chunks = (
            re.split(r"\s+and\s+(?![^()]*\))", p)
            if not re.search(r"\(.*\band\b.*\)", p)
            else [p]
        )
        out += [c.strip().rstrip(".;,") for c in chunks if c.strip().rstrip(".;,")]
    return out


def _role(text):
    m = _ROLE.search(text)
    if not m:
        return text, None
    role = m.group(1).lower()
    role = "Deputy Chair" if ("deputy" in role or "vice" in role) else "Chair"
    return (text[: m.start()] + text[m.end() :]).strip(), role


def _is_heading_line(line):
    t = line.text
    if not t or len(t) > 70 or t.endswith((".", ",", ";")) or re.match(r"^\d", t):
        return False
    return line.bold or bool(_SECTION_WORDS.match(t))


def _nonblank(lines, i, end):
    while i < end and not lines[i].text:
        i += 1
    return i


# -------------------------------------------------------------- the agenda
_TIME_LABEL = re.compile(
    r"^(?:time\s+and\s+date|date\s+and\s+time|date|time)\s*:?\s*(?P<rest>.*)$", re.I
)
_PLACE_LABEL = re.compile(r"^(?:place|venue|location)\s*:?\s*(?P<rest>.*)$", re.I)
_NOT_BODY = re.compile(
    r"^(?:agenda|public document pack|notice of (?:the )?meeting"
    r"|supplementary agenda|.*\bcouncil)$",
    re.I,
)
_ITEM = re.compile(r"^(?P<n>\d{1,2})[.)]?\s+(?P<title>\S.*)$")
_SUB = re.compile(r"^\(?(?P<s>[a-h])\)\s+(?P<title>\S.*)$")
_DATE_ONLY = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{{4}}$"
)


def read_agenda(lines, start, end, problems):
    """The front sheet, lines[start:end] (0-based, end exclusive)."""
    agenda = {"body": None, "date": None, "time": None, "place": None, "items": []}
    i = start
    time_idx = None
    while i < end:
        m = _TIME_LABEL.match(lines[i].text)
        if m and (m["rest"] == "" or parse_date(m["rest"])):
            time_idx = i
            break
        i += 1
    if time_idx is None:
        problems.add(
            lines[start] if start < len(lines) else start + 1,
            "No 'Time and Date' on the front sheet: the agenda's date cannot be read.",
        )
        return None
    # body: the last title-like line above the time label
    for j in range(time_idx - 1, start - 1, -1):
        t = lines[j].text
        if t and not _NOT_BODY.match(t) and not parse_date(t):
            agenda["body"] = t
            agenda["body_line"] = lines[j].no
            break
    rest = _TIME_LABEL.match(lines[time_idx].text)["rest"]
    k = time_idx if rest else _nonblank(lines, time_idx + 1, end)
    when = rest or (lines[k].text if k < end else "")
    agenda["date"], agenda["time"] = parse_date(when), parse_time(when)
    agenda["date_as_printed"], agenda["date_line"] = (
        when,
        lines[k].no if k < end else None,
    )
    if not agenda["date"]:
        problems.add(
            lines[k] if k < end else lines[time_idx],
            f"The meeting's date cannot be read from {when!r}.",
        )
    i = k + 1
    # a separate "Time:" line
    if agenda["time"] is None:
        j = _nonblank(lines, i, end)
        if j < end and re.match(r"^time\s*:?", lines[j].text, re.I):
            agenda["time"] = parse_time(lines[j].text) or parse_time(
                lines[_nonblank(lines, j + 1, end)].text
            )
    # place
    j = i
    while j < min(end, i + 12):
        m = _PLACE_LABEL.match(lines[j].text)
        if m:
            if m["rest"]:
                agenda["place"], agenda["place_line"] = m["rest"], lines[j].no
                i = j + 1
            else:
                p = _nonblank(lines, j + 1, end)
                agenda["place"], agenda["place_line"] = lines[p].text, lines[p].no
                i = p + 1
            break
        j += 1
    # where the items stop: the publisher's date line, the contact note, the membership
    stop = end
    for j in range(i, end):
        t = lines[j].text
        if re.match(
            r"^(?:note:|membership\b|please note|distribution\b|contact officer)",
            t,
            re.I,
        ):
            stop = j
            break
        if _DATE_ONLY.match(t):
            stop = j
            agenda["published"] = parse_date(t)
            agenda["published_line"] = lines[j].no
            p = j - 1
            while p > i and not lines[p].text:
                p -= 1
            if p > i and "," in lines[p].text and not _ITEM.match(lines[p].text):
                agenda["publisher"] = lines[p].text
                stop = p
            break
    _agenda_items(lines, i, stop, agenda, problems)
    _membership(lines, stop, end, agenda, problems)
    _contact(lines, stop, end, agenda)
    return agenda


def _agenda_items(lines, i, stop, agenda, problems):
    items = agenda["items"]
    section, current, expected = None, None, 1
    for line in lines[i:stop]:
        t = line.text
        if not t:
            continue
        m = _ITEM.match(t)
        if m and int(m["n"]) == expected:
            title = m["title"]
            pages = None
            pm = _PAGES.search(title)
            if pm:
                pages = [int(pm.group(1)), int(pm.group(2) or pm.group(1))]
                title = title[: pm.start()].strip()
            current = {
                "number": m["n"],
                "sub": None,
                "title": title,
                "pages": pages,
                "presenter": None,
                "exempt": bool(section and _PRIVATE.search(section)),
                "line": line.no,
                "section": section,
            }
            if current["exempt"]:
                pm_ = _PARAGRAPH.search(title) or _PARAGRAPH.search(section or "")
                current["exempt_paragraph"] = int(pm_.group(1)) if pm_ else None
            items.append(current)
            expected += 1
            continue
        s = _SUB.match(t)
        if (
            s
            and current is not None
            and current["sub"] is None
            or (
                s
                and current is not None
                and current["sub"]
                and ord(s["s"]) == ord(current["sub"]) + 1
            )
        ):
            parent = next(x for x in reversed(items) if x["sub"] is None)
            title = s["title"]
            pages = None
            pm = _PAGES.search(title)
            if pm:
                pages = [int(pm.group(1)), int(pm.group(2) or pm.group(1))]
                title = title[: pm.start()].strip()
            current = dict(
                parent,
                sub=s["s"],
                title=title,
                pages=pages,
                presenter=None,
                line=line.no,
            )
            current.pop("description", None)
            items.append(current)
            continue
        if _is_heading_line(line):
            section = t
            current = None
            if _PRIVATE.search(t):
                agenda["private_business_line"] = line.no
            continue
        if current is None:
            if (
                section
                and _PRIVATE.search(section)
                and re.match(r"^(?:nil|none)\.?$", t, re.I)
            ):
                agenda["private_business"] = t.rstrip(".")
            else:
                problems.add(
                    line, f"Agenda text outside any item, left out: {t[:80]!r}"
                )
            continue
        # a line under an item: a page range on its own, a presenter, or a description
        pm = _PAGES.fullmatch(" " + t) if t.startswith("(") else None
        if pm and not current["pages"]:
            current["pages"] = [int(pm.group(1)), int(pm.group(2) or pm.group(1))]
            continue
        p = _PRESENTER.match(t)
        w = _WILL_REPORT.match(t)
        if p and not current["presenter"]:
            current["presenter"] = p["who"]
            current["presenter_line"], current["presenter_line_no"] = t, line.no
        elif w and not current["presenter"] and len(w["who"]) < 80:
            current["presenter"] = w["who"]
            current["presenter_line"], current["presenter_line_no"] = t, line.no
        elif current.get("description"):
            current["description"] += " " + t
        else:
            current["description"], current["description_line"] = t, line.no
        if current["exempt"] and current.get("exempt_paragraph") is None:
            pm_ = _PARAGRAPH.search(t)
            if pm_:
                current["exempt_paragraph"] = int(pm_.group(1))


def _membership(lines, i, end, agenda, problems):
    j = i
    while j < end and not re.match(r"^membership\b", lines[j].text, re.I):
        j += 1
    if j >= end:
        return
    agenda["membership_line"] = lines[j].no
    names, detail, groups = [], [], {}
    group = None
    first = re.sub(r"^membership\s*:?\s*", "", lines[j].text, flags=re.I)
    chunk = [(lines[j], first)] if first else []
    k = j + 1
    while k < end:
        t = lines[k].text
        if re.match(
            r"^(?:please note|if you require|note:|contact|for further|\*)", t, re.I
        ):
            break
        if t:
            chunk.append((lines[k], t))
        elif chunk and k + 1 < end and not lines[k + 1].text:
            break
        k += 1
    prefix = None
    for line, t in chunk:
        if t.endswith(":") and len(t) < 60:
            group = t[:-1].strip()
            groups[group] = []
            continue
        m = re.match(r"^(Councillors|Cllrs)\s+", t)
        if m:
            prefix = m.group(1)
            t = t[m.end() :]
        note = None
        nm = re.search(
            r"\s*\(([^()]*(?:non-voting|representatives?|co-opted|observer)[^()]*)\)\s*$",
            t,
            re.I,
        )
        if nm:
            note, t = nm.group(1), t[: nm.start()]
        for raw in split_names(t):
            name, role = _role(raw)
            names.append(raw)
            d = {"name": name, "role": role, "line": line.no}
            if group:
                d["group"] = group
                groups[group].append(raw)
            if note:
                d["note"] = note
            detail.append(d)
    agenda["membership"] = names
    agenda["membership_detail"] = detail
    if prefix:
        agenda["membership_prefix"] = prefix
    if groups:
        agenda["membership_groups"] = groups


def _contact(lines, i, end, agenda):
    for line in lines[i:end]:
        m = re.search(
            r"(?:person to contact|contact officer)[^:]*?\bis\s+(?P<name>.+?)"
            r"(?:,|\s+Tel\b|\s+Telephone\b|\s+Email\b|$)",
            line.text,
            re.I,
        ) or re.match(r"^contact officer\s*:\s*(?P<name>[^,]+)", line.text, re.I)
        if m:
            agenda["contact"] = m["name"].strip()
            detail = {
                "name": agenda["contact"],
                "line": line.no,
                "as_printed": line.text,
            }
            tel = re.search(r"\bTel(?:ephone)?\s*:?\s*([\d ()/]+\d)", line.text, re.I)
            email = re.search(
                r"\bE-?mail\s*:?\s*(\S+@\S+(?:\s*/\s*\S+@\S+)*)", line.text, re.I
            )
            if tel:
                detail["tel"] = tel.group(1).strip()
            if email:
                detail["email"] = email.group(1).strip().rstrip(".")
            agenda["contact_detail"] = detail
            return


# -------------------------------------------------------------- the minutes
def find_minutes_headers(lines):
    """Indexes of lines that open a set of minutes: a line that begins "Minutes
    of the meeting", not a sentence that mentions them ("To agree the minutes of
    the meeting held on ...")."""
    out = []
    for idx, line in enumerate(lines):
        m = _MINUTES_HEADER.search(line.text)
        if not m or len(line.text) >= 300:
            continue
        if m.start() == 0 or (
            not line.text[: m.start()].rstrip().endswith((".", ":"))
            and re.search(r"\bcouncil\s*$", line.text[: m.start()], re.I)
        ):
            out.append(idx)
    return out


def _header(lines, idx, problems):
    """Join the header over up to three lines ('... of X held at 2.00 pm' /
    'on Monday, 8 April 2019')."""
    parts, used = [lines[idx].text], [idx]
    j = idx + 1
    while len(parts) < 3 and j < len(lines):
        joined = " ".join(parts)
        if parse_date(joined) and (
            parse_time(joined) or not re.search(r"\bat\s*$", joined)
        ):
            break
        if lines[j].text:
            if re.match(r"^present\b", lines[j].text, re.I):
                break
            parts.append(lines[j].text)
            used.append(j)
        j += 1
    text = " ".join(parts)
    m = _MINUTES_HEADER.search(text)
    after = text[m.end() :]
    body_m = re.match(
        r"(?P<body>.+?),?\s+(?:held|which\s+took\s+place|(?:on\s+)?"
        + _WEEKDAY
        + r"|at\s+\d)",
        after,
        re.I,
    )
    body = body_m["body"].strip(" ,") if body_m else None
    if body and re.match(r"^(?:held|on|at)\b", body, re.I):
        body = None
    if body is None:
        # "HEALTH AND WELLBEING BOARD" / "Minutes of the meeting held on ..."
        for k in range(idx - 1, max(idx - 4, -1), -1):
            t = lines[k].text
            if (
                t
                and _BODY_NAME.search(t)
                and not re.search(r"[:@]", t)
                and len(t) < 120
            ):
                body = t
                break
    minutes = {
        "body": body,
        "date": parse_date(after),
        "time": parse_time(after),
        "place": None,
        "header_lines": [lines[used[0]].no, lines[used[-1]].no],
        "header_as_printed": " ".join(
            lines[k].text
            for k in range(
                used[0]
                - (
                    1
                    if used[0]
                    and lines[used[0] - 1].text
                    and _NOT_BODY.match(lines[used[0] - 1].text)
                    else 0
                ),
                used[-1] + 1,
            )
            if lines[k].text
        ),
    }
    # a venue, only when the header prints one: "... in Committee Room 2",
    # "..., at the Council House"
    pm = re.search(
        r"\b(?:in|at)\s+(?P<p>(?:the\s+)?(?:[A-Z][\w'’&-]*\s*)+"
        r"(?:Room|House|Hall|Chamber|Centre|Center|Building|Offices?)\b[^,.]*)",
        after,
    )
    if pm:
        place = after[pm.start("p") :]
        place = re.split(rf"\s+(?:on|at)\s+(?:\d|{_WEEKDAY})", place)[0]
        minutes["place"] = place.strip(" .")
    if not minutes["date"]:
        problems.add(
            lines[idx], "The date of these minutes cannot be read; they are left out."
        )
    return minutes, used[-1] + 1


_BODY_NAME = re.compile(
    r"\b(?:board|committee|cabinet|panel|forum|partnership|sub-committee|executive"
    r"|commission|assembly)\b",
    re.I,
)
_ATT_LABELS = [
    (re.compile(r"^(?P<l>present)\s*:?\s*(?P<r>.*)$", re.I), "present_members"),
    (
        re.compile(
            r"^(?P<l>other\s+(?:representatives|members|attendees)(?:\s+present)?)\s*:?\s*(?P<r>.*)$",
            re.I,
        ),
        "other_representatives",
    ),
    (
        re.compile(
            r"^(?P<l>(?:also\s+present|in\s+attendance|also\s+in\s+attendance|observers?))\s*:?\s*(?P<r>.*)$",
            re.I,
        ),
        "other_representatives",
    ),
    (
        re.compile(
            r"^(?P<l>(?:employees|officers)(?:\s+(?:present|in\s+attendance))?(?:\s*\(by\s+directorate\))?)\s*:?\s*(?P<r>.*)$",
            re.I,
        ),
        "employees",
    ),
    (
        re.compile(
            r"^(?P<l>apologies(?:\s+for\s+absence)?(?:\s+were\s+received\s+from)?)\s*:?\s*(?P<r>.*)$",
            re.I,
        ),
        "apologies",
    ),
    (
        re.compile(
            r"^(?P<l>substitutes?(?:\s+members?)?|substitutions?)\s*:?\s*(?P<r>.*)$",
            re.I,
        ),
        "substitutes",
    ),
    (
        re.compile(
            r"^(?P<l>(?:[A-Z][\w-]*\s+){0,4}(?:members|representatives))\s*:?\s*(?P<r>.*)$",
            re.I,
        ),
        "present_members",
    ),
]
_NAMEISH = re.compile(rf"^(?:{_HONORIFIC}\s+)?(?:[A-Z]\.?\s+)*[A-Z][\w'’-]+")


def _person(text, category, line):
    name_part, role = _role(text.strip().rstrip(","))
    affiliation = None
    pm = re.match(r"^(?P<n>[^,(]+?)\s*\((?P<a>[^()]+)\)\s*$", name_part)
    if pm:  # "F Black (Healthwatch)"
        name_part, affiliation = pm["n"], pm["a"]
    bits = name_part.split(",", 1)
    if affiliation and len(bits) == 1:
        bits.append(affiliation)
    d = {"name": bits[0].strip(), "role": role, "organisation": None}
    if len(bits) > 1:
        rest = bits[1].strip()
        if POST_WORDS.search(rest) and not re.search(
            r"\b(?:Trust|CCG|NHS|University|Foundation|Healthwatch|Police|Council|Board)\b",
            rest,
        ):
            d["post"] = rest
        else:
            d["organisation"] = rest
    d.update(
        {"category": category, "line": line.no, "as_printed": text.strip().rstrip(",")}
    )
    return d


def _people_in(text, category, line):
    """One person per line, unless the line is a list of councillors."""
    m = re.match(r"^(Councillors|Cllrs)\s+(.*)$", text)
    if m:
        return [
            _person(f"Councillor {n}", category, line) for n in split_names(m.group(2))
        ]
    if len(re.findall(rf"(?:^|,\s*|\band\s+){_HONORIFIC}\s", text)) >= 2:
        return [_person(n, category, line) for n in split_names(text)]
    parts = split_names(text)
    if len(parts) > 1 and all(_is_person(p) for p in parts[1:]):
        return [_person(n, category, line) for n in parts]
    return [_person(text, category, line)]


_INITIALS_NAME = re.compile(r"^(?:[A-Z]\.?\s+)+[A-Z][\w'’-]+$")
_TWO_NAMES = re.compile(r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}$")


def _is_person(part):
    """After the first comma of an attendance line, is this another person
    ("F Black", "Dr E Green", "Jo Bloggs (Healthwatch)") rather than the first
    person's organisation or post ("Coventry University", "Director of ...")?"""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", part).strip()
    if re.match(rf"^{_HONORIFIC}\s", bare) or _INITIALS_NAME.match(bare):
        return True
    if POST_WORDS.search(bare):
        return False
    return bare != part.strip() and bool(_TWO_NAMES.match(bare))


def read_attendance(lines, start, end, problems):
    att = {
        k: []
        for k in (
            "present_members",
            "other_representatives",
            "employees",
            "apologies",
            "substitutes",
        )
    }
    att["apologies_detail"] = []
    role, category, directorate = None, None, None
    for line in lines[start:end]:
        t = line.text
        if not t:
            continue
        label = None
        for rx, kind in _ATT_LABELS:
            m = rx.match(t)
            if (
                m
                and len(m["l"]) < 50
                and (
                    m["r"] == ""
                    or t[len(m["l"]) :].lstrip().startswith(":")
                    or _NAMEISH.match(m["r"])
                )
            ):
                if (
                    kind == "present_members"
                    and m["l"].lower() == "present"
                    and role is None
                ):
                    label = (kind, None, m["r"])
                else:
                    label = (kind, m["l"].strip(), m["r"])
                break
        if label:
            role, cat, rest = label
            category = cat or category
            directorate = None
            if not rest:
                continue
            t = rest
        if role is None:
            problems.add(
                line, f"Attendance line before any label, left out: {t[:80]!r}"
            )
            continue
        if role == "employees":
            _employees(t, line, att, problems, directorate_holder := {"d": directorate})
            directorate = directorate_holder["d"]
            continue
        if role == "apologies":
            for p in _people_in(t, category, line):
                att["apologies"].append(p["name"])
                p.pop("category", None)
                att["apologies_detail"].append(p)
            continue
        if role == "substitutes":
            m = re.match(
                r"^(?P<who>.+?)\s+(?:\(\s*)?"
                r"(?:substitut(?:e|ing)\s+for|for|in place of)\s+(?P<for>[^)]+)\)?\.?$",
                t,
                re.I,
            )
            who, for_ = (m["who"], m["for"].strip()) if m else (t, None)
            p = _person(who, category, line)
            p["for"] = for_
            att["substitutes"].append(p)
            continue
        for p in _people_in(t, category, line):
            att[role].append(p)
    return att


def _employees(t, line, att, problems, holder):
    m = re.match(r"^(?P<d>[^:]{2,60}):\s*(?P<r>.*)$", t)
    if m:
        holder["d"] = m["d"].strip()
        t = m["r"]
    elif not re.match(r"^(?:[A-Z]\.?\s)+[A-Z]", t) and not re.match(
        rf"^{_HONORIFIC}\s", t
    ):
        m = re.match(r"^(?P<d>.+?)\s+(?P<r>(?:[A-Z]\.?\s)+[A-Z][\w'’-]+.*)$", t)
        if m:
            holder["d"] = m["d"].strip()
            t = m["r"]
    for raw in split_names(t):
        pm = re.match(r"^(?P<n>.+?)\s*\((?P<post>.*)\)$", raw)
        e = {
            "name": (pm["n"] if pm else raw).strip(),
            "directorate": holder["d"],
            "line": line.no,
        }
        if pm:
            e["post"] = pm["post"].strip()
        if not _NAMEISH.match(e["name"]):
            problems.add(line, f"Cannot read an employee's name in {raw!r}; left out.")
            continue
        att["employees"].append(e)


def _minute_heading(line, expected):
    t = line.text
    m = re.match(
        r"^(?:minute\s+)?(?:[A-Z]{2,6}\s?)?(?P<n>\d{1,3})(?P<y>/\d{2,4})?[.:)]?\s+"
        r"(?P<title>\S.*)$",
        t,
        re.I,
    )
    if not m:
        return None
    n = int(m["n"])
    if expected is not None and n != expected:
        return None
    title = m["title"].strip()
    if len(title) > 250:
        return None
    if expected is None and not (
        line.bold or line.raw.lstrip().startswith("#") or len(title) < 120
    ):
        return None
    return m["n"] + (m["y"] or ""), title


def read_minutes(lines, idx, limit, problems):
    minutes, i = _header(lines, idx, problems)
    if not minutes["date"]:
        return None, i
    # the end: the closing line, else the next header
    end, closing = limit, None
    for j in range(i, limit):
        m = _CLOSING.match(lines[j].text)
        if m:
            closing, end = j, j
            break
    if closing is None:
        problems.add(
            lines[idx],
            "These minutes have no closing line ('Meeting closed at ...'); "
            "they are read to the end of the file.",
        )
    else:
        minutes["closing_time"] = parse_time(_CLOSING.match(lines[closing].text)["t"])
        minutes["closing_line"] = lines[closing].no
        minutes["closing_as_printed"] = lines[closing].text
    # minute headings, in sequence
    headings, expected, part, clause_no = [], None, None, None
    parts = []
    for j in range(i, end):
        line = lines[j]
        t = line.text
        if not t:
            continue
        if headings or expected is None:
            if (
                _is_heading_line(line)
                and re.search(r"\b(?:business|part\s+\w+)\b", t, re.I)
                and len(t) < 40
            ):
                part = t
                parts.append({"label": t, "line": line.no, "minutes": []})
                continue
        if _RESOLVED.match(t):
            clause_no = 0  # numbered lines that follow are clauses, 1, 2, ...
            continue
        h = _minute_heading(line, expected)
        if h and clause_no is not None and int(h[0].split("/")[0]) == clause_no + 1:
            clause_no += 1  # "2. Approve ..." after clause 1 is clause 2
            continue
        m = _CLAUSE.match(t)
        if m and clause_no is not None and (m["a"] or m["b"] or "").isdigit():
            clause_no = int(m["a"] or m["b"])
        if (
            h is None
            and expected is not None
            and (line.bold or line.raw.startswith("#"))
        ):
            # a marked-up heading that skips numbers: read it, and say what is missing
            skipped = _minute_heading(line, None)
            n = int(skipped[0].split("/")[0]) if skipped else 0
            if skipped and expected < n <= expected + 5:
                gap = (
                    f"Minute {expected} is"
                    if n - 1 == expected
                    else f"Minutes {expected} to {n - 1} are"
                )
                problems.add(
                    line, f"{gap} not in the document: the minutes go on at {n}."
                )
                h = skipped
        if h and (expected is not None or _looks_first_minute(lines[j])):
            headings.append((j, h[0], h[1], part))
            if parts:
                parts[-1]["minutes"].append(h[0])
            expected = int(re.match(r"\d+", h[0]).group()) + 1
            clause_no = None
    if not headings:
        problems.add(lines[idx], "No numbered minutes found after this header.")
        minutes["attendance"] = read_attendance(lines, i, end, problems)
        minutes["items"] = []
        return minutes, end
    first = headings[0][0]
    # the attendance block stops at the first part heading or minute
    att_end = first
    for j in range(i, first):
        if _is_heading_line(lines[j]) and re.search(
            r"\bbusiness\b", lines[j].text, re.I
        ):
            att_end = j
            break
    minutes["attendance"] = read_attendance(lines, i, att_end, problems)
    minutes["items"] = []
    for n, (j, number, title, part_label) in enumerate(headings):
        stop = headings[n + 1][0] if n + 1 < len(headings) else end
        body = lines[j + 1 : stop]
        # a part heading that opens the next part is not this minute's text
        while body and (
            not body[-1].text
            or (
                _is_heading_line(body[-1])
                and re.search(r"\bbusiness\b", body[-1].text, re.I)
            )
        ):
            body.pop()
        item = {
            "number": number,
            "title": title.rstrip(),
            "exempt": bool(part_label and _PRIVATE.search(part_label)),
            "line_start": lines[j].no,
            "line_end": body[-1].no if body else lines[j].no,
            "heading_raw": lines[j].raw.strip(),
        }
        item.update(read_minute_body(body, problems))
        minutes["items"].append(item)
    if parts:
        minutes["parts"] = parts
    minutes["line_start"] = lines[idx].no
    minutes["line_end"] = (
        lines[closing].no if closing is not None else lines[end - 1].no
    )
    return minutes, end


def _looks_first_minute(line):
    """The first minute: a numbered line after the attendance block."""
    return (
        line.bold
        or line.raw.lstrip().startswith("#")
        or bool(
            re.match(r"^(?:[A-Z]{2,6}\s?)?\d{1,3}(?:/\d{2,4})?[.:]?\s+[A-Z]", line.text)
        )
    )


def read_minute_body(body, problems):
    out = {
        "resolution_opener": None,
        "resolution_opener_line": None,
        "resolutions": [],
        "declarations": [],
        "cites": [],
        "notes": [],
        "narrative": [],
    }
    text_all = []
    k = 0
    while k < len(body):
        line = body[k]
        t = line.text
        if not t:
            k += 1
            continue
        text_all.append(t)
        if _RESOLVED.match(t):
            k = _resolution(body, k, out, problems, text_all)
            continue
        _narrative(out["narrative"], line)
        if re.match(r"^note\s*:", t, re.I):
            out["notes"].append(t)
            k += 1
            continue
        if re.search(
            r"\bdeclared\b.*\binterests?\b|\binterests?\b.*\bdeclared\b", t, re.I
        ):
            out["declarations"] += _declarations(t, line, body, k)
        k += 1
    seen = []
    for t in text_all:
        for m in _CITE.finditer(t):
            for ref in re.findall(r"\d{1,3}(?:/\d{2,4})?", m.group(1)):
                seen.append(ref)
    out["cites"] = seen
    if not out["notes"]:
        del out["notes"]
    return out


def _narrative(paras, line):
    """The minute's text as paragraphs and bullets; a paragraph a page break cut in
    two ("... and the" / "existing activity ...") is joined again."""
    bullet = bool(re.match(r"^\s*[-*\u2022]\s", line.raw))
    t = line.text
    last = paras[-1] if paras else None
    if (
        last
        and not bullet
        and not last["bullet"]
        and not last["text"].endswith((".", ":", ";", "?", "!"))
        and t[:1].islower()
    ):
        last["text"] += " " + t
        return
    paras.append({"text": t, "bullet": bullet, "line": line.no})


def _resolution(body, k, out, problems, text_all):
    line = body[k]
    t = line.text
    opener = t.rstrip()
    is_opener = bool(
        re.search(r"(?::-?|:\s*-|\s-)$|\bthat\s*:?$|\bthat,?\s+the\s+\w+\s*:?$", opener)
    ) and (
        opener.endswith((":", "-", ":-"))
        or opener.lower().rstrip(": ").endswith("that")
    )
    if not is_opener:
        text = t
        j = k + 1
        # a wrapped sentence (PDF text) continues until a full stop
        while (
            not text.rstrip().endswith((".", ";"))
            and j < len(body)
            and body[j].text
            and not _CLAUSE.match(body[j].text)
            and not _RESOLVED.match(body[j].text)
            and not re.match(r"^note\s*:", body[j].text, re.I)
        ):
            text += " " + body[j].text
            j += 1
        text_all[-1] = text
        out["resolutions"].append(
            {
                "label": None,
                "text": text,
                "children": [],
                "line": line.no,
                "raw": line.raw,
            }
        )
        return j
    if out["resolution_opener"] is None:
        out["resolution_opener"], out["resolution_opener_line"] = opener, line.no
    j = k + 1
    top, last = [], None
    while j < len(body):
        ln = body[j]
        s = ln.text
        if not s:
            j += 1
            continue
        m = _CLAUSE.match(s)
        if m:
            label = (m["a"] or m["b"]).lower()
            clause = {
                "label": label,
                "text": m["text"].strip(),
                "children": [],
                "line": ln.no,
                "raw": ln.raw,
            }
            nested = (
                label in ROMAN
                and label not in ("v", "x")
                or label in ("v", "x")
                and last
                and last.get("_level") == 2
            ) or (label.isalpha() and label not in ROMAN)
            if nested and top and top[-1]["label"] and top[-1]["label"].isdigit():
                clause["_level"] = 2
                top[-1]["children"].append(clause)
            else:
                clause["_level"] = 1
                top.append(clause)
            last = clause
            text_all.append(s)
            j += 1
            continue
        if _RESOLVED.match(s) or re.match(r"^note\s*:", s, re.I):
            break
        if last is None and not top:
            # an un-numbered paragraph after the opener is one clause
            clause = {
                "label": None,
                "text": s,
                "children": [],
                "line": ln.no,
                "raw": ln.raw,
                "_level": 1,
            }
            top.append(clause)
            last = clause
            text_all.append(s)
            j += 1
            continue
        if (
            last is not None
            and not last["text"].rstrip().endswith((".", ";", ":"))
            and not ln.bold
            and (ln.page is not None or s[:1].islower())
        ):
            last["text"] += " " + s  # a clause wrapped over lines of a PDF
            text_all.append(s)
            j += 1
            continue
        if last is not None and top and top[0]["label"] is not None and ln.bold:
            problems.add(
                ln, f"A resolution clause without a number, left out: {s[:80]!r}"
            )
            text_all.append(s)
            j += 1
            continue
        break
    if not top:
        problems.add(line, "A resolution opener with no clause after it.")
    for c in top:
        c.pop("_level", None)
        for ch in c["children"]:
            ch.pop("_level", None)
    out["resolutions"] += top
    return j


def _declarations(t, line, body, k):
    text = t
    nxt = k + 1
    while nxt < len(body) and not body[nxt].text:
        nxt += 1
    if nxt < len(body) and not text.rstrip().endswith("."):
        text += " " + body[nxt].text  # a sentence split by a page break
    out = []
    for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", text):
        m = re.search(
            r"^(?:As\s+(?P<cap>[^,]+),\s+)?(?P<who>.+?)\s+(?:each\s+|both\s+|also\s+)?declared\b",
            sentence,
        )
        if not m:
            continue
        who = re.sub(r"^(?:In\s+respect\s+of\s+[^,]+,\s*)", "", m["who"])
        names = [n for n in split_names(who) if _NAMEISH.match(n) and len(n) < 60]
        if not names:
            continue
        ref = re.search(r"\bMinute\s+(\d{1,3}(?:/\d{2,4})?)", sentence)
        out.append(
            {
                "names": names,
                "capacity": m["cap"],
                "minute": ref.group(1) if ref else None,
                "withdrew": bool(
                    re.search(r"\b(?:withdrew|left the (?:meeting|room))\b", text, re.I)
                ),
                "text": text,
                "lines": [line.no],
            }
        )
    return out


# -------------------------------------------------------------- the pack
def read_pack(lines, *, source=""):
    """Everything the pack says that this reader can place, and what it could not."""
    problems = Problems()
    headers = find_minutes_headers(lines)
    front_end = headers[0] if headers else min(len(lines), 400)
    before = [line for line in lines[:front_end] if line.text]
    # a document that opens with its minutes (its own minutes, not a pack) has no
    # front sheet to read
    agenda = read_agenda(lines, 0, front_end, problems) if len(before) > 8 else None
    minutes = []
    for n, idx in enumerate(headers):
        limit = headers[n + 1] if n + 1 < len(headers) else len(lines)
        got, _ = read_minutes(lines, idx, limit, problems)
        if got:
            if agenda:
                _link_agenda_item(agenda, got)
            minutes.append(got)
    return {
        "source": source,
        "agenda": agenda,
        "minutes": minutes,
        "problems": list(problems),
    }


def _link_agenda_item(agenda, minutes):
    """The agenda row that asks the meeting to agree these minutes."""
    for it in agenda["items"]:
        if (
            re.search(r"\bminutes\b", it["title"], re.I)
            and parse_date(it["title"]) == minutes["date"]
        ):
            minutes["agenda_item"] = {"number": it["number"], "sub": it["sub"]}
            return
