// --format html: one self-contained page a brand manager approves a campaign from — the
// promise, a scorecard, a heatmap of touchpoints by pillars, and the findings grouped by
// touchpoint and rule with the sentence highlighted and the suggestion beside it.
#include "report/report.hpp"

#include "base/unicode.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

namespace touchpoint {
namespace {

std::string escape(std::string_view text) { return xml_escape(text); }

// 100 less 20 an error, 5 a warning, 1 a suggestion; never below 0.
int score(const FileReport& report) { return on_promise_score(report); }

// The source line with the match marked, around the match when the line is long.
std::string highlighted(const ReportedFinding& f) {
    std::string_view line = f.excerpt.text;
    size_t begin = 0, pos = 0;
    for (int column = f.excerpt.first_column; column < f.begin.column && pos < line.size(); ++column) utf8::next(line, pos);
    begin = pos;
    size_t end = begin;
    int last = f.end.line == f.begin.line ? f.end.column : f.excerpt.first_column + int(utf8::length(line));
    for (int column = f.begin.column; column <= last && end < line.size(); ++column) utf8::next(line, end);
    size_t from = begin > 120 ? line.rfind(' ', begin - 100) : 0;
    if (from == std::string_view::npos) from = 0;
    size_t to = std::min(line.size(), end + 120);
    bool cut_before = from > 0 || f.excerpt.cut_before, cut_after = to < line.size() || f.excerpt.cut_after;
    return (cut_before ? "\u2026" : "") + escape(line.substr(from, begin - from)) + "<mark>" +
           escape(line.substr(begin, end - begin)) + "</mark>" + escape(line.substr(end, to - end)) +
           (cut_after ? "\u2026" : "");
}

// The match in its prose as the reader sees it; in the source line when it is not in the
// prose (a link's destination).
std::string shown(const ReportedFinding& f) {
    const Prose& p = f.prose;
    if (p.match.empty()) return highlighted(f);
    return (p.cut_before ? "\u2026" : "") + escape(p.before) + "<mark>" + escape(p.match) + "</mark>" + escape(p.after) +
           (p.cut_after ? "\u2026" : "");
}

constexpr const char* style = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
header{background:#12355b;color:#fff;padding:24px 32px}header h1{margin:0;font-size:24px}
.promise{font-size:20px;font-style:italic;margin:8px 0 0;color:#d9e8f6}
main{padding:16px 32px 48px;max-width:1200px}section{background:#fff;border-radius:8px;padding:16px 20px;margin:16px 0;box-shadow:0 1px 3px #0002}
h2{font-size:18px;margin:0 0 12px}.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border-radius:6px;padding:10px 16px;min-width:110px;background:#eef2f7}.card b{display:block;font-size:26px}
.error{color:#b42318}.warning{color:#b54708}.suggestion{color:#175cd3}.pass{color:#067647}.fail{color:#b42318}
table{border-collapse:collapse;width:100%}th,td{padding:6px 8px;border-bottom:1px solid #e4e7ec;text-align:left}
td.hit{text-align:center;font-weight:600}td.h0{background:#fde2e1}td.h1{background:#d1fadf}td.h2{background:#a6f4c5}td.h3{background:#6ce9a6}
.file{margin:12px 0;border:1px solid #e4e7ec;border-radius:6px}.file summary{padding:8px 12px;cursor:pointer;font-weight:600}
.rule{margin:4px 12px 12px}.rule h4{margin:8px 0 4px;font-size:14px;color:#475467}
.finding{display:grid;grid-template-columns:70px minmax(0,1fr) minmax(0,220px);gap:8px;padding:6px 0;border-top:1px dashed #e4e7ec}
.finding>span{overflow-wrap:anywhere}.rule h4 code{font-weight:400;color:#98a2b3;font-size:12px}
.finding .where{color:#667085;font-family:monospace}.finding .line{font-family:Georgia,serif;color:#344054}
mark{background:#fef0c7;padding:0 2px;border-radius:2px}.fix{color:#067647}.fix:before{content:"\2192  "}
.filters{display:flex;gap:16px;align-items:center;flex-wrap:wrap;margin-bottom:8px}
)";

constexpr const char* script = R"(
function applyFilters(){
  const shown=new Set([...document.querySelectorAll('.filters input[type=checkbox]:checked')].map(c=>c.value));
  const channel=document.getElementById('channel').value, q=document.getElementById('search').value.toLowerCase();
  document.querySelectorAll('.finding').forEach(f=>{
    const ok=shown.has(f.dataset.severity)&&(channel===''||f.dataset.channel===channel)&&(q===''||f.textContent.toLowerCase().includes(q));
    f.style.display=ok?'':'none';});
  document.querySelectorAll('.rule').forEach(r=>{r.style.display=[...r.querySelectorAll('.finding')].some(f=>f.style.display!=='none')?'':'none';});
}
document.querySelectorAll('.filters input,.filters select').forEach(e=>e.addEventListener('input',applyFilters));
// What a reader sees, for automated checks of this page.
const visible=['heatmap','scorecard'].filter(id=>{const e=document.getElementById(id);return e&&e.getBoundingClientRect().height>0;});
if([...document.querySelectorAll('.finding')].some(f=>f.getBoundingClientRect().height>0))visible.push('finding');
document.body.dataset.visible=visible.join(' ');
)";

class HtmlWriter : public ReportWriter {
public:
    HtmlWriter(std::ostream& out, const RunInfo& run) : out_(out), run_(run) {}

    void file(const FileReport& report) override {
        if (report.channel.empty()) return;
        files_.push_back(report);
    }

    void finish(const Summary& summary) override {
        out_ << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" << html_report_marker << " "
             << escape(run_.version) << "\">"
             << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
             << "<title>Touchpoint report: " << escape(run_.brand) << "</title><style>" << style << "</style></head><body>\n"
             << "<header><h1>" << escape(run_.brand) << " \u2014 brand promise report</h1>";
        if (!run_.promise.empty()) out_ << "<p class=\"promise\">\u201c" << escape(run_.promise) << "\u201d</p>";
        for (const auto& [lang, promise] : run_.translated_promises)
            out_ << "<p class=\"promise\" lang=\"" << escape(lang) << "\">\u201c" << escape(promise) << "\u201d</p>";
        out_ << "</header>\n<main>\n";
        scorecard(summary);
        heatmap();
        findings();
        out_ << "</main>\n<script>" << script << "</script>\n</body></html>\n";
    }

private:
    void scorecard(const Summary& summary) {
        std::map<std::string, std::pair<int, int>> channels;  // channel -> total score, documents
        int total = 0;
        for (const FileReport& f : files_) {
            int s = score(f);
            total += s;
            channels[f.channel].first += s;
            ++channels[f.channel].second;
        }
        int overall = files_.empty() ? 100 : total / int(files_.size());
        out_ << "<section id=\"scorecard\"><h2>Scorecard</h2><div class=\"cards\">"
             << "<div class=\"card\"><b class=\"" << (overall >= run_.pass_mark ? "pass" : "fail") << "\">" << overall
             << "</b>on-promise score (pass mark " << run_.pass_mark << ")</div>"
             << "<div class=\"card\"><b>" << summary.files << "</b>touchpoints</div>"
             << "<div class=\"card\"><b class=\"error\">" << summary.errors << "</b>errors</div>"
             << "<div class=\"card\"><b class=\"warning\">" << summary.warnings << "</b>warnings</div>"
             << "<div class=\"card\"><b class=\"suggestion\">" << summary.suggestions << "</b>suggestions</div></div>\n"
             << "<table><tr><th>Channel</th><th>Touchpoints</th><th>Score</th><th></th></tr>";
        for (const auto& [channel, scores] : channels) {
            int s = scores.first / scores.second;
            out_ << "<tr><td>" << escape(channel) << "</td><td>" << scores.second << "</td><td>" << s << "</td><td class=\""
                 << (s >= run_.pass_mark ? "pass\">passes" : "fail\">below the pass mark") << "</td></tr>";
        }
        out_ << "</table></section>\n";
    }

    // Touchpoints by what the checks measure of them (the pillars they carry).
    void heatmap() {
        for (const MeasureInfo& measure : run_.measures) {
            out_ << "<section id=\"heatmap\"><h2>" << escape(measure.label)
                 << " by touchpoint</h2><table><tr><th>Touchpoint</th><th>Channel</th>";
            for (const auto& [key, label] : measure.keys) out_ << "<th>" << escape(label) << "</th>";
            out_ << "<th>Score</th></tr>\n";
            for (const FileReport& f : files_) {
                out_ << "<tr><td>" << escape(f.path) << "</td><td>" << escape(f.channel) << "</td>";
                auto values = f.measures.find(measure.group);
                for (const auto& [key, label] : measure.keys) {
                    int hits = 0;
                    if (values != f.measures.end())
                        if (auto it = values->second.find(key); it != values->second.end()) hits = int(it->second);
                    out_ << "<td class=\"hit h" << std::min(hits, 3) << "\" title=\"" << hits << (hits == 1 ? " mention" : " mentions") << "\">" << hits << "</td>";
                }
                int s = score(f);
                out_ << "<td class=\"" << (passes(f, run_.pass_mark) ? "pass" : "fail") << "\">" << s << "</td></tr>\n";
            }
            out_ << "</table></section>\n";
        }
    }

    void findings() {
        std::vector<std::string> channels;
        for (const FileReport& f : files_)
            if (std::find(channels.begin(), channels.end(), f.channel) == channels.end()) channels.push_back(f.channel);
        out_ << "<section id=\"findings\"><h2>Findings</h2><div class=\"filters\">";
        for (const char* severity : {"error", "warning", "suggestion"})
            out_ << "<label><input type=\"checkbox\" value=\"" << severity << "\" checked> <span class=\"" << severity << "\">"
                 << severity << "s</span></label>";
        out_ << "<select id=\"channel\"><option value=\"\">all channels</option>";
        for (const std::string& c : channels) out_ << "<option>" << escape(c) << "</option>";
        out_ << "</select><input id=\"search\" type=\"search\" placeholder=\"Search findings\"></div>\n";
        for (const FileReport& f : files_) {
            if (f.findings.empty()) continue;
            out_ << "<details class=\"file\" open><summary>" << escape(f.path) << " \u00b7 " << escape(f.channel) << " \u00b7 "
                 << f.findings.size() << (f.findings.size() == 1 ? " finding" : " findings") << " \u00b7 score " << score(f)
                 << "</summary>\n";
            std::map<std::string, std::vector<const ReportedFinding*>> by_rule;
            for (const ReportedFinding& finding : f.findings) by_rule[finding.rule].push_back(&finding);
            for (const auto& [rule, list] : by_rule) {
                // A rule's findings under what the rule is about, its id beside.
                auto described = run_.rules.find(rule);
                std::string heading = described != run_.rules.end() ? described->second : rule;
                out_ << "<div class=\"rule\"><h4>" << escape(heading) << " <code>" << escape(rule) << "</code></h4>\n";
                for (const ReportedFinding* x : list) {
                    out_ << "<div class=\"finding\" data-severity=\"" << to_string(x->severity) << "\" data-channel=\""
                         << escape(x->channel) << "\"><span class=\"where " << to_string(x->severity) << "\">"
                         << x->begin.line << ":" << x->begin.column << "</span><span><span class=\"message\">"
                         << escape(x->message) << "</span>";
                    if (!x->whole_document) out_ << "<br><span class=\"line\">" << shown(*x) << "</span>";
                    if (!x->context.empty()) out_ << "<br><small>" << escape(x->context) << "</small>";
                    out_ << "</span><span>";
                    if (!x->suggestions.empty()) out_ << "<span class=\"fix\">" << escape(x->suggestions.front()) << "</span>";
                    out_ << "</span></div>\n";
                }
                out_ << "</div>\n";
            }
            out_ << "</details>\n";
        }
        out_ << "</section>\n";
    }

    std::ostream& out_;
    const RunInfo& run_;
    std::vector<FileReport> files_;
};

const WriterRegistration registered{"html", 8, [](const WriterSettings& s) -> std::unique_ptr<ReportWriter> {
    return std::make_unique<HtmlWriter>(s.out, s.run);
}};

}  // namespace

}  // namespace touchpoint
