#!/usr/bin/env python3
"""Writes the sample sign proof (PDF), training deck (PowerPoint) and brochure (InDesign).

They hold the parts Touchpoint reads, with planted mismatches and traps (see each file's
notes below); the files are committed. Run this only to change them:
python3 samples/tools/make-design-files.py
"""
import pathlib
import zipfile

here = pathlib.Path(__file__).resolve().parent.parent


def write_zip(path, entries):
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # fixed: byte-identical output
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)


# ---- PDF: a sign vendor's proof, two pages, Helvetica (no font embedded) ------------------
# Bytes in the font's encoding: WinAnsi, with 0x80 the fi ligature and 0xAD a soft hyphen.
FI, SOFT = b"\x80", b"\xad"


def pdf(pages):
    def esc(text):
        return text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages))) +
               b"] /Count %d >>" % len(pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
               b"/BaseEncoding /WinAnsiEncoding /Differences [128 /fi /fl 173 /sfthyphen] >> >>"]
    for i, lines in enumerate(pages):
        content = b"".join(b"BT /F1 %.2f Tf %.2f %.2f Td (%s) Tj ET\n" % (size, x, y, esc(text))
                           for x, y, size, text in lines)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


proof = [
    [  # page 1: sign W-12, Level 2
        (72, 740, 9, b"Proof W-12, Level 2. Please approve."),       # the vendor's note: a block too
        (72, 660, 40, b"Radiology"),                      # plain-language.destination-names: Imaging
        (72, 560, 28, b"Patient and family"),             # one sign over two lines
        (72, 526, 28, b"lounge"),
        (72, 420, 20, b"Our friendly staff guar" + SOFT),  # the soft hyphen joins: 'guarantee' (error)
        (72, 396, 20, b"antee a warm welcome"),
        (72, 300, 20, b"Visitors please check in at the front desk"),  # 13 words: over signage's 8
        (72, 276, 20, b"before you go to any patient room on this floor"),
    ],
    [  # page 2: sign W-14
        (72, 660, 32, b"Financial Counseling,"),
        (72, 624, 32, FI + b"rst floor"),                 # a ligature: 'first', no spelling finding
        (72, 560, 24, b"Walk-"),                          # a hyphen-minus at a line's end stays
        (72, 532, 24, b"in Clinic"),
        (72, 420, 24, b"Cheap parking in Garage B"),      # avoid: cheap
    ],
]
(here / "signage" / "proofs").mkdir(parents=True, exist_ok=True)
(here / "signage" / "proofs" / "level-2-proof.pdf").write_bytes(pdf(proof))

# ---- PowerPoint: a front desk training deck; its speaker notes are the script -------------
P = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
     'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def para(*runs):
    return "<a:p>" + "".join(f'<a:r><a:rPr lang="en-US"/><a:t>{t}</a:t></a:r>' for t in runs) + "</a:p>"


def shape(paragraphs, placeholder=None):
    ph = f'<p:nvPr><p:ph type="{placeholder}"/></p:nvPr>' if placeholder else "<p:nvPr/>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="Text"/><p:cNvSpPr/>{ph}</p:nvSpPr><p:spPr/>'
            f'<p:txBody><a:bodyPr/>{"".join(paragraphs)}</p:txBody></p:sp>')


def slide(*shapes):
    return f'<?xml version="1.0" encoding="UTF-8"?><p:sld {P}><p:cSld><p:spTree>{"".join(shapes)}</p:spTree></p:cSld></p:sld>'


def notes(*paragraphs):
    return (f'<?xml version="1.0" encoding="UTF-8"?><p:notes {P}><p:cSld><p:spTree>'
            f'{shape([para("Slide image")], "sldImg")}{shape(list(paragraphs), "body")}'
            f'{shape([para("3")], "sldNum")}</p:spTree></p:cSld></p:notes>')


table = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Table"/><p:cNvGraphicFramePr/><p:nvPr/>'
         '</p:nvGraphicFramePr><p:xfrm/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
         '<a:tbl><a:tr h="0"><a:tc><a:txBody><a:bodyPr/>' + para("Say") + '</a:txBody></a:tc><a:tc><a:txBody><a:bodyPr/>'
         + para("Instead of") + '</a:txBody></a:tc></a:tr><a:tr h="0"><a:tc><a:txBody><a:bodyPr/>' + para("patient")
         + '</a:txBody></a:tc><a:tc><a:txBody><a:bodyPr/>' + para("client") + '</a:txBody></a:tc></a:tr></a:tbl>'
         '</a:graphicData></a:graphic></p:graphicFrame>')
