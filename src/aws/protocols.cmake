add_library(pave_aws INTERFACE)
target_link_libraries(pave_aws INTERFACE pave_aws_auth)
