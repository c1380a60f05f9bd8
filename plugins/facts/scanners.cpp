#include "scanners.hpp"

#include <algorithm>
#include <cctype>

namespace touchpoint::facts {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }
bool is_separator(char c) { return c == ' ' || c == '-' || c == '.'; }
char lower(char c) { return char(std::tolower(static_cast<unsigned char>(c))); }

// Reads exactly `count` digits at `pos`.
bool digits(std::string_view text, size_t& pos, size_t count, std::string& out) {
    if (pos + count > text.size()) return false;
    for (size_t i = 0; i < count; ++i)
        if (!is_digit(text[pos + i])) return false;
    out.append(text.substr(pos, count));
    pos += count;
    return true;
}

void skip_separator(std::string_view text, size_t& pos) {
    if (pos < text.size() && is_separator(text[pos]) && pos + 1 < text.size() &&
        (is_digit(text[pos + 1]) || text[pos + 1] == '('))
        ++pos;
}

// An extension after a number: " ext. 204", " x204", ", extension 12".
size_t extension_end(std::string_view text, size_t pos) {
    size_t p = pos;
    while (p < text.size() && (text[p] == ' ' || text[p] == ',')) ++p;
    std::string rest = lowered(text.substr(p, 10));
    size_t word = rest.starts_with("extension") ? 9 : rest.starts_with("ext") ? 3 : rest.starts_with("x") ? 1 : 0;
    if (word == 0) return pos;
    p += word;
    if (p < text.size() && text[p] == '.') ++p;
    while (p < text.size() && text[p] == ' ') ++p;
    size_t start = p;
    while (p < text.size() && is_digit(text[p]) && p - start < 6) ++p;
    return p > start && (p == text.size() || !is_alnum(text[p])) ? p : pos;
}

// A number starting at `start`; returns its end, or 0.
size_t parse_phone(std::string_view text, size_t start, std::string& ten) {
    size_t pos = start;
    if (text[pos] == '+') {
        if (pos + 1 >= text.size() || text[pos + 1] != '1') return 0;
        pos += 2;
        if (pos < text.size() && is_separator(text[pos])) ++pos;
    } else if (text[pos] == '1' && pos + 1 < text.size() && is_separator(text[pos + 1])) {
        pos += 2;  // 1-918-555-0100
    }
    bool separated = false;
    if (pos < text.size() && text[pos] == '(') {
        ++pos;
        if (!digits(text, pos, 3, ten) || pos >= text.size() || text[pos] != ')') return 0;
        ++pos;
        if (pos < text.size() && text[pos] == ' ') ++pos;
        separated = true;
    } else {
        if (!digits(text, pos, 3, ten)) return 0;
        size_t before = pos;
        skip_separator(text, pos);
        separated = pos != before;
    }
    if (!digits(text, pos, 3, ten)) return 0;
    size_t before = pos;
    skip_separator(text, pos);
    if ((pos != before) != separated) return 0;  // 918-5550100 is no usual format
    if (!digits(text, pos, 4, ten)) return 0;
    if (pos < text.size() && (is_alnum(text[pos]) || (text[pos] == '-' && pos + 1 < text.size() && is_digit(text[pos + 1]))))
        return 0;
    // North American numbering: area code and exchange do not start with 0 or 1.
    if (ten[0] < '2' || ten[3] < '2') return 0;
    return extension_end(text, pos);
}

}  // namespace

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

std::vector<Found> find_phones(std::string_view text) {
    std::vector<Found> found;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (!is_digit(c) && c != '(' && c != '+') continue;
        if (i > 0 && (is_alnum(text[i - 1]) || text[i - 1] == '+' || text[i - 1] == '/' ||
                      ((text[i - 1] == '.' || text[i - 1] == '-') && i > 1 && is_digit(text[i - 2]))))
            continue;
        std::string ten;
        size_t end = parse_phone(text, i, ten);
        if (end == 0) continue;
        found.push_back({i, end, ten});
        i = end - 1;
    }
    return found;
}

std::string phone_digits(std::string_view text) {
    std::string all;
    for (char c : text)
        if (is_digit(c)) all += c;
    if (all.size() == 11 && all[0] == '1') all.erase(0, 1);
    return all.size() == 10 ? all : std::string();
}

namespace {
bool is_local_char(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool is_domain_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }

// The end of a domain starting at `pos` whose last label is two or more letters, or 0.
size_t domain_end(std::string_view text, size_t pos) {
    size_t end = pos;
    while (end < text.size() && is_domain_char(text[end])) ++end;
    while (end > pos && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    std::string_view domain = text.substr(pos, end - pos);
    size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return 0;
    std::string_view tld = domain.substr(dot + 1);
    if (tld.size() < 2 || tld.size() > 24) return 0;
    for (char c : tld)
        if (!std::isalpha(static_cast<unsigned char>(c))) return 0;
    return end;
}
}  // namespace

std::vector<Found> find_emails(std::string_view text) {
    std::vector<Found> found;
    for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
        size_t begin = at;
        while (begin > 0 && is_local_char(text[begin - 1])) --begin;
        while (begin < at && text[begin] == '.') ++begin;
        size_t end = at + 1 < text.size() ? domain_end(text, at + 1) : 0;
        if (begin == at || end == 0) continue;
        found.push_back({begin, end, lowered(text.substr(begin, end - begin))});
    }
    return found;
}

std::vector<Found> find_hosts(std::string_view text) {
    std::vector<Found> found;
    size_t i = 0;
    while (i < text.size()) {
        if (!std::isalnum(static_cast<unsigned char>(text[i])) || (i > 0 && (is_domain_char(text[i - 1]) || text[i - 1] == '@'))) {
            ++i;
            continue;
        }
        size_t start = i;
        std::string head = lowered(text.substr(i, 8));
        size_t host_start = head.starts_with("https://") ? i + 8 : head.starts_with("http://") ? i + 7 : i;
        size_t host_end = domain_end(text, host_start);
        size_t word_end = host_start;
        while (word_end < text.size() && is_domain_char(text[word_end])) ++word_end;
        bool is_email = word_end < text.size() && text[word_end] == '@';
        if (host_end == 0 || is_email) {
            i = std::max(word_end, i + 1);
            continue;
        }
        size_t end = host_end;
        if (end < text.size() && (text[end] == '/' || text[end] == ':')) {
            // a path, a port: up to white space or closing punctuation
            while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
                   std::string_view("<>\"'()[]{}`").find(text[end]) == std::string_view::npos)
                ++end;
            while (end > host_end && std::string_view(".,;:!?").find(text[end - 1]) != std::string_view::npos) --end;
        }
        found.push_back({start, end, host_of(text.substr(host_start, host_end - host_start))});
        i = end;
    }
    return found;
}

std::string host_of(std::string_view url) {
    std::string text = lowered(url);
    for (std::string_view scheme : {"https://", "http://"})
        if (text.starts_with(scheme)) text.erase(0, scheme.size());
    size_t end = text.find_first_of("/:?#");
    if (end != std::string::npos) text.erase(end);
    while (text.ends_with('.')) text.pop_back();
    if (text.starts_with("www.")) text.erase(0, 4);
    return text;
}

size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        size_t best = row[0];
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
            best = std::min(best, row[j]);
        }
        if (best > limit) return limit + 1;
    }
    return row[b.size()];
}

}  // namespace touchpoint::facts
