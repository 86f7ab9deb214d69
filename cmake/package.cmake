# `cpack -G DEB` in the build folder: ats-hook_<version>_<arch>.deb holding the cli component
# (the tool, man page, completions, README, copyright and changelog). The library is installed by
# `cmake --install`; it is not in the package yet, so the package needs no soname policy.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ats-hook)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "ats-hook developers <ats-hook@example.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "check, show and test HireHive webhook deliveries")
set(CPACK_PACKAGE_DESCRIPTION
    "ats-hook is a command-line tool for developers who receive webhooks from\n"
    "the HireHive applicant tracking system. It validates payloads against the\n"
    "schema of their event type, verifies and creates Standard Webhooks\n"
    "signatures, shows events readably, emits realistic signed test events,\n"
    "receives live deliveries and replays them.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
# Only the cli component goes in, as one package named ats-hook.
set(CPACK_COMPONENTS_ALL cli)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
# The package installs into /usr whatever CMAKE_INSTALL_PREFIX says.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# A Debian changelog (policy 12.7): its version line comes from the project's one version.
set(ATS_CHANGELOG_GZ ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz)
configure_file(cmake/debian/changelog.in ${CMAKE_CURRENT_BINARY_DIR}/changelog @ONLY)
add_custom_command(
  OUTPUT ${ATS_CHANGELOG_GZ}
  COMMAND gzip -9 -n -c ${CMAKE_CURRENT_BINARY_DIR}/changelog > ${ATS_CHANGELOG_GZ}
  DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/changelog
  COMMENT "Compressing the Debian changelog")
add_custom_target(debian_changelog ALL DEPENDS ${ATS_CHANGELOG_GZ})
install(FILES ${ATS_CHANGELOG_GZ} DESTINATION ${ATS_DOC_DIR} COMPONENT cli)

include(CPack)
