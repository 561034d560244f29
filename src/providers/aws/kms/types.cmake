# KMS resource types (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/alias.cc
  ${CMAKE_CURRENT_LIST_DIR}/key.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_kms_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/kms_types_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
