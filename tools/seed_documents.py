"""The two hosting documents shipped with the seed content, and the small writers that make them.

Everything the documents say comes from the organisation's own texts (the Regional Offices pages
of its earlier website). The writers use the standard library only and are deterministic: the same
text always gives the same bytes, so the committed files can be checked against this module.

- ``guide_pdf()``: "Hosting a WeGO Regional Office", a PDF 1.4 file in the standard Helvetica fonts.
- ``interest_form_docx()``: an editable expression-of-interest form, an Office Open XML document.

After changing the text, write the files into fixtures/media/ and their size and fingerprint into
fixtures/offices.json:

    python -m tools.seed_documents
"""

import hashlib
import io
import json
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

GUIDE_PATH = "offices/documents/guide-to-hosting-a-wego-regional-office.pdf"
FORM_PATH = "offices/documents/expression-of-interest-form.docx"

GUIDE_TITLE = "Hosting a WeGO Regional Office"
FORM_TITLE = "Expression of interest: hosting a WeGO Regional Office"

FUNCTIONS = [
    "Support exchanges and cooperation on Smart City & e-Governance among members in the region",
    "Manage members and secure new members in the region",
    "Organize training programs, seminars, and conferences on Smart City & e-Governance",
    "Develop partnership with local organizations and expand the global network of WeGO",
]
SECRETARIAT = [
    "WeGO Secretariat",
    "Seoul Global Center 7th Floor, 38 Jongro, Jongno-gu, Seoul, Republic of Korea 03188",
    "Tel. +82 (0)2 720 2934~7   Fax +82 (0)2 720 2939",
]

# (kind, content): "title", "subtitle", "h" (heading), "p" (paragraph), "ul" (list of items), "lines".
GUIDE = [
    ("title", GUIDE_TITLE),
    ("subtitle", "A guide for cities and local governments"),
    ("h", "WeGO Regional Offices"),
    (
        "p",
        "To help the Secretariat in advancing the organization’s mission, WeGO has several Regional Offices in "
        "different parts of the world. The WeGO Regional Offices are affiliated organizations of the WeGO "
        "Secretariat that support the functions of the Secretariat, facilitate the implementation of WeGO programs "
        "and events, and help manage members in their respective region.",
    ),
    ("p", "WeGO’s Regional Offices are:"),
    (
        "ul",
        [
            "East Asia Regional Office",
            "Eurasia Regional Office",
            "Mediterranean Regional Office",
            "Latin America Regional Office",
        ],
    ),
    ("h", "What a Regional Office does"),
    ("ul", FUNCTIONS),
    (
        "p",
        "In conjunction with the WeGO Secretariat, WeGO Regional Offices hold annual programs for the advancement "
        "of WeGO’s mission of bringing Smart Sustainable Cities for All. This includes capacity-building programs "
        "such as the popular Smart City & e-Government Training Programs to forums gathering sister cities to "
        "introduce and encourage collaboration with WeGO. Apart from these, WeGO Regional Offices are constantly at "
        "work to diversify and come up with more innovative ways to support the Secretariat in their respective "
        "regions.",
    ),
    ("h", "Who can host a Regional Office"),
    (
        "p",
        "A Regional Office may be set up in any region of the world. It is hosted by a WeGO member city in the "
        "applicable region.",
    ),
    ("h", "How the host city is selected"),
    ("p", "The host city of a regional office is selected by the Executive Committee through a bidding process."),
    ("h", "What the host city gains"),
    (
        "p",
        "Cities and local governments that host WeGO Regional Offices gain not only global exposure in the smart "
        "city community, but also access to the wide network of WeGO members and partners.",
    ),
    (
        "p",
        "Serving as a Regional Office is a testament to a city’s commitment to the pursuit of smart sustainable "
        "cities.",
    ),
    ("h", "Where WeGO is looking to open new offices"),
    (
        "p",
        "WeGO is looking into opening new Regional Offices in Africa, Europe, and Southeast Asia, as well as other "
        "regions, to help support WeGO’s expansion and sustainable growth.",
    ),
    ("h", "The experience of earlier Regional Offices"),
    (
        "p",
        "In September 2013, the Executive Committee approved the WeGO Asia Regional Office, Chengdu. The WeGO Asia "
        "Regional Office was thereafter launched in late 2013 and has been coordinating closely with the secretariat "
        "to organize e-Government training programs and has hosted the successful 3rd WeGO General Assembly in "
        "Chengdu in November 2014.",
    ),
    (
        "p",
        "In September 2013, the Executive Committee approved the WeGO Europe Regional Office, Ulyanovsk Region. The "
        "WeGO Europe Regional Office was officially launched at the CeBIT Trade Fair on March 11, 2014 in Hannover, "
        "Germany and has been actively supporting WeGO activities in the region. The Ulyanovsk Region will be "
        "hosting the 4th WeGO General Assembly in 2017.",
    ),
    (
        "p",
        "Starting 2014, the WeGO Regional Offices in Asia and Europe have been organizing special training courses "
        "for WeGO members, including webinars for effective sharing of ICT knowledge worldwide.",
    ),
    ("h", "How to express interest"),
    (
        "p",
        "If your city is interested in taking up this important role, complete the expression of interest form "
        "that comes with this guide and send it to the WeGO Secretariat, or present your interest through the "
        "contact page of the WeGO website.",
    ),
    ("lines", SECRETARIAT),
]

