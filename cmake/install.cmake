# What `cmake --install` puts where, in three components, each one Debian package (package.cmake):
#   cli          ats-hook: the tool, its man page, completions, README and copyright
#   library      libatshook0: libatshook.so.N, for programs linked against it
#   development  libatshook-dev: the public header, the .so link, the CMake package config and
#                the pkg-config file
# On Debian the library goes to the multiarch folder, lib/<triplet>, whatever the prefix:
# GNUInstallDirs picks it only for a /usr prefix, which the packages have and a build configured
# for /usr/local has not. The dynamic linker, pkg-config and find_package look below
# /usr/local/lib/<triplet> too. -DCMAKE_INSTALL_LIBDIR=lib still chooses otherwise; a build
# folder configured before this rule, with GNUInstallDirs' plain "lib" cached, moves over once.
if(CMAKE_LIBRARY_ARCHITECTURE AND EXISTS /etc/debian_version)
  if(NOT DEFINED CACHE{CMAKE_INSTALL_LIBDIR} OR
     (NOT DEFINED CACHE{ATS_HOOK_MULTIARCH_LIBDIR} AND CMAKE_INSTALL_LIBDIR STREQUAL "lib" AND
      DEFINED CACHE{_GNUInstallDirs_LAST_CMAKE_INSTALL_PREFIX}))
    set(CMAKE_INSTALL_LIBDIR lib/${CMAKE_LIBRARY_ARCHITECTURE} CACHE PATH
        "Object code libraries (lib/${CMAKE_LIBRARY_ARCHITECTURE})" FORCE)
  endif()
  set(ATS_HOOK_MULTIARCH_LIBDIR ON CACHE INTERNAL "The multiarch libdir default was applied")
endif()
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ATS_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/ats-hook)

