# The `baseline:` section (issue 14): blueprints/baseline.{h,cc} and its test.
target_sources(pave_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR}/blueprints/baseline.cc)
if(PAVE_BUILD_TESTS)
  pave_test(baseline_blueprint_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/blueprints/baseline_test.cc
    LIBS pave_platform pave_providers_aws pave_providers_builtin pave_testing_state
    LABELS unit)
endif()
