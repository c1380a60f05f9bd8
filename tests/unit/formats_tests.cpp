// HTML, Word, OpenDocument, sign schedules and SVG: prose extracted with exact places;
// hostile files refused within bounds.
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

// Line and column of a phrase in a document, through the text map.
Location where(const Document& d, std::string_view phrase) {
    size_t at = d.text().find(phrase);
    REQUIRE(at != std::string_view::npos);
    return d.locate(uint32_t(at));
}

Document document(const Extracted& e, const std::string& source) {
    Extracted copy = e;
    return Document("x", "marketing", copy.source ? *copy.source : source, copy.text, copy.runs, copy.links, {},
                    copy.line_numbers);
}

const std::string W = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

}  // namespace

TEST_CASE("HTML: visible text, alt, title, aria-label and meta description, at their source places") {
    std::string html = "<html><head><title>Our Care</title><meta name=\"description\" content=\"Cheap &amp; quick\">"
                       "<script>var cheap=1;</script><style>.cheap{}</style></head>\n<body><p>Hello <b>cu</b>stomers &amp; "
                       "families.</p>\n<img alt=\"Lobby photo\"><a href=\"https://x.org\" title=\"Link title\">link</a>"
                       "<pre>cheap</pre><code>cheap</code><div aria-label=\"Menu label\"></div></body></html>";
    Extracted e = extract_html(html);
    Document d = document(e, html);
    for (const char* visible : {"Our Care", "Cheap & quick", "customers & families.", "Lobby photo", "Link title", "link", "Menu label"})
        CHECK(d.text().find(visible) != std::string_view::npos);
    CHECK(d.text().find("cheap") == std::string_view::npos);
    CHECK(where(d, "families").line == 2);
    CHECK(where(d, "families").column == 1 + int(std::string("<body><p>Hello <b>cu</b>stomers &amp; ").size()));
    CHECK(where(d, "Lobby").line == 3);
    REQUIRE(e.links.size() == 1);
    CHECK(e.links[0].destination == "https://x.org");
}

TEST_CASE("HTML nested too deeply is refused") {
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "<div>";
    CHECK_THROWS_WITH(extract_html(deep), "its elements nest deeper than 4096 levels");
}

TEST_CASE("Word: paragraphs are lines; runs join; insertions read, deletions not; headers and footnotes") {
    std::string body = "<w:document " + W + "><w:body>"
                       "<w:p><w:r><w:t>Title</w:t></w:r></w:p>"
                       "<w:p><w:r><w:t>Our cust</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>omers</w:t></w:r>"
                       "<w:ins><w:r><w:t xml:space=\"preserve\"> added</w:t></w:r></w:ins>"
                       "<w:del><w:r><w:delText> removed</w:delText></w:r></w:del></w:p>"
                       "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a table</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                       "</w:body></w:document>";
    std::string header = "<w:hdr " + W + "><w:p><w:r><w:t>Header text</w:t></w:r></w:p></w:hdr>";
    std::string bytes = zip({{"word/document.xml", body}, {"word/header1.xml", header}});
    Extracted e = extract_docx(bytes);
    Document d = document(e, "");
    CHECK(d.text().find("Our customers added") != std::string_view::npos);
    CHECK(d.text().find("removed") == std::string_view::npos);
    CHECK(where(d, "customers").line == 2);
    CHECK(where(d, "customers").column == 5);
    CHECK(where(d, "In a table").line == 3);
    CHECK(where(d, "Header text").line == 4);
    REQUIRE(e.contexts.size() == 1);
    CHECK(e.contexts[0].label == "header");
}

TEST_CASE("OpenDocument text: paragraphs, headings, spans and spaces") {
    std::string content = "<office:document-content xmlns:office=\"urn:o\" xmlns:text=\"urn:t\"><office:body><office:text>"
                          "<text:h>Heading</text:h><text:p>close<text:s/>to <text:span>home</text:span></text:p>"
                          "</office:text></office:body></office:document-content>";
    Extracted e = extract_odt(zip({{"content.xml", content}}));
    Document d = document(e, "");
    CHECK(d.text() == "Heading\n\nclose to home");
    CHECK(where(d, "home").line == 2);
    CHECK(where(d, "home").column == 10);
}

TEST_CASE("CSV sign schedules: a header row, quoted cells, each message a sign with its id and location") {
    std::string csv = "Sign ID,Location,Message\r\nA-1,Lobby,Welcome\r\nA-2,\"Level 2, east\",\"Say \"\"hi\"\" here\"\r\n";
    Extracted e = extract_csv(csv, {});
    Document d = document(e, csv);
    CHECK(d.text() == "Welcome\n\nSay \"hi\" here");
    CHECK(where(d, "hi").line == 3);
    CHECK(where(d, "hi").column == 28);
    REQUIRE(e.contexts.size() == 2);
    CHECK(e.contexts[1].label == "sign A-2 at Level 2, east");
    // Columns named in the project file, without a header.
    Extracted named = extract_csv("x;Hello there;Lobby\n", {"2", "1", "C"});
    CHECK(named.text == "Hello there");
    CHECK(named.contexts[0].label == "sign x at Lobby");
    CHECK_THROWS_WITH(extract_csv("Message\n\"never closed\n", {}), "a quoted field is never closed");
}

