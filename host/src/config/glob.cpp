#include "config/glob.hpp"

#include <string>
#include <vector>

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

// One unit of a glob: what it consumes of a path.
struct Token {
    enum Kind { literal, any_char, char_class, star, double_star, double_star_slash } kind;
    char c = 0;                   // literal
    std::string_view class_body;  // char_class: just after '[', to the glob's end

    static Token of(Kind kind, char c = 0, std::string_view class_body = {}) { return Token{kind, c, class_body}; }
};

std::vector<Token> tokenize(std::string_view glob) {
    std::vector<Token> tokens;
    while (!glob.empty()) {
        if (glob.starts_with("**/")) {
            tokens.push_back(Token::of(Token::double_star_slash));
            glob.remove_prefix(3);
        } else if (glob.starts_with("**")) {
            tokens.push_back(Token::of(Token::double_star));
            glob.remove_prefix(2);
        } else if (glob[0] == '*') {
            tokens.push_back(Token::of(Token::star));
            glob.remove_prefix(1);
        } else if (glob[0] == '?') {
            tokens.push_back(Token::of(Token::any_char));
            glob.remove_prefix(1);
        } else if (glob[0] == '[') {
            glob.remove_prefix(1);
            Token token = Token::of(Token::char_class, 0, glob);
            match_class(glob, 'a');  // only to step over the class; where it ends does not depend on the character
            tokens.push_back(token);
        } else {
            tokens.push_back(Token::of(Token::literal, glob[0]));
            glob.remove_prefix(1);
        }
    }
    return tokens;
}

bool matches_one(const Token& token, char c) {
    if (token.kind == Token::literal) return c == token.c;
    if (c == '/') return false;
    if (token.kind == Token::any_char) return true;
    std::string_view body = token.class_body;
    return match_class(body, c);
}

// Whether the whole path matches the whole glob, in time proportional to their sizes'
// product: row t of the table says, for each path position p, whether tokens t.. match
// path[p..]. Rows are filled from the last token back, so a star looks at its own row
// one position on instead of trying every split again (which took exponential time).
bool match(std::string_view glob, std::string_view path) {
    std::vector<Token> tokens = tokenize(glob);
    size_t size = path.size();
    std::vector<char> next(size + 1, 0), row(size + 1, 0);
    next[size] = 1;  // no tokens left: only the end of the path matches
    for (size_t t = tokens.size(); t-- > 0;) {
        const Token& token = tokens[t];
        size_t slash = std::string_view::npos;  // the first '/' at or after p
        for (size_t p = size + 1; p-- > 0;) {
            if (p < size && path[p] == '/') slash = p;
            switch (token.kind) {
            case Token::star:  // zero characters, or one that is not '/' and then the star again
                row[p] = next[p] || (p < size && path[p] != '/' && row[p + 1]);
                break;
            case Token::double_star:  // anything, '/' too
                row[p] = next[p] || (p < size && row[p + 1]);
                break;
            case Token::double_star_slash:  // zero or more whole segments
                row[p] = next[p] || (slash != std::string_view::npos && row[slash + 1]);
                break;
            default: row[p] = p < size && matches_one(token, path[p]) && next[p + 1]; break;
            }
        }
        next.swap(row);
    }
    return next[0];
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
