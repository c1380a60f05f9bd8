// The touchpoint command: check, rules, version (README.md, docs/getting-started.md).
#include "baseline.hpp"
#include "brand_reader.hpp"
#include "fix.hpp"
#include "isolation.hpp"
#include "server.hpp"
#include "engine.hpp"
#include "report.hpp"
#include "safe_write.hpp"
#include "xml_file.hpp"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace touchpoint;

namespace {

constexpr const char* usage = R"(usage: touchpoint <command> [options]

commands:
  check [PATH ...]      check files and folders (default: the current folder)
  check -               check the text on standard input
  fix [PATH ...]        apply unambiguous suggestions to text and Markdown files (--dry-run: show a diff)
  baseline [PATH ...]   record today's findings (--output, default touchpoint-baseline.json)
  serve                 the checks over HTTP on localhost: /api/check, /api/rules, /health,
                        and LanguageTool's /v2/check and /v2/languages
                        (--port 8081, --public, --allow-origin ORIGIN, --max-request-size KIB,
                        --request-timeout SECONDS, --idle-timeout SECONDS, --jobs N checks at once)
  rules                 list loaded plugins, their rule types and packs
  version               print the version

check options:
  --config FILE         the project file (default: touchpoint.xml here or above)
  --brand FILE          a brand file, without or overriding the project file
  --channel ID          treat every input as this channel
  --format FORMAT       text (default), json, sarif, junit, checkstyle, github, rdjson or html
  --output FILE         write the report there instead of standard output
  --min-severity LEVEL  suggestion, warning or error (default suggestion)
  --jobs N              worker threads (default: all cores)
  --stdin-filename NAME the name (and so the format and channel) of standard input
  --max-file-size MIB   skip files larger than this (default 64)
  --rule-timeout SECONDS give up a rule that runs longer on one document (default 10)
  --baseline FILE       report only findings the baseline does not hold
  --changed-since REV   check only files git says changed since REV (and new ones)
  --dry-run             with fix: print a unified diff, change nothing
  --isolate             check each file in a child process: a crashing plugin skips only that file
  --allow-project-plugins load the plugin folders the project file names (code from the
                        content repository: never on untrusted pull requests)
  --strict              exit 2 when any input was skipped (unreadable, too large, malformed, ...)
  --color WHEN          auto, always or never (default auto: on a terminal, unless NO_COLOR)

exit codes: 0 no error finding, 1 at least one error finding, 2 the run failed
)";

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CommandLine {
    std::string command;
    CheckOptions check;
    std::string format = "text";
    std::optional<std::string> output;
    std::string color = "auto";
    std::optional<std::string> baseline;
    bool dry_run = false;
    bool strict = false;  // a skipped input fails the run
    ServeOptions serve;
};

