// The part of rule packs that plugins call (touchpoint/pack.hpp).
#include <touchpoint/pack.hpp>

namespace touchpoint {

std::string fill_message(std::string_view message, std::string_view match, std::string_view suggestion) {
    std::string out(message);
    for (auto [key, value] : {std::pair<std::string_view, std::string_view>{"{match}", match}, {"{suggestion}", suggestion}})
        for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
            out.replace(at, key.size(), value);
    return out;
}

}  // namespace touchpoint
