// The batch's steps: walking, taking runs of files, features (cached or decoded), the
// AI hand-off and the per-file report. batch_runner.cpp starts the threads around it.
#include "pipeline/batch.hpp"

#include <chrono>
#include <string_view>

#include "metadata/stated_values.hpp"
#include "pipeline/scan.hpp"
#include "util/path_text.hpp"

namespace samplemind {

namespace {
// Files the walker hands to the feed at once (one lock; with Redis, one prefetch round trip).
constexpr std::size_t k_prefetch_batch = 64;
// How long the stat the walk took of a file stands for it (then it is stat'ed again).
constexpr auto k_walk_stat_fresh = std::chrono::seconds(1);
// Neighbouring files a worker takes at once (fewer while few are waiting): a folder of a
// hundred files then usually goes to one worker (128 instead of 32: warm CPU -5 %).
constexpr std::size_t k_worker_run_files = 128;
// Files of one folder in a run below which their stat records are looked up one by one.
constexpr std::size_t k_min_folder_fetch = 8;
}  // namespace

void Batch::walk() {
  std::vector<ScanItem> pending;
  auto hand_out = [&] {
    if (prefetch_ != nullptr) {
      std::vector<std::string> keys;
      for (const ScanItem& item : pending) {
        if (item.problem.empty()) keys.push_back(file_stat_key(item.path));
      }
      prefetch_->prefetch(EntryKind::file_stat, keys);
    }
    feed_.add_all(pending);
  };
  const WalkTotals totals =
      walk_inputs(options_.inputs, ScanOptions{options_.include_hidden, options_.shard}, [&](ScanItem item) {
        pending.push_back(std::move(item));
        // A batch at a time: one lock of the feed and one wake-up per 64 files.
        if (pending.size() >= k_prefetch_batch || stopped()) hand_out();
      });
  hand_out();
  outside_shard_ = totals.outside_shard;
  feed_.close();
}

bool Batch::extract_next(WorkQueue<FileResult*>* ai_queue, AiStageContext* context) {
  const auto [file, fetched] = next_of_run();
  if (file == nullptr) return false;
  if (file->status != FileStatus::ok) {
    finished(*file);
  } else if (stopped()) {
    skip(*file);
  } else if (auto features = features_of(*file, fetched, ai_queue != nullptr); !features && stopped()) {
    skip(*file);  // hashing or decoding stopped by the interrupt
  } else if (!features) {
    file->status = FileStatus::error;
    file->error = features.error();
    finished(*file);
  } else {
    file->features = std::move(*features);
    if (options_.check_statements) file->statement_check = check_statements(*file->features);
    if (ai_queue == nullptr || answer_from_cache(*file, *context)) finished(*file);
    else ai_queue->push(file);
  }
  return true;
}

bool Batch::analyse_next(WorkQueue<FileResult*>& ai_queue, AiStageContext& context) {
  const auto file = ai_queue.pop();
  if (!file) return false;
  if (stopped()) skip(**file);
  else {
    analyse_with_ai(**file, context);  // looks up again: an equal key may have been stored since
    finished(**file);
  }
  return true;
}

RunOutcome Batch::outcome(double elapsed_s) {
  RunOutcome out;
  out.files = feed_.release();
  out.summary = summary_;  // added up as files finished: streamed results are gone by now
  out.summary.elapsed_s = elapsed_s;
  out.summary.interrupted = stop_ != nullptr && stop_->load();
  out.summary.fatal_error = fatal_.message();
  out.summary.files_decoded = files_decoded_.load();
  out.summary.statements_checked = options_.check_statements;
  out.shard = options_.shard;
  out.tempo_range = options_.tempo_range;
  out.files_outside_shard = outside_shard_;
  return out;
}

std::pair<FileResult*, FetchedStat*> Batch::next_of_run() {
  thread_local WorkerRun run;
  if (run.next == run.files.size()) {
    run.files = feed_.take_run(k_worker_run_files);
    run.next = 0;
    run.stats.clear();
    if (run.files.empty()) return {nullptr, nullptr};
    fetch_stat_records(run);
  }
  const std::size_t at = run.next++;
  FetchedStat* fetched = at < run.stats.size() && run.stats[at] ? &*run.stats[at] : nullptr;
  return {run.files[at], fetched};
}

void Batch::fetch_stat_records(WorkerRun& run) {
  if (feature_cache_ == nullptr || !feature_cache_->fetches_stat_records() || stopped()) return;
  run.stats.resize(run.files.size());
  std::size_t begin = 0;
  while (begin < run.files.size()) {
    const std::string_view folder = parent_folder(run.files[begin]->path);
    std::size_t end = begin + 1;
    while (end < run.files.size() && parent_folder(run.files[end]->path) == folder) ++end;
    std::vector<std::size_t> members;
    std::vector<std::string_view> paths;
    for (std::size_t i = begin; i < end; ++i) {
      if (run.files[i]->status != FileStatus::ok) continue;
      members.push_back(i);
      paths.emplace_back(run.files[i]->path);
    }
    if (paths.size() >= k_min_folder_fetch) {
      std::vector<FetchedStat> fetched = feature_cache_->fetch_stat_records(paths);
      for (std::size_t j = 0; j < members.size() && j < fetched.size(); ++j) run.stats[members[j]] = std::move(fetched[j]);
    }
    begin = end;
  }
}

Result<Features> Batch::features_of(FileResult& file, FetchedStat* fetched, bool with_answer) {
  const std::filesystem::path path(file.path);
  if (with_answer && feature_cache_ != nullptr && feature_cache_->keeps_answers()) {
    file.answer_slot = std::make_shared<AnswerSlot>();
  }
  // The walk's stat stands for the file only while fresh: a file changed after the walk
  // but before its turn (a cold run can be an hour behind the walk) is stat'ed again.
  const bool fresh = file.walk_stat && std::chrono::steady_clock::now() - file.walk_stat_taken <= k_walk_stat_fresh;
  const FileStat* walked = fresh ? &*file.walk_stat : nullptr;
  auto features = feature_cache_ ? feature_cache_->features_for(path, decode_, walked, fetched, file.answer_slot.get())
                                 : decode_(path);
  if (features) apply_file_statements(*features, path, {options_.ignore_metadata, options_.tempo_range});
  return features;
}

void Batch::skip(FileResult& file) {
  file.status = FileStatus::skipped;
  file.skip_reason = fatal_.raised() ? SkipReason::stopped : SkipReason::interrupted;
  file.error = fatal_.raised() ? "not analysed: the batch was stopped by a fatal error"
                               : std::string(k_not_analysed_interrupted);
  finished(file);
}

void Batch::finished(FileResult& file) {
  if (file.answer_slot) {
    if (feature_cache_ != nullptr) feature_cache_->settle_answer(*file.answer_slot);
    file.answer_slot.reset();
  }
  if (options_.render_file) options_.render_file(file);
  const std::size_t total = feed_.walk_finished() ? feed_.size() : 0;
  {
    std::lock_guard lock(progress_mutex_);
    add_to_summary(summary_, file);
    ++done_;
    if (progress_) progress_(done_, total, file);
  }
  feed_.retire(&file);
}

}  // namespace samplemind
