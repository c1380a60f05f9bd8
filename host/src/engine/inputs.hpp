// The inputs stage: which files a run reads (the paths given, folders walked, the project's
// ignore globs, git's changed files), and their bytes. Knows no format and no rule.
#pragma once

#include "config/project.hpp"
#include "engine/run_options.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint {

struct Input {
    std::filesystem::path path;  // absolute; empty for standard input or a given text
    std::string display;         // as reported
    std::string relative;        // relative to the project folder, for channel and ignore globs
    std::optional<std::string> text;     // a text given whole (touchpoint serve)
    std::optional<std::string> channel;  // and its channel
    std::string language;                // and its language, when the client says (a tag: "es-US")
    std::string skipped_because;         // set when the walk could not or would not read it
};

// The inputs of a run in path order, each once. The project's own files and `brand_file`
// are left out; what the walk cannot or will not read is an input with `skipped_because`.
// Throws RunError for a path that does not exist or a failing git.
std::vector<Input> collect_inputs(const CheckOptions& options, const Project* project,
                                  const std::filesystem::path& brand_file);

// An input's bytes, at most `limit` of them; returns why they were not read, "" if they were.
std::string read_input(const Input& input, uint64_t limit, std::string& bytes);

// The report written over a file the run reads would lose that file: a RunError instead.
void refuse_output_over(const std::string& output, const std::vector<std::filesystem::path>& read);

// A path as reported: relative to the working directory when below it, '/'-separated.
std::string display_path(const std::filesystem::path& absolute,
                         const std::filesystem::path& cwd = std::filesystem::current_path());

}  // namespace touchpoint
