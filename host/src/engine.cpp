#include "fs_util.hpp"
#include "engine.hpp"

#include "archive.hpp"
#include "brand_reader.hpp"
#include "formats.hpp"
#include "inline_control.hpp"
#include "isolation.hpp"
#include "safe_write.hpp"
#include "scripts.hpp"
#include "unicode.hpp"
#include "xml_file.hpp"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_set>

namespace touchpoint {

namespace fs = std::filesystem;

void Summary::add(const ReportedFinding& finding) {
    ++findings;
    switch (finding.severity) {
    case Severity::error: ++errors; break;
    case Severity::warning: ++warnings; break;
    case Severity::suggestion: ++suggestions; break;
    }
}

namespace {

std::mutex stderr_mutex;

void warn(const std::string& message) {
    std::lock_guard lock(stderr_mutex);
    std::cerr << "touchpoint: warning: " << message << '\n';
}

void report_fault(const std::string& message) {
    std::lock_guard lock(stderr_mutex);
    std::cerr << "touchpoint: error: " << message << '\n';
}

// A path as reported: relative to the working directory when below it, '/'-separated.
std::string display_path(const fs::path& absolute, const fs::path& cwd = fs::current_path()) {
    fs::path relative = absolute.lexically_relative(cwd);
    if (relative.empty() || *relative.begin() == "..") return absolute.generic_string();
    return relative.generic_string();
}

// The report written over a file the run reads would lose that file: a RunError instead.
void refuse_output_over(const std::string& output, const std::vector<fs::path>& read) {
    FileIdentity identity(output);
    for (const fs::path& file : read)
        if (identity.is(file))
            throw RunError("--output '" + output + "' would replace " + display_path(fs::absolute(file).lexically_normal()) +
                           ", which this run reads; choose another file");
}

std::string relative_to(const fs::path& absolute, const fs::path& base) {
    fs::path relative = absolute.lexically_relative(base);
    return relative.empty() ? absolute.generic_string() : relative.generic_string();
}

}  // namespace

namespace {

class CollectingReporter : public Reporter {
public:
    explicit CollectingReporter(FileReport& file) : file_(file) {}
    void report(Finding finding) override { findings.push_back(std::move(finding)); }
    void measure(std::string_view group, std::string_view key, double value) override {
        file_.measures[std::string(group)][std::string(key)] = value;
    }
    std::vector<Finding> findings;

private:
    FileReport& file_;
};

// Reads a whole file; returns why it was not read, or "" when it was. A file over the
// size limit is refused before reading; one that changes while read is refused.
std::string read_file(const fs::path& path, std::string& bytes, uint64_t limit) {
    std::error_code error;
    auto size_before = fs::file_size(path, error);
    auto time_before = fs::last_write_time(path, error);
    if (error) return "cannot read it (" + error.message() + ")";
    if (size_before > limit)
        return "it is " + std::to_string(size_before >> 20) + " MiB, over the " + std::to_string(limit >> 20) +
               " MiB limit (--max-file-size)";
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::string("cannot read it (") + std::strerror(errno) + ")";
    bytes.resize(size_t(size_before));
    in.read(bytes.data(), std::streamsize(size_before));
    size_t got = size_t(in.gcount());
    char extra;
    bool longer = bool(in.read(&extra, 1));
    auto size_after = fs::file_size(path, error);
    auto time_after = fs::last_write_time(path, error);
    if (got != size_before || longer || error || size_after != size_before || time_after != time_before)
        return "it changed while it was read; check it again when it is saved";
    return "";
}

// Runs git in `folder`; returns its output, or throws RunError with git's own words.
std::string git(const std::vector<std::string>& args, const fs::path& folder) {
    Poco::Pipe out_pipe, err_pipe;
    std::string out, err;
    try {
        Poco::ProcessHandle process = Poco::Process::launch("git", args, folder.string(), nullptr, &out_pipe, &err_pipe);
        Poco::PipeInputStream out_stream(out_pipe), err_stream(err_pipe);
        Poco::StreamCopier::copyToString(out_stream, out);
        Poco::StreamCopier::copyToString(err_stream, err);
        if (process.wait() != 0) {
            std::string first = err.substr(0, err.find('\n'));
            throw RunError("git " + args.front() + " failed: " + (first.empty() ? "no reason given" : first));
        }
    } catch (const Poco::Exception& e) {
        throw RunError("cannot run git: " + e.displayText());
    }
    return out;
}

// Absolute paths of the files changed since a revision, and of new untracked ones.
std::set<fs::path> changed_since(const std::string& revision) {
    if (revision.empty() || revision.starts_with('-'))
        throw RunError("--changed-since takes a git revision, not '" + revision + "'");
    fs::path top = fs::path(git({"rev-parse", "--show-toplevel"}, fs::current_path()).substr(0)).lexically_normal();
    std::string top_text = top.string();
    while (!top_text.empty() && (top_text.back() == '\n' || top_text.back() == '\r')) top_text.pop_back();
    top = top_text;
    std::set<fs::path> files;
    auto add = [&](const std::string& list) {
        for (size_t start = 0; start < list.size();) {
            size_t end = list.find('\0', start);
            if (end == std::string::npos) end = list.size();
            if (end > start) files.insert((top / list.substr(start, end - start)).lexically_normal());
            start = end + 1;
        }
    };
    add(git({"diff", "--name-only", "-z", revision, "--"}, top));
    add(git({"ls-files", "--others", "--exclude-standard", "-z"}, top));
    return files;
}

bool is_hidden(const fs::path& path) {
    std::string name = path.filename().string();
    return name.size() > 1 && name[0] == '.' && name != "..";
}

// True when `path` (canonical) is `folder` (canonical) or below it; false for no folder.
bool is_within(const fs::path& path, const fs::path& folder) {
    if (folder.empty()) return false;
    auto [in_folder, in_path] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
    return in_folder == folder.end();
}

using FileSink = std::function<void(const fs::path&)>;
using SkipSink = std::function<void(const fs::path&, std::string)>;

// A symbolic link met in a walk: followed only when it leads inside the folder walked,
// so that content cannot make Touchpoint read (and quote) files elsewhere. A link to a
// folder inside is not followed: that folder is walked anyway, and links cannot loop.
void follow_link(const fs::path& link, const fs::path& inside, const FileSink& add_file, const SkipSink& skip) {
    std::error_code error;
    fs::path target = fs::canonical(link, error);
    if (error) {
        if (format_of(link)) skip(link, "a symbolic link that leads nowhere (" + error.message() + ")");
        return;
    }
    bool folder = is_folder(target);
    if (!is_within(target, inside)) {
        if (folder || format_of(link))
            skip(link, "a symbolic link to " + target.string() + ", outside the folder checked; not followed");
        return;
    }
    if (!folder && is_file(target) && format_of(link)) add_file(link);
}

// Walks a folder named on the command line, without recursion: the files Touchpoint
// reads, hidden entries left out. A folder that cannot be read (permissions, a path too
// long) is reported through `skip`, never passed over in silence.
void walk_folder(const fs::path& root, const FileSink& add_file, const SkipSink& skip) {
    std::error_code error;
    const fs::path inside = fs::canonical(root, error);
    std::vector<fs::path> folders{root};
    while (!folders.empty()) {
        fs::path folder = std::move(folders.back());
        folders.pop_back();
        fs::directory_iterator it(folder, error), end;
        if (error) {
            skip(folder, "cannot read the folder (" + error.message() + ")");
            continue;
        }
        for (; it != end; it.increment(error)) {
            if (error) break;
            const fs::path& path = it->path();
            if (is_hidden(path)) continue;
            std::error_code type_error;
            if (it->is_symlink(type_error)) follow_link(path, inside, add_file, skip);
            else if (it->is_directory(type_error)) folders.push_back(path);
            else if (it->is_regular_file(type_error) && format_of(path)) add_file(path);
        }
        if (error) skip(folder, "cannot read the whole folder (" + error.message() + ")");
    }
}

}  // namespace

struct Engine::Input {
    fs::path path;         // absolute; empty for standard input or a given text
    std::string display;   // as reported
    std::string relative;  // relative to the project folder, for channel and ignore globs
    std::optional<std::string> text;     // a text given whole (touchpoint serve)
    std::optional<std::string> channel;  // and its channel
    std::string skipped_because;         // set when the walk could not or would not read it
};

namespace {

// Standard input, read once for the run, and never more than `limit` + 1 bytes of it:
// nullopt when it holds more than `limit`.
const std::optional<std::string>& standard_input(uint64_t limit) {
    static std::once_flag read_once;
    static std::optional<std::string> text;
    std::call_once(read_once, [limit] {
        std::string bytes;
        std::vector<char> buffer(1 << 16);
        while (bytes.size() <= limit) {
            uint64_t wanted = std::min<uint64_t>(buffer.size(), limit + 1 - bytes.size());
            std::cin.read(buffer.data(), std::streamsize(wanted));
            bytes.append(buffer.data(), size_t(std::cin.gcount()));
            if (!std::cin) break;
        }
        if (bytes.size() <= limit) text = std::move(bytes);
    });
    return text;
}

int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Document::locate_source for the findings of one rule, which mostly come in order: the
// column of an offset on the line of the previous one is counted on from there, not from
// the line's start, so many findings on one long line cost its length once.
}  // namespace

// What a worker is doing, for the watchdog: which check, on which input, since when.
struct Engine::Watch {
    std::atomic<int64_t> since{0};  // 0: not in a check
    std::atomic<const CompiledCheck*> check{nullptr};
    std::atomic<size_t> input{0};
    std::atomic<bool> abandoned{false};
};

thread_local Engine::Watch* Engine::current_watch_ = nullptr;

struct Engine::Loaded {
    Document document;
    Suppressions suppressions;
    std::vector<TextContext> contexts;
};

class Engine::Context : public CompileContext {
public:
    explicit Context(const Brand& brand) : brand_(brand) {}
    const Brand& brand() const override { return brand_; }
    const Lexicon& lexicon() const override {
        std::call_once(once_, [this] {
            lexicon_ = std::make_unique<Lexicon>(brand_.locale);
            for (const std::string& word : brand_.accepted_words) lexicon_->accept(word);
        });
        return *lexicon_;
    }

private:
    const Brand& brand_;
    mutable std::once_flag once_;
    mutable std::unique_ptr<Lexicon> lexicon_;
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
    check_channels();
    load_plugins(host_, project_, options_.allow_project_plugins);
    if (host_.plugins().empty())
        throw RunError("no rule plugins found (looked in " + default_plugin_folders().front().string() +
                       " and TOUCHPOINT_PLUGIN_PATH)");
    context_ = std::make_unique<Context>(brand_);
    for (const LoadedPlugin& loaded : host_.plugins()) {
        if (disabled_everywhere(loaded.name)) continue;
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

ScheduleColumns Engine::schedule_columns() const { return project_ ? project_->schedule : ScheduleColumns{}; }

const ProseKeys& Engine::prose_keys() const {
    return project_ && project_->prose_keys ? *project_->prose_keys : default_prose_keys();
}

std::optional<Severity> Engine::effective(const std::string& rule, const std::string& channel, Severity severity) const {
    if (!project_) return severity;
    bool enabled = true;
    for (const RuleOverride& o : project_->overrides) {
        if (!o.selects(rule, channel)) continue;
        if (o.enabled) enabled = *o.enabled;
        if (o.severity) severity = *o.severity;
    }
    if (!enabled) return std::nullopt;
    return severity;
}

bool Engine::disabled_everywhere(const std::string& selector) const {
    if (!project_) return false;
    bool disabled = false;
    for (const RuleOverride& o : project_->overrides)
        if (o.selector == selector && o.channels.ids.empty() && o.enabled) disabled = !*o.enabled;
    return disabled;
}

Engine::~Engine() {
    checks_.clear();  // before the plugins that made them are unloaded
}

void Engine::check_channels() const {
    std::set<std::string> known(std::begin(builtin_channels), std::end(builtin_channels));
    for (const ChannelLimits& channel : brand_.channels) known.insert(channel.id);
    if (project_)
        for (const ChannelGlobs& channel : project_->channels) known.insert(channel.id);
    auto check_filter = [&](const ChannelFilter& filter, const SourceRef& where) {
        for (const std::string& id : filter.ids)
            if (!known.count(id))
                fail_at(where, "unknown channel '" + id + "'; declare it with <channel id=\"" + id +
                                   "\"/> in the brand file or the project file");
    };
    for (const Name& rule : brand_.names) check_filter(rule.channels, rule.where);
    for (const Prefer& rule : brand_.prefers) check_filter(rule.channels, rule.where);
    for (const Avoid& rule : brand_.avoids) check_filter(rule.channels, rule.where);
    if (options_.channel && !known.count(*options_.channel)) {
        std::string list;
        for (const std::string& id : known) list += (list.empty() ? "" : ", ") + id;
        throw RunError("unknown channel '" + *options_.channel + "' for --channel; known channels: " + list);
    }
}

std::vector<Engine::Input> Engine::collect_inputs() const {
    std::vector<Input> inputs;
    // The project's own files are skipped. Resolving a path costs a system call per
    // folder in it, so only files named like one of them are resolved.
    std::set<fs::path> own, own_names;
    std::vector<fs::path> own_files = project_ ? project_->own_files() : std::vector<fs::path>{};
    own_files.push_back(brand_.file);
    for (const fs::path& file : own_files) {
        own.insert(fs::weakly_canonical(file));
        own_names.insert(file.filename());
    }
    const fs::path cwd = fs::current_path();
    fs::path base = project_ ? project_->dir : cwd;

    auto add_file = [&](const fs::path& path) {
        fs::path absolute = (path.is_absolute() ? path : cwd / path).lexically_normal();
        if (own_names.count(absolute.filename()) && own.count(fs::weakly_canonical(absolute))) return;
        std::string relative = relative_to(absolute, base);
        if (project_ && project_->ignored(relative)) return;
        inputs.push_back({absolute, display_path(absolute, cwd), relative, {}, {}, {}});
    };
    // What the walk leaves out is an input too, reported in path order as skipped.
    auto add_skipped = [&](const fs::path& path, std::string why) {
        fs::path absolute = (path.is_absolute() ? path : cwd / path).lexically_normal();
        std::string relative = relative_to(absolute, base);
        if (project_ && project_->ignored(relative)) return;
        inputs.push_back({absolute, display_path(absolute, cwd), relative, {}, {}, std::move(why)});
    };

    std::vector<std::string> paths = options_.paths;
    if (paths.empty()) paths.push_back(".");
    for (const std::string& path : paths) {
        if (path == "-") {
            inputs.push_back({fs::path(), options_.stdin_name, options_.stdin_name, {}, {}, {}});
            continue;
        }
        std::error_code error;
        fs::file_status status = fs::status(path, error);
        if (!fs::exists(status))
            throw RunError("cannot read '" + path + "': no such file or folder");
        if (error) throw RunError("cannot read '" + path + "': " + error.message());
        if (fs::is_regular_file(status)) {
            add_file(path);
            continue;
        }
        if (!fs::is_directory(status)) throw RunError("cannot read '" + path + "': not a file or folder");
        walk_folder(path, add_file, add_skipped);
    }
    if (options_.changed_since) {
        // A folder that could not be read may hold changed files: its warning stays.
        std::set<fs::path> changed = changed_since(*options_.changed_since);
        std::erase_if(inputs, [&](const Input& input) {
            return !input.path.empty() && input.skipped_because.empty() && !changed.count(input.path);
        });
    }
    std::sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.display < b.display; });
    inputs.erase(std::unique(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.display == b.display; }),
                 inputs.end());
    return inputs;
}

