# The `organization:` and `people:` sections: blueprints/organization.{h,cc}, people.{h,cc}
# and their test.
target_sources(pave_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR}/blueprints/organization.cc
                                     ${CMAKE_CURRENT_LIST_DIR}/blueprints/people.cc)
if(PAVE_BUILD_TESTS)
  pave_test(organization_blueprint_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/blueprints/organization_test.cc
    LIBS pave_platform
    LABELS unit)
endif()
