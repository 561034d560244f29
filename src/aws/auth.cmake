# pave_aws_auth: transport and identity — HTTP (libcurl), SigV4, shared config files, the
# credentials chain, endpoints, retry. See docs/aws-client.md.
add_library(pave_aws_auth
  http.cc
  curl_http_client.cc
  sigv4.cc
  shared_config.cc
  endpoints.cc
  retry.cc
  rate_limiter.cc
  config.cc
  credentials.cc
  credentials_chain.cc
  credentials_container.cc
  credentials_env.cc
  credentials_fetch.cc
  credentials_imds.cc
  credentials_process.cc
  credentials_profile.cc
  credentials_refresh.cc
  credentials_sso.cc
  credentials_sts.cc
)
target_link_libraries(pave_aws_auth PUBLIC pave_core CURL::libcurl OpenSSL::Crypto pugixml::pugixml)

if(PAVE_BUILD_TESTS)
  # One label each: pave_test passes LABELS and ENVIRONMENT through one flat PROPERTIES list,
  # so an empty label list (or two labels) would swallow ENVIRONMENT (PAVE_SOURCE_DIR).
  pave_test(aws_http_test SOURCES curl_http_client_test.cc
    LIBS pave_aws_auth pave_testing_aws_auth LABELS tsan)
  pave_test(aws_http_limits_test SOURCES curl_http_limits_test.cc
    LIBS pave_aws_auth pave_testing_aws_auth LABELS aws)
  pave_test(aws_sigv4_test SOURCES sigv4_test.cc LIBS pave_aws_auth LABELS aws)
  pave_test(aws_config_test SOURCES config_test.cc LIBS pave_aws_auth pave_testing_aws_auth LABELS aws)
  pave_test(aws_credentials_test SOURCES credentials_test.cc
    LIBS pave_aws_auth pave_testing_aws_auth LABELS tsan)
  pave_test(aws_credentials_profile_test SOURCES credentials_profile_test.cc
    LIBS pave_aws_auth pave_testing_aws_auth LABELS aws)
  pave_test(aws_credentials_sources_test SOURCES credentials_sources_test.cc
    LIBS pave_aws_auth pave_testing_aws_auth LABELS aws)
  pave_test(aws_credentials_canary_test SOURCES credentials_canary_test.cc
    LIBS pave_aws_auth pave_testing_aws_auth LABELS aws)
  pave_test(aws_credentials_moto_test SOURCES credentials_moto_test.cc
    LIBS pave_aws_auth pave_testing_aws_auth LABELS moto)
  pave_test(aws_endpoints_test SOURCES endpoints_test.cc LIBS pave_aws_auth LABELS aws)
  pave_test(aws_retry_test SOURCES retry_test.cc rate_limiter_test.cc LIBS pave_aws_auth pave_testing_state LABELS tsan)
  pave_test(aws_shared_config_test SOURCES shared_config_test.cc
    LIBS pave_aws_auth pave_testing_aws_auth LABELS aws)
endif()
