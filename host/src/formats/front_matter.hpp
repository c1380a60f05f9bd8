// YAML front matter of Markdown pages (Jekyll, Hugo): the channel, and the values of the
// keys that are prose, such as the title and description a page shows first.
#pragma once

#include "formats/formats.hpp"
#include "formats/text_builder.hpp"

#include <string>
#include <string_view>

namespace touchpoint {

struct FrontMatter {
    size_t end = 0;       // where the Markdown body begins; 0 when there is no front matter
    std::string channel;  // "channel: signage", else empty
    std::string language;  // "lang: es" (or "language: es"), else empty
};

// Reads the front matter ("---" lines at the very top, or TOML between "+++" lines: its
// top-level strings on one line) of `source`, the builder's source,
// appending the value of each key in `prose_keys` as a paragraph of its own. Values read:
// plain, single- and double-quoted scalars (on one line, or a plain one continued on
// indented lines) and literal (|) or folded (>) block scalars; anything else (lists,
// maps, a scalar that is not valid YAML) is left unread.
FrontMatter read_front_matter(std::string_view source, const ProseKeys& prose_keys, TextBuilder& builder);

}  // namespace touchpoint
