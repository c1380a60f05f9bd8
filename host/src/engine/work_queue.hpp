// Worker threads fed by a bounded queue: the server's check pool and its connection pool.
// The server answers HTTP on many connection threads, but only this many checks run at
// once, and a full queue is refused at once instead of growing without bound.
//
// A job can be given up (its request ran out of time). One still queued is dropped; the
// worker of one that runs is abandoned, left to finish it (a runaway rule cannot be
// stopped from outside), and replaced by a new worker, so that runaway jobs never take the
// pool down. At most `max_abandoned` abandoned workers run at once: past that, a worker
// whose job was given up stays in the pool, stuck, until its job ends.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace touchpoint {

class WorkQueue {
    struct Job;

public:
    using Ticket = std::shared_ptr<Job>;

    WorkQueue(unsigned workers, size_t queue_limit, unsigned max_abandoned = 0);
    // Workers still busy (a runaway rule cannot be stopped from outside) are left to end
    // with the process; the others stop once their current job is done.
    ~WorkQueue();
    WorkQueue(const WorkQueue&) = delete;
    WorkQueue& operator=(const WorkQueue&) = delete;

    // Queues a job, which must not throw; null when queue_limit jobs already wait.
    Ticket try_push(std::function<void()> job);

    // The job's result is no longer wanted: dropped if still queued, its worker abandoned
    // and replaced if it runs (see above). Nothing if it has ended.
    void give_up(const Ticket& job);

    // False while every worker of the pool is stuck in a job that was given up.
    bool can_work() const;
    unsigned abandoned() const;

    // Stops taking jobs, drops those waiting, and waits up to `limit` for the running ones;
    // false when some still run (stuck in a runaway rule).
    bool finish(std::chrono::milliseconds limit);

    unsigned workers() const { return workers_; }
    size_t queue_limit() const { return queue_limit_; }
    unsigned max_abandoned() const { return max_abandoned_; }

private:
    struct Worker;
    struct State;
    static void start_worker(const std::shared_ptr<State>& state);
    static void work(std::shared_ptr<State> state);
    static bool after_job(State& state, const std::shared_ptr<Worker>& me);

    std::shared_ptr<State> state_;
    unsigned workers_;
    size_t queue_limit_;
    unsigned max_abandoned_;
};

}  // namespace touchpoint
