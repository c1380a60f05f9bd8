#include "engine/scripts.hpp"

#include <touchpoint/text.hpp>

#include <algorithm>

namespace touchpoint {
namespace {

// The speaker whose label starts `line` ("Nurse:" or "Nurse Sam:"), with the label's length.
std::pair<const std::string*, bool> speaker_of(std::string_view line, const Speakers& speakers, size_t& label_size) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 40) return {nullptr, false};
    std::string label = match_key(line.substr(0, colon));
    for (bool staff : {true, false}) {
        for (const std::string& name : staff ? speakers.staff : speakers.others) {
            std::string key = match_key(name);
            // "Nurse" also labels "Nurse Sam" and "Nurse 2".
            if (label == key || (label.starts_with(key + " ") && label.size() <= key.size() + 20)) {
                label_size = colon + 1;
                return {&name, staff};
            }
        }
    }
    return {nullptr, false};
}

}  // namespace

std::vector<Turn> find_turns(std::string& text, const Speakers& speakers, const std::vector<uint32_t>& part_ends) {
    std::vector<Turn> turns;
    size_t line_start = 0;
    while (line_start < text.size()) {
        size_t line_end = text.find('\n', line_start);
        if (line_end == std::string::npos) line_end = text.size();
        size_t first = text.find_first_not_of(" \t", line_start);
        if (first < line_end) {
            size_t label_size = 0;
            auto [speaker, staff] = speaker_of(std::string_view(text).substr(first, line_end - first), speakers, label_size);
            if (speaker) {
                if (!turns.empty()) turns.back().end = uint32_t(line_start);
                for (size_t i = first; i < first + label_size; ++i) text[i] = ' ';
                turns.push_back({*speaker, staff, uint32_t(first + label_size), uint32_t(text.size())});
            }
        }
        line_start = line_end + 1;
    }
    if (turns.empty()) turns.push_back({"", true, 0, uint32_t(text.size())});
    for (Turn& turn : turns)
        if (auto end = std::upper_bound(part_ends.begin(), part_ends.end(), turn.begin); end != part_ends.end())
            turn.end = std::min(turn.end, *end);
    return turns;
}

}  // namespace touchpoint
