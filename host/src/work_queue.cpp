#include "work_queue.hpp"

#include <thread>

namespace touchpoint {

WorkQueue::WorkQueue(unsigned workers, size_t queue_limit) : workers_(workers ? workers : 1), queue_limit_(queue_limit) {
    // Detached: each worker holds the state, so a worker stuck in a runaway job never
    // blocks the destructor.
    for (unsigned i = 0; i < workers_; ++i) std::thread(work, state_).detach();
}

WorkQueue::~WorkQueue() { finish(std::chrono::milliseconds(0)); }

bool WorkQueue::finish(std::chrono::milliseconds limit) {
    std::unique_lock lock(state_->mutex);
    state_->stopping = true;
    state_->jobs.clear();
    state_->ready.notify_all();
    return state_->idle.wait_for(lock, limit, [&] { return state_->running == 0; });
}

bool WorkQueue::try_push(std::function<void()> job) {
    {
        std::lock_guard lock(state_->mutex);
        if (state_->stopping || state_->jobs.size() >= queue_limit_) return false;
        state_->jobs.push_back(std::move(job));
    }
    state_->ready.notify_one();
    return true;
}

void WorkQueue::work(std::shared_ptr<State> state) {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(state->mutex);
            state->ready.wait(lock, [&] { return state->stopping || !state->jobs.empty(); });
            if (state->stopping) return;
            job = std::move(state->jobs.front());
            state->jobs.pop_front();
            ++state->running;
        }
        job();
        std::lock_guard lock(state->mutex);
        --state->running;
        state->idle.notify_all();
    }
}

}  // namespace touchpoint
