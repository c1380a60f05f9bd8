// Character references: the whole WHATWG list, checked against gumbo's own decoder.
#include "formats/text_builder.hpp"

#include <gumbo.h>

#include <catch2/catch.hpp>

#include <memory>
#include <string>

using namespace touchpoint;

namespace {

struct Reference {
    std::string_view name;
    std::string_view text;
};

constexpr Reference references[] = {
#include "formats/html_entities.inc"
};

// What gumbo, an HTML5 parser, reads in <p>&name;</p>.
std::string gumbo_reads(const std::string& entity) {
    std::string html = "<p>" + entity + "</p>";
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse(html.c_str()), [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    auto* body = static_cast<GumboNode*>(output->root->v.element.children.data[1]);
    auto* p = static_cast<GumboNode*>(body->v.element.children.data[0]);
    auto* text = static_cast<GumboNode*>(p->v.element.children.data[0]);
    return text->v.text.text;
}

}  // namespace

TEST_CASE("every HTML5 named character reference decodes as an HTML5 parser reads it", "[entities]") {
    CHECK(std::size(references) == 2125);
    size_t checked = 0;
    for (const Reference& r : references) {
        std::string entity = "&" + std::string(r.name) + ";";
        INFO(entity);
        CHECK(entity_length(entity + " tail") == entity.size());
        CHECK(decode_entity(entity) == gumbo_reads(entity));
        ++checked;
    }
    CHECK(checked == 2125);
}

TEST_CASE("numeric references; unknown names and malformed numbers stay as written", "[entities]") {
    CHECK(decode_entity("&rarr;") == "\u2192");
    CHECK(decode_entity("&#233;") == "\u00E9");
    CHECK(decode_entity("&#xE9;") == "\u00E9");
    CHECK(decode_entity("&#0;") == "\uFFFD");
    CHECK(entity_length("&nosuchname; x") == 0);
    CHECK(entity_length("&#xZZ; x") == 0);
    CHECK(entity_length("&#12345678; x") == 0);
    CHECK(entity_length("&amp x") == 0);
}