TEST_CASE("XLSX sign schedules: shared and inline strings; the line is the sheet's row") {
    std::string ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    std::string shared = "<sst " + ns + "><si><t>ID</t></si><si><t>Message</t></si><si><r><t>Wel</t></r><r><t>come</t></r></si></sst>";
    std::string sheet = "<worksheet " + ns + "><sheetData>"
                        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                        "<row r=\"2\"><c r=\"A2\"><v>7</v></c><c r=\"B2\" t=\"s\"><v>2</v></c></row>"
                        "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>X</t></is></c><c r=\"B5\" t=\"inlineStr\"><is><t>Exit here</t></is></c></row>"
                        "</sheetData></worksheet>";
    Extracted e = extract_xlsx(zip({{"xl/sharedStrings.xml", shared}, {"xl/worksheets/sheet1.xml", sheet}}), {});
    Document d = document(e, "");
    CHECK(d.text() == "Welcome\n\nExit here");
    CHECK(where(d, "here").line == 5);
    CHECK(where(d, "here").column == 6);
    CHECK(e.contexts[0].label == "sign 7");
}

TEST_CASE("SVG: text, tspan and textPath, with entities mapped") {
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>not prose</title>\n"
                      "<text>Welcome &amp; hello</text>\n<text><tspan x=\"0\">one</tspan><tspan x=\"0\" dy=\"1em\">two</tspan></text></svg>";
    Extracted e = extract_svg(svg);
    Document d = document(e, svg);
    CHECK(d.text() == "Welcome & hello\n\none\ntwo");
    CHECK(where(d, "hello").line == 2);
    CHECK(where(d, "hello").column == 21);
}

TEST_CASE("SVG: tspans that flow on from the text before them join it, as they render") {
    std::string svg = "<svg><text><tspan>River</tspan><tspan font-weight=\"bold\">bend</tspan> Health</text>\n"
                      "<text>Riverbend <tspan>Health</tspan></text></svg>";
    Extracted e = extract_svg(svg);
    Document d = document(e, svg);
    CHECK(d.text() == "Riverbend Health\n\nRiverbend Health");
    CHECK(where(d, "bend").column == 1 + int(svg.find("bend") - 0));
}

TEST_CASE("SVG: white space between tspans renders as one space") {
    std::string svg = "<svg><text><tspan>River</tspan> <tspan>bend Health</tspan></text>\n"
                      "<text>\n  <tspan>Welcome to</tspan>\n  <tspan>Riverbend Health</tspan>\n</text></svg>";
    Extracted e = extract_svg(svg);
    Document d = document(e, svg);
    CHECK(d.text() == "River bend Health\n\nWelcome to Riverbend Health");
    CHECK(where(d, "Riverbend").column == 1 + int(svg.find("Riverbend") - svg.rfind('\n', svg.find("Riverbend")) - 1));
}

TEST_CASE("hostile files: zip bomb, path out of the archive, truncation, entity expansion, deep trees") {
    std::string zeros(80u << 20, '\0');
    CHECK_THROWS_WITH(extract_docx(zip({{"word/document.xml", zeros}})),
                      Catch::Contains("the entry word/document.xml unpacks to 80 MiB, past the limit (a zip bomb?)"));
    // Zip writers refuse such names: write a harmless one of the same length, then change it.
    std::string escaping = zip({{"xx/xx/evil/document.xml", "x"}, {"word/document.xml", "<w:document/>"}});
    for (size_t at = escaping.find("xx/xx/"); at != std::string::npos; at = escaping.find("xx/xx/", at))
        escaping.replace(at, 6, "../../");
    CHECK_THROWS_WITH(extract_docx(escaping), Catch::StartsWith("an entry's path leaves the archive (../../"));
    std::string whole = zip({{"word/document.xml", "<w:document " + W + "/>"}});
    CHECK_THROWS_WITH(extract_docx(whole.substr(0, whole.size() / 2)), Catch::StartsWith("a damaged or truncated zip archive"));
    CHECK_THROWS_WITH(extract_docx("not a zip at all"), "a damaged or truncated zip archive (no central directory)");

    std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                         "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><svg><text>&c;</text></svg>";
    Extracted e = extract_svg(laughs);
    CHECK(e.text.size() < 100);  // the entity is never expanded

    std::string deep = "<svg>";
    for (int i = 0; i < 200000; ++i) deep += "<g>";
    deep += "<text>deep</text>";
    for (int i = 0; i < 200000; ++i) deep += "</g>";
    deep += "</svg>";
    CHECK(extract_svg(deep).text == "deep");
    CHECK_THROWS_WITH(extract_svg("<svg><text>unclosed</svg>"), Catch::StartsWith("the SVG file is not well-formed XML at line 1"));
}

