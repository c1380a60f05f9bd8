// Adds a word to a brand file's accept list (the editor's "add to the brand's accept
// list"), keeping everything else of the file as it is.
#pragma once

#include <string>

namespace touchpoint {

// Inserts <accept>WORD</accept> before </brand>, indented as the element before it,
// through the safe writer (safe_write.hpp), holding a lock on the file's folder so that
// concurrent callers take turns. False when the file accepts the word already. Throws
// std::invalid_argument for a word that is empty, over 100 bytes or holds a control
// character (a line break among them), ConfigError for a file with no </brand>, and WriteError when it cannot write.
bool accept_word(const std::string& brand_file, const std::string& word);

}  // namespace touchpoint
