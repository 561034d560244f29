# Engine fakes: an in-memory cloud per resource type (FakeResourceType), a shared call log,
# and an in-memory ChangeRecorder (MemRecorder). Used by engine tests and benchmarks.
add_library(pave_testing_engine
  ${CMAKE_CURRENT_LIST_DIR}/fake_provider.cc
  ${CMAKE_CURRENT_LIST_DIR}/mem_recorder.cc
)
target_link_libraries(pave_testing_engine PUBLIC pave_engine)
