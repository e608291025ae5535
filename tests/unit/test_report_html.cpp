// The HTML report: escaped names, the JSON report's counts, charts from the files' values.
#include <doctest/doctest.h>

#include <limits>
#include <regex>

#include "report/html_report.hpp"

using namespace samplemind;

namespace {

FileResult analysed(std::string path, std::optional<double> bpm, std::optional<std::string> camelot) {
  FileResult file;
  file.path = std::move(path);
  file.features.emplace();
  file.features->tempo_bpm = bpm;
  file.features->camelot = camelot;
  if (camelot) {
    file.features->key = "A";
    file.features->mode = "minor";
  }
  file.cache = CacheOutcome::hit;
  file.result = nlohmann::json{{"genre", "<b>house</b>"}};
  return file;
}

int count_of(const std::string& html, const std::string& needle) {
  int count = 0;
  for (auto at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("html escape covers markup and control characters") {
  CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(html_escape("line\nbreak") == "line\\nbreak");
}

TEST_CASE("html report: hostile names stay text, counts match the summary, charts count the files") {
  RunOutcome outcome;
  outcome.files.push_back(analysed("/lib/<script>alert(1)</script>.wav", 124.0, std::string("8A")));
  outcome.files.push_back(analysed("/lib/\"><img src=x onerror=alert(1)>.wav", 126.0, std::string("8A")));
  outcome.files.push_back(analysed("/lib/free.wav", std::nullopt, std::nullopt));
  outcome.files.back().features->loudness_lufs = std::numeric_limits<double>::quiet_NaN();
  outcome.summary.files_total = 3;
  outcome.summary.files_ok = 3;
  outcome.summary.cache_hits = 2;
  outcome.summary.cache_misses = 1;
  outcome.summary.saved_usd = 0.0125;
  const std::string html = analyze_report_html(outcome);
  CHECK(count_of(html, "<script") == 1);  // only the page's own script
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>house") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;.wav") != std::string::npos);
  CHECK(html.find("nan") == std::string::npos);
  CHECK(html.find("inf\"") == std::string::npos);
  CHECK(html.find(R"(id="summary-files_total" data-field="files_total">3<)") != std::string::npos);
  CHECK(html.find(R"(id="summary-cache_hits" data-field="cache_hits">2<)") != std::string::npos);
  CHECK(html.find(R"(id="summary-saved_usd" data-field="saved_usd">0.0125<)") != std::string::npos);
  CHECK(html.find(R"(data-low="120" data-count="2")") != std::string::npos);  // 124 and 126 in one bin
  CHECK(html.find(R"(data-camelot="8A" data-count="2")") != std::string::npos);
  CHECK(html.find(R"(data-camelot="8B" data-count="0")") != std::string::npos);
  CHECK(count_of(html, "<tr><td") == 3);
  // The policy lets only the page's script run, by its hash; nothing is loaded from elsewhere.
  CHECK(std::regex_search(html, std::regex("script-src 'sha256-[A-Za-z0-9+/]{43}='")));
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
}
