#include "formats/front_matter.hpp"

#include "base/unicode.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

namespace touchpoint {

namespace {

struct Line {
    size_t begin, end;  // without the line break
};

bool is_blank_char(char c) { return c == ' ' || c == '\t'; }

// The lines between the opening "---" and the closing "---" or "...", and the end of the
// closing line; nothing when the source has no front matter.
// A delimiter line, as Jekyll reads it: trailing white space allowed.
bool is_delimiter(std::string_view line, std::string_view mark) {
    while (!line.empty() && (is_blank_char(line.back()) || line.back() == '\r')) line.remove_suffix(1);
    return line == mark;
}

// YAML between "---" lines, or TOML between "+++" lines (Hugo).
std::pair<std::vector<Line>, size_t> front_matter_lines(std::string_view source, std::string_view mark) {
    if (!is_delimiter(source.substr(0, source.find('\n')), mark) || source.find('\n') == std::string_view::npos) return {};
    std::vector<Line> lines;
    for (size_t pos = source.find('\n') + 1; pos < source.size();) {
        size_t newline = source.find('\n', pos);
        size_t next = newline == std::string_view::npos ? source.size() : newline + 1;
        size_t end = newline == std::string_view::npos ? source.size() : newline;
        if (end > pos && source[end - 1] == '\r') --end;
        std::string_view text = source.substr(pos, end - pos);
        if (is_delimiter(text, mark) || (mark == "---" && is_delimiter(text, "..."))) return {std::move(lines), next};
        lines.push_back({pos, end});
        pos = next;
    }
    return {};  // never closed: not front matter
}

class FrontMatterReader {
public:
    FrontMatterReader(std::string_view source, const ProseKeys& keys, TextBuilder& builder)
        : source_(source), keys_(keys), builder_(builder) {}

    FrontMatter read() {
        auto [lines, end] = front_matter_lines(source_, "---");
        bool toml = end == 0;
        if (toml) std::tie(lines, end) = front_matter_lines(source_, "+++");
        lines_ = std::move(lines);
        result_.end = end;
        for (size_t i = 0; i < lines_.size();) i = toml ? read_toml_entry(i) : read_entry(i);
        if (!builder_.text().empty()) builder_.paragraph_break();  // the body starts a paragraph of its own
        return result_;
    }

private:
    std::string_view text(Line line) const { return source_.substr(line.begin, line.end - line.begin); }
    bool indented(Line line) const { return line.end > line.begin && is_blank_char(source_[line.begin]); }
    bool blank(Line line) const {
        return std::all_of(source_.begin() + long(line.begin), source_.begin() + long(line.end), is_blank_char);
    }

    // Reads the top-level "key: value" at line i; returns the line after its value.
    size_t read_entry(size_t i) {
        size_t next = i + 1;
        while (next < lines_.size() && (indented(lines_[next]) || blank(lines_[next]))) ++next;
        std::string_view line = text(lines_[i]);
        size_t colon = line.find(':');
        if (indented(lines_[i]) || colon == std::string_view::npos || colon == 0 || line.starts_with('#')) return next;
        std::string_view key = line.substr(0, colon);
        size_t value = lines_[i].begin + colon + 1;
        if (value < lines_[i].end && !is_blank_char(source_[value])) return next;  // "a:b" is no key
        while (value < lines_[i].end && is_blank_char(source_[value])) ++value;
        if (key == "channel") result_.channel = channel(text({value, lines_[i].end}));
        if (key == "lang" || key == "language") result_.language = channel(text({value, lines_[i].end}));
        if (std::find(keys_.begin(), keys_.end(), key) != keys_.end()) {
            builder_.paragraph_break();
            scalar(value, lines_[i].end, i + 1, next);
        }
        return next;
    }

