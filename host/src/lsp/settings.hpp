// What the user configures for touchpoint lsp: the command line (LspOptions), then the
// editor's initializationOptions and workspace/didChangeConfiguration (Settings).
#pragma once

#include <touchpoint/brand.hpp>

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

namespace touchpoint::lsp {

struct LspOptions {
    bool allow_project_plugins = false;  // --allow-project-plugins: as for check, never from the editor
    unsigned jobs = 0;                   // check workers; 0: all cores
};

struct Settings {
    std::optional<std::string> channel;  // every document checked as this channel
    Severity min_severity = Severity::suggestion;
    bool allow_brand_edits = false;      // the "add to the brand's accept list" action writes brand.xml
    int debounce_ms = 20;                // a check this long after the last keystroke
    double rule_seconds = 10;            // a rule running longer on one document is given up
    std::optional<std::string> config;   // a touchpoint.xml for documents outside any project
    std::optional<std::string> brand;    // else a brand file for them
};

// Reads the settings an editor sends: {"touchpoint": {...}} or the object itself, keys as
// docs/editors.md lists them. Unknown keys are ignored; a known key of the wrong type or
// value is left as it was and named in the returned faults, the others applied.
std::vector<std::string> apply_settings(const Poco::JSON::Object& json, Settings& settings);

}  // namespace touchpoint::lsp
