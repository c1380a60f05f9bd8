#!/usr/bin/env python3
"""Writes the sample Word, OpenDocument and Excel files from the text below.

The files are committed; run this only to change them: python3 samples/tools/make-office-files.py
"""
import pathlib
import zipfile

here = pathlib.Path(__file__).resolve().parent.parent


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # fixed: byte-identical output
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(*runs):
    return "<w:p>" + "".join(runs) + "</w:p>"


def run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


document = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
{para(run("Riverbend Health Newsletter, Spring Edition"))}
{para(run("Our "), run("cust", True), run("omers tell us that the new clinic feels close to home."))}
{para(run("This spring we opened a walk-in clinic on Elm Street, and our nurses listen to every family."))}
{para(run("Flu shots are free this month"), '<w:ins w:id="1" w:author="Editor"><w:r><w:t xml:space="preserve"> and cheap the rest of the year</w:t></w:r></w:ins>', run("."))}
{para(run("We"), '<w:del w:id="2" w:author="Editor"><w:r><w:delText xml:space="preserve"> guarantee</w:delText></w:r></w:del>', run(" will answer every question."))}
<w:tbl><w:tr><w:tc>{para(run("Clinic"))}</w:tc><w:tc>{para(run("Every client is seen within the hour."))}</w:tc></w:tr></w:tbl>
{para(run("Call (918) 555-0100 or visit https://www.riverbendhealth.org."))}
</w:body></w:document>"""

header = f"""<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}>{para(run("RBH Community News"))}</w:hdr>"""
footer = f"""<?xml version="1.0" encoding="UTF-8"?><w:ftr {W}>{para(run("Riverbend Health, 200 River Road"))}</w:ftr>"""
footnotes = f"""<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}><w:footnote w:id="1">{para(run("Walk-in times are typical, not guaranteed."))}</w:footnote></w:footnotes>"""
content_types = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"""

write_zip(here / "campaigns" / "newsletter.docx", {
    "[Content_Types].xml": content_types,
    "word/document.xml": document,
    "word/header1.xml": header,
    "word/footer1.xml": footer,
    "word/footnotes.xml": footnotes,
})

odt_content = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:text>
<text:h>Heart care at Riverbend Health</text:h>
<text:p>Our cardiologists <text:span>listen</text:span> first, and the Hartley Heart Center is close<text:s/>to home.</text:p>
<text:p>Every heart patient gets the <text:span>world</text:span>-class care they deserve.</text:p>
<text:p>Questions? Write to cardio@riverbendhealth.org.</text:p>
</office:text></office:body></office:document-content>"""

write_zip(here / "campaigns" / "heart-brochure.odt", {
    "mimetype": "application/vnd.oasis.opendocument.text",
    "content.xml": odt_content,
})

shared = ["Sign ID", "Location", "Message", "L-01", "Main lobby", "Welcome to Riverbend Health",
          "L-02", "Main lobby", "Please check in at the front desk before visiting any patient room today",
          "E-07", "East wing", "Otolaryngology", "E-08", "East wing", "Cafe and gift shop"]
strings = "".join(f"<si><t>{s}</t></si>" for s in shared)
shared_xml = f"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}">{strings}</sst>"""


def row(number, ids):
    cells = "".join(f'<c r="{col}{number}" t="s"><v>{i}</v></c>' for col, i in zip("ABC", ids))
    return f'<row r="{number}">{cells}</row>'


sheet = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
{row(1, [0, 1, 2])}{row(2, [3, 4, 5])}{row(3, [6, 7, 8])}{row(4, [9, 10, 11])}{row(5, [12, 13, 14])}
<row r="7"><c r="A7" t="inlineStr"><is><t>P-02</t></is></c><c r="B7" t="inlineStr"><is><t>Garage</t></is></c><c r="C7" t="inlineStr"><is><t>NO WAITING for patient drop-off</t></is></c></row>
</sheetData></worksheet>"""

write_zip(here / "signage" / "sign-schedule.xlsx", {
    "[Content_Types].xml": content_types,
    "xl/sharedStrings.xml": shared_xml,
    "xl/worksheets/sheet1.xml": sheet,
})
print("wrote newsletter.docx, heart-brochure.odt, sign-schedule.xlsx")
