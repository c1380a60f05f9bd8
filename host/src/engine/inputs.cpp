#include "engine/inputs.hpp"

#include "engine/findings.hpp"
#include "engine/log.hpp"

#include "formats/formats.hpp"
#include "base/fs_util.hpp"
#include "config/glob.hpp"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <set>

namespace touchpoint {

namespace fs = std::filesystem;

// A path as reported: relative to the working directory when below it, '/'-separated.
std::string display_path(const fs::path& absolute, const fs::path& cwd) {
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

namespace {

std::string relative_to(const fs::path& absolute, const fs::path& base) {
    fs::path relative = absolute.lexically_relative(base);
    return relative.empty() ? absolute.generic_string() : relative.generic_string();
}

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
struct Changes {
    fs::path top;  // the repository's top folder
    std::set<fs::path> files;
};

Changes changed_since(const std::string& revision) {
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
    return {top, files};
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

}  // namespace

namespace {

// An HTML report of an earlier run (--format html --output), by the marker in its head.
bool is_touchpoint_report(const fs::path& path) {
    std::string extension = path.extension().string();
    if (extension != ".html" && extension != ".htm") return false;
    std::ifstream in(path, std::ios::binary);
    std::string head(512, '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(size_t(in.gcount()));
    return head.find(html_report_marker) != std::string::npos;
}

}  // namespace

std::vector<Input> collect_inputs(const CheckOptions& options, const Project* project, const fs::path& brand_file) {
    std::vector<Input> inputs;
    // The project's own files are skipped. Resolving a path costs a system call per
    // folder in it, so only files named like one of them are resolved.
    std::set<fs::path> own, own_names;
    std::vector<fs::path> own_files = project ? project->own_files() : std::vector<fs::path>{};
    own_files.push_back(brand_file);
    for (const fs::path& file : own_files) {
        own.insert(fs::weakly_canonical(file));
        own_names.insert(file.filename());
    }
    const fs::path cwd = fs::current_path();
    fs::path base = project ? project->dir : cwd;
    // <ignore> globs match the path from the project's folder; --exclude ones either that
    // or the path as typed from the working folder.
    auto left_out = [&](const std::string& relative, const std::string& display) {
        if (project && project->ignored(relative)) return true;
        for (const std::string& glob : options.excludes)
            if (glob_match(glob, relative) || glob_match(glob, display)) return true;
        return false;
    };

    auto add_file = [&](const fs::path& path) {
        fs::path absolute = (path.is_absolute() ? path : cwd / path).lexically_normal();
        if (own_names.count(absolute.filename()) && own.count(fs::weakly_canonical(absolute))) return;
        std::string relative = relative_to(absolute, base), display = display_path(absolute, cwd);
        if (left_out(relative, display) || is_touchpoint_report(absolute)) return;
        inputs.push_back({absolute, display, relative, {}, {}, {}, {}});
    };
    // What the walk leaves out is an input too, reported in path order as skipped.
    auto add_skipped = [&](const fs::path& path, std::string why) {
        fs::path absolute = (path.is_absolute() ? path : cwd / path).lexically_normal();
        std::string relative = relative_to(absolute, base), display = display_path(absolute, cwd);
        if (left_out(relative, display)) return;
        inputs.push_back({absolute, display, relative, {}, {}, {}, std::move(why)});
    };

    std::vector<std::string> paths = options.paths;
    if (paths.empty()) paths.push_back(".");
    for (const std::string& path : paths) {
        if (path == "-") {
            // Named with --stdin-filename, standard input is that file: ignored as it is.
            std::string relative = options.stdin_name == "<stdin>" ? options.stdin_name
                                                                   : relative_to((cwd / options.stdin_name).lexically_normal(), base);
            if (options.stdin_name == "<stdin>" || !left_out(relative, options.stdin_name))
                inputs.push_back({fs::path(), options.stdin_name, relative, {}, {}, {}, {}});
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
    if (options.changed_since) {
        // A folder that could not be read may hold changed files: its warning stays.
        Changes changes = changed_since(*options.changed_since);  // not a structured binding: lambdas below use it (clang 14)
        const fs::path& top = changes.top;
        const std::set<fs::path>& changed = changes.files;
        // A file outside the repository git was asked about has no history there: named, not dropped.
        for (Input& input : inputs)
            if (!input.path.empty() && input.skipped_because.empty() && !is_within(input.path, top))
                input.skipped_because = "it is outside the git repository at " + top.string() + " (--changed-since)";
        // A changed brand, project file or pack changes what every file is checked against.
        auto configuration = std::find_if(changed.begin(), changed.end(), [&](const fs::path& file) {
            return own_names.count(file.filename()) && own.count(fs::weakly_canonical(file));
        });
        if (configuration != changed.end())
            log_note(display_path(*configuration, cwd) + " changed since " + *options.changed_since + ": every file is checked");
        else
            std::erase_if(inputs, [&](const Input& input) {
                return !input.path.empty() && input.skipped_because.empty() && !changed.count(input.path);
            });
    }
    std::sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.display < b.display; });
    inputs.erase(std::unique(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.display == b.display; }),
                 inputs.end());
    return inputs;
}

std::string read_input(const Input& input, uint64_t limit, std::string& bytes) {
    if (!input.skipped_because.empty()) return input.skipped_because;
    if (input.text) {
        bytes = *input.text;
        return "";
    }
    if (input.path.empty()) {
        const std::optional<std::string>& text = standard_input(limit);
        if (!text) return "it is over the " + std::to_string(limit >> 20) + " MiB limit (--max-file-size)";
        bytes = *text;
        return "";
    }
    return read_file(input.path, bytes, limit);
}

}  // namespace touchpoint
