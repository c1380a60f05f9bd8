#include <touchpoint/brand.hpp>

#include <algorithm>

namespace touchpoint {

std::string_view to_string(Severity severity) {
    switch (severity) {
    case Severity::suggestion: return "suggestion";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
    }
    return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "suggestion") return Severity::suggestion;
    if (text == "warning") return Severity::warning;
    if (text == "error") return Severity::error;
    return std::nullopt;
}

bool ChannelFilter::applies_to(std::string_view channel) const {
    return ids.empty() || std::find(ids.begin(), ids.end(), channel) != ids.end();
}

const ChannelLimits* Brand::channel(std::string_view id) const {
    for (const ChannelLimits& limits : channels)
        if (limits.id == id) return &limits;
    return nullptr;
}

}  // namespace touchpoint
