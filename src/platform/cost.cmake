# Cost estimates (issue 16): the price table pave ships (cost/prices.json, embedded) and the
# estimator over declared or recorded resources (cost/).
set(PAVE_PRICES_FILE ${CMAKE_CURRENT_LIST_DIR}/cost/prices.json)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PAVE_PRICES_FILE})
file(READ ${PAVE_PRICES_FILE} PAVE_PRICES_JSON)
configure_file(${CMAKE_CURRENT_LIST_DIR}/cost/prices.cc.in ${CMAKE_CURRENT_BINARY_DIR}/cost_prices.cc @ONLY)
target_sources(pave_platform PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/cost/estimate.cc
  ${CMAKE_CURRENT_LIST_DIR}/cost/platform_cost.cc
  ${CMAKE_CURRENT_BINARY_DIR}/cost_prices.cc
)
if(PAVE_BUILD_TESTS)
  pave_test(platform_cost_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/cost/cost_test.cc
    LIBS pave_platform pave_providers_aws pave_providers_builtin pave_testing_state
    LABELS unit)
  target_compile_definitions(platform_cost_test PRIVATE PAVE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endif()
