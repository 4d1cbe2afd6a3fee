"""Build the demo's papers (meetings/demo/papers/*.pdf) from the seed packs.

    .venv/bin/python scripts/demo_papers.py [SEEDS_DIR]

SEEDS_DIR defaults to ../shared/seeds. Each paper in the demo's content.PAPERS is
its lines of the meeting's seed, set as an A4 PDF headed with the meeting and item,
so that the demo can upload it as an author would. The text is the seed's as
converted, less the conversion's markup (bold marks, HTML fragments, page-break
debris); tables keep their cells. Run it again only when PAPERS changes.
"""

import datetime
import html
import re
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TAG = re.compile(r"<[^>]+>")
DEBRIS = {"This page is intentionally left blank", "---", "“", "”"}
CSS = """
@page { size: A4; margin: 20mm 18mm 22mm;
  @top-left { content: string(running); font: 8pt "Liberation Sans", sans-serif;
    color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font: 8pt "Liberation Sans", sans-serif; color: #444; } }
body { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 10pt;
  line-height: 1.35; color: #0b0c0c; }
.running { string-set: running content(); }
header { border-bottom: 3px solid #00565e; margin-bottom: 8mm; padding-bottom: 3mm; }
header p { margin: 0; color: #00565e; font-weight: bold; }
h1 { font-size: 16pt; margin: 2mm 0 0; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; }
p, li { margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 8.5pt; }
td { border: 1px solid #b1b4b6; padding: 1mm 1.5mm; vertical-align: top; }
"""


def plain(line):
    """A seed line without its markup: HTML tags, bold marks, escapes."""
    line = TAG.sub("", line).replace("**", "").replace("\\_", "_").replace("\\\\", "")
    return line.strip()


def body_html(lines):
    out, table = [], []

    def end_table():
        if table:
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                for r in table
            )
            out.append(f"<table>{rows}</table>")
            table.clear()

    for raw in lines:
        if "\t" in raw:
            table.append([plain(c) for c in raw.split("\t")])
            continue
        end_table()
        text = plain(raw)
        if not text or text in DEBRIS:
            continue
        if raw.lstrip().startswith("#"):
            out.append(f"<h2>{html.escape(text.lstrip('#').strip())}</h2>")
        elif raw.strip().startswith("**") and raw.strip().endswith("**"):
            out.append(f"<h2>{html.escape(text)}</h2>")
        else:
            out.append(f"<p>{html.escape(text)}</p>")
    end_table()
    return "\n".join(out)


def build(seeds_dir):
    from weasyprint import HTML

    from meetings.demo import content
    from meetings.demo.loader import paper_path

    meetings = {mt["key"]: mt for mt in content.MEETINGS}
    bodies = {b["key"]: b["name"] for b in content.BODIES}
    for paper in content.PAPERS:
        seed = (seeds_dir / content.PAPER_SEEDS[paper["meeting"]]).read_text()
        lines = seed.splitlines()
        mt = meetings[paper["meeting"]]
        for n, (title, _kind, first, last) in enumerate(paper["documents"]):
            day = datetime.date.fromisoformat(mt["start"][:10]).strftime("%-d %B %Y")
            heading = f"{bodies[mt['body']]}, {day}: item {paper['item']}"
            page = (
                f"<html lang='en-GB'><head><meta charset='utf-8'><title>"
                f"{html.escape(paper['title'])}: {html.escape(title)}</title>"
                f"<style>{CSS}</style></head><body>"
                f"<header><p>Coventry City Council</p>"
                f"<p class='running'>{html.escape(heading)}</p>"
                f"<h1>{html.escape(paper['title'])}</h1>"
                f"<p>{html.escape(title)}</p></header>"
                f"{body_html(lines[first - 1 : last])}</body></html>"
            )
            path = paper_path(paper, n)
            HTML(string=page).write_pdf(path)
            print(f"{path.relative_to(ROOT)}: lines {first}-{last}")


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")
    os.environ.setdefault("DEBUG", "1")  # a developer's tool: no secret key needed
    django.setup()
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds")
