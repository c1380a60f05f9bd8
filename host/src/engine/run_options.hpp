// What the command line asks of a run, and the fault that ends one.
#pragma once

#include <touchpoint/plugin.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace touchpoint {

struct CheckOptions {
    std::vector<std::string> paths;      // "-" reads standard input
    std::optional<std::string> config;   // --config
    std::optional<std::string> brand;    // --brand
    std::optional<std::string> channel;  // --channel
    std::string stdin_name = "<stdin>";  // --stdin-filename
    Severity min_severity = Severity::suggestion;
    unsigned jobs = 0;  // 0: all cores
    uint64_t max_file_size = 64ull << 20;  // --max-file-size
    double rule_seconds = 10;              // --rule-timeout: one rule on one document
    bool isolate = false;                  // --isolate: each file checked in a child process
    bool allow_project_plugins = false;    // --allow-project-plugins: load the project's <plugins dir>
    std::optional<std::string> changed_since;  // --changed-since REV: only files git says changed
    std::vector<std::string> excludes;         // --exclude GLOB: paths left out, as <ignore>
    std::optional<std::string> output;         // --output: refused when it is one of the inputs
};

// A fault of the run itself (bad option, configuration or path): exit code 2, no report.
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Worker threads for --jobs N (0: all cores), never more than there is work for.
unsigned job_count(unsigned requested, size_t work = SIZE_MAX);

}  // namespace touchpoint
