# The `databases:` section (RDS PostgreSQL): blueprints/databases.{h,cc} and its test (which
# parses whole platform files with the network, cluster and data resource types registered).
target_sources(pave_platform PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/databases.cc
)
if(PAVE_BUILD_TESTS)
  pave_test(databases_blueprint_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/blueprints/databases_test.cc
    LIBS pave_platform pave_providers_aws pave_testing_state
    LABELS unit)
endif()
