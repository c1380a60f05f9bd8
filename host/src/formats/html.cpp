// HTML through gumbo (an HTML5 parser): the visible text, alt, title and aria-label
// attributes and the meta description; not script, style, code or pre. Gumbo's text
// and attribute pieces point into the input, so positions are exact.
#include "formats/html.hpp"

#include "formats/archive.hpp"
#include "base/strings.hpp"
#include "formats/formats.hpp"
#include "formats/text_builder.hpp"

#include <gumbo.h>

#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace touchpoint {
namespace {

constexpr int max_depth = 4096;

bool is_any(std::string_view tag, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names)
        if (tag == name) return true;
    return false;
}

bool is_void(std::string_view tag) {
    return is_any(tag, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"});
}

// Elements whose text runs to their end tag, with no elements inside.
bool is_raw_text(std::string_view tag) {
    return is_any(tag, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"});
}

// A start tag of `tag` closes an open `top` (the current element) in every browser: a new
// paragraph, list item, cell or row ends the one before it. Legacy HTML leaves thousands
// of them open; they nest no deeper for that.
bool closes(std::string_view tag, std::string_view top) {
    if (top == "p")
        return is_any(tag, {"p", "div", "ul", "ol", "dl", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                            "pre", "section", "article", "aside", "header", "footer", "nav", "main", "figure",
                            "figcaption", "address", "fieldset", "form", "hr", "details", "menu", "center"});
    if (top == "li") return tag == "li";
    if (top == "dt" || top == "dd") return tag == "dt" || tag == "dd";
    if (top == "td" || top == "th") return is_any(tag, {"td", "th", "tr", "tbody", "thead", "tfoot"});
    if (top == "tr") return is_any(tag, {"tr", "tbody", "thead", "tfoot"});
    if (top == "option") return tag == "option" || tag == "optgroup";
    if (top == "optgroup") return tag == "optgroup";
    return false;
}

bool is_formatting(std::string_view tag) {
    return is_any(tag, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"});
}

// HTML's "special" elements: an end tag of any other element stops at one of them.
bool is_special(std::string_view tag) {
    return is_void(tag) || is_raw_text(tag) ||
           is_any(tag, {"address", "applet", "article", "aside", "blockquote", "body", "button", "caption", "center",
                        "colgroup", "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
                        "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup",
                        "html", "li", "listing", "main", "marquee", "menu", "nav", "noscript", "object", "ol", "p",
                        "param", "pre", "section", "select", "summary", "table", "tbody", "td", "template", "tfoot",
                        "th", "thead", "tr", "ul"});
}

// Whether the end tag `closing` closes an open `above`, met between the top of the
// stack and the nearest open `closing`; if not, browsers ignore the end tag (a stray
// </div> inside a table cell closes nothing outside it). Formatting elements (<b>) are
// never crossed: browsers reopen them later, so crossing them could count too little.
bool end_tag_crosses(std::string_view closing, std::string_view above) {
    if (above == "template" || above == "html") return false;
    if (is_any(closing, {"td", "th", "caption", "tr", "tbody", "thead", "tfoot"})) return above != "table";
    if (closing == "table") return true;
    if (is_formatting(above)) return false;
    if (!is_special(closing)) return !is_special(above);
    if (is_any(above, {"applet", "caption", "table", "td", "th", "marquee", "object"})) return false;
    if (closing == "p" && above == "button") return false;
    if (closing == "li" && (above == "ol" || above == "ul")) return false;
    return true;
}

// A cheap estimate of how deep gumbo's tree will be, before parsing: gumbo takes time
// quadratic in the depth (10,000 nested <div> take 10 s) and frees its tree recursively,
// so truly deep input is refused. The estimate follows what keeps HTML shallow (implied
// end tags, an end tag closing the elements inside its element, stray end tags ignored)
// and errs only towards counting more than the tree holds.
class DepthEstimate {
public:
    // Throws FormatError once the depth passes max_depth.
    void start(std::string_view tag, bool self_closing) {
        if (is_void(tag) || (self_closing && foreign_ > 0)) return;
        if (is_any(tag, {"td", "th", "tr", "tbody", "thead", "tfoot"})) close_cell();
        while (!open_.empty() && closes(tag, open_.back())) pop();
        if (open_.size() >= size_t(max_depth))
            throw FormatError("its elements nest deeper than " + std::to_string(max_depth) + " levels");
        open_.push_back(std::string(tag));
        positions_[open_.back()].push_back(open_.size() - 1);
        if (tag == "svg" || tag == "math") ++foreign_;
    }

    void end(std::string_view tag) {
        auto found = positions_.find(std::string(tag));
        if (found == positions_.end() || found->second.empty()) return;  // nothing to close: ignored
        size_t at = found->second.back();
        if (is_formatting(tag) && at + 1 != open_.size()) return;
        for (size_t i = at + 1; i < open_.size(); ++i)
            if (!end_tag_crosses(tag, open_[i])) return;
        while (open_.size() > at) pop();
    }

private:
    // The index of the innermost open element named `tag`, or -1.
    long innermost(const std::string& tag) const {
        auto found = positions_.find(tag);
        return found == positions_.end() || found->second.empty() ? -1 : long(found->second.back());
    }

    // A new cell or row closes the open cell of the innermost table with everything in
    // it, formatting elements too (browsers do not reopen those outside the cell):
    // legacy tables leave "<td><font>" open in every cell.
    void close_cell() {
        long cell = std::max(innermost("td"), innermost("th"));
        if (cell < 0 || cell < std::max(innermost("table"), innermost("template"))) return;
        while (long(open_.size()) > cell) pop();
    }

    void pop() {
        positions_[open_.back()].pop_back();
        if (open_.back() == "svg" || open_.back() == "math") --foreign_;
        open_.pop_back();
    }

    std::vector<std::string> open_;
    std::unordered_map<std::string, std::vector<size_t>> positions_;  // where each name is open
    int foreign_ = 0;  // open svg and math elements, where "<x/>" closes itself
};

std::string lower_name(std::string_view name) { return ascii_lower(name); }

void check_depth(std::string_view source) {
    DepthEstimate depth;
    size_t i = source.find('<');
    while (i != std::string_view::npos && i + 1 < source.size()) {
        if (source.substr(i, 4) == "<!--") {
            size_t close = source.find("-->", i + 4);
            if (close == std::string_view::npos) break;
            i = source.find('<', close + 3);
            continue;
        }
        bool closing = source[i + 1] == '/';
        size_t begin = i + (closing ? 2 : 1);
        if (begin >= source.size() || !std::isalpha(static_cast<unsigned char>(source[begin]))) {
            i = source.find('<', i + 1);
            continue;
        }
        size_t end = begin;
        while (end < source.size() && (std::isalnum(static_cast<unsigned char>(source[end])) || source[end] == '-')) ++end;
        size_t close = source.find('>', end);
        if (close == std::string_view::npos) break;
        std::string tag = lower_name(source.substr(begin, end - begin));
        if (closing) {
            depth.end(tag);
        } else {
            depth.start(tag, source[close - 1] == '/');
            if (is_raw_text(tag)) {
                // Its text is not markup: go on after its end tag.
                std::string end_tag = "</" + tag;
                size_t after = close + 1;
                for (;; ++after) {
                    after = source.find("</", after);
                    if (after == std::string_view::npos || lower_name(source.substr(after, end_tag.size())) == end_tag) break;
                }
                if (after == std::string_view::npos) break;
                depth.end(tag);
                close = source.find('>', after);
                if (close == std::string_view::npos) break;
            }
        }
        i = source.find('<', close + 1);
    }
}

bool skipped(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_CODE: case GUMBO_TAG_PRE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
        return true;
    default:
        return false;
    }
}

bool is_block(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_TR: case GUMBO_TAG_TABLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BR: case GUMBO_TAG_HR: case GUMBO_TAG_TITLE: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_MAIN: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_BODY: case GUMBO_TAG_LABEL:
        return true;
    default:
        return false;
    }
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return std::string(text);
}

class HtmlExtractor {
public:
    HtmlExtractor(std::string_view source, TextBuilder& builder, std::vector<Link>& links)
        : source_(source), builder_(builder), links_(links) {}

    void run() {
        check_depth(source_);
        std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
            gumbo_parse_with_options(&kGumboDefaultOptions, source_.data(), source_.size()),
            [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
        walk(output->root);
    }

private:
    bool in_source(const char* p, size_t size) const {
        return p >= source_.data() && p + size <= source_.data() + source_.size();
    }

    // Depth-first, without recursion: hostile files nest deeply.
    void walk(GumboNode* root) {
        struct Item {
            GumboNode* node;
            bool leaving;
            bool declares_language = false;
        };
        std::vector<Item> stack{{root, false}};
        std::vector<std::string> languages;  // the lang attributes of the open elements
        while (!stack.empty()) {
            auto [node, leaving, declares_language] = stack.back();
            stack.pop_back();
            if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
                text(node->v.text.original_text);
                continue;
            }
            // White space between two inline elements ("<b>our</b> <em>patients</em>")
            // separates their words, as it renders: one space.
            if (node->type == GUMBO_NODE_WHITESPACE) {
                space(node->v.text.original_text);
                continue;
            }
            if (node->type != GUMBO_NODE_ELEMENT) continue;
            GumboTag tag = node->v.element.tag;
            if (leaving) {
                if (is_block(tag)) builder_.paragraph_break();
                if (declares_language) {
                    languages.pop_back();
                    builder_.set_language(languages.empty() ? std::string() : languages.back());
                }
                continue;
            }
            if (skipped(tag)) continue;
            // lang="es" on any element: its text, attributes included, is in that language.
            GumboAttribute* lang = gumbo_get_attribute(&node->v.element.attributes, "lang");
            if (!lang) lang = gumbo_get_attribute(&node->v.element.attributes, "xml:lang");
            bool declares = lang != nullptr;
            if (declares) {
                languages.push_back(trimmed(lang->value));
                builder_.set_language(languages.back());
            }
            attributes(node);
            if (tag == GUMBO_TAG_HEAD) {
                // Of the head, only the title and the meta description are read.
                for (unsigned i = 0; i < node->v.element.children.length; ++i) {
                    auto* child = static_cast<GumboNode*>(node->v.element.children.data[i]);
                    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_TITLE) {
                        stack.push_back({child, false});
                    } else if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_META) {
                        meta(child);
                    }
                }
                stack.push_back({node, true, declares});
                continue;
            }
            if (is_block(tag)) builder_.paragraph_break();
            stack.push_back({node, true, declares});
            const GumboVector& children = node->v.element.children;
            for (unsigned i = children.length; i-- > 0;) stack.push_back({static_cast<GumboNode*>(children.data[i]), false});
        }
    }

    void space(const GumboStringPiece& piece) {
        if (piece.length == 0 || !in_source(piece.data, piece.length)) return;
        const std::string& built = builder_.text();
        if (built.empty() || built.back() == ' ' || built.back() == '\n' || built.back() == '\t') return;
        builder_.replaced(" ", size_t(piece.data - source_.data()), piece.length);
    }

    // A text node's source may take in tags gumbo ignored (a <td> outside a table): those
    // are markup, not text.
    void text(const GumboStringPiece& piece) {
        if (piece.length == 0 || !in_source(piece.data, piece.length)) return;
        size_t begin = size_t(piece.data - source_.data()), end = begin + piece.length;
        while (begin < end) {
            size_t tag = begin;
            while (tag < end && !starts_tag(tag, end)) ++tag;
            builder_.with_entities(begin, tag - begin);
            size_t close = tag < end ? source_.find('>', tag) : std::string_view::npos;
            begin = close == std::string_view::npos || close >= end ? end : close + 1;
        }
    }

    bool starts_tag(size_t at, size_t end) const {
        if (source_[at] != '<' || at + 1 >= end) return false;
        char next = source_[at + 1];
        return std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?';
    }

    // An attribute's value as its own paragraph of prose.
    void attribute_text(const GumboAttribute* attribute) {
        GumboStringPiece value = attribute->original_value;
        if (value.length >= 2 && (value.data[0] == '"' || value.data[0] == '\'')) {
            ++value.data;
            value.length -= 2;
        }
        if (value.length == 0) return;
        builder_.paragraph_break();
        text(value);
        builder_.paragraph_break();
    }

    void attributes(GumboNode* node) {
        const GumboVector& attributes = node->v.element.attributes;
        for (unsigned i = 0; i < attributes.length; ++i) {
            auto* a = static_cast<GumboAttribute*>(attributes.data[i]);
            std::string_view name = a->name;
            if (name == "alt" || name == "title" || name == "aria-label") attribute_text(a);
            if (name == "href" && a->original_value.length > 0) link(a);
        }
    }

    void link(const GumboAttribute* a) {
        GumboStringPiece value = a->original_value;
        if (value.length >= 2 && (value.data[0] == '"' || value.data[0] == '\'')) {
            ++value.data;
            value.length -= 2;
        }
        if (!in_source(value.data, value.length)) return;
        uint32_t begin = uint32_t(value.data - source_.data());
        links_.push_back({a->value, begin, uint32_t(begin + value.length)});
    }

    void meta(GumboNode* node) {
        GumboAttribute* name = gumbo_get_attribute(&node->v.element.attributes, "name");
        GumboAttribute* content = gumbo_get_attribute(&node->v.element.attributes, "content");
        if (name && content && std::string_view(name->value) == "description") attribute_text(content);
    }

    std::string_view source_;
    TextBuilder& builder_;
    std::vector<Link>& links_;
};

}  // namespace

void read_html(std::string_view source, TextBuilder& builder, std::vector<Link>& links) {
    HtmlExtractor(source, builder, links).run();
}

namespace {

GumboTag tag_named(std::string_view name) {
    std::string lower = ascii_lower(name);
    return gumbo_tagn_enum(lower.data(), unsigned(lower.size()));
}

}  // namespace

bool html_tag_breaks_line(std::string_view name) { return is_block(tag_named(name)); }

bool html_tag_hides_text(std::string_view name) { return skipped(tag_named(name)); }

Extracted extract_html(std::string_view source) {
    TextBuilder builder(source);
    Extracted out;
    read_html(source, builder, out.links);
    out.text = builder.take_text();
    blank_template_tags(out.text);
    out.runs = builder.take_runs();
    out.languages = builder.take_languages();
    return out;
}

}  // namespace touchpoint
