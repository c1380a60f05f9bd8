// The loading stage: an input's bytes to a Document (through the format's extractor), with
// what the policy stage needs of it: inline-control suppressions and the places' labels.
#pragma once

#include "engine/inline_control.hpp"
#include "engine/inputs.hpp"
#include "engine/languages.hpp"
#include "config/project.hpp"

#include <touchpoint/document.hpp>

#include <optional>
#include <string>
#include <vector>

namespace touchpoint {

struct Loaded {
    Format format;
    Document document;
    Suppressions suppressions;
    std::vector<TextContext> contexts;
};

struct LoadSettings {
    uint64_t max_file_size = 64ull << 20;
    const Project* project = nullptr;      // channels, schedule columns, prose keys, speakers
    std::optional<std::string> channel;    // --channel: every input is this channel
    const LanguagePlan* languages = nullptr;  // the brand's languages; none: all text in the default
};

// The input loaded, or nullopt with the reason ("skipped NAME: why") added to `warnings`
// when it cannot be (`warnings` may be null: an observation pass, whose skips the check reports).
std::optional<Loaded> load_document(const Input& input, const LoadSettings& settings, std::vector<std::string>* warnings);

}  // namespace touchpoint
