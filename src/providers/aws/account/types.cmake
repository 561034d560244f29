# The security baseline's types (issue 14): account hardening singletons (account/) and
# GuardDuty (guardduty/), all specs; their test runs them against moto (included from
# ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/account_types.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_baseline_moto_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/baseline_types_moto_test.cc
    LIBS pave_providers_aws pave_testing_aws_auth
    LABELS moto)
endif()
