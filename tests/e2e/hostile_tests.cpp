// Hostile files in a content repository: each refused or read within bounds, with a
// clear message, and the run goes on with the other files.
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
