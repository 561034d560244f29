// Helpers for the protocol tests: the embedded models, a response builder, and one call
// "serialize this input" / "parse this response" that fails the test with the status.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "aws/model_registry.h"
#include "aws/protocol.h"

namespace pave::aws::testing {

inline const ServiceModel& Model(const std::string& service) {
  auto model = ModelRegistry::Embedded().Get(service);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return **model;
}

inline const Operation& Op(const std::string& service, const std::string& operation) {
  const Operation* op = Model(service).FindOperation(operation);
  EXPECT_NE(op, nullptr) << service << " " << operation;
  return *op;
}

// Validates and serializes; an error fails the calling test.
inline WireRequest Serialize(const std::string& service, const std::string& operation,
                             const Value& input) {
  const ServiceModel& model = Model(service);
  const Operation& op = Op(service, operation);
  Status valid = ValidateInput(model, op, input);
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  auto request = SerializeRequest(model, op, input);
  EXPECT_TRUE(request.ok()) << request.status().ToString();
  return request.ok() ? *request : WireRequest{};
}

inline HttpResponse Response(int status, std::string body, Headers headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

inline Value Parse(const std::string& service, const std::string& operation,
                   const HttpResponse& response) {
  const ServiceModel& model = Model(service);
  const Operation& op = Op(service, operation);
  EXPECT_FALSE(IsErrorResponse(model, op, response));
  auto out = ParseResponse(model, op, response);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : Value();
}

inline std::string HeaderOf(const WireRequest& r, const std::string& name) {
  return FindHeader(r.headers, name);
}

}  // namespace pave::aws::testing
