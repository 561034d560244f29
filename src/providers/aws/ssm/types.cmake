# SSM Parameter Store resource types (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/deploy_key.cc
  ${CMAKE_CURRENT_LIST_DIR}/parameter.cc
  ${CMAKE_CURRENT_LIST_DIR}/redact.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_ssm_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/parameter_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
