#include "engine/document_cache.hpp"

namespace touchpoint {

DocumentCache::DocumentCache(size_t inputs, size_t budget_bytes) : slots_(inputs), sizes_(inputs, 0), left_(budget_bytes) {}

size_t DocumentCache::bytes_of(const Loaded& loaded) {
    const Document& document = loaded.document;
    // The text and its keys, the source, words and the runs that map them (about one per word).
    return sizeof(Loaded) + document.source().size() + 2 * document.text().size() +
           document.words().size() * (sizeof(Word) + sizeof(TextRun)) + document.links().size() * sizeof(Link) +
           loaded.contexts.size() * sizeof(TextContext);
}

void DocumentCache::offer(size_t i, Loaded loaded) {
    if (slots_[i]) return;
    size_t bytes = bytes_of(loaded);
    size_t left = left_.load();
    do {
        if (bytes > left) return;
    } while (!left_.compare_exchange_weak(left, left - bytes));
    sizes_[i] = bytes;
    slots_[i] = std::make_unique<Loaded>(std::move(loaded));
}

std::unique_ptr<Loaded> DocumentCache::take(size_t i) {
    if (!slots_[i]) return nullptr;
    left_ += sizes_[i];
    return std::move(slots_[i]);
}

}  // namespace touchpoint
