// The run: configuration, plugins, inputs, parallel checking and ordered results.
#pragma once

#include <touchpoint/plugin.hpp>

#include "formats.hpp"
#include "locate.hpp"
#include "plugin_host.hpp"
#include "project.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <unordered_set>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint {

struct PackRuleDefinition;
class Suppressions;

// Text several findings share, held once: the findings on one long line (a minified
// page, a 1 MiB paragraph) would otherwise cost the line's size each.
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
    // Columns in UTF-16 code units and in bytes; `end_*` stand just past the match.
    int begin_utf16 = 1, begin_byte = 1, end_utf16 = 1, end_byte = 1;
    Excerpt excerpt;  // the line around the match, for text and HTML reports and baselines
    // Byte offsets of the match in the decoded source; `exact` when those bytes are the
    // match as written (so a fix can replace them).
    uint32_t source_begin = 0;
    uint32_t source_end = 0;
    bool exact = false;
    std::string context;    // what the place is: "sign L2-07 at Lobby", "header"
    bool whole_document = false;
    bool fixable = true;  // Finding::fixable: false leaves the suggestion to a person
    bool from_pack = false;  // reported by a rule of a rule pack, not configured by the brand
    std::vector<std::string> also;  // pack rules that reported the same span (merge_shared_spans)
};

struct SuppressedFinding {
    ReportedFinding finding;
    std::string reason;  // as written after "--" in the directive; may be empty
};

struct FileReport {
    std::string path;  // as reported: relative to the working directory
    std::string channel;  // empty when the file was skipped
    std::vector<ReportedFinding> findings;
    std::vector<SuppressedFinding> suppressed;  // by inline control
    std::vector<std::string> warnings;          // why the file was skipped, printed in path order
    std::map<std::string, std::map<std::string, double>> measures;  // group -> key -> value
    int lines = 0;  // of the source positions count in
};

struct Summary {
    size_t files = 0;
    size_t skipped = 0;  // inputs not checked, each named on standard error with its reason
    size_t findings = 0;
    size_t errors = 0;
    size_t warnings = 0;
    size_t suggestions = 0;
    size_t suppressed = 0;
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
    uint64_t max_file_size = 64ull << 20;  // --max-file-size
    double rule_seconds = 10;              // --rule-timeout: one rule on one document
    bool isolate = false;                  // --isolate: each file checked in a child process
    bool allow_project_plugins = false;    // --allow-project-plugins: load the project's <plugins dir>
    std::optional<std::string> changed_since;  // --changed-since REV: only files git says changed
    std::optional<std::string> output;         // --output: refused when it is one of the inputs
};

// A fault of the run itself (bad option, configuration or path): exit code 2, no report.
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Engine {
public:
    // A plugin's check for the brand, or one pack rule's check.
    struct CompiledCheck {
        const LoadedPlugin* plugin;
        std::unique_ptr<Check> check;
        std::unordered_set<std::string> rules;  // the plugin's rule names
        std::string pack_rule;                  // PACK.RULE for a check compiled from a pack rule
        ChannelFilter channels;                 // a pack rule's channels
        std::string label;                      // names the check in fault messages
        // A check for several pack rules (Plugin::compile_pack_rules): PACK.RULE -> channels.
        std::map<std::string, ChannelFilter> pack_rules;

        bool applies_to(const std::string& channel) const;
    };

    // Loads configuration, plugins and checks; throws RunError, ConfigError or PluginError.
    explicit Engine(const CheckOptions& options);
    ~Engine();

    // Checks every input; calls `on_file` in path order from the calling thread while
    // workers go on. Faults of rules are written to standard error and counted.
    void run(const std::function<void(const FileReport&)>& on_file);

    // Checks a text given whole (touchpoint serve), read as a file of that name; the
    // channel is the given one, else the project's for that name. Thread-safe.
    FileReport check_text(std::string text, const std::string& name, const std::optional<std::string>& channel);

    size_t rule_faults() const { return rule_faults_; }
    // Rules given up after the time limit; their threads still run, so the process must
    // end without destroying the engine (std::_Exit) once the report is written.
    size_t abandoned() const { return abandoned_; }
    // What corpus-wide checks found, by table ("consistency"), after run().
    const std::map<std::string, std::vector<std::vector<std::pair<std::string, double>>>>& corpus_tables() const {
        return corpus_tables_;
    }
    const PluginHost& plugins() const { return host_; }
    const std::optional<Project>& project() const { return project_; }
    const Brand& brand() const { return brand_; }

private:
    struct Input;
    struct Loaded;
    struct Watch;
    struct RunState;
    class Context;

    void start_worker(const std::shared_ptr<RunState>& state);
    void watch(const std::shared_ptr<RunState>& state);
    static thread_local Watch* current_watch_;
    std::atomic<size_t> abandoned_{0};

    void check_channels() const;
    const CompileContext& compile_context() const;
    void compile_packs();
    void combine_pack_checks(const std::vector<std::pair<const LoadedPlugin*, PackRule>>& compiled_rules);
    void verify_examples(const PackRuleDefinition& definition, const CompiledCheck& compiled) const;
    std::vector<Input> collect_inputs() const;
    std::optional<Loaded> load(const Input& input, std::vector<std::string>* warnings) const;
    void observe(const std::vector<Input>& inputs);
    FileReport check_input(const Input& input);
    FileReport check_isolated(const Input& input);
    void run_check(const CompiledCheck& compiled, const Document& document, FileReport& report,
                   const Suppressions* suppressions, const std::vector<TextContext>& contexts);
    ScheduleColumns schedule_columns() const;
    const ProseKeys& prose_keys() const;
    // The severity a rule's finding has in a channel after the project's overrides, or
    // nullopt when the rule is disabled there.
    std::optional<Severity> effective(const std::string& rule, const std::string& channel, Severity severity) const;
    bool disabled_everywhere(const std::string& selector) const;

    CheckOptions options_;
    std::optional<Project> project_;
    Brand brand_;
    PluginHost host_;
    std::unique_ptr<Context> context_;
    std::vector<CompiledCheck> checks_;
    std::atomic<size_t> rule_faults_{0};
    std::map<std::string, std::vector<std::vector<std::pair<std::string, double>>>> corpus_tables_;
};

// Loads the plugins the options and project file name (for `touchpoint rules`).
void load_plugins(PluginHost& host, const std::optional<Project>& project, bool allow_project_plugins);

// The project file: the one --config names, else touchpoint.xml in the working folder
// or above it, else in the folder of the first path checked or above it.
std::optional<Project> load_project(const std::optional<std::string>& config, const std::vector<std::string>& paths);

}  // namespace touchpoint