group = ('<p:grpSp><p:nvGrpSpPr><p:cNvPr id="5" name="Group"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
         + shape([para("Listen first")]) + shape([para("Then explain the next step")]) + '</p:grpSp>')
picture = ('<p:pic><p:nvPicPr><p:cNvPr id="6" name="Photo" descr="A nurse greets a family at the front desk"/>'
           '<p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill/><p:spPr/></p:pic>')

# The deck's order is not the files' order: slide2.xml is the first slide.
slides = {
    "ppt/slides/slide2.xml": slide(shape([para("Front desk training")], "title"), picture,
                                   shape([para("The first thirty seconds")], "body"), shape([para("1")], "sldNum")),
    "ppt/slides/slide1.xml": slide(shape([para("Words we use")], "title"), table, group),
    "ppt/slides/slide3.xml": slide(shape([para("Hard moments")], "title"),
                                   shape([para("Every cust", "omer is family")])),  # not a turn: not the script
}
notes_parts = {
    "ppt/notesSlides/notesSlide1.xml": notes(
        para("Staff: Good morning, welcome to Riverbend Health. My name is Dana and I will help you check in today.")),
    "ppt/notesSlides/notesSlide2.xml": notes(
        para("Staff: I can help with that. Can I have the client's date of birth?"),    # prefer: patient
        para("Patient: Is this the cheapest clinic in town?")),                           # a patient's words: not checked
    "ppt/notesSlides/notesSlide3.xml": notes(
        para("Nurse: I'm sorry for the wait. We guarantee you will feel better soon."),  # avoid: guarantee (error)
        para("Staff: Thank you for trusting us with your family's care.")),
}
deck = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
    "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="ppt/presentation.xml"/></Relationships>',
    "ppt/presentation.xml": f'<?xml version="1.0" encoding="UTF-8"?><p:presentation {P}><p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/><p:sldId id="258" r:id="rId4"/></p:sldIdLst></p:presentation>',
    "ppt/_rels/presentation.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="{REL}/slide" Target="slides/slide1.xml"/><Relationship Id="rId3" Type="{REL}/slide" Target="slides/slide2.xml"/><Relationship Id="rId4" Type="{REL}/slide" Target="/ppt/slides/slide3.xml"/></Relationships>',
}
for number, slide_part in ((1, "slide2"), (2, "slide1"), (3, "slide3")):
    deck[f"ppt/slides/_rels/{slide_part}.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/notesSlide" Target="../notesSlides/notesSlide{number}.xml"/></Relationships>')
deck.update(slides)
deck.update(notes_parts)
write_zip(here / "scripts" / "training" / "front-desk-training.pptx", deck)

# ---- InDesign: a two-page brochure ---------------------------------------------------------
ID = 'xmlns:idPkg="http://ns.adobe.com/AdobeInDesign/idml/1.0/packaging"'


def story(self_id, body):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><idPkg:Story {ID} DOMVersion="18.0">'
            f'<Story Self="{self_id}" AppliedTOCStyle="n">{body}</Story></idPkg:Story>')


def chars(text, style="$ID/[No character style]", lang="$ID/English: USA"):
    return f'<CharacterStyleRange AppliedCharacterStyle="CharacterStyle/{style}" AppliedLanguage="{lang}"><Content>{text}</Content></CharacterStyleRange>'


BR = '<CharacterStyleRange AppliedCharacterStyle="CharacterStyle/$ID/[No character style]"><Br/></CharacterStyleRange>'


def frame(self_id, story_id, x, y, previous="n", following="n"):
    # a 200 x 300 frame whose top left stands at (x, y) of the spread
    points = "".join(f'<PathPointType Anchor="{px} {py}" LeftDirection="{px} {py}" RightDirection="{px} {py}"/>'
                     for px, py in ((0, 0), (0, 300), (200, 300), (200, 0)))
    return (f'<TextFrame Self="{self_id}" ParentStory="{story_id}" PreviousTextFrame="{previous}" NextTextFrame="{following}" '
            f'ItemTransform="1 0 0 1 {x} {y}"><Properties><PathGeometry><GeometryPathType PathOpen="false">'
            f'<PathPointArray>{points}</PathPointArray></GeometryPathType></PathGeometry></Properties></TextFrame>')


