#include "formats.hpp"

#include "text_builder.hpp"
#include "unicode.hpp"

#include <md4c.h>

#include <algorithm>
#include <cstring>

namespace touchpoint {

namespace fs = std::filesystem;

std::optional<Format> format_of(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".txt" || ext == ".text") return Format::plain_text;
    if (ext == ".md" || ext == ".markdown") return Format::markdown;
    return std::nullopt;
}

namespace {

std::string utf16_to_utf8(std::string_view bytes, bool big_endian) {
    std::string out;
    out.reserve(bytes.size());
    auto unit = [&](size_t i) {
        unsigned char a = bytes[i], b = bytes[i + 1];
        return char16_t(big_endian ? (a << 8) | b : (b << 8) | a);
    };
    for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
        char32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size()) {
            char32_t low = unit(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        utf8::append(out, cp);
    }
    return out;
}

}  // namespace

std::optional<std::string> decode(std::string bytes, std::string& why) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
    else if (bytes.starts_with("\xFF\xFE")) bytes = utf16_to_utf8(std::string_view(bytes).substr(2), false);
    else if (bytes.starts_with("\xFE\xFF")) bytes = utf16_to_utf8(std::string_view(bytes).substr(2), true);
    if (std::memchr(bytes.data(), 0, bytes.size())) {
        why = "a binary file";
        return std::nullopt;
    }
    size_t bad = utf8::find_invalid(bytes);
    if (bad != std::string::npos) {
        size_t line_start = bytes.rfind('\n', bad);
        line_start = line_start == std::string::npos ? 0 : line_start + 1;
        size_t line = 1 + size_t(std::count(bytes.begin(), bytes.begin() + long(bad), '\n'));
        size_t column = 1 + utf8::length(std::string_view(bytes).substr(line_start, bad - line_start));
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[bad]));
        why = "not UTF-8 (byte " + std::string(hex) + " at line " + std::to_string(line) + ", column " +
              std::to_string(column) + ")";
        return std::nullopt;
    }
    return bytes;
}

Extracted extract(Format format, std::string_view source) {
    return format == Format::markdown ? extract_markdown(source) : extract_plain_text(source);
}

Extracted extract_plain_text(std::string_view source) {
    Extracted out;
    out.text = std::string(source);
    out.runs.push_back({0, 0, uint32_t(source.size()), true});
    return out;
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

std::string decode_entity(std::string_view entity) {
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

class MarkdownExtractor {
public:
    MarkdownExtractor(std::string_view source, size_t base) : source_(source), base_(base), builder_(source) {}

    void run(Extracted& out) {
        MD_PARSER parser{};
        parser.flags = MD_DIALECT_GITHUB;
        parser.enter_block = [](MD_BLOCKTYPE type, void*, void* self) { return static_cast<MarkdownExtractor*>(self)->block(type, +1); };
        parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) { return static_cast<MarkdownExtractor*>(self)->block(type, -1); };
        parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) { return static_cast<MarkdownExtractor*>(self)->span(type, detail); };
        parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
        parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
            return static_cast<MarkdownExtractor*>(self)->text(type, text, size);
        };
        std::string_view body = source_.substr(base_);
        md_parse(body.data(), MD_SIZE(body.size()), &parser, this);
        out.text = builder_.take_text();
        blank_template_tags(out.text);
        out.runs = builder_.take_runs();
        out.links = std::move(links_);
    }

private:
    bool in_source(const char* p, size_t size) const {
        return p >= source_.data() && p + size <= source_.data() + source_.size();
    }
    size_t offset(const char* p) const { return size_t(p - source_.data()); }

    int block(MD_BLOCKTYPE type, int direction) {
        if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) skip_depth_ += direction;
        pending_break_ = true;
        return 0;
    }

    int span(MD_SPANTYPE type, void* detail) {
        if (type != MD_SPAN_A) return 0;
        const MD_ATTRIBUTE& href = static_cast<MD_SPAN_A_DETAIL*>(detail)->href;
        if (href.size > 0 && in_source(href.text, href.size)) {
            size_t begin = offset(href.text);
            links_.push_back({std::string(href.text, href.size), uint32_t(begin), uint32_t(begin + href.size)});
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
        if (skip_depth_ > 0) return 0;
        switch (type) {
        case MD_TEXT_NORMAL:
            if (!in_source(text, size)) break;
            start_text(offset(text));
            builder_.verbatim(offset(text), size);
            break;
        case MD_TEXT_ENTITY:
            if (!in_source(text, size)) break;
            start_text(offset(text));
            builder_.replaced(decode_entity(std::string_view(text, size)), offset(text), size);
            break;
        case MD_TEXT_NULLCHAR:
            builder_.replaced("\uFFFD", builder_.source_end(), 1);
            break;
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR: {
            // A soft break wraps a paragraph: a space in the prose. A hard break is a line break.
            size_t newline = source_.find('\n', builder_.source_end());
            size_t at = newline == std::string_view::npos ? builder_.source_end() : newline;
            builder_.replaced(type == MD_TEXT_BR ? "\n" : " ", at, at < source_.size() ? 1 : 0);
            break;
        }
        case MD_TEXT_CODE:
            // An inline code span stands between words like a word of its own.
            if (in_source(text, size) && !builder_.text().empty() && builder_.text().back() != ' ')
                builder_.replaced(" ", offset(text), 0);
            break;
        default:  // raw HTML and LaTeX are not prose
            break;
        }
        return 0;
    }

    void start_text(size_t source_offset) {
        if (pending_break_) builder_.block_break(source_offset);
        pending_break_ = false;
    }

    std::string_view source_;
    size_t base_;
    TextBuilder builder_;
    std::vector<Link> links_;
    int skip_depth_ = 0;
    bool pending_break_ = false;
};

// The end of YAML front matter ("---" lines at the very top), or 0 when there is none.
size_t front_matter_end(std::string_view source, std::string& channel) {
    if (!source.starts_with("---\n") && !source.starts_with("---\r\n")) return 0;
    size_t pos = source.find('\n') + 1;
    while (pos < source.size()) {
        size_t end = source.find('\n', pos);
        std::string_view line = source.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line == "---" || line == "...") return end == std::string_view::npos ? source.size() : end + 1;
        if (line.starts_with("channel:")) {
            std::string_view value = line.substr(8);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
            if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
                value = value.substr(1, value.size() - 2);
            channel = std::string(value);
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    channel.clear();  // no closing line: not front matter
    return 0;
}

}  // namespace

Extracted extract_markdown(std::string_view source) {
    Extracted out;
    size_t body = front_matter_end(source, out.channel);
    MarkdownExtractor(source, body).run(out);
    return out;
}

}  // namespace touchpoint
