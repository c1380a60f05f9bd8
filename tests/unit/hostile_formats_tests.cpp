// Spreadsheets and HTML written to hurt: each read within bounds, or refused with a
// reason that names what is wrong.
#include "formats/archive.hpp"
#include "support.hpp"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <catch2/catch.hpp>

#include <sstream>

using namespace touchpoint;
using test::zip;

namespace {

const std::string spreadsheet_ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";

// An .xlsx of one sheet with these rows, and shared strings "Message", "Welcome".
std::string xlsx(const std::string& rows) {
    std::string shared = "<sst " + spreadsheet_ns + "><si><t>Message</t></si><si><t>Welcome</t></si></sst>";
    std::string sheet = "<worksheet " + spreadsheet_ns + "><sheetData>" + rows + "</sheetData></worksheet>";
    return zip({{"xl/sharedStrings.xml", shared}, {"xl/worksheets/sheet1.xml", sheet}});
}

Document document(const Extracted& e) {
    return Document("x.xlsx", "marketing", *e.source, e.text, e.runs, e.links, {}, e.line_numbers);
}

}  // namespace

// A line per row number used to be allocated: row 1,000,000,000 took about 21 GB and
// ended the run (bad_alloc). The row number is now kept beside the line.
TEST_CASE("an XLSX row numbered a billion is read, and reported at that row") {
    Extracted e = extract_xlsx(xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                                    "<row r=\"1000000000\"><c r=\"A1000000000\" t=\"inlineStr\"><is><t>Cheap exit</t></is></c></row>"
                                    "<row><c t=\"inlineStr\"><is><t>Next one</t></is></c></row>"),
                                    {});
    CHECK(e.source->size() < 100);
    Document d = document(e);
    CHECK(d.text() == "Cheap exit\n\nNext one");
    CHECK(d.locate(uint32_t(d.text().find("exit"))).line == 1000000000);
    CHECK(d.locate(uint32_t(d.text().find("exit"))).column == 7);
    CHECK(d.source_line(1000000000) == "Cheap exit");
    CHECK(d.locate(uint32_t(d.text().find("one"))).line == 1000000001);
    CHECK(d.source_line(5).empty());
}

TEST_CASE("an XLSX row number that is no number, or past what a line can hold, is refused") {
    CHECK_THROWS_WITH(extract_xlsx(xlsx("<row r=\"abc\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>"), {}),
                      "row number 'abc' is not a whole number from 1 to 2147483647");
    CHECK_THROWS_WITH(extract_xlsx(xlsx("<row r=\"99999999999999999999999\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>"), {}),
                      "row number '99999999999999999999999' is not a whole number from 1 to 2147483647");
    CHECK_THROWS_WITH(extract_xlsx(xlsx("<row r=\"2147483647\"/><row/>"), {}), "it has more rows than a sheet can number");
}

