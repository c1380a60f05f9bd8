#include "engine/engine.hpp"

#include "engine/locate.hpp"
#include "engine/document_cache.hpp"
#include "engine/brand_elements.hpp"
#include "config/brand_reader.hpp"
#include "base/fs_util.hpp"
#include "engine/log.hpp"
#include "config/xml_file.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>

namespace touchpoint {

namespace fs = std::filesystem;

namespace {

// A rule's findings, and its measures straight into the file's report.
class CollectingReporter : public Reporter {
public:
    explicit CollectingReporter(FileReport& file) : file_(file) {}
    // A rule's findings on one document are bounded: memory grows with findings, and a
    // 168 KB Word file can hold millions of them.
    static constexpr size_t max_findings = 1'000'000;
    void report(Finding finding) override {
        if (findings.size() < max_findings) findings.push_back(std::move(finding));
        else ++dropped;
    }
    size_t dropped = 0;
    void measure(std::string_view group, std::string_view key, double value) override {
        file_.measures[std::string(group)][std::string(key)] = value;
    }
    std::vector<Finding> findings;

private:
    FileReport& file_;
};

}  // namespace

class Engine::Context : public CompileContext {
public:
    explicit Context(const Brand& brand) : brand_(brand), lexicons_(brand.languages.size()) {
        for (size_t i = 0; i < brand.languages.size(); ++i) lexicons_[i].locale = brand.languages[i];
    }
    const Brand& brand() const override { return brand_; }
    const Lexicon& lexicon() const override { return *lexicon(brand_.default_language()); }
    const Lexicon* lexicon(std::string_view lang) const override {
        int index = brand_.language_index(lang);
        return index < 0 ? nullptr : &lexicons_[size_t(index)].get(brand_);
    }

private:
    // One language's dictionary, loaded at its first use; the brand's accepted words are
    // words in every language (a name, a product).
    struct Lazy {
        std::once_flag once;
        std::unique_ptr<Lexicon> lexicon;
        std::string locale;
        const Lexicon& get(const Brand& brand) {
            std::call_once(once, [&] {
                lexicon = std::make_unique<Lexicon>(locale);
                for (const std::string& word : brand.vocabulary.accepted) lexicon->accept(word);
            });
            return *lexicon;
        }
    };
    const Brand& brand_;
    mutable std::vector<Lazy> lexicons_;
};

std::optional<Project> load_project(const std::optional<std::string>& config, const std::vector<std::string>& paths) {
    if (config) {
        if (!is_file(*config)) throw RunError("project file '" + *config + "' does not exist");
        return read_project(*config, installed_rules_folder());
    }
    if (auto found = find_project(fs::current_path())) return read_project(*found, installed_rules_folder());
    // Outside any project, the first path checked may be inside one: "touchpoint check samples/".
    for (const std::string& path : paths) {
        if (path == "-") continue;
        std::error_code error;
        fs::path start = fs::is_directory(path, error) ? fs::path(path) : fs::path(path).parent_path();
        if (start.empty()) start = ".";
        if (auto found = find_project(start)) return read_project(*found, installed_rules_folder());
        break;
    }
    return std::nullopt;
}

// Plugins come from the installed folder and TOUCHPOINT_PLUGIN_PATH. A project file names
// folders of the content repository, which a stranger's pull request can fill: those load
// only when the command line allows it.
void load_plugins(PluginHost& host, const std::optional<Project>& project, bool allow_project_plugins) {
    for (const fs::path& folder : default_plugin_folders()) host.load_folder(folder);
    if (!project) return;
    for (const Project::PluginFolder& folder : project->plugin_dirs) {
        if (!allow_project_plugins)
            fail_at(folder.where, "the project's plugin folder '" + folder.dir.filename().string() +
                                      "' is refused: a project file loads code only when the command line says "
                                      "--allow-project-plugins (see docs/ci.md)");
        host.load_folder(folder.dir);
    }
}

Engine::Engine(const CheckOptions& options) : options_(options) {
    project_ = load_project(options_.config, options_.paths);
    policy_ = Policy(project_ ? &*project_ : nullptr, options_.min_severity);
    fs::path brand_file;
    if (options_.brand) {
        brand_file = *options_.brand;
        if (!is_file(brand_file)) throw RunError("brand file '" + *options_.brand + "' does not exist");
    } else if (project_ && !project_->brand_file.empty()) {
        brand_file = project_->brand_file;
    } else {
        throw RunError(project_ ? project_->file.string() + " names no <brand file=\"...\"/>; add one or pass --brand FILE"
                                : "no brand file: no touchpoint.xml in this folder or above it; pass --brand FILE or --config FILE");
    }
    brand_ = read_brand(brand_file);
    if (brand_file.is_absolute()) brand_.file = display_path(brand_file);
    load_plugins(host_, project_, options_.allow_project_plugins);
    if (host_.plugins().empty())
        throw RunError("no rule plugins found (looked in " + default_plugin_folders().front().string() +
                       " and TOUCHPOINT_PLUGIN_PATH)");
    hand_out_brand_elements(brand_, host_.plugins());
    check_channels();
    check_dictionaries();
    context_ = std::make_unique<Context>(brand_);
    for (const std::string& tag : brand_.languages) language_plan_.languages.push_back(primary_language(tag));
    language_plan_.lexicon = [this](std::string_view lang) { return context_->lexicon(lang); };
    for (const LoadedPlugin& loaded : host_.plugins()) {
        if (policy_.disabled_everywhere(loaded.name)) continue;
        std::unique_ptr<Check> check;
        try {
            check = loaded.plugin->compile(*context_);
        } catch (const std::exception& e) {
            throw RunError(brand_.file + ": plugin '" + loaded.name + "' cannot use this brand: " + e.what());
        }
        if (!check) continue;
        CompiledCheck compiled{&loaded, std::move(check), {}, {}, {}, {}, {}};
        std::string rules;
        for (const RuleInfo& rule : loaded.rules) {
            compiled.rules.insert(rule.name);
            rules += (rules.empty() ? "" : ", ") + loaded.name + "." + rule.name;
        }
        compiled.label = "plugin '" + loaded.name + "' (" + (loaded.rules.size() == 1 ? "rule " : "rules ") + rules + ")";
        checks_.push_back(std::move(compiled));
    }
    compile_packs();
}

const CompileContext& Engine::compile_context() const { return *context_; }

std::vector<MeasureInfo> Engine::measures() const {
    std::vector<MeasureInfo> all;
    for (const CompiledCheck& compiled : checks_)
        for (MeasureInfo& measure : compiled.check->measures()) all.push_back(std::move(measure));
    return all;
}

Engine::~Engine() {
    checks_.clear();  // before the plugins that made them are unloaded
}

// Every language's dictionary is there before any document is read: a run does not
// stop half way for a missing package.
void Engine::check_dictionaries() const {
    for (const std::string& tag : brand_.languages)
        if (std::string missing = Lexicon::missing_dictionary(tag); !missing.empty())
            throw RunError(brand_.file + ": the brand writes in " + tag + ", but " + missing);
}

void Engine::check_channels() const {
    std::set<std::string> known(std::begin(builtin_channels), std::end(builtin_channels));
    for (const ChannelLimits& channel : brand_.channels) known.insert(channel.id);
    if (project_)
        for (const ChannelGlobs& channel : project_->channels) known.insert(channel.id);
    std::function<void(const BrandElement&)> check_filter = [&](const BrandElement& element) {
        for (const std::string& id : element.channels().ids)
            if (!known.count(id))
                fail_at(element.where_is("channels"), "unknown channel '" + id + "'; declare it with <channel id=\"" + id +
                                           "\"/> in the brand file or the project file");
        for (const BrandElement& child : element.children) check_filter(child);
    };
    for (const BrandElement& element : brand_.elements) check_filter(element);
    if (project_)
        for (const ChannelGlobs& channel : project_->channels)
            if (!channel.lang.empty() && brand_.locale_of(channel.lang).empty())
                fail_at(channel.lang_where, "channel '" + channel.id + "' is in " + channel.lang +
                                                ", which is not one of the brand's languages; add it to languages=\"...\" on <brand>");
    if (options_.channel && !known.count(*options_.channel)) {
        std::string list;
        for (const std::string& id : known) list += (list.empty() ? "" : ", ") + id;
        throw RunError("unknown channel '" + *options_.channel + "' for --channel; known channels: " + list);
    }
}

FileReport Engine::check_input(const Input& input, std::unique_ptr<Loaded> loaded) {
    if (options_.isolate && !input.path.empty() && input.skipped_because.empty()) return check_isolated(input);
    if (!loaded) {
        std::vector<std::string> warnings;
        std::optional<Loaded> fresh = load_document(input, load_settings(), &warnings);
        if (!fresh) return FileReport::skipped(input.display, std::move(warnings));
        loaded = std::make_unique<Loaded>(std::move(*fresh));
    }
    const Document& document = loaded->document;
    FileReport report = FileReport::skipped(input.display);
    report.channel = document.channel();
    report.lines = document.locate_source(uint32_t(document.source().size())).line;
    report.format = loaded->format;
    check_directive_rules(loaded->suppressions, report);
    for (const CompiledCheck& compiled : checks_) run_check(compiled, document, report, &loaded->suppressions, loaded->contexts);
    settle(report);
    return report;
}

// Whether a plugin's check can report a finding in this run, with the project's overrides
// and --min-severity: a corpus table of a rule that reports nothing is no part of the report.
bool Engine::reports_anything(const CompiledCheck& compiled) const {
    if (!compiled.pack_rule.empty() || !compiled.pack_rules.empty()) return true;
    std::set<std::string> channels(std::begin(builtin_channels), std::end(builtin_channels));
    for (const ChannelLimits& channel : brand_.channels) channels.insert(channel.id);
    if (project_)
        for (const ChannelGlobs& channel : project_->channels) channels.insert(channel.id);
    for (const RuleInfo& rule : compiled.plugin->rules)
        for (const std::string& channel : channels)
            if (policy_.severity(compiled.plugin->name + "." + rule.name, channel, rule.default_severity)) return true;
    return false;
}

bool Engine::names_a_rule(const std::string& name) const {
    auto names = [&](const std::string& rule) { return rule == name || rule.starts_with(name + "."); };
    for (const LoadedPlugin& plugin : host_.plugins()) {
        if (plugin.name == name) return true;
        for (const RuleInfo& rule : plugin.rules)
            if (names(plugin.name + "." + rule.name)) return true;
    }
    for (const CompiledCheck& compiled : checks_) {
        if (!compiled.pack_rule.empty() && names(compiled.pack_rule)) return true;
        for (const auto& [pack_rule, channels] : compiled.pack_rules)
            if (names(pack_rule)) return true;
    }
    return false;
}

void Engine::check_directive_rules(const Suppressions& suppressions, FileReport& report) const {
    for (const Directive& directive : suppressions.directives())
        for (const std::string& rule : directive.rules)
            if (!names_a_rule(rule))
                report.warnings.push_back(report.path + ":" + std::to_string(directive.first_line) + ": the directive names '" +
                                          rule + "', which is no rule of this run; it silences nothing ('touchpoint rules' lists them)");
}

bool Engine::CompiledCheck::applies_to(const std::string& channel) const {
    if (!pack_rules.empty())
        return std::any_of(pack_rules.begin(), pack_rules.end(), [&](const auto& rule) { return rule.second.applies_to(channel); });
    return pack_rule.empty() || channels.applies_to(channel);
}

void Engine::run_check(const CompiledCheck& compiled, const Document& document, FileReport& report,
                       const Suppressions* suppressions, const std::vector<TextContext>& contexts) {
    const LoadedPlugin& plugin = *compiled.plugin;
    auto fault = [&](const std::string& why) {
        log_error(compiled.label + " failed on " + document.path() + ": " + why);
        ++rule_faults_;
    };
    if (!compiled.applies_to(document.channel()) || is_given_up(compiled)) return;
    CollectingReporter reporter(report);
    WatchedCheck watched(compiled);
    try {
        compiled.check->check(document, reporter);
    } catch (const std::exception& e) {
        fault(e.what());
        return;
    } catch (...) {
        fault("an exception that is not a std::exception");
        return;
    }
    if (reporter.dropped > 0)
        report.warnings.push_back(document.path() + ": " + compiled.label + " found more than " +
                                  std::to_string(CollectingReporter::max_findings) + " mistakes; " +
                                  std::to_string(reporter.dropped) + " more are not reported");
    Locator locate(document);
    for (Finding& finding : reporter.findings) {
        ReportedFinding out;
        if (!compiled.pack_rules.empty()) {
            auto rule = compiled.pack_rules.find(finding.rule);
            if (rule == compiled.pack_rules.end()) {
                fault("it reported a finding for pack rule '" + finding.rule + "', which it was not given");
                continue;
            }
            if (!rule->second.applies_to(document.channel())) continue;
            out.rule = finding.rule;
        } else if (!compiled.pack_rule.empty()) {
            out.rule = compiled.pack_rule;
        } else if (compiled.rules.count(finding.rule)) {
            out.rule = plugin.name + "." + finding.rule;
        } else {
            fault("it reported a finding for rule '" + finding.rule + "', which it does not declare");
            continue;
        }
        std::optional<Severity> severity = policy_.severity(out.rule, document.channel(), finding.severity);
        if (!severity) continue;
        out.file = document.path();
        out.plugin = plugin.name;
        out.severity = *severity;
        out.message = std::move(finding.message);
        out.suggestions = std::move(finding.suggestions);
        out.fixable = finding.fixable;
        out.claim = finding.claim;
        out.from_pack = !compiled.pack_rules.empty() || !compiled.pack_rule.empty();
        out.channel = document.channel();
        if (finding.anchor == Anchor::document) {
            out.whole_document = true;
        } else {
            if (!within(finding, document)) {
                fault("it reported a position outside the document");
                continue;
            }
            if (!Policy::in_brand_voice(finding, document)) continue;
            place(finding, document, contexts, locate, out);
        }
        if (suppressions && !suppressions->empty()) {
            if (auto reason = suppressions->reason(out.rule, out.begin.line)) {
                report.suppressed.push_back({std::move(out), *reason});
                continue;
            }
        }
        report.findings.push_back(std::move(out));
    }
}

FileReport Engine::check_text(std::string text, const std::string& name, const std::optional<std::string>& channel,
                              const std::string& language, Watch* watch) {
    Input input{fs::path(), name, name, std::move(text), channel, language, {}};
    Watch* outer = current_watch_;
    current_watch_ = watch ? watch : outer;
    struct Restore {
        Watch* outer;
        ~Restore() { current_watch_ = outer; }
    } restore{outer};
    return check_input(input);
}

std::string Engine::give_up(const Watch& watch) {
    const CompiledCheck* check = watch.check;
    if (!check || watch.since == 0) return "";
    std::lock_guard lock(given_up_mutex_);
    if (given_up_.insert(check).second) ++given_up_count_;
    return check->label;
}

void Engine::give_up(std::string_view label) {
    std::lock_guard lock(given_up_mutex_);
    for (const CompiledCheck& compiled : checks_)
        if (compiled.label == label && given_up_.insert(&compiled).second) ++given_up_count_;
}

bool Engine::is_given_up(const CompiledCheck& compiled) const {
    if (given_up_count_ == 0) return false;  // a batch run: no lock per rule and document
    std::lock_guard lock(given_up_mutex_);
    return given_up_.count(&compiled) > 0;
}

bool Engine::has_corpus_checks() const {
    return std::any_of(checks_.begin(), checks_.end(), [](const CompiledCheck& c) { return c.check->observation_passes() > 0; });
}

void Engine::observe_inputs(const std::map<fs::path, std::string>& open) {
    if (!has_corpus_checks()) return;
    std::vector<Input> inputs = collect_inputs(options_, project_ ? &*project_ : nullptr, brand_.file);
    std::set<fs::path> seen;
    for (Input& input : inputs) {
        auto buffer = open.find(input.path);
        if (buffer == open.end()) continue;
        input.text = buffer->second;
        seen.insert(input.path);
    }
    fs::path root = project_ ? project_->dir : fs::current_path();
    for (const auto& [path, text] : open) {
        std::string relative = path.lexically_relative(root).generic_string();
        if (seen.count(path) || relative.empty() || relative.starts_with("..")) continue;
        if (project_ && project_->ignored(relative)) continue;
        inputs.push_back({path, display_path(path), relative, text, std::nullopt, {}});
    }
    DocumentCache cache(inputs.size(), DocumentCache::default_budget);
    observe(inputs, cache);
}

std::optional<std::pair<std::string, std::string>> Engine::pack_rule_source(const std::string& rule) const {
    auto found = pack_sources_.find(rule);
    if (found == pack_sources_.end()) return std::nullopt;
    return found->second;
}


}  // namespace touchpoint
