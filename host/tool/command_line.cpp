#include "command_line.hpp"

#include "formats/formats.hpp"

#include "base/strings.hpp"
#include "report/report.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdlib>
#include <functional>
#include <iostream>

namespace touchpoint {
namespace {

using Setter = std::function<void(const std::string&)>;

CLI::Option* value_option(CLI::App& app, const std::string& names, const std::string& type, const std::string& help,
                          Setter set) {
    // Given twice, the last one counts, as in most commands.
    return app.add_option_function<std::string>(names, std::move(set), help)
        ->type_name(type)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

CLI::Option* text_option(CLI::App& app, const std::string& names, const std::string& type, const std::string& help,
                         std::optional<std::string>& target) {
    return value_option(app, names, type, help, [&target](const std::string& value) { target = value; });
}

unsigned whole_number(const std::string& text, const std::string& option, unsigned low, unsigned high,
                      const std::string& wanted) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < low || value > high)
        throw UsageError(option + " takes " + wanted + ", not '" + text + "'");
    return value;
}

double seconds(const std::string& text, const std::string& option, double most) {
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end || !(value > 0) || value > most)
        throw UsageError(option + " takes a number of seconds, not '" + text + "'");
    return value;
}

// Options of every command that builds an engine: where the brand and project are, which rules apply.
void add_engine_options(CLI::App& app, CommandLine& line) {
    CheckOptions& check = line.check;
    text_option(app, "--config", "FILE", "the project file (default: touchpoint.xml here or above)", check.config);
    text_option(app, "--brand", "FILE", "a brand file, without or overriding the project file", check.brand);
    text_option(app, "--channel", "ID", "treat every input as this channel", check.channel);
    value_option(app, "--min-severity", "LEVEL", "suggestion, warning or error (default suggestion)",
                 [&check](const std::string& level) {
                     auto severity = parse_severity(level);
                     if (!severity) throw UsageError("--min-severity takes suggestion, warning or error, not '" + level + "'");
                     check.min_severity = *severity;
                 });
    value_option(app, "-j,--jobs", "N", "worker threads (default: all cores)", [&check](const std::string& count) {
        check.jobs = whole_number(count, "--jobs", 1, 1024, "a whole number from 1 to 1024");
    });
    value_option(app, "--rule-timeout", "SECONDS", "give up a rule that runs longer on one document (default 10)",
                 [&check](const std::string& text) { check.rule_seconds = seconds(text, "--rule-timeout", 86400); });
    app.add_flag("--allow-project-plugins", check.allow_project_plugins,
                 "load the plugin folders the project file names (code from the content repository: "
                 "never on untrusted pull requests)");
}

// Options of the commands that walk paths: check, fix, baseline.
void add_input_options(CLI::App& app, CommandLine& line) {
    CheckOptions& check = line.check;
    add_engine_options(app, line);
    app.add_option("paths", check.paths, "files and folders (default: the current folder); - reads standard input")
        ->type_name("PATH");
    value_option(app, "--stdin-filename", "NAME", "the name (and so the format and channel) of standard input",
                 [&check](const std::string& name) { check.stdin_name = name; });
    value_option(app, "--max-file-size", "MIB", "skip files larger than this (default 64)", [&check](const std::string& size) {
        check.max_file_size = uint64_t(whole_number(size, "--max-file-size", 1, 4096, "a number of MiB from 1 to 4096")) << 20;
    });
    text_option(app, "--changed-since", "REV", "check only files git says changed since REV (and new ones)",
                check.changed_since);
    // Each --exclude is one glob; CLI11 joins them, one a line.
    value_option(app, "--exclude", "GLOB", "leave out paths matching GLOB, like the project's <ignore> (repeatable)",
                 [&check](const std::string& globs) { check.excludes = split_each(globs, '\n'); })
        ->multi_option_policy(CLI::MultiOptionPolicy::Join)
        ->delimiter('\n');
    app.add_flag("--isolate", check.isolate, "check each file in a child process: a crashing plugin skips only that file");
}

