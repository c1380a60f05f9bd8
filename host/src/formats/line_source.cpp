#include "formats/line_source.hpp"

namespace touchpoint {

namespace {
constexpr std::string_view soft_hyphen = "\xC2\xAD";
}

void LineSource::part(std::string label) { parts_.push_back({lines_.size(), std::move(label)}); }

void LineSource::line(std::string text, std::vector<DeclaredLanguage> languages, Break before, bool counted) {
    budget_.spend(counted ? 1 : text.size() + 1);
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    bool starts_part = !parts_.empty() && parts_.back().first_line == lines_.size();
    if (lines_.empty() || starts_part) before = Break::paragraph;
    lines_.push_back({std::move(text), std::move(languages), before});
}

Extracted LineSource::extracted() {
    Extracted out;
    std::string source;
    for (const Line& line : lines_) source += line.text + '\n';
    TextBuilder builder(source);
    std::vector<std::pair<size_t, size_t>> line_text;  // the text range of each line
    size_t line_begin = 0;
    for (size_t i = 0; i < lines_.size(); ++i) {
        const Line& line = lines_[i];
        if (line.before == Break::paragraph) builder.paragraph_break();
        else if (line.before == Break::line) builder.verbatim(line_begin - 1, 1);  // the line break before it
        size_t size = line.text.size();
        if (line.text.ends_with(soft_hyphen)) size -= soft_hyphen.size();  // shown only where it breaks a word
        size_t text_begin = builder.text().size();
        builder.verbatim(line_begin, size);
        line_text.emplace_back(text_begin, builder.text().size());
        for (DeclaredLanguage& declared : lines_[i].languages)
            if (declared.text_begin < declared.text_end && declared.text_end <= size)
                out.languages.push_back({uint32_t(text_begin + declared.text_begin), uint32_t(text_begin + declared.text_end),
                                         std::move(declared.tag)});
        line_begin += line.text.size() + 1;
    }
    out.text = builder.take_text();
    out.runs = builder.take_runs();
    for (size_t i = 0; i < parts_.size(); ++i) {
        size_t first = parts_[i].first_line, last = i + 1 < parts_.size() ? parts_[i + 1].first_line : lines_.size();
        if (first >= last || parts_[i].label.empty()) continue;
        if (labels_ == Labels::part) {
            out.contexts.push_back({uint32_t(line_text[first].first), uint32_t(line_text[last - 1].second), parts_[i].label});
            continue;
        }
        for (size_t line = first; line < last; ++line)  // up to the next line's text, its break included
            out.contexts.push_back({uint32_t(line_text[line].first),
                                    uint32_t(line + 1 < last ? line_text[line + 1].first : line_text[line].second),
                                    parts_[i].label + ", line " + std::to_string(line - first + 1)});
    }
    out.source = std::move(source);
    lines_.clear();
    parts_.clear();
    return out;
}

}  // namespace touchpoint
