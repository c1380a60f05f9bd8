// Markdown (CommonMark with GitHub's tables and autolinks) through md4c, whose text
// callbacks point into the input: every offset is a subtraction.
#include "formats/formats.hpp"

#include "formats/front_matter.hpp"
#include "formats/html.hpp"
#include "formats/md4c_input.hpp"
#include "base/strings.hpp"
#include "formats/text_builder.hpp"
#include "base/unicode.hpp"

#include <md4c.h>

#include <cctype>
#include <exception>
#include <optional>

namespace touchpoint {

namespace {

class MarkdownExtractor {
public:
    explicit MarkdownExtractor(std::string_view source) : source_(source), builder_(source) {}

    void run(Extracted& out, const ProseKeys& prose_keys) {
        FrontMatter front_matter = read_front_matter(source_, prose_keys, builder_);
        out.channel = front_matter.channel;
        out.language = front_matter.language;
        MD_PARSER parser{};
        parser.flags = MD_DIALECT_GITHUB;
        parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
            return static_cast<MarkdownExtractor*>(self)->enter_block(type, detail);
        };
        parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) { return static_cast<MarkdownExtractor*>(self)->block(type, -1); };
        parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) { return static_cast<MarkdownExtractor*>(self)->span(type, detail); };
        parser.leave_span = [](MD_SPANTYPE type, void*, void* self) { return static_cast<MarkdownExtractor*>(self)->leave_span(type); };
        parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
            return static_cast<MarkdownExtractor*>(self)->text(type, text, size);
        };
        md4c_copy_ = md4c_input(source_, front_matter.end);
        md4c_source_ = md4c_copy_.empty() ? source_ : std::string_view(md4c_copy_);
        for (size_t from = front_matter.end; from != std::string_view::npos;) {
            std::string_view body = md4c_source_.substr(from);
            parse_begin_ = from;
            restart_ = std::nullopt;
            md_parse(body.data(), MD_SIZE(body.size()), &parser, this);
            if (failure_) std::rethrow_exception(failure_);
            from = restart_ ? restart() : std::string_view::npos;
        }
        out.text = builder_.take_text();
        blank_template_tags(out.text);
        out.runs = builder_.take_runs();
        out.languages = builder_.take_languages();
        out.links = std::move(links_);
        out.raw_html = std::move(raw_html_);
    }

