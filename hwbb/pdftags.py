"""The structure tree of a tagged PDF: merging tagged documents so that the
merged file keeps their tags, and reading a tree back (an outline to print,
and the faults that would mislead a screen reader).

A tagged PDF ties its text to its structure in two directions: a structure
element lists the marked content it holds (an MCID on a page, or an
annotation), and the parent tree maps each page's marked content (through
the page's /StructParents key) and each annotation (its /StructParent) back
to its element. pypdf's merge copies pages but neither the tree nor those
keys, so `merge` rebuilds both: one Document holding the tree of each tagged
document in turn, with every page and annotation reference pointed at the
merged file's copy and the parent tree written anew from the elements.
Untagged documents' pages are merged as they are; a stray /StructParent on
their annotations is dropped, so no key can point into the wrong tree.
"""

import re
from dataclasses import dataclass, field

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

# Keys of a structure element that are plain data, copied as they are.
_DATA_KEYS = ("/Alt", "/ActualText", "/E", "/Lang", "/T", "/C", "/R")


@dataclass
class _Graft:
    """One tagged document's pages in the merged file, and the elements the
    copy of its tree gives each marked-content ID and annotation."""

    prefix: str  # keeps /ID (table headers) unique across documents
    pages: dict  # source page object number -> merged page (IndirectObject)
    annotations: dict  # source annotation object number -> merged annotation
    marks: dict = field(default_factory=dict)  # (page number, MCID) -> element
    objects: list = field(default_factory=list)  # [(annotation, element)]


def merge(readers):
    """A PdfWriter with the pages of each (PdfReader, tagged) in turn; the
    structure trees of the tagged ones copied under one Document element,
    and the first tagged one's metadata (title, PDF/UA identification)."""
    writer = PdfWriter()
    document = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject("/Document"),
            NameObject("/K"): ArrayObject(),
        }
    )
    writer._add_object(document)  # pypdf has no public call for this
    grafts, first = [], None
    for number, (reader, tagged) in enumerate(readers):
        start = len(writer.pages)
        writer.append(reader)
        tree = reader.root_object.get("/StructTreeRoot") if tagged else None
        if tree is None:
            continue
        first = first or reader
        merged = [writer.pages[i] for i in range(start, len(writer.pages))]
        graft = _graft_for(reader, merged, f"d{number}-")
        kids = _copy_kids(writer, _top(tree.get_object()), document, graft, None)
        title = (reader.metadata.title or "") if grafts else None
        _adopt(writer, document, kids, title)
        _mark_unheld_as_artifacts(graft)
        grafts.append(graft)
    if first is not None:
        _finish(writer, document, grafts, first)
    _drop_stray_keys(writer, grafts)
    return writer


def _graft_for(reader, merged_pages, prefix):
    pages, annotations = {}, {}
    for source, page in zip(reader.pages, merged_pages, strict=True):
        pages[source.indirect_reference.idnum] = page.indirect_reference
        # pypdf copies annotations as new objects: pair them by their key
        by_key = {
            a.get_object().get("/StructParent"): a for a in page.get("/Annots", [])
        }
        for a in source.get("/Annots", []):
            key = a.get_object().get("/StructParent")
            if isinstance(a, IndirectObject) and key is not None and key in by_key:
                annotations[a.idnum] = by_key[key]
    return _Graft(prefix, pages, annotations)


# WeasyPrint marks content it writes in a page's margin ("Page 3 of 7") as
# a Span of an element outside the tree: marked but held by no element, so
# a screen reader would neither read it in order nor skip it. Such content
# is an artifact (PDF/UA-1, 7.8), and is marked as one.
_MARKED = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def _mark_unheld_as_artifacts(graft):
    for page in graft.pages.values():
        held = {mcid for number, mcid in graft.marks if number == page.idnum}
        page = page.get_object()
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else []
        for stream in contents if isinstance(contents, ArrayObject) else [contents]:
            stream = stream.get_object()
            data = stream.get_data()

            def artifact(mark, held=held):
                if int(mark.group(1)) in held:
                    return mark.group(0)
                return b"/Artifact BMC"

            changed = _MARKED.sub(artifact, data)
            if changed != data:
                stream.set_data(changed)


