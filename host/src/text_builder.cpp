#include "text_builder.hpp"

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
