#include "formats/text_builder.hpp"

#include "base/unicode.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace touchpoint {

void TextBuilder::verbatim(size_t source_begin, size_t size) {
    if (size == 0) return;
    if (!runs_.empty() && runs_.back().verbatim &&
        runs_.back().source_begin + (text_.size() - runs_.back().text_begin) == source_begin) {
        // continues the previous verbatim run
    } else {
        runs_.push_back({uint32_t(text_.size()), uint32_t(source_begin), uint32_t(size), true});
    }
    text_.append(source_.substr(source_begin, size));
    source_end_ = source_begin + size;
}

void TextBuilder::replaced(std::string_view text, size_t source_begin, size_t source_size) {
    if (text.empty()) return;
    runs_.push_back({uint32_t(text_.size()), uint32_t(source_begin), uint32_t(source_size), false});
    text_.append(text);
    source_end_ = source_begin + source_size;
}

void TextBuilder::set_language(std::string_view tag) {
    if (tag == language_) return;
    if (!language_.empty() && text_.size() > language_begin_)
        languages_.push_back({uint32_t(language_begin_), uint32_t(text_.size()), language_});
    language_ = std::string(tag);
    language_begin_ = text_.size();
}

std::vector<DeclaredLanguage> TextBuilder::take_languages() {
    std::string open = language_;
    set_language({});
    set_language(open);
    return std::move(languages_);
}

// The part's declared languages come along; its undeclared text stays undeclared.
void TextBuilder::append(TextBuilder&& part, size_t source_shift) {
    if (part.text_.empty()) return;
    std::string outer = language_;
    set_language({});
    uint32_t base = uint32_t(text_.size());
    for (const DeclaredLanguage& declared : part.take_languages())
        languages_.push_back({base + declared.text_begin, base + declared.text_end, declared.tag});
    for (const TextRun& run : part.runs_)
        runs_.push_back({uint32_t(text_.size() + run.text_begin), uint32_t(run.source_begin + source_shift), run.source_size,
                         run.verbatim});
    text_.append(part.text_);
    source_end_ = part.source_end_ + source_shift;
    language_begin_ = text_.size();
    language_ = outer;
}

void TextBuilder::trim_line_breaks() {
    while (text_.ends_with('\n')) text_.pop_back();
    while (!runs_.empty() && runs_.back().text_begin >= text_.size()) runs_.pop_back();
}

void TextBuilder::block_break(size_t next_source_begin) {
    if (text_.empty()) return;
    // A blank line: two line breaks with only white space (or quote markers) between.
    bool blank_line = false;
    bool line_empty_so_far = false;
    for (size_t i = source_end_; i < next_source_begin && i < source_.size() && !blank_line; ++i) {
        char c = source_[i];
        if (c == '\n') {
            blank_line = line_empty_so_far;
            line_empty_so_far = true;
        } else if (c != ' ' && c != '\t' && c != '\r' && c != '>') {
            line_empty_so_far = false;
        }
    }
    // What ends the text already (raw HTML ends with a paragraph break) counts.
    std::string_view wanted = blank_line ? "\n\n" : "\n";
    if (text_.ends_with("\n\n") || (text_.ends_with('\n') && wanted == "\n")) return;
    size_t at = source_end_;
    replaced(text_.ends_with('\n') ? "\n" : wanted, at, 0);
    source_end_ = at;
}

