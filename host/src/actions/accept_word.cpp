#include "actions/accept_word.hpp"

#include "actions/safe_write.hpp"
#include "base/strings.hpp"
#include "config/config_error.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace touchpoint {

bool accept_word(const std::string& brand_file, const std::string& word) {
    if (trim(word).empty() || word.size() > 100 || word.find_first_of("\r\n") != std::string::npos)
        throw std::invalid_argument("'" + word + "' is not a word to accept: it is empty, over 100 bytes or spans lines");
    std::ifstream in(brand_file, std::ios::binary);
    if (!in) throw std::invalid_argument("cannot read the brand file '" + brand_file + "'");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string original = buffer.str();
    std::string element = "<accept>" + escape_xml(word) + "</accept>";
    if (original.find(element) != std::string::npos) return false;
    size_t close = original.rfind("</brand>");
    if (close == std::string::npos) throw ConfigError(brand_file + ": the brand file has no </brand> to add <accept> before");
    // Indented as the line before the closing tag, when that line holds an element.
    size_t line_start = original.rfind('\n', close == 0 ? 0 : close - 1);
    size_t previous = line_start == std::string::npos ? std::string::npos : original.rfind('\n', line_start == 0 ? 0 : line_start - 1);
    std::string indent = "  ";
    if (previous != std::string::npos) {
        size_t text = original.find_first_not_of(" \t", previous + 1);
        if (text != std::string::npos && text < line_start) indent = original.substr(previous + 1, text - previous - 1);
    }
    bool own_line = line_start != std::string::npos && original.find_first_not_of(" \t", line_start + 1) == close;
    std::string updated = own_line ? original.substr(0, line_start + 1) + indent + element + "\n" + original.substr(line_start + 1)
                                   : original.substr(0, close) + element + original.substr(close);
    write_file_safely(brand_file, updated, original);
    return true;
}

}  // namespace touchpoint
