#include "lsp/settings.hpp"

#include <cstdio>
#include <functional>
#include <stdexcept>

namespace touchpoint::lsp {

namespace {

using Poco::JSON::Object;

std::optional<std::string> text(const Object& json, const std::string& key) {
    if (!json.has(key) || json.isNull(key)) return std::nullopt;
    if (!json.get(key).isString()) throw std::invalid_argument("the setting '" + key + "' must be a string");
    std::string value = json.getValue<std::string>(key);
    if (value.empty()) return std::nullopt;
    return value;
}

std::optional<double> number(const Object& json, const std::string& key, double low, double high) {
    if (!json.has(key) || json.isNull(key)) return std::nullopt;
    const Poco::Dynamic::Var& value = json.get(key);
    if (!value.isNumeric()) throw std::invalid_argument("the setting '" + key + "' must be a number");
    double n = value.convert<double>();
    if (!(n >= low && n <= high)) {
        char range[64];
        std::snprintf(range, sizeof range, "between %g and %g", low, high);
        throw std::invalid_argument("the setting '" + key + "' must be " + range);
    }
    return n;
}

}  // namespace

std::vector<std::string> apply_settings(const Object& outer, Settings& settings) {
    Object::Ptr nested = outer.has("touchpoint") ? outer.getObject("touchpoint") : nullptr;
    const Object& json = nested ? *nested : outer;
    std::vector<std::string> faults;
    // Each setting on its own: a bad one is named, and the others still apply.
    auto apply = [&](const std::function<void()>& one) {
        try {
            one();
        } catch (const std::invalid_argument& e) {
            faults.push_back(e.what());
        }
    };
    apply([&] {
        if (json.has("channel")) settings.channel = text(json, "channel");
    });
    apply([&] {
        if (auto severity = text(json, "minSeverity")) {
            std::optional<Severity> parsed = parse_severity(*severity);
            if (!parsed) throw std::invalid_argument("the setting 'minSeverity' must be suggestion, warning or error, not '" + *severity + "'");
            settings.min_severity = *parsed;
        }
    });
    apply([&] {
        if (!json.has("allowBrandEdits")) return;
        if (!json.get("allowBrandEdits").isBoolean()) throw std::invalid_argument("the setting 'allowBrandEdits' must be true or false");
        settings.allow_brand_edits = json.getValue<bool>("allowBrandEdits");
    });
    apply([&] {
        if (auto ms = number(json, "debounce", 0, 10000)) settings.debounce_ms = int(*ms);
    });
    apply([&] {
        if (auto seconds = number(json, "ruleTimeout", 0.05, 3600)) settings.rule_seconds = *seconds;
    });
    apply([&] {
        if (json.has("config")) settings.config = text(json, "config");
    });
    apply([&] {
        if (json.has("brand")) settings.brand = text(json, "brand");
    });
    return faults;
}

}  // namespace touchpoint::lsp