void add_check(CLI::App& app, CommandLine& line) {
    CLI::App& check = *app.add_subcommand("check", "check files and folders (" + input_extensions() + "), or standard input (-)");
    add_input_options(check, line);
    value_option(check, "--format", "FORMAT", "the report: " + report_formats() + " (default text)",
                 [&line](const std::string& format) {
                     if (!is_report_format(format))
                         throw UsageError("unknown format '" + format + "'; the formats are " + report_formats());
                     line.format = format;
                 });
    text_option(check, "--output", "FILE", "write the report there instead of standard output", line.check.output);
    text_option(check, "--baseline", "FILE", "report only findings the baseline does not hold", line.baseline);
    check.add_flag("--strict", line.strict, "exit 2 when any input was skipped (unreadable, too large, malformed, ...)");
    check.add_flag("-q,--quiet", line.quiet, "only the findings: no summary and no corpus tables");
    check.add_flag("-w,--watch", line.watch, "check again whenever a file under the paths changes (Ctrl-C ends)");
    value_option(check, "--fail-on", "LEVEL", "exit 1 on a finding of this severity or above: error (default), warning or suggestion",
                 [&line](const std::string& level) {
                     auto severity = parse_severity(level);
                     if (!severity) throw UsageError("--fail-on takes error, warning or suggestion, not '" + level + "'");
                     line.fail_on = *severity;
                 });
    value_option(check, "--fail-under", "SCORE", "exit 1 when the on-promise score (0-100, docs/ci.md) is below SCORE",
                 [&line](const std::string& score) {
                     line.fail_under = int(whole_number(score, "--fail-under", 0, 100, "a score from 0 to 100"));
                 });
    value_option(check, "--color,--colour", "WHEN", "auto, always or never (default auto: on a terminal, unless NO_COLOR)",
                 [&line](const std::string& when) {
                     if (when != "auto" && when != "always" && when != "never")
                         throw UsageError("--color takes auto, always or never, not '" + when + "'");
                     line.color = when;
                 });
}

void add_serve(CLI::App& app, CommandLine& line) {
    CLI::App& serve = *app.add_subcommand(
        "serve", "the checks over HTTP on localhost: /api/check, /api/rules, /health, and LanguageTool's /v2/check "
                 "and /v2/languages");
    add_engine_options(serve, line);
    ServeOptions& options = line.serve;
    value_option(serve, "--port", "PORT", "the port to listen on (default 8081)", [&options](const std::string& text) {
        options.port = whole_number(text, "--port", 0, 65535, "a whole number");
    });
    serve.add_flag("--public", options.public_address, "listen on every address, not only localhost");
    value_option(serve, "--allow-origin", "ORIGIN", "a web origin whose pages may call the API (CORS)",
                 [&options](const std::string& origin) { options.allow_origin = origin; });
    value_option(serve, "--max-request-size", "KIB", "refuse larger requests (default 1024)", [&options](const std::string& text) {
        options.max_request_bytes = size_t(whole_number(text, "--max-request-size", 1, 65535, "a whole number")) << 10;
    });
    value_option(serve, "--request-timeout", "SECONDS", "answer 503 to a check that takes longer (default 10)",
                 [&options](const std::string& text) { options.request_seconds = seconds(text, "--request-timeout", 3600); });
    value_option(serve, "--idle-timeout", "SECONDS", "close a connection that sends nothing for this long (default 5)",
                 [&options](const std::string& text) { options.idle_seconds = seconds(text, "--idle-timeout", 3600); });
}

// The commands an option belongs to, for "--strict goes with 'touchpoint check'".
std::string owners_of(const CLI::App& app, const std::string& option) {
    std::vector<std::string> owners;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App* c) { return !c->get_group().empty(); }))
        if (command->get_option_no_throw(option)) owners.push_back("'touchpoint " + command->get_name() + "'");
    std::string text;
    for (size_t i = 0; i < owners.size(); ++i)
        text += (i == 0 ? "" : i + 1 == owners.size() ? " and " : ", ") + owners[i];
    return text;
}

// What the chosen command did not take: an unknown option, or a path for a command
// without paths. After "--" every argument is a path, even one starting with '-'.
void take_leftovers(const CLI::App& app, const CLI::App& command, std::vector<std::string>& paths) {
    bool paths_only = false;
    bool takes_paths = command.get_option_no_throw("paths") != nullptr;
    for (const std::string& arg : command.remaining()) {
        if (!paths_only && arg == "--") {
            paths_only = true;
            continue;
        }
        if (paths_only && takes_paths) {
            paths.push_back(arg);
            continue;
        }
        if (!arg.starts_with("-") || arg == "-") throw UsageError("'touchpoint " + command.get_name() + "' takes no path");
        std::string option = arg.substr(0, arg.find('='));
        std::string owners = owners_of(app, option);
        if (!owners.empty()) throw UsageError(option + " goes with " + owners);
        throw UsageError("unknown option '" + arg + "'; see 'touchpoint " + command.get_name() + " --help'");
    }
}

// CLI11 would say "a subcommand is required" for a misspelt one, and read "--format="
// as taking the next argument.
void refuse_unknown_command(const CLI::App& app, int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--") break;
        if (arg.starts_with("--") && arg.ends_with("=") && arg.find('=') == arg.size() - 1)
            throw UsageError("option " + std::string(arg.substr(0, arg.size() - 1)) + " has an empty value");
    }
    if (argc < 2) return;
    std::string first = argv[1];
    if (first == "-h" || first == "--help" || first == "--version") return;
    std::string name = first.substr(0, first.find('='));
    if (first.starts_with("-") && !owners_of(app, name).empty())
        throw UsageError(name + " goes after the command, as in 'touchpoint check " + first + "'");
    if (first.starts_with("-")) throw UsageError("unknown option '" + first + "'; see 'touchpoint --help'");
    for (const CLI::App* command : app.get_subcommands({}))
        if (command->get_name() == first) return;
    throw UsageError("unknown command '" + first + "'; the commands are check, fix, baseline, init, import, serve, lsp, rules and version");
}

}  // namespace

