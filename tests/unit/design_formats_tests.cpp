// The files designers hand over: PDF sign proofs, PowerPoint decks, InDesign packages —
// extraction order, places and contexts, and hostile files refused with a reason.
#include "engine/scripts.hpp"
#include "formats/formats.hpp"
#include "pdf_writer.hpp"
#include "support.hpp"

#include <Poco/DeflatingStream.h>

#include <catch2/catch.hpp>

#include <sstream>

using namespace touchpoint;
using test::make_pdf;
using test::PdfPage;
using test::zip;

namespace {

Document document(const Extracted& e) {
    Extracted copy = e;
    return Document("x", "signage", *copy.source, copy.text, copy.runs, copy.links, {}, copy.line_numbers);
}

Location where(const Document& d, std::string_view phrase) {
    size_t at = d.text().find(phrase);
    REQUIRE(at != std::string_view::npos);
    return d.locate(uint32_t(at));
}

std::string context_at(const Extracted& e, std::string_view phrase) {
    size_t at = e.text.find(phrase);
    REQUIRE(at != std::string::npos);
    for (const TextContext& c : e.contexts)
        if (at >= c.text_begin && at < c.text_end) return c.label;
    return "";
}

std::string declared_at(const Extracted& e, std::string_view phrase) {
    size_t at = e.text.find(phrase);
    REQUIRE(at != std::string::npos);
    for (const DeclaredLanguage& l : e.languages)
        if (at >= l.text_begin && at < l.text_end) return l.tag;
    return "";
}

}  // namespace

TEST_CASE("PDF: pages in order, printed lines grouped into blocks, each block a paragraph") {
    PdfPage first{{72, 700, 36, "Radiology"},
                  {72, 600, 24, "Patient and family"}, {72, 570, 24, "lounge"},
                  {350, 300, 12, "Right column"}, {350, 285, 12, "second line"}};
    PdfPage second{{72, 700, 18, "Emergency"}};
    Extracted e = extract_pdf(make_pdf({first, second}));
    CHECK(e.text == "Radiology\n\nPatient and family\nlounge\n\nRight column\nsecond line\n\nEmergency");
    Document d = document(e);
    // `line` counts printed lines through the file; the context names the page and its line.
    CHECK(where(d, "lounge").line == 3);
    CHECK(where(d, "family").column == 13);
    CHECK(where(d, "Emergency").line == 6);
    CHECK(context_at(e, "lounge") == "page 1, line 3");
    CHECK(context_at(e, "second") == "page 1, line 5");
    CHECK(context_at(e, "Emergency") == "page 2, line 1");
    // A sign's lines stay lines of one sign: the break is the source's own.
    CHECK(d.copies_line_break(uint32_t(d.text().find("\nlounge"))));
}

TEST_CASE("PDF: a soft hyphen at a line's end joins the word; a hyphen-minus stays; ligatures are letters") {
    PdfPage page{{72, 700, 12, "Our friendly staff guar\xAD"}, {72, 686, 12, "antee a warm"},
                 {72, 672, 12, "and well-"}, {72, 658, 12, "known \x80rst floor, self\xAD" "care"}};
    Extracted e = extract_pdf(make_pdf({page}));
    CHECK(e.text == "Our friendly staff guarantee a warm\nand well-\nknown first floor, selfcare");
    Document d = document(e);
    // The joined word begins on its first line and ends on the next.
    Location begin = where(d, "guarantee");
    CHECK(begin.line == 1);
    CHECK(begin.column == 20);
    uint32_t end = uint32_t(d.text().find("guarantee") + 8);
    CHECK(d.locate(end).line == 2);
    CHECK(d.locate(end).column == 5);
    bool whole = false;
    for (const Word& w : d.words())
        if (d.text().substr(w.begin, w.end - w.begin) == "guarantee") whole = true;
    CHECK(whole);
}

TEST_CASE("PDF: encrypted, damaged, image-only and non-PDF files are refused with a reason") {
    PdfPage page{{72, 700, 12, "Welcome"}};
    CHECK_THROWS_WITH(extract_pdf(make_pdf({page}, {.encrypted = true})), "an encrypted PDF that needs a password to open");
    CHECK_THROWS_WITH(extract_pdf(make_pdf({page}, {.image_only = true})),
                      Catch::StartsWith("no text: scanned image?"));
    CHECK_THROWS_WITH(extract_pdf("Welcome to Riverbend"), "it is not a PDF (no %PDF- header)");
    CHECK_THROWS_WITH(extract_pdf("%PDF-1.4\n%%EOF\n"), Catch::StartsWith("a damaged PDF"));
    // Cut in half: Poppler rebuilds what it can or refuses; never a crash, never garbage.
    std::string whole = make_pdf({page, page});
    for (size_t size : {whole.size() / 2, whole.size() - 40, size_t(20)}) {
        try {
            Extracted e = extract_pdf(whole.substr(0, size));
            CHECK(e.text.find("Welcome") != std::string::npos);
        } catch (const FormatError& error) {
            CHECK(std::string(error.what()).size() > 10);
        }
    }
}

