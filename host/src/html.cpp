// HTML through gumbo (an HTML5 parser): the visible text, alt, title and aria-label
// attributes and the meta description; not script, style, code or pre. Gumbo's text
// and attribute pieces point into the input, so positions are exact.
#include "html.hpp"

#include "archive.hpp"
#include "formats.hpp"
#include "text_builder.hpp"

#include <gumbo.h>

#include <memory>
#include <string_view>

namespace touchpoint {
namespace {

constexpr int max_depth = 4096;

bool is_void(std::string_view tag) {
    for (std::string_view v : {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
        if (tag.size() == v.size() && std::equal(tag.begin(), tag.end(), v.begin(), [](char a, char b) { return std::tolower(a) == b; }))
            return true;
    return false;
}

// A cheap look at nesting before parsing: gumbo builds and frees its tree recursively.
void check_depth(std::string_view source) {
    int depth = 0;
    for (size_t i = source.find('<'); i != std::string_view::npos; i = source.find('<', i + 1)) {
        if (i + 1 >= source.size()) break;
        if (source[i + 1] == '/') {
            depth = std::max(0, depth - 1);
            continue;
        }
        if (!std::isalpha(static_cast<unsigned char>(source[i + 1]))) continue;
        size_t end = i + 1;
        while (end < source.size() && std::isalnum(static_cast<unsigned char>(source[end]))) ++end;
        size_t close = source.find('>', end);
        if (close == std::string_view::npos) break;
        if (is_void(source.substr(i + 1, end - i - 1)) || source[close - 1] == '/') continue;
        if (++depth > max_depth)
            throw FormatError("its elements nest deeper than " + std::to_string(max_depth) + " levels");
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
        };
        std::vector<Item> stack{{root, false}};
        while (!stack.empty()) {
            auto [node, leaving] = stack.back();
            stack.pop_back();
            if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
                text(node->v.text.original_text);
                continue;
            }
            if (node->type != GUMBO_NODE_ELEMENT) continue;
            GumboTag tag = node->v.element.tag;
            if (leaving) {
                if (is_block(tag)) builder_.paragraph_break();
                continue;
            }
            if (skipped(tag)) continue;
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
                continue;
            }
            if (is_block(tag)) builder_.paragraph_break();
            stack.push_back({node, true});
            const GumboVector& children = node->v.element.children;
            for (unsigned i = children.length; i-- > 0;) stack.push_back({static_cast<GumboNode*>(children.data[i]), false});
        }
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
    std::string lower(name);
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
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
    return out;
}

}  // namespace touchpoint
