# WAFv2 resource types (issue 14; tested with the baseline types in ../account/).
target_sources(pave_providers_aws PRIVATE ${CMAKE_CURRENT_LIST_DIR}/web_acl.cc
                                           ${CMAKE_CURRENT_LIST_DIR}/association.cc)
