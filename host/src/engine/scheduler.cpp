// The scheduler: observation passes of corpus-wide rules, then workers checking files in
// parallel while the calling thread reports them in path order, and a watchdog that
// gives up a rule running over its time limit.
#include "engine/engine.hpp"

#include "engine/document_cache.hpp"
#include "engine/log.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

namespace touchpoint {

namespace fs = std::filesystem;

unsigned job_count(unsigned requested, size_t work) {
    unsigned jobs = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    return unsigned(std::min<size_t>(jobs, std::max<size_t>(1, work)));
}

namespace {


int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

thread_local Engine::Watch* Engine::current_watch_ = nullptr;

Engine::WatchedCheck::WatchedCheck(const CompiledCheck& check) {
    if (!current_watch_) return;
    current_watch_->check = &check;
    current_watch_->since = now_ns();
}

Engine::WatchedCheck::~WatchedCheck() {
    if (current_watch_) current_watch_->since = 0;
}

// Corpus-wide checks see every document before any is checked. The documents a pass
// loads are kept, within the cache's budget, for the next pass and the check.
void Engine::observe(const std::vector<Input>& inputs, DocumentCache& cache) {
    int passes = 0;
    for (const CompiledCheck& compiled : checks_) passes = std::max(passes, compiled.check->observation_passes());
    unsigned jobs = job_count(options_.jobs, inputs.size());
    for (int pass = 1; pass <= passes; ++pass) {
        std::atomic<size_t> next{0};
        auto work = [&] {
            for (size_t i = next++; i < inputs.size(); i = next++) {
                const Loaded* kept = cache.find(i);
                std::optional<Loaded> fresh;
                if (!kept && !(fresh = load_document(inputs[i], load_settings(), nullptr))) continue;  // warnings come with the check
                const Document& document = kept ? kept->document : fresh->document;
                for (const CompiledCheck& compiled : checks_)
                    if (compiled.check->observation_passes() >= pass && compiled.applies_to(document.channel()))
                        compiled.check->observe(pass, document);
                if (fresh) cache.offer(i, std::move(*fresh));
            }
        };
        std::vector<std::thread> workers;
        for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work);
        for (std::thread& worker : workers) worker.join();
        for (const CompiledCheck& compiled : checks_)
            if (compiled.check->observation_passes() >= pass) compiled.check->end_pass(pass);
    }
}

// Everything the workers share, on the heap: a worker abandoned in a runaway rule may
// outlive run().
struct Engine::RunState {
    std::vector<Input> inputs;
    std::vector<std::optional<FileReport>> done;
    std::unique_ptr<DocumentCache> kept;  // documents the observation passes loaded
    std::mutex mutex;
    // Two signals, so that a finished file wakes only a printer waiting for it, and the
    // watchdog wakes only on its clock or at the end (a wake per file costs a system call).
    std::condition_variable ready;       // done[awaited] is there
    std::condition_variable finishing;   // finished is set
    size_t awaited = SIZE_MAX;           // the file the printer waits for
    std::atomic<size_t> next{0};
    std::vector<std::pair<std::shared_ptr<Watch>, std::thread>> workers;
    bool finished = false;
};

void Engine::start_worker(const std::shared_ptr<RunState>& state) {
    auto watch = std::make_shared<Watch>();
    state->workers.emplace_back(watch, std::thread([this, state, watch] {
        current_watch_ = watch.get();
        for (size_t i = state->next++; i < state->inputs.size(); i = state->next++) {
            watch->input = i;
            FileReport report = check_input(state->inputs[i], state->kept->take(i));
            std::lock_guard lock(state->mutex);
            if (watch->abandoned) return;  // its file was given up; so is the thread
            state->done[i] = std::move(report);
            if (i == state->awaited) state->ready.notify_one();
        }
    }));
}

// Gives up a rule that runs over the time limit: the file's report says so, a new
// worker takes over, and the run goes on.
void Engine::watch(const std::shared_ptr<RunState>& state) {
    int64_t limit = int64_t(options_.rule_seconds * 1e9);
    std::unique_lock lock(state->mutex);
    while (!state->finished) {
        state->finishing.wait_for(lock, std::chrono::milliseconds(50));
        size_t count = state->workers.size();
        for (size_t w = 0; w < count; ++w) {
            Watch& watch = *state->workers[w].first;
            int64_t since = watch.since;
            if (since == 0 || watch.abandoned || now_ns() - since < limit) continue;
            watch.abandoned = true;
            ++abandoned_;
            ++rule_faults_;
            const Input& input = state->inputs[watch.input];
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%g", options_.rule_seconds);
            log_error(watch.check.load()->label + " ran over the time limit of " + seconds + " s on " + input.display +
                         "; it was abandoned (--rule-timeout)");
            FileReport skipped = FileReport::skipped(input.display, {"skipped " + input.display + ": a rule ran over the time limit"});
            if (!state->done[watch.input]) state->done[watch.input] = std::move(skipped);
            start_worker(state);
            state->ready.notify_all();
        }
    }
}

void Engine::run(const std::function<void(const FileReport&)>& on_file) {
    auto state = std::make_shared<RunState>();
    state->inputs = collect_inputs(options_, project_ ? &*project_ : nullptr, brand_.file);
    // --output over a file the run reads would lose it: refused before anything is checked.
    if (options_.output) {
        std::vector<fs::path> read = project_ ? project_->own_files() : std::vector<fs::path>{};
        read.push_back(brand_.file);
        for (const Input& input : state->inputs)
            if (!input.path.empty()) read.push_back(input.path);
        refuse_output_over(*options_.output, read);
    }
    state->kept = std::make_unique<DocumentCache>(state->inputs.size(), DocumentCache::default_budget);
    observe(state->inputs, *state->kept);
    const std::vector<Input>& inputs = state->inputs;
    unsigned jobs = job_count(options_.jobs, inputs.size());
    state->done.resize(inputs.size());
    {
        std::lock_guard lock(state->mutex);
        for (unsigned j = 0; j < jobs; ++j) start_worker(state);
    }
    std::thread watchdog([this, state] { watch(state); });
    auto finish = [&] {
        std::vector<std::pair<std::shared_ptr<Watch>, std::thread>> workers;
        {
            std::lock_guard lock(state->mutex);
            state->finished = true;
            state->finishing.notify_all();
        }
        watchdog.join();
        {
            std::lock_guard lock(state->mutex);
            workers.swap(state->workers);
        }
        for (auto& [watch, thread] : workers) {
            if (watch->abandoned) thread.detach();  // still in the runaway rule
            else thread.join();
        }
    };
    // Report in path order as soon as each file's turn comes; nothing is kept after that.
    try {
        for (size_t i = 0; i < inputs.size(); ++i) {
            std::unique_lock lock(state->mutex);
            state->awaited = i;
            state->ready.wait(lock, [&] { return state->done[i].has_value(); });
            FileReport report = std::move(*state->done[i]);
            state->done[i].reset();
            lock.unlock();
            for (const std::string& warning : report.warnings) log_warning(warning);
            on_file(report);
        }
    } catch (...) {
        state->next = inputs.size();  // workers take no more files
        finish();
        throw;
    }
    finish();
    class Tables : public CorpusReporter {
    public:
        explicit Tables(decltype(corpus_tables_)& tables) : tables_(tables) {}
        void row(std::string_view table, std::vector<std::pair<std::string, double>> cells) override {
            tables_[std::string(table)].push_back(std::move(cells));
        }

    private:
        decltype(corpus_tables_)& tables_;
    } tables(corpus_tables_);
    for (const CompiledCheck& compiled : checks_)
        if (reports_anything(compiled)) compiled.check->summarize(tables);
}

}  // namespace touchpoint
