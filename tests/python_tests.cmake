# pave_python_tests(PREFIX SUITE[:SHARDS[:SECONDS]] TIMEOUT [DIR]): registers test_SUITE.py of
# DIR (default: the current source directory) as CTest test PREFIX_SUITE, or as PREFIX_SUITE_1..SHARDS run by
# shard.py (each test of the module in exactly one shard). SECONDS becomes COST, divided among
# the shards, so that CTest starts the long ones first. Label "e2e"; PAVE_BIN is the built pave.
function(pave_python_tests prefix entry timeout)
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  if(ARGC GREATER 3)
    set(dir ${ARGV3})
  endif()
  string(REPLACE ":" ";" parts "${entry}")
  list(LENGTH parts n)
  list(GET parts 0 suite)
  set(shards 1)
  set(seconds 10)
  if(n GREATER 1)
    list(GET parts 1 shards)
  endif()
  if(n GREATER 2)
    list(GET parts 2 seconds)
  endif()
  math(EXPR cost "${seconds} / ${shards}")
  if(shards EQUAL 1)
    add_test(NAME ${prefix}_${suite}
      COMMAND python3 -m unittest -v test_${suite}
      WORKING_DIRECTORY ${dir})
    set_tests_properties(${prefix}_${suite} PROPERTIES LABELS e2e TIMEOUT ${timeout} COST ${cost}
      ENVIRONMENT "PAVE_BIN=$<TARGET_FILE:pave>;PYTHONDONTWRITEBYTECODE=1")
    return()
  endif()
  math(EXPR last "${shards} - 1")
  foreach(k RANGE ${last})
    math(EXPR one "${k} + 1")
    add_test(NAME ${prefix}_${suite}_${one}
      COMMAND python3 ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/shard.py test_${suite} ${k} ${shards}
      WORKING_DIRECTORY ${dir})
    set_tests_properties(${prefix}_${suite}_${one} PROPERTIES LABELS e2e TIMEOUT ${timeout} COST ${cost}
      ENVIRONMENT "PAVE_BIN=$<TARGET_FILE:pave>;PYTHONDONTWRITEBYTECODE=1")
  endforeach()
endfunction()
