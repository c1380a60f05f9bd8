// Properties of terminology and spelling suggestions and `touchpoint fix` on real documentation: the
// first 150 Markdown files (in path order) of the CockroachDB docs in ../shared/corpus,
// with a brand of the benchmark's 207 plain-language substitutions and the issue's
// awkward terms. CTest runs it as corpus_property; it is hidden from a plain e2e run.
#include "support.hpp"

#include <touchpoint/text.hpp>

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace touchpoint;
namespace fs = std::filesystem;

namespace {

constexpr size_t corpus_files = 150;

fs::path corpus_archive() { return test::source_dir() / ".." / "shared" / "corpus" / "cockroach-docs-md.tar.xz"; }

std::string xml_escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

// The benchmark's substitutions (bench/data/substitutions.tsv) as <prefer>s, one per
// preferred term, and the terms issue 13 found wanting.
std::string brand_xml() {
    std::map<std::string, std::vector<std::string>> alternatives;
    std::ifstream in(test::source_dir() / "bench" / "data" / "substitutions.tsv");
    for (std::string line; std::getline(in, line);) {
        size_t tab = line.find('\t');
        if (tab != std::string::npos) alternatives[line.substr(tab + 1)].push_back(line.substr(0, tab));
    }
    REQUIRE(alternatives.size() > 100);
    alternatives["run"].push_back("execute");
    alternatives["username"].push_back("user name");
    alternatives["on-premises"].push_back("on-premise");
    alternatives["macOS"].push_back("Mac OS X");
    std::string xml = "<brand name=\"Cockroach Labs\" locale=\"en-US\">\n";
    for (const auto& [term, instead] : alternatives) {
        std::string list;
        for (const std::string& alternative : instead) list += (list.empty() ? "" : "|") + alternative;
        xml += "<prefer term=\"" + xml_escaped(term) + "\" instead-of=\"" + xml_escaped(list) + "\"/>\n";
    }
    xml += R"(<prefer term="emergency room" instead-of="ER" case="exact"/>
<avoid term="drill" suggest="treatment"/>
<avoid term="and/or" suggest="or"/>
<avoid term="e.g." suggest="for example"/>
<avoid term="i.e." suggest="that is"/>
<avoid term="24/7" suggest="always"/>
<avoid term="Q&amp;A" suggest="questions"/>
<avoid term="C++"/>
<avoid term="rock 'n' roll" suggest="music"/>
<avoid term="guarantee" reason="Say what the product does."/>
<avoid term="simply" reason="What is simple to one reader is not to another."/>
<name canonical="CockroachDB"><variant>Cockroach DB</variant></name>
<name canonical="CareLink"><variant>Care Link App</variant></name>
<name canonical="Bayside Smiles &amp; Urgent Care"/>
<name canonical="Bayside Smiles"/>
</brand>
)";
    return xml;
}

// The first Markdown files of the archive in path order, unpacked under `dir`.
void unpack_corpus(const fs::path& dir) {
    fs::path list = dir / "all.txt", chosen = dir / "chosen.txt";
    std::string archive = corpus_archive().string();
    REQUIRE(std::system(("tar -tJf '" + archive + "' > '" + list.string() + "'").c_str()) == 0);
    std::vector<std::string> names;
    std::ifstream in(list);
    for (std::string name; std::getline(in, name);)
        if (name.ends_with(".md")) names.push_back(name);
    std::sort(names.begin(), names.end());
    REQUIRE(names.size() >= corpus_files);
    names.resize(corpus_files);
    std::ofstream out(chosen);
    for (const std::string& name : names) out << name << '\n';
    out.close();
    fs::create_directories(dir / "docs");
    REQUIRE(std::system(("tar -xJf '" + archive + "' -C '" + (dir / "docs").string() + "' -T '" + chosen.string() + "'").c_str()) == 0);
    fs::remove(list);
    fs::remove(chosen);
}

struct ReportedSuggestion {
    std::string rule, match, suggestion;
};

struct Report {
    std::vector<ReportedSuggestion> suggestions;
    std::multiset<std::pair<std::string, std::string>> spelling;  // file, match
    std::vector<std::string> shared_spans;  // "file:line:col-line:col rule rule": two findings on one span
};

