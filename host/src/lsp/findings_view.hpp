// A document's report as the editor shows it: diagnostics, quick fixes, hovers.
#pragma once

#include "engine/engine.hpp"
#include "engine/findings.hpp"
#include "lsp/text_buffer.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>

namespace touchpoint::lsp {

using Poco::JSON::Array;
using Poco::JSON::Object;

// file:///a%20b/c.md for /a b/c.md, and back; nullopt for a URI that is not a file's.
std::string file_uri(const std::filesystem::path& path);
std::optional<std::filesystem::path> uri_path(const std::string& uri);

Object::Ptr json_position(Position position);
Object::Ptr json_range(Position begin, Position end);
// A finding's range in the encoding agreed; the document's start for a whole-document one.
Object::Ptr finding_range(const ReportedFinding& finding, Encoding encoding);
bool range_contains(const ReportedFinding& finding, Position position, Encoding encoding);
bool ranges_overlap(const ReportedFinding& finding, Position begin, Position end, Encoding encoding);

// What the views need of the run beyond the report.
struct ViewContext {
    const Engine& engine;
    Encoding encoding;
};

// The diagnostics of a report: severity, the rule as code with a link to its documentation,
// the message with its reason and suggestions.
Array::Ptr diagnostics(const FileReport& report, const ViewContext& context);
Object::Ptr diagnostic(const ReportedFinding& finding, const ViewContext& context);

// Code actions for the findings overlapping [begin, end]: one quick fix per suggestion,
// one to apply every fix of the file, and, with `accept_brand` (the brand file the user
// allows the server to write), one to add a misspelt word to the brand's accept list.
Array::Ptr code_actions(const FileReport& report, const std::string& uri, const std::string& text, Position begin,
                        Position end, const ViewContext& context, const std::optional<std::string>& accept_brand);

// The hover over a finding: its rule, reason and source, the brand promise and the
// document's measures (pillar coverage); null where no finding is.
Object::Ptr hover(const FileReport& report, Position position, const ViewContext& context);

}  // namespace touchpoint::lsp
