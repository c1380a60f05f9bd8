// Markdown (CommonMark with GitHub's tables and autolinks) through md4c, whose text
// callbacks point into the input: every offset is a subtraction.
#include "formats.hpp"

#include "text_builder.hpp"
#include "unicode.hpp"

#include <md4c.h>

namespace touchpoint {

namespace {

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
