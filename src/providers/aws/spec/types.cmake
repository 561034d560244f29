# Resource types as data: the spec, the generic type that runs it, and the check of every
# spec against the embedded botocore models (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/spec_check.cc
  ${CMAKE_CURRENT_LIST_DIR}/spec_constraints.cc
  ${CMAKE_CURRENT_LIST_DIR}/spec_type.cc
  ${CMAKE_CURRENT_LIST_DIR}/spec_wait.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_spec_test
    SOURCES
      ${CMAKE_CURRENT_LIST_DIR}/route53_tags_test.cc
      ${CMAKE_CURRENT_LIST_DIR}/spec_check_test.cc
      ${CMAKE_CURRENT_LIST_DIR}/spec_constraints_test.cc
      ${CMAKE_CURRENT_LIST_DIR}/spec_type_test.cc
      ${CMAKE_CURRENT_LIST_DIR}/spec_wait_test.cc
    LIBS pave_providers_aws pave_testing_state
    LABELS unit)
endif()
