# Security Hub (issue 14; tested with the baseline types in ../account/).
target_sources(pave_providers_aws PRIVATE ${CMAKE_CURRENT_LIST_DIR}/hub.cc
                                           ${CMAKE_CURRENT_LIST_DIR}/organization.cc)

if(PAVE_BUILD_TESTS)
  pave_test(providers_security_organization_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/organization_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
