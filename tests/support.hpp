// Helpers shared by the tests: documents from strings, scratch folders, running the command.
#pragma once

#include "engine/findings.hpp"
#include "formats/formats.hpp"

#include <touchpoint/document.hpp>
#include <touchpoint/plugin.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace touchpoint::test {

// A zip archive in memory holding `entries` (name, content), deflated.
std::string zip(const std::vector<std::pair<std::string, std::string>>& entries);

// A document from source text, extracted as the format says.
Document make_document(const std::string& source, Format format = Format::plain_text,
                       const std::string& channel = "marketing");

// A checked file's report, as the engine would give it, for the report writers and records.
FileReport checked_file(std::string path, std::string channel, std::vector<ReportedFinding> findings = {});

// Collects what a check reports.
class CollectingReporter : public Reporter {
public:
    void report(Finding finding) override { findings.push_back(std::move(finding)); }
    void measure(std::string_view group, std::string_view key, double value) override {
        measures[std::string(group)][std::string(key)] = value;
    }
    std::vector<Finding> findings;
    std::map<std::string, std::map<std::string, double>> measures;
};

class TestContext;
// The same, with each word's language as a run gives it: what the file declares, else
// detected among the context's brand languages.
Document make_document(const std::string& source, Format format, const std::string& channel, const TestContext& context);

// A brand for compiling a plugin's check, with the en-US lexicon.
class TestContext : public CompileContext {
public:
    explicit TestContext(Brand brand) : brand_(std::move(brand)) {}
    const Brand& brand() const override { return brand_; }
    const Lexicon& lexicon() const override;
    // The brand's languages' dictionaries (en-US and es-US are loaded once per test run).
    const Lexicon* lexicon(std::string_view lang) const override;

private:
    Brand brand_;
};

// Reads a brand file as a run does: each built plugin reads its own elements.
Brand read_brand_file(const std::filesystem::path& file);
// The same, for a brand file given as XML text.
Brand brand_from_xml(const std::string& xml);

// A fresh folder under the system's temporary folder, removed when the object goes.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    const std::filesystem::path& path() const { return path_; }
    // Writes a file (creating folders) and returns its path.
    std::filesystem::path write(const std::string& relative, const std::string& content) const;

private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    long peak_kib = 0;  // the command's peak resident memory
};

// Runs the built touchpoint command with `args` in `cwd`, feeding `input` on standard input.
CommandResult run_touchpoint(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                             const std::string& input = "", const std::vector<std::pair<std::string, std::string>>& env = {});

std::string read_file(const std::filesystem::path& path);

std::filesystem::path source_dir();
std::filesystem::path binary_dir();

}  // namespace touchpoint::test
