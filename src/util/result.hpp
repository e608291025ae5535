#pragma once
// Expected failures (a bad file, a miss, a timeout) are values, not exceptions.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace samplemind {

struct Error {
  std::string message;
};

// A value or an error message; C++20 has no std::expected yet.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const std::string& error() const { return std::get<Error>(state_).message; }

 private:
  std::variant<T, Error> state_;
};

// Success or an error message, for operations without a value.
struct Status {
  bool ok = true;
  std::string error;
  static Status success() { return {}; }
  static Status failure(std::string message) { return {false, std::move(message)}; }
  explicit operator bool() const { return ok; }
};

// Thrown only for bad configuration or usage; caught once in the CLI (exit 2).
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace samplemind
