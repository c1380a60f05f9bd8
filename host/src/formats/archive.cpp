#include "formats/archive.hpp"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <istream>
#include <streambuf>

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

// The archive's bytes as a seekable stream, without a copy: each entry is read from it
// in turn (a copy per entry made a deck of 1,500 slides beside a 40 MB video take 70 s).
class MemoryBuffer : public std::streambuf {
public:
    explicit MemoryBuffer(std::string_view bytes) {
        char* begin = const_cast<char*>(bytes.data());  // read only: nothing is ever put back
        setg(begin, begin, begin + bytes.size());
    }

protected:
    pos_type seekoff(off_type offset, std::ios_base::seekdir dir, std::ios_base::openmode) override {
        off_type base = dir == std::ios_base::beg ? 0 : dir == std::ios_base::cur ? gptr() - eback() : egptr() - eback();
        return seekpos(pos_type(base + offset), std::ios_base::in);
    }
    pos_type seekpos(pos_type position, std::ios_base::openmode) override {
        off_type at = off_type(position);
        if (at < 0 || at > egptr() - eback()) return pos_type(off_type(-1));
        setg(eback(), eback() + at, egptr());
        return position;
    }
};

}  // namespace

std::map<std::string, std::string> read_zip(std::string_view bytes, const std::function<bool(const std::string&)>& wanted,
                                            const ArchiveLimits& limits) {
    std::map<std::string, std::string> entries;
    try {
        MemoryBuffer memory(bytes);
        std::istream in(&memory);
        Poco::Zip::ZipArchive archive(in);
        // A complete archive ends with its central directory; a cut one has none.
        if (archive.fileInfoBegin() == archive.fileInfoEnd())
            throw FormatError("a damaged or truncated zip archive (no central directory)");
        std::map<std::string, uint64_t> sizes;  // what the central directory says each entry unpacks to
        for (auto info = archive.fileInfoBegin(); info != archive.fileInfoEnd(); ++info)
            sizes.emplace(info->first, info->second.getUncompressedSize());
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
            in.clear();
            Poco::Zip::ZipInputStream stream(in, it->second, true);
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
            auto size = sizes.find(name);
            if (size == sizes.end() || content.size() != size->second)
                throw FormatError("a damaged or truncated zip archive (" + name + " is incomplete)");
            entries.emplace(name, std::move(content));
        }
    } catch (const FormatError&) {
        throw;
    } catch (const Poco::AssertionViolationException&) {  // Poco's own check, as it lists the entries
        throw FormatError("a damaged zip archive (two entries of one name?)");
    } catch (const Poco::Exception& e) {
        throw FormatError("a damaged or truncated zip archive (" + e.displayText() + ")");
    } catch (const std::exception& e) {
        throw FormatError(std::string("a damaged or truncated zip archive (") + e.what() + ")");
    }
    return entries;
}

}  // namespace touchpoint
