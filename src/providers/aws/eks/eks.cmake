# EKS resource types and the IAM types they need (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/addon.cc
  ${CMAKE_CURRENT_LIST_DIR}/cluster.cc
  ${CMAKE_CURRENT_LIST_DIR}/eks_common.cc
  ${CMAKE_CURRENT_LIST_DIR}/eks_token.cc
  ${CMAKE_CURRENT_LIST_DIR}/node_group.cc
  ${CMAKE_CURRENT_LIST_DIR}/register_eks.cc
  ${CMAKE_CURRENT_LIST_DIR}/../iam/openid_connect_provider.cc
  ${CMAKE_CURRENT_LIST_DIR}/../iam/role_policy_attachment.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_eks_test
    SOURCES
      ${CMAKE_CURRENT_LIST_DIR}/eks_types_test.cc
      ${CMAKE_CURRENT_LIST_DIR}/eks_token_test.cc
      ${CMAKE_CURRENT_LIST_DIR}/../iam/iam_eks_types_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
