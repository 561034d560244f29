# The `cluster:` section (EKS): blueprints/cluster.{h,cc}, its IAM documents, and its test.
target_sources(pave_platform PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/cluster.cc
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/cluster_iam.cc
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/cluster_checks.cc
)
if(PAVE_BUILD_TESTS)
  pave_test(cluster_blueprint_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/blueprints/cluster_test.cc
    LIBS pave_platform
    LABELS unit)
endif()