CommandLine parse(int argc, char** argv) {
    CommandLine line;
    if (argc < 2) throw Failure("no command given; try 'touchpoint check' or 'touchpoint --help'");
    line.command = argv[1];
    bool checks = line.command == "check" || line.command == "fix" || line.command == "baseline" ||
                  line.command == "__isolated";
    if (!checks && line.command != "rules" && line.command != "version" && line.command != "serve")
        throw Failure("unknown command '" + line.command + "'; the commands are check, fix, baseline, serve, rules and version");
    bool options_done = false;
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        if (options_done || arg == "-" || !arg.starts_with("-")) {
            if (!checks) throw Failure("'touchpoint " + line.command + "' takes no path");
            line.check.paths.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_done = true;
            continue;
        }
        std::string name = arg, value;
        bool inline_value = false;
        if (size_t eq = arg.find('='); eq != std::string::npos) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
            inline_value = true;
        }
        auto take = [&]() -> std::string {
            if (inline_value) return value;
            if (i + 1 >= argc) throw Failure("option " + name + " needs a value");
            return argv[++i];
        };
        if (name == "--config") line.check.config = take();
        else if (name == "--brand") line.check.brand = take();
        else if (name == "--channel") line.check.channel = take();
        else if (name == "--format") line.format = take();
        else if (name == "--output") line.output = take();
        else if (name == "--stdin-filename") line.check.stdin_name = take();
        else if (name == "--color" || name == "--colour") line.color = take();
        else if (name == "--baseline") line.baseline = take();
        else if (name == "--changed-since") line.check.changed_since = take();
        else if (name == "--dry-run") line.dry_run = true;
        else if (name == "--isolate") line.check.isolate = true;
        else if (name == "--allow-project-plugins") line.check.allow_project_plugins = true;
        else if (name == "--strict") line.strict = true;
        else if (name == "--public") line.serve.public_address = true;
        else if (name == "--allow-origin") line.serve.allow_origin = take();
        else if (name == "--request-timeout" || name == "--idle-timeout") {
            std::string text = take();
            char* end = nullptr;
            double seconds = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end || !(seconds > 0) || seconds > 3600)
                throw Failure(name + " takes a number of seconds, not '" + text + "'");
            (name == "--request-timeout" ? line.serve.request_seconds : line.serve.idle_seconds) = seconds;
        }
        else if (name == "--port" || name == "--max-request-size") {
            std::string text = take();
            unsigned value = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (error != std::errc() || end != text.data() + text.size() || value > 65535 || (name == "--max-request-size" && value == 0))
                throw Failure(name + " takes a whole number, not '" + text + "'");
            if (name == "--port") line.serve.port = value;
            else line.serve.max_request_bytes = size_t(value) << 10;
        }
        else if (name == "--min-severity") {
            std::string level = take();
            auto severity = parse_severity(level);
            if (!severity) throw Failure("--min-severity takes suggestion, warning or error, not '" + level + "'");
            line.check.min_severity = *severity;
        } else if (name == "--max-file-size") {
            std::string size = take();
            unsigned megabytes = 0;
            auto [end, error] = std::from_chars(size.data(), size.data() + size.size(), megabytes);
            if (error != std::errc() || end != size.data() + size.size() || megabytes == 0 || megabytes > 4096)
                throw Failure("--max-file-size takes a number of MiB from 1 to 4096, not '" + size + "'");
            line.check.max_file_size = uint64_t(megabytes) << 20;
        } else if (name == "--rule-timeout") {
            std::string text = take();
            char* end = nullptr;
            double seconds = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end || !(seconds > 0) || seconds > 86400)
                throw Failure("--rule-timeout takes a number of seconds, not '" + text + "'");
            line.check.rule_seconds = seconds;
        } else if (name == "--jobs" || name == "-j") {
            std::string count = take();
            unsigned jobs = 0;
            auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), jobs);
            if (error != std::errc() || end != count.data() + count.size() || jobs == 0 || jobs > 1024)
                throw Failure("--jobs takes a whole number from 1 to 1024, not '" + count + "'");
            line.check.jobs = jobs;
        } else {
            throw Failure("unknown option '" + arg + "'; see 'touchpoint --help'");
        }
    }
    if (line.color != "auto" && line.color != "always" && line.color != "never")
        throw Failure("--color takes auto, always or never, not '" + line.color + "'");
    if (line.command != "check" && line.format != "text") throw Failure("--format goes with 'touchpoint check'");
    if (line.command != "check" && line.command != "baseline" && line.output)
        throw Failure("--output goes with 'touchpoint check' and 'touchpoint baseline'");
    if (line.dry_run && line.command != "fix") throw Failure("--dry-run goes with 'touchpoint fix'");
    if (line.command == "baseline") line.output = line.output.value_or("touchpoint-baseline.json");
    line.check.output = line.output;
    if (line.strict && line.command != "check") throw Failure("--strict goes with 'touchpoint check'");
    return line;
}

bool use_color(const CommandLine& line, bool to_terminal) {
    if (line.color == "always") return true;
    if (line.color == "never") return false;
    return to_terminal && !std::getenv("NO_COLOR") && line.format == "text";
}

// The engine of a check lives until the process exits: freeing its dictionaries (a
// hundred thousand small blocks each) and unloading its plugins cost a fifth of a short
// run, and the system takes the memory back at once. Held by a static, so that leak
// checkers see it as reachable.
Engine& lasting_engine(const CheckOptions& options) {
    static Engine* engine = new Engine(options);
    return *engine;
}

int run_check(const CommandLine& line) {
    Engine& engine = lasting_engine(line.check);
    if (line.output && line.baseline && FileIdentity(*line.output).is(*line.baseline))
        throw Failure("--output '" + *line.output + "' would replace the baseline '" + *line.baseline + "'; choose another file");
    std::optional<AtomicFile> file;  // created first: a folder that refuses it fails the run at once
    if (line.output) file.emplace(*line.output);
    std::ostream& out = file ? file->stream() : std::cout;
    RunInfo run;
    run.version = TOUCHPOINT_VERSION;
    run.brand = engine.brand().name;
    run.promise = engine.brand().promise;
    run.pass_mark = engine.brand().pass_mark;
    for (const Pillar& pillar : engine.brand().pillars) run.pillars.emplace_back(pillar.id, pillar.label);
    for (const LoadedPlugin& plugin : engine.plugins().plugins())
        for (const RuleInfo& rule : plugin.rules) run.rules[plugin.name + "." + rule.name] = rule.description;
    auto writer = make_writer(line.format, out, use_color(line, !file && isatty(STDOUT_FILENO)), run);
    std::optional<Baseline> baseline;
    if (line.baseline) baseline = Baseline::load(*line.baseline);
    Summary summary;
    engine.run([&](const FileReport& original) {
        std::optional<FileReport> filtered;  // a copy only when a baseline takes findings away
        if (baseline) {
            filtered = original;
            std::erase_if(filtered->findings, [&](const ReportedFinding& f) { return baseline->absorbs(f); });
        }
        const FileReport& report = filtered ? *filtered : original;
        if (report.channel.empty()) ++summary.skipped;
        else ++summary.files;
        for (const ReportedFinding& finding : report.findings) summary.add(finding);
        summary.suppressed += report.suppressed.size();
        writer->file(report);
    });
    run.corpus = engine.corpus_tables();
    writer->finish(summary);
    out.flush();
    if (file) file->commit();
    if (engine.abandoned() > 0) {
        std::cout.flush();
        std::cerr.flush();
        std::_Exit(2);  // a runaway rule's thread still runs: no destructors
    }
    if (engine.rule_faults() > 0) return 2;
    if (line.strict && summary.skipped > 0) {
        std::cerr << "touchpoint: error: " << summary.skipped << (summary.skipped == 1 ? " input was" : " inputs were")
                  << " skipped (--strict)\n";
        return 2;
    }
    return summary.errors > 0 ? 1 : 0;
}