std::optional<Engine::Loaded> Engine::load(const Input& input, std::vector<std::string>* warnings) const {
    std::string bytes;
    if (!input.skipped_because.empty()) {
        if (warnings) warnings->push_back("skipped " + input.display + ": " + input.skipped_because);
        return std::nullopt;
    }
    if (input.text) {
        bytes = *input.text;
    } else if (input.path.empty()) {
        const std::optional<std::string>& text = standard_input(options_.max_file_size);
        if (!text) {
            if (warnings)
                warnings->push_back("skipped " + input.display + ": it is over the " +
                                    std::to_string(options_.max_file_size >> 20) + " MiB limit (--max-file-size)");
            return std::nullopt;
        }
        bytes = *text;
    } else if (std::string why = read_file(input.path, bytes, options_.max_file_size); !why.empty()) {
        if (warnings) warnings->push_back("skipped " + input.display + ": " + why);
        return std::nullopt;
    }
    Format format = format_of(input.path.empty() ? fs::path(input.display) : input.path).value_or(Format::plain_text);
    std::optional<std::string> source;
    Extracted extracted;
    try {
        if (is_container(format)) {
            extracted = extract(format, bytes, schedule_columns(), prose_keys());
        } else {
            std::string why;
            source = decode(std::move(bytes), why);
            if (!source) throw FormatError(why);
            extracted = extract(format, *source, schedule_columns(), prose_keys());
        }
    } catch (const FormatError& e) {
        if (warnings) warnings->push_back("skipped " + input.display + ": " + e.what());
        return std::nullopt;
    }
    if (extracted.source) {
        source = std::move(*extracted.source);
        extracted.source.reset();
    }
    std::vector<Directive> directives = find_directives(*source, format, extracted.text);
    const Project* project = project_ ? &*project_ : nullptr;
    std::string channel = input.channel ? *input.channel
                          : options_.channel ? *options_.channel
                          : !extracted.channel.empty() ? extracted.channel
                                                       : channel_for(project, input.relative);
    std::vector<Turn> turns;
    if (is_script_channel(project, channel)) {
        Speakers speakers;
        if (project_ && project_->staff_speakers) speakers.staff = *project_->staff_speakers;
        if (project_ && project_->other_speakers) speakers.others = *project_->other_speakers;
        turns = find_turns(extracted.text, speakers);
    }
    Suppressions suppressions(std::move(directives), *source);
    return Loaded{Document(input.display, channel, std::move(*source), std::move(extracted.text), std::move(extracted.runs),
                           std::move(extracted.links), std::move(turns), std::move(extracted.line_numbers)),
                  std::move(suppressions), std::move(extracted.contexts)};
}

