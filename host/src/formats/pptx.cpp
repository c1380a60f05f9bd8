// PowerPoint (.pptx): the slides in the deck's order (ppt/presentation.xml), each slide's
// shapes in their order on the slide (the order a screen reader reads them: text boxes,
// tables, grouped shapes, pictures' alt text), then its speaker notes. Each paragraph is a
// line of the source (`line` is the paragraph's number in the deck, as in Word); the
// context is "slide 4" or "slide 4 notes". Runs are joined as in Word; a run's lang declares its language.
#include "formats/archive.hpp"
#include "formats/formats.hpp"
#include "formats/line_source.hpp"
#include "formats/xml_text.hpp"

#include <cctype>
#include <map>
#include <set>

namespace touchpoint {
namespace {

// The package's parts by name. Part names compare without case (the package format
// says so: a target "slides/Slide1.xml" names the entry "slides/slide1.xml").
struct Parts {
    std::map<std::string, std::string> by_name;
    std::map<std::string, const std::string*> folded;  // lower-case name -> content

    explicit Parts(std::map<std::string, std::string> entries) : by_name(std::move(entries)) {
        for (const auto& [name, content] : by_name) folded.emplace(lower(name), &content);
    }
    const std::string* find(const std::string& name) const {
        auto found = folded.find(lower(name));
        return found == folded.end() ? nullptr : found->second;
    }
    static std::string lower(std::string name) {
        for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
        return name;
    }
};

// A target's %XX escapes decoded ("slide%201.xml" is "slide 1.xml").
std::string percent_decoded(std::string_view target) {
    std::string out;
    for (size_t i = 0; i < target.size(); ++i) {
        if (target[i] == '%' && i + 2 < target.size() && std::isxdigit(static_cast<unsigned char>(target[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(target[i + 2]))) {
            out += char(std::stoi(std::string(target.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += target[i];
        }
    }
    return out;
}

// A relationship's target as a part name: relative to the folder of `from`, or absolute.
std::string resolve(const std::string& from, std::string_view escaped) {
    std::string decoded = percent_decoded(escaped);
    std::string_view target = decoded;
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
    const std::string* found = parts.find(rels);
    if (!found) return out;
    pugi::xml_document document;
    parse_xml(document, *found, rels);
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
void read_shapes(const pugi::xml_document& document, bool notes, LineSource& out) {
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        std::string_view name = local_name(node);
        // The same content again, for older readers, unless there is no other.
        if (name == "Fallback" && node.previous_sibling() && local_name(node.previous_sibling()) == "Choice") return false;
        if (name == "Choice" && node.previous_sibling() && local_name(node.previous_sibling()) == "Choice") return false;
        if (name == "sp") {
            std::string_view type = placeholder(node);
            // Numbers and dates are the layout's; a notes page's slide image, header and footer are not notes.
            if (type == "sldNum" || type == "dt" || (notes && (type == "sldImg" || type == "hdr" || type == "ftr")))
                return false;
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
    const std::string* found = parts.find(name);
    if (!found) throw FormatError("its slide list names " + name + ", which it does not hold");
    return *found;
}

}  // namespace

Extracted extract_pptx(std::string_view bytes) {
    // Every XML part (slides may stand in any folder a relationship names), not media.
    Parts parts(read_zip(bytes, [](const std::string& name) {
        std::string lower = Parts::lower(name);
        return lower.ends_with(".xml") || lower.ends_with(".rels");
    }));
    const std::string* presentation = parts.find("ppt/presentation.xml");
    if (!presentation) throw FormatError("it is not a PowerPoint presentation (no ppt/presentation.xml)");
    pugi::xml_document deck;
    parse_xml(deck, *presentation, "ppt/presentation.xml");
    Relationships slides = relationships(parts, "ppt/presentation.xml");
    LineSource lines;
    int number = 0;
    std::set<std::string> seen;
    // p:presentation/p:sldIdLst/p:sldId: the deck's order (sections list the same ids again).
    for (pugi::xml_node list : deck.document_element().children()) {
        if (local_name(list) != "sldIdLst") continue;
        for (pugi::xml_node slide_id : list.children()) {
            if (local_name(slide_id) != "sldId") continue;
            std::string_view id;
            for (pugi::xml_attribute a : slide_id.attributes())
                if (std::string_view(a.name()).ends_with(":id")) id = a.value();
            auto target = slides.targets.find(id);
            if (target == slides.targets.end())
                throw FormatError("its slide list names a slide it does not hold (" + std::string(id) + ")");
            if (!seen.insert(Parts::lower(target->second)).second)
                throw FormatError("its slide list names " + target->second + " twice");
            pugi::xml_document slide;
            parse_xml(slide, part_text(parts, target->second), target->second);
            // <p:sld show="0">: kept in the deck, not shown.
            bool hidden = std::string_view(slide.document_element().attribute("show").value()) == "0";
            std::string label = "slide " + std::to_string(++number) + (hidden ? " (hidden)" : "");
            lines.part(label);
            read_shapes(slide, false, lines);
            Relationships related = relationships(parts, target->second);
            if (auto notes = related.by_type.find("notesSlide"); notes != related.by_type.end()) {
                const std::string* xml = parts.find(notes->second);
                if (!xml) throw FormatError(label + "'s notes are " + notes->second + ", which it does not hold");
                pugi::xml_document page;
                parse_xml(page, *xml, notes->second);
                lines.part(label + " notes");
                read_shapes(page, true, lines);
            }
        }
    }
    return lines.extracted();
}

}  // namespace touchpoint
