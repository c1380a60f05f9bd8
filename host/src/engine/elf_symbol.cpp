#include "engine/elf_symbol.hpp"

#include <elf.h>

#include <bit>
#include <cstring>
#include <fstream>
#include <optional>
#include <string_view>

namespace touchpoint {

namespace {

constexpr uint64_t max_library_size = 1ull << 30;

// Bounds-checked views into the file's bytes: a damaged or hostile file is "not a library".
class ElfImage {
public:
    explicit ElfImage(std::string bytes) : bytes_(std::move(bytes)) {}

    template <class T>
    std::optional<T> at(uint64_t offset) const {
        if (offset > bytes_.size() || bytes_.size() - offset < sizeof(T)) return std::nullopt;
        T value;
        std::memcpy(&value, bytes_.data() + offset, sizeof(T));
        return value;
    }

    std::optional<std::string_view> c_string(uint64_t offset, uint64_t limit) const {
        if (offset >= limit || limit > bytes_.size()) return std::nullopt;
        const char* begin = bytes_.data() + offset;
        const void* end = std::memchr(begin, '\0', limit - offset);
        if (!end) return std::nullopt;
        return std::string_view(begin, static_cast<const char*>(end) - begin);
    }

    uint64_t size() const { return bytes_.size(); }

private:
    std::string bytes_;
};

ExportedInt not_a_library(std::string why) { return {ExportedInt::Status::not_a_library, 0, std::move(why)}; }

std::optional<std::string> read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) return std::nullopt;
    auto size = static_cast<uint64_t>(in.tellg());
    if (size > max_library_size) return std::nullopt;
    std::string bytes(size, '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), std::streamsize(size))) return std::nullopt;
    return bytes;
}

bool is_native_shared_object(const Elf64_Ehdr& header) {
    return std::memcmp(header.e_ident, ELFMAG, SELFMAG) == 0 && header.e_ident[EI_CLASS] == ELFCLASS64 &&
           header.e_ident[EI_DATA] == (std::endian::native == std::endian::little ? ELFDATA2LSB : ELFDATA2MSB) &&
           header.e_type == ET_DYN && header.e_shentsize == sizeof(Elf64_Shdr);
}

std::optional<Elf64_Shdr> section(const ElfImage& image, const Elf64_Ehdr& header, uint64_t index) {
    if (index >= header.e_shnum || header.e_shoff > image.size()) return std::nullopt;
    return image.at<Elf64_Shdr>(header.e_shoff + index * sizeof(Elf64_Shdr));  // no overflow: both small
}

// The value of a 4-byte data symbol, read from the section that holds it.
ExportedInt value_of(const ElfImage& image, const Elf64_Ehdr& header, const Elf64_Sym& symbol) {
    if (ELF64_ST_TYPE(symbol.st_info) != STT_OBJECT || symbol.st_size != sizeof(int32_t))
        return {ExportedInt::Status::not_data, 0, {}};
    auto holder = section(image, header, symbol.st_shndx);
    if (!holder || holder->sh_type == SHT_NOBITS || holder->sh_size < sizeof(int32_t) ||
        symbol.st_value < holder->sh_addr ||
        symbol.st_value - holder->sh_addr > holder->sh_size - sizeof(int32_t))
        return not_a_library("the symbol's value lies outside its section");
    auto value = image.at<int32_t>(holder->sh_offset + (symbol.st_value - holder->sh_addr));
    if (!value) return not_a_library("the file is truncated");
    return {ExportedInt::Status::found, *value, {}};
}

}  // namespace

ExportedInt read_exported_int(const std::filesystem::path& file, const std::string& symbol_name) {
    auto bytes = read_bytes(file);
    if (!bytes) return not_a_library("cannot read it");
    ElfImage image(std::move(*bytes));
    auto header = image.at<Elf64_Ehdr>(0);
    if (!header || !is_native_shared_object(*header)) return not_a_library("not an ELF shared object for this machine");
    for (uint64_t index = 0; index < header->e_shnum; ++index) {
        auto symbols = section(image, *header, index);
        if (!symbols) return not_a_library("the file is truncated");
        if (symbols->sh_type != SHT_DYNSYM || symbols->sh_entsize != sizeof(Elf64_Sym)) continue;
        if (symbols->sh_offset > image.size() || symbols->sh_size > image.size() - symbols->sh_offset)
            return not_a_library("its symbol table lies outside the file");
        auto names = section(image, *header, symbols->sh_link);
        if (!names || names->sh_offset > image.size() || names->sh_size > image.size() - names->sh_offset)
            return not_a_library("its symbol names lie outside the file");
        for (uint64_t i = 0; i < symbols->sh_size / sizeof(Elf64_Sym); ++i) {
            auto symbol = image.at<Elf64_Sym>(symbols->sh_offset + i * sizeof(Elf64_Sym));
            if (!symbol) return not_a_library("the file is truncated");
            if (symbol->st_shndx == SHN_UNDEF) continue;
            auto name = image.c_string(names->sh_offset + symbol->st_name, names->sh_offset + names->sh_size);
            if (name && *name == symbol_name) return value_of(image, *header, *symbol);
        }
    }
    return {ExportedInt::Status::missing, 0, {}};
}

}  // namespace touchpoint
