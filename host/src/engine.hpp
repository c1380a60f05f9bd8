// The run: configuration, plugins, inputs, parallel checking and ordered results.
#pragma once

#include <touchpoint/plugin.hpp>

#include "plugin_host.hpp"
#include "project.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint {

struct ReportedFinding {
    std::string file;
    Location begin;
    Location end;  // the match's last character
    std::string rule;  // PLUGIN.RULE
    Severity severity = Severity::warning;
    std::string message;
    std::string match;
    std::vector<std::string> suggestions;
    std::string channel;
    std::string line_text;  // the source line of `begin`, for text reports
    bool whole_document = false;
};

struct FileReport {
    std::string path;  // as reported: relative to the working directory
    std::string channel;  // empty when the file was skipped
    std::vector<ReportedFinding> findings;
    std::map<std::string, std::map<std::string, double>> measures;  // group -> key -> value
};

struct Summary {
    size_t files = 0;
    size_t findings = 0;
    size_t errors = 0;
    size_t warnings = 0;
    size_t suggestions = 0;
    void add(const ReportedFinding& finding);
};

struct CheckOptions {
    std::vector<std::string> paths;      // "-" reads standard input
    std::optional<std::string> config;   // --config
    std::optional<std::string> brand;    // --brand
    std::optional<std::string> channel;  // --channel
    std::string stdin_name = "<stdin>";  // --stdin-filename
    Severity min_severity = Severity::suggestion;
    unsigned jobs = 0;  // 0: all cores
};

// A fault of the run itself (bad option, configuration or path): exit code 2, no report.
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Engine {
public:
    // Loads configuration, plugins and checks; throws RunError, ConfigError or PluginError.
    explicit Engine(const CheckOptions& options);
    ~Engine();

    // Checks every input; calls `on_file` in path order from the calling thread while
    // workers go on. Faults of rules are written to standard error and counted.
    void run(const std::function<void(const FileReport&)>& on_file);

    size_t rule_faults() const { return rule_faults_; }
    const PluginHost& plugins() const { return host_; }
    const std::optional<Project>& project() const { return project_; }

private:
    struct Input;
    struct CompiledCheck;
    class Context;

    void check_channels() const;
    std::vector<Input> collect_inputs() const;
    FileReport check_input(const Input& input);
    void run_check(const CompiledCheck& compiled, const Document& document, FileReport& report);

    CheckOptions options_;
    std::optional<Project> project_;
    Brand brand_;
    PluginHost host_;
    std::unique_ptr<Context> context_;
    std::vector<CompiledCheck> checks_;
    std::atomic<size_t> rule_faults_{0};
};

// Loads the plugins the options and project file name (for `touchpoint rules`).
void load_plugins(PluginHost& host, const std::optional<Project>& project);

// The project file: the one --config names, else touchpoint.xml in the working folder
// or above it, else in the folder of the first path checked or above it.
std::optional<Project> load_project(const std::optional<std::string>& config, const std::vector<std::string>& paths);

}  // namespace touchpoint
