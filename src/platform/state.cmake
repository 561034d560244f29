# The `state:` section (where the state lives): state_section.{h,cc} and its test.
target_sources(pave_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR}/state_section.cc)
if(PAVE_BUILD_TESTS)
  pave_test(platform_state_section_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/state_section_test.cc
    LIBS pave_platform pave_testing_state
    LABELS unit)
endif()
