"""The structure tree of a tagged PDF: merging tagged documents so that the
merged file keeps their tags, and reading a tree back (an outline to print,
and the faults that would mislead a screen reader).

A tagged PDF ties its text to its structure in two directions: a structure
element lists the marked content it holds (an MCID on a page, or an
annotation), and the parent tree maps each page's marked content (through
the page's /StructParents key) and each annotation (its /StructParent) back
to its element. A merge of pages (qpdf's, through pikepdf) copies pages but
not the tree, so `merge` rebuilds it and the keys: one Document holding the
tree of each tagged document in turn, with every page and annotation
reference pointed at the merged file's copy and the parent tree written anew
from the elements. Untagged documents' pages are merged as they are; a stray
/StructParents or /StructParent of theirs is dropped, so no key can point
into the wrong tree.

The merge is written with pikepdf, for qpdf's speed at copying pages; the
reading back (`elements`, `outline`, `problems`) with pypdf, as the checks
on uploads are.
"""

import re
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NullObject,
    NumberObject,
)

# Keys of a structure element that are plain data, copied as they are.
_DATA_KEYS = ("/Alt", "/ActualText", "/E", "/Lang", "/T", "/C", "/R")


@dataclass
class _Graft:
    """One tagged document's pages in the merged file, and the elements the
    copy of its tree gives each marked-content ID and annotation."""

    prefix: str  # keeps /ID (table headers) unique across documents
    pages: dict  # source page (object number, generation) -> merged page
    annotations: dict  # source annotation (number, generation) -> merged one
    marks: dict = field(default_factory=dict)  # (page objgen, MCID) -> element
    objects: list = field(default_factory=list)  # [(annotation, element)]


def merge(pdfs):
    """A pikepdf.Pdf with the pages of each (pikepdf.Pdf, tagged) in turn; the
    structure trees of the tagged ones copied under one Document element,
    and the first tagged one's metadata (title, PDF/UA identification).

    qpdf copies the pages, and with them what the document holds for them
    (outline items, named destinations, form fields): `_copy_pages`.
    Each source's own /StructParents are dropped, as its tree is not the
    merged file's; the tagged ones get theirs again from `_finish`."""
    merged = pikepdf.Pdf.new()
    document = merged.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, K=Array())
    )
    grafts, first = [], None
    for number, (pdf, tagged) in enumerate(pdfs):
        start = len(merged.pages)
        _copy_pages(merged, pdf)
        tree = pdf.Root.get("/StructTreeRoot") if tagged else None
        if tree is None:
            continue
        first = first or pdf
        copies = [page.obj for page in merged.pages[start:]]
        for page in copies:  # `_finish` keys those with marked content
            if "/StructParents" in page:
                del page["/StructParents"]
        graft = _graft_for(pdf, copies, f"d{number}-")
        kids = _copy_kids(merged, _top(tree), document, graft, None)
        title = title_of(pdf) if grafts else None
        _adopt(merged, document, kids, title)
        _mark_unheld_as_artifacts(graft)
        grafts.append(graft)
    if first is not None:
        _finish(merged, document, grafts, first)
    _drop_stray_keys(merged, grafts)
    return merged


# What a document may hold for its pages beyond them, and pikepdf's
# `add_pages_from` carries over with them: an outline, named destinations
# (the targets of links), a form, layers. Looking for them costs as much as
# copying the pages, so a document with none (most uploaded papers) has its
# pages copied alone.
_FOR_PAGES = ("/Outlines", "/Names", "/Dests", "/AcroForm", "/OCProperties")


def _copy_pages(merged, pdf):
    if any(key in pdf.Root for key in _FOR_PAGES):
        merged.add_pages_from(pdf)
        return
    for page in pdf.pages:
        merged.pages.append(page)


def title_of(pdf):
    """The document's title (its /Info /Title), or ""."""
    info = pdf.trailer.get("/Info")
    title = info.get("/Title") if info is not None else None
    return str(title) if title is not None else ""


def _graft_for(pdf, merged_pages, prefix):
    pages, annotations = {}, {}
    for source, page in zip(pdf.pages, merged_pages, strict=True):
        source = source.obj
        pages[source.objgen] = page
        # pair each annotation with its copy by the key the copy keeps
        by_key = {_key(a): a for a in page.get("/Annots", Array())}
        for a in source.get("/Annots", Array()):
            key = _key(a)
            if a.is_indirect and key is not None and key in by_key:
                annotations[a.objgen] = by_key[key]
    return _Graft(prefix, pages, annotations)


def _key(annotation):
    return (
        annotation.get("/StructParent") if isinstance(annotation, Dictionary) else None
    )