    // A top-level "key = value" of TOML front matter; only strings on one line are prose,
    // and nothing after the first [table] is top-level.
    size_t read_toml_entry(size_t i) {
        std::string_view line = text(lines_[i]);
        size_t first = line.find_first_not_of(" \t");
        if (first != std::string_view::npos && line[first] == '[') return lines_.size();
        size_t equals = line.find('=');
        if (first == std::string_view::npos || line[first] == '#' || equals == std::string_view::npos) return i + 1;
        std::string_view key = line.substr(first, equals - first);
        while (!key.empty() && is_blank_char(key.back())) key.remove_suffix(1);
        size_t value = lines_[i].begin + equals + 1;
        while (value < lines_[i].end && is_blank_char(source_[value])) ++value;
        std::string_view rest = text({value, lines_[i].end});
        bool basic = rest.starts_with('"') && !rest.starts_with("\"\"\"");
        bool literal = rest.starts_with('\'') && !rest.starts_with("'''");
        if (!basic && !literal) return i + 1;
        if (key == "channel") result_.channel = channel(rest);
        if (key == "lang" || key == "language") result_.language = channel(rest);
        if (std::find(keys_.begin(), keys_.end(), key) != keys_.end()) {
            builder_.paragraph_break();
            quoted(value, lines_[i].end, literal);
        }
        return i + 1;
    }

    static std::string channel(std::string_view value) {
        while (!value.empty() && is_blank_char(value.back())) value.remove_suffix(1);
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        return std::string(value);
    }

    // The scalar starting at `begin` on a line ending at `end`, continued on lines [first, last).
    void scalar(size_t begin, size_t end, size_t first, size_t last) {
        std::string_view value = source_.substr(begin, end - begin);
        if (value.empty() || value.starts_with('#')) {
            if (continues_plain(first, last)) plain_lines(first, last, true);
        } else if (value[0] == '|' || value[0] == '>') {
            if (block_header(value)) block(first, last, value[0] == '>');
        } else if (value[0] == '"' || value[0] == '\'') {
            quoted(begin, end);
        } else if (std::string_view("[{&*!@`%,").find(value[0]) == std::string_view::npos && !value.starts_with("- ")) {
            plain(begin, end);
            plain_lines(first, last, false);
        }
    }

    // A plain scalar may go on below its key, unless what is there is a list or a map.
    bool continues_plain(size_t first, size_t last) const {
        for (size_t i = first; i < last; ++i) {
            if (blank(lines_[i])) continue;
            std::string_view line = text(lines_[i]);
            line.remove_prefix(std::min(line.size(), line.find_first_not_of(" \t")));
            return !line.starts_with('-') && line.find(": ") == std::string_view::npos && !line.ends_with(':');
        }
        return false;
    }

    // "|", ">-", "|2+", with an optional comment.
    static bool block_header(std::string_view value) {
        size_t i = 1;
        while (i < value.size() && i < 3 && (value[i] == '+' || value[i] == '-' || (value[i] >= '1' && value[i] <= '9'))) ++i;
        std::string_view rest = value.substr(i);
        rest.remove_prefix(std::min(rest.size(), rest.find_first_not_of(" \t")));
        return rest.empty() || rest.starts_with('#');
    }

    // A plain scalar's first line, without a trailing comment.
    void plain(size_t begin, size_t end) {
        std::string_view value = source_.substr(begin, end - begin);
        size_t comment = value.find(" #");
        if (comment != std::string_view::npos) value = value.substr(0, comment);
        while (!value.empty() && is_blank_char(value.back())) value.remove_suffix(1);
        builder_.verbatim(begin, value.size());
    }

    // Continuation lines of a plain scalar: folded into one line, a blank line a break.
    void plain_lines(size_t first, size_t last, bool starts) {
        bool line_break = false;
        for (size_t i = first; i < last; ++i) {
            if (blank(lines_[i])) {
                line_break = true;
                continue;
            }
            size_t begin = lines_[i].begin;
            while (is_blank_char(source_[begin])) ++begin;
            if (!starts) builder_.replaced(line_break ? "\n" : " ", lines_[i - 1].end, 0);
            starts = false;
            line_break = false;
            plain(begin, lines_[i].end);
        }
    }

