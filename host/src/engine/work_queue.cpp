#include "engine/work_queue.hpp"

#include <algorithm>
#include <thread>

namespace touchpoint {

struct WorkQueue::Worker {
    bool abandoned = false;  // replaced; leaves once its job ends
    bool stuck = false;      // its job was given up, but no replacement was allowed
};

struct WorkQueue::Job {
    std::function<void()> run;
    std::shared_ptr<Worker> runner;  // while it runs
    bool ended = false;
};

struct WorkQueue::State {
    std::mutex mutex;
    std::condition_variable ready;  // a job came, or stopping
    std::condition_variable idle;   // a job ended
    std::deque<Ticket> jobs;
    std::vector<std::shared_ptr<Worker>> stuck;  // in the pool, in a job given up
    unsigned running = 0;    // jobs running, on any worker
    unsigned active = 0;     // workers that take jobs (stuck ones included)
    unsigned abandoned = 0;  // workers replaced, still in their job
    bool stopping = false;
};

WorkQueue::WorkQueue(unsigned workers, size_t queue_limit, unsigned max_abandoned)
    : state_(std::make_shared<State>()), workers_(workers ? workers : 1), queue_limit_(queue_limit), max_abandoned_(max_abandoned) {
    std::lock_guard lock(state_->mutex);
    for (unsigned i = 0; i < workers_; ++i) start_worker(state_);
}

WorkQueue::~WorkQueue() { finish(std::chrono::milliseconds(0)); }

// Detached: each worker holds the state, so a worker stuck in a runaway job never blocks
// the destructor. Called with the mutex held.
void WorkQueue::start_worker(const std::shared_ptr<State>& state) {
    ++state->active;
    std::thread(work, state).detach();
}

bool WorkQueue::finish(std::chrono::milliseconds limit) {
    std::unique_lock lock(state_->mutex);
    state_->stopping = true;
    state_->jobs.clear();
    state_->ready.notify_all();
    return state_->idle.wait_for(lock, limit, [&] { return state_->running == 0; });
}

WorkQueue::Ticket WorkQueue::try_push(std::function<void()> job) {
    auto ticket = std::make_shared<Job>();
    ticket->run = std::move(job);
    {
        std::lock_guard lock(state_->mutex);
        if (state_->stopping || state_->jobs.size() >= queue_limit_) return nullptr;
        state_->jobs.push_back(ticket);
    }
    state_->ready.notify_one();
    return ticket;
}

void WorkQueue::give_up(const Ticket& job) {
    std::lock_guard lock(state_->mutex);
    if (job->ended) return;
    if (!job->runner) {
        std::erase(state_->jobs, job);
        job->ended = true;
        return;
    }
    Worker& worker = *job->runner;
    if (worker.abandoned || worker.stuck) return;
    if (state_->abandoned < max_abandoned_) {
        worker.abandoned = true;
        --state_->active;
        ++state_->abandoned;
        start_worker(state_);
    } else {
        worker.stuck = true;
        state_->stuck.push_back(job->runner);
    }
}

bool WorkQueue::can_work() const {
    std::lock_guard lock(state_->mutex);
    return state_->active > state_->stuck.size();
}

unsigned WorkQueue::abandoned() const {
    std::lock_guard lock(state_->mutex);
    return state_->abandoned;
}

void WorkQueue::work(std::shared_ptr<State> state) {
    auto me = std::make_shared<Worker>();
    std::unique_lock lock(state->mutex);
    for (;;) {
        state->ready.wait(lock, [&] { return state->stopping || !state->jobs.empty(); });
        if (state->stopping) return;
        Ticket job = std::move(state->jobs.front());
        state->jobs.pop_front();
        job->runner = me;
        ++state->running;
        lock.unlock();
        job->run();
        lock.lock();
        job->ended = true;
        job->runner.reset();
        --state->running;
        state->idle.notify_all();
        if (!after_job(*state, me)) return;
    }
}

// After a job, with the mutex held: whether the worker goes on taking jobs. An abandoned
// worker whose job ended at last takes the place of a stuck one, which counts as
// abandoned from then on, so that the pool can work again; with none stuck it leaves.
bool WorkQueue::after_job(State& state, const std::shared_ptr<Worker>& me) {
    if (me->stuck) {
        me->stuck = false;
        std::erase(state.stuck, me);
    }
    if (!me->abandoned) return true;
    if (state.stuck.empty()) {
        --state.abandoned;
        return false;
    }
    std::shared_ptr<Worker> replaced = state.stuck.back();
    state.stuck.pop_back();
    replaced->stuck = false;
    replaced->abandoned = true;
    me->abandoned = false;
    return true;
}

}  // namespace touchpoint
