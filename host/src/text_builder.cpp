#include "text_builder.hpp"

#include "unicode.hpp"

#include <cctype>
#include <cstdlib>
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
    size_t at = source_end_;
    replaced(blank_line ? "\n\n" : "\n", at, 0);
    source_end_ = at;
}

namespace {

struct Entity {
    const char* name;
    const char* text;
};

// The named character references prose commonly uses; others stay as written.
constexpr Entity entities[] = {
    {"amp", "&"},        {"lt", "<"},         {"gt", ">"},          {"quot", "\""},       {"apos", "'"},
    {"nbsp", "\u00A0"},  {"ndash", "\u2013"}, {"mdash", "\u2014"},  {"hellip", "\u2026"}, {"lsquo", "\u2018"},
    {"rsquo", "\u2019"}, {"ldquo", "\u201C"}, {"rdquo", "\u201D"},  {"copy", "\u00A9"},   {"reg", "\u00AE"},
    {"trade", "\u2122"}, {"shy", "\u00AD"},   {"eacute", "\u00E9"}, {"egrave", "\u00E8"}, {"aacute", "\u00E1"},
    {"iacute", "\u00ED"}, {"oacute", "\u00F3"}, {"uacute", "\u00FA"}, {"ntilde", "\u00F1"}, {"uuml", "\u00FC"},
    {"ouml", "\u00F6"},  {"auml", "\u00E4"},  {"ccedil", "\u00E7"}, {"middot", "\u00B7"}, {"bull", "\u2022"},
    {"deg", "\u00B0"},   {"times", "\u00D7"}, {"thinsp", "\u2009"}, {"ensp", "\u2002"},   {"emsp", "\u2003"},
};

std::string decode_known_entity(std::string_view entity) {
    // entity is "&name;", "&#123;" or "&#x1F;"
    std::string_view body = entity.substr(1, entity.size() - 2);
    std::string out;
    if (body.starts_with('#')) {
        bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        std::string digits(body.substr(hex ? 2 : 1));
        unsigned long cp = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        utf8::append(out, char32_t(cp));
        return out;
    }
    for (const Entity& e : entities)
        if (body == e.name) return e.text;
    return std::string(entity);
}

}  // namespace

std::string decode_entity(std::string_view entity) { return decode_known_entity(entity); }

size_t entity_length(std::string_view text) {
    if (text.empty() || text[0] != '&') return 0;
    size_t semicolon = text.find(';');
    if (semicolon == std::string_view::npos || semicolon < 2 || semicolon > 32) return 0;
    std::string_view body = text.substr(1, semicolon - 1);
    bool numeric = body[0] == '#';
    for (size_t i = numeric ? 1 : 0; i < body.size(); ++i)
        if (!std::isalnum(static_cast<unsigned char>(body[i]))) return 0;
    std::string_view entity = text.substr(0, semicolon + 1);
    return decode_known_entity(entity) == entity ? 0 : semicolon + 1;
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

void blank_template_tags(std::string& text) {
    for (size_t open = text.find('{'); open != std::string::npos && open + 1 < text.size();
         open = text.find('{', open + 1)) {
        char kind = text[open + 1];
        if (kind != '%' && kind != '{') continue;
        std::string_view close = kind == '%' ? "%}" : "}}";
        size_t end = text.find(close, open + 2);
        if (end == std::string::npos) return;
        for (size_t i = open; i < end + 2; ++i)
            if (text[i] != '\n') text[i] = ' ';
        open = end + 1;
    }
}

}  // namespace touchpoint