namespace {

bool same_span(const ReportedFinding& a, const ReportedFinding& b) {
    return a.whole_document == b.whole_document && a.begin.line == b.begin.line && a.begin.column == b.begin.column &&
           a.end.line == b.end.line && a.end.column == b.end.column;
}

// A span that a brand rule and pack rules both report is one finding, the brand's: the
// brand manager decided about those words, and the pack rules are named in its `also`.
// `findings` are in position order, so findings of one span are neighbours.
void merge_shared_spans(std::vector<ReportedFinding>& findings) {
    std::vector<ReportedFinding> kept;
    kept.reserve(findings.size());
    for (size_t first = 0, end = 0; first < findings.size(); first = end) {
        end = first + 1;
        while (end < findings.size() && same_span(findings[first], findings[end])) ++end;
        auto begin_span = findings.begin() + first, end_span = findings.begin() + end;
        auto brand = std::find_if(begin_span, end_span, [](const ReportedFinding& f) { return !f.from_pack; });
        for (auto f = begin_span; brand != end_span && f != end_span; ++f)
            if (f->from_pack) brand->also.push_back(f->rule);
        for (auto f = begin_span; f != end_span; ++f)
            if (brand == end_span || !f->from_pack) kept.push_back(std::move(*f));
    }
    findings = std::move(kept);
}

}  // namespace