# Facing pages: page 2 left of the spine (x -612..0), page 3 right of it (x 0..612).
spread = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><idPkg:Spread {ID} DOMVersion="18.0"><Spread Self="ub1">'
          '<Page Self="ub2" Name="2" GeometricBounds="0 0 792 612" ItemTransform="1 0 0 1 -612 -396"/>'
          '<Page Self="ub3" Name="3" GeometricBounds="0 0 792 612" ItemTransform="1 0 0 1 0 -396"/>'
          # the frames' order decides: the welcome (page 2), then the services story threaded
          # from page 2 to 3, then the sidebar (page 3) -- not the designmap's order
          + frame("uf1", "u10", -560, -300)
          + '<Group Self="ug1" ItemTransform="1 0 0 1 -300 0">' + frame("uf2", "u20", 0, -300, following="uf3") + '</Group>'
          + frame("uf4", "u30", 350, 50)
          + frame("uf3", "u20", 60, -300, previous="uf2")
          + '</Spread></idPkg:Spread>')
stories = {
    "Stories/Story_u10.xml": story("u10",
        '<ParagraphStyleRange AppliedParagraphStyle="ParagraphStyle/Heading">'
        + chars("Welcome to the Birth Center") + BR + '</ParagraphStyleRange>'
        '<ParagraphStyleRange AppliedParagraphStyle="ParagraphStyle/Body">'
        + chars("Every cust") + chars("omer", "Bold")            # runs joined: 'customer' (prefer patient)
        + chars(" is family here, and our midwives listen first.")
        + '<Note><ParagraphStyleRange><CharacterStyleRange><Content>Legal: can we say we guarantee a private room?</Content></CharacterStyleRange></ParagraphStyleRange></Note>'
        + '<Change ChangeType="DeletedText"><CharacterStyleRange><Content> We cure labor pain.</Content></CharacterStyleRange></Change>'
        + '</ParagraphStyleRange>'),                                # the note and the deleted text are not read
    "Stories/Story_u20.xml": story("u20",
        '<ParagraphStyleRange AppliedParagraphStyle="ParagraphStyle/Body">'
        + chars("Our state-of-the-art suites have room for the whole family.") + BR
        + chars("Parking is cheap and close to home.") + BR   # avoid: cheap
        + '<Table Self="ut1"><Cell Self="ut1i0"><ParagraphStyleRange>' + chars("Tours") + '</ParagraphStyleRange></Cell>'
        '<Cell Self="ut1i1"><ParagraphStyleRange>' + chars("Every Tuesday at 6 pm") + '</ParagraphStyleRange></Cell></Table>'
        + chars("Call (918) 555-0199 to book a tour.")            # facts: the main number is (918) 555-0100
        + '</ParagraphStyleRange>'),
    "Stories/Story_u30.xml": story("u30",
        '<ParagraphStyleRange AppliedParagraphStyle="ParagraphStyle/Sidebar">'
        + chars("Hablamos español.", lang="$ID/Spanish") + BR
        + chars("Riverbend Health, page <?ACE 18?>") + '</ParagraphStyleRange>'),  # a page number's marker
}
designmap = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><?aid style="50" type="document" readerVersion="6.0" '
             f'featureSet="257" product="18.0(51)" ?><Document {ID} DOMVersion="18.0" Self="d">'
             '<idPkg:Story src="Stories/Story_u30.xml"/><idPkg:Story src="Stories/Story_u20.xml"/>'
             '<idPkg:Story src="Stories/Story_u10.xml"/><idPkg:Spread src="Spreads/Spread_ub1.xml"/></Document>')
brochure = {"mimetype": "application/vnd.adobe.indesign-idml-package", "designmap.xml": designmap,
            "Spreads/Spread_ub1.xml": spread}
brochure.update(stories)
write_zip(here / "campaigns" / "birth-center-brochure.idml", brochure)
