#include "watch.hpp"

#include <sys/inotify.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>
#include <stdexcept>
#include <thread>

namespace touchpoint {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t changes = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;

// Every folder to watch: each folder path with the folders below it (hidden ones are
// never checked, so never watched), and a file's folder.
std::set<fs::path> folders_of(const std::vector<std::string>& paths) {
    std::set<fs::path> folders;
    for (const std::string& path : paths.empty() ? std::vector<std::string>{"."} : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            fs::path parent = fs::path(path).parent_path();
            folders.insert(parent.empty() ? "." : parent);
            continue;
        }
        folders.insert(path);
        for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, error);
             it != fs::recursive_directory_iterator(); it.increment(error)) {
            if (error) break;
            if (it->path().filename().string().starts_with(".")) {
                it.disable_recursion_pending();
                continue;
            }
            if (it->is_directory(error)) folders.insert(it->path());
        }
    }
    return folders;
}

// Waits for a change, then for a quiet moment: an editor's save is several events.
void wait_for_change(int inotify) {
    pollfd wanted{inotify, POLLIN, 0};
    char buffer[64 * 1024];
    for (int timeout = -1;; timeout = 150) {
        int ready = poll(&wanted, 1, timeout);
        if (ready == 0 && timeout > 0) return;  // quiet again
        if (ready < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error("cannot watch for changes: " + std::string(std::strerror(errno)));
        }
        if (read(inotify, buffer, sizeof buffer) < 0 && errno != EAGAIN) return;
    }
}

}  // namespace

int watch(const std::vector<std::string>& paths, const std::vector<std::string>& also_watched,
          const std::function<int()>& check) {
    for (;;) {
        int inotify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
        if (inotify < 0) throw std::runtime_error("cannot watch for changes: " + std::string(std::strerror(errno)));
        std::vector<std::string> watched = paths;
        watched.insert(watched.end(), also_watched.begin(), also_watched.end());
        for (const fs::path& folder : folders_of(watched)) inotify_add_watch(inotify, folder.c_str(), changes);
        try {
            check();
        } catch (const std::exception& e) {
            std::cout.flush();
            std::cerr << "touchpoint: error: " << e.what() << '\n';
        }
        std::cout << "touchpoint: watching for changes (Ctrl-C ends)" << std::endl;
        wait_for_change(inotify);
        close(inotify);  // folders made or removed since: watched afresh
        std::cout << "\ntouchpoint: files changed; checking again\n" << std::endl;
    }
}

}  // namespace touchpoint
