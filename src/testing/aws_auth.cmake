# pave_testing_aws_auth: the loopback HTTP server (http_server.h), the moto fixture
# (moto_server.h), and OverlayEnv/TempDir (overlay_env.h) for tests of the AWS client.
add_library(pave_testing_aws_auth
  http_server.cc
  moto_server.cc
  overlay_env.cc
)
target_link_libraries(pave_testing_aws_auth PUBLIC pave_aws_auth pave_core Threads::Threads)
