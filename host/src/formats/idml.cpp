// InDesign (.idml): the stories in the order of their first frames, spread by spread
// (designmap.xml's order), then master spreads, then stories on no page. Each paragraph
// (ended by <Br/>) is a line of the source (`line` is its number in the file, as in
// Word); the context names the page of the story's first frame and the story ("page 2,
// story u1a3"). Character style
// ranges are joined; AppliedLanguage declares a range's language; notes, deleted changes
// and processing instructions (page numbers) are not text; footnotes follow their story,
// table cells are paragraphs of their own.
#include "formats/archive.hpp"
#include "formats/formats.hpp"
#include "formats/line_source.hpp"
#include "formats/xml_text.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

namespace touchpoint {
namespace {

using Parts = std::map<std::string, std::string>;
using Transform = std::array<double, 6>;  // a b c d tx ty: x' = a x + c y + tx, y' = b x + d y + ty

Transform item_transform(pugi::xml_node node) {
    Transform t{1, 0, 0, 1, 0, 0};
    if (const char* text = node.attribute("ItemTransform").value(); *text) {
        char* end = nullptr;
        for (double& value : t) {
            value = std::strtod(text, &end);
            if (end == text) return {1, 0, 0, 1, 0, 0};
            text = end;
        }
    }
    return t;
}

// `inner` then `outer`.
Transform then(const Transform& inner, const Transform& outer) {
    const auto& [a, b, c, d, e, f] = inner;
    return {outer[0] * a + outer[2] * b, outer[1] * a + outer[3] * b, outer[0] * c + outer[2] * d,
            outer[1] * c + outer[3] * d, outer[0] * e + outer[2] * f + outer[4], outer[1] * e + outer[3] * f + outer[5]};
}

std::pair<double, double> apply(const Transform& t, double x, double y) { return {t[0] * x + t[2] * y + t[4], t[1] * x + t[3] * y + t[5]}; }

// An item's transform to the spread: its own, then each enclosing group's.
Transform to_spread(pugi::xml_node item) {
    Transform t = item_transform(item);
    int steps = 0;
    for (pugi::xml_node up = item.parent(); up && steps < 64; up = up.parent(), ++steps)
        if (local_name(up) == "Group") t = then(t, item_transform(up));
    return t;
}

// The centre of a frame in spread coordinates: the mean of its path's anchors.
std::optional<std::pair<double, double>> frame_centre(pugi::xml_node frame) {
    double x = 0, y = 0;
    int anchors = 0;
    for_each_descendant(frame, [&](pugi::xml_node node) {
        if (local_name(node) == "PathPointType") {
            double px = 0, py = 0;
            if (std::sscanf(node.attribute("Anchor").value(), "%lf %lf", &px, &py) == 2) x += px, y += py, ++anchors;
            return false;
        }
        std::string_view name = local_name(node);
        return node.type() == pugi::node_element && name != "TextFrame" && name != "Story";
    });
    if (anchors == 0) return std::nullopt;
    return apply(to_spread(frame), x / anchors, y / anchors);
}

struct Page {
    std::string name;
    double left, top, right, bottom;  // in spread coordinates
};

Page page_of(pugi::xml_node page) {
    double top = 0, left = 0, bottom = 0, right = 0;
    std::sscanf(page.attribute("GeometricBounds").value(), "%lf %lf %lf %lf", &top, &left, &bottom, &right);
    Transform t = to_spread(page);
    auto [x1, y1] = apply(t, left, top);
    auto [x2, y2] = apply(t, right, bottom);
    return {page.attribute("Name").value(), std::min(x1, x2), std::min(y1, y2), std::max(x1, x2), std::max(y1, y2)};
}

struct PlacedStory {
    std::string id;
    std::string page;  // "2", "master page A", or "" when on no page
};

// The stories of a spread in the order of their first frames, with the page each starts on.
void place_stories(const std::string& xml, const std::string& part, bool master, std::vector<PlacedStory>& out,
                   std::set<std::string, std::less<>>& placed) {
    pugi::xml_document document;
    parse_xml(document, xml, part);
    std::vector<Page> pages;
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (local_name(node) == "Page") pages.push_back(page_of(node));
        return node.type() == pugi::node_element;
    });
    for_each_descendant(document, [&](pugi::xml_node node) {
        std::string_view name = local_name(node);
        if (name != "TextFrame" && name != "TextPath") return node.type() == pugi::node_element;
        std::string_view story = node.attribute("ParentStory").value();
        std::string_view previous = node.attribute("PreviousTextFrame").value();
        if (!story.empty() && (previous.empty() || previous == "n") && placed.insert(std::string(story)).second) {
            std::string page;
            if (auto centre = frame_centre(node))
                for (const Page& p : pages)
                    if (centre->first >= p.left && centre->first <= p.right && centre->second >= p.top && centre->second <= p.bottom)
                        page = (master ? "master page " : "page ") + p.name;
            out.push_back({std::string(story), page});
        }
        return true;  // anchored frames inside
    });
}

