# S3 resource types (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/bucket.cc
  ${CMAKE_CURRENT_LIST_DIR}/bucket_config.cc
  ${CMAKE_CURRENT_LIST_DIR}/bucket_objects.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_s3_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/bucket_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
