// Word (.docx) and OpenDocument (.odt) documents. Each paragraph is one line of the
// source positions count in (docs/formats.md: for Word, `line` is the paragraph number) and
// one paragraph of prose. Runs are joined, so a term split across formatting runs is
// found; tracked insertions are read, deletions are not.
#include "formats/archive.hpp"
#include "formats/formats.hpp"
#include "formats/text_builder.hpp"
#include "formats/xml_text.hpp"

#include <algorithm>
#include <cstring>

namespace touchpoint {
namespace {

struct Paragraphs {
    std::string source;  // one paragraph a line
    std::vector<std::pair<size_t, std::string>> contexts;  // first line index -> label of the part
    UnpackBudget budget;

    // `counted`: the text was spent from the budget as it was built.
    void add(std::string text, bool counted = false) {
        budget.spend(counted ? 1 : text.size() + 1);
        for (char& c : text)
            if (c == '\n' || c == '\r') c = ' ';
        source += text;
        source += '\n';
    }

    Extracted extracted() {
        Extracted out;
        TextBuilder builder(source);
        size_t line_start = 0, line = 0;
        std::vector<std::pair<size_t, size_t>> line_text;  // text offset of each line
        while (line_start < source.size()) {
            size_t end = source.find('\n', line_start);
            builder.paragraph_break();
            line_text.emplace_back(builder.text().size(), 0);
            builder.verbatim(line_start, end - line_start);
            line_text.back().second = builder.text().size();
            line_start = end + 1;
            ++line;
        }
        out.text = builder.take_text();
        out.runs = builder.take_runs();
        for (size_t i = 0; i < contexts.size(); ++i) {
            size_t first = contexts[i].first, last = i + 1 < contexts.size() ? contexts[i + 1].first : line_text.size();
            if (first >= last || contexts[i].second.empty()) continue;
            out.contexts.push_back({uint32_t(line_text[first].first), uint32_t(line_text[last - 1].second), contexts[i].second});
        }
        out.source = std::move(source);
        return out;
    }
};

// Word: w:p paragraphs of w:r runs (w:t text, w:tab, w:br); w:del and field codes skipped.
std::string word_paragraph(pugi::xml_node paragraph) {
    std::string text;
    for_each_descendant(paragraph, [&](pugi::xml_node node) {
        if (node.type() == pugi::node_pcdata) {
            std::string_view parent = local_name(node.parent());
            if (parent == "t") text += node.value();
            return false;
        }
        std::string_view name = local_name(node);
        if (name == "tab") text += '\t';
        else if (name == "br" || name == "cr") text += ' ';
        else if (name == "noBreakHyphen") text += '-';
        // Deleted text, field instructions and nested paragraphs (text boxes) are not this paragraph's.
        return name != "del" && name != "instrText" && name != "delText" && name != "p" && name != "moveFrom";
    });
    return text;
}

void word_part(const std::string& xml, const std::string& part, Paragraphs& out) {
    pugi::xml_document document;
    parse_xml(document, xml, part);
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        std::string_view name = local_name(node);
        if (name == "del" || name == "moveFrom") return false;
        if (name == "p") out.add(word_paragraph(node));
        return true;  // nested paragraphs (tables, text boxes) come in document order
    });
}

// OpenDocument: text:p and text:h, with text:span, text:s (spaces), text:tab, text:line-break.
std::string odt_paragraph(pugi::xml_node paragraph, UnpackBudget& budget) {
    std::string text;
    for_each_descendant(paragraph, [&](pugi::xml_node node) {
        // Counted as it grows: a paragraph of millions of space runs is refused before
        // it is built.
        if (node.type() == pugi::node_pcdata) budget.spend(std::strlen(node.value()));
        if (node.type() == pugi::node_pcdata) {
            text += node.value();
            return false;
        }
        std::string_view name = local_name(node);
        // A run of spaces reads as one gap however long: its count is capped, so that
        // text:c="2000000000" asks for no 2 GB.
        if (name == "s") {
            size_t spaces = size_t(std::clamp(node.attribute("text:c").as_int(1), 1, 1000));
            budget.spend(spaces);
            text.append(spaces, ' ');
        }
        else if (name == "tab" || name == "line-break") budget.spend(1);
        if (name == "tab") text += '\t';
        else if (name == "line-break") text += ' ';
        return name != "note" && name != "p" && name != "h" && name != "tracked-changes" && name != "annotation";
    });
    return text;
}

std::string part_label(const std::string& name) {
    if (name.find("header") != std::string::npos) return "header";
    if (name.find("footer") != std::string::npos) return "footer";
    if (name.find("footnotes") != std::string::npos) return "footnote";
    if (name.find("endnotes") != std::string::npos) return "endnote";
    return "";
}

}  // namespace

Extracted extract_docx(std::string_view bytes) {
    auto parts = read_zip(bytes, [](const std::string& name) {
        return name == "word/document.xml" ||
               (name.starts_with("word/") && name.ends_with(".xml") &&
                (name.find("/header") != std::string::npos || name.find("/footer") != std::string::npos ||
                 name == "word/footnotes.xml" || name == "word/endnotes.xml"));
    });
    auto body = parts.find("word/document.xml");
    if (body == parts.end()) throw FormatError("it is not a Word document (no word/document.xml)");
    Paragraphs paragraphs;
    word_part(body->second, "word/document.xml", paragraphs);
    for (const auto& [name, xml] : parts) {
        if (name == "word/document.xml") continue;
        size_t lines = size_t(std::count(paragraphs.source.begin(), paragraphs.source.end(), '\n'));
        paragraphs.contexts.emplace_back(lines, part_label(name));
        word_part(xml, name, paragraphs);
    }
    return paragraphs.extracted();
}

Extracted extract_odt(std::string_view bytes) {
    auto parts = read_zip(bytes, [](const std::string& name) { return name == "content.xml"; });
    if (parts.empty()) throw FormatError("it is not an OpenDocument text (no content.xml)");
    pugi::xml_document document;
    parse_xml(document, parts.begin()->second, "content.xml");
    Paragraphs paragraphs;
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        std::string_view name = local_name(node);
        if (name == "tracked-changes" || name == "annotation") return false;
        if (name == "p" || name == "h") paragraphs.add(odt_paragraph(node, paragraphs.budget), true);
        return true;
    });
    return paragraphs.extracted();
}

}  // namespace touchpoint