namespace {

struct Entity {
    std::string_view name;  // without '&' and ';'
    std::string_view text;
};

// Every named character reference of HTML5 (the WHATWG list), sorted by name.
constexpr Entity entities[] = {
#include "formats/html_entities.inc"
};

std::optional<std::string_view> named_entity(std::string_view name) {
    auto found = std::lower_bound(std::begin(entities), std::end(entities), name,
                                  [](const Entity& e, std::string_view n) { return e.name < n; });
    if (found == std::end(entities) || found->name != name) return std::nullopt;
    return found->text;
}

// The code point of a numeric reference's body ("#233", "#xE9"), as HTML5 and CommonMark
// read it: at most 7 decimal or 6 hexadecimal digits; nothing else.
std::optional<char32_t> numeric_entity(std::string_view body) {
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > (hex ? 6u : 7u)) return std::nullopt;
    unsigned long cp = 0;
    for (char c : digits) {
        if (!(hex ? std::isxdigit(static_cast<unsigned char>(c)) : std::isdigit(static_cast<unsigned char>(c))))
            return std::nullopt;
        cp = cp * (hex ? 16 : 10) + unsigned(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    return char32_t(cp);
}

// What "&name;", "&#123;" or "&#x1F;" stands for; nullopt when it is no reference.
std::optional<std::string> decode_known_entity(std::string_view entity) {
    std::string_view body = entity.substr(1, entity.size() - 2);
    if (body.starts_with('#')) {
        std::optional<char32_t> cp = numeric_entity(body);
        if (!cp) return std::nullopt;
        std::string out;
        utf8::append(out, *cp);
        return out;
    }
    if (std::optional<std::string_view> text = named_entity(body)) return std::string(*text);
    return std::nullopt;
}

}  // namespace

std::string decode_entity(std::string_view entity) {
    return decode_known_entity(entity).value_or(std::string(entity));
}

size_t entity_length(std::string_view text) {
    if (text.empty() || text[0] != '&') return 0;
    size_t semicolon = text.find(';');
    if (semicolon == std::string_view::npos || semicolon < 2 || semicolon > 32) return 0;
    std::string_view body = text.substr(1, semicolon - 1);
    bool numeric = body[0] == '#';
    for (size_t i = numeric ? 1 : 0; i < body.size(); ++i)
        if (!std::isalnum(static_cast<unsigned char>(body[i]))) return 0;
    return decode_known_entity(text.substr(0, semicolon + 1)) ? semicolon + 1 : 0;
}

void TextBuilder::with_entities(size_t source_begin, size_t size) {
    std::string_view raw = source_.substr(source_begin, size);
    size_t done = 0;
    for (size_t amp = raw.find('&'); amp != std::string_view::npos; amp = raw.find('&', amp + 1)) {
        size_t length = entity_length(raw.substr(amp));
        if (length == 0) continue;
        verbatim(source_begin + done, amp - done);
        replaced(decode_entity(raw.substr(amp, length)), source_begin + amp, length);
        done = amp + length;
        amp = done - 1;
    }
    verbatim(source_begin + done, raw.size() - done);
}

void TextBuilder::paragraph_break() {
    if (text_.empty() || text_.ends_with("\n\n")) return;
    size_t at = source_end_;
    replaced(text_.ends_with('\n') ? "\n" : "\n\n", at, 0);
    source_end_ = at;
}

namespace {

bool is_tag_named(std::string_view body, std::string_view name) {
    body.remove_prefix(std::min(body.size(), body.find_first_not_of(" \t\n-")));
    while (!body.empty() && (body.back() == ' ' || body.back() == '\t' || body.back() == '\n' || body.back() == '-'))
        body.remove_suffix(1);
    return body == name;
}

}  // namespace

void blank_template_tags(std::string& text) {
    for (size_t open = text.find('{'); open != std::string::npos && open + 1 < text.size();
         open = text.find('{', open + 1)) {
        char kind = text[open + 1];
        if (kind != '%' && kind != '{') continue;
        std::string_view close = kind == '%' ? "%}" : "}}";
        size_t end = text.find(close, open + 2);
        if (end == std::string::npos) return;
        // Liquid's {% comment %} ... {% endcomment %} is a note for the writers, never shown.
        if (kind == '%' && is_tag_named(std::string_view(text).substr(open + 2, end - open - 2), "comment")) {
            size_t closing = text.find("endcomment", end);
            size_t closing_end = closing == std::string::npos ? std::string::npos : text.find("%}", closing);
            if (closing_end != std::string::npos) end = closing_end;
        }
        for (size_t i = open; i < end + 2; ++i)
            if (text[i] != '\n') text[i] = ' ';
        open = end + 1;
    }
}

}  // namespace touchpoint