// "$ID/English: USA" -> "en-US", "$ID/Spanish" -> "es"; "" for no language or one unknown.
std::string idml_language(std::string_view value) {
    static const std::map<std::string_view, std::string_view> languages{
        {"English", "en"}, {"Spanish", "es"}, {"French", "fr"}, {"German", "de"}, {"Italian", "it"},
        {"Portuguese", "pt"}, {"Dutch", "nl"}, {"Catalan", "ca"}, {"Polish", "pl"}, {"Russian", "ru"}};
    static const std::map<std::string_view, std::string_view> regions{
        {"USA", "US"}, {"UK", "GB"}, {"Canadian", "CA"}, {"Mexico", "MX"}, {"Castilian", "ES"}, {"Brazilian", "BR"}};
    if (value.starts_with("$ID/")) value.remove_prefix(4);
    size_t colon = value.find(':');
    std::string_view language = value.substr(0, colon), region;
    if (colon != std::string_view::npos) region = value.substr(colon + 1);
    while (region.starts_with(' ')) region.remove_prefix(1);
    auto found = languages.find(language);
    if (found == languages.end()) return {};
    std::string tag(found->second);
    if (auto r = regions.find(region); r != regions.end()) tag += "-" + std::string(r->second);
    return tag;
}

// The language of content: the nearest range that applies one.
std::string content_language(pugi::xml_node content) {
    int steps = 0;
    for (pugi::xml_node up = content.parent(); up && steps < 32; up = up.parent(), ++steps)
        if (const char* applied = up.attribute("AppliedLanguage").value(); *applied) return idml_language(applied);
    return {};
}

// What a piece of content belongs to: its story, a table cell or a footnote.
pugi::xml_node container_of(pugi::xml_node node) {
    int steps = 0;
    for (pugi::xml_node up = node.parent(); up && steps < 64; up = up.parent(), ++steps) {
        std::string_view name = local_name(up);
        if (name == "Cell" || name == "Footnote" || name == "Story") return up;
    }
    return {};
}

// InDesign's own characters: a forced line break (U+2028) reads as a space; a
// discretionary hyphen (U+00AD) and the zero-width joiners it inserts are not text.
std::string story_text(std::string_view content) {
    std::string out;
    for (size_t i = 0; i < content.size(); ++i) {
        if (content.substr(i).starts_with("\xE2\x80\xA8")) out += ' ', i += 2;
        else if (content.substr(i).starts_with("\xC2\xAD")) i += 1;
        else if (content.substr(i).starts_with("\xEF\xBB\xBF")) i += 2;
        else out += content[i];
    }
    return out;
}