FileReport Engine::check_input(const Input& input) {
    if (options_.isolate && !input.path.empty() && input.skipped_because.empty()) return check_isolated(input);
    std::vector<std::string> warnings;
    std::optional<Loaded> loaded = load(input, &warnings);
    if (!loaded) return {input.display, "", {}, {}, std::move(warnings), {}};
    const Document& document = loaded->document;
    FileReport report{input.display, document.channel(), {}, {}, {}, {}};
    report.lines = document.locate_source(uint32_t(document.source().size())).line;
    for (const CompiledCheck& compiled : checks_) run_check(compiled, document, report, &loaded->suppressions, loaded->contexts);
    auto key = [](const ReportedFinding& f) {
        return std::tie(f.begin.line, f.begin.column, f.end.line, f.end.column, f.rule, f.message, f.match);
    };
    std::sort(report.findings.begin(), report.findings.end(),
              [&](const ReportedFinding& a, const ReportedFinding& b) { return key(a) < key(b); });
    // The same finding reached twice (a URL both as text and as link destination) is one.
    report.findings.erase(std::unique(report.findings.begin(), report.findings.end(),
                                      [&](const ReportedFinding& a, const ReportedFinding& b) { return key(a) == key(b); }),
                          report.findings.end());
    merge_shared_spans(report.findings);
    std::sort(report.suppressed.begin(), report.suppressed.end(),
              [&](const SuppressedFinding& a, const SuppressedFinding& b) { return key(a.finding) < key(b.finding); });
    return report;
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
        report_fault(compiled.label + " failed on " + document.path() + ": " + why);
        ++rule_faults_;
    };
    if (!compiled.applies_to(document.channel())) return;
    CollectingReporter reporter(report);
    if (current_watch_) {
        current_watch_->check = &compiled;
        current_watch_->since = now_ns();
    }
    struct Done {
        ~Done() {
            if (current_watch_) current_watch_->since = 0;
        }
    } done;
    try {
        compiled.check->check(document, reporter);
    } catch (const std::exception& e) {
        fault(e.what());
        return;
    } catch (...) {
        fault("an exception that is not a std::exception");
        return;
    }
    std::string_view text = document.text(), source = document.source();
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
        std::optional<Severity> severity = effective(out.rule, document.channel(), finding.severity);
        if (!severity || *severity < options_.min_severity) continue;
        out.file = document.path();
        out.severity = *severity;
        out.message = std::move(finding.message);
        out.suggestions = std::move(finding.suggestions);
        out.fixable = finding.fixable;
        out.from_pack = !compiled.pack_rules.empty() || !compiled.pack_rule.empty();
        out.channel = document.channel();
        if (finding.anchor == Anchor::document) {
            out.whole_document = true;
        } else {
            size_t limit = finding.anchor == Anchor::text ? text.size() : source.size();
            if (finding.begin > finding.end || finding.end > limit) {
                fault("it reported a position outside the document");
                continue;
            }
            // In a script, rules speak to staff turns only; speaker labels and other
            // speakers' words are not the brand's voice.
            if (finding.anchor == Anchor::text && !document.in_staff_turn(finding.begin)) continue;
            uint32_t first = finding.anchor == Anchor::text ? document.source_offset(finding.begin) : finding.begin;
            uint32_t last = finding.end == finding.begin ? first
                            : finding.anchor == Anchor::text ? document.source_offset(finding.end - 1, true)
                                                             : finding.end - 1;
            Place begin = locate(first), end = locate(last), after = locate.after(last);
            out.begin = begin.location;
            out.end = end.location;
            out.begin_utf16 = begin.utf16_column;
            out.begin_byte = begin.byte_column;
            out.end_utf16 = after.utf16_column;
            out.end_byte = after.byte_column;
            out.source_begin = first;
            out.source_end = finding.end == finding.begin ? first : last + 1;
            while (out.source_end < source.size() && (static_cast<unsigned char>(source[out.source_end]) & 0xC0) == 0x80)
                ++out.source_end;
            out.match = std::string((finding.anchor == Anchor::text ? text : source).substr(finding.begin, finding.end - finding.begin));
            out.exact = finding.anchor == Anchor::source ||
                        source.substr(out.source_begin, out.source_end - out.source_begin) == out.match;
            if (finding.anchor == Anchor::text)
                for (const TextContext& context : contexts)
                    if (finding.begin >= context.text_begin && finding.begin < context.text_end) out.context = context.label;
        }
        if (!out.whole_document) out.excerpt = locate.excerpt(out.source_begin, out.source_end, out.begin.column);
        if (suppressions && !suppressions->empty()) {
            if (auto reason = suppressions->reason(out.rule, out.begin.line)) {
                report.suppressed.push_back({std::move(out), *reason});
                continue;
            }
        }
        report.findings.push_back(std::move(out));
    }
}