// A shared-string index of "abc" or "-5" used to read string 0 ("Message") as the cell's
// text, and one past the table an empty cell: silently wrong either way.
TEST_CASE("an XLSX shared-string index that is not a string of the file is refused, naming the cell") {
    CHECK_THROWS_WITH(extract_xlsx(xlsx("<row r=\"1\"><c r=\"B1\" t=\"s\"><v>abc</v></c></row>"), {}),
                      "cell B1 refers to shared string 'abc', which is not a string number");
    CHECK_THROWS_WITH(extract_xlsx(xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>-5</v></c></row>"), {}),
                      "cell A1 refers to shared string '-5', which is not a string number");
    CHECK_THROWS_WITH(extract_xlsx(xlsx("<row r=\"3\"><c t=\"s\"><v>7</v></c></row>"), {}),
                      "a cell of row 3 refers to shared string 7, but the file has 2");
}

// "ZZZZZZZZ3" used to overflow a signed int while its letters were counted (undefined
// behaviour, caught by UBSan); a column past XFD is now refused by name.
TEST_CASE("an XLSX cell reference past column XFD is refused without overflowing") {
    CHECK_THROWS_WITH(extract_xlsx(xlsx("<row r=\"3\"><c r=\"ZZZZZZZZ3\" t=\"s\"><v>1</v></c></row>"), {}),
                      "cell reference 'ZZZZZZZZ3' does not name a column from A to XFD");
    CHECK_THROWS_WITH(extract_xlsx(xlsx("<row r=\"3\"><c r=\"XFE3\" t=\"s\"><v>1</v></c></row>"), {}),
                      "cell reference 'XFE3' does not name a column from A to XFD");
    Extracted last = extract_xlsx(xlsx("<row r=\"3\"><c r=\"XFD3\" t=\"s\"><v>1</v></c></row>"), {"16384", "", ""});
    CHECK(last.text == "Welcome");
}

// std::stoi threw std::out_of_range (not a refusal: it ended the run) on a column number
// of twenty digits in the project file's <schedule>.
TEST_CASE("a schedule column number too large for any sheet is refused") {
    CHECK_THROWS_WITH(extract_csv("a,b\n", {"99999999999999999999", "", ""}),
                      "the project file's <schedule> names column 99999999999999999999; columns are numbered 1 to 16384");
    CHECK_THROWS_WITH(extract_csv("a,b\n", {"0", "", ""}),
                      "the project file's <schedule> names column 0; columns are numbered 1 to 16384");
}

namespace {
std::string repeated(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}
}  // namespace

// Browsers close an open paragraph, list item, cell or row at the next one, so legacy
// HTML that never closes them is shallow; it used to be refused as too deep.
TEST_CASE("HTML that leaves paragraphs, items and cells open is read") {
    for (auto [start, piece] : {std::pair{"", "<p>Para"}, {"<ul>", "<li>Item"}, {"<table>", "<tr><td>Cell<td>Cell"},
                                {"<dl>", "<dt>Term<dd>Definition"}, {"<select>", "<option>One"},
                                {"<table>", "<tr><td><font>Cell<td><b>Cell"}})
        CHECK_NOTHROW(extract_html(start + repeated(piece, 5000)));
    CHECK_NOTHROW(extract_html(repeated("<div><p>text</div>", 5000)));  // </div> closes the p inside it
}

// Each of these makes gumbo's tree grow by a level or more per repetition (measured:
// 3,000 of "<div><table><td></div>" nest 15,000 deep and take 22 s to parse); the old
// check let the stray end tags cancel the start tags out.
TEST_CASE("HTML whose end tags close nothing in a browser is still refused when too deep") {
    for (const char* hostile : {"<div></span>", "<span><div></span>", "<b><div>x</b>", "<div><table><td></div>",
                                "<p><b></p>", "<div/>", "<i><b><div></i>"}) {
        CHECK_THROWS_WITH(extract_html(repeated(hostile, 5000)), "its elements nest deeper than 4096 levels");
    }
    CHECK_NOTHROW(extract_html("<svg>" + repeated("<path d='M0'/>", 5000) + "</svg>"));  // closes itself in SVG
    CHECK_NOTHROW(extract_html("<script>" + repeated("<div>", 5000) + "</script><p>x"));  // not markup
    CHECK_NOTHROW(extract_html("<!--" + repeated("<div>", 5000) + "--><p>x"));
}

// A few bytes that ask for gigabytes: each used to end the run with bad_alloc (--isolate
// and serve too, which load the same way).
TEST_CASE("an XLSX cell at column XFD in every row widens no row past the unpacking budget") {
    std::string rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Cheap deal</t></is></c></row>";
    for (int i = 0; i < 2000; ++i) rows += "<row><c r=\"XFD1\"/></row>";  // empty: nothing stored
    Extracted empty_cells = extract_xlsx(xlsx(rows), {});
    CHECK(document(empty_cells).text() == "Cheap deal");
    for (int i = 0; i < 2000; ++i) rows += "<row><c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
    CHECK_THROWS_WITH(extract_xlsx(xlsx(rows), {}),
                      "its content unpacks to more than 64 MiB of text (a document made to exhaust memory?)");
}

TEST_CASE("an XLSX shared string repeated in every cell is refused past the unpacking budget") {
    std::string words;
    for (int i = 0; i < 48000; ++i) words += "word ";
    std::string shared = "<sst " + spreadsheet_ns + "><si><t>" + words + "</t></si></sst>";
    std::string sheet = "<worksheet " + spreadsheet_ns + "><sheetData>";
    for (int i = 0; i < 2000; ++i) sheet += "<row><c t=\"s\"><v>0</v></c></row>";
    sheet += "</sheetData></worksheet>";
    CHECK_THROWS_WITH(extract_xlsx(zip({{"xl/sharedStrings.xml", shared}, {"xl/worksheets/sheet1.xml", sheet}}), {}),
                      Catch::StartsWith("its content unpacks to more than 64 MiB"));
}

TEST_CASE("an OpenDocument space count of two billion is read as a gap, not two billion spaces") {
    std::string content =
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
        "<text:p>a cheap<text:s text:c=\"2000000000\"/>deal</text:p></office:text></office:body></office:document-content>";
    Extracted e = extract_odt(zip({{"content.xml", content}}));
    CHECK(e.text.size() < 2000);
    CHECK(e.text.starts_with("a cheap "));
    CHECK(e.text.ends_with(" deal"));
}

TEST_CASE("an OpenDocument paragraph of millions of space runs is refused as it grows, not once built") {
    std::string runs;
    for (int i = 0; i < 70000; ++i) runs += "<text:s text:c=\"1000\"/>";
    // Random letters in a comment keep the entry under the zip bomb ratio, as an attacker would.
    std::string noise = "<!--";
    unsigned seed = 12345;
    for (int i = 0; i < 40000; ++i) noise += char('a' + (seed = seed * 1103515245 + 12345) % 26);
    noise += "-->";
    std::string content = noise +
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
        "<text:p>a" + runs + "b</text:p></office:text></office:body></office:document-content>";
    CHECK_THROWS_WITH(extract_odt(zip({{"content.xml", content}})), Catch::StartsWith("its content unpacks to more than 64 MiB"));
}
