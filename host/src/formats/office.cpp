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
#include <map>

namespace touchpoint {
namespace {

// A paragraph's text, and the languages its runs declare (offsets into the text).
struct Paragraph {
    std::string text;
    std::vector<DeclaredLanguage> languages;

    // Appends text in a declared language (empty: undeclared), joining it to the last run.
    void append(std::string_view piece, const std::string& tag) {
        uint32_t begin = uint32_t(text.size());
        text += piece;
        if (tag.empty() || piece.empty()) return;
        if (!languages.empty() && languages.back().tag == tag && languages.back().text_end == begin)
            languages.back().text_end = uint32_t(text.size());
        else languages.push_back({begin, uint32_t(text.size()), tag});
    }
};

struct Paragraphs {
    std::string source;  // one paragraph a line
    std::vector<std::pair<size_t, DeclaredLanguage>> languages;  // line index -> a run in the line
    std::vector<std::pair<size_t, std::string>> contexts;  // first line index -> label of the part
    UnpackBudget budget;

    // `counted`: the text was spent from the budget as it was built.
    void add(Paragraph paragraph, bool counted = false) {
        for (DeclaredLanguage& declared : paragraph.languages) languages.emplace_back(lines, std::move(declared));
        add(std::move(paragraph.text), counted);
    }
    void add(std::string text, bool counted = false) {
        budget.spend(counted ? 1 : text.size() + 1);
        for (char& c : text)
            if (c == '\n' || c == '\r') c = ' ';
        source += text;
        source += '\n';
        ++lines;
    }
    size_t lines = 0;

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
        for (auto& [line_index, declared] : languages)
            if (line_index < line_text.size())
                out.languages.push_back({uint32_t(line_text[line_index].first + declared.text_begin),
                                         uint32_t(line_text[line_index].first + declared.text_end), std::move(declared.tag)});
        for (size_t i = 0; i < contexts.size(); ++i) {
            size_t first = contexts[i].first, last = i + 1 < contexts.size() ? contexts[i + 1].first : line_text.size();
            if (first >= last || contexts[i].second.empty()) continue;
            out.contexts.push_back({uint32_t(line_text[first].first), uint32_t(line_text[last - 1].second), contexts[i].second});
        }
        out.source = std::move(source);
        return out;
    }
};

// A Word run's language: <w:r><w:rPr><w:lang w:val="es-ES"/></w:rPr>.
std::string word_run_language(pugi::xml_node run) {
    for (pugi::xml_node child : run.children()) {
        if (local_name(child) != "rPr") continue;
        for (pugi::xml_node property : child.children())
            if (local_name(property) == "lang")
                for (pugi::xml_attribute a : property.attributes())
                    if (std::string_view(a.name()) == "w:val" || std::string_view(a.name()) == "val") return a.value();
    }
    return {};
}

// Word: w:p paragraphs of w:r runs (w:t text, w:tab, w:br); w:del and field codes skipped.
Paragraph word_paragraph(pugi::xml_node paragraph) {
    Paragraph text;
    for_each_descendant(paragraph, [&](pugi::xml_node node) {
        if (node.type() == pugi::node_pcdata) {
            std::string_view parent = local_name(node.parent());
            if (parent == "t") text.append(node.value(), word_run_language(node.parent().parent()));
            return false;
        }
        std::string_view name = local_name(node);
        if (name == "tab") text.text += '\t';
        else if (name == "br" || name == "cr") text.text += ' ';
        else if (name == "noBreakHyphen") text.text += '-';
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

// OpenDocument styles that set a language: style name -> "es-ES" (fo:language, fo:country).
using StyleLanguages = std::map<std::string, std::string, std::less<>>;

StyleLanguages odt_style_languages(pugi::xml_node root) {
    StyleLanguages languages;
    for_each_descendant(root, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        if (local_name(node) != "style") return true;
        for (pugi::xml_node properties : node.children()) {
            if (local_name(properties) != "text-properties") continue;
            std::string language = properties.attribute("fo:language").value();
            std::string country = properties.attribute("fo:country").value();
            if (language.empty() || language == "zxx" || language == "none") continue;
            if (!country.empty() && country != "none") language += "-" + country;
            languages[node.attribute("style:name").value()] = language;
        }
        return false;
    });
    return languages;
}

// The language of text in an OpenDocument paragraph: its innermost styled span's, else
// the paragraph's style's. Looks up at most 32 ancestors: hostile files nest deeply.
std::string odt_language(pugi::xml_node node, pugi::xml_node paragraph, const StyleLanguages& styles) {
    if (styles.empty()) return {};
    int steps = 0;
    for (pugi::xml_node at = node.parent(); at && steps < 32; at = at.parent(), ++steps) {
        if (auto found = styles.find(std::string_view(at.attribute("text:style-name").value())); found != styles.end())
            return found->second;
        if (at == paragraph) break;
    }
    return {};
}

// OpenDocument: text:p and text:h, with text:span, text:s (spaces), text:tab, text:line-break.
Paragraph odt_paragraph(pugi::xml_node paragraph, UnpackBudget& budget, const StyleLanguages& styles) {
    Paragraph text;
    for_each_descendant(paragraph, [&](pugi::xml_node node) {
        // Counted as it grows: a paragraph of millions of space runs is refused before
        // it is built.
        if (node.type() == pugi::node_pcdata) budget.spend(std::strlen(node.value()));
        if (node.type() == pugi::node_pcdata) {
            text.append(node.value(), odt_language(node, paragraph, styles));
            return false;
        }
        std::string_view name = local_name(node);
        // A run of spaces reads as one gap however long: its count is capped, so that
        // text:c="2000000000" asks for no 2 GB.
        if (name == "s") {
            size_t spaces = size_t(std::clamp(node.attribute("text:c").as_int(1), 1, 1000));
            budget.spend(spaces);
            text.text.append(spaces, ' ');
        }
        else if (name == "tab" || name == "line-break") budget.spend(1);
        if (name == "tab") text.text += '\t';
        else if (name == "line-break") text.text += ' ';
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
    StyleLanguages styles;
    for (pugi::xml_node top : document.first_child().children())
        if (local_name(top) == "automatic-styles") styles = odt_style_languages(top);
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        std::string_view name = local_name(node);
        if (name == "tracked-changes" || name == "annotation" || name == "automatic-styles") return false;
        if (name == "p" || name == "h") paragraphs.add(odt_paragraph(node, paragraphs.budget, styles), true);
        return true;
    });
    return paragraphs.extracted();
}

}  // namespace touchpoint