# `cmake --install --strip`, and cpack (CPACK_STRIP_FILES), also drop the compiler's version
# notes in .comment after stripping, as Debian's dh_strip does (lintian:
# binary-has-unneeded-section).
function(ats_install_drop_comment target dir component)
  if(NOT CMAKE_OBJCOPY) # a toolchain without binutils: the note stays
    return()
  endif()
  if(IS_ABSOLUTE ${dir})
    set(file "\$ENV{DESTDIR}${dir}/$<TARGET_FILE_NAME:${target}>")
  else()
    set(file "\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${dir}/$<TARGET_FILE_NAME:${target}>")
  endif()
  install(CODE "if(CMAKE_INSTALL_DO_STRIP)
    execute_process(COMMAND \"${CMAKE_OBJCOPY}\" --remove-section=.comment \"${file}\"
                    COMMAND_ERROR_IS_FATAL ANY)
  endif()" COMPONENT ${component})
endfunction()

install(TARGETS ats-hook RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
ats_install_drop_comment(ats-hook ${CMAKE_INSTALL_BINDIR} cli)

# The network module is private to the tool (Debian policy 10.2: a package's own plugins go in
# a folder of its own under the library folder), found from the tool's folder by a relative
# path, so that an installed tree still works when moved, and cpack's /usr prefix needs no
# other build.
set(ATS_NETWORK_MODULE_DIR ${CMAKE_INSTALL_LIBDIR}/ats-hook)
install(TARGETS atshook_network LIBRARY DESTINATION ${ATS_NETWORK_MODULE_DIR} COMPONENT cli)
ats_install_drop_comment(atshook_network ${ATS_NETWORK_MODULE_DIR} cli)
cmake_path(ABSOLUTE_PATH ATS_NETWORK_MODULE_DIR BASE_DIRECTORY /prefix
           OUTPUT_VARIABLE ats_module_full)
cmake_path(ABSOLUTE_PATH CMAKE_INSTALL_BINDIR BASE_DIRECTORY /prefix OUTPUT_VARIABLE ats_bin_full)
cmake_path(RELATIVE_PATH ats_module_full BASE_DIRECTORY ${ats_bin_full}
           OUTPUT_VARIABLE ats_module_from_bin)
target_compile_definitions(ats-hook PRIVATE
  ATS_HOOK_NETWORK_MODULE_FROM_BINDIR="${ats_module_from_bin}/ats-hook-network.so")

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

# Where the shells look for a package's completions on Debian, relative to the prefix: bash
# as bash-completion's pkg-config file says, zsh's vendor-completions (Debian's $fpath has it;
# zsh's own site-functions is there only below /usr/local) and fish's vendor_completions.d.
set(ats_bash_completion_dir ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
if(PkgConfig_FOUND)
  execute_process(
    COMMAND ${PKG_CONFIG_EXECUTABLE} --define-variable=prefix=${CMAKE_INSTALL_PREFIX}
            --define-variable=datadir=${CMAKE_INSTALL_FULL_DATADIR} --variable=completionsdir
            bash-completion
    OUTPUT_VARIABLE ats_pkg_config_dir OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(ats_pkg_config_dir)
    cmake_path(IS_PREFIX CMAKE_INSTALL_PREFIX ${ats_pkg_config_dir} NORMALIZE ats_in_prefix)
    if(ats_in_prefix)
      cmake_path(RELATIVE_PATH ats_pkg_config_dir BASE_DIRECTORY ${CMAKE_INSTALL_PREFIX}
                 OUTPUT_VARIABLE ats_bash_completion_dir)
    endif()
  endif()
endif()
set(ATS_HOOK_BASH_COMPLETION_DIR ${ats_bash_completion_dir} CACHE PATH
    "Where the bash completion script is installed, relative to the prefix")
set(ATS_HOOK_ZSH_COMPLETION_DIR ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions CACHE PATH
    "Where the zsh completion script is installed, relative to the prefix")
set(ATS_HOOK_FISH_COMPLETION_DIR ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d CACHE PATH
    "Where the fish completion script is installed, relative to the prefix")
install(FILES ${ATS_COMPLETION}/ats-hook.bash DESTINATION ${ATS_HOOK_BASH_COMPLETION_DIR}
        RENAME ats-hook COMPONENT cli)
install(FILES ${ATS_COMPLETION}/ats-hook.zsh DESTINATION ${ATS_HOOK_ZSH_COMPLETION_DIR}
        RENAME _ats-hook COMPONENT cli)
install(FILES ${ATS_COMPLETION}/ats-hook.fish DESTINATION ${ATS_HOOK_FISH_COMPLETION_DIR}
        RENAME ats-hook.fish COMPONENT cli)

install(FILES README.md DESTINATION ${ATS_DOC_DIR} COMPONENT cli)
install(FILES cmake/debian/copyright DESTINATION ${ATS_DOC_DIR} COMPONENT cli)

install(TARGETS atshook_shared EXPORT atshookTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library
          NAMELINK_COMPONENT development)
ats_install_drop_comment(atshook_shared ${CMAKE_INSTALL_LIBDIR} library)
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

# atshook.pc for `pkg-config --cflags --libs atshook`. It names its prefix, which is known only
# when installing (/usr for the package, /usr/local or --prefix for `cmake --install`), so it is
# written then, from a template with everything else filled in now.
foreach(dir IN ITEMS LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE ${CMAKE_INSTALL_${dir}})
    set(ATS_PC_${dir} ${CMAKE_INSTALL_${dir}})
  else()
    set(ATS_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
if(IS_ABSOLUTE ${CMAKE_INSTALL_LIBDIR})
  set(ats_pc_destination ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
else()
  set(ats_pc_destination "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endif()
set(ATS_PC_PREFIX @ATS_PC_PREFIX@) # kept for the install step
configure_file(cmake/atshook.pc.in ${CMAKE_CURRENT_BINARY_DIR}/atshook.pc.in @ONLY)
install(CODE "
  set(ATS_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  string(MD5 ats_pc_dir \"\${CMAKE_INSTALL_PREFIX}\") # one file per prefix: installs may overlap
  set(ats_pc \"${CMAKE_CURRENT_BINARY_DIR}/pkgconfig/\${ats_pc_dir}/atshook.pc\")
  configure_file(\"${CMAKE_CURRENT_BINARY_DIR}/atshook.pc.in\" \"\${ats_pc}\" @ONLY)
  file(INSTALL DESTINATION \"${ats_pc_destination}\" TYPE FILE FILES \"\${ats_pc}\")"
  COMPONENT development)
