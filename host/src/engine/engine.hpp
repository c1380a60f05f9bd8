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
#include <mutex>
#include <set>
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

    // What a thread checking a text is doing: which check, since when (0: none). A caller
    // that times checks itself (touchpoint lsp) gives one to check_text and watches it.
    struct Watch {
        std::atomic<int64_t> since{0};  // steady-clock nanoseconds
        std::atomic<const CompiledCheck*> check{nullptr};
        std::atomic<size_t> input{0};
        std::atomic<bool> abandoned{false};
    };

    // Checks a text given whole (touchpoint serve, touchpoint lsp), read as a file of that
    // name (relative to the project folder, for its channel globs); the channel is the
    // given one, else the project's for that name; the language (a tag) is the text's,
    // unless empty (then as for a file). Thread-safe.
    FileReport check_text(std::string text, const std::string& name, const std::optional<std::string>& channel,
                          const std::string& language = {}, Watch* watch = nullptr);

    // Gives up the check `watch` is in for the engine's life: later checks skip it. Returns
    // its label ("plugin 'x' (rule x.y)"), or "" when the watch is in no check.
    std::string give_up(const Watch& watch);
    // Gives up the check of that label, as a session gave it up in an engine before this one.
    void give_up(std::string_view label);

    // Corpus-wide checks observe the inputs of the options' paths, with `open` texts in
    // place of what the files hold (an editor's unsaved buffers; a path not on disk is
    // observed too). Once, before check_text; run() observes by itself.
    void observe_inputs(const std::map<std::filesystem::path, std::string>& open);
    bool has_corpus_checks() const;

    // For a rule of a rule pack (PACK.RULE): the pack file and where its wording comes from.
    std::optional<std::pair<std::string, std::string>> pack_rule_source(const std::string& rule) const;

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
    void check_dictionaries() const;
    // Warnings for directives that name no rule of this run: a typo silences nothing.
    void check_directive_rules(const Suppressions& suppressions, FileReport& report) const;
    bool names_a_rule(const std::string& name) const;
    bool reports_anything(const CompiledCheck& compiled) const;
    bool is_given_up(const CompiledCheck& compiled) const;
    const CompileContext& compile_context() const;
    void compile_packs();
    void combine_pack_checks(const std::vector<std::pair<const LoadedPlugin*, PackRule>>& compiled_rules);
    void verify_examples(const PackRuleDefinition& definition, const CompiledCheck& compiled) const;
    LoadSettings load_settings() const {
        return {options_.max_file_size, project_ ? &*project_ : nullptr, options_.channel, &language_plan_};
    }
    LanguagePlan language_plan_;
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
    std::map<std::string, std::pair<std::string, std::string>> pack_sources_;  // PACK.RULE -> file, source
    mutable std::mutex given_up_mutex_;
    std::set<const CompiledCheck*> given_up_;
    std::atomic<size_t> given_up_count_{0};
};

// Loads the plugins the options and project file name (for `touchpoint rules`).
void load_plugins(PluginHost& host, const std::optional<Project>& project, bool allow_project_plugins);

// The project file: the one --config names, else touchpoint.xml in the working folder
// or above it, else in the folder of the first path checked or above it.
std::optional<Project> load_project(const std::optional<std::string>& config, const std::vector<std::string>& paths);

}  // namespace touchpoint
