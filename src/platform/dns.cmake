# The `dns:` and `certificates:` sections: blueprints/dns.{h,cc}, blueprints/certificates.{h,cc}
# and their test (which parses whole platform files with the Route53 and ACM types registered).
target_sources(pave_platform PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/certificates.cc
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/dns.cc
)
if(PAVE_BUILD_TESTS)
  pave_test(dns_blueprints_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/blueprints/dns_blueprints_test.cc
    LIBS pave_platform pave_providers_aws pave_testing_state
    LABELS unit)
endif()
