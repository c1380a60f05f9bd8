// The compiled brand file (docs/brand-file.md): what every rule plugin is configured from.
#pragma once

#include <touchpoint/export.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

enum class Severity : unsigned char { suggestion = 0, warning = 1, error = 2 };

TOUCHPOINT_API std::string_view to_string(Severity severity);
TOUCHPOINT_API std::optional<Severity> parse_severity(std::string_view text);

// Where a brand element was declared, for messages that point back at the brand file.
struct SourceRef {
    std::string file;
    int line = 0;
    int column = 0;
};

// The channels a rule applies to; empty means every channel.
struct TOUCHPOINT_API ChannelFilter {
    std::vector<std::string> ids;
    bool applies_to(std::string_view channel) const;
};

struct Pillar {
    std::string id;
    std::string label;
    std::vector<std::string> terms;
    SourceRef where;
};

struct Name {
    std::string canonical;
    std::vector<std::string> variants;
    Severity severity = Severity::warning;
    ChannelFilter channels;
    SourceRef where;
};

struct Prefer {
    std::string term;
    std::vector<std::string> instead_of;
    Severity severity = Severity::warning;
    ChannelFilter channels;
    SourceRef where;
    bool exact_case = false;  // case="exact": the alternatives match in their declared letter case only
};

struct Avoid {
    std::string term;     // either term ...
    std::string pattern;  // ... or an ICU regular expression
    std::string reason;
    std::string suggest;
    Severity severity = Severity::warning;
    ChannelFilter channels;
    SourceRef where;
    bool exact_case = false;  // case="exact": the term or pattern matches in its declared letter case only
};

struct Fact {
    std::string id;
    std::string kind;  // phone, email or url
    std::string value;
    Severity severity = Severity::warning;
    SourceRef where;
};

struct ChannelLimits {
    std::string id;
    std::optional<int> min_pillars;
    std::optional<double> max_grade;
    std::optional<int> max_words;
    std::optional<int> max_sentence_words;
    SourceRef where;
};

struct TOUCHPOINT_API Brand {
    std::string file;
    std::string name;
    std::string locale = "en-US";
    std::string promise;
    std::vector<Pillar> pillars;
    std::vector<Name> names;
    std::vector<Prefer> prefers;
    std::vector<Avoid> avoids;
    std::vector<Fact> facts;
    std::vector<std::string> accepted_words;
    std::vector<ChannelLimits> channels;
    int pass_mark = 80;  // <report pass-mark="80"/>: the on-promise score a touchpoint needs

    const ChannelLimits* channel(std::string_view id) const;
};

}  // namespace touchpoint
