# IAM Identity Center (sso-admin) and identity store types, for people.sso.
target_sources(pave_providers_aws PRIVATE ${CMAKE_CURRENT_LIST_DIR}/sso_types.cc)
