# `cpack -G DEB` in the build folder makes one package per install component (install.cmake),
# named as Debian names a library's packages:
#   ats-hook_<version>_<arch>.deb        cli: the tool, man page, completions, README
#   libatshook0_<version>_<arch>.deb     library: libatshook.so.0 (the 0 is the soname's), with
#                                        a shlibs file and the ldconfig trigger
#   libatshook-dev_<version>_<arch>.deb  development: header, .so link, CMake and pkg-config files
# Each has its copyright and changelog in /usr/share/doc/<package>.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ats-hook)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "ats-hook developers <ats-hook@example.com>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli library development)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP) # no groups: a package per component
# The packages install into /usr whatever CMAKE_INSTALL_PREFIX says.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# Debian policy 8.1: the runtime package is named after the soname, so that a new soname is a new
# package that can be installed beside the old one.
get_target_property(ATS_SOVERSION atshook_shared SOVERSION)
set(ATS_PACKAGE_cli ats-hook)
set(ATS_PACKAGE_library libatshook${ATS_SOVERSION})
set(ATS_PACKAGE_development libatshook-dev)

# A description's first line is the package's synopsis. CPACK_PACKAGE_DESCRIPTION_SUMMARY stays
# unset: CPack would put it above every package's description.
set(CPACK_DEBIAN_CLI_PACKAGE_NAME ${ATS_PACKAGE_cli})
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_CLI_DESCRIPTION [=[check, show and test HireHive webhook deliveries
ats-hook is a command-line tool for developers who receive webhooks from
the HireHive applicant tracking system. It validates payloads against the
schema of their event type, verifies and creates Standard Webhooks
signatures, shows events readably, emits realistic signed test events,
receives live deliveries and replays them.]=])
set(CPACK_DEBIAN_CLI_PACKAGE_SHLIBDEPS ON)

set(ats_library_about [=[libatshook gives C++ programs that receive webhooks from the HireHive
applicant tracking system the checks of the ats-hook tool: it verifies
Standard Webhooks signatures over the exact body bytes, validates payloads
against the schema of their event type and reads what an event is about.]=])

set(CPACK_DEBIAN_LIBRARY_PACKAGE_NAME ${ATS_PACKAGE_library})
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SOURCE ats-hook)
set(CPACK_DEBIAN_LIBRARY_DESCRIPTION "HireHive webhook checks of ats-hook - shared library
${ats_library_about}

This package holds the shared library, which programs built against it need
at run time.")
# Programs linked against libatshook.so.0 get `Depends: libatshook0 (>= this version)` from
# dpkg-shlibdeps through this file; the trigger has dpkg run ldconfig once after installing or
# removing. Both replace what CPack would generate (see cmake/debian/cpack_project_config.cmake.in).
configure_file(cmake/debian/shlibs.in ${CMAKE_CURRENT_BINARY_DIR}/debian/shlibs @ONLY)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_BINARY_DIR}/debian/shlibs ${CMAKE_CURRENT_SOURCE_DIR}/cmake/debian/triggers)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SHLIBDEPS OFF)

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME ${ATS_PACKAGE_development})
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SOURCE ats-hook)
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION "HireHive webhook checks of ats-hook - development files
${ats_library_about}

This package holds what building such a program needs: the header
atshook/atshook.hpp, the link to the library, the CMake package for
find_package(atshook) and the pkg-config file atshook.pc.")
# The CMake package names the library file of this very version.
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS "${ATS_PACKAGE_library} (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SHLIBDEPS OFF)

# The library package's Depends, computed at cpack time.
file(GENERATE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/CPackProjectConfig.cmake
     INPUT ${CMAKE_CURRENT_SOURCE_DIR}/cmake/debian/cpack_project_config.cmake.in)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_BINARY_DIR}/CPackProjectConfig.cmake)

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
# The library packages' own copies. A plain `cmake --install` has them once, in
# share/doc/ats-hook, so these come only with their component (as cpack installs them).
foreach(component IN ITEMS library development)
  install(FILES cmake/debian/copyright ${ATS_CHANGELOG_GZ}
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${ATS_PACKAGE_${component}}
    COMPONENT ${component} EXCLUDE_FROM_ALL)
endforeach()

include(CPack)
