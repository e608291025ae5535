// JSON text for machines: nlohmann writes NaN/inf as null; invalid UTF-8 in file
// names is replaced rather than aborting the report.
#include "report/report.hpp"

namespace samplemind {

std::string dump_json(const nlohmann::json& document, int indent) {
  return document.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace samplemind
