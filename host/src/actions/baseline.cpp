#include "actions/baseline.hpp"

#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace touchpoint {

std::string fingerprint(const ReportedFinding& f) {
    // FNV-1a over the parts; the line as written, trimmed, stands for its context (on a
    // long line, the excerpt around the match).
    uint64_t hash = 1469598103934665603ull;
    auto mix = [&](std::string_view part) {
        for (unsigned char c : part) hash = (hash ^ c) * 1099511628211ull;
        hash = (hash ^ 0xFF) * 1099511628211ull;
    };
    std::string_view line = f.excerpt.text;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    mix(f.file);
    mix(f.rule);
    mix(f.match);
    mix(f.whole_document ? std::string_view() : line);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

Baseline Baseline::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RunError("cannot read the baseline '" + path + "'");
    Baseline baseline;
    try {
        Poco::JSON::Parser parser;
        auto root = parser.parse(in).extract<Poco::JSON::Object::Ptr>();
        auto prints = root->getObject("fingerprints");
        if (!prints) throw RunError("the baseline '" + path + "' has no \"fingerprints\"; make it with 'touchpoint baseline'");
        for (const auto& [key, value] : *prints) baseline.counts_[key] = value.convert<size_t>();
    } catch (const Poco::Exception& e) {
        throw RunError("the baseline '" + path + "' is not valid JSON: " + e.displayText());
    }
    return baseline;
}

bool Baseline::absorbs(const ReportedFinding& finding) {
    auto it = counts_.find(fingerprint(finding));
    if (it == counts_.end() || it->second == 0) return false;
    --it->second;
    return true;
}

size_t Baseline::size() const {
    size_t n = 0;
    for (const auto& [key, count] : counts_) n += count;
    return n;
}

std::string Baseline::json() const {
    std::ostringstream out;
    out << "{\n  \"version\": 1,\n  \"fingerprints\": {";
    bool first = true;
    for (const auto& [key, count] : counts_) {
        out << (first ? "\n" : ",\n") << "    \"" << key << "\": " << count;
        first = false;
    }
    out << (first ? "}\n}\n" : "\n  }\n}\n");
    return out.str();
}

}  // namespace touchpoint
