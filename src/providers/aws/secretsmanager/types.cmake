# Secrets Manager resource types (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/secret.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_secretsmanager_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/secret_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