int run_baseline(const CommandLine& line) {
    Engine& engine = lasting_engine(line.check);
    Baseline baseline;
    engine.run([&](const FileReport& report) {
        for (const ReportedFinding& finding : report.findings) baseline.add(finding);
    });
    const std::string& path = *line.output;
    write_file_safely(path, baseline.json());
    std::cerr << "touchpoint: recorded " << baseline.size() << " findings in " << path << '\n';
    if (engine.abandoned() > 0) std::_Exit(2);
    return engine.rule_faults() > 0 ? 2 : 0;
}

int run_fix(const CommandLine& line) {
    Engine& engine = lasting_engine(line.check);
    size_t fixes = 0, files = 0, unchanged = 0;
    engine.run([&](const FileReport& report) {
        std::vector<std::string> left;  // findings fix does not apply, and why
        try {
            size_t n = fix_file(report, line.dry_run, std::cout, &left);
            fixes += n;
            files += n > 0;
        } catch (const WriteError& e) {  // that file only: the others are still fixed
            std::cerr << "touchpoint: error: " << e.what() << '\n';
            ++unchanged;
        }
        for (const std::string& note : left) std::cerr << "touchpoint: left " << note << '\n';
    });
    std::cerr << "touchpoint: " << (line.dry_run ? "would fix " : "fixed ") << fixes << (fixes == 1 ? " finding" : " findings")
              << " in " << files << (files == 1 ? " file" : " files");
    if (unchanged > 0) std::cerr << "; " << unchanged << (unchanged == 1 ? " file" : " files") << " left unchanged";
    std::cerr << '\n';
    if (engine.abandoned() > 0) std::_Exit(2);
    return engine.rule_faults() > 0 || unchanged > 0 ? 2 : 0;
}

// The child side of --isolate: one file, its report as JSON on standard output.
int run_isolated(const CommandLine& line) {
    Engine& engine = lasting_engine(line.check);
    engine.run([&](const FileReport& report) { write_isolated_report(report, std::cout); });
    std::cout.flush();
    if (engine.abandoned() > 0) std::_Exit(2);
    return engine.rule_faults() > 0 ? 2 : 0;
}

int run_rules(const CommandLine& line) {
    std::optional<Project> project = load_project(line.check.config, {});
    PluginHost host;
    load_plugins(host, project, line.check.allow_project_plugins);
    for (const LoadedPlugin& plugin : host.plugins()) {
        std::cout << plugin.name << "  " << plugin.plugin->description() << "\n    " << plugin.file.string() << '\n';
        for (const RuleInfo& rule : plugin.rules)
            std::cout << "    " << plugin.name << '.' << rule.name << "  (" << to_string(rule.default_severity) << ")  "
                      << rule.description << '\n';
    }
    if (project && !project->packs.empty()) {
        std::cout << "packs\n";
        for (const PackRef& pack : project->packs)
            std::cout << "    " << (pack.id.empty() ? pack.file.stem().string() : pack.id) << "  " << pack.file.string() << '\n';
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h" ||
                      std::string_view(argv[1]) == "help")) {
        std::cout << usage;
        return 0;
    }
    // "touchpoint check --help": the usage, whatever else the line says (before "--").
    for (int i = 2; i < argc && std::string_view(argv[i]) != "--"; ++i)
        if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
            std::cout << usage;
            return 0;
        }
    try {
        CommandLine line = parse(argc, argv);
        if (line.command == "version") {
            std::cout << "touchpoint " << TOUCHPOINT_VERSION << " (plugin API " << TOUCHPOINT_API_VERSION << ")\n";
            return 0;
        }
        if (line.command == "rules") return run_rules(line);
        if (line.command == "baseline") return run_baseline(line);
        if (line.command == "fix") return run_fix(line);
        if (line.command == "__isolated") return run_isolated(line);
        if (line.command == "serve") {
            Engine engine(line.check);
            line.serve.workers = job_count(line.check.jobs);
            return serve(engine, line.serve, TOUCHPOINT_VERSION);
        }
        if (!is_report_format(line.format))
            throw Failure("unknown format '" + line.format + "'; the formats are " + std::string(report_formats()));
        return run_check(line);
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "touchpoint: error: " << e.what() << '\n';
        return 2;
    }
}
