// The touchpoint command: check, fix, baseline, serve, rules, version (README.md, docs/getting-started.md).
#include "actions/baseline.hpp"
#include "actions/import_vale.hpp"
#include "actions/init.hpp"
#include "watch.hpp"
#include "command_line.hpp"
#include "formats/formats.hpp"
#include "config/brand_reader.hpp"
#include "actions/fix.hpp"
#include "engine/isolation.hpp"
#include "server/server.hpp"
#include "lsp/server.hpp"
#include "engine/engine.hpp"
#include "report/report.hpp"
#include "actions/safe_write.hpp"
#include "config/xml_file.hpp"

#include <charconv>
#include <fcntl.h>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace touchpoint;

namespace {

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Exit code 1: a finding at --fail-on's severity or above, or a score under --fail-under.
bool gate_fails(const CommandLine& line, const Summary& summary) {
    size_t failing = summary.errors + (line.fail_on <= Severity::warning ? summary.warnings : 0) +
                     (line.fail_on == Severity::suggestion ? summary.suggestions : 0);
    if (failing > 0) return true;
    if (!line.fail_under || summary.score() >= *line.fail_under) return false;
    std::cerr << "touchpoint: the on-promise score " << summary.score() << " is below --fail-under " << *line.fail_under << '\n';
    return true;
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

int check_with(Engine& engine, const CommandLine& line) {
    if (line.check.output && line.baseline && FileIdentity(*line.check.output).is(*line.baseline))
        throw Failure("--output '" + *line.check.output + "' would replace the baseline '" + *line.baseline + "'; choose another file");
    std::optional<AtomicFile> file;  // created first: a folder that refuses it fails the run at once
    if (line.check.output) file.emplace(*line.check.output);
    std::ostream& out = file ? file->stream() : std::cout;
    RunInfo run;
    run.version = TOUCHPOINT_VERSION;
    run.brand = engine.brand().name;
    run.promise = engine.brand().promise;
    for (const Brand::Promise& p : engine.brand().promises)
        if (p.lang != engine.brand().default_language()) run.translated_promises.emplace_back(p.lang, p.text);
    run.pass_mark = engine.brand().pass_mark;
    run.measures = engine.measures();
    run.quiet = line.quiet;
    for (const LoadedPlugin& plugin : engine.plugins().plugins())
        for (const RuleInfo& rule : plugin.rules) run.rules[plugin.name + "." + rule.name] = rule.description;
    auto writer = make_writer(line.format, out, use_color(line, !file && isatty(STDOUT_FILENO)), run);
    std::optional<Baseline> baseline;
    if (line.baseline) baseline = Baseline::load(*line.baseline);
    Summary summary;
    summary.pass_mark = run.pass_mark;
    engine.run([&](const FileReport& original) {
        std::optional<FileReport> filtered;  // a copy only when a baseline takes findings away
        if (baseline) {
            filtered = original;
            summary.baselined += std::erase_if(filtered->findings, [&](const ReportedFinding& f) { return baseline->absorbs(f); });
        }
        const FileReport& report = filtered ? *filtered : original;
        summary.add_file(report);
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
    return gate_fails(line, summary) ? 1 : 0;
}

int run_check(const CommandLine& line) {
    if (!line.watch) return check_with(lasting_engine(line.check), line);
    // Each check builds its engine afresh: an edited brand or project file counts, and
    // corpus-wide rules observe the corpus as it is now.
    std::vector<std::string> configuration;
    if (line.check.config) configuration.push_back(*line.check.config);
    if (line.check.brand) configuration.push_back(*line.check.brand);
    return watch(line.check.paths, configuration, [&] {
        Engine engine(line.check);
        return check_with(engine, line);
    });
}

int run_baseline(const CommandLine& line) {
    Engine& engine = lasting_engine(line.check);
    Baseline baseline;
    engine.run([&](const FileReport& report) {
        for (const ReportedFinding& finding : report.findings) baseline.add(finding);
    });
    const std::string& path = *line.check.output;
    write_file_safely(path, baseline.json());
    std::cerr << "touchpoint: recorded " << baseline.size() << " findings in " << path << '\n';
    if (engine.abandoned() > 0) std::_Exit(2);
    return engine.rule_faults() > 0 ? 2 : 0;
}

int run_fix(const CommandLine& line) {
    for (const std::string& path : line.check.paths)
        if (path == "-") throw Failure("fix rewrites files, and standard input is none; check it with 'touchpoint check -'");
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

int run_init(const CommandLine& line) {
    std::string folder = line.check.paths.empty() ? "." : line.check.paths.front();
    InitResult result = init_project(folder);
    std::cerr << "touchpoint: wrote " << result.written[0].string() << " and " << result.written[1].string() << " from "
              << result.files_read << (result.files_read == 1 ? " file" : " files")
              << "; keep the proposals that are true of your brand, then run 'touchpoint check'\n";
    for (const std::string& note : result.notes) std::cerr << "touchpoint: note: " << note << '\n';
    return 0;
}

// The elements on standard output, to paste into brand.xml; what was left on standard error.
int run_import(const CommandLine& line) {
    ValeImport imported = import_vale(line.check.paths.front());
    std::cout << "<!-- From Vale (" << line.check.paths.front() << "), by 'touchpoint import vale': paste into <brand>. -->\n"
              << imported.elements;
    for (const std::string& why : imported.left) std::cerr << "touchpoint: left " << why << '\n';
    std::cerr << "touchpoint: converted " << imported.files << (imported.files == 1 ? " file" : " files") << "; left "
              << imported.left.size() << '\n';
    return 0;
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
    std::cout << "formats\n";  // what check reads, by extension
    for (const FormatInfo& format : input_formats()) {
        std::cout << "    " << format.name << " ";
        for (std::string_view extension : format.extensions) std::cout << ' ' << extension;
        std::cout << (format.fixable ? "  (fix rewrites these)" : "") << '\n';
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
    try {
        std::optional<CommandLine> parsed = parse_command_line(argc, argv);
        if (!parsed) return 0;  // --help
        const CommandLine& line = *parsed;
        if (line.command == "version") {
            std::cout << "touchpoint " << TOUCHPOINT_VERSION << " (plugin API " << TOUCHPOINT_API_VERSION << ")\n";
            return 0;
        }
        if (line.command == "rules") return run_rules(line);
        if (line.command == "init") return run_init(line);
        if (line.command == "import") return run_import(line);
        if (line.command == "baseline") return run_baseline(line);
        if (line.command == "fix") return run_fix(line);
        if (line.command == "__isolated") return run_isolated(line);
        if (line.command == "lsp") {
            // A client may hand over non-blocking pipes (Node does): a full pipe would then
            // fail a write, and the stream with it, losing every later message.
            for (int fd : {STDIN_FILENO, STDOUT_FILENO})
                if (int flags = fcntl(fd, F_GETFL); flags != -1 && (flags & O_NONBLOCK)) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
            std::ios::sync_with_stdio(false);
            std::cin.tie(nullptr);  // else each read flushes std::cout from the reader thread, racing the writer
            int code = lsp::serve(std::cin, std::cout, {line.check.allow_project_plugins, line.check.jobs}, TOUCHPOINT_VERSION);
            std::cout.flush();
            std::_Exit(code);  // the reader may be in a read, a runaway rule's thread may still run
        }
        if (line.command == "serve") {
            Engine engine(line.check);
            ServeOptions options = line.serve;
            options.workers = job_count(line.check.jobs);
            return serve(engine, options, TOUCHPOINT_VERSION);
        }
        return run_check(line);
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "touchpoint: error: " << e.what() << '\n';
        return 2;
    }
}
