// Reading HTML's visible text, for HTML files and for the raw HTML inside Markdown.
#pragma once

#include "formats/text_builder.hpp"

#include <touchpoint/document.hpp>

#include <string_view>
#include <vector>

namespace touchpoint {

// Appends the visible text of `source`, the builder's source, as an HTML file's is read
// (see extract_html), and the destinations of its links. Throws FormatError for nesting
// too deep to parse safely.
void read_html(std::string_view source, TextBuilder& builder, std::vector<Link>& links);

// Whether an element of this name starts a line (<br>, <p>, <div>, ...), and whether its
// content is hidden from the reader or is not prose (<code>, <script>, <style>, ...).
bool html_tag_breaks_line(std::string_view name);
bool html_tag_hides_text(std::string_view name);

}  // namespace touchpoint
