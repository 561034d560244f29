# Route53 resource types (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/delegation.cc
  ${CMAKE_CURRENT_LIST_DIR}/record.cc
  ${CMAKE_CURRENT_LIST_DIR}/route53_common.cc
  ${CMAKE_CURRENT_LIST_DIR}/zone.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_route53_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/route53_types_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