namespace {

const std::string P = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
                      "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

std::string para(const std::string& text, const std::string& lang = "en-US") {
    return "<a:p><a:r><a:rPr lang=\"" + lang + "\"/><a:t>" + text + "</a:t></a:r></a:p>";
}

std::string shape(const std::string& paragraphs, const std::string& placeholder = "") {
    std::string ph = placeholder.empty() ? "<p:nvPr/>" : "<p:nvPr><p:ph type=\"" + placeholder + "\"/></p:nvPr>";
    return "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"T\"/><p:cNvSpPr/>" + ph + "</p:nvSpPr><p:txBody>" + paragraphs +
           "</p:txBody></p:sp>";
}

std::string slide(const std::string& shapes) {
    return "<p:sld " + P + "><p:cSld><p:spTree>" + shapes + "</p:spTree></p:cSld></p:sld>";
}

std::string relationships(const std::string& body) {
    return "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + body + "</Relationships>";
}

std::string relationship(const std::string& id, const std::string& type, const std::string& target) {
    return "<Relationship Id=\"" + id + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" +
           type + "\" Target=\"" + target + "\"/>";
}

// A deck whose first slide is slide2.xml, with notes on it.
std::vector<std::pair<std::string, std::string>> deck(const std::string& first_slide, const std::string& notes,
                                                      const std::string& second_slide) {
    return {
        {"ppt/presentation.xml", "<p:presentation " + P +
                                     "><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId3\"/><p:sldId id=\"257\" r:id=\"rId2\"/>"
                                     "</p:sldIdLst></p:presentation>"},
        {"ppt/_rels/presentation.xml.rels",
         relationships(relationship("rId2", "slide", "slides/slide1.xml") + relationship("rId3", "slide", "/ppt/slides/slide2.xml"))},
        {"ppt/slides/slide1.xml", slide(second_slide)},
        {"ppt/slides/slide2.xml", slide(first_slide)},
        {"ppt/slides/_rels/slide2.xml.rels", relationships(relationship("rId1", "notesSlide", "../notesSlides/notesSlide7.xml"))},
        {"ppt/notesSlides/notesSlide7.xml", "<p:notes " + P + "><p:cSld><p:spTree>" + shape(para("Slide image"), "sldImg") +
                                                shape(notes, "body") + shape(para("1"), "sldNum") +
                                                "</p:spTree></p:cSld></p:notes>"},
    };
}

}  // namespace

TEST_CASE("PowerPoint: slides in the deck's order, shapes, tables, groups and alt text, then the notes") {
    std::string table = "<p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tr><a:tc><a:txBody>" + para("Say") +
                        "</a:txBody></a:tc><a:tc><a:txBody>" + para("patient") + "</a:txBody></a:tc></a:tr></a:tbl>"
                        "</a:graphicData></a:graphic></p:graphicFrame>";
    std::string group = "<p:grpSp>" + shape(para("Listen first")) + "<p:grpSp>" + shape(para("Then explain")) + "</p:grpSp></p:grpSp>";
    std::string picture = "<p:pic><p:nvPicPr><p:cNvPr id=\"6\" name=\"Photo\" descr=\"A nurse greets a family\"/></p:nvPicPr></p:pic>";
    std::string fields = "<a:p><a:fld type=\"slidenum\"><a:t>7</a:t></a:fld><a:r><a:t>Every cust</a:t></a:r>"
                         "<a:r><a:rPr b=\"1\"/><a:t>omer</a:t></a:r><a:br/><a:r><a:t>counts</a:t></a:r></a:p>";
    std::string alternate = "<mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
                            "<mc:Choice Requires=\"p14\">" + shape(para("Shown once")) + "</mc:Choice><mc:Fallback>" +
                            shape(para("Shown once")) + "</mc:Fallback></mc:AlternateContent>";
    Extracted e = extract_pptx(zip(deck(shape(para("Welcome desk"), "title") + picture + shape(fields) + alternate +
                                            shape(para("3"), "sldNum"),
                                        para("Staff: Good morning.") + para("Patient: Hello.", "es-MX"),
                                        shape(para("Words we use")) + table + group)));
    CHECK(e.text ==
          "Welcome desk\n\nA nurse greets a family\n\nEvery customer counts\n\nShown once\n\n"
          "Staff: Good morning.\n\nPatient: Hello.\n\nWords we use\n\nSay\n\npatient\n\nListen first\n\nThen explain");
    CHECK(context_at(e, "Welcome") == "slide 1");
    CHECK(context_at(e, "Good morning") == "slide 1 notes");
    CHECK(context_at(e, "Words we use") == "slide 2");
    CHECK(context_at(e, "Then explain") == "slide 2");
    Document d = document(e);
    CHECK(where(d, "customer").line == 3);  // the paragraph's number in the deck
    CHECK(where(d, "customer").column == 7);
    CHECK(where(d, "Good morning").line == 5);
    CHECK(declared_at(e, "Hello") == "es-MX");
    CHECK(declared_at(e, "Good morning") == "en-US");
}

