# The `organization:` section: blueprints/organization.{h,cc} and its test.
target_sources(pave_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR}/blueprints/organization.cc)
if(PAVE_BUILD_TESTS)
  pave_test(organization_blueprint_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/blueprints/organization_test.cc
    LIBS pave_platform
    LABELS unit)
endif()
