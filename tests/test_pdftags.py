"""Merging tagged PDFs keeps their structure trees (hwbb/pdftags.py), and the
reading of a tree back finds what would mislead a screen reader."""

import io

import pikepdf
from django.core.management import call_command
from pypdf import PdfReader
from weasyprint import HTML

from hwbb import pdftags
from tests import files

PAGE_BREAK = '<p style="break-before: page">Second page</p>'


def _tagged(title, body):
    html = (
        f'<!DOCTYPE html><html lang="en-GB"><head><title>{title}</title></head>'
        f"<body>{body}</body></html>"
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def _reader(data):
    return PdfReader(io.BytesIO(data))


def _pdf(data):
    """A PDF as the merge takes it."""
    return pikepdf.open(io.BytesIO(data))


def _titled(merged, title):
    merged.docinfo["/Title"] = title
    merged.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    merged.Root.Lang = pikepdf.Name("/en-GB")
    return merged


def _written(merged):
    out = io.BytesIO()
    _titled(merged, "Merged").save(out)
    return _reader(out.getvalue())


TABLE = (
    "<table><thead><tr><th>Item</th><th>Pages</th></tr></thead>"
    "<tbody><tr><td>Housing</td><td>3 - 5</td></tr></tbody></table>"
)
LINK = '<p>See <a href="https://example.org/a">the plan</a>.</p>'


def _three():
    front = _tagged("Agenda", f"<h1>Agenda</h1>{TABLE}{LINK}{PAGE_BREAK}{LINK}")
    upload = _tagged("Upload", f"<h1>An upload</h1>{LINK}")
    report = _tagged("A report", f"<h1>A report</h1>{TABLE}{LINK}")
    return [(_pdf(front), True), (_pdf(upload), False), (_pdf(report), True)]


def test_a_merge_keeps_each_tagged_documents_tree_well_formed():
    merged = _written(pdftags.merge(_three()))
    assert pdftags.problems(merged) == []
    outline = pdftags.outline(merged)
    assert outline.splitlines()[0] == "Document"
    assert outline.count("  H1") == 2  # the front's and the report's, not the upload's
    assert '  Part (title: "A report")' in outline
    assert outline.count("Table") == 2
    assert "An upload" not in outline


def test_the_merge_ties_each_link_to_its_element_and_no_other_annotation():
    merged = _written(pdftags.merge(_three()))
    tree = merged.root_object["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    keys = [int(k) for k in nums[0::2]]
    assert keys == list(range(len(keys))) and tree["/ParentTreeNextKey"] == len(keys)
    pages = merged.pages
    # front sheet 2 pages, upload 1, report 1: the upload's page has no key
    assert [p.get("/StructParents") for p in pages] == [0, 1, None, 2]
    links = [[a.get_object().get("/StructParent") for a in p["/Annots"]] for p in pages]
    assert links[2] == [None]
    assert sorted(k for page in links for k in page if k is not None) == [3, 4, 5]


def test_table_header_ids_stay_unique_across_documents():
    merged = _written(pdftags.merge(_three()))
    ids, headers = [], []
    for _, element in pdftags.elements(merged):
        if "/ID" in element:
            ids.append(str(element["/ID"]))
        attributes = element.get("/A")
        if attributes is not None and "/Headers" in attributes:
            headers.extend(str(h) for h in attributes["/Headers"])
    assert len(ids) == len(set(ids)) == 4
    assert set(headers) == set(ids)


def test_a_plain_merge_loses_the_tree():
    merged = pikepdf.Pdf.new()
    for pdf, _ in _three():
        merged.pages.extend(pdf.pages)
    assert "The file has no structure tree." in pdftags.problems(_written(merged))


def test_a_parent_tree_that_points_elsewhere_is_found():
    merged = pdftags.merge(_three())
    nums = merged.Root["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    first, second = nums[1], nums[3]
    first[0], second[0] = second[0], first[0]
    found = pdftags.problems(_written(merged))
    assert "The parent tree maps MCID 0 elsewhere." in found


def test_a_page_whose_key_is_lost_is_found():
    merged = pdftags.merge(_three())
    merged.pages[3].obj["/StructParents"] = 99
    found = pdftags.problems(_written(merged))
    assert "The parent tree does not map MCID 0." in found


def test_a_figure_without_alternative_text_is_found():
    # WeasyPrint takes a chart's alternative text from its <title>, as
    # indicators/charts.py writes it, not from aria-label.
    named = _tagged(
        "Chart",
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
        '<title>Values: 1, 2</title><rect width="20" height="20"/></svg>',
    )
    merged = _written(pdftags.merge([(_pdf(named), True)]))
    assert pdftags.problems(merged) == []
    assert '(alt: "Values: 1, 2")' in pdftags.outline(merged)
    unnamed = _tagged("Chart", f'<img src="data:image/png;base64,{PNG}">')
    found = pdftags.problems(_written(pdftags.merge([(_pdf(unnamed), True)])))
    assert "A figure has no alternative text." in found


def test_untagged_pages_merge_as_they_are():
    plain = _pdf(files.pdf_bytes(["Appendix"], pages=2))
    merged = _written(pdftags.merge([(plain, False)]))
    assert len(merged.pages) == 2
    assert "/StructTreeRoot" not in merged.root_object


# A 1x1 grey PNG
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQ"
    "AAAABJRU5ErkJggg=="
)


def test_page_numbers_in_the_margin_become_artifacts():
    """WeasyPrint marks a margin's "Page 1" as a Span no element holds; the
    rewrite marks it as an artifact, which a screen reader skips."""
    numbered = _tagged(
        "Numbered",
        '<style>@page { @bottom-center { content: "Page " counter(page) } }</style>'
        "<h1>Minutes</h1><p>Present: the chair.</p>",
    )
    found = pdftags.problems(_reader(numbered))
    assert "A page has marked content no element holds." in found
    merged = _written(pdftags.merge([(_pdf(numbered), True)]))
    assert pdftags.problems(merged) == []
    content = merged.pages[0].get_contents().get_data()
    assert content.count(b"/Artifact BMC") == 1
    assert "Page 1" in merged.pages[0].extract_text()


def test_the_command_prints_the_tree_and_its_faults(tmp_path):
    merged = _titled(pdftags.merge(_three()), "Agenda")
    good, plain = tmp_path / "good.pdf", tmp_path / "plain.pdf"
    merged.save(good)
    plain.write_bytes(files.pdf_bytes(["Appendix"]))
    out = io.StringIO()
    call_command("pdf_structure", str(good), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["Agenda (4 pages)", "Document", "  H1"]
    assert "      TR" in lines and "        TH x2" in lines
    assert lines[-2:] == [
        "Pages outside the tree (uploaded papers): 1",
        "The structure tree is well formed.",
    ]
    out = io.StringIO()
    call_command("pdf_structure", str(plain), stdout=out)
    assert "1 x The file has no structure tree." in out.getvalue()


def test_a_heading_that_skips_a_level_is_found():
    skipping = _tagged("Skips", "<h1>Agenda</h1><h3>Place</h3><h2>Items</h2>")
    found = pdftags.problems(_written(pdftags.merge([(_pdf(skipping), True)])))
    assert found == ["A heading skips a level (H3)."]


def test_header_cells_say_what_they_head():
    rows = "<table><tr><th>Present:</th><td>The chair</td></tr></table>"
    document = _tagged("Tables", f"{TABLE}{rows}")
    merged = _written(pdftags.merge([(_pdf(document), True)]))
    scopes = [
        str(e["/A"]["/Scope"]) for _, e in pdftags.elements(merged) if e["/S"] == "/TH"
    ]
    assert scopes == ["/Column", "/Column", "/Row"]


def test_a_merge_keeps_the_bookmarks_and_the_targets_of_links():
    """The outline (bookmarks) of the documents merged, and the named
    destinations their links go to, come with their pages, pointing at the
    merged file's copies: a copy of the pages alone carries neither."""
    linked = _tagged(
        "Linked",
        '<h1>Agenda</h1><p><a href="#later">Later</a></p>'
        '<h2 id="later" style="break-before: page">Later</h2>',
    )
    report = _tagged("A report", "<h1>A report</h1>")
    merged = _written(pdftags.merge([(_pdf(linked), True), (_pdf(report), True)]))

    def titles(items):
        for item in items:
            yield from titles(item) if isinstance(item, list) else [item.title]

    assert list(titles(merged.outline)) == ["Agenda", "Later", "A report"]
    later = merged.named_destinations["later"]
    assert merged.get_destination_page_number(later) == 1
    link = merged.pages[0]["/Annots"][0].get_object()
    assert str(link["/Dest"]) == "later"