TEST_CASE("PowerPoint: a deck that is no deck or names parts it lacks is refused; paths stay in the archive") {
    CHECK_THROWS_WITH(extract_pptx(zip({{"ppt/slides/slide1.xml", slide(shape(para("x")))}})),
                      "it is not a PowerPoint presentation (no ppt/presentation.xml)");
    auto missing = deck(shape(para("a")), para("b"), shape(para("c")));
    missing.erase(missing.begin() + 2);  // slide1.xml
    CHECK_THROWS_WITH(extract_pptx(zip(missing)), "its slide list names ppt/slides/slide1.xml, which it does not hold");
    // A target climbing out of the package resolves inside it (and there is no such part).
    auto climbing = deck(shape(para("a")), para("b"), shape(para("c")));
    climbing[1].second = relationships(relationship("rId2", "slide", "../../../../etc/passwd") +
                                       relationship("rId3", "slide", "slides/slide2.xml"));
    CHECK_THROWS_WITH(extract_pptx(zip(climbing)), "its slide list names etc/passwd, which it does not hold");
    std::string zeros(80u << 20, '0');
    CHECK_THROWS_WITH(extract_pptx(zip({{"ppt/presentation.xml", zeros}})), Catch::Contains("a zip bomb?"));
}

namespace {

const std::string ID = "xmlns:idPkg=\"http://ns.adobe.com/AdobeInDesign/idml/1.0/packaging\"";

std::string story(const std::string& id, const std::string& body) {
    return "<idPkg:Story " + ID + "><Story Self=\"" + id + "\">" + body + "</Story></idPkg:Story>";
}

std::string chars(const std::string& text, const std::string& lang = "$ID/English: USA") {
    return "<CharacterStyleRange AppliedLanguage=\"" + lang + "\"><Content>" + text + "</Content></CharacterStyleRange>";
}

const std::string br = "<CharacterStyleRange><Br/></CharacterStyleRange>";

std::string frame(const std::string& self, const std::string& story_id, int x, const std::string& previous = "n") {
    return "<TextFrame Self=\"" + self + "\" ParentStory=\"" + story_id + "\" PreviousTextFrame=\"" + previous +
           "\" ItemTransform=\"1 0 0 1 " + std::to_string(x) + " -100\"><Properties><PathGeometry><GeometryPathType>"
           "<PathPointArray><PathPointType Anchor=\"0 0\"/><PathPointType Anchor=\"0 200\"/><PathPointType Anchor=\"100 200\"/>"
           "<PathPointType Anchor=\"100 0\"/></PathPointArray></GeometryPathType></PathGeometry></Properties></TextFrame>";
}

}  // namespace