# WeasyPrint marks content it writes in a page's margin ("Page 3 of 7") as
# a Span of an element outside the tree: marked but held by no element, so
# a screen reader would neither read it in order nor skip it. Such content
# is an artifact (PDF/UA-1, 7.8), and is marked as one.
_MARKED = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def _mark_unheld_as_artifacts(graft):
    held = {}
    for page, mcid in graft.marks:
        held.setdefault(page, set()).add(mcid)
    for page in graft.pages.values():
        on_page = held.get(page.objgen, set())

        def artifact(mark, held=on_page):
            if int(mark.group(1)) in held:
                return mark.group(0)
            return b"/Artifact BMC"

        for stream in _streams(page):
            data = stream.read_bytes()
            changed = _MARKED.sub(artifact, data)
            if changed != data:
                stream.write(changed)


def _streams(page):
    contents = page.get("/Contents")
    if contents is None:
        return []
    return list(contents) if isinstance(contents, Array) else [contents]


def _top(tree):
    """The kids of the document's tree: those of its Document element if it
    has one (WeasyPrint's has), as the merged file has a Document of its own."""
    kids = _pike_kids(tree)
    if len(kids) == 1 and isinstance(kids[0], Dictionary):
        if kids[0].get("/S") == "/Document":
            return kids[0].get("/K")
    return tree.get("/K")


def _pike_kids(node):
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _adopt(merged, document, kids, title):
    """The first tagged document's elements sit straight under the Document;
    each later one's under a Part of its own, named by its title."""
    if title is None:
        document.K.extend(kids)
        return
    part = merged.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.Part,
            P=document,
            T=String(title),
            K=Array(kids),
        )
    )
    for kid in kids:
        kid.P = part
    document.K.append(part)


def _copy_kids(merged, kids, parent, graft, page):
    """Copies of the source kids under `parent` (a new element), in order."""
    if kids is None:
        return []
    if not isinstance(kids, Array):
        kids = [kids]
    copies = []
    for kid in kids:
        copy = _copy_kid(merged, kid, parent, graft, page)
        if copy is not None:
            copies.append(copy)
    return copies


def _copy_kid(merged, kid, parent, graft, page):
    if isinstance(kid, int) and not isinstance(kid, bool):  # an MCID on the page
        if page is None:
            return None
        graft.marks[(page.objgen, kid)] = parent
        return kid
    if not isinstance(kid, Dictionary):
        return None
    kind = kid.get("/Type")
    if kind == "/MCR":
        return _copy_mcr(kid, parent, graft, page)
    if kind == "/OBJR":
        return _copy_objr(kid, parent, graft, page)
    if "/S" in kid:
        return _copy_element(merged, kid, parent, graft, page)
    return None


def _copy_mcr(kid, parent, graft, page):
    page = _page(kid, graft, page)
    if page is None or not isinstance(kid.get("/MCID"), int):
        return None
    graft.marks[(page.objgen, int(kid.MCID))] = parent
    return Dictionary(Type=Name.MCR, Pg=page, MCID=int(kid.MCID))


def _copy_objr(kid, parent, graft, page):
    source = kid.get("/Obj")
    annotation = (
        graft.annotations.get(source.objgen)
        if source is not None and source.is_indirect
        else None
    )
    if annotation is None:  # an annotation the merge did not keep
        return None
    graft.objects.append((annotation, parent))
    copy = Dictionary(Type=Name.OBJR, Obj=annotation)
    page = _page(kid, graft, page)
    if page is not None:
        copy.Pg = page
    return copy


def _copy_element(merged, element, parent, graft, page):
    page = _page(element, graft, page)
    copy = merged.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name(str(element.S)), P=parent)
    )
    if page is not None:
        copy.Pg = page
    for key in _DATA_KEYS:
        if key in element:
            copy[key] = _clone(merged, element[key])
    if "/ID" in element:
        copy.ID = String(graft.prefix + str(element.ID))
    if "/A" in element:
        copy.A = _attributes(merged, element.A, graft)
    if element.S == "/TH":
        _scope(copy, parent)
    copy.K = Array(_copy_kids(merged, element.get("/K"), copy, graft, page))
    return copy