TEST_CASE("HTML: tags gumbo ignores (a <td> outside a table) are not read as text") {
    std::string html = "<p>Hi</p>\n<td>\nThere\n</td>\n<p>x &lt;td&gt; y</p>";
    Extracted e = extract_html(html);
    Document d = document(e, html);
    CHECK(d.text().find("</td>") == std::string_view::npos);
    CHECK(d.text().find("<td>\n") == std::string_view::npos);
    CHECK(d.text().find("x <td> y") != std::string_view::npos);
    CHECK(where(d, "There").line == 3);
}

namespace {

// The declared language of the text that `needle` starts, or "" where none is declared.
std::string declared_at(const Extracted& e, const std::string& needle) {
    size_t at = e.text.find(needle);
    REQUIRE(at != std::string::npos);
    for (const DeclaredLanguage& d : e.languages)
        if (d.text_begin <= at && at < d.text_end) return d.tag;
    return "";
}

}  // namespace

TEST_CASE("languages the formats declare: HTML lang, Word w:lang, OpenDocument fo:language, front matter") {
    Extracted html = extract_html("<html lang=\"en-US\"><body><p>Pharmacy <span lang=\"es\">Farmacia</span> here</p>"
                                  "<p xml:lang=\"es-MX\">Sala de espera</p></body></html>");
    CHECK(declared_at(html, "Pharmacy") == "en-US");
    CHECK(declared_at(html, "Farmacia") == "es");
    CHECK(declared_at(html, "here") == "en-US");
    CHECK(declared_at(html, "Sala") == "es-MX");

    std::string body = "<w:document " + W + "><w:body><w:p><w:r><w:t xml:space=\"preserve\">Welcome </w:t></w:r>"
                       "<w:r><w:rPr><w:lang w:val=\"es-US\"/></w:rPr><w:t>Bienvenidos</w:t></w:r></w:p></w:body></w:document>";
    Extracted docx = extract_docx(zip({{"word/document.xml", body}}));
    CHECK(declared_at(docx, "Welcome") == "");
    CHECK(declared_at(docx, "Bienvenidos") == "es-US");

    std::string content =
        "<office:document-content xmlns:office=\"urn:o\" xmlns:text=\"urn:t\" xmlns:style=\"urn:s\" xmlns:fo=\"urn:f\">"
        "<office:automatic-styles><style:style style:name=\"T1\"><style:text-properties fo:language=\"es\" fo:country=\"MX\"/>"
        "</style:style></office:automatic-styles><office:body><office:text>"
        "<text:p>Welcome <text:span text:style-name=\"T1\">Bienvenidos</text:span></text:p>"
        "</office:text></office:body></office:document-content>";
    Extracted odt = extract_odt(zip({{"content.xml", content}}));
    CHECK(declared_at(odt, "Welcome") == "");
    CHECK(declared_at(odt, "Bienvenidos") == "es-MX");

    Extracted markdown = extract_markdown("---\ntitle: Servicios\nlang: es\n---\n\nNuestros servicios.\n");
    CHECK(markdown.language == "es");
}

TEST_CASE("sign schedules: language columns by header, each row one sign whose cells are its lines") {
    Extracted e = extract(Format::csv, "Sign,Message (en),Spanish\nA-1,Pharmacy,Farmacia\nA-2,Exit,\n");
    CHECK(e.text == "Pharmacy\nFarmacia\n\nExit");
    CHECK(declared_at(e, "Farmacia") == "es");
    CHECK(declared_at(e, "Pharmacy") == "en");
    ScheduleColumns columns;
    columns.message = "Texto";
    columns.translations = {{"en", "English"}};
    Extracted declared = extract(Format::csv, "Texto,English\nSalida,Exit\n", columns);
    CHECK(declared_at(declared, "Exit") == "en");
}

TEST_CASE("HTML: white space between inline elements separates their words") {
    Extracted e = extract_html("<p>Call <strong>our</strong> <em>customer</em> line.</p>\n<p><a href=\"/a\">Visit</a>\n<a href=\"/b\">us</a></p>");
    CHECK(e.text.starts_with("Call our customer line.\n\nVisit us"));
}

TEST_CASE("sign schedules: the project file's language column adds to the header's; a column past the rows is refused") {
    std::string csv = "Sign,Message (en),Message (es)\nA-1,Pharmacy,Farmacia\n";
    ScheduleColumns columns;
    columns.translations = {{"es", "Message (es)"}};
    Extracted e = extract(Format::csv, csv, columns);
    CHECK(e.text == "Pharmacy\nFarmacia");
    CHECK(declared_at(e, "Farmacia") == "es");
    columns.translations = {{"es", "99"}};
    CHECK_THROWS_WITH(extract(Format::csv, csv, columns), Catch::Contains("it has no column 99"));
}
