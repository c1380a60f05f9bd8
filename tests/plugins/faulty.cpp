// A test plugin that misbehaves on purpose: it throws on "boom", never ends on
// "forever", crashes on "segfault", reports a position
// outside the document on "outside" and an undeclared rule on "undeclared", and a million
// and five findings on "flood"; it flags every "hello" otherwise.
#include <touchpoint/plugin.hpp>

#include <chrono>
#include <csignal>
#include <stdexcept>
#include <thread>

namespace {

class FaultyCheck : public touchpoint::Check {
public:
    void check(const touchpoint::Document& document, touchpoint::Reporter& reporter) const override {
        std::string_view text = document.text();
        if (text.find("boom") != std::string_view::npos) throw std::runtime_error("boom went the rule");
        while (text.find("forever") != std::string_view::npos) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (text.find("segfault") != std::string_view::npos) std::raise(SIGSEGV);
        if (text.find("outside") != std::string_view::npos)
            reporter.report({"hello", touchpoint::Severity::warning, touchpoint::Anchor::text, 0,
                             uint32_t(text.size() + 10), "out of range", {}});
        if (text.find("undeclared") != std::string_view::npos)
            reporter.report({"mystery", touchpoint::Severity::warning, touchpoint::Anchor::document, 0, 0, "?", {}});
        if (text.find("flood") != std::string_view::npos)
            for (int i = 0; i < 1'000'005; ++i)
                reporter.report({"hello", touchpoint::Severity::warning, touchpoint::Anchor::document, 0, 0, "Flood.", {}});
        for (size_t at = text.find("hello"); at != std::string_view::npos; at = text.find("hello", at + 1))
            reporter.report({"hello", touchpoint::Severity::error, touchpoint::Anchor::text, uint32_t(at),
                             uint32_t(at + 5), "Say hi instead.", {"hi"}});
    }
};

class FaultyPlugin : public touchpoint::Plugin {
public:
    std::string name() const override { return "faulty"; }
    std::string description() const override { return "Misbehaves for the tests."; }
    std::vector<touchpoint::RuleInfo> rules() const override { return {{"hello", "Flags hello.", touchpoint::Severity::error}}; }
    std::unique_ptr<touchpoint::Check> compile(const touchpoint::CompileContext&) const override {
        return std::make_unique<FaultyCheck>();
    }
};

}  // namespace

TOUCHPOINT_PLUGIN(FaultyPlugin)
