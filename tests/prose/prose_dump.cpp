// Prints the prose Touchpoint extracts from each file named on standard input (one path
// a line), for the differential test against an independent CommonMark implementation:
// "\f<path>\n" then the prose. Decoding failures print nothing after the path.
#include "formats/formats.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

int main() {
    std::string path;
    while (std::getline(std::cin, path)) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        std::string why;
        std::optional<std::string> source = touchpoint::decode(bytes.str(), why);
        std::cout << '\f' << path << '\n';
        if (source) std::cout << touchpoint::extract_markdown(*source).text << '\n';
    }
}
