// Word (.docx) and OpenDocument (.odt) documents. Each paragraph is one line of the
// source positions count in (docs/formats.md: for Word, `line` is the paragraph number) and
// one paragraph of prose. Runs are joined, so a term split across formatting runs is
// found; tracked insertions are read, deletions are not.
#include "formats/archive.hpp"
#include "formats/formats.hpp"
#include "formats/line_source.hpp"
#include "formats/text_builder.hpp"
#include "formats/xml_text.hpp"

#include <algorithm>
#include <cstring>
#include <map>

namespace touchpoint {
namespace {

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

void word_part(const std::string& xml, const std::string& part, LineSource& out) {
    pugi::xml_document document;
    parse_xml(document, xml, part);
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        std::string_view name = local_name(node);
        if (name == "del" || name == "moveFrom") return false;
        if (name == "p") {
            out.line(word_paragraph(node));
        }
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
    LineSource paragraphs;
    word_part(body->second, "word/document.xml", paragraphs);
    for (const auto& [name, xml] : parts) {
        if (name == "word/document.xml") continue;
        paragraphs.part(part_label(name));
        word_part(xml, name, paragraphs);
    }
    return paragraphs.extracted();
}

Extracted extract_odt(std::string_view bytes) {
    auto parts = read_zip(bytes, [](const std::string& name) { return name == "content.xml"; });
    if (parts.empty()) throw FormatError("it is not an OpenDocument text (no content.xml)");
    pugi::xml_document document;
    parse_xml(document, parts.begin()->second, "content.xml");
    LineSource paragraphs;
    StyleLanguages styles;
    for (pugi::xml_node top : document.first_child().children())
        if (local_name(top) == "automatic-styles") styles = odt_style_languages(top);
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        std::string_view name = local_name(node);
        if (name == "tracked-changes" || name == "annotation" || name == "automatic-styles") return false;
        if (name == "p" || name == "h") {
            paragraphs.line(odt_paragraph(node, paragraphs.budget(), styles), LineSource::Break::paragraph, true);
        }
        return true;
    });
    return paragraphs.extracted();
}

}  // namespace touchpoint
