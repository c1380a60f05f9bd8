// The report writers by name: each writer's file registers itself (report/NAME.cpp), so a
// new format touches its own file, its test and its doc line.
#include "report/report.hpp"

#include "report/escape.hpp"

#include <algorithm>

namespace touchpoint {

namespace {

struct Entry {
    std::string_view name;
    int rank;
    WriterRegistration::Make make;
};

std::vector<Entry>& registry() {
    static std::vector<Entry> entries;  // filled by the writers' static registrations
    return entries;
}

}  // namespace

WriterRegistration::WriterRegistration(std::string_view name, int rank, Make make) {
    auto& entries = registry();
    entries.push_back({name, rank, std::move(make)});
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
}

std::string report_formats() {
    std::string list;
    for (const Entry& entry : registry()) list += (list.empty() ? "" : ", ") + std::string(entry.name);
    return list;
}

bool is_report_format(std::string_view format) {
    return std::any_of(registry().begin(), registry().end(), [&](const Entry& e) { return e.name == format; });
}

std::unique_ptr<ReportWriter> make_writer(std::string_view format, std::ostream& out, bool color, const RunInfo& run) {
    for (const Entry& entry : registry())
        if (entry.name == format) return entry.make({out, color, run});
    return nullptr;
}

std::string xml_escape(std::string_view text) { return escape_xml(text); }

}  // namespace touchpoint
