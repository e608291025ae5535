#pragma once
// The shape of a valid answer: a JSON Schema built from an analysis type's required
// fields (sent to providers that enforce schemas) and the check every answer must pass.
#include <string>

#include <nlohmann/json.hpp>

#include "samplemind/analysis_type.hpp"
#include "samplemind/result.hpp"

namespace samplemind {

// JSON Schema (draft 2020 subset) of the answer: an object with every required field.
nlohmann::json answer_json_schema(const AnalysisType& type);

// The same schema in Gemini's OpenAPI subset (upper-case type names).
nlohmann::json answer_gemini_schema(const AnalysisType& type);

// Parses answer text (tolerating a ```json fence) and checks it is an object holding
// every required field; the error says what is wrong without echoing the whole text.
Result<nlohmann::json> parse_and_validate_answer(const std::string& text, const AnalysisType& type);

// Checks an already-parsed answer (Anthropic tool input).
Result<nlohmann::json> validate_answer(nlohmann::json answer, const AnalysisType& type);

}  // namespace samplemind