FileReport Engine::check_text(std::string text, const std::string& name, const std::optional<std::string>& channel) {
    Input input{fs::path(), name, name, std::move(text), channel, {}};
    return check_input(input);
}

// --isolate: the file is checked by a child touchpoint, so a plugin that crashes takes
// down only the child. The child writes its report as JSON (isolation.cpp).
FileReport Engine::check_isolated(const Input& input) {
    std::vector<std::string> args{"__isolated", input.path.string(), "--jobs", "1", "--min-severity",
                                  std::string(to_string(options_.min_severity)), "--max-file-size",
                                  std::to_string(options_.max_file_size >> 20), "--rule-timeout",
                                  std::to_string(options_.rule_seconds)};
    if (project_) args.insert(args.end(), {"--config", project_->file.string()});
    if (options_.brand) args.insert(args.end(), {"--brand", fs::absolute(*options_.brand).string()});
    if (options_.channel) args.insert(args.end(), {"--channel", *options_.channel});
    if (options_.allow_project_plugins) args.push_back("--allow-project-plugins");
    std::string out, err;
    int code = -1;
    try {
        Poco::Pipe out_pipe, err_pipe;
        std::error_code error;
        fs::path self = fs::read_symlink("/proc/self/exe", error);
        Poco::ProcessHandle child = Poco::Process::launch(self.string(), args, fs::current_path().string(), nullptr,
                                                          &out_pipe, &err_pipe);
        std::thread drain([&] {
            Poco::PipeInputStream stream(err_pipe);
            Poco::StreamCopier::copyToString(stream, err);
        });
        Poco::PipeInputStream stream(out_pipe);
        Poco::StreamCopier::copyToString(stream, out);
        drain.join();
        code = child.wait();
    } catch (const Poco::Exception& e) {
        err = "touchpoint: error: cannot start a child process for " + input.display + ": " + e.displayText() + "\n";
    }
    // The child's faults go on to standard error; its skip warnings come back in the
    // report, to be printed in path order.
    std::istringstream lines(err);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("touchpoint: warning: skipped ")) continue;
        std::lock_guard lock(stderr_mutex);
        std::cerr << line << '\n';
    }
    if (code == 0 || code == 1 || code == 2) {
        if (auto report = parse_isolated_report(out)) {
            if (code == 2) ++rule_faults_;
            return std::move(*report);
        }
    }
    ++rule_faults_;
    std::string why = code >= 256 ? "signal " + std::to_string(code - 256) + ", " + strsignal(code - 256)
                      : code > 128 ? "signal " + std::to_string(code - 128) + ", " + strsignal(code - 128)
                                   : "exit code " + std::to_string(code);
    report_fault("a plugin crashed on " + input.display + " (" + why + "); the file was skipped (--isolate)");
    return {input.display, "", {}, {}, {}, {}};
}

