// Documents an observation pass loaded, kept for the passes after it and for the check,
// so that a run loads each document once — within a memory budget: past it, a document
// is loaded again where it is needed (docs/architecture.md, "A run").
#pragma once

#include "engine/loading.hpp"

#include <atomic>
#include <memory>
#include <vector>

namespace touchpoint {

class DocumentCache {
public:
    // 32 MiB: every document of a typical content repository, held at once, while a
    // corpus of a hundred megabytes still runs in the memory of one document at a time
    // per worker plus this.
    static constexpr size_t default_budget = size_t(32) << 20;

    DocumentCache(size_t inputs, size_t budget_bytes);

    // Keeps input i's document if it fits the budget. Each index is offered by one thread.
    void offer(size_t i, Loaded loaded);
    // Input i's kept document, or nullptr; it stays kept.
    const Loaded* find(size_t i) const { return slots_[i].get(); }
    // Input i's kept document, no longer kept (its memory is the caller's), or nullptr.
    std::unique_ptr<Loaded> take(size_t i);

    // What a loaded document holds, in bytes, as far as its public parts tell.
    static size_t bytes_of(const Loaded& loaded);

private:
    std::vector<std::unique_ptr<Loaded>> slots_;
    std::vector<size_t> sizes_;
    std::atomic<size_t> left_;
};

}  // namespace touchpoint