private:
    // md4c's text points into what it reads: the source, or a copy of the same length.
    bool in_source(const char* p, size_t size) const {
        return p >= md4c_source_.data() && p + size <= md4c_source_.data() + md4c_source_.size();
    }
    size_t offset(const char* p) const { return size_t(p - md4c_source_.data()); }

    int enter_block(MD_BLOCKTYPE type, void* detail) {
        if (depth_ == 1) top_blocks_.push_back({builder_.mark(), links_.size(), std::string_view::npos});
        check_fence_ = depth_ == 1 && type == MD_BLOCK_CODE && static_cast<MD_BLOCK_CODE_DETAIL*>(detail)->fence_char != 0;
        return block(type, +1);
    }

    int block(MD_BLOCKTYPE type, int direction) {
        depth_ += direction;
        if (type == MD_BLOCK_CODE) skip_depth_ += direction;
        if (type == MD_BLOCK_HTML) {
            if (direction < 0 && !read_html_block()) return -1;
            in_html_block_ = direction > 0;
            html_pieces_.clear();
        }
        hidden_depth_ = 0;  // an inline <code> never closed hides no more than its paragraph
        pending_break_ = true;
        return 0;
    }

    int span(MD_SPANTYPE type, void* detail) {
        if (type == MD_SPAN_CODE) code_span_ = CodeSpan::open;
        if (type != MD_SPAN_A) return 0;
        const MD_ATTRIBUTE& href = static_cast<MD_SPAN_A_DETAIL*>(detail)->href;
        if (href.size > 0 && in_source(href.text, href.size)) {
            size_t begin = offset(href.text);
            links_.push_back({std::string(href.text, href.size), uint32_t(begin), uint32_t(begin + href.size)});
        }
        return 0;
    }

    int leave_span(MD_SPANTYPE type) {
        if (type == MD_SPAN_CODE && code_span_ == CodeSpan::open) stand_in(builder_.source_end(), 0);  // an empty span
        if (type == MD_SPAN_CODE) code_span_ = CodeSpan::none;
        return 0;
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
        if (in_source(text, size) && !top_blocks_.empty() && top_blocks_.back().source_begin == std::string_view::npos)
            top_blocks_.back().source_begin = offset(text);
        if (check_fence_ && in_source(text, size) && misread_fence(offset(text))) return 1;
        if (skip_depth_ > 0) return 0;
        if (type == MD_TEXT_HTML && in_source(text, size)) raw_html_->push_back({uint32_t(offset(text)), uint32_t(offset(text) + size)});
        if (type == MD_TEXT_HTML) return inline_html(text, size);
        if (hidden_depth_ > 0 || (code_span_ != CodeSpan::none && type != MD_TEXT_CODE)) return 0;
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
            if (code_span_ == CodeSpan::open && in_source(text, size)) {
                stand_in(offset(text), size);
                code_span_ = CodeSpan::done;
            }
            break;
        default:  // LaTeX is not prose
            break;
        }
        return 0;
    }

    // Code stands between words like a word of its own, and is no prose: one character that
    // is neither a word nor a space, so no multi-word term matches across it.
    void stand_in(size_t source_offset, size_t source_size) {
        start_text(source_offset);
        builder_.replaced("\uFFFC", source_offset, source_size);
    }

    // Inline raw HTML reads as a browser shows it: a tag that starts a line (<br>, <p>)
    // separates the words either side; <b> or <span> does not (cu<b>stom</b>er is one
    // word); the content of <code>, <script> and the like is no prose.
    int inline_html(const MD_CHAR* text, MD_SIZE size) {
        if (!in_source(text, size)) return 0;
        if (in_html_block_) {
            html_pieces_.push_back({offset(text), offset(text) + size});
            return 0;
        }
        std::string_view tag(text, size);
        bool closing = tag.starts_with("</");
        std::string_view name = tag.substr(closing ? 2 : 1);
        name = name.substr(0, std::min(name.size(), name.find_first_of(" \t\r\n/>")));
        if (html_tag_hides_text(name)) {
            if (!closing && hidden_depth_++ == 0) stand_in(offset(text), size);
            if (closing && hidden_depth_ > 0) --hidden_depth_;
        } else if (html_tag_breaks_line(name) && !builder_.text().empty() && !std::isspace(static_cast<unsigned char>(builder_.text().back()))) {
            builder_.replaced("\n", offset(text), size);
        }
        if (!closing && hidden_depth_ == 0) inline_attributes(offset(text), tag);
        return 0;
    }

    // An inline tag's alt, title and aria-label are read where the tag stands, as a screen
    // reader reads them, and its href is a link; gumbo reads the tag as in an HTML file.
    void inline_attributes(size_t begin, std::string_view tag) {
        std::string lower = ascii_lower(tag);
        bool read = false;
        for (std::string_view attribute : {" alt", " title", " aria-label", " href"})
            read = read || lower.find(attribute) != std::string::npos;
        if (!read || !tag.ends_with('>')) return;
        std::string copy(source_.substr(begin, tag.size()));
        TextBuilder part(copy);
        std::vector<Link> links;
        read_html(copy, part, links);
        add_links(std::move(links), begin);
        part.trim_line_breaks();
        if (part.text().empty()) return;
        start_text(begin);
        if (!builder_.text().empty() && !std::isspace(static_cast<unsigned char>(builder_.text().back())))
            builder_.replaced(" ", begin, 0);
        builder_.append(std::move(part), begin);
        builder_.replaced(" ", begin + tag.size(), 0);
    }

    // A raw HTML block reads like an HTML file. Gumbo reads a copy of the block's lines in
    // which what stands between them (quote markers, list indentation) is blanked, so a
    // place in the copy is a place in the file. False when the HTML is refused.
    bool read_html_block() {
        if (html_pieces_.empty()) return true;
        size_t begin = html_pieces_.front().begin;
        std::string copy(html_pieces_.back().end - begin, ' ');
        for (size_t i = 0; i < copy.size(); ++i)
            if (source_[begin + i] == '\n') copy[i] = '\n';
        for (const Piece& piece : html_pieces_)
            copy.replace(piece.begin - begin, piece.end - piece.begin, source_.substr(piece.begin, piece.end - piece.begin));
        TextBuilder part(copy);
        std::vector<Link> links;
        try {
            read_html(copy, part, links);
        } catch (...) {
            failure_ = std::current_exception();  // not through md4c's C frames
            return false;
        }
        add_links(std::move(links), begin);
        if (part.text().empty()) return true;
        start_text(begin);
        builder_.append(std::move(part), begin);
        return true;
    }

    // Links found in a copy of the source from `begin` on.
    void add_links(std::vector<Link> links, size_t begin) {
        for (Link& link : links) {
            link.source_begin += uint32_t(begin);
            link.source_end += uint32_t(begin);
            links_.push_back(std::move(link));
        }
    }

    // md4c 0.4.8 sometimes loses track of a list in a long document and takes a fence of
    // one of its items, indented four columns or more, for a fence of its own: something
    // CommonMark never reads. Then the parse stops, what it read from the last top-level
    // block that starts a line is dropped, and md4c reads again from there.
    bool misread_fence(size_t first_content) {
        check_fence_ = false;
        size_t content_line = line_start(first_content);
        if (content_line == 0) return false;
        size_t fence_line = line_start(content_line - 1);
        size_t indent = 0;
        for (size_t i = fence_line; i < content_line && (md4c_source_[i] == ' ' || md4c_source_[i] == '\t'); ++i)
            indent = md4c_source_[i] == '\t' ? (indent / 4 + 1) * 4 : indent + 1;
        if (indent < 4 || restarts_ >= max_restarts) return false;
        for (size_t i = top_blocks_.size() - 1; i-- > 0;) {
            size_t begin = top_blocks_[i].source_begin;
            if (begin == std::string_view::npos) continue;
            size_t line = line_start(begin);
            if (line <= parse_begin_) return false;  // no progress: keep what md4c read
            if (md4c_source_[line] != ' ' && md4c_source_[line] != '\t') {
                restart_ = i;
                return true;
            }
        }
        return false;
    }

    size_t line_start(size_t at) const {
        size_t newline = md4c_source_.rfind('\n', at == 0 ? 0 : at - 1);
        return at == 0 || newline == std::string_view::npos ? 0 : newline + 1;
    }

    // Drops what was read from the top-level block to read again; returns where it starts.
    size_t restart() {
        ++restarts_;
        const TopBlock& block = top_blocks_[*restart_];
        builder_.rollback(block.mark);
        links_.resize(block.links);
        size_t from = line_start(block.source_begin);
        std::erase_if(*raw_html_, [from](const std::pair<uint32_t, uint32_t>& html) { return html.first >= from; });
        top_blocks_.clear();
        depth_ = skip_depth_ = hidden_depth_ = 0;
        code_span_ = CodeSpan::none;
        in_html_block_ = check_fence_ = false;
        html_pieces_.clear();
        pending_break_ = true;
        return from;
    }

    void start_text(size_t source_offset) {
        if (pending_break_) builder_.block_break(source_offset);
        pending_break_ = false;
    }

    std::string_view source_;
    std::string md4c_copy_;
    std::string_view md4c_source_;
    TextBuilder builder_;
    std::vector<Link> links_;
    std::optional<std::vector<std::pair<uint32_t, uint32_t>>> raw_html_{std::in_place};
    int skip_depth_ = 0;
    bool pending_break_ = false;
    // Inline code: `none` outside a code span; `open` until its stand-in is written.
    enum class CodeSpan { none, open, done } code_span_ = CodeSpan::none;
    int hidden_depth_ = 0;  // inside inline <code>, <script>, ...
    struct Piece {
        size_t begin, end;
    };
    bool in_html_block_ = false;
    std::vector<Piece> html_pieces_;  // the lines of the raw HTML block being read
    std::exception_ptr failure_;
    // The top-level blocks read so far, to read again from one when md4c misreads.
    struct TopBlock {
        TextBuilder::Mark mark;
        size_t links;
        size_t source_begin;  // of its first text
    };
    std::vector<TopBlock> top_blocks_;
    int depth_ = 0;
    bool check_fence_ = false;
    size_t parse_begin_ = 0;
    std::optional<size_t> restart_;
    // Each restart reads the rest of the file again: a bound keeps a hostile file linear.
    static constexpr int max_restarts = 16;
    int restarts_ = 0;
};

}  // namespace

Extracted extract_markdown(std::string_view source, const ProseKeys& prose_keys) {
    Extracted out;
    MarkdownExtractor(source).run(out, prose_keys);
    return out;
}

}  // namespace touchpoint