// Corpus-wide checks see every document before any is checked.
void Engine::observe(const std::vector<Input>& inputs) {
    int passes = 0;
    for (const CompiledCheck& compiled : checks_) passes = std::max(passes, compiled.check->observation_passes());
    unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
    for (int pass = 1; pass <= passes; ++pass) {
        std::atomic<size_t> next{0};
        auto work = [&] {
            for (size_t i = next++; i < inputs.size(); i = next++) {
                std::optional<Loaded> loaded = load(inputs[i], nullptr);  // warnings come with the check
                if (!loaded) continue;
                for (const CompiledCheck& compiled : checks_)
                    if (compiled.check->observation_passes() >= pass && compiled.applies_to(loaded->document.channel()))
                        compiled.check->observe(pass, loaded->document);
            }
        };
        std::vector<std::thread> workers;
        for (unsigned j = 0; j < std::min<size_t>(jobs, std::max<size_t>(1, inputs.size())); ++j) workers.emplace_back(work);
        for (std::thread& worker : workers) worker.join();
        for (const CompiledCheck& compiled : checks_)
            if (compiled.check->observation_passes() >= pass) compiled.check->end_pass(pass);
    }
}


// Everything the workers share, on the heap: a worker abandoned in a runaway rule may
// outlive run().
struct Engine::RunState {
    std::vector<Input> inputs;
    std::vector<std::optional<FileReport>> done;
    std::mutex mutex;
    // Two signals, so that a finished file wakes only a printer waiting for it, and the
    // watchdog wakes only on its clock or at the end (a wake per file costs a system call).
    std::condition_variable ready;       // done[awaited] is there
    std::condition_variable finishing;   // finished is set
    size_t awaited = SIZE_MAX;           // the file the printer waits for
    std::atomic<size_t> next{0};
    std::vector<std::pair<std::shared_ptr<Watch>, std::thread>> workers;
    bool finished = false;
};