FORM_INTRODUCTION = [
    "Serving as a Regional Office is a testament to a city’s commitment to the pursuit of smart sustainable cities. "
    "A Regional Office may be set up in any region of the world and is hosted by a WeGO member city in the "
    "applicable region. The host city of a regional office is selected by the Executive Committee through a "
    "bidding process.",
    "Please complete this form and send it to the WeGO Secretariat. The guide “Hosting a WeGO Regional Office” "
    "explains the role.",
]
FORM_SECTIONS = [
    (
        "1. The city or local government",
        [
            "Name of the city or local government",
            "Country",
            "Region the Regional Office would serve",
            "Is the city a WeGO member?",
        ],
    ),
    (
        "2. Contact person",
        ["Name", "Position", "Department or organization", "Telephone", "E-mail"],
    ),
    (
        "3. The proposal",
        [
            "Why the city wishes to host a WeGO Regional Office",
            *(f"How the city would: {function[0].lower()}{function[1:]}" for function in FUNCTIONS),
            "Anything else the Secretariat should know",
        ],
    ),
    ("4. Submitted by", ["Name and position", "Date", "Signature"]),
]


# --- PDF -----------------------------------------------------------------------------------------

# Advance widths (1/1000 em) of Helvetica and Helvetica-Bold for characters 32-126, from Adobe's
# metrics; with them, lines are wrapped to the real width of the text.
_REGULAR = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667,
    556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
    556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip
_BOLD = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722,
    611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556,
    611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778,
    556, 556, 500, 389, 280, 389, 584,
]  # fmt: skip
_EXTRA_REGULAR = {"’": 222, "‘": 222, "“": 333, "”": 333, "—": 1000, "–": 556, "•": 350}
_EXTRA_BOLD = {"’": 278, "‘": 278, "“": 500, "”": 500, "—": 1000, "–": 556, "•": 350}

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 64
BRAND = "0.043 0.325 0.580 rg"  # the site's brand blue
INK = "0.110 0.141 0.188 rg"


def _width(text, size, bold=False):
    table, extra = (_BOLD, _EXTRA_BOLD) if bold else (_REGULAR, _EXTRA_REGULAR)
    units = sum(table[ord(c) - 32] if 32 <= ord(c) <= 126 else extra.get(c, 556) for c in text)
    return units * size / 1000


def _wrap(text, size, width, bold=False):
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and _width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _pdf_string(text):
    """A literal string in the fonts' WinAnsi encoding (curly quotes and dashes included)."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _info_string(text):
    """Document information is UTF-16 text, so any title survives."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


class _Layout:
    """Places lines of text on A4 pages, top to bottom, starting a new page when one is full."""

    def __init__(self):
        self.pages = [[]]
        self.y = PAGE_HEIGHT - MARGIN

    def space(self, points):
        self.y -= points

    def line(self, text, size, x=MARGIN, bold=False, colour=INK, keep=0):
        """One line; ``keep`` is room (in points) that must follow on the same page, for headings."""
        if self.y - size - keep < MARGIN + 24:
            self.pages.append([])
            self.y = PAGE_HEIGHT - MARGIN
        self.y -= size * 1.45
        font = "/F2" if bold else "/F1"
        self.pages[-1].append(
            b"BT %s %s %d Tf %.2f %.2f Td %s Tj ET"
            % (colour.encode(), font.encode(), size, x, self.y, _pdf_string(text))
        )

    def paragraph(self, text, size=11, x=MARGIN, bold=False, colour=INK):
        for line in _wrap(text, size, PAGE_WIDTH - MARGIN - x, bold):
            self.line(line, size, x=x, bold=bold, colour=colour)


def guide_pdf(blocks=GUIDE, title=GUIDE_TITLE):
    layout = _Layout()
    for kind, content in blocks:
        if kind == "title":
            layout.paragraph(content, size=24, bold=True, colour=BRAND)
        elif kind == "subtitle":
            layout.paragraph(content, size=14)
            layout.space(10)
        elif kind == "h":
            layout.space(10)
            layout.line(content, 14, bold=True, colour=BRAND, keep=40)
            layout.space(2)
        elif kind == "p":
            layout.paragraph(content)
            layout.space(6)
        elif kind == "ul":
            for item in content:
                lines = _wrap(item, 11, PAGE_WIDTH - 2 * MARGIN - 16)
                layout.line("•", 11, x=MARGIN + 4, keep=0)
                layout.y += 11 * 1.45  # the item's first line goes on the bullet's baseline
                for line in lines:
                    layout.line(line, 11, x=MARGIN + 16)
                layout.space(2)
            layout.space(6)
        elif kind == "lines":
            layout.space(4)
            for index, line in enumerate(content):
                layout.line(line, 11, bold=index == 0)
    total = len(layout.pages)
    for number, page in enumerate(layout.pages, start=1):
        footer = f"WeGO, World Smart Sustainable Cities Organization   |   {title}   |   page {number} of {total}"
        page.append(b"BT %s /F1 8 Tf %d %d Td %s Tj ET" % (INK.encode(), MARGIN, MARGIN - 24, _pdf_string(footer)))
    return _pdf_file(layout.pages, title)


