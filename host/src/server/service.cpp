#include "server/service.hpp"

#include <chrono>
#include <cstdio>
#include <future>
#include <memory>

namespace touchpoint {

std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", seconds);
    return text;
}

std::string degraded_reason(const WorkQueue& checks) {
    return "every check worker (" + std::to_string(checks.workers()) + ") is stuck in a check that was given up, and " +
           std::to_string(checks.abandoned()) + " abandoned workers still run (the limit); checks are refused until one ends";
}

FileReport check_within(Service& service, std::string text, const std::string& name,
                        const std::optional<std::string>& channel, const std::string& language) {
    if (!service.checks.can_work()) throw HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, degraded_reason(service.checks));
    auto task = std::make_shared<std::packaged_task<FileReport()>>(
        [&engine = service.engine, text = std::move(text), name, channel, language]() mutable {
            return engine.check_text(std::move(text), name, channel, language);
        });
    std::future<FileReport> future = task->get_future();
    WorkQueue::Ticket ticket = service.checks.try_push([task] { (*task)(); });
    if (!ticket)
        throw HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                        "every check worker (" + std::to_string(service.checks.workers()) + ") is busy and " +
                            std::to_string(service.checks.queue_limit()) + " checks wait; try again shortly");
    double seconds = service.options.request_seconds;
    if (future.wait_for(std::chrono::duration<double>(seconds)) != std::future_status::ready) {
        service.checks.give_up(ticket);
        throw HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                        "the check took longer than " + seconds_text(seconds) + " s (--request-timeout)");
    }
    return future.get();
}

std::string brand_language(const Brand& brand, const std::string& requested) {
    if (requested.empty() || requested == "auto") return {};
    if (brand.language_index(primary_language(requested)) >= 0) return requested;
    std::string list;
    for (const std::string& tag : brand.languages) list += (list.empty() ? "" : ", ") + tag;
    throw HttpError(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
                    "language '" + requested + "' is not one the brand writes in (" + list + ")");
}

void refuse_skipped(const FileReport& report) {
    if (!report.channel.empty()) return;
    std::string why = report.warnings.empty() ? "skipped " + report.path + ": unknown reason" : report.warnings.front();
    if (why.starts_with("skipped ")) why = why.substr(8);
    size_t colon = why.find(": ");
    if (colon != std::string::npos) why = why.substr(0, colon) + " cannot be checked" + why.substr(colon);
    throw HttpError(Poco::Net::HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, why);
}

}  // namespace touchpoint
