#include <touchpoint/text.hpp>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace touchpoint {

namespace {
constexpr uint32_t no_key = UINT32_MAX;
}

uint32_t TermMatcher::add(std::string_view term, bool inflect) {
    std::vector<std::string> keys = phrase_keys(term);
    if (keys.empty()) throw std::invalid_argument("the term '" + std::string(term) + "' has no word in it");
    pending_.emplace_back(std::move(keys), inflect);
    return entries_++;
}

uint32_t TermMatcher::intern(const std::string& key) {
    auto [it, inserted] = key_ids_.try_emplace(key, uint32_t(key_ids_.size()));
    return it->second;
}

uint32_t TermMatcher::child(uint32_t node, uint32_t key, bool create) {
    uint64_t edge = (uint64_t(node) << 32) | key;
    auto it = edges_.find(edge);
    if (it != edges_.end()) return it->second;
    if (!create) return 0;
    nodes_.emplace_back();
    uint32_t id = uint32_t(nodes_.size() - 1);
    edges_.emplace(edge, id);
    return id;
}

void TermMatcher::insert(const std::vector<std::string>& keys, Output output) {
    uint32_t node = 0;
    for (const std::string& key : keys) node = child(node, intern(key), true);
    for (const Output& existing : nodes_[node].outputs)
        if (existing.entry == output.entry) return;
    nodes_[node].outputs.push_back(output);
}

void TermMatcher::build(const Lexicon* lexicon) {
    uint32_t entry = uint32_t(entries_ - pending_.size());
    for (auto& [keys, inflect] : pending_) {
        insert(keys, {entry, Inflection::none});
        if (inflect && lexicon) {
            // Only the last word inflects: "care team" -> "care teams".
            std::vector<std::string> forms = keys;
            for (auto& [form, inflection] : lexicon->inflections(keys.back())) {
                forms.back() = form;
                insert(forms, {entry, inflection});
            }
        }
        ++entry;
    }
    pending_.clear();
    uint64_t bits = 4096;
    while (bits < 16 * key_ids_.size()) bits *= 2;
    key_bits_.assign(bits / 64, 0);
    key_bits_mask_ = bits - 1;
    for (const auto& [key, id] : key_ids_) {
        uint64_t bit = bit_hash(key) & key_bits_mask_;
        key_bits_[bit / 64] |= uint64_t(1) << (bit % 64);
    }
}

// Cheap rather than perfect: the length and up to eight bytes from each end, mixed.
uint64_t TermMatcher::bit_hash(std::string_view key) {
    uint64_t head = 0, tail = 0;
    size_t n = std::min<size_t>(key.size(), 8);
    if (n) {
        std::memcpy(&head, key.data(), n);
        std::memcpy(&tail, key.data() + key.size() - n, n);
    }
    uint64_t h = (head ^ (tail * 0x9E3779B97F4A7C15ull) ^ key.size()) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

bool TermMatcher::may_be_key(std::string_view key) const {
    uint64_t bit = bit_hash(key) & key_bits_mask_;
    return !key_bits_.empty() && (key_bits_[bit / 64] >> (bit % 64) & 1);
}

void TermMatcher::scan(const Document& document, const std::function<void(const Match&)>& on_match) const {
    auto words = document.words();
    std::string_view text = document.text();
    std::vector<uint32_t> ids(words.size(), no_key);
    for (size_t i = 0; i < words.size(); ++i) {
        if (words[i].in_literal) continue;
        std::string_view key = document.key(words[i]);
        if (!may_be_key(key)) continue;
        auto it = key_ids_.find(key);
        if (it != key_ids_.end()) ids[i] = it->second;
    }
    std::vector<Match> found;
    for (size_t first = 0; first < words.size(); ++first) {
        found.clear();
        uint32_t node = 0;
        for (size_t last = first; last < words.size() && ids[last] != no_key; ++last) {
            if (last > first) {
                std::string_view gap = text.substr(words[last - 1].end, words[last].begin - words[last - 1].end);
                if (!joins_words(gap)) break;
            }
            auto edge = edges_.find((uint64_t(node) << 32) | ids[last]);
            if (edge == edges_.end()) break;
            node = edge->second;
            for (const Output& out : nodes_[node].outputs)
                found.push_back({out.entry, uint32_t(first), uint32_t(last), out.inflection});
        }
        for (auto it = found.rbegin(); it != found.rend(); ++it) on_match(*it);
    }
}

}  // namespace touchpoint
