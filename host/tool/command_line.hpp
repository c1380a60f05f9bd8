// The touchpoint command line, parsed with CLI11: one subcommand per job, each with
// its own options and --help.
#pragma once

#include "engine/run_options.hpp"
#include "server/server.hpp"

#include <optional>
#include <stdexcept>
#include <string>

namespace touchpoint {

// A command line that cannot be run: exit code 2, the reason on one line.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CommandLine {
    std::string command;  // check, fix, baseline, serve, rules, version, __isolated
    CheckOptions check;
    std::string format = "text";
    std::string color = "auto";
    std::optional<std::string> baseline;
    bool dry_run = false;
    bool strict = false;  // a skipped input fails the run
    bool quiet = false;   // only the findings: no summary, no corpus tables
    bool watch = false;   // check again whenever a file changes
    Severity fail_on = Severity::error;  // the least severe finding that makes the exit code 1
    std::optional<int> fail_under;       // an on-promise score below this makes it 1 too
    ServeOptions serve;
    std::string import_kind;  // import vale PATH
};

// What the line asks for; nullopt when it asked for help, which was printed to standard
// output. Throws UsageError.
std::optional<CommandLine> parse_command_line(int argc, char** argv);

}  // namespace touchpoint