def _top(tree):
    """The kids of the document's tree: those of its Document element if it
    has one (WeasyPrint's has), as the merged file has a Document of its own."""
    kids = _kids(tree)
    if len(kids) == 1 and kids[0].get_object().get("/S") == "/Document":
        return kids[0].get_object().get("/K")
    return tree.get("/K")


def _adopt(writer, document, kids, title):
    """The first tagged document's elements sit straight under the Document;
    each later one's under a Part of its own, named by its title."""
    if title is None:
        document["/K"].extend(kids)
        return
    part = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject("/Part"),
            NameObject("/P"): document.indirect_reference,
            NameObject("/T"): TextStringObject(title),
            NameObject("/K"): ArrayObject(kids),
        }
    )
    ref = writer._add_object(part)
    for kid in kids:
        kid.get_object()[NameObject("/P")] = ref
    document["/K"].append(ref)


def _copy_kids(writer, kids, parent, graft, page):
    """Copies of the source kids under `parent` (a new element), in order."""
    if kids is None:
        return []
    kids = kids.get_object()
    if not isinstance(kids, ArrayObject):
        kids = [kids]
    copies = []
    for kid in kids:
        copy = _copy_kid(writer, kid, parent, graft, page)
        if copy is not None:
            copies.append(copy)
    return copies


def _copy_kid(writer, kid, parent, graft, page):
    kid = kid.get_object()
    if isinstance(kid, NumberObject | int):  # an MCID on the parent's page
        if page is None:
            return None
        graft.marks[(page.idnum, int(kid))] = parent
        return NumberObject(kid)
    if not isinstance(kid, DictionaryObject):
        return None
    kind = kid.get("/Type")
    if kind == "/MCR":
        return _copy_mcr(kid, parent, graft, page)
    if kind == "/OBJR":
        return _copy_objr(kid, parent, graft, page)
    if "/S" in kid:
        return _copy_element(writer, kid, parent, graft, page)
    return None


def _copy_mcr(kid, parent, graft, page):
    page = _page(kid, graft, page)
    if page is None or "/MCID" not in kid:
        return None
    graft.marks[(page.idnum, int(kid["/MCID"]))] = parent
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/MCR"),
            NameObject("/Pg"): page,
            NameObject("/MCID"): NumberObject(kid["/MCID"]),
        }
    )


def _copy_objr(kid, parent, graft, page):
    source = kid.raw_get("/Obj")
    annotation = (
        graft.annotations.get(source.idnum)
        if isinstance(source, IndirectObject)
        else None
    )
    if annotation is None:  # an annotation the merge did not keep
        return None
    graft.objects.append((annotation.get_object(), parent))
    copy = DictionaryObject(
        {NameObject("/Type"): NameObject("/OBJR"), NameObject("/Obj"): annotation}
    )
    page = _page(kid, graft, page)
    if page is not None:
        copy[NameObject("/Pg")] = page
    return copy


def _copy_element(writer, element, parent, graft, page):
    page = _page(element, graft, page)
    copy = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject(element["/S"]),
            NameObject("/P"): parent.indirect_reference,
        }
    )
    if page is not None:
        copy[NameObject("/Pg")] = page
    for key in _DATA_KEYS:
        if key in element:
            copy[NameObject(key)] = element[key].clone(writer)
    if "/ID" in element:
        copy[NameObject("/ID")] = TextStringObject(graft.prefix + str(element["/ID"]))
    if "/A" in element:
        copy[NameObject("/A")] = _attributes(writer, element["/A"], graft)
    if element["/S"] == "/TH":
        _scope(copy, parent)
    ref = writer._add_object(copy)
    copy[NameObject("/K")] = ArrayObject(
        _copy_kids(writer, element.get("/K"), copy, graft, page)
    )
    return ref


