# The `gitops:` section (issue 17): blueprints/gitops.{h,cc} and its test.
target_sources(pave_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR}/blueprints/gitops.cc)
if(PAVE_BUILD_TESTS)
  pave_test(gitops_blueprint_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/blueprints/gitops_test.cc
    LIBS pave_platform pave_providers_aws pave_testing_state
    LABELS unit)
endif()
