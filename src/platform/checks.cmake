# Well-Architected checks (issue 16): the rules, `pave check`'s engine and the `checks:`
# section that silences findings (checks/).
target_sources(pave_platform PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/checks/checks.cc
  ${CMAKE_CURRENT_LIST_DIR}/checks/checks_section.cc
  ${CMAKE_CURRENT_LIST_DIR}/checks/rules.cc
)
if(PAVE_BUILD_TESTS)
  pave_test(platform_checks_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/checks/checks_test.cc
    LIBS pave_platform pave_providers_aws pave_testing_state
    LABELS unit)
endif()
