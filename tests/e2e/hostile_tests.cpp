// Hostile files in a content repository: each refused or read within bounds, with a
// clear message, and the run goes on with the other files.
#include "pdf_writer.hpp"
#include "support.hpp"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

using namespace touchpoint;
namespace fs = std::filesystem;

namespace {
std::string zip(const std::string& name, const std::string& content) {
    std::ostringstream out;
    Poco::Zip::Compress compress(out, true);
    std::istringstream in(content);
    compress.addFile(in, Poco::DateTime(2026, 1, 1), Poco::Path(name, Poco::Path::PATH_UNIX));
    compress.close();
    return out.str();
}
}  // namespace

TEST_CASE("[hostile] a folder of hostile files: each skipped with its reason, the rest checked") {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><avoid term="cheap"/></brand>)");
    dir.write("bomb.docx", zip("word/document.xml", std::string(100u << 20, ' ')));
    std::string truncated = zip("word/document.xml", "<w:document/>");
    dir.write("truncated.docx", truncated.substr(0, truncated.size() / 2));
    std::string deep;
    for (int i = 0; i < 10000; ++i) deep += "<div>";
    dir.write("deep.html", deep + "cheap");
    dir.write("laughs.svg", "<!DOCTYPE svg [<!ENTITY a \"cheap cheap\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                            "<svg><text>&b;</text></svg>");
    // A 500 MB file of one line, made sparse: refused before it is read.
    fs::path huge = dir.write("huge.txt", "");
    fs::resize_file(huge, 500ull << 20);
    dir.write("fine.md", "cheap\n");
    auto result = test::run_touchpoint({"check", "--brand", "brand.xml", ".", "--format", "json"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.err ==
          "touchpoint: warning: skipped bomb.docx: the entry word/document.xml unpacks to 100 MiB, past the limit (a zip bomb?)\n"
          "touchpoint: warning: skipped deep.html: its elements nest deeper than 4096 levels\n"
          "touchpoint: warning: skipped huge.txt: it is 500 MiB, over the 64 MiB limit (--max-file-size)\n"
          "touchpoint: warning: skipped truncated.docx: a damaged or truncated zip archive (word/document.xml is incomplete)\n");
    CHECK(result.out.find("\"file\": \"fine.md\"") != std::string::npos);
    CHECK(result.out.find("\"files\": 2,") != std::string::npos);  // fine.md and laughs.svg
}

TEST_CASE("[hostile] designers' files: PDFs, decks and packages refused with their reason, --isolate or not") {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><avoid term="cheap"/></brand>)");
    test::PdfPage page{{72, 700, 12, "cheap parking"}};
    dir.write("locked.pdf", test::make_pdf({page}, {.encrypted = true}));
    dir.write("scan.pdf", test::make_pdf({page}, {.image_only = true}));
    dir.write("renamed.pdf", "cheap, but not a PDF\n");
    std::string whole = test::make_pdf({page});
    dir.write("cut.pdf", whole.substr(0, 12));
    dir.write("empty.pptx", test::zip({{"ppt/slides/slide1.xml", "<p:sld/>"}}));
    dir.write("bomb.idml", test::zip({{"designmap.xml", std::string(100u << 20, ' ')}}));
    dir.write("proof.pdf", whole);
    std::string expected_err =
        "touchpoint: warning: skipped bomb.idml: the entry designmap.xml unpacks to 100 MiB, past the limit (a zip bomb?)\n"
        "touchpoint: warning: skipped cut.pdf: a damaged PDF (Poppler cannot read it)\n"
        "touchpoint: warning: skipped empty.pptx: it is not a PowerPoint presentation (no ppt/presentation.xml)\n"
        "touchpoint: warning: skipped locked.pdf: an encrypted PDF that needs a password to open\n"
        "touchpoint: warning: skipped renamed.pdf: it is not a PDF (no %PDF- header)\n"
        "touchpoint: warning: skipped scan.pdf: no text: scanned image? (Touchpoint reads a PDF's text, not its pictures)\n";
    std::string first;
    for (bool isolate : {false, true}) {
        std::vector<std::string> args{"check", "--brand", "brand.xml", ".", "--format", "json"};
        if (isolate) args.push_back("--isolate");
        auto result = test::run_touchpoint(args, dir.path());
        INFO("--isolate " << isolate);
        CHECK(result.exit_code == 0);  // the PDF that reads has its finding, a warning
        CHECK(result.err == expected_err);
        CHECK(result.out.find("\"context\": \"page 1, line 1\"") != std::string::npos);
        CHECK(result.out.find("\"files\": 1,") != std::string::npos);
        CHECK(result.out.find("\"skipped\": 6,") != std::string::npos);
        if (isolate) CHECK(result.out == first);
        first = result.out;
    }
}

