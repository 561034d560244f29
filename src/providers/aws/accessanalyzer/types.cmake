# IAM Access Analyzer (issue 14).
target_sources(pave_providers_aws PRIVATE ${CMAKE_CURRENT_LIST_DIR}/analyzer.cc)

if(PAVE_BUILD_TESTS)
  pave_test(providers_accessanalyzer_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/analyzer_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
