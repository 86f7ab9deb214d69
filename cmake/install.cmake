# What `cmake --install` puts where, in three components:
#   cli          the tool, its man page, README and copyright: what the .deb holds
#   library      libatshook.so.N, for programs linked against it
#   development  the public header, the .so link and the CMake package config
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ATS_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/ats-hook)

install(TARGETS ats-hook RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)

# Debian policy wants man pages compressed with gzip -9 and no timestamp in the header (-n), so
# that the package is reproducible.
set(ATS_MAN_GZ ${CMAKE_CURRENT_BINARY_DIR}/ats-hook.1.gz)
add_custom_command(
  OUTPUT ${ATS_MAN_GZ}
  COMMAND gzip -9 -n -c ${CMAKE_CURRENT_SOURCE_DIR}/man/ats-hook.1 > ${ATS_MAN_GZ}
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/man/ats-hook.1
  COMMENT "Compressing the man page")
add_custom_target(man_page ALL DEPENDS ${ATS_MAN_GZ})
install(FILES ${ATS_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)

install(FILES README.md DESTINATION ${ATS_DOC_DIR} COMPONENT cli)
install(FILES cmake/debian/copyright DESTINATION ${ATS_DOC_DIR} COMPONENT cli)

install(TARGETS atshook_shared EXPORT atshookTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library
          NAMELINK_COMPONENT development)
install(FILES include/atshook/atshook.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/atshook COMPONENT development)

set(ATS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/atshook)
install(EXPORT atshookTargets NAMESPACE atshook:: DESTINATION ${ATS_CMAKE_DIR}
  COMPONENT development)
configure_package_config_file(cmake/atshookConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/atshookConfig.cmake INSTALL_DESTINATION ${ATS_CMAKE_DIR})
# 0.x: a new minor version may change the interface.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/atshookConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/atshookConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/atshookConfigVersion.cmake
  DESTINATION ${ATS_CMAKE_DIR} COMPONENT development)