Report check(const fs::path& dir) {
    auto result = test::run_touchpoint({"check", "docs", "--format", "json", "--jobs", "2"}, dir);
    INFO(result.err);
    REQUIRE((result.exit_code == 0 || result.exit_code == 1));
    Poco::JSON::Object::Ptr root = Poco::JSON::Parser().parse(result.out).extract<Poco::JSON::Object::Ptr>();
    Poco::JSON::Array::Ptr findings = root->getArray("findings");
    Report report;
    std::map<std::string, std::string> spans;  // span -> the first rule on it
    for (size_t i = 0; i < findings->size(); ++i) {
        Poco::JSON::Object::Ptr f = findings->getObject(unsigned(i));
        std::string rule = f->getValue<std::string>("rule"), match = f->getValue<std::string>("match");
        if (rule.starts_with("spelling.")) report.spelling.emplace(f->getValue<std::string>("file"), match);
        std::string span = f->getValue<std::string>("file") + ":" + std::to_string(f->getValue<int>("line")) + ":" +
                           std::to_string(f->getValue<int>("column")) + "-" + std::to_string(f->getValue<int>("end_line")) +
                           ":" + std::to_string(f->getValue<int>("end_column"));
        auto [at, added] = spans.try_emplace(span, rule);
        if (!added) report.shared_spans.push_back(span + " " + at->second + " " + rule);
        if (!rule.starts_with("terminology.") && !rule.starts_with("spelling.")) continue;
        Poco::JSON::Array::Ptr suggestions = f->getArray("suggestions");
        for (size_t s = 0; s < suggestions->size(); ++s)
            report.suggestions.push_back({rule, match, suggestions->getElement<std::string>(unsigned(s))});
    }
    return report;
}

// Each file's bytes, by path.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) files[entry.path().string()] = test::read_file(entry.path());
    return files;
}

std::set<std::string> brand_words(const std::string& xml) {
    std::set<std::string> words;
    Brand brand = test::brand_from_xml(xml);
    auto add = [&](const std::string& phrase) {
        for (std::string& key : phrase_keys(phrase)) words.insert(std::move(key));
    };
    for (const std::string& term : brand.vocabulary.preferred) add(term);
    for (const std::string& term : brand.vocabulary.suggested) add(term);
    for (const BrandVocabulary::Name& name : brand.vocabulary.names) add(name.canonical);
    return words;
}

// The words of a suggestion the dictionary and the brand know neither of.
std::vector<std::string> unknown_words(const std::string& suggestion, const Lexicon& lexicon, const std::set<std::string>& brand) {
    std::vector<std::string> unknown;
    std::istringstream words(suggestion);
    for (std::string word; words >> word;)
        if (!lexicon.knows(word) && !brand.count(match_key(word))) unknown.push_back(word);
    return unknown;
}

}  // namespace

TEST_CASE("on real documents, suggestions are words and fix is safe and final", "[.][corpus]") {
    if (!fs::exists(corpus_archive())) {
        WARN("no corpus at " << corpus_archive().string() << "; the corpus property test is skipped");
        SUCCEED();
        return;
    }
    test::ScratchDir dir;
    unpack_corpus(dir.path());
    std::string xml = brand_xml();
    dir.write("brand.xml", xml);
    // Terminology and spelling only: the properties are about their suggestions.
    dir.write("touchpoint.xml", R"(<touchpoint><brand file="brand.xml"/>)"
                                R"(<rule id="style" enabled="false"/><rule id="consistency" enabled="false"/>)"
                                R"(<rule id="facts" enabled="false"/><rule id="pillars" enabled="false"/>)"
                                R"(<rule id="readability" enabled="false"/><rule id="scripts" enabled="false"/>)"
                                R"(</touchpoint>)");
    Report before = check(dir.path());
    REQUIRE(before.suggestions.size() > 20);  // the brand finds something to say

    Lexicon lexicon("en-US");
    std::set<std::string> brand = brand_words(xml);
    for (const ReportedSuggestion& s : before.suggestions) {
        INFO(s.rule << ": '" << s.match << "' -> '" << s.suggestion << "'");
        CHECK(unknown_words(s.suggestion, lexicon, brand).empty());
    }
    // One mistake, one finding: no two findings (a brand term and a spelling, say) on one span.
    for (const std::string& shared : before.shared_spans) {
        INFO(shared);
        CHECK(false);
    }

    auto first_fix = test::run_touchpoint({"fix", "docs", "--jobs", "2"}, dir.path());
    INFO(first_fix.err);
    REQUIRE(first_fix.exit_code == 0);
    CHECK(first_fix.err.find("fixed 0 findings") == std::string::npos);
    Report after = check(dir.path());
    for (const auto& [file, match] : after.spelling) {
        INFO(file << ": '" << match << "' is a spelling finding only after fix");
        CHECK(after.spelling.count({file, match}) <= before.spelling.count({file, match}));
    }

    auto fixed_once = snapshot(dir.path() / "docs");
    auto second_fix = test::run_touchpoint({"fix", "docs", "--jobs", "2"}, dir.path());
    INFO(second_fix.err);
    CHECK(second_fix.exit_code == 0);
    CHECK(snapshot(dir.path() / "docs") == fixed_once);
}
