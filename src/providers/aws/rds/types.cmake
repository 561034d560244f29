# RDS resource types (included from ../CMakeLists.txt).
target_sources(pave_providers_aws PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/db_instance.cc
  ${CMAKE_CURRENT_LIST_DIR}/db_subnet_group.cc
)

if(PAVE_BUILD_TESTS)
  pave_test(providers_rds_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/rds_types_test.cc
    LIBS pave_providers_aws
    LABELS unit)
endif()