    // A literal block keeps its line breaks; a folded one joins lines with spaces.
    void block(size_t first, size_t last, bool folded) {
        while (last > first && blank(lines_[last - 1])) --last;
        size_t indent = std::string_view::npos;
        bool started = false, after_blank = false;
        for (size_t i = first; i < last; ++i) {
            if (blank(lines_[i])) {
                after_blank = true;
                continue;
            }
            if (indent == std::string_view::npos) indent = text(lines_[i]).find_first_not_of(" \t");
            size_t begin = lines_[i].begin + std::min(indent, lines_[i].end - lines_[i].begin);
            if (started) builder_.replaced(folded && !after_blank ? " " : after_blank ? "\n\n" : "\n", lines_[i - 1].end, 0);
            builder_.verbatim(begin, lines_[i].end - begin);
            started = true;
            after_blank = false;
        }
    }

    // A quoted scalar on one line: '' is a quote in single quotes, \ escapes in double ones.
    // A value that goes on after its closing quote is not valid YAML and is not read.
    void quoted(size_t begin, size_t end, bool literal = false) {
        if (literal) {  // TOML's 'literal string': no escapes at all
            size_t close = source_.find('\'', begin + 1);
            if (close < end) builder_.verbatim(begin + 1, close - begin - 1);
            return;
        }
        char quote = source_[begin];
        size_t close = begin + 1;
        for (; close < end; ++close) {
            if (quote == '"' && source_[close] == '\\') ++close;
            else if (quote == '\'' && source_[close] == '\'' && close + 1 < end && source_[close + 1] == '\'') ++close;
            else if (source_[close] == quote) break;
        }
        if (close >= end) return;  // goes on below: left unread
        std::string_view rest = source_.substr(close + 1, end - close - 1);
        rest.remove_prefix(std::min(rest.size(), rest.find_first_not_of(" \t")));
        if (!rest.empty() && !rest.starts_with('#')) return;
        size_t done = begin + 1;
        for (size_t i = begin + 1; i < close; ++i) {
            size_t length = quote == '"' && source_[i] == '\\' ? escape_length(i, close)
                            : quote == '\'' && source_[i] == '\''   ? 2
                                                                     : 0;
            if (length == 0) continue;
            builder_.verbatim(done, i - done);
            builder_.replaced(quote == '\'' ? "'" : unescape(source_.substr(i, length)), i, length);
            done = i + length;
            i = done - 1;
        }
        builder_.verbatim(done, close - done);
    }

    size_t escape_length(size_t at, size_t close) const {
        char kind = at + 1 < close ? source_[at + 1] : '\\';
        size_t length = kind == 'x' ? 4 : kind == 'u' ? 6 : kind == 'U' ? 10 : 2;
        return std::min(length, close - at);
    }

    static std::string unescape(std::string_view escape) {
        char kind = escape.size() > 1 ? escape[1] : '\\';
        if (kind == 'x' || kind == 'u' || kind == 'U') {
            std::string out;
            char32_t cp = 0;
            for (char c : escape.substr(2)) {
                if (!std::isxdigit(static_cast<unsigned char>(c))) return std::string(escape);
                cp = cp * 16 + char32_t(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10);
            }
            utf8::append(out, cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? char32_t(0xFFFD) : cp);
            return out;
        }
        switch (kind) {
        case 'n': return "\n";
        case 't': return "\t";
        case '_': return "\u00A0";
        case 'N': return "\u0085";
        case 'L': return "\u2028";
        case 'P': return "\u2029";
        case '0': case 'a': case 'b': case 'e': case 'f': case 'r': case 'v': return " ";
        default: return std::string(1, kind);  // \" \\ \/ and an escaped space
        }
    }

    std::string_view source_;
    const ProseKeys& keys_;
    TextBuilder& builder_;
    std::vector<Line> lines_;
    FrontMatter result_;
};

}  // namespace

FrontMatter read_front_matter(std::string_view source, const ProseKeys& prose_keys, TextBuilder& builder) {
    return FrontMatterReader(source, prose_keys, builder).read();
}

}  // namespace touchpoint