def _clone(merged, value):
    """A value of a source document as the merged one can hold it: an
    indirect object copied over by qpdf (once: it remembers its copies)."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return merged.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_clone(merged, v) for v in value])
    if isinstance(value, Dictionary):
        return Dictionary({k: _clone(merged, v) for k, v in value.items()})
    return value


def _scope(cell, row):
    """A header cell says what it heads (WeasyPrint says neither): its column
    in the table's head, else its row (the minutes' "Board members:")."""
    section = row.get("/P")
    head = section is not None and section.get("/S") == "/THead"
    if "/A" not in cell:
        cell.A = Dictionary(O=Name.Table)
    attributes = cell.A
    blocks = list(attributes) if isinstance(attributes, Array) else [attributes]
    table = next(
        (b for b in blocks if isinstance(b, Dictionary) and b.get("/O") == "/Table"),
        None,
    )
    if table is not None and "/Scope" not in table:
        table.Scope = Name.Column if head else Name.Row


def _page(source, graft, inherited):
    pg = source.get("/Pg")
    if pg is not None and pg.is_indirect:
        return graft.pages.get(pg.objgen)
    return inherited


def _attributes(merged, attributes, graft):
    """The element's attributes, a table cell's /Headers renamed as its
    header cells' /ID are."""
    attributes = _clone(merged, attributes)
    blocks = list(attributes) if isinstance(attributes, Array) else [attributes]
    for block in blocks:
        if isinstance(block, Dictionary) and "/Headers" in block:
            block.Headers = Array(
                [String(graft.prefix + str(h)) for h in block.Headers]
            )
    return attributes


def _finish(merged, document, grafts, first):
    """The merged file's structure tree root, its parent tree written from
    the copied elements, and the catalogue entries a tagged PDF needs."""
    root = merged.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document.P = root
    root.K = Array([document])
    nums, key = [], 0
    for graft in grafts:
        by_page = {}
        for (number, mcid), element in graft.marks.items():
            by_page.setdefault(number, []).append((mcid, element))
        for page in graft.pages.values():
            marks = by_page.get(page.objgen)
            if not marks:
                continue
            page.StructParents = key
            nums.extend([key, _by_mcid(sorted(marks, key=lambda m: m[0]))])
            key += 1
    for annotation, element in (o for graft in grafts for o in graft.objects):
        annotation.StructParent = key
        nums.extend([key, element])
        key += 1
    root.ParentTree = merged.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = key
    catalogue = merged.Root
    catalogue.StructTreeRoot = root
    catalogue.MarkInfo = Dictionary(Marked=True)
    metadata = first.Root.get("/Metadata")
    if metadata is not None and metadata.is_indirect:
        catalogue.Metadata = merged.copy_foreign(metadata)


def _by_mcid(marks):
    """The parent tree's array for one page: the element of each MCID, at
    that index (null where the page has no such MCID)."""
    array = [None] * (marks[-1][0] + 1)
    for mcid, element in marks:
        array[mcid] = element
    return Array(array)


def _drop_stray_keys(merged, grafts):
    """No page or annotation keeps a /StructParents or /StructParent but
    those the copied tree holds: an untagged document's key would point
    into the merged tree."""
    held = {annotation.objgen for graft in grafts for annotation, _ in graft.objects}
    grafted = {page.objgen for graft in grafts for page in graft.pages.values()}
    for page in merged.pages:
        page = page.obj
        if page.objgen not in grafted and "/StructParents" in page:
            del page["/StructParents"]
        for annotation in page.get("/Annots") or ():
            if not isinstance(annotation, Dictionary):
                continue
            if "/StructParent" in annotation and annotation.objgen not in held:
                del annotation["/StructParent"]


# -- Reading a tree back --------------------------------------------------------

_MCID = re.compile(rb"/MCID\s+(\d+)")
_HEADING = re.compile(r"/H[1-6]")


def elements(reader):
    """(depth, element) for each structure element, depth first."""
    tree = reader.root_object.get("/StructTreeRoot")
    if tree is None:
        return
    stack = [(0, kid) for kid in reversed(_kids(tree.get_object()))]
    while stack:
        depth, element = stack.pop()
        element = element.get_object()
        if not isinstance(element, DictionaryObject) or "/S" not in element:
            continue
        yield depth, element
        stack.extend((depth + 1, kid) for kid in reversed(_kids(element)))


def _kids(node):
    kids = node.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


def outline(reader, *, leaves=False):
    """The structure tree as indented lines ("Document", "  H1", ...): a
    run of siblings of one type is shown once with its count, and text-level
    leaves (Span, Lbl, Link...) are left out unless `leaves`."""
    hidden = set() if leaves else {"Span", "Lbl", "LBody", "Link", "NonStruct"}
    lines, last = [], None
    for depth, element in elements(reader):
        kind = str(element["/S"]).lstrip("/")
        if kind in hidden:
            continue
        note = _note(element)
        line = "  " * depth + kind + note
        if last and last[0] == line and not note:
            last[1] += 1
            lines[-1] = f"{line} x{last[1]}"
            continue
        lines.append(line)
        last = [line, 1]
    return "\n".join(lines)


def _note(element):
    for key, label in (("/T", "title"), ("/Alt", "alt")):
        if key in element:
            text = str(element[key])
            text = text if len(text) <= 60 else text[:57] + "..."
            return f' ({label}: "{text}")'
    return ""


