#include "glob.hpp"

#include <string>

namespace touchpoint {
namespace {

bool match_class(std::string_view& glob, char c) {
    // glob starts just after '['
    bool negate = !glob.empty() && (glob[0] == '!' || glob[0] == '^');
    if (negate) glob.remove_prefix(1);
    bool matched = false;
    bool first = true;
    while (!glob.empty() && (glob[0] != ']' || first)) {
        first = false;
        char low = glob[0];
        glob.remove_prefix(1);
        char high = low;
        if (glob.size() >= 2 && glob[0] == '-' && glob[1] != ']') {
            high = glob[1];
            glob.remove_prefix(2);
        }
        matched |= c >= low && c <= high;
    }
    if (!glob.empty()) glob.remove_prefix(1);  // ']'
    return matched != negate;
}

bool match(std::string_view glob, std::string_view path) {
    while (!glob.empty()) {
        if (glob.starts_with("**")) {
            std::string_view rest = glob.substr(2);
            if (rest.starts_with('/')) {
                // "**/" matches zero or more whole segments.
                rest.remove_prefix(1);
                for (size_t i = 0;; ) {
                    if (match(rest, path.substr(i))) return true;
                    i = path.find('/', i);
                    if (i == std::string_view::npos) return false;
                    ++i;
                }
            }
            for (size_t i = 0; i <= path.size(); ++i)
                if (match(rest, path.substr(i))) return true;
            return false;
        }
        char g = glob[0];
        if (g == '*') {
            std::string_view rest = glob.substr(1);
            for (size_t i = 0; i <= path.size(); ++i) {
                if (match(rest, path.substr(i))) return true;
                if (i < path.size() && path[i] == '/') return false;
            }
            return false;
        }
        if (path.empty()) return false;
        if (g == '?') {
            if (path[0] == '/') return false;
            glob.remove_prefix(1);
        } else if (g == '[') {
            glob.remove_prefix(1);
            if (path[0] == '/' || !match_class(glob, path[0])) return false;
        } else {
            if (g != path[0]) return false;
            glob.remove_prefix(1);
        }
        path.remove_prefix(1);
    }
    return path.empty();
}

}  // namespace

bool glob_match(std::string_view glob, std::string_view path) {
    if (glob.starts_with("./")) glob.remove_prefix(2);
    if (glob.starts_with('/')) glob.remove_prefix(1);
    if (glob.ends_with('/')) {
        // "archive/" names a folder: everything below it.
        std::string_view folder = glob.substr(0, glob.size() - 1);
        return glob_match(std::string(folder) + "/**", path);
    }
    if (glob.find('/') == std::string_view::npos) {
        size_t slash = path.rfind('/');
        std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
        if (match(glob, name)) return true;
        // A bare folder name ("archive") also matches everything below that folder.
        for (size_t start = 0; start < path.size();) {
            size_t end = path.find('/', start);
            if (end == std::string_view::npos) break;
            if (match(glob, path.substr(start, end - start))) return true;
            start = end + 1;
        }
        return false;
    }
    return match(glob, path);
}

}  // namespace touchpoint
