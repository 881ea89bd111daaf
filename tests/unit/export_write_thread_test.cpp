// The export's write thread: tasks run in order, one failure stops the rest and reaches the
// walk, and tasks still waiting when an export is abandoned never run.
#include "export/write_thread.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

using crm::exporting::WriteThread;

TEST_CASE("write thread: tasks run in the order posted, drain waits for all", "[unit][export]") {
    std::vector<int> ran;  // only the write thread appends; read after drain()
    WriteThread writes(2);
    for (int i = 0; i < 50; ++i) writes.post([&ran, i] { ran.push_back(i); });
    writes.drain();
    REQUIRE(ran.size() == 50);
    for (int i = 0; i < 50; ++i) CHECK(ran[static_cast<size_t>(i)] == i);
}

TEST_CASE("write thread: a failing task stops the rest and is rethrown", "[unit][export]") {
    std::atomic<int> after{0};
    WriteThread writes(1);
    writes.post([] { throw std::runtime_error("disk full"); });
    // Whichever call meets the failure first rethrows it; nothing posted later runs.
    bool thrown = false;
    try {
        for (int i = 0; i < 10; ++i) writes.post([&after] { ++after; });
        writes.drain();
    } catch (const std::runtime_error& e) {
        thrown = true;
        CHECK(std::string(e.what()) == "disk full");
    }
    CHECK(thrown);
    CHECK(after == 0);
    CHECK_THROWS_WITH(writes.drain(), "disk full");
}

TEST_CASE("write thread: tasks still waiting when it ends are dropped", "[unit][export]") {
    std::atomic<int> ran{0};
    std::atomic<bool> release{false};
    // Lets the first task end a little after the destructor has begun.
    std::thread releaser([&release] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        release = true;
    });
    {
        WriteThread writes(8);
        writes.post([&] {
            while (!release) std::this_thread::yield();
            ++ran;
        });
        for (int i = 0; i < 5; ++i) writes.post([&ran] { ++ran; });
    }  // the first task is running or about to; the five behind it are dropped
    releaser.join();
    CHECK(ran <= 1);
}
