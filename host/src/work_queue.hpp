// A fixed set of worker threads fed by a bounded queue: the server's check pool. The
// server answers HTTP on many connection threads, but only this many checks run at once,
// and a full queue is refused at once instead of growing without bound.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace touchpoint {

class WorkQueue {
public:
    WorkQueue(unsigned workers, size_t queue_limit);
    // Workers still busy (a runaway rule cannot be stopped from outside) are left to end
    // with the process; the others stop once their current job is done.
    ~WorkQueue();
    WorkQueue(const WorkQueue&) = delete;
    WorkQueue& operator=(const WorkQueue&) = delete;

    // Queues a job, which must not throw; false when queue_limit jobs already wait.
    bool try_push(std::function<void()> job);

    // Stops taking jobs, drops those waiting, and waits up to `limit` for the running ones;
    // false when some still run (stuck in a runaway rule).
    bool finish(std::chrono::milliseconds limit);

    unsigned workers() const { return workers_; }
    size_t queue_limit() const { return queue_limit_; }

private:
    struct State {
        std::mutex mutex;
        std::condition_variable ready;  // a job came, or stopping
        std::condition_variable idle;   // a job ended
        std::deque<std::function<void()>> jobs;
        unsigned running = 0;
        bool stopping = false;
    };
    static void work(std::shared_ptr<State> state);

    std::shared_ptr<State> state_ = std::make_shared<State>();
    unsigned workers_;
    size_t queue_limit_;
};

}  // namespace touchpoint
