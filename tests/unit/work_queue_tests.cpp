#include "engine/work_queue.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

using touchpoint::WorkQueue;

TEST_CASE("the work queue runs every job it accepts, on its workers") {
    WorkQueue queue(3, 100);
    std::atomic<int> done{0};
    std::promise<void> all_done;
    const int jobs = 50;
    for (int i = 0; i < jobs; ++i)
        REQUIRE(queue.try_push([&] {
            if (++done == jobs) all_done.set_value();
        }));
    REQUIRE(all_done.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CHECK(done == jobs);
}

TEST_CASE("the work queue refuses jobs once its queue is full, and takes them again when it drains") {
    WorkQueue queue(1, 2);
    std::promise<void> release, started;
    std::shared_future<void> released = release.get_future().share();
    REQUIRE(queue.try_push([&, released] {
        started.set_value();
        released.wait();
    }));
    started.get_future().wait();  // the one worker is now busy
    std::atomic<int> ran{0};
    CHECK(queue.try_push([&] { ++ran; }));
    CHECK(queue.try_push([&] { ++ran; }));
    CHECK_FALSE(queue.try_push([&] { ++ran; }));  // two wait already: the limit
    release.set_value();
    std::promise<void> last;
    while (!queue.try_push([&] { last.set_value(); })) std::this_thread::yield();
    REQUIRE(last.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CHECK(ran == 2);
}

TEST_CASE("a work queue whose worker is stuck can still be destroyed") {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    {
        WorkQueue queue(1, 4);
        REQUIRE(queue.try_push([released] { released.wait(); }));
        CHECK(queue.try_push([] {}));
    }  // must not wait for the stuck job
    release.set_value();
}

TEST_CASE("finishing a work queue waits for the running jobs, drops the waiting ones, and says when one is stuck") {
    WorkQueue queue(1, 4);
    std::promise<void> started;
    std::atomic<bool> first_done{false}, second_ran{false};
    REQUIRE(queue.try_push([&] {
        started.set_value();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        first_done = true;
    }));
    REQUIRE(queue.try_push([&] { second_ran = true; }));
    started.get_future().wait();
    CHECK(queue.finish(std::chrono::seconds(10)));
    CHECK(first_done);
    CHECK_FALSE(second_ran);
    CHECK_FALSE(queue.try_push([] {}));  // finished: takes nothing more

    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    WorkQueue stuck(1, 1);
    std::promise<void> stuck_started;
    REQUIRE(stuck.try_push([&, released] {
        stuck_started.set_value();
        released.wait();
    }));
    stuck_started.get_future().wait();
    CHECK_FALSE(stuck.finish(std::chrono::milliseconds(50)));
    release.set_value();
}

TEST_CASE("a job given up while it waits in the queue never runs") {
    WorkQueue queue(1, 4);
    std::promise<void> release, started;
    std::shared_future<void> released = release.get_future().share();
    REQUIRE(queue.try_push([&, released] {
        started.set_value();
        released.wait();
    }));
    started.get_future().wait();
    std::atomic<bool> ran{false};
    WorkQueue::Ticket waiting = queue.try_push([&] { ran = true; });
    REQUIRE(waiting);
    queue.give_up(waiting);
    release.set_value();
    std::promise<void> after;
    REQUIRE(queue.try_push([&] { after.set_value(); }));
    REQUIRE(after.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CHECK_FALSE(ran);
}

TEST_CASE("a worker whose job was given up is replaced, up to the limit of abandoned workers") {
    WorkQueue queue(1, 4, 2);
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    auto stuck_job = [&] {
        auto started = std::make_shared<std::promise<void>>();
        WorkQueue::Ticket ticket = queue.try_push([started, released] {
            started->set_value();
            released.wait();
        });
        REQUIRE(ticket);
        started->get_future().wait();
        return ticket;
    };
    auto runs_a_job = [&] {
        std::promise<void> done;
        if (!queue.try_push([&] { done.set_value(); })) return false;
        return done.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready;
    };
    for (int i = 0; i < 2; ++i) {
        queue.give_up(stuck_job());
        CHECK(queue.abandoned() == unsigned(i + 1));
        CHECK(queue.can_work());
        CHECK(runs_a_job());  // on the replacement
    }
    queue.give_up(stuck_job());  // the limit is reached: no replacement
    CHECK(queue.abandoned() == 2);
    CHECK_FALSE(queue.can_work());

    release.set_value();  // the runaway jobs end: the pool works again, with one worker
    for (int i = 0; i < 1000 && (queue.abandoned() || !queue.can_work()); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(queue.abandoned() == 0);
    CHECK(queue.can_work());
    CHECK(runs_a_job());
}

TEST_CASE("an abandoned worker whose job ends at last takes the place of a stuck one") {
    WorkQueue queue(1, 4, 1);
    std::promise<void> release_first, release_second;
    std::shared_future<void> first = release_first.get_future().share(), second = release_second.get_future().share();
    std::promise<void> first_started, second_started;
    WorkQueue::Ticket a = queue.try_push([&, first] {
        first_started.set_value();
        first.wait();
    });
    first_started.get_future().wait();
    queue.give_up(a);  // abandoned and replaced
    WorkQueue::Ticket b = queue.try_push([&, second] {
        second_started.set_value();
        second.wait();
    });
    second_started.get_future().wait();
    queue.give_up(b);  // stuck: the limit of one abandoned worker is reached
    CHECK_FALSE(queue.can_work());
    release_first.set_value();
    for (int i = 0; i < 1000 && !queue.can_work(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(queue.can_work());
    CHECK(queue.abandoned() == 1);  // the stuck one counts as abandoned now
    std::promise<void> done;
    REQUIRE(queue.try_push([&] { done.set_value(); }));
    CHECK(done.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    release_second.set_value();
}
