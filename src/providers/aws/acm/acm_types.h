// ACM resource types:
//   aws_acm_certificate             a public certificate requested with DNS validation
//                                   (IdempotencyToken = the engine's token, tagged); its computed
//                                   validation_record_name/_type/_value are the CNAME that proves
//                                   the domain, for an aws_route53_record to publish.
//   aws_acm_certificate_validation  no AWS object of its own: its create waits, with adaptive
//                                   polling, until the certificate is ISSUED, and fails with a
//                                   clear error when ACM gives up or the wait times out.
#pragma once

#include <memory>
#include <string>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewAcmCertificateType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewAcmCertificateValidationType(AwsTypeDeps deps);

// Adds the two types above to the registry.
void RegisterAcmTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

// An ACM IdempotencyToken (at most 32 word characters) for the engine's token: the token when
// it fits, else the first 32 hex digits of its SHA-256.
std::string AcmIdempotencyToken(const std::string& idempotency_token);

// How long a validation waits for ISSUED when the file does not say.
inline constexpr int64_t kDefaultValidationTimeoutMinutes = 45;

}  // namespace pave::aws_provider
