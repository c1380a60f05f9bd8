// The terminology plugin's brand elements (docs/brand-file.md): <name>, <prefer> and
// <avoid>, read and validated from the elements the host hands over.
#pragma once

#include <touchpoint/brand.hpp>

#include <string>
#include <vector>

namespace touchpoint::terminology {

struct Name {
    std::string canonical;
    std::vector<std::string> variants;
    Severity severity = Severity::warning;
    ChannelFilter channels;
};

struct Prefer {
    std::string lang;  // the language it applies in (a primary subtag)
    std::string term;
    std::vector<std::string> instead_of;
    Severity severity = Severity::warning;
    ChannelFilter channels;
    bool exact_case = false;  // case="exact": the alternatives match in their declared letter case only
};

struct Avoid {
    std::string lang;     // the language it applies in (a primary subtag)
    std::string term;     // either term ...
    std::string pattern;  // ... or an ICU regular expression
    std::string reason;
    std::string suggest;
    Severity severity = Severity::warning;
    ChannelFilter channels;
    bool exact_case = false;  // case="exact": the term or pattern matches in its declared letter case only
};

struct BrandRules {
    std::vector<Name> names;
    std::vector<Prefer> prefers;
    std::vector<Avoid> avoids;
};

// Reads the elements in file order; throws BrandError at the first fault (a term without
// a word, a bad pattern, a word two rules of one language claim). Names hold their words
// in every language.
BrandRules read_brand_rules(const std::vector<const BrandElement*>& elements);

// The words the rules declare, for every plugin: names, preferred, flagged, suggested.
void publish(const BrandRules& rules, BrandVocabulary& vocabulary);

}  // namespace touchpoint::terminology