def problems(reader):
    """What a screen reader would trip on, as sentences; none if the tree
    is well formed: the catalogue marks the file tagged, with its language
    and its title shown; every MCID an element holds is marked on its page
    and mapped back to that element by the parent tree, which maps nothing
    else, and no page has marked content no element holds; every
    annotation an element holds points back to it; every figure has
    alternative text; no heading skips a level on the way down (H1 to H3)."""
    found = []
    root = reader.root_object
    if not _true(root, "/MarkInfo", "/Marked"):
        found.append("The catalogue does not mark the file as tagged.")
    if not root.get("/Lang"):
        found.append("The catalogue sets no language.")
    if not reader.metadata or not reader.metadata.title:
        found.append("The file has no title.")
    if not _true(root, "/ViewerPreferences", "/DisplayDocTitle"):
        found.append("The reader's window shows the file name, not the title.")
    if "/StructTreeRoot" not in root:
        return [*found, "The file has no structure tree."]
    return found + _tree_problems(reader)


def _true(root, name, key):
    entry = root.get(name)
    entry = entry.get_object() if entry is not None else DictionaryObject()
    return getattr(entry.get(key), "value", False) is True


def _tree_problems(reader):
    found = []
    parents = _parent_tree(reader)
    held = set()  # (parent tree key, MCID or None for an annotation)
    # the marked content of each page in the tree: every MCID must be held
    unheld = {
        page.indirect_reference.idnum: _page_mcids(page)
        for page in reader.pages
        if "/StructParents" in page
    }
    level = 0  # the last heading's: a heading may go down any number, up one
    for _, element in elements(reader):
        if element["/S"] == "/Figure" and not element.get("/Alt"):
            found.append("A figure has no alternative text.")
        if _HEADING.fullmatch(str(element["/S"])):
            if int(element["/S"][2]) > level + 1:
                found.append(f"A heading skips a level ({element['/S'][1:]}).")
            level = int(element["/S"][2])
        for page, mcid in _marks(element):
            key = None if page is None else page.get_object().get("/StructParents")
            found += _mark_problems(element, mcid, parents.get(key), unheld, page)
            held.add((key, mcid))
        for annotation in _objects(element):
            key = annotation.get_object().get("/StructParent")
            if parents.get(key) != element.indirect_reference:
                found.append("An annotation does not point back to its element.")
            held.add((key, None))
    if any(unheld.values()):
        found.append("A page has marked content no element holds.")
    for key, entry in parents.items():
        entries = enumerate(entry) if isinstance(entry, list) else [(None, entry)]
        for mcid, element in entries:
            if not isinstance(element, NullObject) and (key, mcid) not in held:
                found.append(f"The parent tree maps key {key} to nothing held.")
    return found


def _mark_problems(element, mcid, mapped, unheld, page):
    """What is wrong with one MCID an element holds: marked on its page (and
    struck off the page's unheld ones), and mapped back to the element."""
    if page is None:
        return [f"An element holds MCID {mcid} on no page."]
    found = []
    on_page = unheld.get(page.idnum, set())
    if mcid not in on_page and mcid not in _page_mcids(page.get_object()):
        found.append(f"MCID {mcid} is not marked on its page.")
    on_page.discard(mcid)
    if not isinstance(mapped, list) or mcid >= len(mapped):
        found.append(f"The parent tree does not map MCID {mcid}.")
    elif mapped[mcid] != element.indirect_reference:
        found.append(f"The parent tree maps MCID {mcid} elsewhere.")
    return found


def _parent_tree(reader):
    """{key: element or [element by MCID]} from the parent tree's /Nums
    (flat, or in /Kids, as a number tree may be)."""
    tree = reader.root_object["/StructTreeRoot"].get_object()
    found, stack = {}, [tree.get("/ParentTree")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        node = node.get_object()
        nums = node.get("/Nums", [])
        for key, value in zip(nums[0::2], nums[1::2], strict=True):
            resolved = value.get_object()
            if isinstance(resolved, ArrayObject):
                found[int(key)] = list(resolved)
            else:
                found[int(key)] = value
        stack.extend(node.get("/Kids", []))
    return found


def _marks(element):
    page = element.raw_get("/Pg") if "/Pg" in element else None
    for kid in _kids(element):
        kid = kid.get_object()
        if isinstance(kid, NumberObject | int):
            yield page, int(kid)
        elif isinstance(kid, DictionaryObject) and kid.get("/Type") == "/MCR":
            yield kid.raw_get("/Pg") if "/Pg" in kid else page, int(kid["/MCID"])


def _objects(element):
    for kid in _kids(element):
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/OBJR":
            yield kid.raw_get("/Obj")


def _page_mcids(page):
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else []
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    data = b"\n".join(s.get_object().get_data() for s in streams)
    return {int(m) for m in _MCID.findall(data)}
