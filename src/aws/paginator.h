// Pagination: following an operation's paginator (paginators-1.json) until the last page.
//
// Token and result-key expressions use the small part of JMESPath that botocore's paginators
// need: dotted paths ("EngineDefaults.Marker"), an index on a path element ("Contents[-1]"),
// and alternatives ("NextMarker || Contents[-1].Key": the first that is not null).
#pragma once

#include <functional>
#include <string_view>

#include "aws/model.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

// The value `expr` selects in `doc`, or null.
Value EvalPath(const Value& doc, std::string_view expr);

// Calls `fetch` with `input`, then again with the input tokens set from each page's output
// tokens, until `more_results` is false or no output token is left. Returns the first page's
// output with every result key holding the items of all pages, and the output tokens removed
// (more_results, if any, set false). Aborted when the service repeats a token (it would loop
// for ever); ResourceExhausted past `max_pages`.
using PageFetcher = std::function<Result<Value>(const Value& input)>;
Result<Value> CollectAllPages(const Paginator& paginator, const Value& input,
                              const PageFetcher& fetch, int max_pages = 100000);

}  // namespace pave::aws
