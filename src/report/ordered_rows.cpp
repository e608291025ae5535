// Rows in scan order: written at once when in turn, else kept until their turn comes.
#include "report/ordered_rows.hpp"

namespace samplemind {

namespace {
// Rows gathered before one write to the output, unless the last write is older than
// k_row_flush_interval (a cold run over a pipe still shows its rows as they come).
constexpr std::size_t k_row_block_bytes = 1 << 20;
constexpr auto k_row_flush_interval = std::chrono::milliseconds(200);
}  // namespace

OrderedRowWriter::OrderedRowWriter(std::ostream& out, std::string header, std::unique_ptr<EntrySpool> spool)
    : out_(out), spool_(std::move(spool)), buffer_(std::move(header)) {}

void OrderedRowWriter::add(std::size_t index, std::string row) {
  std::lock_guard lock(mutex_);
  if (spooling_ || index < next_) {
    if (spool_) spool_->add(index, row);
    return;
  }
  const std::size_t ahead = index - next_;  // 0: this row is the one the output waits for
  if (ahead > 0) {
    if (ahead > k_rows_waiting_count || waiting_bytes_ + row.size() > k_rows_waiting_bytes) {
      if (spool_) {
        // One row holds back too many: the rest of the table waits in the spool instead.
        for (std::size_t i = 0; i < waiting_.size(); ++i) {
          if (waiting_[i]) spool_->add(next_ + i, *waiting_[i]);
        }
        spool_->add(index, row);
        waiting_.clear();
        waiting_bytes_ = 0;
        spooling_ = true;
        return;
      }
    }
    if (waiting_.size() <= ahead) waiting_.resize(ahead + 1);
    waiting_bytes_ += row.size();
    waiting_[ahead] = std::move(row);
  } else {
    buffer_ += row;
    ++next_;
    if (!waiting_.empty()) waiting_.pop_front();  // the slot of the row just written
    while (!waiting_.empty() && waiting_.front()) {
      waiting_bytes_ -= waiting_.front()->size();
      buffer_ += *waiting_.front();
      waiting_.pop_front();
      ++next_;
    }
  }
  const bool due = std::chrono::steady_clock::now() - last_flush_ >= k_row_flush_interval;
  if (buffer_.size() >= k_row_block_bytes || (due && !buffer_.empty())) flush_locked();
}

void OrderedRowWriter::flush_locked() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  out_.flush();
  buffer_.clear();
  last_flush_ = std::chrono::steady_clock::now();
}

bool OrderedRowWriter::finish() {
  std::lock_guard lock(mutex_);
  // Rows whose predecessor never came (there is none in a finished run) keep their order.
  for (const auto& text : waiting_) {
    if (text) buffer_ += *text;
  }
  waiting_.clear();
  waiting_bytes_ = 0;
  flush_locked();
  if (spooling_ && !spool_->write_entries(out_, "", "")) {
    error_ = spool_->error();
    return false;
  }
  out_.flush();
  return true;
}

std::string OrderedRowWriter::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

std::string OrderedRowWriter::fallback_reason() const {
  std::lock_guard lock(mutex_);
  return spool_ ? spool_->fallback_reason() : std::string();
}

}  // namespace samplemind
