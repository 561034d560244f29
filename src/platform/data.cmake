# The `secrets:` and `buckets:` sections: blueprints/secrets.{h,cc}, blueprints/buckets.{h,cc}
# and their test (which parses whole platform files with the data resource types registered).
target_sources(pave_platform PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/buckets.cc
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/secrets.cc
)
if(PAVE_BUILD_TESTS)
  pave_test(data_blueprints_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/blueprints/data_blueprints_test.cc
    LIBS pave_platform pave_providers_aws pave_testing_state
    LABELS unit)
endif()
