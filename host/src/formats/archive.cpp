#include "formats/archive.hpp"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <sstream>

namespace touchpoint {

namespace {

bool leaves_archive(const std::string& name) {
    if (name.starts_with('/') || name.starts_with('\\') || (name.size() > 1 && name[1] == ':')) return true;
    size_t start = 0;
    while (start <= name.size()) {
        size_t end = name.find_first_of("/\\", start);
        if (end == std::string::npos) end = name.size();
        if (name.substr(start, end - start) == "..") return true;
        start = end + 1;
    }
    return false;
}

}  // namespace

std::map<std::string, std::string> read_zip(std::string_view bytes, const std::function<bool(const std::string&)>& wanted,
                                            const ArchiveLimits& limits) {
    std::map<std::string, std::string> entries;
    try {
        std::istringstream in{std::string(bytes)};
        Poco::Zip::ZipArchive archive(in);
        // A complete archive ends with its central directory; a cut one has none.
        if (archive.fileInfoBegin() == archive.fileInfoEnd())
            throw FormatError("a damaged or truncated zip archive (no central directory)");
        uint64_t total = 0;
        for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
            const std::string& name = it->first;
            if (name.empty()) throw FormatError("an entry has no name");  // before Poco reads its last character
            if (leaves_archive(name)) throw FormatError("an entry's path leaves the archive (" + name + ")");
            if (it->second.isDirectory() || !wanted(name)) continue;
            if (it->second.isEncrypted()) throw FormatError("the entry " + name + " is encrypted");
            uint64_t declared = it->second.getUncompressedSize(), compressed = std::max<uint64_t>(1, it->second.getCompressedSize());
            if (declared > limits.max_entry_size || (declared > (1u << 20) && declared / compressed > limits.max_ratio))
                throw FormatError("the entry " + name + " unpacks to " + std::to_string(declared >> 20) +
                                  " MiB, past the limit (a zip bomb?)");
            std::istringstream source{std::string(bytes)};
            Poco::Zip::ZipInputStream stream(source, it->second, true);
            std::string content;
            char buffer[65536];
            // Count what really unpacks: a header may lie about the size.
            while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
                content.append(buffer, size_t(stream.gcount()));
                total += uint64_t(stream.gcount());
                if (content.size() > limits.max_entry_size || total > limits.max_total_size)
                    throw FormatError("the entry " + name + " unpacks past the limit of " +
                                      std::to_string(limits.max_entry_size >> 20) + " MiB (a zip bomb?)");
            }
            auto info = archive.fileInfoBegin();
            while (info != archive.fileInfoEnd() && info->first != name) ++info;
            if (info == archive.fileInfoEnd() || content.size() != info->second.getUncompressedSize())
                throw FormatError("a damaged or truncated zip archive (" + name + " is incomplete)");
            entries.emplace(name, std::move(content));
        }
    } catch (const FormatError&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw FormatError("a damaged or truncated zip archive (" + e.displayText() + ")");
    } catch (const std::exception& e) {
        throw FormatError(std::string("a damaged or truncated zip archive (") + e.what() + ")");
    }
    return entries;
}

}  // namespace touchpoint
