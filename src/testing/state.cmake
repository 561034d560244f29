# MemEnv: an in-memory Env with fault injection (crash, full disk, clock, processes), for
# every area's tests.
add_library(pave_testing_state mem_env.cc)
target_link_libraries(pave_testing_state PUBLIC pave_core)

pave_test(mem_env_test SOURCES mem_env_test.cc LIBS pave_testing_state)
