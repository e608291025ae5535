// Prompt templates: system text shared by all types, user text from the type's
// instructions and the normalised features (and nothing else).
#include "provider/prompt.hpp"

#include <fmt/format.h>

#include "cache/sha256.hpp"

namespace samplemind {

namespace {
constexpr const char* k_system_text =
    "You are an expert music producer and audio engineer who analyses samples from producers' sample "
    "libraries. You only see measured features, not the audio. Answer with one JSON object and nothing "
    "else. Be concrete and concise.";

std::string required_fields_text(const AnalysisType& type) {
  std::string text;
  for (const auto& field : type.required_fields) {
    if (!text.empty()) text += ", ";
    text += field;
  }
  return text;
}
}  // namespace

Prompt build_prompt(const AnalysisType& type, const NormalizedFeatures& features) {
  std::string feature_lines;
  for (const auto& [name, value] : features) feature_lines += fmt::format("- {}: {}\n", name, value);
  Prompt prompt;
  prompt.system = k_system_text;
  prompt.user = fmt::format(
      "{}\n\nMeasured features of the sample:\n{}\nReply in JSON with exactly these fields: {}.",
      type.instructions, feature_lines, required_fields_text(type));
  return prompt;
}

std::string prompt_template_hash(const AnalysisType& type) {
  const std::string material = fmt::format("template_version={}\nsystem={}\ntype={}\ninstructions={}\nfields={}\n",
                                           k_prompt_template_version, k_system_text, type.name,
                                           type.instructions, required_fields_text(type));
  return sha256_hex(material).substr(0, 16);
}

}  // namespace samplemind
