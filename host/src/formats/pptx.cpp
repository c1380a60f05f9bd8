// PowerPoint (.pptx): the slides in the deck's order (ppt/presentation.xml), each slide's
// shapes in their order on the slide (the order a screen reader reads them: text boxes,
// tables, grouped shapes, pictures' alt text), then its speaker notes. Each paragraph is a
// line of the source (`line` is the paragraph's number in the deck, as in Word); the
// context is "slide 4" or "slide 4 notes". Runs are joined as in Word; a run's lang declares its language.
#include "formats/archive.hpp"
#include "formats/formats.hpp"
#include "formats/line_source.hpp"
#include "formats/xml_text.hpp"

#include <map>

namespace touchpoint {
namespace {

using Parts = std::map<std::string, std::string>;

// A relationship's target as a part name: relative to the folder of `from`, or absolute.
std::string resolve(const std::string& from, std::string_view target) {
    std::vector<std::string> path;
    if (!target.starts_with('/'))
        for (size_t start = 0, slash; (slash = from.find('/', start)) != std::string::npos; start = slash + 1)
            path.push_back(from.substr(start, slash - start));
    for (size_t start = 0; start <= target.size();) {
        size_t slash = std::min(target.find('/', start), target.size());
        std::string_view step = target.substr(start, slash - start);
        if (step == "..") {
            if (!path.empty()) path.pop_back();
        } else if (!step.empty() && step != ".") {
            path.emplace_back(step);
        }
        start = slash + 1;
    }
    std::string name;
    for (const std::string& step : path) name += (name.empty() ? "" : "/") + step;
    return name;
}

// The relationships of a part (its _rels/NAME.rels): id -> target part, and the targets
// of one type (".../notesSlide").
struct Relationships {
    std::map<std::string, std::string, std::less<>> targets;
    std::map<std::string, std::string, std::less<>> by_type;  // the last word of the type -> target
};

Relationships relationships(const Parts& parts, const std::string& part) {
    Relationships out;
    size_t slash = part.rfind('/');
    std::string rels = part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
    auto found = parts.find(rels);
    if (found == parts.end()) return out;
    pugi::xml_document document;
    parse_xml(document, found->second, rels);
    for (pugi::xml_node r : document.document_element().children()) {
        if (local_name(r) != "Relationship" || std::string_view(r.attribute("TargetMode").value()) == "External") continue;
        std::string target = resolve(part, r.attribute("Target").value());
        std::string_view type = r.attribute("Type").value();
        out.by_type[std::string(type.substr(type.rfind('/') + 1))] = target;
        out.targets[r.attribute("Id").value()] = std::move(target);
    }
    return out;
}

// A shape's placeholder type ("body", "sldNum"), or "" for a shape that is none.
std::string_view placeholder(pugi::xml_node shape) {
    for (pugi::xml_node properties : shape.children())
        if (local_name(properties) == "nvSpPr")
            for (pugi::xml_node nv : properties.children())
                if (local_name(nv) == "nvPr")
                    for (pugi::xml_node ph : nv.children())
                        if (local_name(ph) == "ph") return ph.attribute("type") ? ph.attribute("type").value() : "body";
    return "";
}

// A DrawingML paragraph (a:p) of runs (a:r with a:rPr lang and a:t), breaks and fields;
// slide numbers and dates are fields of the layout, not text of the deck.
Paragraph drawing_paragraph(pugi::xml_node paragraph) {
    Paragraph text;
    for_each_descendant(paragraph, [&](pugi::xml_node node) {
        if (node.type() == pugi::node_pcdata) {
            if (local_name(node.parent()) == "t") {
                pugi::xml_node run = node.parent().parent();
                std::string lang;
                for (pugi::xml_node p : run.children())
                    if (local_name(p) == "rPr") lang = p.attribute("lang").value();
                text.append(node.value(), lang);
            }
            return false;
        }
        std::string_view name = local_name(node);
        if (name == "br") text.text += ' ';
        std::string_view type = node.attribute("type").value();
        if (name == "fld" && (type == "slidenum" || type.starts_with("datetime"))) return false;
        return name != "p";
    });
    return text;
}

// The text of a slide or notes part: paragraphs of shapes, tables and groups in order,
// a picture's description (alt text). `notes`: only the notes' body, not the slide
// image, number or header of the notes page.
void read_shapes(const std::string& xml, const std::string& part, bool notes, LineSource& out) {
    pugi::xml_document document;
    parse_xml(document, xml, part);
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        std::string_view name = local_name(node);
        if (name == "Fallback") return false;  // the same content again, for older readers
        if (name == "sp") {
            std::string_view type = placeholder(node);
            if (notes ? type != "body" : (type == "sldNum" || type == "dt")) return false;
        }
        if (name == "pic") {
            for_each_descendant(node, [&](pugi::xml_node inner) {
                if (local_name(inner) == "cNvPr" && *inner.attribute("descr").value())
                    out.line(inner.attribute("descr").value());
                return inner.type() == pugi::node_element;
            });
            return false;
        }
        if (name == "p") {
            out.line(drawing_paragraph(node));
            return false;
        }
        return true;
    });
}

const std::string& part_text(const Parts& parts, const std::string& name) {
    auto found = parts.find(name);
    if (found == parts.end()) throw FormatError("its slide list names " + name + ", which it does not hold");
    return found->second;
}

}  // namespace

Extracted extract_pptx(std::string_view bytes) {
    Parts parts = read_zip(bytes, [](const std::string& name) {
        return name == "ppt/presentation.xml" || name == "ppt/_rels/presentation.xml.rels" ||
               ((name.starts_with("ppt/slides/") || name.starts_with("ppt/notesSlides/")) &&
                (name.ends_with(".xml") || name.ends_with(".xml.rels")));
    });
    auto presentation = parts.find("ppt/presentation.xml");
    if (presentation == parts.end()) throw FormatError("it is not a PowerPoint presentation (no ppt/presentation.xml)");
    pugi::xml_document deck;
    parse_xml(deck, presentation->second, "ppt/presentation.xml");
    Relationships slides = relationships(parts, "ppt/presentation.xml");
    LineSource lines;
    int number = 0;
    for_each_descendant(deck, [&](pugi::xml_node node) {
        if (local_name(node) != "sldId") return node.type() == pugi::node_element;
        std::string_view id;
        for (pugi::xml_attribute a : node.attributes())
            if (std::string_view(a.name()).ends_with(":id")) id = a.value();
        auto target = slides.targets.find(id);
        if (target == slides.targets.end()) throw FormatError("its slide list names a slide it does not hold (" + std::string(id) + ")");
        const std::string& slide = part_text(parts, target->second);
        std::string label = "slide " + std::to_string(++number);
        lines.part(label);
        read_shapes(slide, target->second, false, lines);
        Relationships related = relationships(parts, target->second);
        if (auto notes = related.by_type.find("notesSlide"); notes != related.by_type.end() && parts.count(notes->second)) {
            lines.part(label + " notes");
            read_shapes(parts.at(notes->second), notes->second, true, lines);
        }
        return false;
    });
    return lines.extracted();
}

}  // namespace touchpoint
