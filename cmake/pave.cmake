# pave_test(NAME SOURCES ... LIBS ... [LABELS ...]): one GoogleTest binary registered with
# CTest. Tests labelled "tsan" are also built and run under ThreadSanitizer by `make test`.
# Every test gets PAVE_SOURCE_DIR in its environment.
add_custom_target(pave_tsan_tests)

function(pave_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  # One value per property: gtest_discover_tests splits lists, so several labels are joined
  # with "," here and split again by CTest's label matching (-L uses a regex).
  string(REPLACE ";" "," labels "${T_LABELS}")
  if(NOT labels)
    set(labels "unit")
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${labels}" ENVIRONMENT "PAVE_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
  if("tsan" IN_LIST T_LABELS)
    add_dependencies(pave_tsan_tests ${name})
  endif()
endfunction()
