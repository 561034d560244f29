# AWS Organizations resource types, and the IAM groups people are put in (iam/group.cc), with
# their moto tests (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/account.cc
  ${CMAKE_CURRENT_LIST_DIR}/delegation.cc
  ${CMAKE_CURRENT_LIST_DIR}/organization.cc
  ${CMAKE_CURRENT_LIST_DIR}/organizational_unit.cc
  ${CMAKE_CURRENT_LIST_DIR}/policy.cc
  ${CMAKE_CURRENT_LIST_DIR}/register_organizations.cc
  ${CMAKE_CURRENT_LIST_DIR}/../iam/group.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_organizations_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/organizations_types_test.cc
    LIBS pave_providers_aws pave_testing_aws_auth
    LABELS moto)
endif()
