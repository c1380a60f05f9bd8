// What every request of touchpoint serve shares: the engine, the options and the pool
// that runs checks within the request time limit.
#pragma once

#include "engine/engine.hpp"
#include "engine/work_queue.hpp"
#include "server/server.hpp"

#include <Poco/Net/HTTPResponse.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace touchpoint {

// An answer other than 200, with the reason for the client.
struct HttpError : std::runtime_error {
    Poco::Net::HTTPResponse::HTTPStatus status;
    HttpError(Poco::Net::HTTPResponse::HTTPStatus s, const std::string& why) : std::runtime_error(why), status(s) {}
};

// Check workers that may be abandoned in a runaway check, per worker: past that, the
// server stops replacing them and says it is degraded.
constexpr unsigned abandoned_per_worker = 4;

struct Service {
    Engine& engine;
    const ServeOptions& options;
    std::string version;
    WorkQueue checks;
};

// "2.5": a number of seconds as a person writes it.
std::string seconds_text(double seconds);

// Why no check can run, while every worker is stuck and no replacement is allowed.
std::string degraded_reason(const WorkQueue& checks);

// Checks a text on the check pool within the request time limit (waiting in the queue
// included). A check that runs over it gets 503 and is given up: dropped if still queued,
// else its worker is abandoned to it and replaced (work_queue.hpp). The queue holds one
// check per connection thread, so it is full only if checks are slower than that.
FileReport check_within(Service& service, std::string text, const std::string& name,
                        const std::optional<std::string>& channel, const std::string& language = {});

// A client's language ("es", "es-US"), checked to be one of the brand's; "" and "auto"
// (LanguageTool's) leave it to the text. Throws HttpError 400 for another.
std::string brand_language(const Brand& brand, const std::string& requested);

// A document the engine skipped (binary, damaged, too deep) is the client's error, with
// the engine's reason: "skipped a.docx: why" becomes "a.docx cannot be checked: why".
void refuse_skipped(const FileReport& report);

}  // namespace touchpoint
