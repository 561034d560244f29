# The `network:` section: blueprints/network.{h,cc} (resources), network_layout.{h,cc}
# (subnet numbering), and their test.
target_sources(pave_platform PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/network.cc
  ${CMAKE_CURRENT_LIST_DIR}/blueprints/network_layout.cc
)
if(PAVE_BUILD_TESTS)
  pave_test(network_blueprint_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/blueprints/network_test.cc
    LIBS pave_platform
    LABELS unit)
endif()