def _scope(cell, row):
    """A header cell says what it heads (WeasyPrint says neither): its column
    in the table's head, else its row (the minutes' "Board members:")."""
    section = row.get("/P")
    head = section is not None and section.get_object().get("/S") == "/THead"
    attributes = cell.get("/A")
    if attributes is None:
        attributes = cell[NameObject("/A")] = DictionaryObject(
            {NameObject("/O"): NameObject("/Table")}
        )
    blocks = attributes if isinstance(attributes, ArrayObject) else [attributes]
    table = next(
        (b.get_object() for b in blocks if b.get_object().get("/O") == "/Table"),
        None,
    )
    if table is not None and "/Scope" not in table:
        table[NameObject("/Scope")] = NameObject("/Column" if head else "/Row")


def _page(source, graft, inherited):
    pg = source.raw_get("/Pg") if "/Pg" in source else None
    if isinstance(pg, IndirectObject):
        return graft.pages.get(pg.idnum)
    return inherited


def _attributes(writer, attributes, graft):
    """The element's attributes, a table cell's /Headers renamed as its
    header cells' /ID are."""
    attributes = attributes.get_object().clone(writer)
    blocks = attributes if isinstance(attributes, ArrayObject) else [attributes]
    for block in blocks:
        block = block.get_object()
        if isinstance(block, DictionaryObject) and "/Headers" in block:
            block[NameObject("/Headers")] = ArrayObject(
                TextStringObject(graft.prefix + str(h)) for h in block["/Headers"]
            )
    return attributes


def _finish(writer, document, grafts, first):
    """The merged file's structure tree root, its parent tree written from
    the copied elements, and the catalogue entries a tagged PDF needs."""
    root = writer._add_object(
        DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    )
    document[NameObject("/P")] = root
    tree = root.get_object()
    tree[NameObject("/K")] = ArrayObject([document.indirect_reference])
    nums, key = ArrayObject(), 0
    for graft in grafts:
        for page in graft.pages.values():
            marks = sorted(
                (mcid, element)
                for (number, mcid), element in graft.marks.items()
                if number == page.idnum
            )
            if not marks:
                continue
            page.get_object()[NameObject("/StructParents")] = NumberObject(key)
            nums.extend([NumberObject(key), _by_mcid(marks)])
            key += 1
    for annotation, element in (o for graft in grafts for o in graft.objects):
        annotation[NameObject("/StructParent")] = NumberObject(key)
        nums.extend([NumberObject(key), element.indirect_reference])
        key += 1
    tree[NameObject("/ParentTree")] = writer._add_object(
        DictionaryObject({NameObject("/Nums"): nums})
    )
    tree[NameObject("/ParentTreeNextKey")] = NumberObject(key)
    catalogue = writer.root_object
    catalogue[NameObject("/StructTreeRoot")] = root
    catalogue[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)}
    )
    if "/Metadata" in first.root_object:
        metadata = first.root_object["/Metadata"].get_object().clone(writer)
        catalogue[NameObject("/Metadata")] = metadata.indirect_reference


def _by_mcid(marks):
    """The parent tree's array for one page: the element of each MCID, at
    that index (null where the page has no such MCID)."""
    array = ArrayObject(NullObject() for _ in range(marks[-1][0] + 1))
    for mcid, element in marks:
        array[mcid] = element.indirect_reference
    return array


def _drop_stray_keys(writer, grafts):
    """No annotation keeps a /StructParent but those the copied tree holds:
    an untagged document's key would point into the merged tree."""
    held = {id(annotation) for graft in grafts for annotation, _ in graft.objects}
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if "/StructParent" in annotation and id(annotation) not in held:
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
