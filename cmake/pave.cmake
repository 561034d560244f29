# pave_test(NAME SOURCES ... LIBS ... [LABELS ...]): one GoogleTest binary registered with
# CTest as one test (all its cases in one process: a sanitizer build's process start costs
# about a second, which per case was most of the unit tests' time). Run single cases with the
# binary's --gtest_filter. Tests labelled "tsan" are also built and run under ThreadSanitizer
# by `make test`. Every test gets PAVE_SOURCE_DIR in its environment.
add_custom_target(pave_tsan_tests)

function(pave_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  set(labels ${T_LABELS})
  if(NOT labels)
    set(labels "unit")
  endif()
  add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(${name} PROPERTIES LABELS "${labels}" ENVIRONMENT "PAVE_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
  if("tsan" IN_LIST T_LABELS)
    add_dependencies(pave_tsan_tests ${name})
  endif()
endfunction()