std::optional<CommandLine> parse_command_line(int argc, char** argv) {
    CommandLine line;
    CLI::App app{"Touchpoint: checks marketing copy, signs and staff scripts against the brand's promise.", "touchpoint"};
    app.require_subcommand(1, 1);
    app.footer("exit codes: 0 no error finding, 1 at least one error finding, 2 the run failed\n"
               "'touchpoint COMMAND --help' shows a command's options.");
    add_check(app, line);
    CLI::App& fix = *app.add_subcommand("fix", "apply unambiguous suggestions to text and Markdown files, atomically");
    add_input_options(fix, line);
    fix.add_flag("--dry-run", line.dry_run, "print a unified diff, change nothing");
    CLI::App& baseline = *app.add_subcommand("baseline", "record today's findings, for check --baseline");
    add_input_options(baseline, line);
    text_option(baseline, "--output", "FILE", "where to write them (default touchpoint-baseline.json)", line.check.output);
    add_serve(app, line);
    CLI::App& lsp = *app.add_subcommand("lsp", "a Language Server Protocol server on standard input and output, for editors "
                                               "(docs/editors.md)");
    lsp.add_flag_function("--stdio", [](int64_t) {}, "talk over standard input and output (the only way; accepted for clients that pass it)");
    lsp.add_flag("--allow-project-plugins", line.check.allow_project_plugins, "load the project file's <plugins dir> (code from the repository)");
    value_option(lsp, "-j,--jobs", "N", "check workers (default: all cores)", [&line](const std::string& count) {
        line.check.jobs = whole_number(count, "--jobs", 1, 1024, "a whole number from 1 to 1024");
    });
    CLI::App& init = *app.add_subcommand("init", "write a first brand.xml and touchpoint.xml from the content of DIR");
    init.add_option("paths", line.check.paths, "the content repository (default: the current folder)")->type_name("DIR")->expected(0, 1);
    CLI::App& import = *app.add_subcommand("import", "turn another tool's vocabulary and rules into brand-file elements");
    import.add_option("kind", line.import_kind, "the tool: vale")->required()->check(CLI::IsMember({"vale"}));
    import.add_option("paths", line.check.paths, "a Vale style folder, a rule file, accept.txt or reject.txt")
        ->type_name("PATH")
        ->required()
        ->expected(1);
    CLI::App& rules = *app.add_subcommand("rules", "list loaded plugins, their rule types and packs");
    text_option(rules, "--config", "FILE", "the project file (default: touchpoint.xml here or above)", line.check.config);
    rules.add_flag("--allow-project-plugins", line.check.allow_project_plugins, "also load the project file's plugin folders");
    app.add_subcommand("version", "print the version");
    // The child of --isolate: one file, its report as a record stream. Not for people.
    add_input_options(*app.add_subcommand("__isolated")->group(""), line);
    for (CLI::App* command : app.get_subcommands({})) {
        command->allow_extras();
        if (command->get_name() != "check") command->footer("");  // exit codes 0/1/2 are check's
    }
    app.get_subcommand("check")->footer("exit codes: 0 nothing fails the gate, 1 an error finding (or what --fail-on and "
                                        "--fail-under set), 2 the run failed");

    refuse_unknown_command(app, argc, argv);
    if (argc == 2 && std::string_view(argv[1]) == "--version") {
        line.command = "version";
        return line;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();  // the chosen command's, when there is one
        return std::nullopt;
    } catch (const CLI::RequiredError&) {
        throw UsageError("no command given; try 'touchpoint check' or 'touchpoint --help'");
    } catch (const CLI::ArgumentMismatch& e) {  // "--jobs: 1 required N missing"
        std::string message = e.what();
        if (!message.ends_with("missing")) throw UsageError(message + "; see 'touchpoint --help'");
        throw UsageError("option " + message.substr(0, message.find(':')) + " needs a value");
    } catch (const CLI::ParseError& e) {
        throw UsageError(std::string(e.what()) + "; see 'touchpoint --help'");
    }
    const CLI::App& command = *app.get_subcommands().front();
    take_leftovers(app, command, line.check.paths);
    line.command = command.get_name();
    if (line.command == "baseline") line.check.output = line.check.output.value_or("touchpoint-baseline.json");
    return line;
}

}  // namespace touchpoint
