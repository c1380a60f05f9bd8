// The engine: configuration and plugins loaded once, then each input through the
// pipeline — inputs (inputs.hpp), loading (loading.hpp), checking (here, scheduled by
// scheduler.cpp), locating (locate.hpp), policy (policy.hpp) — to a FileReport.
#pragma once

#include <touchpoint/plugin.hpp>

#include "engine/findings.hpp"
#include "formats/formats.hpp"
#include "engine/inputs.hpp"
#include "engine/loading.hpp"
#include "engine/policy.hpp"
#include "engine/run_options.hpp"
#include "engine/plugin_host.hpp"
#include "config/project.hpp"

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
class DocumentCache;
struct Loaded;

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
    // The measures the checks take of each document, as they declare them.
    std::vector<MeasureInfo> measures() const;
    // What corpus-wide checks found, by table ("consistency"), after run().
    const std::map<std::string, std::vector<std::vector<std::pair<std::string, double>>>>& corpus_tables() const {
        return corpus_tables_;
    }
    const PluginHost& plugins() const { return host_; }
    const std::optional<Project>& project() const { return project_; }
    const Brand& brand() const { return brand_; }

private:
    struct Watch;
    // While it lives, the watchdog times `check` on this worker's file (scheduler.cpp).
    struct WatchedCheck {
        explicit WatchedCheck(const CompiledCheck& check);
        ~WatchedCheck();
    };
    struct RunState;
    class Context;

    void start_worker(const std::shared_ptr<RunState>& state);
    void watch(const std::shared_ptr<RunState>& state);
    static thread_local Watch* current_watch_;
    std::atomic<size_t> abandoned_{0};

    void check_channels() const;
    // Warnings for directives that name no rule of this run: a typo silences nothing.
    void check_directive_rules(const Suppressions& suppressions, FileReport& report) const;
    bool names_a_rule(const std::string& name) const;
    bool reports_anything(const CompiledCheck& compiled) const;
    const CompileContext& compile_context() const;
    void compile_packs();
    void combine_pack_checks(const std::vector<std::pair<const LoadedPlugin*, PackRule>>& compiled_rules);
    void verify_examples(const PackRuleDefinition& definition, const CompiledCheck& compiled) const;
    LoadSettings load_settings() const { return {options_.max_file_size, project_ ? &*project_ : nullptr, options_.channel}; }
    void observe(const std::vector<Input>& inputs, DocumentCache& cache);
    // `loaded`: the input's document, when an observation pass kept it.
    FileReport check_input(const Input& input, std::unique_ptr<Loaded> loaded = nullptr);
    FileReport check_isolated(const Input& input);
    void run_check(const CompiledCheck& compiled, const Document& document, FileReport& report,
                   const Suppressions* suppressions, const std::vector<TextContext>& contexts);

    CheckOptions options_;
    std::optional<Project> project_;
    Policy policy_{nullptr, Severity::suggestion};
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
