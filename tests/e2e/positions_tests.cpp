// Every finding's line and columns point at its match in the original file.
#include "support.hpp"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include <sstream>

using namespace touchpoint;

namespace {

// Code points [first, last] (1-based) of a line, as UTF-8.
std::string columns(const std::string& line, int first, int last) {
    std::string out;
    int column = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
        if (column >= first && column <= last) out += line[i];
    }
    return out;
}

std::string line_of(const std::filesystem::path& file, int number) {
    std::string text = test::read_file(file);
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    std::istringstream in(text);
    std::string line;
    for (int i = 0; i < number && std::getline(in, line); ++i) {
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

TEST_CASE("sample findings point at their match in the original file") {
    auto result = test::run_touchpoint({"check", "samples", "--format", "json"}, test::source_dir());
    Poco::JSON::Parser parser;
    auto findings = parser.parse(result.out).extract<Poco::JSON::Object::Ptr>()->getArray("findings");
    REQUIRE(findings->size() > 10);
    size_t checked = 0;
    for (size_t i = 0; i < findings->size(); ++i) {
        auto f = findings->getObject(unsigned(i));
        std::string match = f->getValue<std::string>("match");
        int line = f->getValue<int>("line");
        if (match.empty() || f->getValue<int>("end_line") != line) continue;
        // In containers (Word, Excel, PowerPoint, InDesign, PDF) a line is a paragraph, a row or
        // a printed line (tested in formats_tests and design_formats_tests).
        std::string file = f->getValue<std::string>("file");
        if (is_container(*format_of(file))) continue;
        std::string written = columns(line_of(test::source_dir() / f->getValue<std::string>("file"), line),
                                      f->getValue<int>("column"), f->getValue<int>("end_column"));
        if (file.ends_with(".csv"))  // "" stands for " inside a quoted CSV field
            for (size_t at = written.find("\"\""); at != std::string::npos; at = written.find("\"\"", at + 1)) written.erase(at, 1);
        INFO(f->getValue<std::string>("file") << ":" << line);
        CHECK(written == match);
        ++checked;
    }
    CHECK(checked > 10);
}
