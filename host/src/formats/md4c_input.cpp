#include "formats/md4c_input.hpp"

#include <algorithm>

namespace touchpoint {

namespace {

struct Fence {
    char mark = 0;      // '`' or '~'
    size_t length = 0;  // of the run of marks
    size_t end = 0;     // of the run, in the line
};

// The columns of a line's indentation (tabs to the next multiple of four) and its width.
std::pair<size_t, size_t> indentation(std::string_view line) {
    size_t column = 0, i = 0;
    for (; i < line.size() && (line[i] == ' ' || line[i] == '\t'); ++i) column = line[i] == '\t' ? (column / 4 + 1) * 4 : column + 1;
    return {column, i};
}

// A run of three or more backticks or tildes at `at`.
Fence fence_at(std::string_view line, size_t at) {
    if (at >= line.size() || (line[at] != '`' && line[at] != '~')) return {};
    size_t end = line.find_first_not_of(line[at], at);
    if (end == std::string_view::npos) end = line.size();
    if (end - at < 3) return {};
    if (line[at] == '`' && line.find('`', end) != std::string_view::npos) return {};  // info strings hold no backtick
    return {line[at], end - at, end};
}

// The column where a list item's text starts, when the line (after its indentation) is
// one: "- ", "* ", "+ ", "1. ", "1) ".
size_t list_content_column(std::string_view line, size_t column, size_t width) {
    size_t i = width;
    if (i < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+')) {
        ++i;
    } else {
        size_t digits = i;
        while (i < line.size() && i - digits < 9 && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
        if (i == digits || i >= line.size() || (line[i] != '.' && line[i] != ')')) return 0;
        ++i;
    }
    size_t spaces = 0;
    while (i + spaces < line.size() && line[i + spaces] == ' ') ++spaces;
    if (spaces == 0 || i + spaces >= line.size()) return 0;
    return column + (i - width) + (spaces > 4 ? 1 : spaces);
}

class Normaliser {
public:
    explicit Normaliser(std::string_view source) : source_(source) {}

    std::string run(size_t from) {
        for (size_t begin = from; begin < source_.size();) {
            size_t newline = source_.find('\n', begin);
            size_t end = newline == std::string_view::npos ? source_.size() : newline;
            line(begin, end > begin && source_[end - 1] == '\r' ? end - 1 : end);
            begin = end + 1;
        }
        return std::move(copy_);
    }

private:
    std::string& copy() {
        if (copy_.empty()) copy_ = std::string(source_);
        return copy_;
    }

    void line(size_t begin, size_t end) {
        std::string_view text = source_.substr(begin, end - begin);
        unpipe_template_tags(begin, text);
        auto [column, width] = indentation(text);
        if (width == text.size()) {  // blank
            after_paragraph_ = false;
            after_blank_ = true;
            return;
        }
        Fence fence = fence_at(text, width);
        if (fence.mark) untab_trailing(begin, text, fence.end);
        if (open_.mark && column < list_column_) {
            open_ = {};  // a line left of its list item's text ends the item, and its code
            list_column_ = column;
        }
        if (open_.mark) {  // inside fenced code: only its closing fence counts
            if (fence.mark == open_.mark && fence.length >= open_.length && column < list_column_ + 4 &&
                text.find_first_not_of(" \t", fence.end) == std::string_view::npos)
                open_ = {};
            return;
        }
        if (fence.mark && after_paragraph_ && column >= list_column_ + 4) {
            for (size_t i = width; i < fence.end; ++i) copy()[begin + i] = 'x';  // a line of the paragraph
            return;
        }
        follow_list(text, column, width);
        bool indented_code = column >= list_column_ + 4 && !after_paragraph_;
        if (fence.mark && !indented_code) open_ = fence;
        after_paragraph_ = !fence.mark && !indented_code && text[width] != '#';
        after_blank_ = false;
    }

    // Which list item's text a line may belong to. Where that is unsure, the column taken
    // is the larger one, so that no fence is ever taken for text that is one.
    void follow_list(std::string_view text, size_t column, size_t width) {
        if (size_t content = list_content_column(text, column, width); content > 0 && column < list_column_ + 4) {
            list_column_ = content;
        } else if (after_blank_ && column < list_column_) {
            list_column_ = column;
        }
    }

    // Jekyll and Hugo expand {{ x | filter }} before Markdown is read: its | never splits
    // a table cell. Tags are taken on one line.
    void unpipe_template_tags(size_t begin, std::string_view text) {
        for (size_t open = text.find('{'); open != std::string_view::npos && open + 1 < text.size(); open = text.find('{', open + 1)) {
            char kind = text[open + 1];
            if (kind != '{' && kind != '%') continue;
            size_t close = text.find(kind == '{' ? "}}" : "%}", open + 2);
            if (close == std::string_view::npos) return;
            for (size_t i = open + 2; i < close; ++i)
                if (text[i] == '|') copy()[begin + i] = ' ';
            open = close + 1;
        }
    }

    void untab_trailing(size_t begin, std::string_view text, size_t fence_end) {
        if (text.find_first_not_of(" \t", fence_end) != std::string_view::npos) return;
        for (size_t i = fence_end; i < text.size(); ++i)
            if (text[i] == '\t') copy()[begin + i] = ' ';
    }

    std::string_view source_;
    std::string copy_;
    Fence open_;
    size_t list_column_ = 0;
    bool after_paragraph_ = false;
    bool after_blank_ = true;
};

}  // namespace

std::string md4c_input(std::string_view source, size_t body) { return Normaliser(source).run(body); }

}  // namespace touchpoint
