// CLD2 (Debian's libcld2-dev) on the labelled set Touchpoint's detection is measured on
// (tests/data/languages/labelled.tsv): per kind, how many it reads right. Its answer among
// English and Spanish counts; anything else (or "unknown") is the default, English, as
// an undecided text is in a run.
#include <cstdio>  // the header uses FILE without it

#include <cld2/public/compact_lang_det.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: cld2_labelled LABELLED.tsv\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    std::map<std::string, std::pair<int, int>> by_kind;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string kind, lang, text;
        std::getline(fields, kind, '\t');
        std::getline(fields, lang, '\t');
        std::getline(fields, text);
        bool reliable = false;
        CLD2::Language found = CLD2::DetectLanguage(text.data(), int(text.size()), true, &reliable);
        std::string got = found == CLD2::SPANISH ? "es" : "en";
        auto& [right, all] = by_kind[kind];
        right += got == lang;
        ++all;
        if (got != lang) std::cout << "misread (" << CLD2::LanguageCode(found) << "): " << text << '\n';
    }
    for (const auto& [kind, counts] : by_kind) std::cout << kind << ": " << counts.first << " of " << counts.second << " right\n";
}