void Engine::start_worker(const std::shared_ptr<RunState>& state) {
    auto watch = std::make_shared<Watch>();
    state->workers.emplace_back(watch, std::thread([this, state, watch] {
        current_watch_ = watch.get();
        for (size_t i = state->next++; i < state->inputs.size(); i = state->next++) {
            watch->input = i;
            FileReport report = check_input(state->inputs[i]);
            std::lock_guard lock(state->mutex);
            if (watch->abandoned) return;  // its file was given up; so is the thread
            state->done[i] = std::move(report);
            if (i == state->awaited) state->ready.notify_one();
        }
    }));
}

// Gives up a rule that runs over the time limit: the file's report says so, a new
// worker takes over, and the run goes on.
void Engine::watch(const std::shared_ptr<RunState>& state) {
    int64_t limit = int64_t(options_.rule_seconds * 1e9);
    std::unique_lock lock(state->mutex);
    while (!state->finished) {
        state->finishing.wait_for(lock, std::chrono::milliseconds(50));
        size_t count = state->workers.size();
        for (size_t w = 0; w < count; ++w) {
            Watch& watch = *state->workers[w].first;
            int64_t since = watch.since;
            if (since == 0 || watch.abandoned || now_ns() - since < limit) continue;
            watch.abandoned = true;
            ++abandoned_;
            ++rule_faults_;
            const Input& input = state->inputs[watch.input];
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%g", options_.rule_seconds);
            report_fault(watch.check.load()->label + " ran over the time limit of " + seconds + " s on " + input.display +
                         "; it was abandoned (--rule-timeout)");
            FileReport skipped{input.display, "", {}, {}, {"skipped " + input.display + ": a rule ran over the time limit"}, {}};
            if (!state->done[watch.input]) state->done[watch.input] = std::move(skipped);
            start_worker(state);
            state->ready.notify_all();
        }
    }
}

