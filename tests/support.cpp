#include "support.hpp"

#include "engine/languages.hpp"

#include <mutex>

#include "engine/brand_elements.hpp"
#include "config/brand_reader.hpp"
#include "engine/plugin_host.hpp"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Zip/Compress.h>

#include <sys/resource.h>
#include <sys/wait.h>

#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace touchpoint::test {

std::string zip(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::ostringstream out;
    Poco::Zip::Compress compress(out, true);
    for (const auto& [name, content] : entries) {
        std::istringstream in(content);
        compress.addFile(in, Poco::DateTime(2026, 1, 1), Poco::Path(name, Poco::Path::PATH_UNIX));
    }
    compress.close();
    return out.str();
}

namespace fs = std::filesystem;

Document make_document(const std::string& source, Format format, const std::string& channel) {
    Extracted extracted = extract(format, source);
    return Document("test", channel, source, std::move(extracted.text), std::move(extracted.runs),
                    std::move(extracted.links));
}

Document make_document(const std::string& source, Format format, const std::string& channel, const TestContext& context) {
    Extracted extracted = extract(format, source);
    Document document("test", channel, source, std::move(extracted.text), std::move(extracted.runs),
                      std::move(extracted.links));
    LanguagePlan plan;
    for (const std::string& tag : context.brand().languages) plan.languages.push_back(primary_language(tag));
    plan.lexicon = [&context](std::string_view lang) { return context.lexicon(lang); };
    assign_languages(document, extracted.languages, extracted.language, plan);
    return document;
}

const Lexicon& TestContext::lexicon() const { return *lexicon(brand_.default_language()); }

const Lexicon* TestContext::lexicon(std::string_view lang) const {
    std::string locale = brand_.locale_of(lang);
    if (locale.empty()) return nullptr;
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<Lexicon>> loaded;
    std::lock_guard lock(mutex);
    auto& lexicon = loaded[locale];
    if (!lexicon) lexicon = std::make_unique<Lexicon>(locale);
    return lexicon.get();
}

const PluginHost& built_plugins() {
    static PluginHost* host = [] {
        auto* loaded = new PluginHost;  // never unloaded: checks made by its plugins may outlive a test
        for (const fs::path& folder : default_plugin_folders()) loaded->load_folder(folder);
        return loaded;
    }();
    return *host;
}

Brand read_brand_file(const fs::path& file) {
    Brand brand = read_brand(file);
    hand_out_brand_elements(brand, built_plugins().plugins());
    return brand;
}

Brand brand_from_xml(const std::string& xml) {
    ScratchDir dir;
    return read_brand_file(dir.write("brand.xml", xml));
}

ScratchDir::ScratchDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("touchpoint-test-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

fs::path ScratchDir::write(const std::string& relative, const std::string& content) const {
    fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

fs::path source_dir() { return TOUCHPOINT_SOURCE_DIR; }
fs::path binary_dir() { return TOUCHPOINT_BINARY_DIR; }

CommandResult run_touchpoint(const std::vector<std::string>& args, const fs::path& cwd, const std::string& input,
                             const std::vector<std::pair<std::string, std::string>>& env) {
    Poco::Process::Env environment;
    for (const auto& [name, value] : env) environment[name] = value;
    environment["NO_COLOR"] = "1";
    Poco::Pipe in_pipe, out_pipe, err_pipe;
    Poco::ProcessHandle process = Poco::Process::launch((binary_dir() / "bin" / "touchpoint").string(),
                                                        Poco::Process::Args(args.begin(), args.end()), cwd.string(),
                                                        &in_pipe, &out_pipe, &err_pipe, environment);
    CommandResult result;
    std::thread feeder([&] {
        Poco::PipeOutputStream stream(in_pipe);
        stream << input;
        stream.close();
    });
    std::thread err_reader([&] {
        Poco::PipeInputStream stream(err_pipe);
        Poco::StreamCopier::copyToString(stream, result.err);
    });
    Poco::PipeInputStream out_stream(out_pipe);
    Poco::StreamCopier::copyToString(out_stream, result.out);
    feeder.join();
    err_reader.join();
    // wait4 rather than process.wait(): it also gives the child's own peak memory.
    int status = 0;
    rusage usage{};
    while (wait4(process.id(), &status, 0, &usage) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 256 + WTERMSIG(status);  // as Poco reports a signal
    result.peak_kib = usage.ru_maxrss;
    return result;
}

FileReport checked_file(std::string path, std::string channel, std::vector<ReportedFinding> findings) {
    FileReport report;
    report.path = std::move(path);
    report.channel = std::move(channel);
    report.findings = std::move(findings);
    return report;
}

}  // namespace touchpoint::test