def _pdf_file(pages, title):
    objects = []  # object number n is objects[n - 1]

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    tree = add(b"")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    info = add(b"<< /Title %s /Author %s /Producer (WeGO website) >>" % (_info_string(title), _info_string("WeGO")))
    kids = []
    for commands in pages:
        stream = b"\n".join(commands)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                % (tree, PAGE_WIDTH, PAGE_HEIGHT, content, regular, bold)
            )
        )
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    objects[catalog - 1] = (
        b"<< /Type /Catalog /Pages %d 0 R /Lang (en) /ViewerPreferences << /DisplayDocTitle true >> >>" % tree
    )

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # the binary comment tells tools the file is binary
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, info, xref)
    )
    return out.getvalue()


# --- DOCX ----------------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    _XML + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    "</Relationships>"
)
_DOCUMENT_RELS = (
    _XML + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)


def _style(style_id, name, size, bold=False, colour="1C2430", outline=None, space_before=0):
    outline_xml = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:spacing w:before="{space_before}" w:after="120"/>{outline_xml}</w:pPr>'
        f'<w:rPr>{"<w:b/>" if bold else ""}<w:color w:val="{colour}"/><w:sz w:val="{size}"/></w:rPr></w:style>'
    )


_STYLES = (
    _XML + f'<w:styles xmlns:w="{_W}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
    '<w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    + _style("Title", "Title", 40, bold=True, colour="0B5394")
    + _style("Heading1", "heading 1", 28, bold=True, colour="0B5394", outline=0, space_before=240)
    + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:tblPr><w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    "</w:styles>"
)


def _paragraph(text, style=None, bold=False):
    style_xml = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{style_xml}<w:r>{run_properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _form_table(labels):
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="8A94A3"/>'
    borders = "".join(border.format(side=side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    rows = "".join(
        '<w:tr><w:trPr><w:trHeight w:val="567"/></w:trPr>'
        f'<w:tc><w:tcPr><w:tcW w:w="3400" w:type="dxa"/></w:tcPr>{_paragraph(label, bold=True)}</w:tc>'
        '<w:tc><w:tcPr><w:tcW w:w="5626" w:type="dxa"/></w:tcPr><w:p/></w:tc></w:tr>'
        for label in labels
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="9026" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="3400"/><w:gridCol w:w="5626"/></w:tblGrid>{rows}</w:tbl>'
    )


def interest_form_docx():
    body = [_paragraph(FORM_TITLE, style="Title")]
    body += [_paragraph(text) for text in FORM_INTRODUCTION]
    for heading, labels in FORM_SECTIONS:
        body.append(_paragraph(heading, style="Heading1"))
        body.append(_form_table(labels))
    body.append(_paragraph("Send the completed form to:", style="Heading1"))
    body += [_paragraph(line, bold=index == 0) for index, line in enumerate(SECRETARIAT)]
    document = (
        _XML + f'<w:document xmlns:w="{_W}" xmlns:r="{_REL}"><w:body>{"".join(body)}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" '
        'w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    core = (
        _XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(FORM_TITLE)}</dc:title><dc:creator>WeGO</dc:creator><dc:language>en</dc:language>"
        "</cp:coreProperties>"
    )
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _PACKAGE_RELS),
        ("docProps/core.xml", core),
        ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
        ("word/styles.xml", _STYLES),
        ("word/document.xml", document),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts:
            # A fixed timestamp keeps the bytes the same from one build to the next.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode())
    return out.getvalue()


def build():
    """Every seed document, by its path in media storage."""
    return {GUIDE_PATH: guide_pdf(), FORM_PATH: interest_form_docx()}


def write(fixtures=FIXTURES):
    """Write every document under ``fixtures``/media/ and record it in ``fixtures``/offices.json.

    A document's row changes only when the bytes of its file do, so a run that changes no text leaves
    the fixture as it was. Returns the size of each file written, by its path in media storage.
    """
    fixture_path = fixtures / "offices.json"
    rows = json.loads(fixture_path.read_text(encoding="utf-8"))
    documents = {row["fields"]["file"]: row["fields"] for row in rows if row["model"] == "offices.hostingdocument"}
    sizes = {}
    for name, content in build().items():
        target = fixtures / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        sizes[name] = len(content)
        fields = documents.get(name)
        if fields is None:
            print(f"No document in offices.json points at {name}.", file=sys.stderr)
            continue
        digest = hashlib.sha256(content).hexdigest()
        if fields.get("file_sha256") != digest:
            fields.update(
                file_sha256=digest,
                file_size=len(content),
                file_updated_at=datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            )
    fixture_path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return sizes


if __name__ == "__main__":
    for name, size in write().items():
        print(f"{name}: {size} bytes")
