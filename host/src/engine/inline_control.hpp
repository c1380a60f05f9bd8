// Inline control: touchpoint-disable, touchpoint-enable and touchpoint-disable-next-line,
// in each input format's comment syntax, with an optional reason after "--".
#pragma once

#include "formats/formats.hpp"

#include <optional>
#include <string>
#include <vector>

namespace touchpoint {

struct Directive {
    enum Kind { disable, enable, disable_next_line } kind;
    std::vector<std::string> rules;  // empty: every rule
    std::string reason;
    int line = 0;       // the directive's (last) line
    int first_line = 0;
};

// Markdown, HTML and SVG: comments (<!-- touchpoint-disable terminology.avoid -- quoting a patient -->).
// Plain text: a line of its own, optionally after '#' or '//'; such lines are blanked
// in `text` so they are not read as prose.
std::vector<Directive> find_directives(std::string_view source, Format format, std::string& text,
                                       const std::optional<std::vector<std::pair<uint32_t, uint32_t>>>& raw_html = std::nullopt);

class Suppressions {
public:
    explicit Suppressions(std::vector<Directive> directives, std::string_view source);
    // The reason a rule's finding on a line is suppressed ("" when none was given), or
    // nullopt when it is not.
    std::optional<std::string> reason(const std::string& rule, int line) const;
    bool empty() const { return directives_.empty(); }
    const std::vector<Directive>& directives() const { return directives_; }

private:
    std::vector<Directive> directives_;
    std::vector<int> next_content_line_;  // per directive: the line disable-next-line covers
};

}  // namespace touchpoint
