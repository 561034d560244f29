# ACM resource types (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/certificate.cc
  ${CMAKE_CURRENT_LIST_DIR}/certificate_validation.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_acm_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/acm_types_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
