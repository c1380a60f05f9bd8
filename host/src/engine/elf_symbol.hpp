// Reads an exported constant of a shared library from the file itself, without loading
// it: nothing of the library runs (not even its constructors), so a library that is then
// refused has done nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace touchpoint {

struct ExportedInt {
    enum class Status {
        not_a_library,  // not a 64-bit ELF shared object of this machine, or damaged
        missing,        // no such exported symbol
        not_data,       // exported, but a function (or a data object of another size)
        found,
    };
    Status status = Status::not_a_library;
    int32_t value = 0;
    std::string why;  // for not_a_library: what is wrong with the file
};

// The 4-byte constant that `file` exports as `symbol` in its dynamic symbol table.
ExportedInt read_exported_int(const std::filesystem::path& file, const std::string& symbol);

}  // namespace touchpoint