TEST_CASE("InDesign: stories in the order of their first frames, pages from where the frames stand") {
    std::string spread = "<idPkg:Spread " + ID + "><Spread Self=\"s\">"
                         "<Page Name=\"4\" GeometricBounds=\"0 0 792 612\" ItemTransform=\"1 0 0 1 -612 -396\"/>"
                         "<Page Name=\"5\" GeometricBounds=\"0 0 792 612\" ItemTransform=\"1 0 0 1 0 -396\"/>" +
                         frame("f1", "u2", -500) + "<Group ItemTransform=\"1 0 0 1 700 0\">" + frame("f2", "u1", -400) +
                         "</Group>" + frame("f3", "u2", 100, "f1") + "</Spread></idPkg:Spread>";
    std::string first = story("u2", "<ParagraphStyleRange>" + chars("Every cust") + chars("omer") + chars(" is family.") + br +
                                         "<Note><ParagraphStyleRange>" + chars("guarantee it?") + "</ParagraphStyleRange></Note>" +
                                         chars("Tours") + "<Change ChangeType=\"DeletedText\">" + chars(" cure") + "</Change>" +
                                         "<Footnote>" + chars("Rates vary.") + "</Footnote>" + chars(" weekly.") +
                                         "<Table><Cell>" + chars("Monday") + "</Cell><Cell>" + chars("6 pm") + "</Cell></Table>" +
                                         chars("Hablamos espa\xC3\xB1ol.", "$ID/Spanish") + "</ParagraphStyleRange>");
    std::string second = story("u1", chars("Page <?ACE 18?>five") + br);
    std::string unplaced = story("u9", chars("Overset draft"));
    std::string map = "<Document " + ID + "><idPkg:Story src=\"Stories/Story_u1.xml\"/><idPkg:Story src=\"Stories/Story_u9.xml\"/>"
                      "<idPkg:Story src=\"Stories/Story_u2.xml\"/><idPkg:Spread src=\"Spreads/Spread_s.xml\"/></Document>";
    Extracted e = extract_idml(zip({{"designmap.xml", map}, {"Spreads/Spread_s.xml", spread}, {"Stories/Story_u1.xml", second},
                                    {"Stories/Story_u2.xml", first}, {"Stories/Story_u9.xml", unplaced}}));
    CHECK(e.text ==
          "Every customer is family.\n\nTours weekly.\n\nMonday\n\n6 pm\n\nHablamos espa\xC3\xB1ol.\n\nRates vary.\n\n"
          "Page five\n\nOverset draft");
    CHECK(context_at(e, "customer") == "page 4, story u2");
    CHECK(context_at(e, "Rates") == "page 4, story u2");  // a footnote follows its story
    CHECK(context_at(e, "five") == "page 5, story u1");   // the group moves its frame to page 5
    CHECK(context_at(e, "Overset") == "story u9");
    CHECK(declared_at(e, "Hablamos") == "es");
    CHECK(declared_at(e, "Monday") == "en-US");
    Document d = document(e);
    CHECK(where(d, "customer").line == 1);
    CHECK(where(d, "customer").column == 7);
    CHECK(where(d, "Monday").line == 3);
}

TEST_CASE("InDesign: a package without a designmap, or naming stories it lacks, is refused") {
    CHECK_THROWS_WITH(extract_idml(zip({{"Stories/Story_u1.xml", story("u1", chars("x"))}})),
                      "it is not an InDesign package (no designmap.xml)");
    std::string map = "<Document " + ID + "><idPkg:Story src=\"Stories/Story_u1.xml\"/></Document>";
    CHECK_THROWS_WITH(extract_idml(zip({{"designmap.xml", map}})),
                      "its designmap.xml names Stories/Story_u1.xml, which it does not hold");
    CHECK_THROWS_WITH(extract_idml(zip({{"designmap.xml", map}, {"Stories/Story_u1.xml", "<Story><Content>x</Story>"}})),
                      Catch::StartsWith("Stories/Story_u1.xml"));
}

TEST_CASE("PowerPoint in a script channel: notes' speaker labels are turns that end with their notes") {
    Extracted e = extract_pptx(zip(deck(shape(para("Greeting")), para("Staff: Good morning.") + para("Patient: Is it cheap?"),
                                        shape(para("Every customer matters")))));
    std::vector<uint32_t> part_ends;
    for (const TextContext& part : e.contexts) part_ends.insert(part_ends.end(), {part.text_begin, part.text_end});
    std::vector<Turn> turns = find_turns(e.text, Speakers{}, part_ends);
    REQUIRE(turns.size() == 2);
    CHECK(turns[0].staff);
    CHECK_FALSE(turns[1].staff);
    Document d("x", "script", *e.source, e.text, e.runs, {}, turns);
    CHECK(d.in_staff_turn(uint32_t(e.text.find("Good morning"))));
    CHECK_FALSE(d.in_staff_turn(uint32_t(e.text.find("cheap"))));
    // The patient's turn ends with the notes: the next slide is no one's words.
    CHECK(turns[1].end == e.text.find("\n\nEvery customer"));
    CHECK_FALSE(d.in_staff_turn(uint32_t(e.text.find("customer"))));
}


