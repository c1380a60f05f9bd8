#include "engine/inline_control.hpp"

#include "config/xml_file.hpp"

#include <algorithm>

namespace touchpoint {
namespace {

int line_at(std::string_view source, size_t offset) {
    int line = 1;
    for (size_t i = 0; i < offset && i < source.size(); ++i) line += source[i] == '\n';
    return line;
}

// Parses "touchpoint-disable rule.a, rule.b -- reason"; false when it is no directive.
bool parse(std::string_view body, Directive& directive) {
    std::string text = trim(body);
    std::string_view rest = text;
    if (rest.starts_with("touchpoint-disable-next-line")) {
        directive.kind = Directive::disable_next_line;
        rest.remove_prefix(28);
    } else if (rest.starts_with("touchpoint-disable")) {
        directive.kind = Directive::disable;
        rest.remove_prefix(18);
    } else if (rest.starts_with("touchpoint-enable")) {
        directive.kind = Directive::enable;
        rest.remove_prefix(17);
    } else {
        return false;
    }
    if (!rest.empty() && rest[0] != ' ' && rest[0] != '\t') return false;
    size_t dashes = rest.find("--");
    if (dashes != std::string_view::npos) {
        directive.reason = trim(rest.substr(dashes + 2));
        rest = rest.substr(0, dashes);
    }
    std::string list(rest);
    for (char& c : list)
        if (c == ',') c = ' ';
    for (size_t start = 0; start < list.size();) {
        size_t end = list.find_first_of(" \t", start);
        if (end == std::string::npos) end = list.size();
        if (end > start) directive.rules.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return true;
}

// Whether `offset` falls in one of the ranges, which are in source order.
bool inside(const std::vector<std::pair<uint32_t, uint32_t>>& ranges, size_t offset) {
    auto after = std::upper_bound(ranges.begin(), ranges.end(), std::pair<uint32_t, uint32_t>(uint32_t(offset), UINT32_MAX));
    return after != ranges.begin() && offset < std::prev(after)->second;
}

}  // namespace

std::vector<Directive> find_directives(std::string_view source, Format format, std::string& text,
                                       const std::optional<std::vector<std::pair<uint32_t, uint32_t>>>& raw_html) {
    std::vector<Directive> directives;
    CommentSyntax comments = info(format).comments;
    if (comments == CommentSyntax::html_comment) {
        for (size_t open = source.find("<!--"); open != std::string_view::npos; open = source.find("<!--", open + 4)) {
            size_t close = source.find("-->", open + 4);
            if (close == std::string_view::npos) break;
            if (raw_html && !inside(*raw_html, open)) continue;  // shown in code, not a comment
            Directive directive;
            if (parse(source.substr(open + 4, close - open - 4), directive)) {
                directive.first_line = line_at(source, open);
                directive.line = line_at(source, close);
                directives.push_back(std::move(directive));
            }
            open = close;
        }
        return directives;
    }
    if (comments != CommentSyntax::text_line) return directives;
    int line = 1;
    for (size_t start = 0; start <= source.size(); ++line) {
        size_t end = source.find('\n', start);
        if (end == std::string_view::npos) end = source.size();
        std::string_view content = source.substr(start, end - start);
        std::string stripped = trim(content);
        std::string_view body = stripped;
        if (body.starts_with("#")) body.remove_prefix(1);
        else if (body.starts_with("//")) body.remove_prefix(2);
        Directive directive;
        if (parse(body, directive)) {
            directive.first_line = directive.line = line;
            directives.push_back(std::move(directive));
            // plain text is one verbatim run: the same offsets in text and source
            for (size_t i = start; i < end && i < text.size(); ++i)
                if (text[i] != '\r') text[i] = ' ';
        }
        start = end + 1;
    }
    return directives;
}

Suppressions::Suppressions(std::vector<Directive> directives, std::string_view source) : directives_(std::move(directives)) {
    // disable-next-line covers the next line with content after the directive.
    std::vector<bool> blank;
    for (size_t start = 0; start <= source.size();) {
        size_t end = source.find('\n', start);
        if (end == std::string_view::npos) end = source.size();
        blank.push_back(trim(source.substr(start, end - start)).empty());
        start = end + 1;
    }
    for (const Directive& d : directives_) {
        int next = d.line + 1;
        while (next <= int(blank.size()) && blank[size_t(next - 1)]) ++next;
        next_content_line_.push_back(next);
    }
}

std::optional<std::string> Suppressions::reason(const std::string& rule, int line) const {
    auto names = [&](const Directive& d) {
        if (d.rules.empty()) return true;
        for (const std::string& r : d.rules)
            if (rule == r || rule.starts_with(r + ".")) return true;
        return false;
    };
    std::optional<std::string> found;
    for (size_t i = 0; i < directives_.size(); ++i) {
        const Directive& d = directives_[i];
        if (!names(d)) continue;
        if (d.kind == Directive::disable_next_line) {
            if (line == next_content_line_[i]) found = d.reason;
        } else if (d.first_line <= line) {
            // The last disable or enable before the line decides.
            if (d.kind == Directive::disable) found = d.reason;
            else found.reset();
        }
    }
    return found;
}

}  // namespace touchpoint