void read_story(const pugi::xml_document& document, LineSource& out) {
    Paragraph paragraph, footnote;
    std::vector<Paragraph> footnotes;
    pugi::xml_node last_container, last_footnote;  // what the last content of each flow belonged to
    bool open = false;
    auto end_paragraph = [&] {
        if (open) out.line(std::move(paragraph), LineSource::Break::paragraph, true);
        paragraph = {};
        open = false;
    };
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        std::string_view name = local_name(node);
        if (name == "Note" || (name == "Change" && std::string_view(node.attribute("ChangeType").value()) == "DeletedText"))
            return false;
        if (name != "Content" && name != "Br") return true;
        pugi::xml_node container = container_of(node);
        bool in_footnote = container && local_name(container) == "Footnote";
        if (name == "Br") {
            if (!in_footnote) end_paragraph();
            else if (!footnote.text.empty()) footnotes.push_back(std::move(footnote)), footnote = {};
            return false;
        }
        // The text either side of a processing instruction: <?ACE 8?> (a right indent tab)
        // separates words, <?ACE 18?> (a page number) stands for one.
        std::string content;
        for (pugi::xml_node piece : node.children()) {
            if (piece.type() != pugi::node_pcdata && piece.type() != pugi::node_cdata) continue;
            std::string_view value = piece.value();
            if (!content.empty() && !value.empty() && content.back() != ' ' && value.front() != ' ') content += ' ';
            content += value;
        }
        std::string text = story_text(content);
        out.budget().spend(text.size());
        pugi::xml_node& last = in_footnote ? last_footnote : last_container;
        if (in_footnote) {
            if (container != last && !footnote.text.empty()) footnotes.push_back(std::move(footnote)), footnote = {};
            footnote.append(text, content_language(node));
        } else {
            if (container != last) end_paragraph();
            paragraph.append(text, content_language(node));
            open = true;
        }
        last = container;
        return false;
    });
    end_paragraph();
    if (!footnote.text.empty()) footnotes.push_back(std::move(footnote));
    for (Paragraph& note : footnotes) out.line(std::move(note), LineSource::Break::paragraph, true);
}

}  // namespace

Extracted extract_idml(std::string_view bytes) {
    // Every XML part: designmap.xml may name spreads and stories in any folder.
    Parts parts = read_zip(bytes, [](const std::string& name) { return name.ends_with(".xml"); });
    auto designmap = parts.find("designmap.xml");
    if (designmap == parts.end()) throw FormatError("it is not an InDesign package (no designmap.xml)");
    pugi::xml_document map;
    parse_xml(map, designmap->second, "designmap.xml");
    std::vector<std::string> spreads, masters, stories;
    std::set<std::string, std::less<>> listed;
    for (pugi::xml_node node : map.document_element().children()) {
        std::string_view name = local_name(node);
        std::string src = node.attribute("src").value();
        if (name != "Spread" && name != "MasterSpread" && name != "Story") continue;
        if (!listed.insert(src).second) throw FormatError("its designmap.xml names " + src + " twice");
        (name == "Spread" ? spreads : name == "MasterSpread" ? masters : stories).push_back(src);
    }
    std::vector<PlacedStory> order;
    std::set<std::string, std::less<>> placed;
    for (bool master : {false, true})
        for (const std::string& spread : master ? masters : spreads)
            if (auto found = parts.find(spread); found != parts.end()) place_stories(found->second, spread, master, order, placed);
            else throw FormatError("its designmap.xml names " + spread + ", which it does not hold");
    // Each story once, by its Self id (Stories/Story_u1a3.xml holds <Story Self="u1a3">).
    std::map<std::string, std::pair<std::string, pugi::xml_document>, std::less<>> by_id;
    for (const std::string& src : stories) {
        auto found = parts.find(src);
        if (found == parts.end()) throw FormatError("its designmap.xml names " + src + ", which it does not hold");
        pugi::xml_document document;
        parse_xml(document, found->second, src);
        std::string id;
        for_each_descendant(document, [&](pugi::xml_node node) {
            if (local_name(node) == "Story") id = node.attribute("Self").value();
            return id.empty() && node.type() == pugi::node_element;
        });
        if (!placed.count(id)) order.push_back({id, ""});
        by_id.emplace(id, std::pair(src, std::move(document)));
    }
    LineSource lines;
    for (const PlacedStory& story : order) {
        auto found = by_id.find(story.id);
        if (found == by_id.end()) throw FormatError("a text frame shows story " + story.id + ", which the package does not hold");
        lines.part((story.page.empty() ? "" : story.page + ", ") + "story " + story.id);
        read_story(found->second.second, lines);
    }
    return lines.extracted();
}

}  // namespace touchpoint