// Found by a stranger's attack: each used to refuse a real deck, read a part twice, or drop text.
TEST_CASE("PowerPoint: sections, part names in any case or %-escaped, hidden slides, a notes page's own text box") {
    auto files = deck(shape(para("First")), para("Staff: Hello.") + "</p:txBody></p:sp>" + shape(para("A box on the notes page")) +
                          "<p:sp><p:txBody>",
                      shape(para("Second")));
    // Sections list the slides' ids again, without relationships.
    files[0].second = "<p:presentation " + P +
                      "><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId3\"/><p:sldId id=\"257\" r:id=\"rId2\"/></p:sldIdLst>"
                      "<p:extLst><p:ext uri=\"{521415D9}\"><p14:sectionLst xmlns:p14=\"http://schemas.microsoft.com/office/powerpoint/2010/main\">"
                      "<p14:section name=\"A\"><p14:sldIdLst><p14:sldId id=\"256\"/><p14:sldId id=\"257\"/></p14:sldIdLst></p14:section>"
                      "</p14:sectionLst></p:ext></p:extLst></p:presentation>";
    files[1].second = relationships(relationship("rId2", "slide", "slides/Slide%31.xml") +
                                    relationship("rId3", "slide", "/ppt/slides/slide2.xml"));
    files[2].second = "<p:sld show=\"0\" " + P.substr(0) + "><p:cSld><p:spTree>" + shape(para("Second")) + "</p:spTree></p:cSld></p:sld>";
    Extracted e = extract_pptx(zip(files));
    CHECK(e.text == "First\n\nStaff: Hello.\n\nA box on the notes page\n\nSecond");
    CHECK(context_at(e, "A box") == "slide 1 notes");
    CHECK(context_at(e, "Second") == "slide 2 (hidden)");
    // A slide listed twice is no deck PowerPoint writes: read twice it would double every finding.
    files[0].second = "<p:presentation " + P +
                      "><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId3\"/><p:sldId id=\"257\" r:id=\"rId3\"/></p:sldIdLst></p:presentation>";
    CHECK_THROWS_WITH(extract_pptx(zip(files)), "its slide list names ppt/slides/slide2.xml twice");
}

TEST_CASE("InDesign: a processing instruction between words separates them; a part listed twice is refused") {
    std::string map = "<Document " + ID + "><idPkg:Story src=\"Other/Story_u1.xml\"/></Document>";
    Extracted e = extract_idml(zip({{"designmap.xml", map}, {"Other/Story_u1.xml", story("u1", chars("Cheap<?ACE 8?>parking, page <?ACE 18?>"))}}));
    CHECK(e.text == "Cheap parking, page ");
    CHECK(context_at(e, "parking") == "story u1");
    std::string twice = "<Document " + ID + "><idPkg:Story src=\"Other/Story_u1.xml\"/><idPkg:Story src=\"Other/Story_u1.xml\"/></Document>";
    CHECK_THROWS_WITH(extract_idml(zip({{"designmap.xml", twice}, {"Other/Story_u1.xml", story("u1", chars("x"))}})),
                      "its designmap.xml names Other/Story_u1.xml twice");
}

TEST_CASE("PDF: a file of no pages is refused; a soft hyphen ending a block is not text") {
    std::string none = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                       "trailer << /Root 1 0 R >>\n%%EOF\n";
    CHECK_THROWS_WITH(extract_pdf(none), "it has no pages");
    // A soft hyphen ending a block (no line follows to join) is not text either.
    Extracted e = extract_pdf(make_pdf({{{72, 700, 12, "Every guar\xAD"}, {72, 500, 30, "Exit"}}}));
    CHECK(e.text == "Every guar\n\nExit");
}

TEST_CASE("PDF: pages drawing one shared stream of text past 200 times the file are refused") {
    std::string text;
    for (int line = 0; line < 2000; ++line)  // 3 columns of 700 lines (text drawn twice in one place is read once)
        text += "BT /F1 1 Tf " + std::to_string(10 + line / 700 * 20) + " " + std::to_string(line % 700) + " Td (cheap parking) Tj ET\n";
    std::ostringstream packed;
    {
        Poco::DeflatingOutputStream deflate(packed, Poco::DeflatingStreamBuf::STREAM_ZLIB);
        deflate << text;
        deflate.close();
    }
    std::string stream = packed.str();
    std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                      "2 0 obj << /Type /Pages /Count 200 /Kids [";
    for (int page = 0; page < 200; ++page) pdf += "4 0 R ";
    pdf += "] >> endobj\n3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
           "4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >> endobj\n"
           "5 0 obj << /Length " + std::to_string(stream.size()) + " /Filter /FlateDecode >>\nstream\n" + stream +
           "\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    REQUIRE(pdf.size() < 8000);  // 200 pages of 2,000 lines: megabytes of text from a few kilobytes
    CHECK_THROWS_WITH(extract_pdf(pdf), Catch::StartsWith("its content unpacks to more than"));
}