void Engine::run(const std::function<void(const FileReport&)>& on_file) {
    auto state = std::make_shared<RunState>();
    state->inputs = collect_inputs();
    // --output over a file the run reads would lose it: refused before anything is checked.
    if (options_.output) {
        std::vector<fs::path> read = project_ ? project_->own_files() : std::vector<fs::path>{};
        read.push_back(brand_.file);
        for (const Input& input : state->inputs)
            if (!input.path.empty()) read.push_back(input.path);
        refuse_output_over(*options_.output, read);
    }
    observe(state->inputs);
    const std::vector<Input>& inputs = state->inputs;
    unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = unsigned(std::min<size_t>(jobs, std::max<size_t>(1, inputs.size())));
    state->done.resize(inputs.size());
    {
        std::lock_guard lock(state->mutex);
        for (unsigned j = 0; j < jobs; ++j) start_worker(state);
    }
    std::thread watchdog([this, state] { watch(state); });
    auto finish = [&] {
        std::vector<std::pair<std::shared_ptr<Watch>, std::thread>> workers;
        {
            std::lock_guard lock(state->mutex);
            state->finished = true;
            state->finishing.notify_all();
        }
        watchdog.join();
        {
            std::lock_guard lock(state->mutex);
            workers.swap(state->workers);
        }
        for (auto& [watch, thread] : workers) {
            if (watch->abandoned) thread.detach();  // still in the runaway rule
            else thread.join();
        }
    };
    // Report in path order as soon as each file's turn comes; nothing is kept after that.
    try {
        for (size_t i = 0; i < inputs.size(); ++i) {
            std::unique_lock lock(state->mutex);
            state->awaited = i;
            state->ready.wait(lock, [&] { return state->done[i].has_value(); });
            FileReport report = std::move(*state->done[i]);
            state->done[i].reset();
            lock.unlock();
            for (const std::string& warning : report.warnings) warn(warning);
            on_file(report);
        }
    } catch (...) {
        state->next = inputs.size();  // workers take no more files
        finish();
        throw;
    }
    finish();
    class Tables : public CorpusReporter {
    public:
        explicit Tables(decltype(corpus_tables_)& tables) : tables_(tables) {}
        void row(std::string_view table, std::vector<std::pair<std::string, double>> cells) override {
            tables_[std::string(table)].push_back(std::move(cells));
        }

    private:
        decltype(corpus_tables_)& tables_;
    } tables(corpus_tables_);
    for (const CompiledCheck& compiled : checks_) compiled.check->summarize(tables);
}

}  // namespace touchpoint
